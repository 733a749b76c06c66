"""Properties of the wording parser: render and parse are inverse over every form, the
canonical text is a fixed point of normalise, and no input, however mangled, gets anything
but a clean :class:`WordingError` out of the parser."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
)
from drafter.core.wording import WordingError, normalise, parse_amendment, render
from tests.test_wording import paper_amendments

# --- realistic pieces ----------------------------------------------------------------------

_LOWER = (
    "the secretary of state must may by regulations make provision about a service monopoly "
    "relevant person licence holder under this section in accordance with any other such "
    "notice period days within which representations are made duly not withdrawn hydrogen "
    "production counterparty storage transport scheme victim code advocate"
).split()
_WORDS = [
    *_LOWER,
    "Secretary",
    "State",
    "Act",
    "2023",
    "1986",
    "subsection (2)",
    "section 17(4)",
    "paragraph (a)",
    "(whether or not)",
    "victims’",
    "Commissioner’s",
    "“processing”",
    "(“the 2008 Regulations”)",
    "£10,000",
    "S.I. 2019/595",
    "—",
]
_PUNCT = ["", "", "", ",", ";", ":"]
_ENDINGS = [";", ",", ", and", "; or", ".", ", or"]
_STARTERS = ["The", "In", "After", "A", "Before", "Where", "Nothing in"]
# A paragraph's first word: never "or", "and", "to", "of", which after a comma make "(b)" a
# cross-reference ("(a), (b) or (c)") rather than a new paragraph.
_OPENERS = [w for w in _LOWER if w not in {"or", "and", "to", "of"}]


@st.composite
def phrase(draw: st.DrawFn, min_words: int = 1, max_words: int = 8) -> str:
    """A run of bill words with some punctuation attached, already in canonical spacing."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=min_words, max_size=max_words))
    out = []
    for w in words:
        out.append(w + draw(st.sampled_from(_PUNCT)))
    return " ".join(out).strip(",;: ")


@st.composite
def quoted_words(draw: st.DrawFn) -> str:
    """Words as an amendment quotes them: sometimes starting with a comma (“, or … ,”)."""
    text = draw(phrase())
    if draw(st.booleans()) and draw(st.booleans()):
        text = ", " + text + ","
    return text or "the"


_OCCURRENCES = st.one_of(st.none(), st.integers(1, 12), st.just(-1))


@st.composite
def words(draw: st.DrawFn) -> Words:
    return Words(draw(quoted_words()), draw(_OCCURRENCES))


def _clause_number() -> st.SearchStrategy[str]:
    return st.builds(
        lambda n, s: f"{n}{s}", st.integers(1, 400), st.sampled_from(["", "", "A", "ZA"])
    )


# Unit numbers by depth: Schedule paragraph, subsection, paragraph, sub-paragraph, (A).
_NUMS: dict[int, list[str]] = {
    0: ["1", "2", "2A", "3", "5A", "12"],
    1: ["(1)", "(2)", "(2A)", "(3)", "(10)", "( )", "(A1)"],
    2: ["(a)", "(b)", "(aa)", "(ab)", "(ba)", "(c)", "(za)", "(g)"],
    3: ["(i)", "(ii)", "(iii)", "(iv)", "(vi)"],
    4: ["(A)", "(B)", "(AA)"],
}


@st.composite
def unit_text(draw: st.DrawFn, level: int, intro: bool) -> str:
    """A unit's words: Schedule paragraphs and subsections open like sentences; every unit
    ends as the House ends them (";", ", and", "." …), or with "—" when units follow."""
    first = draw(st.sampled_from(_STARTERS if level <= 1 else _OPENERS))
    body = f"{first} {draw(phrase())}".strip(",;: ")
    if intro:
        return body + "—"
    ending = "." if level == 0 else draw(st.sampled_from(_ENDINGS))
    return body + ending


@st.composite
def unit(draw: st.DrawFn, level: int, first: bool = False) -> Block:
    """A numbered unit with, sometimes, units one level down inside it."""
    kids: tuple[Block, ...] = ()
    if level < 4 and draw(st.integers(0, 3)) == 0:
        kids = tuple(draw(st.lists(unit(level + 1), min_size=1, max_size=3)))
    num = "1" if first and level == 0 else draw(st.sampled_from(_NUMS[level]))
    if level == 0 and kids:
        kids = (*kids[:-1], _full_stop(kids[-1]))  # a Schedule paragraph ends a sentence
        if draw(st.booleans()):
            # "1 (1) The … (2) …": a Schedule paragraph made of sub-paragraphs only
            return Block(num=num, children=kids)
    return Block(num=num, text=draw(unit_text(level, intro=bool(kids))), children=kids)


