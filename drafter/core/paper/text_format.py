"""drafter's plain-text paper (README.md, "Amendment papers"): writing a paper as text and
reading it back, with mistakes in its layout reported by file, line and amendment."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path

from drafter.core.amendment import Block, Status, Table, quoted
from drafter.core.paper.lawmaker_xml import computed_sort_keys
from drafter.core.paper.model import CLOSE, OPEN, Entry, Paper, PaperError, PaperInfo, make_entry
from drafter.core.paper.xml_text import split_quotation
from drafter.core.phrases import counted
from drafter.core.wording import amendment_context
from drafter.core.xml import MAX_BYTES

# --- the text format -------------------------------------------------------------------------

_HEADER = (
    ("Bill", "title"),
    ("Bill number", "bill_number"),
    ("Print", "version"),
    ("House", "house"),
    ("Stage", "stage"),
    ("Date", "date"),
    ("Session", "session"),
    ("Project", "project"),
    ("Paper", "kind"),
    ("Heading", "heading"),
    ("Title note", "title_note"),
)
_HEADER_FIELDS = dict(_HEADER)
_FIELDS = (
    "Context",
    "Sponsors",
    "Sort key",
    "Status",
    "To amendment",
    "Cites",
    "Explanatory statement",
)
_LABEL = re.compile(r"([A-Z][a-z]*(?: [a-z]+){0,2}):(?: (.*))?$")
_AMENDMENT = re.compile(r"Amendment(?: (\S+))?(.*)$")
_AMENDMENT_LINE = re.compile(r"Amendment [^\s“”]+(?: [☆★])?(?: \[[^\]]*\])?$")
_STARS = "☆★"
_INDENT = "    "
MAX_UNIT_DEPTH = 32
"""Levels of inserted units a text paper may nest: bills go seven or eight deep, and far
deeper nesting would exhaust the stack of everything that walks the tree."""

# A number at the start of a structure line: "(1)" "(2A)" "(aa)" "(iv)" "( )" "37A" "A1"
# "Part 2" "Chapter 3A" "Schedule 1", with the opening mark of a quotation before it.
_LINE_NUM = re.compile(
    r"“?(?:\([^()\s]{1,8}\)|\( ?\)|(?:Part|Chapter|Schedule) [0-9A-Z]{1,6}"
    r"|[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,4}[A-Z]{0,3})(?= |$)"
)
_BRACED = re.compile(r"\{([^{}]*)\}(?= |$)")
#: where a table's row breaks between cells: a "|" not escaped ("\\|" is one in a cell)
_CELL_BREAK = re.compile(r"(?<!\\)\|")
_NEW_UNIT = re.compile(r"(?i)\bfollowing (?:new )?(?:clause|schedule) *[—–-]? *$")


def write_paper_text(paper: Paper) -> str:
    """The paper in drafter's plain-text format (README.md, "Amendment papers")."""
    out: list[str] = []
    info = paper.info
    for label, name in _HEADER:
        value = getattr(info, name)
        if value:
            out.append(f"{label}: {value}")
    out.extend(f"Note: {note}" for note in info.notes)
    # The key a text paper would get without "Sort key:" (its LawMaker attributes are not in
    # the text), so that a key is written exactly when reading the text back needs it.
    computed = computed_sort_keys([replace(e, lawmaker=None) for e in paper.entries])
    for entry, key in zip(paper.entries, computed, strict=True):
        if out:
            out.append("")
        out.extend(_entry_lines(entry, key))
    return "\n".join(out) + "\n" if out else ""


