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

from __future__ import annotations

import re
from bisect import bisect_right
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
    cited_line,
    operation_type,
)
from drafter.core.errors import UserError

__all__ = [
    "WordingError",
    "amendment_context",
    "describe",
    "normalise",
    "parse_amendment",
    "render",
    "summary",
]

OPEN, CLOSE, DASH = "“", "”", "—"
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


# --- normalise ----------------------------------------------------------------------------

_SPACES = dict.fromkeys(
    map(ord, "\t\n\r\v\f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"), " "
) | dict.fromkeys(range(0x2000, 0x200B), " ")
_DROPPED = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_QUOTES = {
    ord("„"): OPEN,
    ord("‟"): OPEN,
    ord("«"): OPEN,
    ord("»"): CLOSE,
    ord("＂"): '"',
    ord("″"): '"',
    ord("‚"): "‘",
    ord("‛"): "‘",
}
_TABLE = _SPACES | _DROPPED | _QUOTES
_TRANSLATED = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")
_OPENING_CONTEXT = frozenset(" ([{—–-“‘/")
_CLOSING_FOLLOW = frozenset(" ,.;:)]—–-”?!")
_MULTISPACE = re.compile(" {2,}")
_QUOTE_MARK = re.compile("[“”]")
# Spacing fixes stay clear of quotation marks, whose reading depends on their neighbours:
# that keeps normalise idempotent.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<![“”‘’'\"]) +(?=[,;:.])")
_COMMA_NO_SPACE = re.compile(r",(?=[^ ,“”‘’'\"])")
_KEYWORD_HYPHEN = re.compile(r"\b(insert|clause|schedule) ?(?::? ?)(?:--?|‒|−)(?= |$|“|\()", re.I)
_DASH_SPACES = re.compile(r"(?<![‘'\"])[ :]*[—–―]+ *")


def _straight_doubles(text: str) -> str:
    """Straight double quotes become curly ones (opening after a space, bracket or dash)
    where they stand for the wording's own marks: outside any quotation opened with a curly
    mark. Inside one they are the bill's own text, as printed, and stay: a print may have
    "not" where the next has “not”, and an amendment must be able to say so."""
    if '"' not in text:
        return text
    out = []
    depth = 0
    for i, ch in enumerate(text):
        if ch == '"' and not depth:
            opening = i == 0 or text[i - 1] in _OPENING_CONTEXT
            out.append(OPEN if opening else CLOSE)
            continue
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(depth - 1, 0)
        out.append(ch)
    return "".join(out)


def _singles(text: str) -> str:
    """Single quotation marks that delimit a quotation in the wording (‘…’ or '…', outside
    any “…”) become “…”; every other straight ' is an apostrophe, printed ’. Inside a
    quotation ‘ and ’ are the bill's own and stay."""
    if "'" not in text and "‘" not in text:
        return text
    chars = list(text)
    opener = -1
    depth = 0
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch == OPEN:
            depth += 1
            continue
        if ch == CLOSE:
            depth = max(depth - 1, 0)
            continue
        if ch not in "'‘’":
            continue
        if depth:
            if ch == "'":
                chars[i] = "’"
            continue
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < n else " "
        if ch in "'‘" and before in _OPENING_CONTEXT and after != " " and opener < 0:
            opener = i
            continue
        if ch in "'’" and opener >= 0 and after in _CLOSING_FOLLOW and before != " ":
            chars[opener] = OPEN
            chars[i] = CLOSE
            opener = -1
            continue
        if ch == "'":
            chars[i] = "’"
    if opener >= 0 and chars[opener] == "'":
        chars[opener] = "’"
    return "".join(chars)


def normalise(text: str) -> str:
    """One canonical text for a wording, so that the grammar sees one form of each thing:
    curly quotation marks, an em dash before inserted structure ("insert— “…”"), single
    spaces, no line breaks, no space before punctuation outside quotations. Inside quotations
    (the bill's own words) only spacing and apostrophes (’) change.
    Idempotent: ``normalise(normalise(t)) == normalise(t)``."""
    text = _normalise_once(text)
    # A pass can pair a ‘ it had to pass over (another quotation was open) with a later ’:
    # go again until nothing changes. Without a ‘ left, another pass would change nothing.
    for _ in range(8):
        if "‘" not in text:
            break
        again = _normalise_once(text)
        if again == text:
            break
        text = again
    return text


