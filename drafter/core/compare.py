"""Compare two prints of a bill the way a reader does: provision by provision, word by word.

:func:`compare` matches the provisions of the old print to those of the new one — by GUID
(stable across prints), then by number and heading, then by the similarity of their words (a
renumbered or moved provision) — and reports, as :class:`Changes`:

- provisions inserted and removed (only the outermost: a new clause's subsections come with it);
- provisions matched but moved (under another parent, or out of order) or renumbered;
- word-level edits inside matched provisions: insertions, deletions, replacements of whole
  words (diff-match-patch over word tokens, with its semantic clean-up).

A provision's *own* text is compared: its heading and the words before, between and after its
child provisions, not its number and not its children's words — so each edit is reported once,
at the innermost provision. A quoted structure (another Act's text quoted in an amending
clause) is compared as the text of the quotation. Provisions whose own text is identical are
skipped by hash. Page/line marker shifts, GUID-only and eId-only changes, whitespace inside
the XML and metadata (bill number, stage) are not text changes: they are :class:`Note`\\ s.

Each change knows its place in both prints (page and line) and its provision's citation in
each. :func:`amendments_between` turns a comparison into the amendments, citing the *old*
print in the House's wording, that make the old text into the new.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from diff_match_patch import diff_match_patch
from lxml import etree

from drafter.core.bill import Bill, Provision, normalise_num
from drafter.core.layout import Line, Print, printed_text
from drafter.core.xml import AKN_NS

if TYPE_CHECKING:
    from drafter.core.amendment import Amendment

_A = f"{{{AKN_NS}}}"

#: A word (letters, digits, inner apostrophes) or one punctuation mark.
TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")

#: More words than this go as "leave out from “a” to “b”" (the House's practice).
QUOTE_IN_FULL = 5

ChangeKind = Literal["inserted", "removed", "changed"]
NoteKind = Literal["guid", "eid", "whitespace", "typography", "metadata"]
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def same_but_quotes(a: str, b: str) -> bool:
    """The same words with other quotation marks (straight for curly): a typesetting fix."""
    return a != b and a.translate(_QUOTES) == b.translate(_QUOTES)


# --- results ---------------------------------------------------------------------------------


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
    tracked changes. ``context`` is the enclosing clause or Schedule with its heading."""

    kind: ChangeKind
    old: ProvisionRef | None
    new: ProvisionRef | None
    context: str = ""
    moved: bool = False
    renumbered: bool = False
    edits: tuple[Edit, ...] = ()
    segments: tuple[tuple[str, str], ...] = ()
    text: str = ""

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
        return c


# --- one print, indexed for comparison ------------------------------------------------------


class _Token(NamedTuple):
    """One word or mark of a provision's own text: where it stands in the print, and which of
    the provision's segments (pieces of own text between its children) it is in."""

    start: int
    end: int
    text: str
    segment: int


_new_token = tuple.__new__  # builds a _Token several times faster than _Token(...)


