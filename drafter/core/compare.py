"""Compare two prints of a bill the way a reader does: provision by provision, word by word.

:func:`compare` matches the provisions of the old print to those of the new one — by GUID
(stable across prints), then by number and heading, then by the similarity of their words (a
renumbered or moved provision) — and reports, as :class:`Changes`:

- provisions inserted and removed (only the outermost: a new clause's subsections come with it);
- provisions matched but moved (under another parent, or out of order) or renumbered;
- word-level edits inside matched provisions: insertions, deletions, replacements of whole
  words (diff-match-patch over word tokens, with its semantic clean-up: Google's C++
  implementation, as the fast-diff-match-patch package builds it for Python). A quotation
  mark is a word: a straight mark made curly, or an opening mark made a closing one, is a
  change of the text, which a reprint must carry.

A provision's *own* text is compared: its heading and the words before, between and after its
child provisions, not its number and not its children's words — so each edit is reported once,
at the innermost provision. A quoted structure (another Act's text quoted in an amending
clause) is compared as the text of the quotation. Provisions whose own text is identical are
skipped without reading it, by a digest of it. Page/line marker shifts, GUID-only and eId-only
changes, whitespace inside the XML and metadata (bill number, stage) are not text changes:
they are :class:`Note`\\ s.

Everything compared comes from each bill's outline and print (see
:mod:`drafter.core.outline`), which drafter keeps for a bill file it has read before: two such
prints are compared without parsing either.

Each change knows its place in both prints (page and line) and its provision's citation in
each. :func:`drafter.core.compare_amendments.amendments_between` turns a comparison into the
amendments, citing the *old* print in the House's wording, that make the old text into the new.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import chain, repeat
from operator import add
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, TypeVar

from fast_diff_match_patch import diff as dmp_diff
from lxml import etree

from drafter.core import outline
from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.outline import TOKEN
from drafter.core.print import cache as print_cache
from drafter.core.print.layout import Print, PrintError
from drafter.core.print.lines import Line
from drafter.core.provisions import normalise_num, provision_tree

if TYPE_CHECKING:
    pass

WORD = re.compile(r"\w")

#: More words than this go as "leave out from “a” to “b”" (the House's practice).
QUOTE_IN_FULL = 5

ChangeKind = Literal["inserted", "removed", "changed"]
NoteKind = Literal["guid", "eid", "whitespace", "metadata"]


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


class Token(NamedTuple):
    """One word or mark of a provision's own text: where it stands in the print, and which of
    the provision's segments (pieces of own text between its children) it is in."""

    start: int
    end: int
    text: str
    segment: int


new_token = tuple.__new__  # builds a Token several times faster than Token(...)


