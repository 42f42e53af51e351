"""Which intents an instruction can be: an index from cue phrases to the frames they cue.

Every frame with cues needs one phrase of each of its cue groups (`frames.py`). Rather than
looking every frame's groups up in every instruction (73 frames, thousands of phrases), the
registry indexes each cue phrase once, to the (frame, group) pairs it belongs to; an
instruction's few runs of words are then looked up once, and a frame whose groups are not all
there declines at once. The result is the same as looking each group up on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

Phrase = tuple[str, ...]
Span = tuple[int, int]


class CueIndex:
    """Cue phrases -> the (owner, group) pairs they belong to, for a fixed set of owners (the
    registered frames, held here so that their ids stay theirs)."""

    def __init__(self, owners: Iterable[tuple[object, tuple[tuple[Phrase, ...], ...]]]) -> None:
        self._owners: dict[int, tuple[object, int]] = {}
        self._where: dict[Phrase, list[tuple[int, int]]] = {}
        for owner, groups in owners:
            self._owners[id(owner)] = (owner, len(groups))
            for k, group in enumerate(groups):
                for p in set(group):
                    self._where.setdefault(p, []).append((id(owner), k))

    def knows(self, owner: object) -> bool:
        """Whether the index holds `owner`'s groups."""
        known = self._owners.get(id(owner))
        return known is not None and known[0] is owner

    def hits(self, index: dict[Phrase, list[int]]) -> dict[int, list[list[Span]]]:
        """For an instruction's runs of words (`grammar.grams`): owner id -> each of its groups'
        (start, end) spans, for the owners with at least one group there."""
        found: dict[int, list[list[Span]]] = {}
        owners, where = self._owners, self._where
        for gram, starts in index.items():
            n = len(gram)
            for owner, k in where.get(gram, ()):
                groups = found.get(owner)
                if groups is None:
                    groups = found[owner] = [[] for _ in range(owners[owner][1])]
                groups[k] += [(i, i + n) for i in starts]
        return found

    def spans(self, hits: dict[int, list[list[Span]]], owner: object) -> list[list[Span]] | None:
        """Each cue group's spans for one owner (no spans for a group not there); None when the
        owner is not indexed here."""
        known = self._owners.get(id(owner))
        if known is None or known[0] is not owner:
            return None
        return hits.get(id(owner)) or [[] for _ in range(known[1])]
