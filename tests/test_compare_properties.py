"""Property tests on real bills: random edits to the words of the XML, then compare must find
exactly those edits; and (with the apply engine) compare → amendments → apply gives back the
edited text. Round trips on HL54 → HL60 likewise."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.compare import _Side, amendments_between, compare
from drafter.core.layout import SKIPPED_TAGS
from drafter.core.resolve import check
from drafter.core.validate import validate_bill
from drafter.core.xml import AKN_NS
from tests.conftest import shared_data_dir

_A = f"{{{AKN_NS}}}"
_WORDS = re.compile(r"[A-Za-z]{3,}")
BILLS = [
    "sustainable-aviation-fuel-bill-hc286.xml",
    "social-housing-regulation-bill-hl54.xml",
    "sentencing-bill-hl159.xml",
    "renters-rights-bill-hc127.xml",
    "data-protection-digital-information-no2-bill-hc265.xml",
]


_loaded: dict[str, Bill] = {}


def _bill(name: str) -> Bill:
    if name not in _loaded:
        path = shared_data_dir() / "bills" / name
        if not path.exists():
            pytest.skip(f"{path} missing")
        _loaded[name] = Bill.load(path)
    return _loaded[name]


def _slots(bill: Bill) -> list[tuple[etree._Element, str, int]]:
    """(element, "text"|"tail", index of the innermost provision) for every piece of
    printed text with words in it, outside numbers and margin notes."""
    side = _Side(bill)
    out = []
    assert bill.body is not None
    for el in bill.body.iter():
        if not isinstance(el.tag, str):
            continue
        for slot in ("text", "tail"):
            owner = el if slot == "text" else el.getparent()
            value = getattr(el, slot)
            if not value or not _WORDS.search(value) or owner is None:
                continue
            chain = [owner, *owner.iterancestors()]
            # numbers are renumbering; headings are not amended (DESIGN: clause titles)
            if any(a.tag in SKIPPED_TAGS or a.tag in (_A + "num", _A + "heading") for a in chain):
                continue
            if slot == "tail" and not isinstance(el.tag, str):
                continue
            holder = next((side.index[a] for a in chain if a in side.index), None)
            if holder is None:
                continue
            out.append((el, slot, holder))
    return out


_slot_cache: dict[str, list[tuple[str, str, int]]] = {}


def _edit_plan(bill: Bill, name: str) -> list[tuple[str, str, int]]:
    """Edit places as (path of the element, slot, provision index) that survive a copy."""
    if name not in _slot_cache:
        tree = bill.tree
        _slot_cache[name] = [(tree.getpath(el), slot, h) for el, slot, h in _slots(bill)]
    return _slot_cache[name]


def _make_edits(
    bill: Bill, name: str, picks: list[tuple[int, int, int]]
) -> tuple[Bill, dict[str, list[tuple[str, str]]]]:
    """Apply ``picks`` (slot index, word index, kind) to a copy; returns the edited bill and,
    by provision eId, the (deleted word, inserted word) of each edit."""
    plan = _edit_plan(bill, name)
    root = copy.deepcopy(bill.tree.getroot())
    tree = etree.ElementTree(root)
    side = _Side(bill)
    done: dict[str, list[tuple[str, str]]] = {}
    used: set[int] = set()
    for n, (slot_i, word_i, kind) in enumerate(picks):
        slot_i %= len(plan)
        if slot_i in used:
            continue
        used.add(slot_i)
        path, slot, holder = plan[slot_i]
        el = tree.xpath(path)[0]
        value = getattr(el, slot)
        words = list(_WORDS.finditer(value))
        w = words[word_i % len(words)]
        new_word = f"zq{n}x"
        if kind == 0:  # replace
            value = value[: w.start()] + new_word + value[w.end() :]
            change = (w.group(), new_word)
        elif kind == 1:  # insert before
            value = value[: w.start()] + new_word + " " + value[w.start() :]
            change = ("", new_word)
        else:  # delete
            value = value[: w.start()] + value[w.end() :]
            change = (w.group(), "")
        setattr(el, slot, value)
        done.setdefault(side.eid[holder] + "#" + str(holder), []).append(change)
    return Bill(tree, "edited.xml"), done


edits_strategy = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 50), st.integers(0, 2)),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("name", BILLS[:3])
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(picks=edits_strategy)
def test_random_edits_are_found_exactly(name: str, picks: list[tuple[int, int, int]]) -> None:
    old = _bill(name)
    new, done = _make_edits(old, name, picks)
    changes = compare(old, new)
    side = _Side(old)
    found: dict[str, list[tuple[str, str]]] = {}
    for c in changes.changes:
        assert c.kind == "changed" and not c.moved and not c.renumbered, c
        assert c.old is not None
        i = side.index[_element_of(side, c.old.eid, c.old.guid)]
        found[c.old.eid + "#" + str(i)] = [(e.old, e.new) for e in c.edits]
        # the pieces give back both texts (checked on the plain words)
        olds = "".join(t for op, t in c.segments if op != "+")
        news = "".join(t for op, t in c.segments if op != "-")
        assert olds.split() == side.own[i].split() or _loose(olds) == _loose(side.own[i])
        assert news.split()  # the new text is not lost
    assert set(found) == set(done)
    for key, changes_made in done.items():
        removed = " ".join(o for o, _ in found[key])
        added = " ".join(n for _, n in found[key])
        for gone, put in changes_made:
            assert gone in removed
            assert put in added


def _element_of(side: _Side, eid: str, guid: str) -> etree._Element:
    for i, el in enumerate(side.elements):
        if side.guid[i] == guid and side.eid[i] == eid:
            return el
    raise AssertionError(f"no provision {eid}")


def _loose(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- with the apply engine ---------------------------------------------------------------------


def _same_text(a: Bill, b: Bill) -> list[str]:
    """Differences in words between two bills, renumbering and typesetting aside."""
    changes = compare(a, b)
    return [
        f"{c.kind} {c.citation}: {[(e.old, e.new) for e in c.edits]}"
        for c in changes.changes
        if c.kind != "changed" or c.edits
    ]


def test_hl54_amendments_applied_give_hl60(shared_data: Path) -> None:
    # HL60 dissolves 15(2) into Clause 15 itself (its words and paragraphs go in at the end of
    # the clause's title line), and its new clauses quote structure of the 2008 Act
    old = Bill.load(shared_data / "bills/social-housing-regulation-bill-hl54.xml")
    new = Bill.load(shared_data / "bills/social-housing-regulation-bill-hl60.xml")
    amendments = amendments_between(old, new)
    result, report = apply(old, amendments)
    assert [o.reason for o in report.outcomes if not o.applied] == []
    assert _same_text(result, new) == []
    assert [p for p in validate_bill(result) if p.severity == "error"] == []


@pytest.mark.parametrize("name", BILLS[:3])
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(picks=edits_strategy)
def test_random_edits_round_trip_through_apply(
    name: str, picks: list[tuple[int, int, int]]
) -> None:
    _assert_round_trip(name, picks)


def _assert_round_trip(name: str, picks: list[tuple[int, int, int]]) -> None:
    """Edits → compare → amendments (each checks) → apply gives the edited text."""
    old = _bill(name)
    new, _ = _make_edits(old, name, picks)
    amendments = amendments_between(old, new)
    assert all(check(old, a) == "ok" for a in amendments)
    result, _report = apply(old, amendments)
    assert _same_text(result, new) == []


@pytest.mark.parametrize("name", BILLS[:3])
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(picks=edits_strategy)
def test_random_edits_give_amendments_that_check(
    name: str, picks: list[tuple[int, int, int]]
) -> None:
    old = _bill(name)
    new, done = _make_edits(old, name, picks)
    amendments = amendments_between(old, new)
    assert amendments
    assert len(amendments) <= sum(len(v) for v in done.values())
    bad = [(a, check(old, a)) for a in amendments if check(old, a) != "ok"]
    assert bad == []


@pytest.mark.parametrize(
    ("name", "picks"),
    [
        # "after “authority”” insert …": the anchor takes in the print's closing quotation
        # mark of a defined term, so the words go after the term, not inside it
        ("social-housing-regulation-bill-hl54.xml", [(18297, 0, 1)]),
        # "after “), “” insert …": the anchor ends with the print's opening quotation mark,
        # so the words go inside the defined term
        ("sustainable-aviation-fuel-bill-hc286.xml", [(81962, 0, 1)]),
    ],
)
def test_insertions_beside_the_prints_quotation_marks(
    name: str, picks: list[tuple[int, int, int]]
) -> None:
    _assert_round_trip(name, picks)
