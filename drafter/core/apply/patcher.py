"""Patching: the accepted edits made in the XML, from the end of the document backwards."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from drafter.core.akn import (
    AKN,
)
from drafter.core.amendment import (
    Block,
    InsertAfter,
    InsertAtEnd,
    LeaveOutLines,
    LeaveOutRange,
    NewClause,
    NewSchedule,
)
from drafter.core.apply.index import PrintIndex, inside, is_label, owner_of
from drafter.core.apply.plan import Bias, Edit
from drafter.core.apply.provenance import mark
from drafter.core.apply.spacing import Joined, Spacing, spacing_of
from drafter.core.apply.writer import (
    BODY_WORDS,
    UnitWriter,
    body_block,
    depth_of,
    in_schedule,
    unit_kind,
)
from drafter.core.etree import etree
from drafter.core.print.printed import TextPiece
from drafter.core.print.reading import QUOTE_ATTRS, SKIPPED_TAGS, XML_SPACE, Slot
from drafter.core.provisions import child_provisions, kind_of
from drafter.core.xml import detach

_WS = " \t\n\r"
#: What stands for XML whitespace that is to go while the tree is edited (one character for
#: one, so that offsets into the XML text stay valid); taken out when the editing is done.
_GONE = "\ue000"


class Patcher:
    """Makes the accepted edits in the XML of the bill the print was read from."""

    def __init__(self, index: PrintIndex, writer: UnitWriter, edits: list[Edit]) -> None:
        self.bill = index.bill
        self.index = index
        self.writer = writer
        self.edits = edits
        self.spacing = Spacing()
        #: the elements holding whitespace marked as going (:meth:`mark_gone`)
        self.blanked: list[etree._Element] = []
        #: provisions removed: (amendment, element, its parent's eId, the eId before it)
        self.removed: list[tuple[str, etree._Element, str, str]] = []
        self.inserted_structure = False
        #: every element marked as put in or left out by an amendment, as it was marked
        self.marked: list[etree._Element] = []

    def marked_by(self, el: etree._Element, number: str) -> etree._Element:
        """``el``, marked as made by amendment ``number`` (and listed in :attr:`marked`)."""
        self.marked.append(el)
        return mark(el, number)

    def edit(self) -> None:
        """Make every accepted edit, from the end of the document backwards. The spacing of
        all of them is settled first, on the print, where edits side by side can be seen to
        meet; the whitespace that goes is marked in the XML before any of it is cut.

        Edits at one place are made last amendment first, each going in just before the
        ones already made: words at a point, or units after the same provision. Units put in
        before the same provision (a Commons new clause goes before the bill's final
        provisions) go in first amendment first instead, each just before that provision, so
        that they too stand in the paper's order (“47A”, “47B”, “47C”, not the other way)."""

        def order(e: Edit) -> tuple[int, int, int]:
            before = e.anchor is not None and e.anchor[1] == "before"
            return (-e.start, 0 if e.delete else 1, e.seq if before else -e.seq)

        if not self.edits:
            return  # nothing to make: the print need not be read for its spacing
        self.spacing = spacing_of(self.index.pr.text, self.joins())
        for q in sorted(self.spacing.gone | self.spaces_left_out()):
            self.mark_gone(q)
        edits = sorted(self.edits, key=order)
        for e in edits:
            if isinstance(e.op, NewClause | NewSchedule):
                self.insert_new(e)
            elif e.removed:
                self.leave_out_with_provisions(e)
            elif e.delete:
                self.leave_out_words(e)
            else:
                self.put_in(e)
        # provisions go last: units another amendment puts in beside them, or in the Part
        # they leave empty, must find them still there
        for e in edits:  # the last first, so that each records the one before it
            for el in reversed(e.removed):
                self.remove(el, e.number)
        self.take_out_gone()

    def leave_out_with_provisions(self, e: Edit) -> None:
        """An edit that leaves out whole provisions (removed at the end, by :meth:`edit`), and
        of a range the words around them; what it puts in goes in beside them."""
        if e.insert is not None and e.anchor is not None:
            self.insert_units(e)
        text_pieces = [
            p
            for p in self.index.pieces_in(e.start, e.end)
            if not any(inside(owner_of(p), r) for r in e.removed) and not is_label(p)
        ]
        # words put in go after the words left out that stay in the XML, not at the end of a
        # provision that goes (they would go with it)
        kept_end = min(e.end, text_pieces[-1].end) if text_pieces else e.start
        self.insert_words_after_range(e, kept_end)
        if text_pieces:
            self.wrap_deleted(text_pieces, e.start, e.end, e.number)

    def leave_out_words(self, e: Edit) -> None:
        """Words left out (struck as ``<del>``), and what goes in for them."""
        if e.anchor is not None:
            self.insert_units(e)
        else:
            self.insert_words_after_range(e, e.end)
        pieces = self.index.pieces_in(e.start, e.end)
        if isinstance(e.op, LeaveOutRange | LeaveOutLines):
            pieces = [p for p in pieces if not is_label(p)]
        self.wrap_deleted(pieces, e.start, e.end, e.number)

    def put_in(self, e: Edit) -> None:
        """Words or units put in at a point."""
        if e.anchor is not None:
            self.insert_units(e)
        elif isinstance(e.insert, str):
            closing = self.quotation_closed_at(e)
            if closing is not None:
                self.insert_after_element(closing, self.spaced(e))
            else:
                self.insert_words(e.start, self.spaced(e), self.bias(e))

    def quotation_closed_at(self, e: Edit) -> etree._Element | None:
        """The quoted element after which ``e``'s words go: its anchor takes in a closing
        quotation mark that the print adds (“local authority”), so not in it; or they go at
        the end of a line that ends in a defined term or quoted words (the bill's words, not
        the term's; at the end of a quoted provision they stay in the quotation)."""
        if isinstance(e.op, InsertAtEnd):
            quoted = self.quoted_element_closing_at(e.start)
            inline = quoted is not None and quoted.tag in (AKN + "def", AKN + "quotedText")
            return quoted if inline else None
        return self.quoted_element_closing_at(e.start) if isinstance(e.op, InsertAfter) else None

    def bias(self, e: Edit) -> Bias:
        """Where words put in at ``e.start`` go: after an anchor that takes in an opening
        quotation mark, inside the quotation, after the mark; else as ``e`` says."""
        last = e.op.anchor.text.rstrip()[-1:] if isinstance(e.op, InsertAfter) else ""
        return "before" if last and last in "“‘" else e.bias

    def joins(self) -> list[Joined]:
        """The words every accepted edit leaves out and puts in, where they meet the print."""
        joins = []
        for e in self.edits:
            if isinstance(e.op, NewClause | NewSchedule):
                continue
            words = e.insert.strip() if isinstance(e.insert, str) else ""
            if e.delete:
                joins.append(Joined(e.start, e.end, words, False, e.seq))
            elif words and e.anchor is None:
                p = e.start
                if self.quotation_closed_at(e) is None:  # as insert_words puts them
                    bias = self.bias(e)
                    piece = self.index.piece_at(p, bias, words=bias == "before")
                    p = min(max(p, piece.start), piece.end)
                joins.append(Joined(p, p, words, True, e.seq))
        return joins

    def spaces_left_out(self) -> set[int]:
        """The print's spaces between the texts of words left out: they go with the words
        (a space inside one text goes in its ``<del>``)."""
        text = self.index.pr.text
        found: set[int] = set()
        for e in self.edits:
            if not e.delete or (e.removed and not isinstance(e.op, LeaveOutRange | LeaveOutLines)):
                continue  # whole provisions: their spaces go with them
            pieces = self.index.pieces_in(e.start, e.end)
            for a, b in pairwise(pieces):
                found.update(q for q in range(a.end, b.start) if text[q] == " ")
        return found

    def spaced(self, e: Edit) -> etree._Element:
        """The ``<ins>`` of the words ``e`` puts in, with the spaces :func:`_spacing` gave them."""
        assert isinstance(e.insert, str)
        lead = " " if e.seq in self.spacing.lead else ""
        trail = " " if e.seq in self.spacing.trail else ""
        ins = self.marked_by(etree.Element(AKN + "ins"), e.number)
        ins.text = lead + e.insert.strip() + trail
        return ins

    def mark_gone(self, q: int) -> None:
        """Mark the XML whitespace that prints as the space at print offset ``q``: a run of it
        inside one text, or the end of the text before, the start of the text after and the
        whitespace-only texts between them (a break between blocks prints as a space
        whatever the XML holds: the print leaves it out only before closing punctuation)."""
        i = bisect_right(self.index.starts, q) - 1
        if i >= 0 and q < self.index.pieces[i].end:
            piece = self.index.pieces[i]
            a = b = piece.raw_offset(q)
            while b < len(piece.raw) and piece.raw[b] in _WS:
                b += 1
            self.blank(piece.element, piece.slot, a, b)
            return
        before = self.index.pieces[i] if i >= 0 else None
        after = self.index.pieces[i + 1] if i + 1 < len(self.index.pieces) else None
        if before is not None:
            self.blank(before.element, before.slot, len(before.raw.rstrip(_WS)), len(before.raw))
        if after is not None:
            self.blank(after.element, after.slot, 0, len(after.raw) - len(after.raw.lstrip(_WS)))
        if before is not None and after is not None:
            for node, slot in _slots_between(before, after):
                self.blank(node, slot, 0, len(_slot(node, slot)))

    def blank(self, node: etree._Element, slot: Slot, a: int, b: int) -> None:
        """Mark the whitespace in ``node``'s text (or tail) from ``a`` to ``b`` as going."""
        value = _slot(node, slot)
        if a >= b or not value[a:b] or value[a:b].strip(_WS):
            return
        value = value[:a] + _GONE * (b - a) + value[b:]
        if slot == "text":
            node.text = value
            self.blanked.append(node)
        else:
            node.tail = value
            parent = node.getparent()
            self.blanked.append(parent if parent is not None else node)

    def take_out_gone(self) -> None:
        """Take out the whitespace marked as going: a ``<del>`` keeps one space for it (shown
        struck through, the words left out still read apart), any other text none."""
        for top in [*self.blanked, *(r[1] for r in self.removed)]:
            for node in top.iter():
                if isinstance(node.tag, str) and node.text and _GONE in node.text:
                    kept = " " if node.tag == AKN + "del" else ""
                    node.text = re.sub(f"{_GONE}+", kept, node.text)
                if node.tail and _GONE in node.tail:
                    node.tail = node.tail.replace(_GONE, "")

    def quoted_element_closing_at(self, p: int) -> etree._Element | None:
        """The element whose closing quotation mark (added by the print, not in the XML text)
        is the character just before print offset ``p``, if there is one."""
        piece = self.index.piece_at(p, "after")
        printed = " ".join(piece.raw.strip(XML_SPACE).split())
        if p <= piece.start + len(printed) or self.index.pr.text[p - 1] not in "”’":
            return None
        node: etree._Element | None = owner_of(piece)
        while node is not None and node is not self.bill.body:
            attrs = QUOTE_ATTRS.get(str(node.tag))
            if attrs and node.get(attrs[1]):
                return node
            node = node.getparent()
        return None

    def insert_after_element(self, el: etree._Element, ins: etree._Element) -> None:
        """Put ``ins`` in straight after ``el`` (at the start of its tail)."""
        current = el.tail or ""
        el.tail, ins.tail = None, current or None
        el.addnext(ins)

    def insert_words_after_range(self, e: Edit, p: int) -> None:
        """The words ``e`` puts in for those it leaves out, at print offset ``p``."""
        if isinstance(e.insert, str) and e.insert.strip():
            self.insert_words(p, self.spaced(e), "after")

    def insert_words(self, p: int, ins: etree._Element, bias: Bias) -> None:
        """Put ``ins`` in at print offset ``p``."""
        piece = self.index.piece_at(p, bias, words=bias == "before")
        q = min(max(p, piece.start), piece.end)
        self.split_in(piece, piece.raw_offset(q), ins)

    def split_in(self, piece: TextPiece, offset: int, new: etree._Element) -> None:
        """Put ``new`` into the piece's text node at ``offset``."""
        node = piece.element
        if piece.slot == "text":
            current = node.text or ""
            node.text, new.tail = current[:offset], current[offset:] or None
            node.insert(0, new)
        else:
            current = node.tail or ""
            node.tail, new.tail = current[:offset], current[offset:] or None
            node.addnext(new)

    def wrap_deleted(self, pieces: list[TextPiece], start: int, end: int, number: str) -> None:
        """Wrap the words of [start, end) in ``<del>``, piece by piece, last first, with the
        spaces beside them that go (:meth:`mark_gone`): a space that stood in another text
        is kept in the ``<del>`` as one, so that struck through the words still read apart."""
        gone = self.spacing.gone
        for n, piece in enumerate(reversed(pieces)):
            node = piece.element
            current = (node.text if piece.slot == "text" else node.tail) or ""
            a = piece.raw_offset(start)
            b = min(piece.raw_offset(end), len(current))
            first = n == len(pieces) - 1 and start - 1 in gone and piece.start <= start
            last = n == 0 and end in gone and end <= piece.end
            if first or start < piece.start:  # the space before the words goes too
                while a > 0 and current[a - 1] in _WS + _GONE:
                    a -= 1
            if last or piece.end < end:  # … or after them
                while b < len(current) and current[b] in _WS + _GONE:
                    b += 1
            if a >= b:
                continue
            deleted = self.marked_by(etree.Element(AKN + "del"), number)
            words = current[a:b]
            if first and words[0] not in _WS + _GONE:
                words = " " + words
            if last and words[-1] not in _WS + _GONE:
                words += " "
            deleted.text = words
            rest = current[b:] or None
            if piece.slot == "text":
                node.text = current[:a]
                deleted.tail = rest
                node.insert(0, deleted)
            else:
                node.tail = current[:a]
                deleted.tail = rest
                node.addnext(deleted)

    def remove(self, el: etree._Element, number: str) -> None:
        parent = el.getparent()
        if parent is None:
            return
        previous = el.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        self.removed.append(
            (
                number,
                el,
                parent.get("eId", ""),
                previous.get("eId", "") if previous is not None else "",
            )
        )
        detach(el)
        self.tidy(parent, number)

    def tidy(self, parent: etree._Element, number: str) -> None:
        """After a removal: no empty crossheading, Part or Chapter; a provision whose list
        is gone keeps its opening words as content."""
        kind = kind_of(parent)
        left = list(child_provisions(parent))
        if kind in ("crossheading", "part", "chapter", "schedules") and not left:
            self.remove(parent, number)
            return
        intro = parent.find(AKN + "intro")
        if intro is not None and not left:
            intro.tag = AKN + "content"
            wrap = parent.find(AKN + "wrapUp")
            if wrap is not None:
                for child in list(wrap):
                    intro.append(child)
                detach(wrap)

    def insert_units(self, e: Edit) -> None:
        assert e.anchor is not None and isinstance(e.insert, tuple)
        anchor, how = e.anchor
        self.inserted_structure = True
        if how == "body":
            self.fill_body(anchor, e)
            return
        made = [self.build(b, e, anchor) for b in e.insert]
        self.put(anchor, how, made)

    def put(self, anchor: etree._Element, how: str, made: list[etree._Element]) -> None:
        if how == "after":
            for el in reversed(made):
                _add_after(anchor, el)
        elif how == "before":
            for el in made:
                anchor.addprevious(el)
        else:  # "last-in"
            for el in made:
                anchor.append(el)

    def insert_new(self, e: Edit) -> None:
        assert e.anchor is not None and isinstance(e.insert, tuple)
        self.inserted_structure = True
        block = e.insert[0]
        anchor, how = e.anchor
        clause = isinstance(e.op, NewClause)
        num = e.new_number if clause else f"Schedule {e.new_number}"
        el = self.writer.write_unit(
            block, "section" if clause else "schedule", not clause, "", 0, num=num
        )
        self.marked_by(el, e.number)
        self.put(anchor, how, [el])

    def fill_body(self, owner: etree._Element, e: Edit) -> None:
        """Write the inserted words and units as ``owner``'s body (its words as ``<ins>``, its
        units marked as inserted)."""
        assert isinstance(e.insert, tuple)
        block = body_block(e.insert)
        assert block is not None
        kind = unit_kind(owner)
        depth = depth_of(owner) if kind == "level" else 0
        before = set(owner)
        schedule = in_schedule(owner)
        self.writer.write_body(owner, block, kind, schedule, owner.get("eId", ""), depth)
        for child in owner:
            if child in before:
                continue
            if child.tag in BODY_WORDS:
                for p in child.findall(AKN + "p"):
                    ins = self.marked_by(etree.Element(AKN + "ins"), e.number)
                    ins.text, p.text = p.text, None
                    ins.extend(list(p))
                    p.append(ins)
            elif kind_of(child) is not None:
                self.marked_by(child, e.number)

    def build(self, b: Block, e: Edit, sibling: etree._Element) -> etree._Element:
        """A new unit of the sibling's kind (``level`` para1 …), eIds after the sibling's."""
        sib_eid = sibling.get("eId", "")
        base, _, last = sib_eid.rpartition("__")
        if not sib_eid:  # eIds are optional in Akoma Ntoso: the nearest one above, then
            base = next((a.get("eId", "") for a in sibling.iterancestors() if a.get("eId")), "")
        prefix = last.split("_")[0] if last else "para"
        kind = e.new_kind
        depth = depth_of(sibling) if kind.startswith("level") else 0
        el = self.writer.write_unit(
            b,
            "level" if kind.startswith("level") else kind,
            in_schedule(sibling),
            base,
            depth,
            prefix=prefix,
        )
        return self.marked_by(el, e.number)


