"""Compare two prints of a bill the way a reader does: provision by provision, word by word.

:func:`compare` matches the provisions of the old print to those of the new one — by GUID
(stable across prints), then by number and heading, then by the similarity of their words (a
renumbered or moved provision) — and reports, as :class:`Changes`:

- provisions inserted and removed (only the outermost: a new clause's subsections come with it);
- provisions matched but moved (under another parent, or out of order) or renumbered;
- word-level edits inside matched provisions: insertions, deletions, replacements of whole
  words (diff-match-patch over word tokens, with its semantic clean-up: Google's C++
  implementation, as the fast-diff-match-patch package builds it for Python).

A provision's *own* text is compared: its heading and the words before, between and after its
child provisions, not its number and not its children's words — so each edit is reported once,
at the innermost provision. A quoted structure (another Act's text quoted in an amending
clause) is compared as the text of the quotation. Provisions whose own text is identical are
skipped, most without reading it: the same printed text with the number and children in the
same places. Page/line marker shifts, GUID-only and eId-only changes, whitespace inside
the XML and metadata (bill number, stage) are not text changes: they are :class:`Note`\\ s.

Each change knows its place in both prints (page and line) and its provision's citation in
each. :func:`amendments_between` turns a comparison into the amendments, citing the *old*
print in the House's wording, that make the old text into the new.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import accumulate, chain, repeat
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, TypeVar

from fast_diff_match_patch import diff as dmp_diff
from lxml import etree

from drafter.core.bill import (
    NUMBERED_STEPS,
    Bill,
    first_child,
    normalise_num,
    provision_tree,
)
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

    def summary(self) -> str:
        """The comparison in one sentence, as every renderer ends it."""
        if self.identical:
            return "The two prints say the same words."
        c = self.counts()
        return (
            f"{_counted(c['edits'], 'word change')} in {_counted(c['changed'], 'provision')}; "
            f"{c['inserted']} inserted, {c['removed']} removed, {c['moved']} moved, "
            f"{c['renumbered']} renumbered."
        )


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
    """The provisions of one print in document order, with parents, spans and own text.

    What only some provisions need is worked out when first asked for: own text (segments,
    :attr:`own`) and tokens for provisions whose text may differ, citations for reported
    ones. A :class:`_Side` holds no reference cycles: dropped, it is freed at once."""

    def __init__(self, bill: Bill) -> None:
        self.bill = bill
        self.pr: Print = bill.print
        self.text = self.pr.text
        body = bill.body
        els, kinds, parents = provision_tree(body) if body is not None else ([], [], [])
        self.elements = els
        self.kind = kinds
        self.parent = parents
        self.children: list[list[int]] = [[] for _ in els]
        for i, p in enumerate(parents):
            if p >= 0:
                self.children[p].append(i)
        self.guid = [el.get("GUID", "") for el in els]
        self.eid = [el.get("eId", "") for el in els]
        self.span = self.pr.spans(els)  # one sweep of the print, not one walk per provision
        num_tag = _A + "num"
        self._num_el = [first_child(el, num_tag) for el in els]
        self.num = [_plain_text(el) for el in self._num_el]
        self._number: list[str | None] = [None] * len(els)
        self._heading: list[str | None] = [None] * len(els)
        self._segments: dict[int, list[tuple[int, int]]] = {}
        self._own: dict[int, str] = {}
        self._tokens: dict[int, _Tokens] = {}
        self._token_lists: dict[int, list[_Token]] = {}
        self._citations: dict[int, str] = {}
        self._citation_memo: dict[etree._Element, str] = {}

    def __len__(self) -> int:
        return len(self.elements)

    @cached_property
    def index(self) -> dict[etree._Element, int]:
        return {el: i for i, el in enumerate(self.elements)}

    @property
    def number(self) -> _Lazy[str]:
        """Provision ``i``'s bare number, ``number[i]`` (see :func:`normalise_num`)."""
        return _Lazy(self.number_of)

    def number_of(self, i: int) -> str:
        found = self._number[i]
        if found is None:
            found = self._number[i] = normalise_num(self.num[i])
        return found

    @property
    def heading(self) -> _Lazy[str]:
        """Provision ``i``'s heading, ``heading[i]`` ("" for none)."""
        return _Lazy(self.heading_of)

    def heading_of(self, i: int) -> str:
        found = self._heading[i]
        if found is None:
            el = first_child(self.elements[i], _A + "heading")
            found = self._heading[i] = _plain_text(el)
        return found

    @property
    def segments(self) -> _Lazy[list[tuple[int, int]]]:
        """Provision ``i``'s own segments, ``segments[i]``: spans of the print holding its own
        words (not its number, not its children's words)."""
        return _Lazy(self.own_segments)

    @property
    def own(self) -> _Lazy[str]:
        """Provision ``i``'s own words, ``own[i]``: its segments joined with spaces."""
        return _Lazy(self.own_text)

    def _holes(self, i: int) -> list[tuple[int, int]]:
        """The spans of provision ``i``'s number and children, in order."""
        holes: list[tuple[int, int]] = []
        num = self._num_el[i]
        if num is not None:
            s = self.pr.span_of(num)
            if s is not None:
                holes.append(s)
        span = self.span
        for c in self.children[i]:
            s = span[c]
            if s is not None:
                holes.append(s)
        holes.sort()
        return holes

    def own_segments(self, i: int) -> list[tuple[int, int]]:
        """Spans of the print holding provision ``i``'s own words (not its number, not its
        children's words)."""
        found = self._segments.get(i)
        if found is not None:
            return found
        span = self.span[i]
        out: list[tuple[int, int]] = []
        if span is not None:
            at, end = span
            text = self.text
            for a, b in self._holes(i):
                if a > at and text[at:a].strip():
                    out.append(_trimmed(text, at, a))
                at = max(at, b)
            if end > at and text[at:end].strip():
                out.append(_trimmed(text, at, end))
        self._segments[i] = out
        return out

    def own_text(self, i: int) -> str:
        found = self._own.get(i)
        if found is None:
            text = self.text
            found = self._own[i] = " ".join(text[a:b].strip() for a, b in self.own_segments(i))
        return found

    def shape(self, i: int) -> tuple[str, list[tuple[int, int]]] | None:
        """Provision ``i``'s printed text and its holes (number, children) counted from its
        start: two provisions of the same shape have the same own text. None when a hole
        reaches outside the provision's span (then its own text alone can tell)."""
        span = self.span[i]
        if span is None:
            return None
        start, end = span
        holes = self._holes(i)
        for a, b in holes:
            if a < start or b > end:
                return None
        return self.text[start:end], [(a - start, b - start) for a, b in holes]

    def tokens(self, i: int) -> list[_Token]:
        """Provision ``i``'s own tokens, as :class:`_Token`\\ s."""
        found = self._token_lists.get(i)
        if found is None:
            found = self._token_lists[i] = self.own_tokens(i).as_list()
        return found

    def own_tokens(self, i: int) -> _Tokens:
        """Provision ``i``'s own tokens: their words, and where each stands when asked."""
        found = self._tokens.get(i)
        if found is None:
            found = self._tokens[i] = _Tokens(self.text, self.own_segments(i))
        return found

    def words(self, i: int) -> list[str]:
        """The texts of provision ``i``'s tokens."""
        return self.own_tokens(i).words

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

    def first_line(self, i: int) -> tuple[int, int] | None:
        """:meth:`first_place` as (page, line), without making a :class:`Place`."""
        span = self.span[i]
        if not span or not self.pr.lines:
            return None
        line = self.pr.line_at(max(0, span[0]))
        return line.page, line.number

    def citation(self, i: int) -> str:
        """Provision ``i``'s citation, worked out when first asked for (only reported
        provisions are). A numbered step under a clause or another step ("Clause 5(2)(a)")
        is its parent's citation and its number, from what this side already knows; the
        bill works out the rest."""
        found = self._citations.get(i)
        if found is None:
            p = self.parent[i]
            if (
                p >= 0
                and self.kind[i] in NUMBERED_STEPS
                and (self.kind[p] == "clause" or self.kind[p] in NUMBERED_STEPS)
                and self.number_of(i)
            ):
                found = f"{self.citation(p)}({self.number_of(i)})"
            else:
                found = self.bill.citation_of(self.elements[i], self._citation_memo)
            self._citations[i] = found
        return found

    def ref(self, i: int) -> ProvisionRef:
        return ProvisionRef(
            citation=self.citation(i),
            kind=self.kind[i],
            num=self.num[i],
            heading=self.heading_of(i),
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
        head = self.heading_of(t)
        return f"{cite} — {head}" if head else cite

    def full_text(self, i: int) -> str:
        span = self.span[i]
        return self.text[span[0] : span[1]] if span else ""


_T = TypeVar("_T")


class _Lazy(Generic[_T]):
    """``lazy[i]`` is ``get(i)``: a list whose items are worked out when asked for."""

    __slots__ = ("_get",)

    def __init__(self, get: Callable[[int], _T]) -> None:
        self._get = get

    def __getitem__(self, i: int) -> _T:
        return self._get(i)


#: :data:`TOKEN` as a separator: splitting on it gives gap, word, gap, word, …, gap
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
_token_of = partial(tuple.__new__, _Token)  # (start, end, text, segment) -> _Token


class _Tokens:
    """The tokens of a provision's own text, read by splitting each segment on
    :data:`TOKEN` (gap, word, gap, word, …, gap) and adding up the pieces' lengths: their
    words in one list, and where each stands (``start(k)``, ``end(k)``, ``segment(k)``)
    worked out from those sums, so no object is made per token."""

    __slots__ = ("ends", "firsts", "words")

    def __init__(self, text: str, segments: list[tuple[int, int]]) -> None:
        words: list[str] = []
        #: index of each segment's first token, then how many tokens there are
        firsts: list[int] = [0]
        #: for each segment, the offsets in the print where its pieces end, from its start:
        #: its token t runs from ends[2t + 1] to ends[2t + 2]
        ends: list[list[int]] = []
        for a, b in segments:
            parts = _TOKEN_SPLIT.split(text[a:b])
            words += parts[1::2]
            firsts.append(len(words))
            ends.append(list(accumulate(map(len, parts), initial=a)))
        self.words = words
        self.firsts = firsts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.words)

    def segment(self, k: int) -> int:
        """The segment holding token ``k`` (segments are never empty)."""
        return bisect_right(self.firsts, k) - 1

    def start(self, k: int) -> int:
        s = bisect_right(self.firsts, k) - 1
        return self.ends[s][2 * (k - self.firsts[s]) + 1]

    def end(self, k: int) -> int:
        s = bisect_right(self.firsts, k) - 1
        return self.ends[s][2 * (k - self.firsts[s]) + 2]

    def as_list(self) -> list[_Token]:
        out: list[_Token] = []
        for s, ends in enumerate(self.ends):
            words = self.words[self.firsts[s] : self.firsts[s + 1]]
            out += map(_token_of, zip(ends[1::2], ends[2::2], words, repeat(s)))
        return out

    def text(self, text: str, a: int, b: int) -> str:
        """:func:`_slice`: the printed words of tokens [a, b), joined with single spaces
        across segments."""
        if a >= b:
            return ""
        firsts, all_ends = self.firsts, self.ends
        s = bisect_right(firsts, a) - 1
        parts: list[str] = []
        k = a
        while k < b:
            e = min(b, firsts[s + 1]) - 1  # the last of [k, b) in segment s
            ends, first = all_ends[s], firsts[s]
            parts.append(text[ends[2 * (k - first) + 1] : ends[2 * (e - first) + 2]])
            k = e + 1
            s += 1
        return " ".join(parts)

    def spaced(self, text: str, a: int, b: int) -> str:
        """:func:`_spaced`: tokens [a, b) as printed, with the space before the first one if
        the print has one."""
        out = self.text(text, a, b)
        if a > 0 and (self.start(a) > self.end(a - 1) or self.segment(a) != self.segment(a - 1)):
            out = " " + out
        return out

    def point(self, a: int, b: int) -> tuple[int, int]:
        """:func:`_point`: the span of tokens [a, b), or where they would go."""
        if b > a:
            return self.start(a), self.end(b - 1)
        if a > 0:
            end = self.end(a - 1)
            return end, end
        if self.words:
            start = self.start(0)
            return start, start
        return 0, 0