def _normalise_once(text: str) -> str:
    if _TRANSLATED.search(text):  # translate() is slow; most wordings need none of it
        text = text.translate(_TABLE)
    text = text.replace("''", '"')
    text = _singles(_straight_doubles(text))
    text = _MULTISPACE.sub(" ", text).strip()
    if not text:
        return text
    # Outside quotations (depth 0) the spacing of punctuation and dashes is ours to fix.
    pieces: list[str] = []
    depth = 0
    last = 0
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        pieces.append(_outside(text[last:i]) if depth == 0 else text[last:i])
        pieces.append(m.group())
        depth = depth + 1 if m.group() == OPEN else max(depth - 1, 0)
        last = i + 1
    pieces.append(_outside(text[last:]) if depth == 0 else text[last:])
    text = "".join(pieces).replace(OPEN + " ", OPEN).replace(" " + CLOSE, CLOSE)
    return _MULTISPACE.sub(" ", text).strip()


def _inner(text: str) -> str:
    """Quoted text as :func:`normalise` leaves it inside a quotation: ’ for ', single
    spaces, and curly double quotes for straight ones typed in words that have no curly
    ones (words that have are typeset: their straight marks are the bill's own)."""
    if _TRANSLATED.search(text):
        text = text.translate(_TABLE)
    if '"' in text or "'" in text:
        text = text.replace("''", '"')
        if OPEN not in text and CLOSE not in text:
            text = _straight_doubles(text)
        text = text.replace("'", "’")
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = _MULTISPACE.sub(" ", text).strip()
    return text


def _normalised_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A caller's structure with its text normalised as parsed text would be, so that an
    amendment read from a paper equals the one read from its printed wording."""
    return tuple(
        replace(
            b,
            num=_inner(b.num),
            heading=_inner(b.heading),
            text=_inner(b.text),
            children=_normalised_blocks(b.children),
            wrap_up=_inner(b.wrap_up),
        )
        for b in blocks
    )


def _outside(piece: str) -> str:
    piece = _KEYWORD_HYPHEN.sub(lambda m: m.group(1) + DASH, piece)
    piece = _DASH_SPACES.sub(DASH + " ", piece)
    piece = _SPACE_BEFORE_PUNCT.sub("", piece)
    return _COMMA_NO_SPACE.sub(", ", piece)


# --- the grammar --------------------------------------------------------------------------

_F = re.IGNORECASE | re.ASCII


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


_NUM = r"[0-9]{1,4}[A-Za-z]{0,3}"
_REF = r"[A-Za-z]{0,3}[0-9]{1,5}[A-Za-z]{0,3}"
_ORDINALS = (
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
_ORDINAL_OF = {w: i + 1 for i, w in enumerate(_ORDINALS)} | {"last": -1}
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
_OCCURRENCE = _rx(
    r"(?:the )?(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|last)|([0-9]{1,3})(?:st|nd|rd|th)) (?=“)"
)
_THE_WORDS = _rx(r"the words (?=“)")
_DASH = _rx(DASH)
_FINAL_CLOSE = _rx(r"” *\.? *$")
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
        self.warnings.append(f"read {read}; {how}")

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
                    self.fail('"page"')
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
            return Substitute(words, self.inserted())
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
            if m.group(1):
                occurrence = _ORDINAL_OF[m.group(1).lower()]
            else:
                occurrence = int(m.group(2))
                if occurrence < 1:
                    self.fail("an occurrence of 1 or more", m.start(2))
        self.closing_mark_as_opening()
        if not self.peek(OPEN):
            self.fail(expected)
        text, _ = self.quotation(open_ok=False, goes_on=goes_on)
        if not text:
            self.fail("words between the quotation marks", self.pos - 1)
        return Words(self.slipped_close(text), occurrence)

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
        for m in _QUOTE_MARK.finditer(s, start):
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
                blocks = _structure(body)
                if not blocks:
                    self.fail("the inserted text between the quotation marks", self.pos - 1)
                return blocks
            body = self.text[self.pos :].strip()
            self.pos = len(self.text)
            return _structure(body)
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
            units = _structure(body, words=True)
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
        inside = replace(last, children=last.children + units[1:])
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
                block = _unit_body(body, schedule=kind == "schedule")
        else:
            body = self.text[self.pos :].strip()
            self.pos = len(self.text)
            block = _unit_body(body, schedule=kind == "schedule")
        if kind == "clause":
            return NewClause(block, after, before)
        return NewSchedule(block, after, before)


# --- structure written on one line --------------------------------------------------------

_UNIT = re.compile(
    r"\((?:[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,3}[A-Z]{0,2}|[a-z]{1,4}[0-9]?|[A-Z]{1,3}| ?)\)"
)
_FIRST_UNIT = re.compile(r"\((?:1|A1| ?)\)|1")
_SUBSECTION_NUM = re.compile(r"[0-9]|[A-Z]{1,2}[0-9]")
# A Schedule paragraph's number ("12", "5A", "A1"), followed by "(1)" or a sentence
_BARE_NEXT = r" (?:\((?:[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,3}[A-Z]{0,2}| )\)|[A-Z“])"
_BARE = re.compile(rf"(?<![^ —.;:])[A-Z]?[0-9]{{1,3}}[A-Z]{{0,3}}(?={_BARE_NEXT})")
_BARE_START = re.compile(rf"[A-Z]?[0-9]{{1,3}}[A-Z]{{0,3}}{_BARE_NEXT}")
_ROMAN = re.compile(r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})")
_STRONG_BEFORE = frozenset("—.;:”")
_NEVER_AFTER_UNIT = frozenset({"or", "and"})
_NOT_AFTER_LISTED_UNIT = frozenset({"or", "and", "to", "of"})
_HEADING_END = re.compile(
    r"(?<=[a-z0-9)]) (?=(?:In|The|A|An|After|Before|For|This|These|Where|If|Any|Each|No"
    r"|Nothing|Subject|Omit|It|Every|Within|Until|Unless|On|At|Regulations under) )"
)


def _quoted_spans(body: str) -> list[tuple[int, int]]:
    """Where the quotations inside a text are: numbers inside them are not our units."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _QUOTE_MARK.finditer(body):
        if m.group() == OPEN:
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end()))
    if depth > 0:
        spans.append((start, len(body)))
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < spans[k][1]


