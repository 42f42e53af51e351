"""A readable account of how an instruction was parsed, for people debugging task lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from android_gym.families.frames import Reading


@dataclass
class Explanation:
    """What the parser saw and decided: the words as read (politeness gone, glued words split,
    typos fixed, numbers in digits), the family with its parameters, the cues it found, and
    why each other intent declined; or why the instruction is unsupported."""

    instruction: str
    words: list[str] = field(default_factory=list)
    family: str | None = None
    params: dict[str, Any] | None = None
    cues: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)
    declined: dict[str, str] = field(default_factory=dict)
    near: dict[str, str] = field(default_factory=dict)
    """Declined intents whose cues were all there (a near miss blocks the generic search)."""
    unsupported: str | None = None
    planned: str | None = None

    def miss(self, intent: str, reason: str, cued: bool = False) -> None:
        """Records why `intent` (family.intent) declined (the last step's reason wins)."""
        self.declined[intent] = reason
        if cued:
            self.near[intent] = reason

    def read(self, reading: Reading | None) -> None:
        """Records the chosen reading's cues and values."""
        if reading is not None:
            self.cues, self.values = reading.cues, dict(reading.params)

    def __str__(self) -> str:
        out = [f"instruction: {self.instruction!r}", f"read as:     {' '.join(self.words)!r}"]
        if self.family is not None:
            out.append(f"family:      {self.family} {self.params}")
        else:
            out.append(f"unsupported: {self.unsupported}")
        if self.cues:
            out.append(f"cues:        {', '.join(self.cues)}")
        if self.values:
            out.append(f"values:      {', '.join(f'{k}={v!r}' for k, v in self.values.items())}")
        if self.near:
            out.append("declined although their cues are there:")
            out += [f"  {name:28s} {why}" for name, why in self.near.items()]
        others = [name for name in self.declined if name not in self.near]
        if others:
            out.append(f"not asked for (no cue or no value): {', '.join(others)}")
        return "\n".join(out)