def _own_same(a: _Side, i: int, b: _Side, j: int) -> bool:
    """``a.own[i] == b.own[j]``, without working out own text where the two provisions have
    the same printed text with their number and children in the same places."""
    sa, sb = a.span[i], b.span[j]
    if sa is None and sb is None:
        return True  # no own text either side
    if sa is not None and sb is not None and sa[1] - sa[0] == sb[1] - sb[0]:
        shape = a.shape(i)
        if shape is not None and shape == b.shape(j):
            return True
    return a.own_text(i) == b.own_text(j)


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
            if not (side.number_of(k) or side.heading_of(k)):
                continue
            p = side.parent[k]
            pk = (parent_of.get(p, -2) if p >= 0 else -1) if parent_of is not None else p
            out.setdefault((side.kind[k], pk, side.number_of(k), side.heading_of(k)), []).append(k)
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
    rest_old = [i for i in range(len(old)) if i not in m and old.heading_of(i)]
    heads: dict[tuple[str, str], list[int]] = {}
    for j in range(len(new)):
        if j not in taken and new.heading_of(j):
            heads.setdefault((new.kind[j], new.heading_of(j)), []).append(j)
    olds_by: dict[tuple[str, str], list[int]] = {}
    for i in rest_old:
        olds_by.setdefault((old.kind[i], old.heading_of(i)), []).append(i)
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
    alike: list[tuple[int, int]] = []
    for _score, i, j in pairs:
        if i in m or j in taken:
            continue
        m[i] = j
        taken.add(j)
        alike.append((i, j))
    # words alone do not take a provision of a clause that stays into a new clause: the same
    # words open many clauses ("The … Act is amended as follows."), and the new clause is
    # reported whole, with its words
    for i, j in alike:
        top_old, top_new = old.top(i), new.top(j)
        if top_old in m and top_new >= 0 and top_new not in taken:
            del m[i]
            taken.discard(j)
    stats["similarity"] = sum(1 for i, _ in alike if i in m)
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