class _Side:
    """The provisions of one print in document order, with parents, spans and own text."""

    def __init__(self, bill: Bill) -> None:
        self.bill = bill
        self.pr: Print = bill.print
        self.text = self.pr.text
        self.provisions: list[Provision] = list(bill.provisions())
        els = [p.element for p in self.provisions]
        self.elements = els
        index = {el: i for i, el in enumerate(els)}
        self.index = index
        self.parent: list[int] = []
        self.children: list[list[int]] = [[] for _ in els]
        for i, el in enumerate(els):
            node = el.getparent()
            while node is not None and node not in index:
                node = node.getparent()
            p = index[node] if node is not None else -1
            self.parent.append(p)
            if p >= 0:
                self.children[p].append(i)
        self.kind = [p.kind for p in self.provisions]
        self.guid = [el.get("GUID", "") for el in els]
        self.eid = [el.get("eId", "") for el in els]
        self.span = self.pr.spans(els)  # one sweep of the print, not one walk per provision
        self.num = [_plain_text(el.find(_A + "num")) for el in els]
        self.number = [normalise_num(n) for n in self.num]
        self.heading = [_plain_text(el.find(_A + "heading")) for el in els]
        self.segments = [self._own_segments(i) for i in range(len(els))]
        text = self.text
        self.own = [" ".join(text[a:b].strip() for a, b in segs) for segs in self.segments]
        self._tokens: dict[int, list[_Token]] = {}
        self._citations: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.elements)

    def _own_segments(self, i: int) -> list[tuple[int, int]]:
        """Spans of the print holding provision ``i``'s own words (not its number, not its
        children's words)."""
        span = self.span[i]
        if span is None:
            return []
        holes: list[tuple[int, int]] = []
        num = self.elements[i].find(_A + "num")
        if num is not None:
            s = self.pr.span_of(num)
            if s is not None:
                holes.append(s)
        for c in self.children[i]:
            s = self.span[c]
            if s is not None:
                holes.append(s)
        holes.sort()
        out: list[tuple[int, int]] = []
        at, end = span
        text = self.text
        for a, b in holes:
            if a > at and text[at:a].strip():
                out.append(_trimmed(text, at, a))
            at = max(at, b)
        if end > at and text[at:end].strip():
            out.append(_trimmed(text, at, end))
        return out

    def tokens(self, i: int) -> list[_Token]:
        found = self._tokens.get(i)
        if found is None:
            text = self.text
            found = []
            for k, (a, b) in enumerate(self.segments[i]):
                found.extend(
                    [
                        _new_token(_Token, (*m.span(), m.group(), k))
                        for m in TOKEN.finditer(text, a, b)
                    ]
                )
            self._tokens[i] = found
        return found

    def place(self, offset: int) -> Place | None:
        if not self.pr.lines:
            return None
        line = self.pr.line_at(max(0, offset))
        return Place(line.page, line.number)

    def line(self, offset: int) -> Line:
        return self.pr.line_at(max(0, offset))

    def first_place(self, i: int) -> Place | None:
        span = self.span[i]
        return self.place(span[0]) if span else None

    def citation(self, i: int) -> str:
        """Provision ``i``'s citation, worked out when first asked for (only reported
        provisions are)."""
        found = self._citations.get(i)
        if found is None:
            found = self._citations[i] = self.provisions[i].citation
        return found

    def ref(self, i: int) -> ProvisionRef:
        return ProvisionRef(
            citation=self.citation(i),
            kind=self.kind[i],
            num=self.num[i],
            heading=self.heading[i],
            eid=self.eid[i],
            guid=self.guid[i],
            place=self.first_place(i),
        )

    def top(self, i: int) -> int:
        """The clause or Schedule holding provision ``i`` (or -1)."""
        j = i
        while j >= 0:
            if self.kind[j] in ("clause", "schedule"):
                return j
            j = self.parent[j]
        return -1

    def context(self, i: int) -> str:
        t = self.top(i)
        if t < 0:
            return ""
        cite = self.citation(t)
        head = self.heading[t]
        return f"{cite} — {head}" if head else cite

    def full_text(self, i: int) -> str:
        span = self.span[i]
        return self.text[span[0] : span[1]] if span else ""


def _plain_text(el: etree._Element | None) -> str:
    """A number's or heading's words (they hold no quotations the print adds)."""
    if el is None:
        return ""
    if len(el) == 0:
        return " ".join((el.text or "").split())
    return printed_text(el)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# --- matching ---------------------------------------------------------------------------------


