"""The cue index (`cue_index.py`): reading an instruction with it finds exactly the cue spans
that looking each frame's groups up on its own finds, and parsing does not grow any cache."""

from __future__ import annotations

import contextlib
from pathlib import Path

from android_gym.errors import UnsupportedTask
from android_gym.families import _SPECIFIC, frames_of, reader, resolve
from android_gym.families.cue_index import CueIndex
from android_gym.families.evaluate import load_rows
from android_gym.families.grammar import _PHRASE_SETS, Analysis

DATA = Path(__file__).parents[1] / "data" / "paraphrases"


def _texts() -> list[str]:
    return [row["text"] for name in ("tuned", "dev2") for row in load_rows(DATA / f"{name}.yaml")]


def test_the_index_finds_the_cue_spans_of_every_frame_in_every_instruction() -> None:
    frames = [frame for family in _SPECIFIC for frame in frames_of(family)]
    assert any(frame.cues for frame in frames)
    for text in _texts():
        a = reader().analyse(text)
        assert a.cue_index is not None
        plain = Analysis(a.text, a.tokens, a.polite, a.clauses)  # no index: each group looked up
        for frame in frames:
            indexed = [sorted(spans) for spans in a.group_spans(frame, frame.cues)]
            looked_up = [sorted(spans) for spans in plain.group_spans(frame, frame.cues)]
            assert indexed == looked_up, (text, frame.family, frame.intent)
            missing = a.missing_cue(frame, frame.cues)
            assert missing == plain.missing_cue(frame, frame.cues)
            assert missing == next((k for k, s in enumerate(looked_up) if not s), None)


def test_an_owner_the_index_does_not_hold_is_looked_up_directly() -> None:
    index = CueIndex([("mine", ((("weather",),),))])
    a = reader().analyse("weather in Paris")
    hits = index.hits(a.index)
    assert index.spans(hits, "mine") == [[(0, 1)]]
    assert index.spans(hits, object()) is None


def test_parsing_keeps_no_phrase_set_per_call() -> None:
    """Template phrases are one tuple per frame: a set of phrases is made once per tuple, so
    parsing the same instructions again adds none (a tuple made per reading grew it forever)."""
    texts = _texts()[:60]
    sizes = []
    for _ in range(2):
        for text in texts:
            with contextlib.suppress(UnsupportedTask):
                resolve(text)
        sizes.append(len(_PHRASE_SETS))
    assert sizes[0] == sizes[1]