def _full_stop(block: Block) -> Block:
    """The unit with its last words ending in a full stop."""
    if block.children:
        return Block(
            block.num,
            text=block.text,
            children=(*block.children[:-1], _full_stop(block.children[-1])),
        )
    return Block(block.num, text=block.text.rstrip(",;—") + ".")


@st.composite
def units(draw: st.DrawFn, min_level: int = 0) -> tuple[Block, ...]:
    """Units side by side, each no deeper than the one before it (as "(a) … (b) … (2A) …"),
    or Schedule paragraphs ("5A …", "5B …")."""
    if min_level == 0 and draw(st.integers(0, 3)) == 0:
        return tuple(draw(st.lists(unit(0), min_size=1, max_size=3)))
    levels = sorted(draw(st.lists(st.integers(max(min_level, 1), 3), min_size=1, max_size=3)))
    levels.reverse()
    return tuple(draw(unit(level)) for level in levels)


@st.composite
def structure(draw: st.DrawFn) -> tuple[Block, ...]:
    """Inserted structure in each shape the papers use."""
    shape = draw(st.sampled_from(["units", "intro", "lead", "words"]))
    if shape == "units":
        return draw(units())
    if shape == "intro":  # insert— ““the authority” means— (a) …”
        return (Block(text=draw(unit_text(2, intro=True)), children=draw(units(min_level=1))),)
    if shape == "lead":  # insert “, and (b) …”
        lead = draw(st.sampled_from([", and", "and", ", or"])) if draw(st.booleans()) else ""
        lead = lead or draw(unit_text(2, intro=True))
        return (Block(text=lead), *draw(units(min_level=1)))
    # insert— “words” (opening with a word: "insert— “12 The …”" is Schedule paragraph 12)
    return (Block(text=f"{draw(st.sampled_from(_LOWER))} {draw(phrase())}".strip(",;: ")),)


def inserted() -> st.SearchStrategy[Inserted]:
    return st.one_of(quoted_words(), structure())


@st.composite
def new_clause_block(draw: st.DrawFn) -> Block:
    """A new clause: a heading, then numbered subsections from (1), or an unnumbered body."""
    heading = (
        draw(st.sampled_from(["Duty", "Report", "Review", "Power"]))
        + " "
        + " ".join(draw(st.lists(st.sampled_from(_LOWER), min_size=1, max_size=5)))
    )
    if draw(st.booleans()):
        first = draw(unit(1))
        first = Block(
            num=draw(st.sampled_from(["(1)", "( )"])), text=first.text, children=first.children
        )
        rest = draw(st.lists(unit(1), max_size=3))
        return Block(heading=heading, children=(first, *rest))
    start = draw(st.sampled_from(_STARTERS))
    kids = tuple(draw(st.lists(unit(2), max_size=3)))
    text = f"{start} {draw(phrase())}".strip(",;: ") + ("—" if kids else ".")
    return Block(heading=heading, text=text, children=kids)


@st.composite
def new_schedule_block(draw: st.DrawFn) -> Block:
    heading = "Amendments of the " + " ".join(
        draw(st.lists(st.sampled_from(_LOWER), min_size=1, max_size=4))
    )
    first = draw(unit(0, first=True))
    rest = draw(st.lists(unit(0), max_size=2))
    return Block(heading=heading, children=(first, *rest))


_KINDS = {
    "subsection": ["5", "2A", "10"],
    "paragraph": ["a", "b", "aa", "d", "12", "3A"],
    "sub-paragraph": ["i", "ii", "iv", "4"],
}


@st.composite
def provisions(draw: st.DrawFn) -> LeaveOutProvisions:
    kind = draw(st.sampled_from(sorted(_KINDS)))
    through = draw(st.booleans())
    n = 2 if through else draw(st.integers(1, 4))
    numbers = tuple(draw(st.lists(st.sampled_from(_KINDS[kind]), min_size=n, max_size=n)))
    return LeaveOutProvisions(kind, numbers, through, draw(st.none() | inserted()))


@st.composite
def leave_out_range(draw: st.DrawFn) -> LeaveOutRange:
    end = draw(st.none() | words())
    end_line = draw(st.none() | st.integers(1, 60))
    end_page = draw(st.none() | st.integers(1, 400)) if end_line is not None else None
    start = draw(st.none() | words())
    return LeaveOutRange(start, end, end_line, draw(st.none() | inserted()), end_page)


