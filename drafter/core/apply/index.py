"""The print as apply looks it up: the runs of XML text in print order, where a point or a
range of the print falls among them, and where each provision is printed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property

from drafter.core.akn import AKN
from drafter.core.apply.plan import Bias
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.print.printed import Print, TextPiece


class PrintIndex:
    """A bill's print, with its text pieces sorted for lookup by print offset, and the spans
    of provisions kept once found (keyed by element, which keeps the lxml proxy, and so its
    identity, alive). The print and its pieces are read when first looked up (apply has
    them read in one pass before it rules on its first amendment): applying none reads
    nothing."""

    def __init__(self, bill: Bill) -> None:
        self.bill = bill
        self._span_cache: dict[etree._Element, tuple[int, int] | None] = {}

    @cached_property
    def pr(self) -> Print:
        return self.bill.print_to_edit()

    @cached_property
    def pieces(self) -> list[TextPiece]:
        return self.pr.text_pieces

    @cached_property
    def starts(self) -> list[int]:
        return [p[0] for p in self.pieces]  # (by index: a third faster on big bills)

    @cached_property
    def ends(self) -> list[int]:
        return [p[1] for p in self.pieces]

    def span(self, el: etree._Element) -> tuple[int, int] | None:
        if el not in self._span_cache:
            self._span_cache[el] = self.pr.span_of(el)
        return self._span_cache[el]

    def pieces_in(self, start: int, end: int) -> list[TextPiece]:
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        return self.pieces[lo:hi]

    def piece_at(self, p: int, bias: Bias, words: bool = False) -> TextPiece:
        """The piece of XML text where an insertion at print offset ``p`` goes: the one
        holding the character before ``p`` ("after"), or the one at ``p`` ("before"; words
        put in at the beginning of a line go after its provision number)."""
        if bias == "after":
            i = bisect_left(self.starts, p) - 1
            if i < 0:
                i = 0
        else:
            i = bisect_right(self.ends, p)
            if words:
                while i + 1 < len(self.pieces) and is_label(self.pieces[i]):
                    i += 1
            if i >= len(self.pieces):
                i = len(self.pieces) - 1
        return self.pieces[i]

    def where(self, offset: int) -> str:
        """A print offset as a reader cites it: "page 3, line 12"."""
        line = self.pr.line_at(offset) if self.pr.lines else None
        return f"page {line.page}, line {line.number}" if line else f"offset {offset}"


def owner_of(piece: TextPiece) -> etree._Element:
    """The element whose words a piece is: its element for a text, the parent for a tail."""
    if piece.slot == "text":
        return piece.element
    parent = piece.element.getparent()
    return parent if parent is not None else piece.element


def is_label(piece: TextPiece) -> bool:
    """A provision's number or heading (words put in or left out never touch them)."""
    return owner_of(piece).tag in (AKN + "num", AKN + "heading")


def inside(el: etree._Element, container: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def ancestors(node: etree._Element | None, stop: etree._Element | None) -> list[etree._Element]:
    """``node`` and the elements above it, up to (not including) ``stop``."""
    out = []
    while node is not None and node is not stop:
        if isinstance(node.tag, str):
            out.append(node)
        node = node.getparent()
    return out