def _entry_lines(entry: Entry, computed_key: str) -> list[str]:
    a = entry.amendment
    head = f"Amendment {a.number}"
    if entry.star:
        head += f" {entry.star}"
    if entry.member_in_charge:
        tag = "government" if entry.member_in_charge == "gov" else entry.member_in_charge
        head += f" [{tag}]"
    lines = [head]
    if entry.context:
        lines.append(f"Context: {entry.context}")
    if a.sponsors:
        lines.append("Sponsors: " + "; ".join(a.sponsors))
    if entry.sort_key and entry.sort_key != computed_key:
        lines.append(f"Sort key: {entry.sort_key}")
    if entry.amends:
        lines.append(f"To amendment: {entry.amends}")
    if a.cites:
        lines.append(f"Cites: {a.cites}")
    lines.append(entry.wording)
    lines.extend(structure_lines(entry, 1))
    if entry.after:
        lines.append(entry.after)
    lines.extend(f"Explanatory statement: {p}" for p in a.explanatory_statement.split("\n") if p)
    if a.status is not Status.TABLED:
        lines.append(f"Status: {a.status.value}")
    return lines


def structure_lines(entry: Entry, depth: int) -> list[str]:
    """The structure an entry inserts, a line to a unit, ``depth`` steps in: as the paper
    writes it under the wording (``depth`` 1), and as the new-clause editor has it typed (0)."""
    structure = entry.structure
    if split_quotation(structure) is not None:
        # Units that would read back as quoted as a whole: quote them, as the paper does,
        # so that reading takes off these marks and not the units' own.
        structure = quoted(structure)
    # A new clause's first line is read as its heading: a clause without one says so ({}).
    headless = _NEW_UNIT.search(entry.wording) is not None and len(structure) == 1
    lines: list[str] = []
    for b in structure:
        plain_first = headless and not b.num and not b.heading
        lines.extend(_unit_lines(b, depth, explicit=plain_first))
    return lines


def _unit_lines(b: Block, depth: int, explicit: bool) -> list[str]:
    """One line per unit (number, then heading or words), units inside indented under it; a
    line per row of a table ("| cell | cell |", a heading row "|# cell | cell |")."""
    indent = _INDENT * depth
    if b.table is not None:
        return [
            indent
            + ("|# " if r < b.table.head else "| ")
            + " | ".join(cell.replace("|", "\\|") for cell in row)
            + " |"
            for r, row in enumerate(b.table.rows)
        ]
    if (b.num and not _LINE_NUM.fullmatch(b.num)) or (explicit and not b.num):
        num = "{" + b.num + "}"
    else:
        num = b.num
    lines: list[str] = []
    under = depth + 1
    if b.heading:
        lines.append(indent + (num + " " if num else "") + "# " + b.heading)
        if b.text:
            lines.append(_INDENT * under + _escaped(b.text, numbered=False))
            under += 1
    elif num:
        lines.append(indent + num + (" " + _escaped(b.text, numbered=True) if b.text else ""))
    else:
        lines.append(indent + _escaped(b.text, numbered=False))
    for i, child in enumerate(b.children):
        first_plain = i == 0 and b.heading and not b.text and not child.num and not child.heading
        lines.extend(_unit_lines(child, under, explicit=bool(first_plain)))
    if b.wrap_up:
        lines.append(_INDENT * under + "... " + b.wrap_up)
    return lines


def _escaped(text: str, numbered: bool) -> str:
    """Words as written on a unit's line: a backslash in front when they would otherwise read
    as a number, a heading (#), a wrap-up (...) or an escape."""
    special = text.startswith(("# ", "... ", "\\")) or text in ("#", "...")
    if not numbered:
        special = (
            special
            or not text  # a line of spaces would read as the blank line between amendments
            or bool(_LINE_NUM.match(text))
            or bool(_BRACED.match(text))
            or text.startswith((OPEN + "#", "|", OPEN + "|"))
        )
    return "\\" + text if special else text


# Reading the text format.


@dataclass
class _Line:
    number: int
    depth: int
    text: str  # without the indentation


@dataclass
class _Node:
    line: _Line
    num: str = ""
    heading: str = ""
    text: str = ""
    headed: bool = False
    plain: bool = False  # unnumbered, unheaded, not explicit: may be a headed unit's words
    wrap: bool = False
    kids: list[_Node] = field(default_factory=list)
    #: a table's row: its cells, and whether it is a heading row
    row: tuple[str, ...] | None = None
    head_row: bool = False


