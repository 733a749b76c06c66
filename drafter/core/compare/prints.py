"""Two prints compared provision by provision (:func:`compare`), with the notes on what is
not a change of the text."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.compare.changes import Change, Changes, Edit, Note
from drafter.core.compare.matching import match_provisions, moved_provisions
from drafter.core.compare.sides import Side
from drafter.core.compare.words import edits_of, word_ops


def compare(old: Bill, new: Bill) -> Changes:
    """The differences between two prints of a bill (see the module docstring)."""
    with no_cycle_collection():
        a, b = Side(old), Side(new)
        changes = _compare(a, b)
        # dropped while the collector still sleeps: freed at once, they are not there to be
        # walked by the collection that the many objects made since would set off
        del a, b
    return changes


def _compare(a: Side, b: Side) -> Changes:
    m, stats = match_provisions(a, b)
    moved = moved_provisions(a, b, m)
    matched_new = set(m.values())
    changes: list[tuple[tuple[int, int], Change]] = []
    notes: list[Note] = []
    shifts = 0
    # removed: the outermost unmatched old provisions
    for i in range(len(a)):
        if i in m or (a.parent[i] >= 0 and a.parent[i] not in m):
            continue
        at = _where_removed_stood(a, b, m, i, moved)
        changes.append(
            (
                (i, 0),
                Change(
                    "removed",
                    a.ref(i),
                    None,
                    _listed_under(a, b, m, i),
                    text=a.full_text(i),
                    old_span=a.span[i],
                    stood=at,
                ),
            )
        )
    # inserted: placed after the old provision that precedes them
    new_to_old = {j: i for i, j in m.items()}
    for j in range(len(b)):
        if j in matched_new or (b.parent[j] >= 0 and b.parent[j] not in matched_new):
            continue
        k = j - 1
        while k >= 0 and k not in new_to_old:
            k -= 1
        anchor = new_to_old[k] if k >= 0 else -1
        if anchor >= 0 and b.kind[j] in ("clause", "schedule"):
            anchor = _end_of_top(a, anchor)  # a new clause comes after the whole clause before
        changes.append(
            (
                (anchor, 1 + j),
                Change(
                    "inserted",
                    None,
                    b.ref(j),
                    b.context(j),
                    text=b.full_text(j),
                    new_span=b.span[j],
                ),
            )
        )
    for i, j in m.items():
        own_same = a.own_digest[i] == b.own_digest[j]
        renumbered = a.num[i] != b.num[j]
        is_moved = i in moved
        if own_same and not renumbered and not is_moved:
            if a.guid[i] != b.guid[j]:
                notes.append(Note("guid", b.citation(j), a.guid[i], b.guid[j]))
            elif a.eid[i] != b.eid[j]:
                notes.append(Note("eid", b.citation(j), a.eid[i], b.eid[j]))
            if a.first_line[i] != b.first_line[j]:
                shifts += 1
            continue
        edits: tuple[Edit, ...] = ()
        segments: tuple[tuple[str, str], ...] = ()
        if not own_same:
            ops = word_ops(a, i, b, j)
            edits, segments = edits_of(a, i, b, j, ops)
        if not edits and not renumbered and not is_moved:
            continue
        changes.append(
            (
                (i, 0),
                Change(
                    "changed",
                    a.ref(i),
                    b.ref(j),
                    _listed_under(a, b, m, i),
                    moved=is_moved,
                    renumbered=renumbered,
                    edits=edits,
                    segments=segments,
                    old_span=a.span[i],
                    new_span=b.span[j],
                    stood=_where_removed_stood(a, b, m, i, moved) if is_moved else None,
                ),
            )
        )
    notes.extend(_whitespace_notes(a, b, m))
    notes.extend(_metadata_notes(a.bill, b.bill))
    changes.sort(key=lambda t: t[0])
    return Changes(
        old_name=_name(a.bill, b.bill),
        new_name=_name(b.bill, a.bill),
        changes=tuple(c for _, c in changes),
        notes=tuple(notes),
        layout_shifts=shifts,
        matched=stats,
    )


def _listed_under(a: Side, b: Side, m: dict[int, int], i: int) -> str:
    """The clause or Schedule that a change to old provision ``i`` is listed under: as the new
    print has it, beside the new ones inserted there, with its old citation too when it was
    renumbered ("Clause 16 → Clause 18 — Receipt of transfers"); as the old print had it when
    the new print does not have it."""
    top = a.top(i)
    j = m.get(top) if top >= 0 else None
    if j is None:
        return a.context(i)
    old, new, heading = a.citation(top), b.citation(j), b.heading[j]
    cited = new if old == new else f"{old} → {new}"
    return f"{cited} — {heading}" if heading else cited


def _where_removed_stood(
    a: Side, b: Side, m: dict[int, int], i: int, moved: Collection[int]
) -> int:
    """The offset of the new print where old provision ``i`` (removed or moved) stood: just
    after the nearest sibling before it that the new print still has where it was (not
    ``moved``), else just before the nearest such sibling after it, else at the end of its
    parent; the end of the new print when none of them is there."""

    def span(k: int) -> tuple[int, int] | None:
        j = m.get(k) if k not in moved else None
        return b.span[j] if j is not None else None

    parent = a.parent[i]
    siblings = a.children[parent] if parent >= 0 else a.roots
    at = siblings.index(i)
    for k in reversed(siblings[:at]):
        found = span(k)
        if found:
            return found[1]
    for k in siblings[at + 1 :]:
        found = span(k)
        if found:
            return found[0]
    j = m.get(parent) if parent >= 0 else None
    found = b.span[j] if j is not None else None
    return found[1] if found else len(b.text)


def _end_of_top(side: Side, i: int) -> int:
    """The last provision, in document order, of the clause or Schedule holding ``i`` (``i``
    itself when it is in neither)."""
    top = side.top(i)
    if top < 0:
        return i
    last = top
    while last + 1 < len(side) and side.top(last + 1) == top:
        last += 1
    return last


def _name(bill: Bill, other: Bill) -> str:
    """What to call a print: its bill number, and its file too when the other print has the
    same number (two working copies of one print)."""
    number = bill.metadata.bill_number
    if not number:
        return bill.path
    if number == other.metadata.bill_number and bill.path != other.path:
        return f"{number} ({bill.path})"
    return number


def _whitespace_notes(a: Side, b: Side, m: dict[int, int]) -> Iterator[Note]:
    """Clauses and Schedules whose words are the same but whose XML text differs in
    whitespace alone."""
    for i, j in m.items():
        if a.kind[i] not in ("clause", "schedule"):
            continue
        if a.full_text(i) != b.full_text(j):
            continue
        if a.xml_text[i] != b.xml_text[j] and a.xml_words[i] == b.xml_words[j]:
            yield Note("whitespace", b.citation(j), "", "")


def _metadata_notes(old: Bill, new: Bill) -> Iterator[Note]:
    a, b = old._references, new._references
    for key in sorted(set(a) | set(b)):
        if a.get(key, "") != b.get(key, ""):
            yield Note("metadata", key, a.get(key, ""), b.get(key, ""))
