"""The amendments that turn one print of a bill into the next, checked by making them.

:class:`~drafter.core.compare.amendments.Drafter` drafts the amendments from a comparison, as
a drafter would table them:

- an amendment never cuts through a provision's number, a heading or a provision's boundary;
- a change that words cannot carry (new units among the words, a provision split or joined)
  is drafted at the level of the provision: "leave out subsection (5) and insert— (5) …";
- words are cited from the old print only, and two amendments never touch the same words;
- what a reprint does by itself (renumbering, and the cross-references that follow it) is not
  amended.

The draft is then checked as the House would see it: applied to the old print in memory and
renumbered as a reprint renumbers, each clause and Schedule must read exactly as in the new
print, quotation marks included, with every amendment applied (none pre-empted). Where one
does not, it is drafted again one step coarser (:meth:`Drafter.coarsen`): its changed
provisions whole, then the whole clause left out and put in again. Whatever still does not
come out the same is named in the problems, never passed over.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cached_property

from drafter.core.akn import AKN
from drafter.core.amendment import Amendment
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.compare.amendments import Drafter
from drafter.core.compare.sides import Side
from drafter.core.etree import etree
from drafter.core.print.reading import printed_text
from drafter.core.provisions import kind_of
from drafter.core.reprint import drop_removed, renumber
from drafter.core.resolve import house_style
from drafter.core.wording import typeset_marks

NUM = AKN + "num"
QUOTED = AKN + "quotedStructure"

#: drafting rounds at most: words; references a reprint would not renumber; quoted units by
#: their lines; provisions whole; clauses whole (:meth:`Drafter.coarsen`)
ROUNDS = 5


def amendments_between(old: Bill, new: Bill) -> list[Amendment]:
    """The amendments, citing ``old``'s print in the House's wording, that turn ``old`` into
    ``new`` (see the module's docstring)."""
    return draft_amendments(old, new)[0]


def draft_amendments(old: Bill, new: Bill) -> tuple[list[Amendment], list[str]]:
    """:func:`amendments_between`, and what is wrong with the draft: amendments that do not
    check, and clauses or Schedules that do not come out as ``new`` has them."""
    with no_cycle_collection():
        drafter = Drafter(Side(old), Side(new))
        wanted = _Wanted(new)
        out = drafter.run()
        for _ in range(ROUNDS):
            failing, not_made = _failing(drafter, out, wanted)
            failing |= drafter.unfit
            if not failing:
                break
            if drafter.coarsen(failing) == failing:
                break
            out = drafter.run()
        else:
            failing, not_made = _failing(drafter, out, wanted)
    problems = list(drafter.problems)
    a = drafter.a
    problems += [
        f"{a.citation(t)}: the amendments do not make it as the new print has it"
        for t in sorted(failing - drafter.unfit)
        if t >= 0
    ]
    problems += [f"{c}: the amendments do not make it as the new print has it" for c in not_made]
    if style := house_style(old):
        out = [replace(am, style=style) for am in out]
    return out, problems


def _tops(bill: Bill) -> list[tuple[etree._Element, str]]:
    """The bill's clauses and Schedules, in order, each with its printed words and the
    provisions they are set in: the same words with a number run into the words before
    (“to ensure (d) that”) are not the same print."""
    text = bill.print.text  # read once for the whole bill (a loaded print is kept)
    tops = []
    for p in bill.clauses + bill.schedules:
        span = bill.span_of(p.element)
        tops.append((p.element, _printed(p.element, text[span[0] : span[1]] if span else "")))
    return tops


#: spaces inside brackets and quotation marks, after a hyphen ("sub- paragraph" broken over a
#: line), before closing punctuation and dashes: spacing, which the print sets (a word left
#: out of "(community requirements" leaves no space)
_SPACING = re.compile(r"(?<=[(\[“‘-])\s+|\s+(?=[)\],.;:”’—–])")


def _printed(element: etree._Element, printed: str) -> str:
    """The words of ``element`` as ``printed``, then each number, with the kind of provision
    it numbers in the bill's own text, or "quoted" in a quotation. (A unit inside a
    quotation is written as its number says, a paper cannot say more: its kind is not
    compared, nor how many quotations deep it stands, which the marks in the words say:
    LawMaker sets a quotation inside a quoted provision as structure or as words. Marks
    typed straight in the XML are the House's curly ones, as a paper gives them back. The
    reference beside a Schedule's number is the printers' note, not the bill's words.)"""
    words = _SPACING.sub("", " ".join(typeset_marks(printed).split()))
    for num in element.iter(NUM):
        parent = num.getparent()
        number = " ".join(printed_text(num).split())  # not the note beside a Schedule's
        if parent is None or not number:
            continue
        quoted = next(num.iterancestors(QUOTED), None) is not None
        words += f"\n{'quoted' if quoted else kind_of(parent)} {number}"
    return words


class _Wanted:
    """The new print's clauses and Schedules: as printed, and (read once, when first asked
    for) as a reprint would number them."""

    def __init__(self, new: Bill) -> None:
        self.bill = new
        self.printed = _tops(new)

    @cached_property
    def reprinted(self) -> list[tuple[etree._Element, str]]:
        renumbered = _tops(_reprinted(self.bill))
        return [(el, text) for (el, _), (_, text) in zip(self.printed, renumbered, strict=True)]

    @cached_property
    def kept(self) -> list[tuple[etree._Element, str]]:
        """The new print's clauses and Schedules that keep numbers a reprint would change
        (“2A”), as printed: only these may come out right as made, not renumbered. One a
        reprint leaves as it is must come out right renumbered (``apply --renumber``), or a
        cross-reference drafted as the new print has it is renumbered a second time."""
        return [
            (el, text if text != again else "")
            for (el, text), (_, again) in zip(self.printed, self.reprinted, strict=True)
        ]


def _failing(
    drafter: Drafter, amendments: list[Amendment], wanted: _Wanted
) -> tuple[set[int], list[str]]:
    """The old clauses and Schedules (by index) that do not come out as the new print has
    them once ``amendments`` are made, or where an amendment was not made; and the citations
    of new ones that do not (which nothing coarser can help).

    The new print is the House's reprint: renumbered (Westminster), or keeping the numbers
    that amendments gave (a Scottish print as amended at Stage 2: "2A"). So what is made is
    compared renumbered, and where that differs, as made; and against the new print as it
    is, and as a reprint would number it (drafter's own test bills number as they like). A
    clause or Schedule fails only if it differs in every way."""
    result, report = apply(drafter.a.bill, amendments, lay_out=False)
    not_applied = {drafter.tops.get(o.number, -1) for o in report.outcomes if not o.applied}
    reprinted = _tops(_reprinted(result))
    failing, not_made = _differing(drafter, reprinted, wanted.printed)
    if failing or not_made:
        failing, not_made = _narrowed(drafter, failing, not_made, reprinted, wanted.reprinted)
    if failing or not_made:  # read as made only when still needed
        made = _tops(_made(result))
        failing, not_made = _narrowed(drafter, failing, not_made, made, wanted.kept)
    return (failing | not_applied) - {-1}, not_made


def _narrowed(
    drafter: Drafter,
    failing: set[int],
    not_made: list[str],
    got: list[tuple[etree._Element, str]],
    against: list[tuple[etree._Element, str]],
) -> tuple[set[int], list[str]]:
    """``failing`` and ``not_made`` without those that ``got`` has as ``against`` has them."""
    more, missing = _differing(drafter, got, against)
    return failing & more, [c for c in not_made if c in missing]


def _made(bill: Bill) -> Bill:
    """The bill as amended, without what the amendments left out (as the new print has it)."""
    tree = copy.deepcopy(bill.tree)
    drop_removed(tree)
    return Bill(tree, bill.path)


def _reprinted(bill: Bill) -> Bill:
    """The bill renumbered as a reprint renumbers it (not laid out: words are compared)."""
    tree, _ = renumber(bill.tree)
    drop_removed(tree)
    return Bill(tree, bill.path)


def _differing(
    drafter: Drafter,
    got: list[tuple[etree._Element, str]],
    wanted: list[tuple[etree._Element, str]],
) -> tuple[set[int], list[str]]:
    """The old clauses and Schedules (by index) whose words ``got`` does not have as
    ``wanted`` has them, and the citations of new ones it does not have."""
    a, b = drafter.a, drafter.b
    failing: set[int] = set()
    old_index = {g: i for i, g in enumerate(a.guid) if g}
    new_to_old = {j: i for i, j in drafter.m.items()}
    not_made: list[str] = []
    matcher = SequenceMatcher(None, [t for _, t in got], [t for _, t in wanted], autojunk=False)
    for kind, g1, g2, w1, w2 in matcher.get_opcodes():
        if kind == "equal":
            continue
        for element, _ in got[g1:g2]:  # an old one where the new print has something else
            i = old_index.get(element.get("GUID") or "", -1)
            if i >= 0:
                failing.add(a.top(i))
        for element, _ in wanted[w1:w2]:
            j = b.index.get(element, -1)
            if j in new_to_old:
                failing.add(a.top(new_to_old[j]))
            elif j >= 0:
                not_made.append(b.citation(j))
    return failing, not_made
