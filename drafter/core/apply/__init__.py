"""Apply amendments to a bill: the bill as it would read if they were agreed, and a report.

How it works. Every selected amendment is resolved (:func:`drafter.core.resolve.resolve`)
against the print it was tabled against *before* anything is changed, so page and line keep
their meaning. Amendments are taken in the order given (a paper's order is its marshalled
order) and ruled on as the House would (DESIGN.md, "Procedure"):

* an amendment whose words an earlier accepted amendment leaves out is **pre-empted**;
* one whose words overlap an earlier accepted amendment's words only in part **conflicts**
  with it (the later one is not applied; the report names the earlier);
* two insertions at the same point are both applied, in marshalled order (reported);
* "leave out to end of line N" and "line N, at end insert" touch the same point, not the same
  words: both apply.
* but words put in at the end of a provision that an earlier amendment leaves out whole would
  go with it: they are pre-empted.
* Only tabled and agreed amendments are applied; negatived, withdrawn, not moved and not
  called ones are reported with their status. A Clause (or Schedule) "stand part" is a notice
  of opposition, not an edit — unless its status is *negatived*, when the clause is left out.

Then every accepted edit is made on a deep copy of the tree, from the end of the document
backwards, so that the XML places found for earlier edits stay valid (text nodes are only
ever cut after the place of any earlier edit). The input bill is never changed.

Forms. Words are left out as ``<del>`` and put in as ``<ins>``; a range ("from … to …",
"leave out lines …") leaves out whole provisions that fall entirely inside it and the words of
the rest — except the number and heading of a provision that survives (a numbered
subsection keeps its number when its first line goes: the XML stays well formed and the
number is the reprint's business). Inserted structure ("at end insert— (aa) …") becomes
real elements of the kind its number says (``level`` para1/para2/para3, ``subsection``,
Schedule ``paragraph``/``subparagraph``), placed beside the provision of that kind at the
insertion point, with eIds in LawMaker's scheme and fresh GUIDs. Structure put in at the end
of a clause's title line ("line 9, at end insert— “In the … Act— (a) …”") opens the clause's
body: its words become the clause's own (intro or content), its units the clause's — which
fits only when the amendments agreed with it leave the clause none of its old subsections or
words (else it does not fit). A quotation of units inside inserted structure (“(k) …”;) is
written as a ``quotedStructure`` in a ``mod``. New clauses go after their
anchor clause (or before it: "Before Clause 1"); one in the Commons form, with no place, goes
before the clauses that close the bill, its extent, commencement and short title (see
:func:`~drafter.core.resolve.unplaced_place`); new Schedules likewise in the Schedules
container (made when the bill has none), the Commons form's after the last. Until the bill is
reprinted a new clause has a provisional number after its anchor's: "12A" (then "12B" …;
"A1" before Clause 1) — :func:`drafter.core.reprint.reprint` numbers it. An insertion at the
very end of a quotation lands inside the quotation, before its closing mark. A Part, Chapter
or crossheading left with no provisions by an amendment goes with them (no empty crossheading
is left behind); a provision whose listed paragraphs all go keeps its words as its content.

Spacing. Where words left out or put in meet the words beside them (or each other: all the
edits are spaced at once), they are spaced as the House prints them — one space between
words, none after an opening mark or before a closing one (:func:`_spacing`) — whichever
element's text the space stood in (a ``<ref>``'s, the text after it, a line marker's tail).
A space that goes with words left out is kept in their ``<del>``, so that struck through they
still read apart.

Provenance (valid against the Akoma Ntoso schema): in our own namespace
``xmlns:drafter="urn:drafter:provenance"`` (never LawMaker's ``ukl``):

* ``<ins drafter:amendment="12">`` / ``<del drafter:amendment="12">`` around words;
* ``drafter:amendment="12"`` on each inserted provision (new clause, new paragraph …);
* removed provisions are moved, whole, into ``meta/proprietary/drafter:provenance`` as
  ``<drafter:removed amendment="12" parent="eId" after="eId of the sibling before">`` with
  their page/line markers dropped and their ``eId`` kept as ``drafter:eId`` (so a new
  provision may take the same eId); their GUIDs stay;
* ``<drafter:amendment number="12" sponsors="Baroness Owen; …" status="agreed"/>`` for every
  amendment applied, so that "inserted by amendment 12, Baroness Owen" can be shown.

The print skips ``<del>`` (``drafter.core.print.reading.SKIPPED_TAGS``) and removed provisions
are no longer in the body, so ``Bill.print`` of the result reads as amended.

The print of the result: when only words changed, the old ``<?L?>`` markers are kept (the
lines are those of the old print, now approximate, longer or shorter). When any provision was
inserted (it has no markers of its own) the bill is laid out again with drafter's own layout
(:func:`drafter.core.print.markers.lay_out_markers`), so that every line can be cited: as the
House reprints, a line whose words did not change keeps its place, and a page its first
line (:mod:`drafter.core.print.earlier`); ``lay_out=True`` or ``False`` forces the choice.
Reprinting (renumbering) is :mod:`drafter.core.reprint`'s job.

Not in the vocabulary, so not applied: "move" and "divide" amendments (LawMaker cannot apply
them either; :mod:`drafter.core.amendment` has no operation for them).
"""

from drafter.core.akn import PROVENANCE_NS
from drafter.core.apply.applier import apply
from drafter.core.apply.provenance import AMENDMENT_ATTR, settled
from drafter.core.apply.report import ApplyError, Change, Outcome, Report, Verdict

__all__ = [
    "AMENDMENT_ATTR",
    "PROVENANCE_NS",
    "ApplyError",
    "Change",
    "Outcome",
    "Report",
    "Verdict",
    "apply",
    "settled",
]
