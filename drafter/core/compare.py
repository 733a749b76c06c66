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

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from diff_match_patch import diff_match_patch
from lxml import etree

from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertAtEnd,
    InsertBefore,
    LeaveOut,
    LeaveOutClause,
    LeaveOutProvisions,
    LeaveOutRange,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    Operation,
    Substitute,
    Target,
    Words,
)
from drafter.core.bill import Bill, Provision, normalise_num
from drafter.core.layout import Line, Print, printed_text
from drafter.core.resolve import check, fold
from drafter.core.xml import AKN_NS

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


class _Token:
    __slots__ = ("end", "segment", "start", "text")

    def __init__(self, start: int, end: int, text: str, segment: int) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.segment = segment


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
        span_of = self.pr.span_of
        self.span = [span_of(el) for el in els]
        self.num = [_plain_text(el.find(_A + "num")) for el in els]
        self.number = [normalise_num(n) for n in self.num]
        self.heading = [_plain_text(el.find(_A + "heading")) for el in els]
        self.segments = [self._own_segments(i) for i in range(len(els))]
        text = self.text
        self.own = [" ".join(text[a:b].strip() for a, b in segs) for segs in self.segments]
        self._tokens: dict[int, list[_Token]] = {}

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
            found = []
            for k, (a, b) in enumerate(self.segments[i]):
                for m in TOKEN.finditer(self.text, a, b):
                    found.append(_Token(m.start(), m.end(), m.group(), k))
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

    def ref(self, i: int) -> ProvisionRef:
        p = self.provisions[i]
        return ProvisionRef(
            citation=p.citation,
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
        cite = self.provisions[t].citation
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
                    new.provisions[j].citation,
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
    a, b = _Side(old), _Side(new)
    return _compare(a, b)


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
                notes.append(Note("guid", b.provisions[j].citation, a.guid[i], b.guid[j]))
            elif a.eid[i] != b.eid[j]:
                notes.append(Note("eid", b.provisions[j].citation, a.eid[i], b.eid[j]))
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
        ra = "".join(_text_nodes(a.elements[i]))
        rb = "".join(_text_nodes(b.elements[j]))
        if ra != rb and _SPACES.sub("", ra) == _SPACES.sub("", rb):
            yield Note("whitespace", b.provisions[j].citation, "", "")


def _text_nodes(el: etree._Element) -> Iterator[str]:
    """Text and tails of elements (not of processing instructions, whose position is the
    print's business)."""
    for node in el.iter():
        if isinstance(node.tag, str) and node.text:
            yield node.text
        if node is not el and node.tail:
            yield node.tail


def _metadata_notes(old: Bill, new: Bill) -> Iterator[Note]:
    a, b = old._references, new._references
    for key in sorted(set(a) | set(b)):
        if a.get(key, "") != b.get(key, ""):
            yield Note("metadata", key, a.get(key, ""), b.get(key, ""))


# --- amendments from a comparison -----------------------------------------------------------


_STEP_KINDS = {"subsection", "paragraph", "sub-paragraph"}


@dataclass
class _Draft:
    at: tuple[int, int]  # where it bites in the old print (offset), then order
    candidates: list[Amendment]


class _Drafter:
    """Writes the amendments, citing the old print, that turn ``old`` into ``new``."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.a = a
        self.b = b
        self.folded = fold(a.text)
        self.m, _ = _match(a, b)
        self.moved = _moved(a, b, self.m)
        self.problems: list[str] = []

    # -- targets and words --

    def target(self, i: int, offset: int) -> Target:
        """Target for old provision ``i`` (its clause or Schedule) at the line of ``offset``."""
        line = self.a.line(offset)
        t = self.a.top(i)
        if t >= 0 and self.a.kind[t] == "clause":
            return Target(clause=self.a.number[t], page=line.page, line=line.number)
        if t >= 0 and self.a.kind[t] == "schedule":
            return Target(schedule=self.a.number[t], page=line.page, line=line.number)
        return Target(page=line.page, line=line.number)

    def words(self, start: int, end: int, line: Line, after: int | None = None) -> Words:
        """The old print's words at [start, end), with the occurrence on ``line`` if they are
        not unique there (counting as resolve does)."""
        text = self.a.text[start:end]
        needle = _SPACES.sub(" ", fold(text)).strip()
        begin = line.start if after is None else max(line.start, after)
        hits = self._occurrences(needle, begin, line.end + 1)
        if len(hits) <= 1 or start not in hits:
            return Words(text)
        return Words(text, hits.index(start) + 1)

    def _occurrences(self, needle: str, start: int, end: int) -> list[int]:
        found = []
        text = self.folded
        i = text.find(needle, start)
        while i != -1 and i < end:
            before = text[i - 1] if i > 0 else " "
            after_i = i + len(needle)
            after = text[after_i] if after_i < len(text) else " "
            if not (before.isalnum() and needle[0].isalnum()) and not (
                after.isalnum() and needle[-1].isalnum()
            ):
                found.append(i)
            i = text.find(needle, i + 1)
        return found

    # -- the whole job --

    def run(self) -> list[Amendment]:
        a, b, m = self.a, self.b, self.m
        drafts: list[_Draft] = []
        gone = {i for i in range(len(a)) if i not in m} | self.moved
        outer_gone = [i for i in sorted(gone) if not _has_ancestor_in(a, i, gone)]
        for i in outer_gone:
            drafts.append(self.removal(i))
        new_to_old = {j: i for i, j in m.items() if i not in self.moved}
        fresh = {j for j in range(len(b)) if j not in new_to_old}
        outer = [j for j in sorted(fresh) if not _has_ancestor_in(b, j, fresh)]
        groups: list[list[int]] = []
        for j in outer:
            prev = groups[-1][-1] if groups else -1
            if (
                prev >= 0
                and b.parent[prev] == b.parent[j]
                and b.kind[j] not in ("clause", "schedule")
                and b.kind[prev] == b.kind[j]
                and _next_sibling(b, prev) == j
            ):
                groups[-1].append(j)
            else:
                groups.append([j])
        for group in groups:
            d = self.insertion(group, new_to_old)
            if d is not None:
                drafts.append(d)
        for i, j in sorted(m.items()):
            if i in gone or _has_ancestor_in(a, i, gone):
                continue
            if a.own[i] == b.own[j]:
                continue
            drafts.extend(self.word_edits(i, j))
        drafts.sort(key=lambda d: d.at)
        out: list[Amendment] = []
        for d in drafts:
            number = str(len(out) + 1)
            chosen = None
            for cand in d.candidates:
                cand = _numbered(cand, number)
                if check(a.bill, cand) == "ok":
                    chosen = cand
                    break
            if chosen is None:
                chosen = _numbered(d.candidates[0], number)
                self.problems.append(check(a.bill, chosen))
            out.append(chosen)
        return out

    # -- provisions left out --

    def removal(self, i: int) -> _Draft:
        a = self.a
        span = a.span[i] or (0, 0)
        kind = a.kind[i]
        cands: list[Amendment] = []
        tgt = self.target(i, span[0])
        if kind == "clause":
            cands.append(
                Amendment("", (LeaveOutClause(a.number[i]),), Target(page=tgt.page, line=tgt.line))
            )
        elif kind == "schedule":
            cands.append(
                Amendment(
                    "", (LeaveOutSchedule(a.number[i]),), Target(page=tgt.page, line=tgt.line)
                )
            )
        elif kind in _STEP_KINDS and a.number[i]:
            cands.append(Amendment("", (LeaveOutProvisions(kind, (a.number[i],)),), tgt))
        toks = list(_span_tokens(a.text, span))
        if toks:
            cands.extend(self.word_candidates(i, toks, 0, len(toks), "", None))
        return _Draft((span[0], 0), cands)

    # -- provisions put in --

    def insertion(self, group: list[int], new_to_old: dict[int, int]) -> _Draft | None:
        a, b = self.a, self.b
        j = group[0]
        kind = b.kind[j]
        if kind in ("clause", "schedule"):
            # after the nearest earlier clause (Schedule) of the new print that the old has
            pool = [k for k in range(len(b)) if b.kind[k] == kind]
            pos = pool.index(j)
            after = before = None
            for k in reversed(pool[:pos]):
                if k in new_to_old:
                    after = a.number[new_to_old[k]]
                    break
            if after is None:
                for k in pool[pos + 1 :]:
                    if k in new_to_old:
                        before = a.number[new_to_old[k]]
                        break
            block = self.block(j, numbered=False)
            op: Operation = (
                NewClause(block, after=after, before=before)
                if kind == "clause"
                else NewSchedule(block, after=after, before=before)
            )
            at = 0
            for k in pool[:pos]:
                if k in new_to_old:
                    at = (a.span[new_to_old[k]] or (0, 0))[1]
            return _Draft((at, 1 + j), [Amendment("", (op,))])
        # the old offset before which the new provision goes: after the previous sibling's
        # counterpart, else before the next one's, else at the end of the parent's words
        parent = b.parent[j]
        sibs = b.children[parent] if parent >= 0 else []
        point = None
        holder = -1
        if j in sibs:
            pos = sibs.index(j)
            for k in reversed(sibs[:pos]):
                if k in new_to_old and a.span[new_to_old[k]]:
                    holder = new_to_old[k]
                    point = (a.span[holder] or (0, 0))[1]
                    break
            if point is None:
                for k in sibs[pos + len(group) :]:
                    if k in new_to_old and a.span[new_to_old[k]]:
                        holder = new_to_old[k]
                        point = (a.span[holder] or (0, 0))[0]
                        break
        if point is None and parent in new_to_old:
            holder = new_to_old[parent]
            toks = a.tokens(holder)
            first_child = next(
                (c for c in a.children[holder] if a.span[c]), None
            )  # before the parent's first old child, if it has one
            if first_child is not None:
                point = (a.span[first_child] or (0, 0))[0]
            elif toks:
                point = toks[-1].end
        if point is None or holder < 0:
            self.problems.append(f"no place in the old print for {b.provisions[j].citation}")
            return None
        blocks = tuple(self.block(k, numbered=True) for k in group)
        return _Draft((point, 1 + j), self.insert_at(holder, point, blocks))

    def insert_at(self, i: int, point: int, what: tuple[Block, ...] | str) -> list[Amendment]:
        """Amendments putting ``what`` in at offset ``point`` of the old print (within or
        beside old provision ``i``)."""
        a = self.a
        text = a.text
        cands: list[Amendment] = []
        # at a line start: "at end insert" on the line before
        k = point
        while k > 0 and text[k - 1] == " ":
            k -= 1
        prev_line = a.line(max(0, k - 1))
        if prev_line.end == k or prev_line.end == point:
            tgt = self.target(i, prev_line.start)
            cands.append(Amendment("", (InsertAtEnd(what),), tgt))
        # after the word before the point
        before = _last_token_before(text, k)
        if before is not None:
            s, e = before
            line = a.line(s)
            cands.append(
                Amendment("", (InsertAfter(self.words(s, e, line), what),), self.target(i, s))
            )
        after = _first_token_after(text, point)
        if after is not None:
            s, e = after
            line = a.line(s)
            cands.append(
                Amendment("", (InsertBefore(self.words(s, e, line), what),), self.target(i, s))
            )
        return cands

    def block(self, j: int, numbered: bool) -> Block:
        """New provision ``j`` as a unit of inserted structure."""
        b = self.b
        segs = b.segments[j]
        kids = [c for c in b.children[j] if b.span[c]]
        first_kid = b.span[kids[0]][0] if kids else None  # type: ignore[index]
        intro = [b.text[s:e] for s, e in segs if first_kid is None or s < first_kid]
        wrap = [b.text[s:e] for s, e in segs if first_kid is not None and s >= first_kid]
        heading = b.heading[j]
        words = " ".join(intro)
        if heading and words.startswith(heading):
            words = words[len(heading) :].strip()
        if b.kind[j] == "quoted structure":
            return Block(text=b.full_text(j))
        return Block(
            num=b.num[j] if numbered else "",
            heading=heading,
            text=words,
            children=tuple(self.block(c, True) for c in kids),
            wrap_up=" ".join(wrap),
        )

    # -- words changed in a matched provision --

    def word_edits(self, i: int, j: int) -> list[_Draft]:
        a, b = self.a, self.b
        ta, tb = a.tokens(i), b.tokens(j)
        ops = diff_words([t.text for t in ta], [t.text for t in tb])
        out: list[_Draft] = []
        for k, (kind, i1, i2, j1, j2) in enumerate(ops):
            if kind == "equal":
                continue
            if same_but_quotes(_slice(a.text, ta, i1, i2), _slice(b.text, tb, j1, j2)):
                continue  # a typesetting fix, not an amendment
            if kind == "replace" and _bracketed(ta, i1, i2) and _bracketed(tb, j1, j2):
                i1, i2, j1, j2 = i1 - 1, i2 + 1, j1 - 1, j2 + 1
            elif kind != "insert" and not _has_word(ta, i1, i2) and not _has_word(tb, j1, j2):
                # a lone quotation mark or comma is no quotation: take in the next word (or
                # the one before) from the unchanged words around it
                right = ops[k + 1][2] - ops[k + 1][1] if k + 1 < len(ops) else 0
                left = ops[k - 1][2] - ops[k - 1][1] if k > 0 else 0
                n = 0
                while n < right and n < 3 and ta[i2 + n].segment == ta[i1].segment:
                    n += 1
                    if _WORD.match(ta[i2 + n - 1].text):
                        break
                if n and _has_word(ta, i2, i2 + n):
                    i2, j2 = i2 + n, j2 + n
                else:
                    n = 0
                    while n < left and n < 3 and ta[i1 - n - 1].segment == ta[i1].segment:
                        n += 1
                        if _WORD.match(ta[i1 - n].text):
                            break
                    if n and _has_word(ta, i1 - n, i1):
                        i1, j1 = i1 - n, j1 - n
            new_words = _slice(b.text, tb, j1, j2)
            # split the old range where it crosses a child provision
            pieces = _by_segment(ta, i1, i2)
            for n, (p1, p2) in enumerate(pieces):
                put = new_words if n == len(pieces) - 1 else ""
                if p2 > p1:
                    at = ta[p1].start
                    out.append(_Draft((at, 0), self.word_candidates(i, ta, p1, p2, put, None)))
                elif put:
                    point = ta[p1 - 1].end if p1 > 0 else (ta[0].start if ta else 0)
                    out.append(_Draft((point, 0), self.insertion_words(i, ta, p1, put)))
        return out

    def insertion_words(self, i: int, ta: list[_Token], p: int, put: str) -> list[Amendment]:
        a = self.a
        cands: list[Amendment] = []
        if p > 0:
            s, e = _anchor_before(ta, p)
            line = a.line(s)
            cands.append(
                Amendment("", (InsertAfter(self.words(s, e, line), put),), self.target(i, s))
            )
        if p < len(ta):
            s, e = _anchor_after(ta, p)
            line = a.line(s)
            cands.append(
                Amendment("", (InsertBefore(self.words(s, e, line), put),), self.target(i, s))
            )
        if not ta:
            span = a.span[i]
            if span:
                cands.extend(self.insert_at(i, span[1], put))
        return cands

    def word_candidates(
        self, i: int, ta: list[_Token], p1: int, p2: int, put: str, _unused: None
    ) -> list[Amendment]:
        """Leave out tokens [p1, p2) of old provision ``i`` (and put ``put`` in their place):
        quoted in full up to five words, else from … to …; the other form as a fallback."""
        a = self.a
        ins = put or None
        s, e = ta[p1].start, ta[p2 - 1].end
        line = a.line(s)
        tgt = self.target(i, s)
        full_words = self.words(s, e, line)
        full: Amendment = Amendment(
            "",
            (Substitute(full_words, put) if put else LeaveOut(full_words),),
            tgt,
        )
        ranged: list[Amendment] = []
        nwords = sum(1 for t in ta[p1:p2] if _WORD.match(t.text))
        # from “x” to “y”: anchors in the same segment
        start_anchor = None
        if p1 > 0 and ta[p1 - 1].segment == ta[p1].segment:
            start_anchor = _anchor_before(ta, p1)
        end_anchor = None
        if p2 < len(ta) and ta[p2].segment == ta[p2 - 1].segment:
            end_anchor = _anchor_after(ta, p2)
        first_line = a.line(s)
        last_line = a.line(e - 1)
        start_w: Words | None = None
        cite_from: int | None = None
        if start_anchor is not None:
            sl = a.line(start_anchor[0])
            start_w = self.words(start_anchor[0], start_anchor[1], sl)
            cite_from = start_anchor[0]
            from_ok = True
        else:
            from_ok = first_line.start == s  # "from beginning" of the cited line
            cite_from = s
        end_w: Words | None = None
        end_line_obj = last_line
        if end_anchor is not None:
            end_line_obj = a.line(end_anchor[0])
            after = start_anchor[1] if start_anchor is not None else first_line.start
            end_w = self.words(end_anchor[0], end_anchor[1], end_line_obj, after=after)
            to_ok = True
        else:
            to_ok = last_line.end == e  # "to end of line N"
        if from_ok and to_ok and cite_from is not None:
            cl = a.line(cite_from)
            end_line = end_line_obj.number if end_line_obj is not cl else None
            end_page = end_line_obj.page if end_line_obj.page != cl.page else None
            if end_page is not None:
                end_line = end_line_obj.number
            ranged.append(
                Amendment(
                    "",
                    (
                        LeaveOutRange(
                            start_w, end_w, end_line=end_line, insert=ins, end_page=end_page
                        ),
                    ),
                    self.target(i, cite_from),
                )
            )
        if nwords > QUOTE_IN_FULL:
            return [*ranged, full]
        return [full, *ranged]


def _next_sibling(side: _Side, i: int) -> int:
    p = side.parent[i]
    sibs = side.children[p] if p >= 0 else [k for k in range(len(side)) if side.parent[k] < 0]
    pos = sibs.index(i)
    return sibs[pos + 1] if pos + 1 < len(sibs) else -1


def _numbered(a: Amendment, number: str) -> Amendment:
    from dataclasses import replace

    return replace(a, number=number)


def _has_word(t: list[_Token], a: int, b: int) -> bool:
    return any(_WORD.match(x.text) for x in t[a:b])


def _bracketed(t: list[_Token], a: int, b: int) -> bool:
    """Tokens [a, b) are one short label in brackets, "(b)": quote it with them."""
    return (
        b == a + 1
        and a > 0
        and b < len(t)
        and t[a - 1].text == "("
        and t[b].text == ")"
        and len(t[a].text) <= 4
        and t[a - 1].segment == t[a].segment == t[b].segment
    )


def _span_tokens(text: str, span: tuple[int, int]) -> Iterator[_Token]:
    for m in TOKEN.finditer(text, span[0], span[1]):
        yield _Token(m.start(), m.end(), m.group(), 0)


def _by_segment(ta: list[_Token], i1: int, i2: int) -> list[tuple[int, int]]:
    if i2 <= i1:
        return [(i1, i2)]
    out = []
    k = i1
    while k < i2:
        e = k
        while e + 1 < i2 and ta[e + 1].segment == ta[k].segment:
            e += 1
        out.append((k, e + 1))
        k = e + 1
    return out


def _anchor_before(ta: list[_Token], p: int) -> tuple[int, int]:
    """The words just before token ``p``: back to a word (so that an anchor is not a bare
    comma), within the segment."""
    k = p - 1
    seg = ta[k].segment
    while k > 0 and not _WORD.match(ta[k].text) and ta[k - 1].segment == seg and p - k < 3:
        k -= 1
    return ta[k].start, ta[p - 1].end


def _anchor_after(ta: list[_Token], p: int) -> tuple[int, int]:
    k = p
    seg = ta[k].segment
    while (
        k + 1 < len(ta) and not _WORD.match(ta[k].text) and ta[k + 1].segment == seg and k - p < 2
    ):
        k += 1
    return ta[p].start, ta[k].end


def _last_token_before(text: str, point: int) -> tuple[int, int] | None:
    found = None
    for m in TOKEN.finditer(text, max(0, point - 80), point):
        found = m
    if found is None:
        return None
    # a whole word, not a bare mark
    return found.start(), found.end()


def _first_token_after(text: str, point: int) -> tuple[int, int] | None:
    m = TOKEN.search(text, point, min(len(text), point + 80))
    return (m.start(), m.end()) if m else None


def amendments_between(old: Bill, new: Bill) -> list[Amendment]:
    """The amendments, citing ``old``'s print in the House's wording, that turn ``old`` into
    ``new``: each checked against the old print (:func:`drafter.core.resolve.check`)."""
    return draft_amendments(old, new)[0]


def draft_amendments(old: Bill, new: Bill) -> tuple[list[Amendment], list[str]]:
    """:func:`amendments_between`, and the reasons any amendment does not check."""
    d = _Drafter(_Side(old), _Side(new))
    out = d.run()
    return out, d.problems


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