def _match(old: _Side, new: _Side) -> tuple[dict[int, int], dict[str, int]]:
    """Old provision index -> new provision index, and how many each rule matched."""
    m: dict[int, int] = {}
    stats = {"guid": 0, "number": 0, "similarity": 0}
    by_guid = {g: j for j, g in enumerate(new.guid) if g}
    for i, g in enumerate(old.guid):
        j = by_guid.get(g) if g else None
        if j is not None and old.kind[i] == new.kind[j]:
            m[i] = j
            stats["guid"] += 1
    taken = set(m.values())

    # number and heading: under the matched parent, then (clauses, Schedules) anywhere
    def keyed(
        side: _Side, idx: list[int], parent_of: dict[int, int] | None
    ) -> dict[tuple[str, int, str, str], list[int]]:
        out: dict[tuple[str, int, str, str], list[int]] = {}
        for k in idx:
            if not (side.number[k] or side.heading[k]):
                continue
            p = side.parent[k]
            pk = (parent_of.get(p, -2) if p >= 0 else -1) if parent_of is not None else p
            out.setdefault((side.kind[k], pk, side.number[k], side.heading[k]), []).append(k)
        return out

    for _round in range(2):
        rest_old = [i for i in range(len(old)) if i not in m]
        rest_new = [j for j in range(len(new)) if j not in taken]
        new_keys = keyed(new, rest_new, None)
        for key, olds in keyed(old, rest_old, m).items():
            news = new_keys.get(key, [])
            for i, j in zip(olds, news, strict=False):
                m[i] = j
                taken.add(j)
                stats["number"] += 1
    # headings alone, for renumbered clauses and Schedule paragraphs with headings
    rest_old = [i for i in range(len(old)) if i not in m and old.heading[i]]
    heads: dict[tuple[str, str], list[int]] = {}
    for j in range(len(new)):
        if j not in taken and new.heading[j]:
            heads.setdefault((new.kind[j], new.heading[j]), []).append(j)
    olds_by: dict[tuple[str, str], list[int]] = {}
    for i in rest_old:
        olds_by.setdefault((old.kind[i], old.heading[i]), []).append(i)
    for hkey, olds in olds_by.items():
        news = heads.get(hkey, [])
        if len(olds) == 1 and len(news) == 1:
            m[olds[0]] = news[0]
            taken.add(news[0])
            stats["number"] += 1

    # similarity of words, kind by kind
    rest_old = [i for i in range(len(old)) if i not in m]
    rest_new = [j for j in range(len(new)) if j not in taken]
    by_kind: dict[str, list[int]] = {}
    for j in rest_new:
        by_kind.setdefault(new.kind[j], []).append(j)
    bags_new = {j: Counter(TOKEN.findall(new.full_text(j))) for j in rest_new}
    pairs: list[tuple[float, int, int]] = []
    for i in rest_old:
        cands = by_kind.get(old.kind[i], [])
        if not cands or len(cands) * len(rest_old) > 250_000:
            continue
        bag = Counter(TOKEN.findall(old.full_text(i)))
        size = sum(bag.values())
        for j in cands:
            other = bags_new[j]
            total = size + sum(other.values())
            if not total:
                continue
            score = 2 * sum((bag & other).values()) / total
            if score >= 0.6:
                pairs.append((score, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _score, i, j in pairs:
        if i in m or j in taken:
            continue
        m[i] = j
        taken.add(j)
        stats["similarity"] += 1
    return m, stats


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions in ``seq`` of one longest increasing subsequence."""
    from bisect import bisect_left

    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k > 0 else -1
    out: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        out.add(pos)
        pos = prev[pos]
    return out


def _moved(old: _Side, new: _Side, m: dict[int, int]) -> set[int]:
    """Old provisions matched to a new one under a different parent or out of order among
    their siblings (a moved parent's children are not counted again)."""
    moved: set[int] = set()
    for i, j in m.items():
        po, pn = old.parent[i], new.parent[j]
        if (m.get(po, -2) if po >= 0 else -1) != pn:
            moved.add(i)
    groups: dict[int, list[int]] = {}
    for i in sorted(m):
        if i not in moved:
            groups.setdefault(old.parent[i], []).append(i)
    for members in groups.values():
        seq = [m[i] for i in members]
        keep = _longest_increasing(seq)
        moved.update(i for pos, i in enumerate(members) if pos not in keep)
    # only the outermost of a moved subtree
    return {i for i in moved if not _has_ancestor_in(old, i, moved)}


def _has_ancestor_in(side: _Side, i: int, group: set[int]) -> bool:
    p = side.parent[i]
    while p >= 0:
        if p in group:
            return True
        p = side.parent[p]
    return False


# --- word diff --------------------------------------------------------------------------------

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0


def _encode(words: list[str], vocab: dict[str, str]) -> str:
    out = []
    for w in words:
        c = vocab.get(w)
        if c is None:
            n = len(vocab) + 0x100
            if n >= 0xD800:
                n += 0x800  # no surrogates
            c = vocab[w] = chr(n)
        out.append(c)
    return "".join(out)


def diff_words(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2) turning token list
    ``a`` into ``b``: diff-match-patch over one character per distinct word, semantic
    clean-up, adjacent deletions and insertions joined into replacements."""
    vocab: dict[str, str] = {}
    diffs = _DMP.diff_main(_encode(a, vocab), _encode(b, vocab), False)
    _DMP.diff_cleanupSemantic(diffs)
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    pending: list[int] = [0, 0]  # deleted, inserted since the last equality
    start = (0, 0)

    def flush() -> None:
        d, n = pending
        if d or n:
            kind = "replace" if d and n else ("delete" if d else "insert")
            out.append((kind, start[0], start[0] + d, start[1], start[1] + n))
        pending[0] = pending[1] = 0

    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            flush()
            out.append(("equal", i, i + n, j, j + n))
            i += n
            j += n
            start = (i, j)
        elif op == -1:
            if not pending[0] and not pending[1]:
                start = (i, j)
            pending[0] += n
            i += n
        else:
            if not pending[0] and not pending[1]:
                start = (i, j)
            pending[1] += n
            j += n
    flush()
    return out


def _slice(text: str, toks: list[_Token], a: int, b: int) -> str:
    """The printed words of tokens [a, b) (joined with single spaces across segments)."""
    if a >= b:
        return ""
    parts: list[str] = []
    k = a
    while k < b:
        seg = toks[k].segment
        e = k
        while e + 1 < b and toks[e + 1].segment == seg:
            e += 1
        parts.append(text[toks[k].start : toks[e].end])
        k = e + 1
    return " ".join(parts)


def _spaced(text: str, toks: list[_Token], a: int, b: int) -> str:
    """Tokens [a, b) as printed, with the space before the first one if the print has one."""
    s = _slice(text, toks, a, b)
    if a > 0 and (toks[a].start > toks[a - 1].end or toks[a].segment != toks[a - 1].segment):
        s = " " + s
    return s


@dataclass
class _Pair:
    old: int
    new: int
    ops: list[tuple[str, int, int, int, int]]


def _word_ops(old: _Side, i: int, new: _Side, j: int) -> list[tuple[str, int, int, int, int]]:
    a = [t.text for t in old.tokens(i)]
    b = [t.text for t in new.tokens(j)]
    return diff_words(a, b)


def _edits_of(
    old: _Side, i: int, new: _Side, j: int, ops: list[tuple[str, int, int, int, int]]
) -> tuple[tuple[Edit, ...], tuple[tuple[str, str], ...], list[Note]]:
    ta, tb = old.tokens(i), new.tokens(j)
    edits: list[Edit] = []
    segments: list[tuple[str, str]] = []
    typography: list[Note] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            segments.append(("=", _spaced(old.text, ta, i1, i2)))
            continue
        if same_but_quotes(_slice(old.text, ta, i1, i2), _slice(new.text, tb, j1, j2)):
            segments.append(("=", _spaced(new.text, tb, j1, j2)))
            typography.append(
                Note(
                    "typography",
                    new.citation(j),
                    _slice(old.text, ta, i1, i2),
                    _slice(new.text, tb, j1, j2),
                )
            )
            continue
        if i2 > i1:
            segments.append(("-", _spaced(old.text, ta, i1, i2)))
        if j2 > j1:
            segments.append(("+", _spaced(new.text, tb, j1, j2)))
        os_ = _point(ta, i1, i2, old)
        ns_ = _point(tb, j1, j2, new)
        edits.append(
            Edit(
                old=_slice(old.text, ta, i1, i2),
                new=_slice(new.text, tb, j1, j2),
                old_span=os_,
                new_span=ns_,
                old_place=old.place(os_[0] if os_[1] > os_[0] else max(0, os_[0] - 1)),
                new_place=new.place(ns_[0] if ns_[1] > ns_[0] else max(0, ns_[0] - 1)),
            )
        )
    return tuple(edits), tuple(segments), typography


def _point(toks: list[_Token], a: int, b: int, side: _Side) -> tuple[int, int]:
    if b > a:
        return toks[a].start, toks[b - 1].end
    if a > 0:
        return toks[a - 1].end, toks[a - 1].end
    if toks:
        return toks[0].start, toks[0].start
    return 0, 0


# --- compare ------------------------------------------------------------------------------------


def compare(old: Bill, new: Bill) -> Changes:
    """The differences between two prints of a bill (see the module docstring)."""
    with _no_cycle_collection():
        a, b = _Side(old), _Side(new)
        return _compare(a, b)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector: comparing allocates a tuple per word and per provision
    (nothing that makes cycles), and each collection would walk both prints' many objects —
    a third of the time on a large bill."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _compare(a: _Side, b: _Side) -> Changes:
    m, stats = _match(a, b)
    moved = _moved(a, b, m)
    matched_new = set(m.values())
    changes: list[tuple[tuple[int, int], Change]] = []
    notes: list[Note] = []
    shifts = 0
    # removed: the outermost unmatched old provisions
    for i in range(len(a)):
        if i in m or (a.parent[i] >= 0 and a.parent[i] not in m):
            continue
        changes.append(
            (
                (i, 0),
                Change("removed", a.ref(i), None, a.context(i), text=a.full_text(i)),
            )
        )
    # inserted: placed after the old provision that precedes them
    new_to_old = {j: i for i, j in m.items()}
    for j in range(len(b)):
        if j in matched_new or (b.parent[j] >= 0 and b.parent[j] not in matched_new):
            continue
        k = j - 1
        while k >= 0 and k not in new_to_old:
            k -= 1
        anchor = new_to_old[k] if k >= 0 else -1
        changes.append(
            (
                (anchor, 1 + j),
                Change("inserted", None, b.ref(j), b.context(j), text=b.full_text(j)),
            )
        )
    for i, j in m.items():
        own_same = a.own[i] == b.own[j]
        renumbered = a.num[i] != b.num[j]
        is_moved = i in moved
        if own_same and not renumbered and not is_moved:
            if a.guid[i] != b.guid[j]:
                notes.append(Note("guid", b.citation(j), a.guid[i], b.guid[j]))
            elif a.eid[i] != b.eid[j]:
                notes.append(Note("eid", b.citation(j), a.eid[i], b.eid[j]))
            if a.first_place(i) != b.first_place(j):
                shifts += 1
            continue
        edits: tuple[Edit, ...] = ()
        segments: tuple[tuple[str, str], ...] = ()
        if not own_same:
            ops = _word_ops(a, i, b, j)
            edits, segments, typography = _edits_of(a, i, b, j, ops)
            notes.extend(typography)
        if not edits and not renumbered and not is_moved:
            continue
        changes.append(
            (
                (i, 0),
                Change(
                    "changed",
                    a.ref(i),
                    b.ref(j),
                    a.context(i),
                    moved=is_moved,
                    renumbered=renumbered,
                    edits=edits,
                    segments=segments,
                ),
            )
        )
    notes.extend(_whitespace_notes(a, b, m))
    notes.extend(_metadata_notes(a.bill, b.bill))
    changes.sort(key=lambda t: t[0])
    return Changes(
        old_name=_name(a.bill),
        new_name=_name(b.bill),
        changes=tuple(c for _, c in changes),
        notes=tuple(notes),
        layout_shifts=shifts,
        matched=stats,
    )


def _name(bill: Bill) -> str:
    return bill.metadata.bill_number or bill.path


def _whitespace_notes(a: _Side, b: _Side, m: dict[int, int]) -> Iterator[Note]:
    """Clauses and Schedules whose words are the same but whose XML text differs in
    whitespace alone."""
    for i, j in m.items():
        if a.kind[i] not in ("clause", "schedule"):
            continue
        if a.full_text(i) != b.full_text(j):
            continue
        # the text and tails of elements, not of processing instructions (whose position is
        # the print's business): what itertext gives
        ra = "".join(a.elements[i].itertext())
        rb = "".join(b.elements[j].itertext())
        if ra != rb and _SPACES.sub("", ra) == _SPACES.sub("", rb):
            yield Note("whitespace", b.citation(j), "", "")


def _metadata_notes(old: Bill, new: Bill) -> Iterator[Note]:
    a, b = old._references, new._references
    for key in sorted(set(a) | set(b)):
        if a.get(key, "") != b.get(key, ""):
            yield Note("metadata", key, a.get(key, ""), b.get(key, ""))


# --- amendments from a comparison: in drafter.core.compare_amendments -------------------------


def amendments_between(old: Bill, new: Bill) -> list[Amendment]:
    """The amendments, citing ``old``'s print in the House's wording, that turn ``old`` into
    ``new``: each checked against the old print (:func:`drafter.core.resolve.check`)."""
    from drafter.core.compare_amendments import amendments_between as between

    return between(old, new)


def draft_amendments(old: Bill, new: Bill) -> tuple[list[Amendment], list[str]]:
    """:func:`amendments_between`, and the reasons any amendment does not check."""
    from drafter.core.compare_amendments import draft_amendments as draft

    return draft(old, new)


__all__ = [
    "QUOTE_IN_FULL",
    "Change",
    "ChangeKind",
    "Changes",
    "Edit",
    "Note",
    "Place",
    "ProvisionRef",
    "amendments_between",
    "compare",
    "diff_words",
    "draft_amendments",
]
