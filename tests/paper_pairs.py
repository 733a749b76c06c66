"""A paper and its next version, as the Public Bill Office would publish it: names added to
some amendments and others withdrawn (taken off the list). Shared by
``tests/test_paper_compare.py`` (which checks drafter against LawChecker on the pair) and
``tests/benchmarks/bench_paper_compare.py`` (which times both on it)."""

from __future__ import annotations

import random
from pathlib import Path

from lxml import etree

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
#: members who might add their names (no one on the Energy Bill's list has these)
NEW_NAMES = [f"Dame Example Member {n}" for n in range(1, 200)]


def _number(component: etree._Element) -> str:
    num = component.find(f".//{AKN}amendmentContent/{AKN}tblock/{AKN}num")
    return (num.text or "").strip() if num is not None else ""


def next_version(
    paper: Path, out: Path, names: int = 30, withdrawn: int = 10, seed: int = 7
) -> tuple[dict[str, list[str]], list[str]]:
    """Write to ``out`` the list ``paper`` with ``names`` names added (one each to as many
    amendments) and ``withdrawn`` amendments taken off. Returns the names added by
    amendment, and the amendments taken off."""
    tree = etree.parse(str(paper))
    amendments = [
        c for c in tree.iter(f"{AKN}component") if c.find(f".//{AKN}amendmentHeading") is not None
    ]
    rng = random.Random(seed)
    chosen = rng.sample(amendments, names + withdrawn)
    added: dict[str, list[str]] = {}
    for n, (component, name) in enumerate(zip(chosen[:names], NEW_NAMES, strict=False)):
        heading = component.find(f".//{AKN}amendmentHeading")
        assert heading is not None
        supporters = next((b for b in heading if b.get("name") == "supporters"), None)
        if supporters is None:
            supporters = etree.SubElement(heading, f"{AKN}block", name="supporters")
        member = etree.SubElement(supporters, f"{AKN}docProponent", refersTo=f"#person-{n}")
        member.text = name
        added[_number(component)] = [name]
    gone = []
    for component in chosen[names:]:
        gone.append(_number(component))
        parent = component.getparent()
        assert parent is not None
        parent.remove(component)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return added, gone
