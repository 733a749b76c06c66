"""Page/line markers written into a bill: drafter's own layout as LawMaker's ``<?L page-line?>``
processing instructions, at the exact XML places where lines begin."""

from __future__ import annotations

from bisect import bisect_right

from drafter.core.akn import AKN
from drafter.core.etree import etree
from drafter.core.print.lines import Line
from drafter.core.print.printed import Print, PrintError, XmlPlace, raw_offset_of, read_print
from drafter.core.print.reading import LAYOUT_PI, Source, is_marker
from drafter.core.xml import detach


def _marker_place(
    starts: list[int], sources: list[Source | None], length: int, position: int
) -> XmlPlace:
    """Where a marker for a line starting at ``position`` goes: before the first character
    of XML text at or after it (the print's own quotation marks are not in the XML).
    ``starts`` and ``sources``: the print's pieces; ``length``: the length of its text."""
    index = bisect_right(starts, position) - 1
    if index < 0:
        index = 0
    piece_end = starts[index + 1] if index + 1 < len(starts) else length
    if sources[index] is None or position >= piece_end:
        index += 1
        while index < len(sources) and sources[index] is None:
            index += 1
        if index >= len(sources):
            raise PrintError(f"offset {position} is past the end of the printed text")
        position = starts[index]
    source = sources[index]
    assert source is not None
    element, slot, raw = source
    return XmlPlace(element, slot, raw_offset_of(raw, position - starts[index]))


def strip_markers(root: etree._Element) -> int:
    """Remove every ``<?L?>`` marker (keeping the text around it), and the note that they
    were drafter's own layout; returns how many markers."""
    found = 0
    for pi in list(root.iter(etree.ProcessingInstruction)):
        if is_marker(pi):
            found += 1
        elif pi.target != LAYOUT_PI:  # type: ignore[attr-defined]
            continue
        detach(pi)
    return found


def insert_markers(body: etree._Element, lines: list[Line], pr: Print) -> None:
    """Write ``<?L page-line?>`` before the first character of every line (in place)."""
    # every fragment gets its marker (table cells printed side by side repeat the line's);
    # last first, so that splitting a string leaves the earlier offsets valid
    starts, sources, length = pr._piece_starts, pr._piece_sources, len(pr.text)
    places = sorted(
        (
            (a, _marker_place(starts, sources, length, a), line)
            for line in lines
            for a, _ in line.fragments
        ),
        key=lambda item: item[0],
    )
    for _, place, line in reversed(places):
        pi = etree.ProcessingInstruction("L", f"{line.page}-{line.number}")
        el = place.element
        if place.slot == "text":
            raw = el.text or ""
            el.text, pi.tail = raw[: place.offset], raw[place.offset :]
            el.insert(0, pi)
        else:
            raw = el.tail or ""
            el.tail, pi.tail = raw[: place.offset], raw[place.offset :]
            el.addnext(pi)


def with_own_markers(tree: etree._ElementTree, earlier: Print | None = None) -> etree._ElementTree:
    """A copy of a bill with fresh page/line markers from drafter's own layout (see
    :func:`lay_out_markers`). The input tree is not changed."""
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    lay_out_markers(copy, earlier)
    return copy


def lay_out_markers(tree: etree._ElementTree, earlier: Print | None = None) -> None:
    """Give a bill, in place, fresh page/line markers from drafter's own layout (any markers
    it had are replaced), noted as drafter's (:data:`LAYOUT_PI`); ``earlier``: the print it
    follows (the bill before amendment), whose lines and pages are kept where its words are.
    For a tree of the caller's own (apply's working copy, a reprint): copying a big bill
    takes as long as writing its markers."""
    body = tree.getroot().find(f".//{AKN}body")
    if body is None:
        raise PrintError("the document has no <body> to lay out")
    strip_markers(body)
    pr = read_print(body, earlier=earlier)
    insert_markers(body, pr.lines, pr)
    note_origin(body)


def note_origin(body: etree._Element, origin: str = "") -> None:
    """Note first in ``body`` that its markers are drafter's (``origin`` "": its own layout;
    :data:`~drafter.core.print.reading.FROM_PDF`: read from the House's PDF), so that they
    are never taken for the House's."""
    note = etree.ProcessingInstruction(LAYOUT_PI, origin or None)
    note.tail, body.text = body.text, None
    body.insert(0, note)
