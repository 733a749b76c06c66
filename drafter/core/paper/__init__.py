"""Amendment papers: LawMaker's ``amendmentList`` XML, and a plain-text paper a drafter types.

The plain-text format is documented in README.md ("Amendment papers"). It and the XML carry
the same things, so each converts to the other without loss; what only LawMaker's XML holds
(its tabling history, member ids, cross-reference links, the paper's own page/line markers) is
listed in :class:`LawMaker` or not kept, and is said so in README.md.

Where each part lives (every name is imported from here):

- :mod:`~drafter.core.paper.model`: the values (:class:`Paper`, :class:`PaperInfo`,
  :class:`Entry`, :class:`LawMaker`, :class:`PaperError`) and building entries from words
  (:func:`make_entry`) or from an amendment (:func:`entry_from_amendment`);
- :mod:`~drafter.core.paper.xml_text`: words and units read out of XML elements, and the
  quotation marks printed on units;
- :mod:`~drafter.core.paper.lawmaker_xml`: reading LawMaker XML (:func:`read_paper`,
  :func:`paper_from_xml`), LawMaker's attributes computed (:func:`sort_keys`), writing it
  (:func:`write_paper_xml`);
- :mod:`~drafter.core.paper.places`: where in a bill an amendment bites (:func:`line_bitten`,
  :func:`clause_holding`), and whether the bill has the place it cites (:func:`place_not_in`);
- :mod:`~drafter.core.paper.text_format`: the plain-text paper (:func:`write_paper_text`,
  :func:`read_paper_text`);
- :mod:`~drafter.core.paper.files`: either format from or to a file (:func:`load_paper`,
  :func:`save_paper`).
"""

from __future__ import annotations

from drafter.core.file_kind import file_kind
from drafter.core.paper.files import (
    load_paper,
    load_papers,
    paper_beside,
    paper_from_bytes,
    save_paper,
)
from drafter.core.paper.lawmaker_xml import (
    long_date,
    paper_from_xml,
    read_paper,
    sort_keys,
    write_paper_xml,
)
from drafter.core.paper.model import (
    KEELING,
    Entry,
    LawMaker,
    NotOnPaper,
    Paper,
    PaperError,
    PaperInfo,
    another_bill,
    cited_elsewhere,
    entry_from_amendment,
    is_reference,
    known,
    make_entry,
    reads_as_sentence,
    same_as,
    select,
)
from drafter.core.paper.places import clause_holding, line_bitten, place_not_in
from drafter.core.paper.text_format import read_paper_text, structure_lines, write_paper_text

__all__ = [
    "KEELING",
    "Entry",
    "LawMaker",
    "NotOnPaper",
    "Paper",
    "PaperError",
    "PaperInfo",
    "another_bill",
    "cited_elsewhere",
    "clause_holding",
    "entry_from_amendment",
    "file_kind",
    "is_reference",
    "known",
    "line_bitten",
    "load_paper",
    "load_papers",
    "long_date",
    "looks_like_paper",
    "make_entry",
    "paper_beside",
    "paper_from_bytes",
    "paper_from_xml",
    "place_not_in",
    "read_paper",
    "read_paper_text",
    "reads_as_sentence",
    "same_as",
    "save_paper",
    "select",
    "sort_keys",
    "structure_lines",
    "write_paper_text",
    "write_paper_xml",
]