class Side:
    """The provisions of one print in document order, with parents, spans and own text: the
    bill's outline (see :mod:`drafter.core.outline`), which a bill read before has from the
    cache, and its print.

    What only some provisions need is worked out when first asked for: own text (segments,
    :attr:`own`) and tokens for provisions whose text may differ; the elements, for the
    amendments drafted from a comparison. A :class:`Side` holds no reference cycles:
    dropped, it is freed at once."""

    def __init__(self, bill: Bill) -> None:
        self.bill = bill
        self.pr: Print = bill.print
        self.text = self.pr.text
        provisions = bill.outline
        self.kind = provisions.kind
        self.parent = parents = provisions.parent
        self.guid = provisions.guid
        self.eid = provisions.eid
        self.num = provisions.num
        #: provision ``i``'s heading, ``heading[i]`` ("" for none)
        self.heading = provisions.heading
        self.citations = provisions.citation
        self.span = provisions.span
        self.num_span = provisions.num_span
        #: (page, line) where provision ``i`` starts
        self.first_line = provisions.first_line
        #: a digest of provision ``i``'s own words
        self.own_digest = provisions.own_digest
        self.kept_tokens = provisions.tokens
        self.xml_text = provisions.xml_text
        self.xml_words = provisions.xml_words
        self.children: list[list[int]] = [[] for _ in parents]
        #: the provisions at the top of the body (clauses, Parts, Schedules …), in order
        self.roots: list[int] = []
        for i, p in enumerate(parents):
            (self.children[p] if p >= 0 else self.roots).append(i)
        self._number: list[str | None] = [None] * len(parents)
        self._segments: dict[int, list[tuple[int, int]]] = {}
        self._own: dict[int, str] = {}
        self._tokens: dict[int, _Tokens] = {}
        self._token_lists: dict[int, list[Token]] = {}

    def __len__(self) -> int:
        return len(self.kind)

    @cached_property
    def elements(self) -> list[etree._Element]:
        """The provisions' elements (the bill's tree is parsed if it was not)."""
        body = self.bill.body
        found = provision_tree(body)[0] if body is not None else []
        if len(found) != len(self.kind):
            raise PrintError(
                f"{self.bill.path}: drafter's cache does not match the file; "
                f"delete {print_cache.directory()} and try again"
            )
        return found

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
    def segments(self) -> _Lazy[list[tuple[int, int]]]:
        """Provision ``i``'s own segments, ``segments[i]``: spans of the print holding its own
        words (not its number, not its children's words)."""
        return _Lazy(self.own_segments)

    @property
    def own(self) -> _Lazy[str]:
        """Provision ``i``'s own words, ``own[i]``: its segments joined with spaces."""
        return _Lazy(self.own_text)

    def own_segments(self, i: int) -> list[tuple[int, int]]:
        """Spans of the print holding provision ``i``'s own words (not its number, not its
        children's words)."""
        found = self._segments.get(i)
        if found is None:
            holes = outline.holes_in(self.span, self.num_span[i], self.children[i])
            found = self._segments[i] = outline.own_segments(self.text, self.span[i], holes)
        return found

    def own_text(self, i: int) -> str:
        found = self._own.get(i)
        if found is None:
            found = self._own[i] = outline.own_text(self.text, self.own_segments(i))
        return found

    def tokens(self, i: int) -> list[Token]:
        """Provision ``i``'s own tokens, as :class:`Token`\\ s."""
        found = self._token_lists.get(i)
        if found is None:
            found = self._token_lists[i] = self.own_tokens(i).as_list()
        return found

    def own_tokens(self, i: int) -> _Tokens:
        """Provision ``i``'s own tokens: their words, and where each stands when asked."""
        found = self._tokens.get(i)
        if found is None:
            kept = self.kept_tokens[i]
            if kept is not None:
                found = _Tokens(outline.unpack_tokens(kept))
            else:
                found = _Tokens(outline.read_tokens(self.text, self.own_segments(i)))
            self._tokens[i] = found
        return found

    def words(self, i: int) -> list[str]:
        """The texts of provision ``i``'s tokens."""
        return self.own_tokens(i).words

    def place(self, offset: int) -> Place | None:
        if not self.pr.line_count:
            return None
        return Place(*self.pr.page_and_line_at(max(0, offset)))

    def line(self, offset: int) -> Line:
        return self.pr.line_at(max(0, offset))

    def first_place(self, i: int) -> Place | None:
        found = self.first_line[i]
        return Place(*found) if found else None

    def citation(self, i: int) -> str:
        return self.citations[i]

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


_T = TypeVar("_T")


class _Lazy(Generic[_T]):
    """``lazy[i]`` is ``get(i)``: a list whose items are worked out when asked for."""

    __slots__ = ("_get",)

    def __init__(self, get: Callable[[int], _T]) -> None:
        self._get = get

    def __getitem__(self, i: int) -> _T:
        return self._get(i)


_token_of = partial(tuple.__new__, Token)  # (start, end, text, segment) -> Token


