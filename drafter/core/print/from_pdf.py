"""Page/line markers read from the House's own PDF of a print: for a bill published without
``<?L?>`` markers, the official PDF says where every line breaks, and these are the numbers
an amendment must cite.

The PDF's words are read with PDFium (pypdfium2) and grouped into printed rows. What is not the
bill's text is set aside: the running head with its page number, the footer that names the
bill, and the line numbers in the margin (set smaller, outside the text block). The margin
numbers (every fifth line) fix the number of every row of their page, so a page's rows above
its line 1 (the preamble on the first page) are not counted. Each numbered row is then found
in the bill's printed text, in order, with spaces, ligatures, curly quotes and dashes folded
(a PDF splits and joins words by the gaps it draws, not by the XML's spaces). A row whose
words are not next in the bill, and words of the bill that no row prints, are errors that
name the page and line: every line of the PDF is placed, or none is.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.print.lines import Line
from drafter.core.print.markers import insert_markers, note_origin, strip_markers
from drafter.core.print.printed import Print
from drafter.core.print.reading import FROM_PDF, read_stream

_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
    }
)
#: Rows within this share of the body type's size of each other's centre are one row (lines
#: stand a whole size and more apart; a table's cell set a little off its line does not).
_SAME_ROW = 0.5
#: The footer of a print's first page names it and its session: "Bill 286 59/1".
_FOOTER = re.compile(r"(?:HL |HC )?Bill \d+[A-Z]?\s+\d+/\d+\s*$")
#: The House numbers every fifth line in the margin; no page has more lines than this.
_NUMBERED_EVERY = 5
_MOST_LINES = 100
#: Top and bottom rows of a page looked at for a running head or footer.
_EDGE_ROWS = 2
#: A top or bottom row whose words (numbers aside) recur on this share of the pages is the
#: running head or footer, not the bill's text.
_RECURS = 0.4


class PdfLayoutError(UserError):
    """The PDF and the bill do not agree: names the PDF page, the bill's page and line."""


@dataclass(frozen=True)
class PdfLine:
    """A numbered line of the PDF: the bill's page (from the running head), the line's number
    (from the margin), and its words in runs (a table row's cells, side by side)."""

    pdf_page: int
    page: int
    number: int
    runs: tuple[str, ...]
    #: the runs set smaller than the text (a reference note beside a Schedule's heading,
    #: "Section 11"), which the bill may not print as words
    small: tuple[bool, ...] = ()
    #: where each run starts across the page (which column of a table it is in)
    xs: tuple[float, ...] = ()
    #: how far down the page the line stands: the baseline of its text, in points from the
    #: top (0 for a line not read from a PDF)
    baseline: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(self.runs)


def markers_from_pdf(
    tree: etree._ElementTree, pdf: str | os.PathLike[str], bill_number: str = ""
) -> tuple[etree._ElementTree, int]:
    """A copy of ``tree`` with ``<?L page-line?>`` markers where the PDF's lines begin (any
    markers it had are replaced), noted as read from the PDF; and how many lines. The input
    tree is not changed. ``bill_number`` ("Bill 286") tells the footer that names it."""
    lines = read_pdf_lines(pdf, bill_number)
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    body = copy.getroot().find(".//{*}body")
    if body is None:
        raise PdfLayoutError("the bill has no <body> to mark")
    strip_markers(body)
    stream = read_stream(body, pieces=True)
    placed = place_lines(stream.text, lines, os.fspath(pdf))
    insert_markers(body, placed, Print.read(stream, placed, body, "layout"))
    note_origin(body, FROM_PDF)
    return copy, len(placed)


# --- reading the PDF ------------------------------------------------------------------------


@dataclass
class _Row:
    centre: float
    words: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def read_pdf_lines(pdf: str | os.PathLike[str], bill_number: str = "") -> list[PdfLine]:
    """Every numbered line of the PDF's bill pages, in order."""
    name = os.fspath(pdf)
    pages = _pdf_words(name)
    sizes = Counter(round(float(w["size"]) * 2) / 2 for page in pages for w in page)
    if not sizes:
        raise PdfLayoutError(f"{name}: the PDF has no text (a scan?)")
    body_size = sizes.most_common(1)[0][0]
    rows = [_rows(words, body_size) for words in pages]
    left, right = _text_block(pages, body_size)
    reader = _PageReader(name, body_size, left, right, _recurring(rows), bill_number)
    out: list[PdfLine] = []
    for index, page_rows in enumerate(rows, start=1):
        out += reader.numbered(index, page_rows)
    if not out:
        raise PdfLayoutError(f"{name}: no page of the PDF has a page number in its running head")
    return out


