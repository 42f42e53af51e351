"""An episode as an animated GIF: each frame with its action drawn on it (the marks of
`overlay`) and a caption line, ending on the final observation."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from android_gym.evaluation.viewer import overlay
from android_gym.evaluation.viewer.episode_page import screen_size, step_view
from android_gym.recording import RecordedEpisode

WIDTH = 320
CAPTION = 34
STEP_MS = 900
LAST_MS = 2500


def write_gif(episode: RecordedEpisode, path: Path, width: int = WIDTH) -> Path:
    """Writes `episode` to `path` as a looping GIF `width` pixels wide; returns `path`."""
    from android_gym.sim.theme import font

    size = screen_size(episode)
    height = round(width * size[1] / size[0])
    views = [
        (step_view(step.observation, step, size), f"{t}: {step.action or 'unparsed'}")
        for t, step in enumerate(episode.steps)
    ]
    if episode.final_observation is not None:
        outcome = "success" if episode.success else "failure"
        views.append((step_view(episode.final_observation, None, size), f"end: {outcome}"))
    frames = []
    for view, caption in views:
        canvas = Image.new("RGB", (width, height + CAPTION), "white")
        try:
            with Image.open(view.frame) as image:
                small = image.convert("RGB").resize(
                    (width, height), Image.Resampling.BILINEAR, reducing_gap=2.0
                )
                canvas.paste(small, (0, 0))
        except OSError:
            ImageDraw.Draw(canvas).text((10, height // 2), "frame missing", fill="#c62828")
        draw = ImageDraw.Draw(canvas)
        _draw_marks(draw, view.marks, width, height, font("medium", 15))
        draw.text((6, height + 8), caption[:44], fill="black", font=font("regular", 14))
        frames.append(canvas.quantize(colors=255, method=Image.Quantize.FASTOCTREE))
    if not frames:
        frames = [Image.new("P", (width, height + CAPTION), 0)]
    path.parent.mkdir(parents=True, exist_ok=True)
    durations = [STEP_MS] * (len(frames) - 1) + [LAST_MS]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return path


def _draw_marks(
    draw: ImageDraw.ImageDraw, marks: list[overlay.Mark], width: int, height: int, font
) -> None:
    line = max(2, width // 100)
    for mark in marks:
        pixels = [(x * width, y * height) for y, x in mark.points]
        if mark.kind == "box":
            (x1, y1), (x2, y2) = pixels
            draw.rectangle((x1, y1, x2, y2), outline=overlay.BOX_COLOR, width=line)
        elif mark.kind == "dot":
            (x, y), r = pixels[0], overlay.DOT_RADIUS * width
            draw.ellipse((x - r, y - r, x + r, y + r), fill=overlay.COLOR, outline="white", width=2)
        elif mark.kind == "arrow":
            (x1, y1), (x2, y2) = pixels
            draw.line((x1, y1, x2, y2), fill=overlay.COLOR, width=2 * line)
            _arrow_head(draw, (x1, y1), (x2, y2), 5 * line)
        else:  # text and badge: a label, typed text low on the screen, a badge in the middle
            label = ("⌨ " if mark.kind == "text" else "") + mark.label[:40]
            y = height * (0.85 if mark.kind == "text" else 0.45)
            box = draw.textbbox((width / 2, y), label, font=font, anchor="mm")
            draw.rounded_rectangle(
                (box[0] - 6, box[1] - 4, box[2] + 6, box[3] + 4), radius=5, fill=overlay.COLOR
            )
            draw.text((width / 2, y), label, fill="white", font=font, anchor="mm")


def _arrow_head(
    draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float], size: float
) -> None:
    import math

    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - size * math.cos(angle - 0.5), end[1] - size * math.sin(angle - 0.5))
    right = (end[0] - size * math.cos(angle + 0.5), end[1] - size * math.sin(angle + 0.5))
    draw.polygon([end, left, right], fill=overlay.COLOR)