class _Tokens:
    """The tokens of a provision's own text (see :class:`outline.Tokens`): their words in
    one list, and where each stands (``start(k)``, ``end(k)``, ``segment(k)``) worked out
    when asked for, so no object is made per token."""

    __slots__ = ("firsts", "starts", "words")

    def __init__(self, tokens: outline.Tokens) -> None:
        self.words, self.starts, self.firsts = tokens

    def __len__(self) -> int:
        return len(self.words)

    def segment(self, k: int) -> int:
        """The segment holding token ``k`` (segments are never empty)."""
        return bisect_right(self.firsts, k) - 1

    def start(self, k: int) -> int:
        return self.starts[k]

    def end(self, k: int) -> int:
        return self.starts[k] + len(self.words[k])

    def as_list(self) -> list[Token]:
        out: list[Token] = []
        firsts, starts, words = self.firsts, self.starts, self.words
        for s in range(len(firsts) - 1):
            f, g = firsts[s], firsts[s + 1]
            ends = map(add, starts[f:g], map(len, words[f:g]))
            out += map(_token_of, zip(starts[f:g], ends, words[f:g], repeat(s)))
        return out

    def text(self, text: str, a: int, b: int) -> str:
        """:func:`token_slice`: the printed words of tokens [a, b), joined with single spaces
        across segments."""
        if a >= b:
            return ""
        firsts, starts, words = self.firsts, self.starts, self.words
        s = bisect_right(firsts, a) - 1
        parts: list[str] = []
        k = a
        while k < b:
            e = min(b, firsts[s + 1]) - 1  # the last of [k, b) in segment s
            parts.append(text[starts[k] : starts[e] + len(words[e])])
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


# --- matching ---------------------------------------------------------------------------------


def match_provisions(old: Side, new: Side) -> tuple[dict[int, int], dict[str, int]]:
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
        side: Side, idx: list[int], parent_of: dict[int, int] | None
    ) -> dict[tuple[str, int, str, str], list[int]]:
        out: dict[tuple[str, int, str, str], list[int]] = {}
        for k in idx:
            if not (side.number_of(k) or side.heading[k]):
                continue
            p = side.parent[k]
            pk = (parent_of.get(p, -2) if p >= 0 else -1) if parent_of is not None else p
            out.setdefault((side.kind[k], pk, side.number_of(k), side.heading[k]), []).append(k)
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


def moved_provisions(old: Side, new: Side, m: dict[int, int]) -> set[int]:
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
        if seq == sorted(seq):
            continue  # in order, as most are
        keep = _longest_increasing(seq)
        moved.update(i for pos, i in enumerate(members) if pos not in keep)
    # only the outermost of a moved subtree
    return {i for i in moved if not has_ancestor_in(old, i, moved)}


def has_ancestor_in(side: Side, i: int, group: set[int]) -> bool:
    p = side.parent[i]
    while p >= 0:
        if p in group:
            return True
        p = side.parent[p]
    return False


# --- word diff --------------------------------------------------------------------------------


#: one step of a word diff: ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2)
Op = tuple[str, int, int, int, int]


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


def diff_words(a: list[str], b: list[str]) -> list[Op]:
    """Opcodes ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2) turning token list
    ``a`` into ``b``: diff-match-patch over one character per distinct word, semantic
    clean-up, adjacent deletions and insertions joined into replacements."""
    diffs = dmp_diff(
        *_encode(a, b), timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    out: list[Op] = []
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


def token_slice(text: str, toks: list[Token], a: int, b: int) -> str:
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


def _word_ops(old: Side, i: int, new: Side, j: int) -> list[Op]:
    return diff_words(old.words(i), new.words(j))


def _whole_labels(ops: list[Op], a: list[str], b: list[str]) -> list[Op]:
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
    old: Side, i: int, new: Side, j: int, ops: list[Op]
) -> tuple[tuple[Edit, ...], tuple[tuple[str, str], ...]]:
    ta, tb = old.own_tokens(i), new.own_tokens(j)
    ops = _whole_labels(ops, ta.words, tb.words)
    a_text, b_text = old.text, new.text
    edits: list[Edit] = []
    segments: list[tuple[str, str]] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            segments.append(("=", ta.spaced(a_text, i1, i2)))
            continue
        # a quotation mark is a word: " for “, or ” for “, is a change of the text
        old_words, new_words = ta.text(a_text, i1, i2), tb.text(b_text, j1, j2)
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
    return tuple(edits), tuple(segments)


# --- compare ------------------------------------------------------------------------------------


def compare(old: Bill, new: Bill) -> Changes:
    """The differences between two prints of a bill (see the module docstring)."""
    with no_cycle_collection():
        a, b = Side(old), Side(new)
        changes = _compare(a, b)
        # dropped while the collector still sleeps: freed at once, they are not there to be
        # walked by the collection that the many objects made since would set off
        del a, b
    return changes