def _slot(node: etree._Element, slot: Slot) -> str:
    return (node.text if slot == "text" else node.tail) or ""


def _slots_between(before: TextPiece, after: TextPiece) -> list[tuple[etree._Element, Slot]]:
    """The texts and tails in document order between two pieces of the print, which hold
    nothing printed (whitespace, or words in elements the print skips, which are passed
    over); none when the pieces are far apart (a break between blocks)."""
    node, slot = before.element, before.slot
    found: list[tuple[etree._Element, Slot]] = []
    for _ in range(32):
        if slot == "text" and isinstance(node.tag, str) and node.tag not in SKIPPED_TAGS:
            if len(node):
                node, slot = node[0], "text"
            else:
                slot = "tail"
        elif slot == "text":
            slot = "tail"
        elif (following := node.getnext()) is not None:
            node, slot = following, "text"
        elif (parent := node.getparent()) is not None:
            node, slot = parent, "tail"
        else:
            return []
        if node is after.element and slot == after.slot:
            return found
        if slot == "tail" or (isinstance(node.tag, str) and node.tag not in SKIPPED_TAGS):
            found.append((node, slot))
    return []


def _add_after(anchor: etree._Element, el: etree._Element) -> None:
    """Put ``el`` right after ``anchor``, leaving ``anchor``'s tail with it."""
    tail = anchor.tail
    anchor.addnext(el)
    anchor.tail = tail
    el.tail = tail
