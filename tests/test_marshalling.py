"""Marshalled order: a new amendment goes where it bites in the bill."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.amendment import Amendment
from drafter.core.bill import Bill
from drafter.core.marshalling import bites_at, marshalled_index
from drafter.core.paper import load_paper
from drafter.core.wording import parse_amendment

BILLS = Path(__file__).resolve().parents[1] / "bills"


@pytest.fixture(scope="module")
def bill() -> Bill:
    return Bill.load(BILLS / "crime-and-policing-bill.xml")


@pytest.fixture(scope="module")
def tabled() -> list[Amendment]:
    paper = load_paper(BILLS / "crime-and-policing-bill-amendments.txt")
    return [e.amendment for e in paper.entries]


def test_the_sample_paper_is_in_marshalled_order(bill: Bill, tabled: list[Amendment]) -> None:
    places = [bites_at(bill, a) for a in tabled]
    assert None not in places
    assert places == sorted(places)  # type: ignore[type-var]


def test_each_amendment_taken_out_goes_back_where_it_was(
    bill: Bill, tabled: list[Amendment]
) -> None:
    for index, amendment in enumerate(tabled):
        rest = tabled[:index] + tabled[index + 1 :]
        assert marshalled_index(bill, rest, amendment) == index, amendment.number


def test_first_and_last(bill: Bill, tabled: list[Amendment]) -> None:
    first = parse_amendment("Page 1, line 1, at beginning insert “Preliminary”", "20")
    assert bites_at(bill, first) is not None
    assert marshalled_index(bill, tabled, first) == 0
    last_line = bill.lines[-1]
    word = next(w for w in reversed(last_line.text.split()) if w.isalpha())
    last = parse_amendment(
        f"Page {last_line.page}, line {last_line.number}, after “{word}” insert “and”", "21"
    )
    assert marshalled_index(bill, tabled, last) == len(tabled)


def test_same_place_goes_after_those_tabled_before(bill: Bill, tabled: list[Amendment]) -> None:
    paper = load_paper(BILLS / "crime-and-policing-bill-amendments.txt")
    fourth = paper.entries[3]
    again = parse_amendment(fourth.wording, "30")
    assert bites_at(bill, again) == bites_at(bill, fourth.amendment)
    assert marshalled_index(bill, tabled, again) == 4


def test_no_place_of_its_own(bill: Bill, tabled: list[Amendment]) -> None:
    wrong = parse_amendment("Page 6, line 8, after “no such words” insert “x”", "40")
    assert bites_at(bill, wrong) is None
    assert marshalled_index(bill, tabled, wrong) == len(tabled)
    # an amendment without a place of its own stays after the one it follows
    new = parse_amendment("Page 2, line 1, at beginning insert “Also”", "41")
    at = marshalled_index(bill, tabled, new)
    with_follower = [*tabled[:at], wrong, *tabled[at:]]
    assert marshalled_index(bill, with_follower, new) == at + 1
