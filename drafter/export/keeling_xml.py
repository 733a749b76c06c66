"""The Act as amended in LawMaker's change markup (a Keeling schedule as Akoma Ntoso): words
put in and left out as ``<ins>``/``<del>``, whole provisions with ``ukl:change`` ("ins",
"del", and "insReplace"/"delReplace" where one change replaces the other), each change
opened and closed (``ukl:changeStart``, ``ukl:changeEnd``, ``ukl:changeDnum="KS1"``) and
followed by a ``noteRef`` to its note in ``meta`` ("Substituted by s. 28(2)(a).")."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from drafter.core.akn import AKN, UKL
from drafter.core.apply import AMENDMENT_ATTR
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.print.markers import strip_markers
from drafter.core.provisions import kind_of
from drafter.export.printed import SHOWN_LEFT_OUT, marked_tree

_DNUM = "KS1"
#: what stands after ``notes`` in an Akoma Ntoso ``meta``
_AFTER_NOTES = frozenset({AKN + "proprietary", AKN + "presentation"})


def keeling_xml(
    act: Bill, amended: Bill, unmade: Sequence[tuple[str, str, str]] = ()
) -> etree._ElementTree:
    """``amended`` (apply's result on ``act``, amendments numbered by the bill's provisions)
    with every change marked as LawMaker marks a Keeling schedule. ``unmade``: the changes
    not made (the bill's provision, the Act's eIds, why), each noted at its provision."""
    tree, _ = marked_tree(act, amended)
    root = tree.getroot()
    body = root.find(f".//{AKN}body")
    assert body is not None  # apply required it
    strip_markers(root)  # an Act is not cited by page and line
    changes = _changes(body)
    notes = _Notes(root)
    for el, number, change in changes:
        source = number.split(" [")[0]
        words = {"ins": "Inserted", "del": "Omitted"}[change[:3]]
        if _replaced(number, changes):
            words = "Substituted"
        if el.tag == AKN + "span":
            el.tag = AKN + "del"
        if el.tag in (AKN + "ins", AKN + "del"):
            _opened(el)
        else:
            el.set(UKL + "change", change + ("Replace" if _replaced(number, changes) else ""))
            _opened(el)
        for name in (AMENDMENT_ATTR, SHOWN_LEFT_OUT):
            el.attrib.pop(name, None)
        note = notes.note(f"{words} by {source}.")
        _place_ref(el, note)
    _stable_guids([el for el, _, change in changes if change == "ins"])
    own = {el.get("eId"): el for el in body.iter(AKN + "*") if el.get("eId")}
    for _, eids, reason in unmade:  # not made: said at the provision it would change
        note = notes.note(reason)
        at = next((own[e] for e in eids.split(",") if e in own), None)
        if at is not None and at.tag != AKN + "heading":
            _place_ref(at, note)
    for record in root.iter(AKN + "proprietary"):
        if record.get("source") == "#drafter":
            parent = record.getparent()
            if parent is not None:
                parent.remove(record)
    for el in root.iter(AKN + "*"):  # drafter's marks on words and units inside changes
        el.attrib.pop(AMENDMENT_ATTR, None)
        el.attrib.pop(SHOWN_LEFT_OUT, None)
    etree.cleanup_namespaces(tree)
    return tree


def _stable_guids(inserted: list[etree._Element]) -> None:
    """What is put in gets GUIDs from where it stands (its eId), not from the whole set of
    the bill's amendments as apply seeds them: so the schedule of an Act changes only where
    the bill's changes to that Act do, and two drafters' versions of it merge."""
    for top in inserted:
        for el in top.iter(AKN + "*"):
            if el.get("GUID") is None:
                continue
            holder = next((a for a in el.iterancestors() if a.get("eId")), None)
            key = el.get("eId") or (
                f"{holder.get('eId')}/{list(holder.iter()).index(el)}"  # its place there
                if holder is not None
                else el.getroottree().getpath(el)
            )
            el.set("GUID", f"_{uuid.uuid5(uuid.NAMESPACE_URL, f'drafter:keeling:{key}')}")


def _changes(body: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """Each outermost change in the body, in order: the element, its amendment, "ins" or
    "del"."""
    found: list[tuple[etree._Element, str, str]] = []
    for el in body.iter(AKN + "*"):
        shown, made = el.get(SHOWN_LEFT_OUT), el.get(AMENDMENT_ATTR)
        if shown is None and made is None:
            continue
        if el.tag != AKN + "ins" and el.tag != AKN + "span" and kind_of(el) is None:
            continue
        if any(a.get(SHOWN_LEFT_OUT) or a.get(AMENDMENT_ATTR) for a in el.iterancestors()):
            continue  # inside a change already marked
        found.append((el, shown or made or "", "del" if shown is not None else "ins"))
    return found


def _replaced(number: str, changes: list[tuple[etree._Element, str, str]]) -> bool:
    """Did the amendment both leave out and put in (a substitution)?"""
    kinds = Counter(change for _, n, change in changes if n == number)
    return bool(kinds["ins"] and kinds["del"])


def _opened(el: etree._Element) -> None:
    el.set(UKL + "changeStart", "true")
    el.set(UKL + "changeEnd", "true")
    el.set(UKL + "changeDnum", _DNUM)


def _place_ref(el: etree._Element, note: str) -> None:
    """A ``noteRef`` to ``note`` just after the words changed, or at the end of the
    provision's number (or heading) for a whole provision."""
    ref = etree.Element(AKN + "noteRef", {"href": f"#{note}", "marker": "*", "class": "footnote"})
    if el.tag in (AKN + "ins", AKN + "del"):
        ref.tail, el.tail = el.tail, None
        el.addnext(ref)
        return
    label = el.find(AKN + "num")
    if label is None:
        label = el.find(AKN + "heading")
    if label is None:  # an unnumbered unit (a definition): after its first words
        label = next(el.iter(AKN + "p"), None)
    if label is None:
        raise ValueError(f"a change to {el.get('eId')} has nowhere to note it")
    label.append(ref)


class _Notes:
    """The notes of the changes, in ``meta``."""

    def __init__(self, root: etree._Element) -> None:
        meta = root.find(f".//{AKN}meta")
        if meta is None:
            raise ValueError("the Act has no meta")  # apply's result always has one
        found = meta.find(AKN + "notes")
        if found is None:  # where the schema has notes: before proprietary and presentation
            found = etree.Element(AKN + "notes")
            later = next((c for c in meta if c.tag in _AFTER_NOTES), None)
            if later is not None:
                later.addprevious(found)
            else:
                meta.append(found)
        self.notes = found
        self.notes.set("source", "#drafter")
        self.count = 0

    def note(self, words: str) -> str:
        self.count += 1
        eid = f"keeling_note_{self.count}"
        note = etree.SubElement(self.notes, AKN + "note", eId=eid)
        etree.SubElement(note, AKN + "p").text = words
        return eid
