"""UK amendment wording <-> :class:`~drafter.core.amendment.Amendment`.

Parsing is a pipeline, as in laws-africa/bluebell: :func:`normalise` brings whatever a drafter
typed or pasted (straight or curly quotes, hyphens for dashes, non-breaking spaces, line
breaks) to one canonical text; a hand-written recursive-descent grammar reads that text; the
values it builds are the vocabulary of :mod:`drafter.core.amendment`. A wording that does not
fit raises :class:`WordingError`, which says where (a column in the normalised text) and what
was expected there, and nothing else ever escapes the parser.

:func:`render` writes an amendment back in the House's canonical wording, so that
``parse_amendment(render(a)) == a``. Inserted structure is written on one line, as the papers'
text reads ("at end insert— “(aa) the interim targets, (ab) …”"). On one line some shapes
cannot be told apart, and the parser settles them the same way every time:

* a unit's text runs to the next numbered unit, so words after a list of paragraphs (a
  ``wrap_up``) read as part of the last paragraph;
* a new clause's heading runs to its first numbered subsection; a clause with no numbered
  subsections has its heading end before the first word that starts a sentence of a clause
  body ("In", "The", "After" …);
* quoted words ("insert “…”") stay words unless they hold numbered units at unit boundaries
  (after "—", ";", ", and" …), as in "at end insert “, and (b) consider …”".

The paper reader already has the structure as XML; it passes it as ``structure`` and the text
of the instruction without it, and no guessing is needed.
"""

from drafter.core.wording.normalise import normalise, normalised_blocks, typeset_marks
from drafter.core.wording.parser import WordingError, amendment_context, parse_amendment
from drafter.core.wording.render import describe, render, summary

__all__ = [
    "WordingError",
    "amendment_context",
    "describe",
    "normalise",
    "normalised_blocks",
    "parse_amendment",
    "render",
    "summary",
    "typeset_marks",
]