@st.composite
def leave_out_lines(draw: st.DrawFn) -> LeaveOutLines:
    first = draw(st.integers(1, 40))
    last = first + draw(st.integers(0, 10))
    return LeaveOutLines(first, last, draw(st.none() | inserted()))


def word_operations() -> st.SearchStrategy[Operation]:
    """Operations on the words of a cited line."""
    return st.one_of(
        st.builds(LeaveOut, words()),
        st.builds(Substitute, words(), inserted()),
        st.builds(InsertBefore, words(), inserted()),
        st.builds(InsertAfter, words(), inserted()),
        st.builds(InsertAtBeginning, inserted()),
        st.builds(InsertAtEnd, inserted()),
        leave_out_range(),
        provisions(),
    )


@st.composite
def cited_target(draw: st.DrawFn, line: bool = True) -> Target:
    """Commons ("Clause 2, page 3, line 34"), Lords ("Page 3, line 34"), a Schedule, or a
    line of an amendment."""
    style = draw(st.sampled_from(["clause", "lords", "schedule", "amendment"]))
    page, ln = draw(st.integers(1, 500)), draw(st.integers(1, 45)) if line else None
    if style == "clause":
        return Target(clause=draw(_clause_number()), page=page, line=ln)
    if style == "lords":
        return Target(page=page, line=ln)
    if style == "schedule":
        schedule = draw(st.sampled_from(["", "1", "9", "21", "2A"]))
        paragraph = draw(st.none() | st.sampled_from(["4", "12A"]))
        return Target(schedule=schedule, page=page, line=ln, paragraph=paragraph)
    amendment = draw(st.none() | st.sampled_from(["5", "5A", "NC4", "12"]))
    return Target(line=draw(st.integers(1, 120)), amendment=amendment)


@st.composite
def amendments(draw: st.DrawFn) -> Amendment:
    """Any amendment the parser can produce, in every form."""
    number = draw(st.sampled_from(["", "12", "NC4", "5A", "(a)"]))
    form = draw(st.sampled_from(["words", "lines", "clause", "new", "stand part"]))
    op: Operation
    target = Target()
    if form == "words":
        op, target = draw(word_operations()), draw(cited_target())
    elif form == "lines":
        op, target = draw(leave_out_lines()), draw(cited_target(line=draw(st.booleans())))
    elif form == "clause":
        op = draw(
            st.builds(LeaveOutClause, _clause_number())
            | st.builds(LeaveOutSchedule, st.sampled_from(["", "3", "2A"]))
        )
        target = draw(st.just(Target()) | cited_target())
    elif form == "new":
        anchor = draw(st.none() | _clause_number())
        after, before = (anchor, None) if draw(st.booleans()) else (None, anchor)
        if draw(st.booleans()):
            op = NewClause(draw(new_clause_block()), after, before)
        else:
            op = NewSchedule(draw(new_schedule_block()), after, before)
    else:
        op = draw(
            st.builds(StandPart, clause=_clause_number())
            | st.builds(StandPart, schedule=st.sampled_from(["", "2", "4A"]))
        )
    return Amendment(number=number, operations=(op,), target=target)


# --- properties -----------------------------------------------------------------------------

_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(amendments())
def test_parse_render_round_trip(amendment: Amendment) -> None:
    """parse(render(a)) == a, and the rendering is canonical: one line, already normalised."""
    wording = render(amendment)
    assert parse_amendment(wording, amendment.number) == amendment, wording
    assert normalise(wording) == wording
    assert "\n" not in wording and "  " not in wording


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab '\"‘’“”-—–\u00a0\n,.:;()", "insert", "Clause", "''"]), max_size=30
    ).map("".join)
)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


# --- fuzz -----------------------------------------------------------------------------------


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=5),
            st.sampled_from(
                [
                    "Clause 2, ",
                    "page 3, ",
                    "line 4, ",
                    "leave out ",
                    "“",
                    "”",
                    " and insert ",
                    "at end insert— ",
                    "(a) ",
                    "(1) ",
                    "from ",
                    " to ",
                    "To move the following Clause— ",
                    "Line 3 of amendment 5, ",
                    "the second ",
                    "; ",
                    "—",
                    "1 ",
                ]
            ),
        ),
        max_size=12,
    ).map("".join)
)
def test_any_text_gives_an_amendment_or_a_wording_error(text: str) -> None:
    try:
        amendment = parse_amendment(text, "7")
    except WordingError as err:
        assert str(err).startswith(f"amendment 7, col {err.col}: expected ")
        return
    render(amendment)