def _compare(a: Side, b: Side) -> Changes:
    m, stats = match_provisions(a, b)
    moved = moved_provisions(a, b, m)
    matched_new = set(m.values())
    changes: list[tuple[tuple[int, int], Change]] = []
    notes: list[Note] = []
    shifts = 0
    # removed: the outermost unmatched old provisions
    for i in range(len(a)):
        if i in m or (a.parent[i] >= 0 and a.parent[i] not in m):
            continue
        at = _where_removed_stood(a, b, m, i, moved)
        changes.append(
            (
                (i, 0),
                Change(
                    "removed",
                    a.ref(i),
                    None,
                    a.context(i),
                    text=a.full_text(i),
                    old_span=a.span[i],
                    stood=at,
                ),
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
                Change(
                    "inserted",
                    None,
                    b.ref(j),
                    b.context(j),
                    text=b.full_text(j),
                    new_span=b.span[j],
                ),
            )
        )
    for i, j in m.items():
        own_same = a.own_digest[i] == b.own_digest[j]
        renumbered = a.num[i] != b.num[j]
        is_moved = i in moved
        if own_same and not renumbered and not is_moved:
            if a.guid[i] != b.guid[j]:
                notes.append(Note("guid", b.citation(j), a.guid[i], b.guid[j]))
            elif a.eid[i] != b.eid[j]:
                notes.append(Note("eid", b.citation(j), a.eid[i], b.eid[j]))
            if a.first_line[i] != b.first_line[j]:
                shifts += 1
            continue
        edits: tuple[Edit, ...] = ()
        segments: tuple[tuple[str, str], ...] = ()
        if not own_same:
            ops = _word_ops(a, i, b, j)
            edits, segments = _edits_of(a, i, b, j, ops)
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
                    old_span=a.span[i],
                    new_span=b.span[j],
                    stood=_where_removed_stood(a, b, m, i, moved) if is_moved else None,
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


def _where_removed_stood(
    a: Side, b: Side, m: dict[int, int], i: int, moved: Collection[int]
) -> int:
    """The offset of the new print where old provision ``i`` (removed or moved) stood: just
    after the nearest sibling before it that the new print still has where it was (not
    ``moved``), else just before the nearest such sibling after it, else at the end of its
    parent; the end of the new print when none of them is there."""

    def span(k: int) -> tuple[int, int] | None:
        j = m.get(k) if k not in moved else None
        return b.span[j] if j is not None else None

    parent = a.parent[i]
    siblings = a.children[parent] if parent >= 0 else a.roots
    at = siblings.index(i)
    for k in reversed(siblings[:at]):
        found = span(k)
        if found:
            return found[1]
    for k in siblings[at + 1 :]:
        found = span(k)
        if found:
            return found[0]
    j = m.get(parent) if parent >= 0 else None
    found = b.span[j] if j is not None else None
    return found[1] if found else len(b.text)


def _end_of_top(side: Side, i: int) -> int:
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


def _whitespace_notes(a: Side, b: Side, m: dict[int, int]) -> Iterator[Note]:
    """Clauses and Schedules whose words are the same but whose XML text differs in
    whitespace alone."""
    for i, j in m.items():
        if a.kind[i] not in ("clause", "schedule"):
            continue
        if a.full_text(i) != b.full_text(j):
            continue
        if a.xml_text[i] != b.xml_text[j] and a.xml_words[i] == b.xml_words[j]:
            yield Note("whitespace", b.citation(j), "", "")


def _metadata_notes(old: Bill, new: Bill) -> Iterator[Note]:
    a, b = old._references, new._references
    for key in sorted(set(a) | set(b)):
        if a.get(key, "") != b.get(key, ""):
            yield Note("metadata", key, a.get(key, ""), b.get(key, ""))


__all__ = [
    "QUOTE_IN_FULL",
    "Change",
    "ChangeKind",
    "Changes",
    "Edit",
    "Note",
    "Place",
    "ProvisionRef",
    "compare",
    "diff_words",
]
