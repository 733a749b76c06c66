"""What a comparison of two prints finds: provisions inserted, removed, moved or renumbered,
the word edits inside them, each with its place in both prints; and notes on what is not a
change of the text (markers, ids, whitespace, metadata)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from drafter.core.phrases import counted

ChangeKind = Literal["inserted", "removed", "changed"]
NoteKind = Literal["guid", "eid", "whitespace", "metadata"]


@dataclass(frozen=True)
class Place:
    """A printed line: page and line number."""

    page: int
    line: int

    def __str__(self) -> str:
        return f"page {self.page}, line {self.line}"


@dataclass(frozen=True)
class ProvisionRef:
    """One provision in one print: how to cite it and where it starts."""

    citation: str
    kind: str
    num: str
    heading: str
    eid: str
    guid: str
    place: Place | None


@dataclass(frozen=True)
class Edit:
    """Words changed inside a matched provision. ``old``/``new`` are the words as printed
    ("" for a pure insertion or deletion); the spans are offsets in each print's text (an
    empty span is the point where words go in or came out); the places are the printed lines
    where the edit stands in each print."""

    old: str
    new: str
    old_span: tuple[int, int]
    new_span: tuple[int, int]
    old_place: Place | None
    new_place: Place | None

    @property
    def type(self) -> Literal["insert", "delete", "replace"]:
        if not self.old:
            return "insert"
        if not self.new:
            return "delete"
        return "replace"


@dataclass(frozen=True)
class Change:
    """One provision that differs. ``inserted``: only in the new print (``new`` set, ``text``
    its words); ``removed``: only in the old (``old`` set); ``changed``: in both, with word
    ``edits`` and/or ``moved``/``renumbered``. ``segments`` is the provision's own text as
    ("=", words), ("-", words), ("+", words) pieces, each with its leading space, for inline
    tracked changes. ``context`` is the enclosing clause or Schedule with its heading.
    ``old_span`` and ``new_span`` are where the provision stands in each print's text;
    ``stood`` is the offset of the new print where a removed or moved provision stood in the
    old one (beside its siblings that stayed), so that a whole-print document can show it
    there."""

    kind: ChangeKind
    old: ProvisionRef | None
    new: ProvisionRef | None
    context: str = ""
    moved: bool = False
    renumbered: bool = False
    edits: tuple[Edit, ...] = ()
    segments: tuple[tuple[str, str], ...] = ()
    text: str = ""
    old_span: tuple[int, int] | None = None
    new_span: tuple[int, int] | None = None
    stood: int | None = None

    @property
    def citation(self) -> str:
        ref = self.new or self.old
        return ref.citation if ref else ""


@dataclass(frozen=True)
class Note:
    """A difference that is not a change of text: a new GUID or eId for the same provision,
    whitespace inside the XML, a metadata value."""

    kind: NoteKind
    citation: str
    old: str
    new: str


@dataclass(frozen=True)
class Changes:
    """The result of :func:`compare`: text changes in the old print's order (insertions at
    their place in the new print), then the other differences."""

    old_name: str
    new_name: str
    changes: tuple[Change, ...]
    notes: tuple[Note, ...] = ()
    #: matched provisions whose text is the same but whose first printed line moved
    layout_shifts: int = 0
    #: provisions matched by GUID, number/heading, similarity
    matched: dict[str, int] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        """True when the two prints say the same words (notes aside)."""
        return not self.changes

    def counts(self) -> Counter[str]:
        c: Counter[str] = Counter()
        for ch in self.changes:
            c[ch.kind] += 1
            c["moved"] += ch.moved
            c["renumbered"] += ch.renumbered
            c["edits"] += len(ch.edits)
            c["worded"] += bool(ch.edits)  # not those only renumbered or moved
        return c

    def summary(self) -> str:
        """The comparison in one sentence, as every renderer ends it."""
        if self.identical:
            return "The two prints say the same words."
        c = self.counts()
        return (
            f"{counted(c['edits'], 'word change')} in {counted(c['worded'], 'provision')}; "
            f"{c['inserted']} inserted, {c['removed']} removed, {c['moved']} moved, "
            f"{c['renumbered']} renumbered."
        )
