"""The outline: a print's provisions as columns, kept beside the print, so that prints read
before are compared without parsing them. What is kept is what the tree gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core import bill as bill_module
from drafter.core.bill import Bill
from drafter.core.compare import compare
from drafter.core.outline import TOKEN, outline_of, read_tokens
from drafter.core.print import cache as print_cache
from drafter.core.xml import parse_bytes, read_file

from .conftest import REPO_ROOT, require_shared, shared_bill_names, shared_data_dir

SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
BILLS = shared_data_dir() / "bills"
HL54 = BILLS / "social-housing-regulation-bill-hl54.xml"
HL60 = BILLS / "social-housing-regulation-bill-hl60.xml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    return tmp_path


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a bill that drafter parses fails the test."""

    def refused(data: bytes, path: object) -> None:
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(bill_module, "parse_bytes", refused)


def _from_tree(path: Path) -> Bill:
    """The bill made from its parsed tree: nothing from the cache, nothing kept."""
    return Bill(parse_bytes(read_file(path), path), path)


@pytest.mark.parametrize("name", [*shared_bill_names(), "sample"])
def test_the_outline_kept_is_the_outline_of_the_tree(
    cache: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = SAMPLE if name == "sample" else require_shared(BILLS / name)
    Bill.load(path).outline  # noqa: B018 (worked out and kept)
    from_tree = outline_of(_from_tree(path))
    with monkeypatch.context() as m:
        _no_parsing(m)  # a print read before is not parsed for its outline
        again = Bill.load(path)
        kept = again.outline
    assert kept == from_tree
    assert kept.kind, "the bill has provisions"
    # a provision's tokens are its own words, each where the print has it
    text = again.print.text
    for i in range(len(kept.kind)):
        words, starts, firsts = read_tokens(text, _own_segments(again, i))
        assert all(text[s : s + len(w)] == w for w, s in zip(words, starts, strict=True))
        assert firsts[0] == 0 and firsts[-1] == len(words)
        own = " ".join(text[a:b] for a, b in _own_segments(again, i))
        assert words == TOKEN.findall(own)


def _own_segments(bill: Bill, i: int) -> list[tuple[int, int]]:
    from drafter.core import outline

    o = bill.outline
    kids = [c for c, p in enumerate(o.parent) if p == i]
    return outline.own_segments(
        bill.print.text, o.span[i], outline.holes_in(o.span, o.num_span[i], kids)
    )


@pytest.mark.parametrize(
    "name", ["social-housing-regulation-bill-hl60.xml", "renters-rights-bill-hc127.xml"]
)
def test_the_outline_cites_every_provision_as_the_bill_does(shared_data: Path, name: str) -> None:
    """The outline works out most citations itself (a step's is its parent's and its
    number); they are the bill's own, for every provision."""
    bill = _from_tree(BILLS / name)
    elements = [p.element for p in bill.provisions()]
    assert outline_of(bill).citation == [bill.citation_of(el) for el in elements]


def test_a_damaged_outline_is_worked_out_again(cache: Path) -> None:
    good = Bill.load(SAMPLE).outline
    place = print_cache.entry(read_file(SAMPLE)).with_suffix(".outline")
    kept = place.read_bytes()
    for damage in (kept[: len(kept) // 2], kept[:-1] + bytes([kept[-1] ^ 1]), b""):
        place.write_bytes(damage)
        assert Bill.load(SAMPLE).outline == good
        assert place.read_bytes() == kept


def test_prints_read_before_are_compared_without_parsing(
    cache: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compare(Bill.load(HL54), Bill.load(HL60))  # reads both prints, and keeps them
    from_trees = compare(_from_tree(HL54), _from_tree(HL60))
    with monkeypatch.context() as m:
        _no_parsing(m)
        old, new = Bill.load(HL54), Bill.load(HL60)
        changes = compare(old, new)
        assert old.metadata == _from_tree(HL54).metadata
    assert changes == from_trees
    # the tree is there when something needs it, and the print finds its way back to it
    line = old.print.lines[60]
    place = old.print.locate(line.page, line.number, 0)
    assert place.element.getroottree().getroot() is old.root


def test_an_entry_in_the_place_of_another_is_a_miss(cache: Path, shared_data: Path) -> None:
    """Each entry names its key: two swapped (or one copied over another) are misses, and
    each bill is read from its own tree again."""
    for path in (HL54, HL60):
        Bill.load(path).outline  # noqa: B018
    places = [print_cache.entry(read_file(p)) for p in (HL54, HL60)]
    for suffix in (".print", ".outline"):
        a, b = (p.with_suffix(suffix) for p in places)
        kept_a, kept_b = a.read_bytes(), b.read_bytes()
        a.write_bytes(kept_b)
        b.write_bytes(kept_a)
    assert (
        print_cache.load(places[0]) is None
        and print_cache.load_beside(places[0], ".outline") is None
    )
    again = Bill.load(HL54)
    assert again.print.text == _from_tree(HL54).print.text
    assert again.outline == outline_of(_from_tree(HL54))