_ODD = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "—",
    "–",
    "-",
    "(",
    ")",
    ",",
    "\u00a0",
    "\n",
    "\u200b",
    "\ud800",
    "\x00",
    "９",
    "٣",
    "²",
    "ſ",
    "İ",
    "K",
    "line ",
    "page ",
    "Clause ",
    " and insert ",
    " to ",
    "99999999999999999999",
    "0",
    "( )",
    "(a) ",
    "1 (1) ",
]


def _mutate(rng: random.Random, seeds: list[str]) -> str:
    """One mangled wording: cut, spliced, re-quoted, with stray characters."""
    text = rng.choice(seeds)
    for _ in range(rng.randint(1, 4)):
        move = rng.randrange(7)
        n = len(text)
        if move == 0 and n:  # cut
            a = rng.randrange(n)
            text = text[:a] if rng.random() < 0.5 else text[a:]
        elif move == 1:  # splice with another wording
            other = rng.choice(seeds)
            text = text[: rng.randint(0, n)] + other[rng.randint(0, len(other)) :]
        elif move == 2:  # re-quote
            table = rng.choice(
                [
                    {"“": '"', "”": '"'},
                    {"“": "'", "”": "'"},
                    {"“": "", "”": ""},
                    {"“": "‘", "”": "’"},
                    {"”": "“"},
                    {"“": "''", "”": "''"},
                ]
            )
            text = "".join(table.get(c, c) if rng.random() < 0.7 else c for c in text)
        elif move == 3:  # insert odd pieces
            for _ in range(rng.randint(1, 5)):
                a = rng.randint(0, len(text))
                text = text[:a] + rng.choice(_ODD) + text[a:]
        elif move == 4:  # random unicode
            a = rng.randint(0, n)
            noise = "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 8)))
            text = text[:a] + noise + text[a:]
        elif move == 5 and n:  # drop or repeat a stretch
            a, b = sorted((rng.randrange(n), rng.randrange(n)))
            text = text[:a] + (text[a:b] * 2 if rng.random() < 0.5 else "") + text[b:]
        else:  # change case
            text = text.swapcase() if rng.random() < 0.5 else text.lower()
    return text


def _texts(amendment: Amendment) -> list[str]:
    """Every quoted text in an amendment."""
    out: list[str] = []

    def blocks(bs: tuple[Block, ...]) -> None:
        for b in bs:
            out.extend((b.heading, b.text, b.wrap_up))
            blocks(b.children)

    for op in amendment.operations:
        for value in vars(op).values():
            if isinstance(value, Words):
                out.append(value.text)
            elif isinstance(value, str):
                out.append(value)
            elif isinstance(value, Block):
                blocks((value,))
            elif isinstance(value, tuple):
                blocks(tuple(b for b in value if isinstance(b, Block)))
    return out


def _balanced(amendment: Amendment) -> bool:
    """Do the quotation marks inside every quoted text pair up? (Mangled input can leave a
    ” without its “; such words cannot be written back inside quotation marks unchanged.)"""
    for text in _texts(amendment):
        depth = 0
        for ch in text:
            if ch in "“”":
                depth += 1 if ch == "“" else -1
                if depth < 0:
                    return False
        if depth:
            return False
    return True


def test_fuzz_only_wording_errors(shared_data: Path) -> None:
    """10,000 mangled real wordings: each parses or raises WordingError, nothing else; what
    parses renders, and its rendering parses back to the same amendment whenever the quoted
    texts' own quotation marks pair up."""
    papers = sorted((shared_data / "amendments").glob("*.xml"))
    real = [p for path in papers for p in paper_amendments(path)]
    seeds = [p.wording for p in real]
    structures = [p.structure for p in real if p.structure]
    rng = random.Random(20230904)
    parsed = 0
    for i in range(10_000):
        text = (
            _mutate(rng, seeds)
            if i % 10
            else "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, 60)))
        )
        given_structure = rng.choice(structures) if i % 7 == 0 else None
        try:
            amendment = parse_amendment(text, str(i), given_structure)
        except WordingError as err:
            assert 0 <= err.offset <= len(err.text), (text, err)
            assert str(err).startswith(f"amendment {i}, col {err.offset + 1}: expected ")
            continue
        parsed += 1
        wording = render(amendment)
        try:
            again = parse_amendment(wording, str(i))
        except WordingError:
            assert given_structure or not _balanced(amendment), (text, wording)
            continue
        if not given_structure and _balanced(amendment):
            assert again == amendment, (text, wording)
    assert parsed > 500  # the mutations keep plenty of wordings whole