def _opening(body: str, a: int, first_of_body: bool, prev_end: int) -> str | None:
    """How the words before position ``a`` let a unit begin there: "strong" after a dash, a
    full stop, a semicolon, a closing quotation mark, straight after another unit's number
    ("1 (1) …") or at the start (or, for the first unit of a new clause, after its heading);
    "joined" after ", and" / "; or"; "listed" after a bare comma, where cross-references
    ("(5)(a), (b) or (ba)") live too; None otherwise."""
    j = a
    while j > 0 and body[j - 1] == " ":
        j -= 1
    if j == 0 or j == prev_end or first_of_body or body[j - 1] in _STRONG_BEFORE:
        return "strong"
    if body[j - 1] == ",":
        return "listed" if j < a else None
    k = j
    while k > 0 and body[k - 1].isalpha():
        k -= 1
    if body[k:j] not in ("and", "or"):
        return None
    if k == 0 or (k >= 2 and body[k - 1] == " " and body[k - 2] in ",;"):
        return "joined"
    return None


def _unit_starts(body: str, bare: bool, heading: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each number that begins a unit: after a dash, a full stop, a
    semicolon or ", and", and followed by words, so that cross-references ("subsection (2)",
    "(5)(a), (b) or (ba)") stay in the text. With ``heading`` (a new clause or Schedule) the
    first subsection, "(1)", may follow the heading's last word."""
    spans = _quoted_spans(body)
    span_starts = [a for a, _ in spans]
    found: list[tuple[int, int]] = []
    candidates = list(_UNIT.finditer(body))
    if bare:
        candidates += _BARE.finditer(body)
        candidates.sort(key=lambda m: m.start())
    n = len(body)
    for m in candidates:
        a, b = m.start(), m.end()
        if (found and a < found[-1][1]) or (span_starts and _inside(spans, span_starts, a)):
            continue
        # a unit's number is followed by a space and words (or another unit's number)
        if b + 1 >= n or body[b] != " " or body[b + 1] in ",;.:)]":
            continue
        first_of_body = (heading and not found and a > 0 and body[a - 1] == " ") and bool(
            _FIRST_UNIT.fullmatch(m.group())
        )
        kind = _opening(body, a, first_of_body, found[-1][1] if found else -1)
        if kind is None or (kind != "strong" and not m.group().startswith("(")):
            continue
        e = b + 1
        while e < n and body[e].isalpha():
            e += 1
        if body[b + 1 : e] in (_NOT_AFTER_LISTED_UNIT if kind == "listed" else _NEVER_AFTER_UNIT):
            continue
        found.append((a, b))
    return found


def _letter_successor(num: str) -> str:
    if len(set(num)) == 1 and "a" <= num[0] < "z":
        return chr(ord(num[0]) + 1) * len(num)
    return ""


def _level(num: str, prev_text: str, stack: list[_Node]) -> int:
    """How deep a unit sits: Schedule paragraph 1, subsection (1), paragraph (a),
    sub-paragraph (i), (A). "(i)" after an open "(h)" is the next letter, unless (h) ends
    with a dash and so introduces sub-paragraphs."""
    if not num.startswith("("):
        return 0
    inner = num[1:-1].strip()
    if not inner or _SUBSECTION_NUM.match(inner):
        return 1
    if inner.isupper():
        return 4
    if _ROMAN.fullmatch(inner):
        for node in reversed(stack):
            if node.level == 2:
                if _letter_successor(node.num[1:-1]) == inner and not prev_text.endswith(DASH):
                    return 2
                break
        return 3
    # (ia) and (iaa) come between (i) and (ii) as sub-paragraphs, or (i) and (j) as paragraphs
    roman = _ROMAN.fullmatch(inner[:-1]) or _ROMAN.fullmatch(inner[:-2])
    if len(inner) >= 2 and inner[-1].isalpha() and roman:
        return 3 if any(node.level == 3 for node in stack) else 2
    return 2


@dataclass
class _Node:
    num: str
    text: str
    level: int
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Block:
        children = tuple(c.freeze() for c in self.children)
        return Block(num=self.num, text=self.text, children=children)


def _units(body: str, bare: bool, heading: bool = False) -> tuple[str, list[_Node]]:
    """The words before the first unit, and the units as a tree."""
    starts = _unit_starts(body, bare, heading)
    if not starts:
        return body.strip(), []
    lead = body[: starts[0][0]].strip()
    roots: list[_Node] = []
    stack: list[_Node] = []
    prev_text = lead
    for i, (a, b) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        raw = body[a:b]
        num = "( )" if raw in ("()", "( )") else raw
        text = body[b:end].strip()
        node = _Node(num, text, _level(num, prev_text, stack))
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        prev_text = text
    return lead, roots


def _structure(body: str, words: bool = False) -> tuple[Block, ...]:
    """Inserted structure from its one-line text. After a dash, words before the first unit
    introduce the units ("“the appropriate authority” means— (a) …"): one unnumbered block
    holding them. With ``words`` (a quoted insertion without a dash, "insert “, and (b) …”")
    the words lead in and the units follow them; the text is structure only if it holds
    units, and ``()`` otherwise."""
    lead, roots = _units(body, bare=not words and bool(_BARE_START.match(body)))
    if words and not roots:
        return ()
    blocks = tuple(node.freeze() for node in roots)
    if not lead:
        return blocks
    if words:
        return (Block(text=lead), *blocks)
    return (Block(text=lead, children=blocks),)


def _unit_body(body: str, schedule: bool) -> Block:
    """A new clause or Schedule from its one-line text: heading, words, numbered units."""
    lead, roots = _units(body, bare=schedule, heading=True)
    heading, text = lead, ""
    if not roots or roots[0].level > 1:
        m = _HEADING_END.search(lead)
        if m:
            heading, text = lead[: m.start()], lead[m.end() :]
    return Block(heading=heading, text=text, children=tuple(node.freeze() for node in roots))


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
    blocks = _normalised_blocks(structure) if structure else None
    return _Parser(normalised, number, blocks).amendment()


#: How the Scottish Parliament's wordings open; only these quote in angle brackets.
_SP_OPENING = re.compile(
    r"\s*(?:in (?:section|schedule|the long title)|(?:after|before) (?:section|schedule) "
    r"[0-9]|leave out section)\b",
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


def _as_angles(text: str) -> str:
    """The wording's own quotation marks (the outermost) as the Scottish Parliament's < >;
    a quotation holding < or > itself keeps “…”, so that it reads back the same."""
    chars = list(text)
    depth, opened = 0, -1
    for i, ch in enumerate(text):
        if ch == OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch == CLOSE and depth:
            depth -= 1
            if depth == 0 and not re.search("[<>]", text[opened + 1 : i]):
                chars[opened], chars[i] = "<", ">"
    return "".join(chars)


def amendment_context(heading: str) -> str | None:
    """The amendment that a paper's heading says the following amendments amend ("As
    Amendments to … proposed New Clause (…) (Gov NC4):—" -> "NC4"; "As an amendment to
    amendment 5" -> "5")."""
    if not re.search(r"\bas (?:an )?amendments? to\b", heading, _F):
        return None
    refs = re.findall(r"(?<![\w-])((?:NC|NS)?[0-9]{1,5}[A-Z]{0,3})(?![\w-])", heading)
    return refs[-1] if refs else None


# --- render -------------------------------------------------------------------------------


def _ordinal(n: int) -> str:
    if n == -1:
        return "last"
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _words(w: Words, article: bool = True) -> str:
    quoted = f"{OPEN}{w.text}{CLOSE}"
    if w.occurrence is None:
        return quoted
    return f"{'the ' if article else ''}{_ordinal(w.occurrence)} {quoted}"


def _block_text(block: Block) -> str:
    """A unit on one line as printed: a subsection's heading stands above its number, a
    section's or Schedule paragraph's after it."""
    if block.num.startswith("(") and block.heading:
        parts = [block.heading, block.num, block.text]
    else:
        parts = [block.num, block.heading, block.text]
    parts += [_block_text(child) for child in block.children]
    parts.append(block.wrap_up)
    return " ".join(p for p in parts if p)


def _is_lead(block: Block) -> bool:
    """An unnumbered bare text block: the words that lead in to units in a quotation."""
    return not (block.num or block.heading or block.children or block.wrap_up) and bool(block.text)


def _inserted(ins: Inserted) -> str:
    """'insert “words”', 'insert— “(a) …”', or 'insert “lead-in (a) …”' (no dash: words
    that run on into units, as the papers print them)."""
    if isinstance(ins, str):
        return f"insert {OPEN}{ins}{CLOSE}"
    body = " ".join(_block_text(b) for b in ins)
    if len(ins) > 1 and _is_lead(ins[0]):
        return f"insert {OPEN}{body}{CLOSE}"
    return f"insert{DASH} {OPEN}{body}{CLOSE}"


def _and_insert(ins: Inserted | None) -> str:
    return "" if ins is None else " and " + _inserted(ins)


def _provisions(op: LeaveOutProvisions) -> str:
    def num(n: str) -> str:
        return n if op.kind == "paragraph" and n[:1].isdigit() else f"({n})"

    nums = [num(n) for n in op.numbers]
    kind = op.kind if len(nums) == 1 else op.kind + "s"
    if len(nums) == 1:
        listed = nums[0]
    elif op.through:
        listed = f"{nums[0]} to {nums[-1]}"
    else:
        listed = ", ".join(nums[:-1]) + " and " + nums[-1]
    return f"{kind} {listed}"


def _lines(op: LeaveOutLines) -> str:
    if op.first == op.last:
        return f"line {op.first}"
    joint = "and" if op.last == op.first + 1 else "to"
    return f"lines {op.first} {joint} {op.last}"


def _range(op: LeaveOutRange, style: str = "") -> str:
    start = "beginning" if op.start is None else _words(op.start, article=False)
    if op.start_line is not None:
        start = f"beginning of line {op.start_line}"
    if op.end_of is not None:
        kind, num = op.end_of
        if style == "sp":
            kind = "section" if kind == "clause" else kind
        elif kind in ("clause", "schedule"):
            kind = kind.capitalize()
        named = f"{kind} {num}" if num else f"the {kind}"
        return f"leave out from {start} to the end of {named}"
    if op.end is None:
        end = "end of line" + ("" if op.end_line is None else f" {op.end_line}")
    else:
        end = _words(op.end) + ("" if op.end_line is None else f" in line {op.end_line}")
    if op.end_page is not None and op.end_line is not None:
        end += f" on page {op.end_page}"
    return f"leave out from {start} to {end}"


def _action(op: Operation, style: str = "") -> str:
    match op:
        case LeaveOut():
            return f"leave out {_words(op.words)}"
        case Substitute():
            return f"leave out {_words(op.words)} and {_inserted(op.insert)}"
        case InsertBefore():
            return f"before {_words(op.anchor)} {_inserted(op.insert)}"
        case InsertAfter():
            return f"after {_words(op.anchor)} {_inserted(op.insert)}"
        case InsertAtBeginning():
            return f"at beginning {_inserted(op.insert)}"
        case InsertAtEnd():
            return f"at end {_inserted(op.insert)}"
        case LeaveOutRange():
            return _range(op, style) + _and_insert(op.insert)
        case LeaveOutLines():
            return f"leave out {_lines(op)}" + _and_insert(op.insert)
        case LeaveOutProvisions():
            return f"leave out {_provisions(op)}" + _and_insert(op.insert)
        case LeaveOutClause():
            return f"leave out Clause {op.number}"
        case LeaveOutSchedule():
            return f"leave out Schedule {op.number}" if op.number else "leave out the Schedule"
    raise TypeError(f"not an operation on cited words: {op!r}")


def _target(t: Target, style: str = "") -> list[str]:
    if t.amendment is not None and t.page is None:
        return [f"Line {t.line} of amendment {t.amendment}" if t.line else "Amendment"]
    parts: list[str] = []
    if style == "sp":
        if t.title:
            parts.append("In the long title")
        elif t.clause is not None:
            parts.append(f"In section {t.clause}")
        elif t.schedule is not None:
            parts.append(f"In schedule {t.schedule}" if t.schedule else "In the schedule")
    elif t.title:
        parts.append("Title")
    elif t.clause is not None:
        parts.append(f"Clause {t.clause}")
    elif t.schedule is not None:
        parts.append(f"Schedule {t.schedule}" if t.schedule else "Schedule")
        if t.paragraph is not None:
            parts.append(f"paragraph {t.paragraph}")
    if t.page is not None:
        parts.append(f"page {t.page}")
    if t.line is not None:
        parts.append(f"line {t.line}")
    return parts


def _clauses(ops: tuple[Operation, ...]) -> str | None:
    """ "leave out Clauses 18 and 19", "… Clauses 18 to 20": several clauses left out by one
    amendment; None unless ``ops`` are that."""
    numbers = [op.number for op in ops if isinstance(op, LeaveOutClause)]
    if len(ops) < 2 or len(numbers) != len(ops):
        return None
    run = all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )
    if len(numbers) > 2 and run:
        return f"leave out Clauses {numbers[0]} to {numbers[-1]}"
    return f"leave out Clauses {', '.join(numbers[:-1])} and {numbers[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(amendment: Amendment) -> str:
    """The amendment in the House's canonical wording: Commons style when a clause is cited
    ("Clause 2, page 3, line 34, leave out “a service” and insert “…”"), curly quotes, an em
    dash before structure, structure on one line."""
    wording = _render(amendment)
    return _as_angles(wording) if amendment.style == "sp" else wording


def _render(amendment: Amendment) -> str:
    sp = amendment.style == "sp"
    if several := _clauses(amendment.operations):
        return _capital(", ".join([*_target(amendment.target, amendment.style), several]))
    if len(amendment.operations) != 1:
        raise ValueError(
            f"amendment {amendment.number or '(unnumbered)'}: one operation has one wording; "
            f"this has {len(amendment.operations)}"
        )
    op = amendment.operations[0]
    match op:
        case NewClause() | NewSchedule() if sp and (op.after or op.before):
            kind = "section" if isinstance(op, NewClause) else "schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            where = f"After {kind} {op.after}" if op.after else f"Before {kind} {op.before}"
            return f"{where}, insert{DASH} {OPEN}{_block_text(block)}{CLOSE}"
        case LeaveOutClause() if sp:
            parts = _target(amendment.target, amendment.style)
            return _capital(", ".join([*parts, f"leave out section {op.number}"]))
        case NewClause() | NewSchedule():
            kind = "Clause" if isinstance(op, NewClause) else "Schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            if op.after is not None:
                head = f"After {kind} {op.after}, insert the following new {kind}"
            elif op.before is not None:
                head = f"Before {kind} {op.before}, insert the following new {kind}"
            else:
                head = f"To move the following {kind}"
            return f"{head}{DASH} {OPEN}{_block_text(block)}{CLOSE}"
        case StandPart():
            if op.clause is not None:
                return f"Clause {op.clause} stand part of the Bill"
            subject = f"Schedule {op.schedule}" if op.schedule else "The Schedule"
            return f"{subject} stand part of the Bill"
    parts = _target(amendment.target, amendment.style)
    action = _action(op, amendment.style)
    if not parts:
        return _capital(action)
    return _capital(", ".join(parts)) + ", " + action


# --- describe -----------------------------------------------------------------------------


def _short(ins: Inserted | None) -> str:
    if ins is None:
        return ""
    if isinstance(ins, str):
        text = ins if len(ins) <= 60 else ins[:57].rstrip() + "…"
        return f"{OPEN}{text}{CLOSE}"
    units = [b.num for b in ins if b.num]
    if not units:
        return "new text"
    return "new text " + (units[0] if len(units) == 1 else f"{units[0]} to {units[-1]}")


def _where(t: Target) -> str:
    parts = _target(t)
    return f" ({', '.join(parts)})" if parts else ""


def describe(amendment: Amendment) -> str:
    """One line saying what the amendment does, for people reading a list of them."""
    if not amendment.operations:
        return "does nothing (no operation)"
    op = amendment.operations[0]
    what: str
    match op:
        case LeaveOut():
            what = f"leaves out {_words(op.words)}"
        case Substitute():
            what = f"replaces {_words(op.words)} with {_short(op.insert)}"
        case InsertBefore():
            what = f"inserts {_short(op.insert)} before {_words(op.anchor)}"
        case InsertAfter():
            what = f"inserts {_short(op.insert)} after {_words(op.anchor)}"
        case InsertAtBeginning():
            what = f"inserts {_short(op.insert)} at the beginning of the line"
        case InsertAtEnd():
            what = f"inserts {_short(op.insert)} at the end of the line"
        case LeaveOutRange():
            what = "leaves out the words " + _range(op).removeprefix("leave out ")
            what += " (the words named stay)" if op.start or op.end else ""
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutLines():
            what = f"leaves out {_lines(op)}"
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutProvisions():
            what = f"leaves out {_provisions(op)}"
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutClause() if several := _clauses(amendment.operations):
            what = several.replace("leave out", "leaves out")
        case LeaveOutClause():
            what = f"leaves out Clause {op.number}"
        case LeaveOutSchedule():
            what = f"leaves out Schedule {op.number}".rstrip()
        case NewClause() | NewSchedule():
            kind = "clause" if isinstance(op, NewClause) else "Schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            title = f" {OPEN}{block.heading}{CLOSE}" if block.heading else ""
            anchor = (
                f" after {kind.capitalize()} {op.after}"
                if op.after is not None
                else f" before {kind.capitalize()} {op.before}"
                if op.before is not None
                else ""
            )
            what = f"inserts a new {kind}{title}{anchor}"
        case StandPart():
            subject = f"Clause {op.clause}" if op.clause is not None else f"Schedule {op.schedule}"
            what = f"opposes the question that {subject.rstrip()} stand part of the Bill"
    return f"{operation_type(op)}: {what}{_where(amendment.target)}"


# --- summary ------------------------------------------------------------------------------


def summary(amendment: Amendment) -> dict[str, str | int | None]:
    """The amendment as JSON-ready data: number, ``type`` (LawMaker's ``ukl:type`` names),
    the page and line it bites on, its clause (or Schedule and paragraph), and the canonical
    wording. Page, line and provision are where it bites, as LawMaker's ``targetPage`` and
    ``targetProvision`` record them: "leave out lines 20 to 23" bites on line 20, "leave out
    Clause 69" on Clause 69."""
    target = amendment.target
    op = amendment.operations[0] if amendment.operations else None
    line = cited_line(amendment)
    clause, schedule = target.clause, target.schedule
    if clause is None and schedule is None:
        if isinstance(op, LeaveOutClause):
            clause = op.number
        elif isinstance(op, LeaveOutSchedule):
            schedule = op.number
        elif isinstance(op, StandPart):
            clause, schedule = op.clause, op.schedule
    out: dict[str, str | int | None] = {
        "number": amendment.number,
        "type": amendment.type,
        "page": target.page,
        "line": line,
    }
    if schedule is not None:
        out["schedule"] = schedule
        out["paragraph"] = target.paragraph
    else:
        out["clause"] = clause
    if target.amendment is not None:
        out["amendment"] = target.amendment
    if target.title:
        out["title"] = True
    try:
        out["wording"] = render(amendment)
    except ValueError:  # several operations no one wording says
        out["wording"] = ""
    return out
