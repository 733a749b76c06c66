"""Provenance: which amendment put in or left out each piece of the bill, and what went,
recorded in drafter's own namespace so that the bill stays valid Akoma Ntoso."""

from __future__ import annotations

import copy
import hashlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from drafter.core.akn import AKN, AKN_NS, PROVENANCE_NS, XHTML_NS
from drafter.core.amendment import Amendment, Status
from drafter.core.apply.report import Outcome
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.print.printed import TextPiece
from drafter.core.print.reading import is_marker
from drafter.core.xml import detach

DRAFTER = f"{{{PROVENANCE_NS}}}"
#: The attribute naming the amendment that produced an inserted or removed piece.
AMENDMENT_ATTR = DRAFTER + "amendment"
#: every element an amendment marked (words, provisions)
_MARKED = f".//*[@{AMENDMENT_ATTR}]"


def record_provenance(
    bill: Bill,
    amendments: Sequence[Amendment],
    outcomes: Sequence[Outcome],
    removed: Sequence[tuple[str, etree._Element, str, str]],
    marked: Sequence[etree._Element],
) -> None:
    """Record in the bill's ``meta`` which amendments were applied (number, sponsors,
    status, and the print they were applied to) and each provision they removed, whole,
    with where it stood. ``marked``: the elements the amendments marked (made or moved here,
    so the only ones whose namespace the clean-up can get wrong)."""
    applied = {o.number for o in outcomes if o.applied}
    if not applied:
        return
    meta = bill.document.find(AKN + "meta")
    if meta is None:
        meta = etree.Element(AKN + "meta")
        bill.document.insert(0, meta)
    proprietary = etree.Element(AKN + "proprietary", source="#drafter")
    record = etree.SubElement(proprietary, DRAFTER + "provenance", nsmap={"drafter": PROVENANCE_NS})
    for a in amendments:
        if a.number in applied:
            etree.SubElement(
                record,
                DRAFTER + "amendment",
                number=a.number,
                sponsors="; ".join(a.sponsors),
                status=Status(a.status).value,
                print=bill.metadata.bill_number,
                made=made_key(a),
            )
    for number, el, parent, after in removed:
        if el.getparent() is not None:  # went with a larger removal
            continue
        holder = etree.SubElement(record, DRAFTER + "removed", amendment=number, parent=parent)
        if after:
            holder.set("after", after)
        markers = [n for n in el.iter(etree.ProcessingInstruction) if is_marker(n)]
        if markers:  # the lines it was printed on: validation knows why they are gone
            holder.set(
                "lines", f"{(markers[0].text or '').strip()} {(markers[-1].text or '').strip()}"
            )
        for pi in markers:
            detach(pi)
        for node in el.iter(AKN + "*"):
            eid = node.attrib.pop("eId", None)
            if eid is not None:
                node.set(DRAFTER + "eId", eid)
        el.tail = None
        holder.append(el)
    presentation = meta.find(AKN + "presentation")
    if presentation is not None:
        presentation.addprevious(proprietary)
    else:
        meta.append(proprietary)
    # one xmlns:drafter on the root, not one per inserted element
    etree.cleanup_namespaces(bill.tree, top_nsmap={"drafter": PROVENANCE_NS})
    _restore_namespaces(bill.tree, marked)


def _restore_namespaces(tree: etree._ElementTree, marked: Sequence[etree._Element]) -> None:
    """lxml's namespace clean-up (and moving a provision into ``meta``) can give an Akoma
    Ntoso element inside a table cell (whose default namespace is XHTML's) the root's
    default prefix, so that it is written as XHTML: an ``<ins>`` or ``<del>`` whose words
    would print again, or the paragraphs of a table in a provision left out, which then read
    back as XHTML (and a reprint of the bill failed). Such elements are made again, in their
    own namespace, with the same words, attributes and children. The elements read from
    the file keep the declarations they were read with: only ``marked``, made or moved by
    the amendments, and the elements in a table cell need looking at (not a search of the
    whole tree for marks, a tenth of apply's time on a 30 MB bill)."""
    xhtml_children = (
        child
        for cell in tree.iter(f"{{{XHTML_NS}}}*")
        for child in cell
        if isinstance(child.tag, str) and child.tag.startswith(AKN)
    )
    for el in [*marked, *xhtml_children]:
        tag = el.tag
        if not isinstance(tag, str) or not tag.startswith(AKN):
            continue
        if el.prefix is not None or el.nsmap.get(None) == AKN_NS:
            continue
        again = etree.Element(tag, nsmap={"akn": AKN_NS})
        again.text, again.tail = el.text, el.tail
        again.extend(el)
        el.addnext(again)
        el.getparent().remove(el)
        for name, value in el.attrib.items():
            again.set(name, value)  # in the tree: the root's prefixes are used


def mark(el: etree._Element, number: str) -> etree._Element:
    el.set(AMENDMENT_ATTR, number)
    return el


