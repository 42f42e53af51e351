"""Material You system colours (Android 13/14, the default blue wallpaper theme), light and
dark: what Settings and the notification shade are drawn with, so dark theme changes both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    """The colour roles the system screens use."""

    background: str
    surface: str
    """Rounded list groups and notification cards."""
    text: str
    text_secondary: str
    primary: str
    on_primary: str
    tile_on: str
    tile_off: str
    on_tile_on: str
    on_tile_off: str
    switch_track_off: str
    switch_thumb_off: str
    divider: str
    search: str
    dark: bool


LIGHT = Palette(
    background="#f0f4f9",
    surface="#ffffff",
    text="#1f1f1f",
    text_secondary="#444746",
    primary="#0b57d0",
    on_primary="#ffffff",
    tile_on="#a8c7fa",
    tile_off="#dde3ea",
    on_tile_on="#041e49",
    on_tile_off="#1f1f1f",
    switch_track_off="#e1e3e1",
    switch_thumb_off="#747775",
    divider="#e1e3e1",
    search="#e1e6ee",
    dark=False,
)
DARK = Palette(
    background="#131314",
    surface="#1e1f20",
    text="#e3e3e3",
    text_secondary="#c4c7c5",
    primary="#a8c7fa",
    on_primary="#062e6f",
    tile_on="#a8c7fa",
    tile_off="#333537",
    on_tile_on="#041e49",
    on_tile_off="#e3e3e3",
    switch_track_off="#333537",
    switch_thumb_off="#8e918f",
    divider="#444746",
    search="#282a2c",
    dark=True,
)


def palette(dark: bool) -> Palette:
    """The palette of the light or the dark theme."""
    return DARK if dark else LIGHT
