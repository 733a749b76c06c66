"""Which provision of the old print is which of the new: by GUID, then number and heading,
then the similarity of their words; and which of the matched ones moved."""

from __future__ import annotations

from collections import Counter

from drafter.core.compare.sides import Side
from drafter.core.outline import TOKEN


def match_provisions(old: Side, new: Side) -> tuple[dict[int, int], dict[str, int]]:
    """Old provision index -> new provision index, and how many each rule matched."""
    m: dict[int, int] = {}
    stats = {"guid": 0, "number": 0, "similarity": 0}
    by_guid = {g: j for j, g in enumerate(new.guid) if g}
    for i, g in enumerate(old.guid):
        j = by_guid.get(g) if g else None
        if j is not None and old.kind[i] == new.kind[j]:
            m[i] = j
            stats["guid"] += 1
    taken = set(m.values())

    # number and heading: under the matched parent, then (clauses, Schedules) anywhere
    def keyed(
        side: Side, idx: list[int], parent_of: dict[int, int] | None
    ) -> dict[tuple[str, int, str, str], list[int]]:
        out: dict[tuple[str, int, str, str], list[int]] = {}
        for k in idx:
            if not (side.number_of(k) or side.heading[k]):
                continue
            p = side.parent[k]
            pk = (parent_of.get(p, -2) if p >= 0 else -1) if parent_of is not None else p
            out.setdefault((side.kind[k], pk, side.number_of(k), side.heading[k]), []).append(k)
        return out

    for _round in range(2):
        rest_old = [i for i in range(len(old)) if i not in m]
        rest_new = [j for j in range(len(new)) if j not in taken]
        new_keys = keyed(new, rest_new, None)
        for key, olds in keyed(old, rest_old, m).items():
            news = new_keys.get(key, [])
            for i, j in zip(olds, news, strict=False):
                m[i] = j
                taken.add(j)
                stats["number"] += 1
    # headings alone, for renumbered clauses and Schedule paragraphs with headings
    rest_old = [i for i in range(len(old)) if i not in m and old.heading[i]]
    heads: dict[tuple[str, str], list[int]] = {}
    for j in range(len(new)):
        if j not in taken and new.heading[j]:
            heads.setdefault((new.kind[j], new.heading[j]), []).append(j)
    olds_by: dict[tuple[str, str], list[int]] = {}
    for i in rest_old:
        olds_by.setdefault((old.kind[i], old.heading[i]), []).append(i)
    for hkey, olds in olds_by.items():
        news = heads.get(hkey, [])
        if len(olds) == 1 and len(news) == 1:
            m[olds[0]] = news[0]
            taken.add(news[0])
            stats["number"] += 1

    # similarity of words, kind by kind
    rest_old = [i for i in range(len(old)) if i not in m]
    rest_new = [j for j in range(len(new)) if j not in taken]
    by_kind: dict[str, list[int]] = {}
    for j in rest_new:
        by_kind.setdefault(new.kind[j], []).append(j)
    bags_new = {j: Counter(TOKEN.findall(new.full_text(j))) for j in rest_new}
    pairs: list[tuple[float, int, int]] = []
    for i in rest_old:
        cands = by_kind.get(old.kind[i], [])
        if not cands or len(cands) * len(rest_old) > 250_000:
            continue
        bag = Counter(TOKEN.findall(old.full_text(i)))
        size = sum(bag.values())
        for j in cands:
            other = bags_new[j]
            total = size + sum(other.values())
            if not total:
                continue
            score = 2 * sum((bag & other).values()) / total
            if score >= 0.6:
                pairs.append((score, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    alike: list[tuple[int, int]] = []
    for _score, i, j in pairs:
        if i in m or j in taken:
            continue
        m[i] = j
        taken.add(j)
        alike.append((i, j))
    # words alone do not take a provision into a new clause, whether its own clause stays or
    # is left out: the same words open many clauses ("The … Act is amended as follows."), and
    # the new clause is reported whole, with its words (a clause left out, whole)
    for i, j in alike:
        top_new = new.top(j)
        if top_new >= 0 and top_new not in taken:
            del m[i]
            taken.discard(j)
    stats["similarity"] = sum(1 for i, _ in alike if i in m)
    return m, stats


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions in ``seq`` of one longest increasing subsequence."""
    from bisect import bisect_left

    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k > 0 else -1
    out: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        out.add(pos)
        pos = prev[pos]
    return out


def moved_provisions(old: Side, new: Side, m: dict[int, int]) -> set[int]:
    """Old provisions matched to a new one under a different parent or out of order among
    their siblings (a moved parent's children are not counted again)."""
    moved: set[int] = set()
    for i, j in m.items():
        po, pn = old.parent[i], new.parent[j]
        if (m.get(po, -2) if po >= 0 else -1) != pn:
            moved.add(i)
    groups: dict[int, list[int]] = {}
    for i in sorted(m):
        if i not in moved:
            groups.setdefault(old.parent[i], []).append(i)
    for members in groups.values():
        seq = [m[i] for i in members]
        if seq == sorted(seq):
            continue  # in order, as most are
        keep = _longest_increasing(seq)
        moved.update(i for pos, i in enumerate(members) if pos not in keep)
    # only the outermost of a moved subtree
    return {i for i in moved if not has_ancestor_in(old, i, moved)}


def has_ancestor_in(side: Side, i: int, group: set[int]) -> bool:
    p = side.parent[i]
    while p >= 0:
        if p in group:
            return True
        p = side.parent[p]
    return False
