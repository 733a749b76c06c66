"""Amendments to the long title: "Title, line 9, at end insert “to make further provision …”".

The long title stands in the bill's preface, above the body, and a print's page and line
markers do not number it: the House cites it by its own lines ("Title, line 9"). drafter
sets those lines as the print sets a paragraph of text (:mod:`drafter.core.print.linebreak`), and
finds the quoted words on the line cited, as it does in the body. Both Houses take the title
last, after every clause and Schedule, so an amendment to it is decided and listed last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.core.akn import AKN
from drafter.core.amendment import (
    Amendment,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    LeaveOut,
    LeaveOutLines,
    LeaveOutRange,
    Operation,
    Substitute,
    Words,
)
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.print.linebreak import DEFAULT_MEASURE, title_lines

LONG_TITLE_EID = "preface__longtitle"  # LawMaker's eId for it
_CALLED = frozenset({"A", "Bill", "To"})  # "A BILL TO", printed above the title's words
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"'": "’", '"': "”", "–": "—", "\u00a0": " "})


class TitleError(UserError, ValueError):
    """Why an amendment to the long title does not fit it."""


def title_paragraph(tree: etree._Element) -> etree._Element | None:
    """The ``<p>`` holding the long title's words (after "A BILL TO")."""
    for long_title in tree.iter(AKN + "longTitle"):
        parent = long_title.getparent()
        if parent is None or parent.tag != AKN + "preface":
            continue  # the back cover repeats it as a placeholder
        words = [p for p in long_title.iter(AKN + "p") if p.get("class") not in _CALLED]
        return words[-1] if words else None
    return None


def title_text(tree: etree._Element) -> str:
    """The long title's words, one space between each."""
    p = title_paragraph(tree)
    return _SPACES.sub(" ", "".join(p.itertext())).strip() if p is not None else ""


@dataclass(frozen=True)
class TitleEdit:
    """One change to the long title: ``start``–``end`` of its words (as printed before any
    amendment) give way to ``insert``."""

    start: int
    end: int
    insert: str = ""


def title_edits(tree: etree._Element, amendment: Amendment) -> list[TitleEdit]:
    """What ``amendment`` changes in the long title, against the title as printed;
    TitleError saying why it does not fit."""
    p = title_paragraph(tree)
    if p is None:
        raise TitleError("the bill has no long title")
    if len(p):
        raise TitleError("the long title holds markup; drafter edits only plain words there")
    text = title_text(tree)
    return [_edit(text, op, amendment.target.line) for op in amendment.operations]


def amended_title(tree: etree._Element, edits: list[TitleEdit]) -> str:
    """The long title's words as ``edits`` (which do not overlap) would make them."""
    text = title_text(tree)
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = _join(text[: e.start], e.insert, text[e.end :])
    return text


def edit_in_context(text: str, edit: TitleEdit, words: int = 3) -> str:
    """What ``edit`` makes of the title ``text``, with ``words`` of the title's words either
    side: a later print's title that reads so already has the change."""
    before = " ".join(text[: edit.start].split()[-words:])
    after = " ".join(text[edit.end :].split()[:words])
    return _join(before, edit.insert, after)


def title_line_count(tree: etree._Element) -> int:
    """How many lines the long title is printed on."""
    return len(_lines(title_text(tree)))


def write_title(tree: etree._Element, edits: list[TitleEdit]) -> None:
    """Make ``edits`` (which do not overlap) to the long title in ``tree``."""
    p = title_paragraph(tree)
    if p is None or not edits:
        return
    p.text = amended_title(tree, edits)


def _edit(text: str, op: Operation, cited: int | None) -> TitleEdit:
    lines = _lines(text)
    match op:
        case LeaveOut(words=words):
            return TitleEdit(*_find(text, lines, words, _line(lines, cited)))
        case Substitute(words=words, insert=str(new)):
            return TitleEdit(*_find(text, lines, words, _line(lines, cited)), new)
        case InsertBefore(anchor=words, insert=str(new)):
            start, _ = _find(text, lines, words, _line(lines, cited))
            return TitleEdit(start, start, new)
        case InsertAfter(anchor=words, insert=str(new)):
            _, end = _find(text, lines, words, _line(lines, cited))
            return TitleEdit(end, end, new)
        case InsertAtBeginning(insert=str(new)):
            start, _ = _line(lines, cited)
            return TitleEdit(start, start, new)
        case InsertAtEnd(insert=str(new)):
            _, end = _line(lines, cited)
            return TitleEdit(end, end, new)
        case LeaveOutRange():
            first = _line(lines, cited if op.start_line is None else op.start_line)
            start = first[0] if op.start is None else _find(text, lines, op.start, first)[1]
            last = first if op.end_line is None else _line(lines, op.end_line)
            end = last[1] if op.end is None else _find(text, lines, op.end, last, start)[0]
            if end < start:
                raise TitleError("the range ends before it begins")
            return TitleEdit(start, end, op.insert if isinstance(op.insert, str) else "")
        case LeaveOutLines(first=first, last=last, insert=insert):
            a, b = _line(lines, first), _line(lines, last)
            return TitleEdit(a[0], b[1], insert if isinstance(insert, str) else "")
    raise TitleError("a long title takes words left out or put in, not structure")


def _lines(text: str) -> list[tuple[int, int]]:
    """The title's printed lines, as (start, end) offsets into ``text``."""
    spans: list[tuple[int, int]] = []
    at = 0
    for line in title_lines(text, DEFAULT_MEASURE):
        start = text.index(line, at)
        spans.append((start, start + len(line)))
        at = start + len(line)
    return spans


def _line(lines: list[tuple[int, int]], number: int | None) -> tuple[int, int]:
    if number is None:
        raise TitleError("it cites no line of the title")
    if not 1 <= number <= len(lines):
        raise TitleError(f"the long title has lines 1 to {len(lines)}, not line {number}")
    return lines[number - 1]


def _find(
    text: str,
    lines: list[tuple[int, int]],
    words: Words,
    line: tuple[int, int],
    after: int = 0,
) -> tuple[int, int]:
    """The words beginning on ``line`` (after ``after``), whole words only."""
    folded, needle = text.translate(_FOLD), _SPACES.sub(" ", words.text.translate(_FOLD)).strip()
    hits = []
    i = folded.find(needle, max(line[0], after))
    while i != -1 and i <= line[1]:
        before = folded[i - 1] if i else " "
        after_char = folded[i + len(needle)] if i + len(needle) < len(folded) else " "
        if not (before.isalnum() and needle[:1].isalnum()) and not (
            after_char.isalnum() and needle[-1:].isalnum()
        ):
            hits.append(i)
        i = folded.find(needle, i + 1)
    number = lines.index(line) + 1
    if not hits:
        raise TitleError(f"“{words.text}” is not on line {number} of the title")
    if words.occurrence:
        if len(hits) < abs(words.occurrence):
            raise TitleError(f"line {number} of the title has “{words.text}” {len(hits)} times")
        at = hits[words.occurrence - 1 if words.occurrence > 0 else -1]
    elif len(hits) > 1:
        raise TitleError(
            f"“{words.text}” occurs {len(hits)} times on line {number} of the title: say which"
        )
    else:
        at = hits[0]
    return at, at + len(needle)


def _join(*parts: str) -> str:
    """Pieces of the title put together as printed: one space between words, none before
    closing punctuation."""
    text = " ".join(p.strip() for p in parts if p.strip())
    text = re.sub(r" +([,;:.)\]”’])", r"\1", text)
    return re.sub(r"([(\[“‘]) +", r"\1", text)