def read_paper_text(
    source: str | os.PathLike[str], *, path: str | None = None, strict: bool = False
) -> Paper:
    """Read a plain-text paper from a file (a path, or a string naming an existing file), or
    from the text itself. Mistakes in its layout raise :class:`PaperError` naming the file,
    line and amendment; wordings that do not parse are kept with their problem (see
    :attr:`Paper.problems`), or raise with ``strict``."""
    if isinstance(source, os.PathLike) or (
        "\n" not in source and (os.path.isfile(source) or source.lower().endswith((".txt", ".xml")))
    ):
        name = path or os.fspath(source)
        text = _read_text(source, name)
    else:
        name = path or "<text>"
        text = source
    return _TextReader(name, text, strict).paper()


def _read_text(source: str | os.PathLike[str], name: str) -> str:
    data = read_paper_bytes(source, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PaperError(name, "not valid UTF-8 here; save the paper as UTF-8", line) from None
    return text.removeprefix("\ufeff")


def read_paper_bytes(source: str | os.PathLike[str], name: str) -> bytes:
    """A paper file's bytes, in either format: only a regular file, and not a huge one (a
    device or a file of gigabytes would hang the reader); PaperError naming ``name`` if not."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise PaperError(name, "no such file") from None
    except OSError as err:
        raise PaperError(name, f"cannot open: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise PaperError(name, "is a directory, not a paper")
    if not stat.S_ISREG(info.st_mode):
        raise PaperError(name, "not a regular file (a device, pipe or socket?)")
    if info.st_size > MAX_BYTES:
        raise PaperError(name, f"refused: the file is larger than {MAX_BYTES // 2**20} MB")
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise PaperError(name, f"cannot read: {err.strerror or err}") from None


class _TextReader:
    def __init__(self, path: str, text: str, strict: bool) -> None:
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.strict = strict

    def fail(self, line: int, reason: str, amendment: str = "") -> PaperError:
        return PaperError(self.path, reason, line, amendment)

    def paper(self) -> Paper:
        groups: list[list[tuple[int, str]]] = []
        current: list[tuple[int, str]] = []
        for n, raw in enumerate(self.lines, 1):
            if "\t" in raw:
                raw = raw.expandtabs(4)
            if raw.strip():
                current.append((n, raw.rstrip()))
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        info = PaperInfo()
        if groups and not groups[0][0][1].startswith("Amendment"):
            info = self.header(groups.pop(0))
        entries: list[Entry] = []
        seen: dict[str, int] = {}
        context_amends: str | None = None
        for group in groups:
            entry = self.entry(group, context_amends)
            first = group[0][0]
            if entry.number in seen:
                raise self.fail(
                    first,
                    f"a second amendment {entry.number} (the first is on line "
                    f"{seen[entry.number]})",
                    entry.number,
                )
            seen[entry.number] = first
            if entry.context:
                context_amends = amendment_context(entry.context) or context_amends
            entries.append(entry)
        return Paper(info=info, entries=tuple(entries))

    def header(self, group: list[tuple[int, str]]) -> PaperInfo:
        values: dict[str, str] = {}
        notes: list[str] = []
        for n, line in group:
            m = _LABEL.match(line)
            if _AMENDMENT_LINE.match(line):
                raise self.fail(
                    n, "put a blank line between the paper's heading and this amendment"
                )
            if line[:1].isspace() or not m:
                raise self.fail(
                    n,
                    f"expected “Amendment <number>” to start an amendment, or a heading line "
                    f"such as “Bill: …”; found “{_clip(line)}”",
                )
            label, value = m.group(1), (m.group(2) or "").strip()
            if label == "Note":
                notes.append(value)
                continue
            if label not in _HEADER_FIELDS:
                known = ", ".join([lbl for lbl, _ in _HEADER] + ["Note"])
                if label in _FIELDS:
                    raise self.fail(n, f"“{label}:” belongs in an amendment, after its number")
                raise self.fail(n, f"unknown heading field “{label}:” (expected one of {known})")
            name = _HEADER_FIELDS[label]
            if name in values:
                raise self.fail(n, f"“{label}:” is given twice")
            values[name] = value
        return PaperInfo(**values, notes=tuple(notes))

    def entry(self, group: list[tuple[int, str]], context_amends: str | None) -> Entry:
        first, head = group[0]
        m = _AMENDMENT.match(head)
        if not m or not head.startswith("Amendment"):
            raise self.fail(
                first,
                f"expected “Amendment <number>” to start an amendment (amendments are "
                f"separated by blank lines); found “{_clip(head)}”",
            )
        number = m.group(1) or ""
        if not number:
            raise self.fail(first, "“Amendment” without a number (e.g. “Amendment 4”)")
        star, member = self.flags(m.group(2), first, number)
        fields: dict[str, tuple[int, str]] = {}
        statement: list[str] = []
        wording: list[str] = []
        after: list[str] = []
        structure: list[_Line] = []
        wording_line = 0
        # Fields may come anywhere after the number; the words (wording, inserted structure,
        # words after it) must stand together.
        state = "fields"  # -> wording -> structure -> after -> done (a field after the words)
        last_field = ""
        for n, line in group[1:]:
            width = len(line) - len(line.lstrip(" "))
            body = line.strip()
            if width:
                if last_field:
                    if last_field == "Explanatory statement":
                        statement[-1] += " " + body
                    else:
                        ln, value = fields[last_field]
                        fields[last_field] = (ln, f"{value} {body}")
                    continue
                if state not in ("wording", "structure"):
                    raise self.fail(
                        n,
                        "an indented line (inserted structure) that does not follow the "
                        "amendment's words: units go on the lines straight after them",
                        number,
                    )
                state = "structure"
                structure.append(_Line(n, width, body))
                continue
            label = _LABEL.match(body)
            if label:
                name, value = label.group(1), (label.group(2) or "").strip()
                if name not in _FIELDS:
                    known = ", ".join(_FIELDS)
                    raise self.fail(n, f"unknown field “{name}:” (expected one of {known})", number)
                last_field = name
                if state != "fields":
                    state = "done"
                if name == "Explanatory statement":
                    statement.append(value)
                    continue
                if name in fields:
                    raise self.fail(n, f"“{name}:” is given twice", number)
                fields[name] = (n, value)
                continue
            last_field = ""
            if _AMENDMENT_LINE.match(body):
                raise self.fail(
                    n, "amendments are separated by blank lines: put one before this line", number
                )
            if state == "done":
                raise self.fail(
                    n,
                    "more words after the fields that follow the amendment's words: an "
                    "amendment's words go together, on the lines after its number and sponsors",
                    number,
                )
            if state in ("fields", "wording"):
                if state == "fields":
                    wording_line = n
                state = "wording"
                wording.append(body)
            else:
                state = "after"
                after.append(body)
        if not wording:
            raise self.fail(
                first,
                "no wording: after the number and sponsors, write the amendment's words (e.g. "
                "“Clause 2, page 3, line 34, leave out “a service””)",
                number,
            )
        sponsors: tuple[str, ...] = ()
        if "Sponsors" in fields:
            n, value = fields["Sponsors"]
            sponsors = tuple(s.strip() for s in value.split(";"))
            if not value or any(not s for s in sponsors):
                raise self.fail(
                    n, "an empty name in “Sponsors:” (names are separated by “;”)", number
                )
        status = Status.TABLED
        if "Status" in fields:
            n, value = fields["Status"]
            try:
                status = Status(value.lower())
            except ValueError:
                known = ", ".join(s.value for s in Status)
                raise self.fail(
                    n, f"unknown status “{value}” (expected one of: {known})", number
                ) from None
        for name in ("Sort key", "To amendment", "Context", "Cites"):
            if name in fields and not fields[name][1]:
                raise self.fail(fields[name][0], f"“{name}:” with nothing after it", number)
        sort_key = fields.get("Sort key", (0, ""))[1]
        if " " in sort_key:
            raise self.fail(
                fields["Sort key"][0], f"a sort key is one word, not “{sort_key}”", number
            )
        lead = " ".join(wording)
        units = self.structure(structure, number, _NEW_UNIT.search(lead) is not None)
        return make_entry(
            number,
            lead,
            units,
            after=" ".join(after),
            sponsors=sponsors,
            explanatory_statement="\n".join(statement),
            status=status,
            star=star,
            member_in_charge=member,
            context=fields.get("Context", (0, ""))[1],
            amends=fields.get("To amendment", (0, ""))[1],
            context_amends=context_amends,
            sort_key=sort_key,
            cites=fields.get("Cites", (0, ""))[1],
            strict=self.strict,
            where=(self.path, wording_line),
        )

    def flags(self, rest: str, line: int, number: str) -> tuple[str, str]:
        star, member = "", ""
        for token in re.findall(r"\[[^\]]*\]|\S+", rest):
            if token in _STARS and not star:
                star = token
            elif token.startswith("[") and not member:
                inner = token[1:-1].strip()
                member = "gov" if inner == "government" else inner
                if not member:
                    raise self.fail(line, "empty “[]” after the number", number)
            else:
                raise self.fail(
                    line,
                    f"unexpected “{token}” after the number (expected ☆ or ★, or “[government]”)",
                    number,
                )
        return star, member

    # Inserted structure: indentation gives the tree.

    def structure(self, lines: list[_Line], number: str, new_unit: bool) -> tuple[Block, ...]:
        """The inserted units. A new clause's first line is its heading even without "#"
        (as it is printed); quotation marks around the whole insertion, as printed on the
        paper, are taken off (they are not part of what is inserted)."""
        if not lines:
            return ()
        roots = self.tree(lines, number)
        if new_unit and len(roots) == 1 and roots[0].plain and not roots[0].heading:
            roots[0].headed, roots[0].heading, roots[0].text = True, roots[0].text, ""
            roots[0].plain = False
        units = tuple(self.units(roots, number))
        quoted = split_quotation(units)
        if quoted is not None and not quoted[1]:
            units = quoted[0]
        return units

    def tree(self, lines: list[_Line], number: str) -> list[_Node]:
        widths: list[int] = []
        roots: list[_Node] = []
        stack: list[_Node] = []
        for line in lines:
            width = line.depth
            while widths and width < widths[-1]:
                widths.pop()
                if not widths:
                    raise self.fail(
                        line.number,
                        "this line's indentation matches no line above it (indent each level "
                        "of units by the same amount, 4 spaces)",
                        number,
                    )
            if not widths or width > widths[-1]:
                if widths and not stack:
                    raise self.fail(line.number, "inconsistent indentation", number)
                widths.append(width)
            elif width != widths[-1]:
                raise self.fail(
                    line.number,
                    "this line's indentation matches no line above it (indent each level of "
                    "units by the same amount, 4 spaces)",
                    number,
                )
            depth = len(widths) - 1
            if depth >= MAX_UNIT_DEPTH:
                raise self.fail(
                    line.number,
                    f"units nested more than {MAX_UNIT_DEPTH} levels deep (no bill goes so deep)",
                    number,
                )
            node = self.node(line, number)
            del stack[depth:]
            if depth == 0:
                if node.wrap:
                    raise self.fail(
                        line.number, "a wrap-up (“... ”) must be indented under its unit", number
                    )
                roots.append(node)
            else:
                if len(stack) < depth:
                    raise self.fail(line.number, "indented further than the line above", number)
                stack[depth - 1].kids.append(node)
            stack.append(node)
        return roots

    def node(self, line: _Line, number: str) -> _Node:
        text = line.text
        node = _Node(line)
        if text.startswith("... ") or text == "...":
            node.wrap = True
            node.text = text[4:].strip()
            return node
        if text.startswith(("|", OPEN + "|")):
            # a row; quotation marks typed outside it ("“| Variation | £25 |”") are its cells'
            opening = text.startswith(OPEN)
            text = text[1 if opening else 0 :].rstrip()
            closing = text.endswith("|" + CLOSE)
            text = text[:-1] if closing else text
            node.head_row = text.startswith("|#")
            inner = text[2 if node.head_row else 1 :]
            if not inner.endswith("|"):
                raise self.fail(line.number, "this row of a table does not end with “ |”", number)
            cells = [c.strip().replace("\\|", "|") for c in _CELL_BREAK.split(inner[:-1])]
            cells[0] = OPEN * opening + cells[0]
            cells[-1] += CLOSE * closing
            node.row = tuple(cells)
            return node
        explicit = False
        if m := _BRACED.match(text):
            node.num, text, explicit = m.group(1).strip(), text[m.end() :].lstrip(), True
        elif m := _LINE_NUM.match(text):
            node.num, text = m.group(), text[m.end() :].lstrip()
        mark = OPEN if text.startswith(OPEN + "#") and not node.num and not explicit else ""
        if text[len(mark) :].startswith("# ") or text[len(mark) :] == "#":
            node.headed = True
            node.heading = mark + text[len(mark) + 2 :].strip()
            return node
        if text.startswith("\\"):
            text = text[1:]
        node.text = text.strip()
        node.plain = not node.num and not explicit
        return node

    def block(self, node: _Node, number: str) -> Block:
        kids = list(node.kids)
        text = node.text
        if node.headed and kids and kids[0].plain and not kids[0].wrap:
            words = kids.pop(0)
            text = words.text
            kids = words.kids + kids
        wrap_up = ""
        for i, kid in enumerate(kids):
            if kid.wrap and i != len(kids) - 1:
                raise self.fail(
                    kid.line.number, "a wrap-up (“... ”) must come after the last unit", number
                )
        if kids and kids[-1].wrap:
            if len(kids) == 1:
                raise self.fail(
                    kids[0].line.number,
                    "a wrap-up (“... ”) follows units; this one has none above it",
                    number,
                )
            wrap_up = kids.pop().text
        return Block(
            num=node.num,
            heading=node.heading,
            text=text,
            children=tuple(self.units(kids, number)),
            wrap_up=wrap_up,
        )

    def units(self, nodes: list[_Node], number: str) -> list[Block]:
        """The units the lines ``nodes`` give: each row of a run of rows a row of one table."""
        units: list[Block] = []
        for is_row, run in groupby(nodes, key=lambda n: n.row is not None):
            if is_row:
                units.append(self.table(list(run), number))
            else:
                units.extend(self.block(n, number) for n in run)
        return units

    def table(self, rows: list[_Node], number: str) -> Block:
        head = 0
        while head < len(rows) and rows[head].head_row:
            head += 1
        for row in rows:
            if row.kids:
                raise self.fail(
                    row.kids[0].line.number,
                    "a line indented under a row of a table (a row has cells, not units)",
                    number,
                )
            cells, first = len(row.row or ()), len(rows[0].row or ())
            if cells != first:
                raise self.fail(
                    row.line.number,
                    f"this row of a table has {counted(cells, 'cell')}, its first row {first}",
                    number,
                )
        late = next((r for r in rows[head:] if r.head_row), None)
        if late is not None:
            raise self.fail(
                late.line.number,
                "a heading row (“|#”) after the table's other rows: heading rows come first",
                number,
            )
        return Block(table=Table(tuple(r.row or () for r in rows), head))


def _clip(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"