#: one step of a word diff: ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2)
_Op = tuple[str, int, int, int, int]


def _encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """``a`` and ``b`` as strings of one character per distinct word: U+0100 for the first
    word of ``a``, and so on through ``a`` then ``b`` (skipping the surrogates)."""
    vocab = dict.fromkeys(chain(a, b), "")
    n = len(vocab)
    if 0x100 + n <= 0xD800:
        codes: Iterator[str] = map(chr, range(0x100, 0x100 + n))
    else:
        codes = chain(map(chr, range(0x100, 0xD800)), map(chr, range(0xE000, n + 0x900)))
    code = dict(zip(vocab, codes, strict=True)).__getitem__
    return "".join(map(code, a)), "".join(map(code, b))


def diff_words(a: list[str], b: list[str]) -> list[_Op]:
    """Opcodes ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2) turning token list
    ``a`` into ``b``: diff-match-patch over one character per distinct word, semantic
    clean-up, adjacent deletions and insertions joined into replacements."""
    diffs = dmp_diff(
        *_encode(a, b), timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    out: list[_Op] = []
    i = j = 0
    pending: list[int] = [0, 0]  # deleted, inserted since the last equality
    start = (0, 0)

    def flush() -> None:
        d, n = pending
        if d or n:
            kind = "replace" if d and n else ("delete" if d else "insert")
            out.append((kind, start[0], start[0] + d, start[1], start[1] + n))
        pending[0] = pending[1] = 0

    for op, n in diffs:
        if op == "=":
            flush()
            out.append(("equal", i, i + n, j, j + n))
            i += n
            j += n
            start = (i, j)
        elif op == "-":
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


def _word_ops(old: _Side, i: int, new: _Side, j: int) -> list[_Op]:
    return diff_words(old.words(i), new.words(j))


def _whole_labels(ops: list[_Op], a: list[str], b: list[str]) -> list[_Op]:
    """Replacements between brackets take the brackets in: “(b)” to “(c)” is reported so,
    not as “b” to “c” inside brackets that stay, so that changes read as whole words."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        kind, i1, i2, j1, j2 = out[k]
        before, after = out[k - 1], out[k + 1]
        if kind != "replace" or before[0] != "equal" or after[0] != "equal":
            continue
        if not (before[2] > before[1] and after[2] > after[1]):
            continue
        if a[i1 - 1] != "(" or a[i2] != ")" or b[j1 - 1] != "(" or b[j2] != ")":
            continue
        out[k - 1] = ("equal", before[1], i1 - 1, before[3], j1 - 1)
        out[k] = ("replace", i1 - 1, i2 + 1, j1 - 1, j2 + 1)
        out[k + 1] = ("equal", i2 + 1, after[2], j2 + 1, after[4])
    return [op for op in out if op[0] != "equal" or op[2] > op[1]]


def _edits_of(
    old: _Side, i: int, new: _Side, j: int, ops: list[_Op]
) -> tuple[tuple[Edit, ...], tuple[tuple[str, str], ...], list[Note]]:
    ta, tb = old.own_tokens(i), new.own_tokens(j)
    ops = _whole_labels(ops, ta.words, tb.words)
    a_text, b_text = old.text, new.text
    edits: list[Edit] = []
    segments: list[tuple[str, str]] = []
    typography: list[Note] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            segments.append(("=", ta.spaced(a_text, i1, i2)))
            continue
        old_words, new_words = ta.text(a_text, i1, i2), tb.text(b_text, j1, j2)
        if same_but_quotes(old_words, new_words):
            segments.append(("=", tb.spaced(b_text, j1, j2)))
            typography.append(Note("typography", new.citation(j), old_words, new_words))
            continue
        if i2 > i1:
            segments.append(("-", ta.spaced(a_text, i1, i2)))
        if j2 > j1:
            segments.append(("+", tb.spaced(b_text, j1, j2)))
        os_ = ta.point(i1, i2)
        ns_ = tb.point(j1, j2)
        edits.append(
            Edit(
                old=old_words,
                new=new_words,
                old_span=os_,
                new_span=ns_,
                old_place=old.place(os_[0] if os_[1] > os_[0] else max(0, os_[0] - 1)),
                new_place=new.place(ns_[0] if ns_[1] > ns_[0] else max(0, ns_[0] - 1)),
            )
        )
    return tuple(edits), tuple(segments), typography


# --- compare ------------------------------------------------------------------------------------


def compare(old: Bill, new: Bill) -> Changes:
    """The differences between two prints of a bill (see the module docstring)."""
    with _no_cycle_collection():
        a, b = _Side(old), _Side(new)
        changes = _compare(a, b)
        # dropped while the collector still sleeps: freed at once, they are not there to be
        # walked by the collection that the many objects made since would set off
        del a, b
    return changes


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
        if anchor >= 0 and b.kind[j] in ("clause", "schedule"):
            anchor = _end_of_top(a, anchor)  # a new clause comes after the whole clause before
        changes.append(
            (
                (anchor, 1 + j),
                Change("inserted", None, b.ref(j), b.context(j), text=b.full_text(j)),
            )
        )
    for i, j in m.items():
        own_same = _own_same(a, i, b, j)
        renumbered = a.num[i] != b.num[j]
        is_moved = i in moved
        if own_same and not renumbered and not is_moved:
            if a.guid[i] != b.guid[j]:
                notes.append(Note("guid", b.citation(j), a.guid[i], b.guid[j]))
            elif a.eid[i] != b.eid[j]:
                notes.append(Note("eid", b.citation(j), a.eid[i], b.eid[j]))
            if a.first_line(i) != b.first_line(j):
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
        old_name=_name(a.bill, b.bill),
        new_name=_name(b.bill, a.bill),
        changes=tuple(c for _, c in changes),
        notes=tuple(notes),
        layout_shifts=shifts,
        matched=stats,
    )


def _end_of_top(side: _Side, i: int) -> int:
    """The last provision, in document order, of the clause or Schedule holding ``i`` (``i``
    itself when it is in neither)."""
    top = side.top(i)
    if top < 0:
        return i
    last = top
    while last + 1 < len(side) and side.top(last + 1) == top:
        last += 1
    return last


def _name(bill: Bill, other: Bill) -> str:
    """What to call a print: its bill number, and its file too when the other print has the
    same number (two working copies of one print)."""
    number = bill.metadata.bill_number
    if not number:
        return bill.path
    if number == other.metadata.bill_number and bill.path != other.path:
        return f"{number} ({bill.path})"
    return number


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
