"""Marshalled order: where a new amendment goes on a paper kept in the order of the bill.

Amendments are listed by where they bite in the bill (DESIGN.md, "Marshalling"): the place in
the print that an amendment changes first. Two that bite at the same place stay in the order
they were tabled, so a new one goes after those already there. An amendment that does not
resolve against the bill (an amendment to an amendment, or one whose words are wrong) has no
place of its own and is left where it stands.
"""

from __future__ import annotations

from collections.abc import Sequence

from drafter.core.amendment import Amendment, NewClause, NewSchedule
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.resolve import resolve


def bites_at(bill: Bill, amendment: Amendment) -> int | None:
    """The offset in the bill's print where ``amendment`` first bites (None if it does not
    resolve against this bill)."""
    try:
        resolutions = resolve(bill, amendment)
    except UserError:
        return None
    first = amendment.operations[0] if amendment.operations else None
    if isinstance(first, NewClause | NewSchedule) and first.after is None and first.before is None:
        # the Commons form: the House takes new clauses after the clauses, and new Schedules
        # after the Schedules, wherever the reprint will put them
        pool = bill.clauses if isinstance(first, NewClause) else bill.schedules
        span = bill.span_of(pool[-1].element) if pool else None
        return span[1] if span else len(bill.print.text)
    return min((r.start for r in resolutions), default=None)


def marshalled_index(bill: Bill, tabled: Sequence[Amendment], new: Amendment) -> int:
    """The index at which ``new`` goes among ``tabled`` (a paper in marshalled order): after
    every amendment that bites at or before its place, before the first that bites after it.
    At the end when it has no place of its own."""
    place = bites_at(bill, new)
    if place is None:
        return len(tabled)
    places: dict[int, int | None] = {}  # resolved once each, from the end, as far as needed

    def at(index: int) -> int | None:
        if index not in places:
            places[index] = bites_at(bill, tabled[index])
        return places[index]

    first_later: int | None = None
    for index in range(len(tabled) - 1, -1, -1):
        where = at(index)
        if where is None:
            continue
        if where <= place:
            after = index + 1  # amendments to that amendment (no place of their own) stay with it
            while after < len(tabled) and at(after) is None:
                after += 1
            return after
        first_later = index
    return first_later if first_later is not None else len(tabled)


def marshalled_order(bill: Bill, amendments: Sequence[Amendment]) -> list[int]:
    """The indices of ``amendments`` in the order of the bill (stable): an amendment to an
    amendment goes just after the one it amends, and one that does not resolve against the
    bill after the one before it."""
    keyed: dict[str, tuple[int, int, int]] = {}
    order: list[tuple[tuple[int, int, int], int]] = []
    last = (-1, -1, 0)
    for i, a in enumerate(amendments):
        parent = keyed.get(a.target.amendment or "")
        if parent is not None:
            key = (parent[0], parent[1], i + 1)
        else:
            place = bites_at(bill, a) if a.target.amendment is None else None
            key = (place, i, 0) if place is not None else (last[0], last[1], i + 1)
        keyed[a.number] = last = key
        order.append((key, i))
    return [i for _, i in sorted(order)]
