"""The outline of a print: its provisions as columns, all that a comparison reads of them.

For each provision of a bill, as :func:`~drafter.core.bill.provision_tree` lists them in
document order: its kind and parent, GUID and eId, number and heading as printed, citation,
where it and its number stand in the print and the line it starts on, a digest of its own
words (see :func:`own_segments`), and, for clauses and Schedules, digests of their XML text
(to tell a change of whitespace alone). A provision's words as tokens (see :data:`TOKEN`) are
read when a comparison asks for them (:func:`read_tokens`): it asks only for provisions whose
words changed, a few in a hundred, so reading every provision's at first open (half a
microsecond a token) would cost more than it saves.

It depends only on the bill's bytes, so the print cache keeps it beside the print (see
:attr:`drafter.core.bill.Bill.outline`): comparing two prints read before needs neither their
trees nor a walk of them.
"""

from __future__ import annotations

import hashlib
import re
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from drafter.core.akn import AKN
from drafter.core.collector import no_cycle_collection
from drafter.core.etree import etree
from drafter.core.print.cache import pack_ints, unpack_ints
from drafter.core.print.reading import printed_text
from drafter.core.provisions import NUMBERED_STEPS, first_child, normalise_num, provision_tree

if TYPE_CHECKING:
    from drafter.core.bill import Bill

#: (start, end) offsets in a print's text (None: nothing printed)
Span = tuple[int, int] | None
#: (page, line) (None: no printed line)
LinePlace = tuple[int, int] | None

#: A word (letters, digits, inner apostrophes) or one punctuation mark: what is compared.
TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]")
#: :data:`TOKEN` as a separator: splitting on it gives gap, word, gap, word, …, gap
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")


class Tokens(NamedTuple):
    """A provision's own words as tokens: their texts, where each starts in the print, and
    the index of the first token of each own segment (then how many tokens there are)."""

    words: list[str]
    starts: list[int]
    firsts: list[int]


def read_tokens(text: str, segments: list[tuple[int, int]]) -> Tokens:
    """Tokenize the own segments of a provision (spans of the print's ``text``)."""
    words: list[str] = []
    starts: list[int] = []
    firsts = [0]
    for a, b in segments:
        parts = _TOKEN_SPLIT.split(text[a:b])
        words += parts[1::2]
        starts += list(accumulate(map(len, parts), initial=a))[1:-1:2]
        firsts.append(len(words))
    return Tokens(words, starts, firsts)


class Outline(NamedTuple):
    """A print's provisions, one entry per provision in each column (see the module)."""

    kind: list[str]
    parent: list[int]
    guid: list[str]
    eid: list[str]
    num: list[str]
    heading: list[str]
    citation: list[str]
    span: list[Span]
    num_span: list[Span]
    #: (page, line) where the provision's printed text starts
    first_line: list[LinePlace]
    #: a digest of the provision's own words: two provisions with the same say the same
    own_digest: list[str]
    #: clauses and Schedules: a digest of their XML text ("" for other provisions) …
    xml_text: list[str]
    #: … and of that text without its whitespace
    xml_words: list[str]

    def columns(self) -> tuple[object, ...]:
        """The outline as the print cache keeps it (see :meth:`from_columns`): its columns in
        order, those of pairs packed."""
        return tuple(
            _pack(getattr(self, name)) if name in _PAIRS else getattr(self, name)
            for name in self._fields
        )

    @classmethod
    def from_columns(cls, kept: object) -> Outline | None:
        """The outline :meth:`columns` gave, if ``kept`` is one whole (else None)."""
        if not isinstance(kept, tuple) or len(kept) != len(cls._fields):
            return None
        try:
            outline = cls._make(
                _unpack(column) if name in _PAIRS else column
                for name, column in zip(cls._fields, kept, strict=True)
            )
        except (TypeError, ValueError):
            return None
        if not all(isinstance(c, list) and len(c) == len(outline.kind) for c in outline):
            return None
        return outline


#: the columns of pairs of numbers (or None), packed to be kept
_PAIRS = frozenset({"span", "num_span", "first_line"})