def settled(bill: Bill) -> Bill:
    """``bill`` as it prints, without the marks of the amendments it has already been
    amended by: the words they put in stay as plain words, the words they left out go, the
    provisions they inserted lose their mark and the record of what they removed goes. A
    later paper's changes are then the only ones marked in it. The record of which
    amendments were applied stays: applied again, they are already made. ``bill`` itself
    when no amendment left a mark or a record of what it removed."""
    if bill.root.find(f".//{DRAFTER}removed") is None and bill.root.find(_MARKED) is None:
        return bill
    tree = copy.deepcopy(bill.tree)
    root = tree.getroot()
    for removed in list(root.iter(DRAFTER + "removed")):
        detach(removed)
    gone, plain = DRAFTER + "gone", DRAFTER + "plain"
    for el in root.iterfind(_MARKED):
        if el.tag == AKN + "del":
            el.tag = gone
        elif el.tag == AKN + "ins":
            el.tag = plain
        else:
            del el.attrib[AMENDMENT_ATTR]
    etree.strip_elements(tree, gone, with_tail=False)
    etree.strip_tags(tree, plain)
    return Bill(tree, bill.path)


def marked_in(bill: Bill, start: int, end: int) -> set[str]:
    """The amendments whose marks stand in ``bill``'s print from ``start`` to ``end``: words
    they put in, provisions they inserted, and words they left out just before words there
    (a ``<del>`` is not printed: it is found by the text that follows it)."""
    found: set[str] = set()
    pieces = bill.print.text_pieces
    for piece in pieces[bisect_right(pieces, start, key=lambda p: p.end) :]:
        if piece.start >= end:
            break
        # the piece's element and those around it (for the words after an element, that
        # element first: a <del>), and for those words the last element inside it too
        # (a <del> that ends a <ref> whose tail they are: "<ref>… <del>1968</del></ref> without")
        node: etree._Element | None = piece.element
        while node is not None:
            number = node.get(AMENDMENT_ATTR)
            if number:
                found.add(number)
            node = node.getparent()
        last = piece.element if piece.slot == "tail" else None
        while last is not None and len(last):
            last = last[-1]
            number = last.get(AMENDMENT_ATTR) if isinstance(last.tag, str) else None
            if number:
                found.add(number)
        # and words left out just after them, where no word follows on the line
        after = _next_element(piece)
        if after is not None and after.tag == AKN + "del" and after.get(AMENDMENT_ATTR):
            found.add(after.get(AMENDMENT_ATTR, ""))
    return found


def _next_element(piece: TextPiece) -> etree._Element | None:
    """The element that follows a piece's words in the XML (markers passed over)."""
    if piece.slot == "text":
        node = piece.element[0] if len(piece.element) else None
    else:
        node = piece.element.getnext()
    while node is not None and not isinstance(node.tag, str):
        node = node.getnext()
    return node


def applied_in(bill: Bill) -> list[tuple[str, str]]:
    """The amendments ``bill`` records as applied to it (number, sponsors), in the order
    applied: the record :func:`record_provenance` leaves in its ``meta``, which says what
    was applied when nothing else does (a bill amended by ``drafter apply -o`` in place)."""
    return [(el.get("number", ""), el.get("sponsors", "")) for el in _records(bill)]


def _records(bill: Bill) -> Iterator[etree._Element]:
    """The record of each amendment applied, in the ``meta`` where :func:`record_provenance`
    puts it (not looked for through the whole of a big bill)."""
    meta = bill.document.find(AKN + "meta")
    return meta.iter(DRAFTER + "amendment") if meta is not None else iter(())


def made_key(amendment: Amendment) -> str:
    """What an amendment does, as a short digest: its place and its operations, whatever
    its number (a pull may renumber it, and each paper numbers its own from 1) and its names
    (supporters are added day by day)."""
    done = repr((amendment.target, amendment.operations))
    return hashlib.blake2b(done.encode(), digest_size=8).hexdigest()


def made_in_this_print(bill: Bill) -> set[str]:
    """The :func:`made_key` of each amendment ``bill`` records as applied to the print it
    still is (not reprinted and named since: a later stage's amendments cite the new
    print)."""
    printed = bill.metadata.bill_number
    return {
        el.get("made", "") for el in _records(bill) if el.get("made") and el.get("print") == printed
    }


def marked_anywhere(bill: Bill) -> set[str]:
    """Every amendment with a mark in ``bill``'s XML (none for a bill that was reprinted
    clean, or changed by hand)."""
    return {el.get(AMENDMENT_ATTR, "") for el in bill.root.iterfind(_MARKED)} - {""}


def put_in_spans(bill: Bill) -> list[tuple[int, int]]:
    """Where the words and provisions that amendments put in stand in ``bill``'s print, in
    print order, as its marks say (the words left out are not printed)."""
    body = bill.body
    if body is None:
        return []
    spans = []
    for el in body.iterfind(_MARKED):
        if el.tag == AKN + "del":
            continue
        span = bill.print.span_of(el)
        if span is not None:
            spans.append(span)
    return sorted(spans)
