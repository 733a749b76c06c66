"""The House's amendment forms as a recursive-descent grammar over the normalised text;
a wording that does not fit raises :class:`WordingError` saying where and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NoReturn

from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    Inserted,
    LeaveOut,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutRange,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    Operation,
    StandPart,
    Substitute,
    Target,
    Words,
    first_slot,
    quoted,
    slot_text,
)
from drafter.core.errors import UserError
from drafter.core.wording.normalise import (
    CLOSE,
    DASH,
    OPEN,
    QUOTE_MARK,
    normalise,
    normalised_blocks,
)
from drafter.core.wording.structure import read_structure, read_unit_body

#: The longest wording read (characters).
MAX_WORDING = 1_000_000


class WordingError(UserError, ValueError):
    """A wording that does not fit the House's forms: where (``offset``, 0-based, and ``col``,
    1-based, in the normalised text) and what the grammar ``expected`` there."""

    def __init__(self, text: str, offset: int, expected: str, number: str = "") -> None:
        self.text = text
        self.offset = offset
        self.col = offset + 1
        self.expected = expected
        self.number = number
        self.after = _context_before(text, offset)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f'after "{self.after}"' if self.after else "at the start"
        prefix = f"amendment {self.number}, " if self.number else ""
        return f"{prefix}col {self.col}: expected {self.expected} {where}"


def _context_before(text: str, offset: int) -> str:
    """The phrase just before ``offset`` ("page 3,"): what the reader had understood when the
    wording stopped making sense."""
    prefix = text[:offset].rstrip()
    cut = prefix.rstrip(",").rfind(", ")
    after = prefix[cut + 2 :] if cut >= 0 else prefix
    if len(after) > 40:
        after = "…" + after[-39:].lstrip()
    return after


# --- the grammar --------------------------------------------------------------------------

_F = re.IGNORECASE | re.ASCII


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


_NUM = r"[0-9]{1,4}[A-Za-z]{0,3}"
_REF = r"[A-Za-z]{0,3}[0-9]{1,5}[A-Za-z]{0,3}"
ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_ORDINAL_OF = {w: i + 1 for i, w in enumerate(ORDINALS)} | {"last": -1}
_PROVISION_KINDS = {
    "subsection": "subsection",
    "subsections": "subsection",
    "paragraph": "paragraph",
    "paragraphs": "paragraph",
    "sub-paragraph": "sub-paragraph",
    "sub-paragraphs": "sub-paragraph",
    "subparagraph": "sub-paragraph",
    "subparagraphs": "sub-paragraph",
}

_SP = _rx(r" *")
_SEP = _rx(r" *(?:,|:—?|—)? *")
_END_STOP = _rx(r" *\.? *$")
_TO_MOVE = _rx(r"to move the following (?:new )?(clause|schedule)\b")
_INSERT_NEW = _rx(r"insert the following new (clause|schedule)\b")
_ANCHOR_NEW = _rx(rf"(after|before) (clause|schedule) ({_NUM})\b *,? *")
_AS_AMENDMENT = _rx(rf"as an amendment to amendment ({_REF})\b")
_THAT = _rx(r"(?:the question )?that ")
_CLAUSE = _rx(rf"clause\b(?: ({_NUM})\b)?")
_SCHEDULE = _rx(rf"(?:the )?schedule(?: ({_NUM}))?(?![\w-])")
_STAND_PART = _rx(r"(?:to )?stand part(?: of the bill)?")
_BE_THE_SCHEDULE = _rx(r"be the \w+ schedule(?: to the bill)?")
_PARAGRAPH = _rx(rf"paragraph ({_NUM})\b")
_PAGE = _rx(r"page\b(?: ([0-9]{1,5})\b)?")
_LINE = _rx(r"line\b(?: ([0-9]{1,5})\b)?")
_OF_AMENDMENT = _rx(rf" *of amendment ({_REF})\b")
_LEAVE_OUT = _rx(r"leave out\b")
_AND_INSERT = _rx(r"and insert\b")
_AND = _rx(r"and\b *")
_INSERT = _rx(r"insert\b")
_FROM = _rx(r"from\b")
_TO = _rx(r"to\b")
_BEGINNING = _rx(r"(?:the )?beginning(?: of (?:the )?line)?\b")
_END_OF_LINE = _rx(r"(?:the )?end of (?:the )?line\b")
_NUMBER = _rx(r" *([0-9]{1,5})\b")
_IN_LINE = _rx(r" *(?:in|on) line ([0-9]{1,5})\b")
_ON_PAGE = _rx(r" *(?:on|of) page ([0-9]{1,5})\b")
_LINES = _rx(r"lines? ([0-9]{1,5})\b(?: (to|and) ([0-9]{1,5})\b)?")
_KIND = _rx(r"(sub-?paragraphs?|subsections?|paragraphs?)\b")
_PROV_NUM = _rx(rf"\(({_NUM}|[a-z]{{1,4}}[0-9]?)\)|({_NUM})\b")
_LIST_SEP = _rx(r" *(,|and\b|to\b) *")
_BEFORE = _rx(r"before\b")
_AFTER = _rx(r"after\b")
_AT_BEGINNING = _rx(r"at (?:the )?beginning(?: of (?:the )?line)?\b")
_AT_END = _rx(r"at (?:the )?end(?: of (?:the )?line)?\b")
_NTH = "|".join((*ORDINALS, "last", "[0-9]{1,3}(?:st|nd|rd|th)"))  # "second", "2nd"
#: the occurrence said before the words: the second “the”
_OCCURRENCE = _rx(rf"(?:the )?({_NTH}) (?=“)")
#: … or after them: “the” in the second place (where it occurs), “the” where it second occurs
_PLACE = _rx(
    rf"(?:in the ({_NTH}) place(?: where (?:it|they) occurs?)?"
    rf"|where (?:it|they) ({_NTH}) occurs?)\b"
)
_THE_WORDS = _rx(r"the words (?=“)")
_DASH = _rx(DASH)
_FINAL_CLOSE = _rx(r"” *\.? *$")
#: a “ typed for a closing mark: after a word, before what the wording goes on with
_BACK_TO_FRONT_CLOSE = _rx(r"(?<=\w)“(?=$| *(?:\.$|and\b|insert\b|to\b|in line\b|on line\b))")
_CONTINUES = _rx(r"$| *(?:,|\.$|and\b|insert\b|to\b|in line\b|on line\b)")
# Scottish Parliament forms: "In section 1, page 1, line 8, …", "After section 5, insert—",
# "leave out section 3", "In the long title, page 1, line 2, …"
_IN_SP = _rx(rf"in (?:the )?(section|schedule|long title)\b(?: ({_NUM})\b)?")
_ANCHOR_SP = _rx(rf"(after|before) (section|schedule) ({_NUM})\b *,? *insert\b(?! the following)")
_SECTION = _rx(rf"section ({_NUM})\b")
_TITLE = _rx(r"(?:the )?(?:long )?title\b")
_CLAUSES = _rx(rf"clauses ({_NUM})((?: *, *{_NUM})*) (and|to) ({_NUM})\b")
_BEGINNING_OF_LINE = _rx(r"(?:the )?beginning of (?:the )?line ([0-9]{1,5})\b")
_END_OF_PROVISION = _rx(
    r"(?:the )?end of (?:the )?(sub-?paragraph|subsection|paragraph|clause|section|schedule)\b"
    r"(?: *\(([0-9]{1,4}[A-Za-z]{0,3}|[a-z]{1,4}[0-9]?)\)| ([0-9]{1,4}[A-Za-z]{0,3})\b)?"
)
# The words the grammar goes on with after quoted words, when a quotation follows them: a
# quotation that runs on into them has lost its closing mark (“4(6) and insert “3(8)”).
_GOES_ON = {
    "and insert": re.compile(r" (and insert) (?=“)"),
    "insert": re.compile(r" (insert) (?=“)"),
    "to": re.compile(r" (to) (?=“)"),
}

_INSTRUCTIONS = '"leave out", "after", "before", "at end" or "at beginning"'
_START = '"Clause", "Schedule", "Page", "Line", "Title" or "To move the following Clause"'


@dataclass
class _Parser:
    """One pass over a normalised wording; ``pos`` only moves forward."""

    text: str
    number: str
    structure: tuple[Block, ...] | None
    pos: int = 0
    used_structure: bool = False
    insert_ok: bool = False  # the wording may go on "and insert …"
    style: str = ""  # "sp" once the wording shows the Scottish Parliament's forms
    warnings: list[str] = field(default_factory=list)
    more: list[Operation] = field(default_factory=list)  # "leave out Clauses 18 and 19"

    # -- scanning ------------------------------------------------------------------------

    def fail(self, expected: str, at: int | None = None) -> NoReturn:
        raise WordingError(self.text, self.pos if at is None else at, expected, self.number)

    def skip(self) -> None:
        m = _SP.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def accept(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        self.skip()
        m = rx.match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def expect(self, rx: re.Pattern[str], expected: str) -> re.Match[str]:
        m = self.accept(rx)
        if m is None:
            self.fail(expected)
        return m

    def sep(self) -> None:
        m = _SEP.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def at_end(self) -> bool:
        self.skip()
        return self.pos >= len(self.text)

    def peek(self, ch: str) -> bool:
        self.skip()
        return self.text.startswith(ch, self.pos)

    def positive(self, m: re.Match[str], group: int, what: str) -> int:
        if m.group(group) is None:
            self.fail(f"a {what} number", m.end())
        value = int(m.group(group))
        if value < 1:
            self.fail(f"a {what} number (1 or more)", m.start(group))
        return value

    # -- the whole wording ---------------------------------------------------------------

    def amendment(self) -> Amendment:
        op, target = self.operation_and_target()
        self.finish()
        if self.structure and not self.used_structure:
            self.fail('a place for the quoted structure ("insert—" or "Clause—" at the end)')
        return Amendment(
            number=self.number,
            operations=(op, *self.more),
            target=target,
            style=self.style,
            warnings=tuple(self.warnings),
        )

    def assume(self, read: str, how: str) -> None:
        """Note a reading of ambiguous words: what was read, and how to write it plainly."""
        said = f"read {read}; {how}"
        if said not in self.warnings:  # a mark typed back to front in each quotation: once
            self.warnings.append(said)

    def clause_number(self, m: re.Match[str]) -> str:
        if m.group(1) is None:
            self.fail('a clause number, such as "5" or "5A"', m.end())
        return m.group(1)

    def finish(self) -> None:
        if not _END_STOP.match(self.text, self.pos):
            self.skip()
            if self.insert_ok:
                if m := _AND.match(self.text, self.pos):
                    self.fail('"insert"', m.end())
                self.fail('"and insert" or the end of the amendment')
            self.fail("the end of the amendment")
        self.pos = len(self.text)

    def operation_and_target(self) -> tuple[Operation, Target]:
        if self.at_end():
            self.fail(_START)
        if m := self.accept(_TO_MOVE):
            return self.new_unit(m.group(1).lower(), None, None), Target()
        if m := self.accept(_INSERT_NEW):
            return self.new_unit(m.group(1).lower(), None, None), Target()
        if m := self.accept(_ANCHOR_SP):
            self.style = "sp"
            kind = "clause" if m.group(2).lower() == "section" else "schedule"
            anchor = m.group(3)
            after, before = (anchor, None) if m.group(1).lower() == "after" else (None, anchor)
            return self.new_unit(kind, after, before), Target()
        if m := self.accept(_ANCHOR_NEW):
            anchor_kind, anchor = m.group(2).lower(), m.group(3)
            n = self.expect(_INSERT_NEW, '"insert the following new Clause"')
            kind = n.group(1).lower()
            if kind != anchor_kind:
                self.fail(f'"insert the following new {anchor_kind.capitalize()}"', n.start())
            after, before = (anchor, None) if m.group(1).lower() == "after" else (None, anchor)
            return self.new_unit(kind, after, before), Target()
        that = self.accept(_THAT)
        if that:
            op = self.stand_part_subject()
            if op is None:
                self.fail('"Clause" or "Schedule"')
            return op, Target()
        return self.cited()

    def stand_part_subject(self) -> StandPart | None:
        start = self.pos
        if m := self.accept(_CLAUSE):
            if self.accept(_STAND_PART):
                return StandPart(clause=self.clause_number(m))
            self.fail('"stand part of the Bill"')
        if m := self.accept(_SCHEDULE):
            if self.accept(_STAND_PART) or self.accept(_BE_THE_SCHEDULE):
                return StandPart(schedule=m.group(1) or "")
            self.fail('"stand part of the Bill"')
        self.pos = start
        return None

    # -- where it bites ------------------------------------------------------------------

    def cited(self) -> tuple[Operation, Target]:
        clause: str | None = None
        schedule: str | None = None
        paragraph: str | None = None
        amendment: str | None = None
        page: int | None = None
        line: int | None = None
        title = False
        if m := self.accept(_AS_AMENDMENT):
            amendment = m.group(1)
            self.sep()
            line = self.positive(self.expect(_LINE, '"line"'), 1, "line")
        elif (sp := self.accept(_IN_SP)) or self.accept(_TITLE):
            if sp:
                self.style = "sp"
                kind = sp.group(1).lower()
                if kind == "section":
                    if sp.group(2) is None:
                        self.fail('a section number, such as "5" or "5A"', sp.end())
                    clause = sp.group(2)
                elif kind == "schedule":
                    schedule = sp.group(2) or ""
                else:
                    title = True
            else:
                title = True
            self.sep()
            page, line = self.page_and_line()
            if page is None:  # "Title, line 9"
                line = self.positive(self.expect(_LINE, '"line"'), 1, "line")
        else:
            if m := self.accept(_CLAUSE):
                clause = self.clause_number(m)
                if self.accept(_STAND_PART):
                    return StandPart(clause=clause), Target()
                self.sep()
            elif m := self.accept(_SCHEDULE):
                schedule = m.group(1) or ""
                if self.accept(_STAND_PART) or self.accept(_BE_THE_SCHEDULE):
                    return StandPart(schedule=schedule), Target()
                self.sep()
                if p := self.accept(_PARAGRAPH):
                    paragraph = p.group(1)
                    self.sep()
            page, line = self.page_and_line()
            if page is None:
                if m := self.accept(_LINE):
                    if clause is not None or schedule is not None:
                        self.fail('"page"', m.start())
                    line = self.positive(m, 1, "line")
                    if o := self.accept(_OF_AMENDMENT):
                        amendment = o.group(1)
                elif clause is not None or schedule is not None:
                    where = f"Clause {clause}" if clause is not None else "Schedule"
                    self.fail(f'"page" and "line" (as in {where}, page 4, line 10, leave out …)')
                elif not _LEAVE_OUT.match(self.text, self.pos):
                    self.fail(_START)
        target = Target(
            clause=clause,
            schedule=schedule,
            page=page,
            line=line,
            amendment=amendment,
            paragraph=paragraph,
            title=title,
        )
        if target != Target():
            self.sep()
        return self.action(target), target

    def page_and_line(self) -> tuple[int | None, int | None]:
        """ "page 3, line 4"; the line may wait for the range ("page 356, leave out from
        beginning of line 31 …"). (None, None) when no page is cited."""
        m = self.accept(_PAGE)
        if m is None:
            return None, None
        page = self.positive(m, 1, "page")
        self.sep()
        if m := self.accept(_LINE):
            return page, self.positive(m, 1, "line")
        if not _LEAVE_OUT.match(self.text, self.pos):
            self.fail('"line"')
        return page, None

    # -- what it does --------------------------------------------------------------------

    def action(self, target: Target) -> Operation:
        if self.accept(_LEAVE_OUT):
            return self.leave_out(target)
        if self.accept(_BEFORE):
            anchor = self.words(goes_on="insert")
            self.expect(_INSERT, '"insert"')
            return InsertBefore(anchor, self.inserted())
        if self.accept(_AFTER):
            anchor = self.words(goes_on="insert")
            self.expect(_INSERT, '"insert"')
            return InsertAfter(anchor, self.inserted())
        if self.accept(_AT_BEGINNING):
            self.expect(_INSERT, '"insert"')
            return InsertAtBeginning(self.inserted())
        if self.accept(_AT_END):
            self.expect(_INSERT, '"insert"')
            return InsertAtEnd(self.inserted())
        self.fail(_INSTRUCTIONS)

    def leave_out(self, target: Target) -> Operation:
        self.skip()
        if target == Target() and not (
            _CLAUSE.match(self.text, self.pos)
            or _CLAUSES.match(self.text, self.pos)
            or _SCHEDULE.match(self.text, self.pos)
            or _SECTION.match(self.text, self.pos)
        ):
            self.fail('"Clause" or "Schedule" (or cite a page and line first)')
        if self.accept(_FROM):
            start_line: int | None = None
            start: Words | None = None
            if b := self.accept(_BEGINNING_OF_LINE):
                start_line = self.positive(b, 1, "line")
                if target.line not in (None, start_line):
                    self.fail(f'"beginning of line {target.line}" (the line cited)', b.start(1))
            elif not self.accept(_BEGINNING):
                start = self.words('quoted words or "beginning"', goes_on="to")
            if target.line is None and start_line is None:
                self.fail('"beginning of line" and its number (the citation names no line)')
            self.expect(_TO, '"to"')
            return replace(self.range_end(start), start_line=start_line)
        if m := self.accept(_LINES):
            first = self.positive(m, 1, "line")
            last = self.positive(m, 3, "line") if m.group(3) else first
            if last < first:
                self.fail(f"a line after line {first}", m.start(3))
            if m.group(2) and m.group(2).lower() == "and" and last != first + 1:
                self.fail(f'"to" (lines {first} and {last} are not consecutive)', m.start(2))
            return LeaveOutLines(first, last, self.and_insert())
        if m := self.accept(_KIND):
            kind = _PROVISION_KINDS[m.group(1).lower()]
            numbers, through = self.provision_numbers()
            return LeaveOutProvisions(kind, numbers, through, self.and_insert())
        if m := self.accept(_CLAUSES):
            return self.clauses(m)
        if m := self.accept(_CLAUSE):
            return LeaveOutClause(self.clause_number(m))
        if m := self.accept(_SECTION):
            self.style = "sp"
            return LeaveOutClause(m.group(1))
        if m := self.accept(_SCHEDULE):
            return LeaveOutSchedule(m.group(1) or "")
        if target == Target():
            self.fail('"Clause" or "Schedule"')
        words = self.words(
            'quoted words (“…”), "from", "line", "lines", "subsection", "paragraph", '
            '"Clause" or "Schedule"',
            goes_on="and insert",
        )
        if self.accept(_AND_INSERT):
            replacement = self.inserted()
            if isinstance(replacement, str) and replacement.split() == words.text.split():
                self.assume(
                    f"{OPEN}{replacement}{CLOSE} in place of the same words",
                    "it changes nothing: leave out or insert other words",
                )
            return Substitute(words, replacement)
        self.insert_ok = True
        return LeaveOut(words)

    def clauses(self, m: re.Match[str]) -> LeaveOutClause:
        """ "leave out Clauses 18 and 19" / "Clauses 18 to 20": one operation per clause. A
        range is spelt out only between plain numbers (what lies between 18A and 20 is the
        bill's to say)."""
        listed = [m.group(1), *re.findall(_NUM, m.group(2)), m.group(4)]
        if m.group(3).lower() == "to":
            if len(listed) != 2 or not (listed[0].isdigit() and listed[1].isdigit()):
                self.fail('"and" between the clauses (a range runs between plain numbers)')
            first, last = int(listed[0]), int(listed[1])
            if last <= first:
                self.fail(f"a clause after Clause {first}", m.start(4))
            listed = [str(n) for n in range(first, last + 1)]
        order = [(int(re.match("[0-9]+", n).group()), n) for n in listed]  # type: ignore[union-attr]
        if sorted(set(order)) != order:
            self.fail("the clauses in the order of the bill, each once", m.start(1))
        self.more.extend(LeaveOutClause(n) for n in listed[1:])
        return LeaveOutClause(listed[0])

    def range_end(self, start: Words | None) -> LeaveOutRange:
        end_line: int | None = None
        end_page: int | None = None
        end: Words | None = None
        if self.accept(_END_OF_LINE):
            if m := self.accept(_NUMBER):
                end_line = self.positive(m, 1, "line")
        elif m := self.accept(_END_OF_PROVISION):
            kind = _PROVISION_KINDS.get(m.group(1).lower(), m.group(1).lower())
            if kind == "section":
                kind = "clause"
            number = f"({m.group(2)})" if m.group(2) else m.group(3) or ""  # as printed
            return LeaveOutRange(start, None, insert=self.and_insert(), end_of=(kind, number))
        else:
            end = self.words('quoted words or "end of line"', goes_on="and insert")
            if m := self.accept(_IN_LINE):
                end_line = self.positive(m, 1, "line")
        if end_line is not None and (m := self.accept(_ON_PAGE)):
            end_page = self.positive(m, 1, "page")
        return LeaveOutRange(start, end, end_line, self.and_insert(), end_page)

    def and_insert(self) -> Inserted | None:
        if self.accept(_AND_INSERT):
            return self.inserted()
        self.insert_ok = True
        return None

    def provision_numbers(self) -> tuple[tuple[str, ...], bool]:
        numbers: list[str] = []
        through = False
        while True:
            m = self.expect(_PROV_NUM, 'a number in brackets, such as "(5)" or "(b)"')
            numbers.append(m.group(1) or m.group(2))
            save = self.pos
            s = self.accept(_LIST_SEP)
            if s is None or not _PROV_NUM.match(self.text, self.pos):
                self.pos = save
                break
            word = s.group(1).lower()
            if word == "to":
                if len(numbers) != 1 or through:
                    self.fail('"and" (a range runs from one number to another)', s.start(1))
                through = True
            elif through:
                self.fail("the end of the range", s.start(1))
            if word == "and" or through:
                m = self.expect(_PROV_NUM, 'a number in brackets, such as "(5)" or "(b)"')
                numbers.append(m.group(1) or m.group(2))
                break
        return tuple(numbers), through

    # -- quoted words --------------------------------------------------------------------

    def words(self, expected: str = "quoted words (“…”)", goes_on: str = "") -> Words:
        """Quoted words of the bill, with the occurrence named. ``goes_on`` is what the
        grammar may go on with after them ("and insert"): a quotation that runs on into it
        has lost its closing mark."""
        occurrence: int | None = None
        self.accept(_THE_WORDS)
        if m := self.accept(_OCCURRENCE):
            occurrence = self.nth(m.group(1), m.start(1))
        self.closing_mark_as_opening()
        if not self.peek(OPEN):
            self.fail(expected)
        text, _ = self.quotation(open_ok=False, goes_on=goes_on)
        if not text:
            self.fail("words between the quotation marks", self.pos - 1)
        text = self.slipped_close(text)
        if m := self.accept(_PLACE):
            if occurrence is not None:
                self.fail("one occurrence named, not two", m.start())
            occurrence = self.nth(m.group(1) or m.group(2), m.start())
        return Words(text, occurrence)

    def nth(self, said: str, at: int) -> int:
        """The occurrence an ordinal names ("second", "2nd"; "last" is -1)."""
        occurrence = _ORDINAL_OF.get(said.lower()) or int(said[:-2])
        if occurrence == 0:  # "0th"
            self.fail("an occurrence of 1 or more", at)
        return occurrence

    def closing_mark_as_opening(self) -> None:
        """A ” where quoted words must open (`at end insert ”, and—`) opens them."""
        if self.peek(CLOSE):
            at = self.pos
            self.text = self.text[:at] + OPEN + self.text[at + 1 :]
            self.assume(
                "the ” that opens the quotation as “",
                "write “ to open quoted words",
            )

    def slipped_close(self, text: str) -> str:
        """Quoted words followed by a closing mark's slip: a doubled mark (“decision””) or a
        bracket the words opened left outside them (“(the electricity code”)). The words are
        read with the bracket and without the extra mark."""
        s, at = self.text, self.pos
        if s.startswith(CLOSE, at) and _CONTINUES.match(s, at + 1):
            self.pos = at + 1
            self.assume(f"{OPEN}{text}{CLOSE}, not a second ” after it", "close the words once")
            return text
        for opening, closing in (("(", ")"), ("[", "]")):
            if (
                s.startswith(closing, at)
                and text.count(opening) > text.count(closing)
                and _CONTINUES.match(s, at + 1)
            ):
                self.pos = at + 1
                fixed = text + closing
                self.assume(
                    f"{OPEN}{fixed}{CLOSE}, with the “{closing}” after the closing mark",
                    f"write {OPEN}{fixed}{CLOSE} (the mark closes after the bracket)",
                )
                return fixed
        return text

    def quotation(self, open_ok: bool, final: bool = False, goes_on: str = "") -> tuple[str, bool]:
        """The words between “ and its matching ”, nested quotations included. A ``final``
        quotation (inserted text, which ends the wording) ends at the wording's last ”, so
        that quotation marks inside it need not balance (Energy 124 opens one it never
        closes). With ``open_ok`` a quotation left open at the end is the lead-in to the
        paper's structure."""
        s = self.text
        start = self.pos
        if final and (last := _FINAL_CLOSE.search(s, start + 1)):
            self.pos = last.start() + 1
            return s[start + 1 : last.start()].strip(), True
        depth = 0
        for m in QUOTE_MARK.finditer(s, start):
            depth += 1 if m.group() == OPEN else -1
            if depth == 0:
                self.pos = m.end()
                return s[start + 1 : m.start()].strip(), True
        if open_ok:
            self.pos = len(s)
            return s[start + 1 :].strip(), False
        # Unbalanced quotation marks inside the words: the first ” that the wording can go on
        # from closes them …
        closing = next(
            (
                start + 1 + m.start()
                for m in re.finditer(CLOSE, s[start + 1 :])
                if _CONTINUES.match(s, start + 2 + m.start())
            ),
            None,
        )
        turned = _BACK_TO_FRONT_CLOSE.search(s, start + 2)
        if turned is not None and (closing is None or turned.start() < closing):
            # … or a “ typed for the ” after the last word (`leave out ”may“ and insert`)
            at = turned.start()
            self.text = s[:at] + CLOSE + s[at + 1 :]
            self.pos = at + 1
            self.assume("the “ that closes the quotation as ”", "write ” to close quoted words")
            return s[start + 1 : at].strip(), True
        missing = _GOES_ON[goes_on].search(s, start + 1) if goes_on else None
        if missing is not None and (closing is None or missing.start() < closing):
            # … unless the grammar goes on before it: “4(6) and insert “3(8)” lacks a mark
            words = s[start + 1 : missing.start()].strip()
            self.pos = missing.start()
            self.assume(
                f"{OPEN}{words}{CLOSE} (its closing mark is missing)",
                f"close the words before “{missing.group(1)}”",
            )
            return words, True
        if closing is not None:
            self.pos = closing + 1
            return s[start + 1 : closing].strip(), True
        if final:
            # the inserted words end the wording: they run to its end
            self.pos = len(s)
            words = _END_STOP.sub("", s[start + 1 :]).strip()
            self.assume(f"{OPEN}{words}{CLOSE} (its closing mark is missing)", "close the words")
            return words, True
        self.fail(f"” to close the quotation opened at col {start + 1}", len(s))

    # -- what goes in --------------------------------------------------------------------

    def take_structure(self, lead: str) -> tuple[Block, ...]:
        """The caller's structure, after the words that lead in to it ("insert “, and")."""
        self.used_structure = True
        return ((Block(text=lead),) if lead else ()) + (self.structure or ())

    def inserted(self) -> Inserted:
        self.skip()
        self.closing_mark_as_opening()
        if self.accept(_DASH):
            if self.at_end():
                if self.structure:
                    return self.take_structure("")
                self.fail("the inserted text (“…”) after the dash")
            self.closing_mark_as_opening()
            if self.peek(OPEN):
                body, closed = self.quotation(open_ok=bool(self.structure), final=True)
                if not closed:
                    return self.take_structure(body)
                blocks = read_structure(body)
                if not blocks:
                    self.fail("the inserted text between the quotation marks", self.pos - 1)
                return blocks
            body = self.text[self.pos :].strip()
            self.pos = len(self.text)
            return read_structure(body)
        if self.peek(OPEN):
            body, closed = self.quotation(open_ok=bool(self.structure), final=True)
            if not closed:
                return self.take_structure(body)
            if not body:
                self.fail("words between the quotation marks", self.pos - 1)
            if body.endswith(CLOSE) and body.count(CLOSE) > body.count(OPEN):
                # “Board”” closes twice, as the words it replaces may: read alike
                body = body[:-1].rstrip()
                self.assume(f"{OPEN}{body}{CLOSE}, not a second ” after it", "close the words once")
            if _closes_early(body):  # “12 months” and insert “6 months”
                self.assume(
                    f"{OPEN}{body}{CLOSE} as the words to insert",
                    "their quotation closes before its end: two changes are two amendments",
                )
            units = read_structure(body, words=True)
            return units if units else body
        self.fail("“ or — (the inserted words or structure)")

    def one_unit(self, kind: str) -> Block:
        """The new clause (or Schedule) that the structure holds. LawMaker sometimes closes
        a new clause's quotation early: the sections after the first then stand beside it,
        when they are the words its last subsection inserts ("After section 3A, insert—").
        They are read so, with a warning."""
        units = self.take_structure("")
        first = units[0]
        if len(units) == 1:
            return first
        last = first.children[-1] if first.children else None
        if last is None or not last.text.endswith(DASH):
            self.fail(f"one new {kind} in the quoted structure, not {len(units)}")
        later = ", ".join(u.num or u.heading for u in units[1:])
        self.assume(
            f"{later} as what subsection {last.num or '( )'} of the new {kind} inserts",
            f"quote {later} inside that subsection, not beside the new {kind}",
        )
        beside = units[1:]
        if not slot_text(beside[0], first_slot(beside[0])).startswith(OPEN):  # not quoted yet
            beside = quoted(beside)
        inside = replace(last, children=last.children + beside)
        return replace(first, children=(*first.children[:-1], inside))

    def new_unit(self, kind: str, after: str | None, before: str | None) -> Operation:
        self.skip()
        self.accept(_DASH)
        block: Block
        if self.at_end():
            if not self.structure:
                self.fail(f"the text of the new {kind} (“…”)")
            block = self.one_unit(kind)
        elif self.peek(OPEN):
            opened = self.pos
            body, closed = self.quotation(open_ok=bool(self.structure), final=True)
            if not closed:
                if body:
                    self.fail(f"” to close the new {kind}", opened)
                block = self.one_unit(kind)
            else:
                block = read_unit_body(body, schedule=kind == "schedule")
        else:
            body = self.text[self.pos :].strip()
            self.pos = len(self.text)
            block = read_unit_body(body, schedule=kind == "schedule")
        if kind == "clause":
            return NewClause(block, after, before)
        return NewSchedule(block, after, before)


# --- public entry points ------------------------------------------------------------------


def parse_amendment(
    text: str, number: str = "", structure: tuple[Block, ...] | None = None
) -> Amendment:
    """Read one amendment's wording. ``structure`` is the inserted structure when the caller
    has it already (the paper's ``quotedStructure``): ``text`` is then the wording without it,
    ending at "insert—", "Clause—" or an open quotation ("insert “, and")."""
    if len(text) > MAX_WORDING:
        # the longest wordings on real papers (whole new clauses) run to some thousands of
        # characters: anything this long is not an amendment, and reading it costs for nothing
        raise WordingError(
            text[:40],
            0,
            f"a wording of at most {MAX_WORDING:,} characters, not {len(text):,}",
            number,
        )
    if _SP_OPENING.match(text):
        text = _angle_quotes(text)
    normalised = normalise(text)
    blocks = normalised_blocks(structure) if structure else None
    return _Parser(normalised, number, blocks).amendment()


#: How the Scottish Parliament's wordings open; only these quote in angle brackets.
_SP_OPENING = re.compile(
    r"\s*(?:in (?:section|schedule|the long title)|(?:after|before) (?:section|schedule) "
    r"[0-9]+[A-Z]*|leave out section)\b",
    re.IGNORECASE,
)


def _angle_quotes(text: str) -> str:
    """The Scottish Parliament quotes the bill's words in angle brackets (<prospective>);
    they are read as “…”. A < inside “…” is the bill's own."""
    if "<" not in text:
        return text
    out: list[str] = []
    curly = angle = 0
    for ch in text:
        if ch == OPEN:
            curly += 1
        elif ch == CLOSE:
            curly = max(curly - 1, 0)
        elif ch == "<" and curly == 0:
            angle += 1
            ch = OPEN
        elif ch == ">" and curly == 0 and angle:
            angle -= 1
            ch = CLOSE
        out.append(ch)
    return "".join(out)


def amendment_context(heading: str) -> str | None:
    """The amendment that a paper's heading says the following amendments amend ("As
    Amendments to … proposed New Clause (…) (Gov NC4):—" -> "NC4"; "As an amendment to
    amendment 5" -> "5")."""
    if not re.search(r"\bas (?:an )?amendments? to\b", heading, _F):
        return None
    refs = re.findall(r"(?<![\w-])((?:NC|NS)?[0-9]{1,5}[A-Z]{0,3})(?![\w-])", heading)
    return refs[-1] if refs else None


def _closes_early(body: str) -> bool:
    """Do the words read as one quotation close before their end? A closing mark with no
    opening mark before it, and another quotation opening after it: “12 months” and insert
    “6 months” reads as one insertion only by taking in the second change. A closing mark
    with no quotation after it is one of the words (“”), or”: the end of a quotation in
    the bill, as an amendment drafted from an edit of it may insert)."""
    depth = 0
    for at, ch in enumerate(body):
        depth += (ch == OPEN) - (ch == CLOSE)
        if depth < 0:
            return OPEN in body[at:]
    return False