def _pdf_words(name: str) -> list[list[dict[str, Any]]]:
    """Each page's words, as pdfplumber's ``extract_words`` gives them (text, x0, x1, top,
    bottom, size, from the page's top left; and the baseline of its first letter), read
    with PDFium: ten times pdfplumber's speed, which a 250-page print needs. A word ends at a
    space or a gap."""
    import ctypes

    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(name)
    except (pdfium.PdfiumError, OSError) as err:
        raise PdfLayoutError(f"{name}: cannot read it as a PDF ({err})") from None
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    pages: list[list[dict[str, Any]]] = []
    try:
        for page in document:
            height = page.get_height()
            text = page.get_textpage()
            words: list[dict[str, Any]] = []
            word: dict[str, Any] | None = None
            for i in range(text.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(text, i)
                char = chr(code) if code else " "
                if char.isspace():
                    word = None
                    continue
                # the loose box: the font's whole height, as a line sets it
                pdfium_c.FPDFText_GetLooseCharBox(text, i, ctypes.byref(box))
                top = height - box.top
                if (
                    word is not None
                    and abs(top - word["top"]) <= 3
                    and abs(box.left - word["x1"]) <= 3
                ):
                    word["text"] += char
                    word["x1"] = max(word["x1"], box.right)
                    continue
                size = pdfium_c.FPDFText_GetFontSize(text, i)
                if not pdfium_c.FPDFText_GetCharOrigin(text, i, ctypes.byref(x), ctypes.byref(y)):
                    y.value = box.bottom  # no origin: the foot of its box, near enough
                word = {
                    "text": char,
                    "x0": box.left,
                    "x1": box.right,
                    "top": top,
                    "bottom": height - box.bottom,
                    "size": size,
                    "baseline": height - y.value,
                }
                words.append(word)
            pages.append(words)
    finally:
        document.close()
    return pages


def _rows(words: list[dict[str, Any]], body_size: float) -> list[_Row]:
    """The page's words in printed rows, top to bottom, each row left to right."""
    rows: list[_Row] = []
    for w in sorted(words, key=_centre):
        centre = _centre(w)
        if rows and centre - rows[-1].centre <= _SAME_ROW * body_size:
            rows[-1].words.append(w)
        else:
            rows.append(_Row(centre, [w]))
    for row in rows:
        row.words.sort(key=lambda w: float(w["x0"]))
    return rows


def _centre(w: dict[str, Any]) -> float:
    return (float(w["top"]) + float(w["bottom"])) / 2


def _text_block(pages: list[list[dict[str, Any]]], body_size: float) -> tuple[float, float]:
    """Where the body's lines start and end across the page (the margins lie outside)."""
    body = [w for page in pages for w in page if abs(float(w["size"]) - body_size) < 0.5]
    lefts = sorted(float(w["x0"]) for w in body)
    rights = sorted(float(w["x1"]) for w in body)
    return lefts[len(lefts) // 50], rights[-1 - len(rights) // 50]


def _shape(row: _Row) -> str:
    """A row's words with numbers left out: a running head is the same on every page."""
    return " ".join(re.sub(r"[0-9ivxlc]+", "", row.text).split()) if row.words else ""


def _recurring(rows: list[list[_Row]]) -> set[str]:
    """The shapes of the top and bottom rows that recur on many pages: running heads."""
    counts: Counter[str] = Counter()
    for page in rows:
        counts.update({_shape(r) for r in page[:_EDGE_ROWS] + page[-_EDGE_ROWS:]})
    floor = max(2, _RECURS * len(rows))
    return {shape for shape, n in counts.items() if n >= floor}


@dataclass(frozen=True)
class _PageReader:
    """What is known of the whole PDF, to read each page's numbered lines."""

    name: str
    body_size: float
    left: float  # where the text block begins and ends across the page
    right: float
    furniture: set[str]  # the shapes of running heads (see _recurring)
    bill_number: str  # the footer names it

    def numbered(self, pdf_page: int, rows: list[_Row]) -> list[PdfLine]:
        """The page's numbered lines; none for a page with no page number in its head.
        Rows above its line 1 (the preamble; a Schedule's running head) are not lines."""
        page = None
        text_rows: list[_Row] = []
        margins: list[tuple[float, int]] = []
        for k, row in enumerate(rows):
            at_top, at_foot = k < _EDGE_ROWS, k >= len(rows) - _EDGE_ROWS
            if (at_top or at_foot) and _shape(row) in self.furniture:
                if page is None and at_top:
                    page = next((int(w["text"]) for w in row.words if w["text"].isdigit()), None)
                continue
            named = bool(self.bill_number) and row.text.startswith(self.bill_number)
            if at_foot and (named or _FOOTER.match(row.text)):
                continue  # the footer naming the print ("Bill 286 59/1", "HL Bill 54 58/3")
            kept = [w for w in row.words if not self._in_margin(w, row, margins)]
            if kept:
                text_rows.append(_Row(row.centre, kept))
        if page is None:
            return []
        first = self._first_number(pdf_page, page, text_rows, margins)
        lines: list[PdfLine] = []
        for k, row in enumerate(text_rows):
            if first + k < 1:
                continue  # rows above line 1 (a preamble) are not numbered
            runs = _runs(row, self.body_size)
            lines.append(
                PdfLine(
                    pdf_page,
                    page,
                    first + k,
                    tuple(text for text, _, _ in runs),
                    tuple(small for _, small, _ in runs),
                    tuple(x for _, _, x in runs),
                    _baseline(row, self.body_size),
                )
            )
        return lines

    def _in_margin(self, w: dict[str, Any], row: _Row, margins: list[tuple[float, int]]) -> bool:
        """Is the word set small outside the text block: a line number (noted in
        ``margins``) or a note beside the text?"""
        if float(w["size"]) >= self.body_size - 0.5:
            return False
        if self.left + 1 < float(w["x1"]) and float(w["x0"]) < self.right - 1:
            return False
        number = int(w["text"]) if w["text"].isdigit() else 0
        if number % _NUMBERED_EVERY == 0 and 0 < number <= _MOST_LINES:
            margins.append((row.centre, number))
        return True

    def _first_number(
        self,
        pdf_page: int,
        page: int,
        rows: list[_Row],
        margins: list[tuple[float, int]],
    ) -> int:
        """The number of the page's first row, as its margin numbers fix it (1 without
        any). Where there are more rows between two margin numbers than lines, the rows
        closest together are one line (``rows`` is changed): a table's cell or a heading
        set a little off its line. Fewer rows than lines is an error."""
        where = f"{self.name}: page {page} (PDF page {pdf_page})"
        anchors: list[tuple[int, int]] = []  # (row index, margin number), top to bottom
        for centre, number in sorted(margins):
            index = min(range(len(rows)), key=lambda k: abs(rows[k].centre - centre), default=-1)
            if index < 0 or abs(rows[index].centre - centre) > self.body_size:
                raise PdfLayoutError(f"{where}: no line beside margin number {number}")
            anchors.append((index, number))
        for (top, above), (bottom, below) in reversed(list(itertools.pairwise(anchors))):
            excess = (bottom - top) - (below - above)
            if excess < 0:
                raise PdfLayoutError(
                    f"{where}: fewer lines than its margin numbers {above} to {below} count"
                )
            for _ in range(excess):  # join the two rows closest together
                k = min(range(top, bottom), key=lambda k: rows[k + 1].centre - rows[k].centre)
                joined = sorted(rows[k].words + rows[k + 1].words, key=lambda w: float(w["x0"]))
                rows[k : k + 2] = [_Row(rows[k].centre, joined)]
                bottom -= 1
        return anchors[-1][1] - anchors[-1][0] if anchors else 1


def _baseline(row: _Row, body_size: float) -> float:
    """Where a row's text stands: the baseline of its first word set at the body's size (a
    note beside it may be set smaller, and lower)."""
    body = (w for w in row.words if float(w["size"]) >= body_size - 0.5)
    return float(next(body, row.words[0])["baseline"])


def _runs(row: _Row, body_size: float) -> list[tuple[str, bool, float]]:
    """A row's words, split where a gap wider than the type's size parts them (the cells of
    a table row, printed side by side): each run's words, whether all of it is set small,
    and where it starts across the page."""
    runs: list[list[dict[str, Any]]] = [[]]
    previous = None
    for w in row.words:
        if previous is not None and float(w["x0"]) - float(previous["x1"]) > body_size:
            runs.append([])
        runs[-1].append(w)
        previous = w
    return [
        (
            " ".join(w["text"] for w in run),
            all(float(w["size"]) < body_size - 0.5 for w in run),
            float(run[0]["x0"]),
        )
        for run in runs
    ]


# --- placing the lines in the bill's text ---------------------------------------------------


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with its spaces taken out and its typography folded, and for each character
    kept the offset in ``text`` it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if ch.isascii():
            chars.append(ch.lower())
            offsets.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch).translate(_FOLD).casefold():
            if not c.isspace():
                chars.append(c)
                offsets.append(i)
    return "".join(chars), offsets


def _fold(text: str) -> str:
    """Typography folded, spaces taken out, and case: small capitals print a heading's
    words in capitals."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_FOLD).casefold().split())


def place_lines(text: str, lines: Sequence[PdfLine], name: str) -> list[Line]:
    """Each PDF line as a printed line of the bill's ``text``: where it starts and ends (a
    table row's cells, each where it is)."""
    folded, offsets = _folded(text)
    at = 0  # in ``folded``: where the next line must begin
    columns: list[_Column] = []  # the cells of the table row being placed
    placed: list[Line] = []
    for line in lines:
        spans = _find_runs(folded, line, at, columns)
        if spans is None:
            where = f"page {line.page}, line {line.number} (PDF page {line.pdf_page})"
            raise PdfLayoutError(
                f"{name}: {where}: “{line.text}” is not the bill's next words (they are "
                f"“{_shown(text, offsets, at)}”): is the PDF this print of the bill?"
            )
        at = max([end for _, end in spans] + [c.end for c in columns])
        fragments = tuple((offsets[a], offsets[b - 1] + 1) for a, b in spans)
        start, end = fragments[0][0], fragments[-1][1]
        placed.append(Line(line.page, line.number, start, end, line.text, "", fragments))
    if folded[at:]:
        raise PdfLayoutError(
            f"{name}: the PDF ends before the bill's words “{_shown(text, offsets, at)}”"
        )
    return placed


#: How far ahead (folded characters) the cells of a table row's first line are looked for.
_ROW_REACH = 3000


@dataclass
class _Column:
    """A cell of the table row being placed: where it stands across the page, and where
    its words have got to in the folded text."""

    x: float
    end: int


def _find_runs(
    folded: str, line: PdfLine, at: int, columns: list[_Column]
) -> list[tuple[int, int]] | None:
    """Where the line's runs stand in ``folded``: the whole line next at ``at``, or without
    the runs set small (a note beside a heading); else a line of a table row, each cell's
    words where that cell (the column nearest across the page) got to; else the first line
    of a table row, its first cell at ``at`` and each other cell a little on. ``columns`` is
    kept up to date."""
    runs = list(zip(line.runs, line.xs or [0.0] * len(line.runs), strict=True))
    text_runs = [r for r, small in zip(runs, line.small, strict=True) if not small]
    tries = [runs] + ([text_runs] if text_runs and text_runs != runs else [])
    for tried in tries:
        whole = _fold(" ".join(r for r, _ in tried))
        if folded.startswith(whole, at):
            columns.clear()
            return [(at, at + len(whole))]
    for tried in tries:
        spans = _in_columns(folded, tried, columns) if columns else None
        if spans is None and len(tried) > 1:
            spans = _new_row(folded, tried, at, columns)
        if spans is not None:
            return spans
    return None


def _in_columns(
    folded: str, runs: list[tuple[str, float]], columns: list[_Column]
) -> list[tuple[int, int]] | None:
    """A further line of the table row: each run goes on from where its column got to."""
    spans: list[tuple[int, int]] = []
    moved: list[tuple[_Column, int]] = []
    for run, x in runs:
        column = min(columns, key=lambda c: abs(c.x - x))
        key = _fold(run)
        if not folded.startswith(key, column.end):
            return None
        spans.append((column.end, column.end + len(key)))
        moved.append((column, column.end + len(key)))
    for column, end in moved:
        column.end = end
    return spans


def _new_row(
    folded: str, runs: list[tuple[str, float]], at: int, columns: list[_Column]
) -> list[tuple[int, int]] | None:
    """The first line of a table row: its first cell next at ``at``, each other cell after
    the cell before (whose later lines come between), not far on."""
    spans: list[tuple[int, int]] = []
    after = at
    for k, (run, _) in enumerate(runs):
        key = _fold(run)
        found = at if k == 0 and folded.startswith(key, at) else -1
        if k:
            found = folded.find(key, after, after + _ROW_REACH)
        if found < 0:
            return None
        spans.append((found, found + len(key)))
        after = found + len(key)
    columns[:] = [_Column(x, end) for (_, x), (_, end) in zip(runs, spans, strict=True)]
    return spans


def _shown(text: str, offsets: list[int], at: int) -> str:
    """The bill's words from ``at`` (in the folded text), as a message quotes them."""
    start = offsets[at] if at < len(offsets) else len(text)
    words = text[start:].split()[:8]
    return " ".join(words) + (" …" if len(text[start:].split()) > 8 else "")
