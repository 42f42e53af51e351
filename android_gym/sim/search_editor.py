"""The search editor shared by Chrome's omnibox, the Google app and google.com: a focused
field under a back arrow, a clear button, and the suggestions below it.

Tapping a suggestion searches it; its arrow copies it into the field. Suggestions are not
results: nothing is searched until the user picks one or presses Enter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, field, icon, row, text


@dataclass(frozen=True)
class EditorStyle:
    """Colours and resource ids, which differ between the apps that show the editor."""

    field_id: str
    hint: str = "Search"
    clear_desc: str = "Clear"
    bar: str = theme.WHITE
    fg: str = theme.TEXT_SECONDARY
    text_color: str = theme.TEXT
    list_id: str = "suggestions_list"
    row_id: str = ""
    text_id: str = "suggestion_text"
    height: float = 56
    mic_when_empty: bool = False


def search_editor(
    typed: str,
    suggestions: list[str],
    *,
    style: EditorStyle,
    on_change: Callable[[str], None],
    on_submit: Callable[[], None],
    on_pick: Callable[[str], None],
    on_back: Callable[[], None],
    top: list[View] | None = None,
) -> View:
    """The editor for `typed` with `suggestions`, below the rows of `top` (the Play Store's
    app suggestions); every handler must reach live state when it runs (screens are cached)."""
    trailing: View | None = None
    if typed:
        trailing = icon(
            "close",
            22,
            color=style.fg,
            desc=style.clear_desc,
            on_tap=lambda: on_change(""),
            rid="delete_button",
        )
    elif style.mic_when_empty:
        trailing = icon("mic", 22, color=theme.GOOGLE_BLUE, desc="Voice search")
    header = row(
        icon("arrow_back", 24, color=style.fg, desc="Back", on_tap=on_back),
        field(
            typed,
            hint=style.hint,
            size=17,
            flex=1,
            pad=(16, 0, 8, 0),
            focused=True,
            rid=style.field_id,
            on_change=on_change,
            on_submit=on_submit,
            on_tap=lambda: None,
            color=style.text_color,
            desc=style.hint,
        ),
        trailing,
        h=style.height,
        pad=(16, 0, 16, 0),
        bg=style.bar,
        rid="toolbar",
    )
    rows = [
        row(
            icon("search", 20, color=theme.TEXT_SECONDARY),
            text(s, size=16, flex=1, pad=(16, 0, 0, 0), rid=style.text_id, lines=1),
            icon(
                "north_west",
                20,
                color=theme.TEXT_SECONDARY,
                desc=f"Refine {s}",
                on_tap=lambda s=s: on_change(s),
            ),
            h=52,
            pad=(20, 0, 16, 0),
            desc=s,
            on_tap=lambda s=s: on_pick(s),
            rid=style.row_id,
            cls="android.widget.LinearLayout",
        )
        for s in suggestions
    ]
    return col(
        header,
        divider(),
        col(
            *(top or ()),
            *rows,
            flex=1,
            bg=theme.WHITE,
            rid=style.list_id,
            cls="android.widget.ListView",
        ),
        flex=1,
        bg=theme.WHITE,
    )
