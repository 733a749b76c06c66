"""One print indexed for comparison: its provisions in document order, each one's own
words as tokens (read lazily), digests to skip what did not change, and places in the print."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property, partial
from itertools import repeat
from operator import add
from typing import Generic, NamedTuple, TypeVar

from drafter.core import outline
from drafter.core.bill import Bill
from drafter.core.compare.changes import Place, ProvisionRef
from drafter.core.etree import etree
from drafter.core.print import cache as print_cache
from drafter.core.print.lines import Line
from drafter.core.print.printed import Print, PrintError
from drafter.core.provisions import normalise_num, provision_tree


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
