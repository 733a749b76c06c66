"""Compare two prints of a bill the way a reader does: provision by provision, word by word.

:func:`compare` matches the provisions of the old print to those of the new one — by GUID
(stable across prints), then by number and heading, then by the similarity of their words (a
renumbered or moved provision) — and reports, as :class:`Changes`:

- provisions inserted and removed (only the outermost: a new clause's subsections come with it);
- provisions matched but moved (under another parent, or out of order) or renumbered;
- word-level edits inside matched provisions: insertions, deletions, replacements of whole
  words (diff-match-patch over word tokens, with its semantic clean-up: Google's C++
  implementation, as the fast-diff-match-patch package builds it for Python). A quotation
  mark is a word: a straight mark made curly, or an opening mark made a closing one, is a
  change of the text, which a reprint must carry.

A provision's *own* text is compared: its heading and the words before, between and after its
child provisions, not its number and not its children's words — so each edit is reported once,
at the innermost provision. A quoted structure (another Act's text quoted in an amending
clause) is compared as the text of the quotation. Provisions whose own text is identical are
skipped without reading it, by a digest of it. Page/line marker shifts, GUID-only and eId-only
changes, whitespace inside the XML and metadata (bill number, stage) are not text changes:
they are :class:`Note`\\ s.

Everything compared comes from each bill's outline and print (see
:mod:`drafter.core.outline`), which drafter keeps for a bill file it has read before: two such
prints are compared without parsing either.

Each change knows its place in both prints (page and line) and its provision's citation in
each. :func:`drafter.core.redraft.amendments_between` turns a comparison into the
amendments, citing the *old* print in the House's wording, that make the old text into the new.
"""

from drafter.core.compare.changes import (
    Change,
    ChangeKind,
    Changes,
    Edit,
    Note,
    Place,
    ProvisionRef,
)
from drafter.core.compare.prints import compare
from drafter.core.compare.words import diff_words

__all__ = [
    "Change",
    "ChangeKind",
    "Changes",
    "Edit",
    "Note",
    "Place",
    "ProvisionRef",
    "compare",
    "diff_words",
]