@no_cycle_collection()  # tens of thousands of lists and tuples, none in a cycle
def outline_of(bill: Bill) -> Outline:
    """Read the outline of a bill from its tree and print."""
    body = bill.body
    if body is None:
        return Outline._make([] for _ in Outline._fields)
    elements, kinds, parents = provision_tree(body)
    pr = bill.print
    num_tag, heading_tag = AKN + "num", AKN + "heading"
    num_elements = [first_child(el, num_tag) for el in elements]
    nums = [plain_text(el) for el in num_elements]
    citations: list[str] = []
    memo: dict[etree._Element, str] = {}
    for i, el in enumerate(elements):
        # a numbered step under a clause or another step ("Clause 5(2)(a)") is its parent's
        # citation and its number; the bill works out the rest
        p, number = parents[i], normalise_num(nums[i])
        if (
            p >= 0
            and number
            and kinds[i] in NUMBERED_STEPS
            and (kinds[p] == "clause" or kinds[p] in NUMBERED_STEPS)
        ):
            citations.append(f"{citations[p]}({number})")
        else:
            citations.append(bill.citation_of(el, memo))
    xml_text: list[str] = []
    xml_words: list[str] = []
    for el, kind in zip(elements, kinds, strict=True):
        if kind in ("clause", "schedule"):
            # the text and tails of elements, not of processing instructions (whose position
            # is the print's business): what itertext gives, as libxml2 writes it (in C:
            # a tenth of the time)
            raw = etree.tostring(el, method="text", encoding=str, with_tail=False)
            xml_text.append(_digest(raw))
            xml_words.append(_digest("".join(raw.split())))
        else:
            xml_text.append("")
            xml_words.append("")
    spans = pr.spans(elements)
    num_spans = [pr.span_of(n) if n is not None else None for n in num_elements]
    children: list[list[int]] = [[] for _ in elements]
    for i, p in enumerate(parents):
        if p >= 0:
            children[p].append(i)
    text = pr.text
    segments = [
        own_segments(text, spans[i], holes_in(spans, num_spans[i], children[i]))
        for i in range(len(elements))
    ]
    own = [_digest(own_text(text, segs)) for segs in segments]
    printed = pr.line_count > 0
    first_lines = [pr.page_and_line_at(span[0]) if span and printed else None for span in spans]
    return Outline(
        kind=kinds,
        parent=parents,
        guid=[el.get("GUID", "") for el in elements],
        eid=[el.get("eId", "") for el in elements],
        num=nums,
        heading=[plain_text(first_child(el, heading_tag)) for el in elements],
        citation=citations,
        span=spans,
        num_span=num_spans,
        first_line=first_lines,
        own_digest=own,
        xml_text=xml_text,
        xml_words=xml_words,
    )


def holes_in(spans: list[Span], num_span: Span, children: list[int]) -> list[tuple[int, int]]:
    """The spans of a provision's number and children (indexes into ``spans``), in order:
    the holes in its own span."""
    found = [s for s in (num_span, *(spans[c] for c in children)) if s is not None]
    found.sort()
    return found


def own_segments(text: str, span: Span, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of a provision's own words in the print's ``text``: its span less its
    ``holes`` (number, children), each trimmed of spaces, none empty. Its own text is
    these joined with spaces."""
    out: list[tuple[int, int]] = []
    if span is not None:
        at, end = span
        for a, b in holes:
            if a > at and text[at:a].strip():
                out.append(_trimmed(text, at, a))
            at = max(at, b)
        if end > at and text[at:end].strip():
            out.append(_trimmed(text, at, end))
    return out


def own_text(text: str, segments: list[tuple[int, int]]) -> str:
    """A provision's own words: its own segments (see :func:`own_segments`) joined with
    spaces."""
    return " ".join(text[a:b] for a, b in segments)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def plain_text(el: etree._Element | None) -> str:
    """A number's or heading's words (they hold no quotations the print adds)."""
    if el is None:
        return ""
    if len(el) == 0:
        return " ".join((el.text or "").split())
    return printed_text(el)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _pack(pairs: list[Span] | list[LinePlace]) -> bytes:
    nothing = (-1, -1)
    return pack_ints([n for pair in pairs for n in (pair or nothing)])


def _unpack(packed: object) -> list[Span]:
    if not isinstance(packed, bytes):
        raise TypeError("not a column of pairs")
    column = unpack_ints(packed)
    return [(a, b) if a >= 0 else None for a, b in zip(column[0::2], column[1::2], strict=True)]
