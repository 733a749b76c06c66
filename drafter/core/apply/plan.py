"""What one resolution of an amendment does to the bill: the print offsets it touches, what
it leaves out and puts in, and where inserted structure goes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafter.core.amendment import (
    Amendment,
    Inserted,
    Operation,
)
from drafter.core.etree import etree

Bias = Literal["before", "after"]


@dataclass(frozen=True)
class Edit:
    """One resolution of an amendment, planned: what it touches in the print, what it leaves
    out and puts in, and where structure it puts in goes."""

    seq: int
    amendment: Amendment
    op: Operation
    start: int  # what it touches in the print: [start, end)
    end: int
    delete: bool  # leaves words (or provisions) out
    insert: Inserted | None = None
    bias: Bias = "after"
    #: whole provisions the edit removes
    removed: tuple[etree._Element, ...] = ()
    #: where inserted structure goes: (element, "after" | "before" | "first-in" | "last-in")
    anchor: tuple[etree._Element, str] | None = None
    new_kind: str = ""  # the element kind of inserted structure ("level", "section" …)
    new_number: str = ""  # provisional number of a new clause/Schedule

    @property
    def number(self) -> str:
        return self.amendment.number

    @property
    def point(self) -> bool:
        return not self.delete
