"""The print cache: a bill opened again takes its print from the cache, and a cache that is
damaged, missing or unwritable never changes what drafter reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import AKN_NS as AKN
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.paper import load_paper
from drafter.core.print import cache as print_cache
from drafter.core.print import linebreak
from drafter.core.print.printed import Print, PrintError, read_print
from drafter.core.print.reading import SPAN_TAGS
from drafter.core.xml import read_file

from .conftest import REPO_ROOT, modules_loaded, shared_bill_names, shared_data_dir

SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"
BILLS = shared_data_dir() / "bills"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    return tmp_path


def _fresh(path: Path) -> tuple[str, list[object], str]:
    """The print read from the tree, bypassing the cache."""
    pr = read_print(Bill.load(path).body)
    return pr.text, list(pr.lines), pr.source


@pytest.mark.parametrize(
    "name",
    [
        "social-housing-regulation-bill-hl54.xml",  # markers, with table rows
        "data-protection-digital-information-no2-bill-hc265.xml",  # no markers: laid out
    ],
)
def test_a_bill_opened_again_takes_its_print_from_the_cache(
    cache: Path, shared_data: Path, name: str
) -> None:
    path = shared_data / "bills" / name
    first = Bill.load(path).print
    place = print_cache.entry(read_file(path))
    assert place.is_file() and place.parent.parent == cache
    assert print_cache.load(place) is not None
    again = Bill.load(path)
    assert (again.print.text, again.print.lines, again.print.source) == _fresh(path)
    assert (first.text, first.lines) == (again.print.text, again.print.lines)
    # lookups back to the XML work on a cached print: the way back is read on first use
    line = again.print.lines[40]
    place_in_xml = again.print.locate(line.page, line.number, 0)
    assert place_in_xml.element.getroottree().getroot() is again.root


def test_a_damaged_entry_is_a_miss_and_is_written_again(cache: Path) -> None:
    Bill.load(SAMPLE).print  # noqa: B018
    place = print_cache.entry(read_file(SAMPLE))
    good = place.read_bytes()
    for damage in (good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]), b"", b"\x00" * 64):
        place.write_bytes(damage)
        assert print_cache.load(place) is None
        bill = Bill.load(SAMPLE)
        assert (bill.print.text, bill.print.lines, bill.print.source) == _fresh(SAMPLE)
        assert place.read_bytes() == good


def test_a_write_cut_short_is_cleared_away_once_it_is_stale(cache: Path) -> None:
    """A reader stopped while writing (drafter.core.compare.loading) leaves its temporary
    file; the next write clears away any an hour old, and none being written now."""
    folder = cache / "prints"
    folder.mkdir(mode=0o700)
    stale, current = folder / ".stopped.tmp", folder / ".writing.tmp"
    for left in (stale, current):
        left.write_bytes(b"half an entry")
    hours_ago = stale.stat().st_mtime - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    Bill.load(SAMPLE).print  # noqa: B018 (a write)
    assert not stale.exists() and current.exists()


def test_the_page_a_print_is_set_to_is_kept_beside_it(
    cache: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting a print's page takes most of a second on a long bill, and every amendment
    that inserts a provision lays the bill out again on it: it is worked out once."""
    hl54 = shared_data / "bills" / "social-housing-regulation-bill-hl54.xml"
    fit = Bill.load(hl54).print.own_page
    assert fit.measure != linebreak.DEFAULT_MEASURE  # fitted: its own figures are kept
    place = print_cache.entry(read_file(hl54))
    assert place.with_suffix(".page").is_file()

    def not_again(*args: object) -> None:
        raise AssertionError("the page was fitted again")

    with monkeypatch.context() as patched:
        patched.setattr(linebreak, "measure_of", not_again)
        assert Bill.load(hl54).print.own_page == fit
    for damaged in (("a measure", "of nothing"), (1, 2, 3), ()):
        print_cache.save_beside(place, ".page", damaged)
        assert Bill.load(hl54).print.own_page == fit  # a miss: fitted again, and kept
        assert linebreak.PageFit.from_kept(print_cache.load_beside(place, ".page")) == fit


def test_a_page_fitted_on_a_tree_changed_since_is_not_kept(cache: Path) -> None:
    """What is kept stands for the file's bytes: a page worked out from a tree edited in
    place since its print was read is not theirs."""
    bill = Bill.load(SAMPLE)
    bill.print.lines  # noqa: B018
    assert bill.body is not None
    for pi in list(bill.body.iter(etree.ProcessingInstruction)):
        if pi.target == "L":  # the words stay; the first line is no longer where it was
            pi.tail = f"Changed. {pi.tail or ''}"
            break
    assert "tree has changed" in bill.print.own_page.note
    place = print_cache.entry(read_file(SAMPLE))
    assert not place.with_suffix(".page").exists()
    assert "tree has changed" not in Bill.load(SAMPLE).print.own_page.note


def test_what_is_kept_beside_a_print_goes_with_it(cache: Path) -> None:
    """An outline or page whose print is gone is cleared away at the next write; and when
    the cache is full, the oldest print goes with what is beside it."""
    folder = cache / "prints"
    folder.mkdir(mode=0o700)
    orphans = [folder / "gone.outline", folder / "gone.page"]
    oldest = [folder / "old.print", folder / "old.outline", folder / "old.page"]
    for made in [*orphans, *oldest]:
        made.write_bytes(b"")
    now = oldest[0].stat().st_mtime
    os.utime(oldest[0], (now - 7 * 24 * 3600, now - 7 * 24 * 3600))
    others = [folder / f"{n}.print" for n in range(199)]  # with the oldest, a full cache
    for n, other in enumerate(others):
        other.write_bytes(b"")
        os.utime(other, (now - 3600 + n, now - 3600 + n))
    Bill.load(SAMPLE).print  # noqa: B018 (one more: the oldest goes)
    assert not any(path.exists() for path in [*orphans, *oldest])
    assert all(other.is_file() for other in others)
    assert print_cache.entry(read_file(SAMPLE)).is_file()


def test_an_entry_in_an_unknown_format_is_a_miss(cache: Path) -> None:
    Bill.load(SAMPLE).print  # noqa: B018
    place = print_cache.entry(read_file(SAMPLE))
    import hashlib
    import marshal

    payload = marshal.dumps((place.stem, (999, "markers", "text", [], [], {})))
    place.write_bytes(hashlib.sha256(payload).digest() + payload)
    assert print_cache.load(place) is None


def test_an_unwritable_cache_changes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The operating system refuses every write into the cache (simulated, so that the test
    runs as root too, who can write into a directory of mode 0500): the bill reads the same,
    and nothing is left in the cache."""
    opened = os.open

    def refused(path: str, flags: int, *args: int, **kwargs: object) -> int:
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    bill = Bill.load(SAMPLE)
    assert (bill.print.text, bill.print.lines, bill.print.source) == _fresh(SAMPLE)
    assert not [p for p in cache.rglob("*") if p.is_file()]


def test_a_cache_that_is_a_file_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("in the way")
    monkeypatch.setenv("DRAFTER_CACHE", str(blocker))
    bill = Bill.load(SAMPLE)
    assert (bill.print.text, bill.print.lines, bill.print.source) == _fresh(SAMPLE)


def test_different_bytes_are_different_entries(cache: Path, tmp_path: Path) -> None:
    data = read_file(SAMPLE)
    changed = data.replace(b"may make a respect order", b"may make a regard order", 1)
    assert changed != data
    copy = tmp_path / "changed.xml"
    copy.write_bytes(changed)
    assert print_cache.entry(data) != print_cache.entry(changed)
    Bill.load(SAMPLE).print  # noqa: B018
    assert "may make a regard order" in Bill.load(copy).print.text


def test_a_tree_changed_after_its_print_was_read_is_refused_by_lookups(cache: Path) -> None:
    bill = Bill.load(SAMPLE)
    pr = bill.print
    assert bill.body is not None
    for el in bill.body.iter("{*}p"):
        if el.text and el.text.strip():
            el.text = "Changed words " + el.text
            break
    with pytest.raises(PrintError, match="changed after its print was read"):
        pr.locate(pr.lines[0].page, pr.lines[0].number)


def _pieces_spans(pr: Print) -> list[tuple[int, int] | None]:
    assert pr._root is not None
    return [pr._span_from_pieces(el) for el in pr._root.iter(*SPAN_TAGS)]


@pytest.mark.parametrize("name", [*shared_bill_names(), "sample"])
def test_spans_recorded_while_reading_are_the_spans_of_the_way_back(
    cache: Path, shared_data: Path, name: str
) -> None:
    """Provisions and numbers have their spans without the way back to the XML, read or
    cached, and they are exactly what the way back gives."""
    path = SAMPLE if name == "sample" else shared_data / "bills" / name
    read = Bill.load(path).print
    cached = Bill.load(path).print
    assert read._root is not None and cached._root is not None
    assert "_pieces" not in cached.__dict__
    for pr in (read, cached):
        spans = [pr.span_of(el) for el in pr._root.iter(*SPAN_TAGS)]
        assert "_pieces" not in pr.__dict__ or (pr is read and pr.source == "layout")
        assert spans == _pieces_spans(pr)
        assert sum(span is not None for span in spans) > 100
    # the column kept in the cache, in the order the reader met the elements, is in
    # document order
    expected = [n for el in read._root.iter(*SPAN_TAGS) for n in read.span_of(el) or (-1, -1)]
    assert read.span_column() == expected == cached._span_column


def test_spans_of_an_amended_bill_are_the_spans_of_the_way_back() -> None:
    """Words left out (``<del>``) and put in (``<ins>``) print as the reader reads them."""
    amended, _ = apply(Bill.load(SAMPLE), load_paper(SAMPLE_PAPER).amendments, lay_out=False)
    pr = amended.print
    assert pr._root is not None
    assert next(pr._root.iter("{*}del"), None) is not None
    expected = [n for el in pr._root.iter(*SPAN_TAGS) for n in pr.span_of(el) or (-1, -1)]
    assert pr.span_column() == expected
    assert [pr.span_of(el) for el in pr._root.iter(*SPAN_TAGS)] == _pieces_spans(pr)


def test_a_cached_span_column_that_does_not_fit_the_tree_is_read_again(cache: Path) -> None:
    Bill.load(SAMPLE).print  # noqa: B018
    bill = Bill.load(SAMPLE)
    pr = bill.print
    assert pr._span_column is not None
    pr._span_column = pr._span_column[:-2]
    assert pr._root is not None
    assert [pr.span_of(el) for el in pr._root.iter(*SPAN_TAGS)] == _pieces_spans(pr)


def test_provisions_inside_a_margin_note_keep_the_column_in_document_order(
    cache: Path,
) -> None:
    """The reader does not read inside a margin note, but the cached column still has a
    place for every provision and number in document order."""
    bill = Bill.load(SAMPLE)
    assert bill.body is not None
    note = etree.SubElement(next(bill.body.iter(f"{{{AKN}}}p")), f"{{{AKN}}}authorialNote")
    para = etree.SubElement(note, f"{{{AKN}}}paragraph")
    etree.SubElement(para, f"{{{AKN}}}num").text = "(z)"
    data = etree.tostring(bill.tree, xml_declaration=True, encoding="UTF-8")
    read = Bill.from_bytes(data, "noted.xml").print
    cached = Bill.from_bytes(data, "noted.xml").print
    assert read._root is not None and cached._root is not None
    expected = [n for el in read._root.iter(*SPAN_TAGS) for n in read.span_of(el) or (-1, -1)]
    assert read.span_column() == expected == cached._span_column
    for pr in (read, cached):
        assert [pr.span_of(el) for el in pr._root.iter(*SPAN_TAGS)] == _pieces_spans(pr)
    assert cached.span_of(para) is None


@pytest.mark.parametrize(
    "name",
    [
        "social-housing-regulation-bill-hl54.xml",  # lines across table cells
        "renters-rights-bill-hc127.xml",
    ],
)
def test_a_kept_print_says_where_words_stand_without_making_its_lines(
    cache: Path, shared_data: Path, name: str
) -> None:
    path = shared_data / "bills" / name
    read = Bill.load(path).print  # read from the tree, and kept
    kept = Bill.load(path).print
    first = min(a for line in read.lines for a, _ in line.fragments)
    offsets = range(first, len(read.text), max(1, len(read.text) // 3000))
    where = [kept.page_and_line_at(offset) for offset in offsets]
    assert "lines" not in kept.__dict__, "no Line was made to say where words stand"
    assert kept.line_count == len(read.lines)
    assert where == [(line.page, line.number) for line in map(read.line_at, offsets)]
    assert kept.lines == read.lines
    assert [kept.page_and_line_at(o) for o in offsets] == where  # with its lines made, too


def _forge(place: Path, old: str, new: str) -> None:
    """Rewrite a kept print so that it reads ``new`` for ``old``, digest and all, as someone
    who can write to the cache could."""
    import hashlib
    import marshal

    blob = place.read_bytes()
    key, kept = marshal.loads(blob[32:])
    kept = (*kept[:2], kept[2].replace(old, new), *kept[3:])
    payload = marshal.dumps((key, kept))
    place.write_bytes(hashlib.sha256(payload).digest() + payload)


HL54 = "social-housing-regulation-bill-hl54.xml"


def test_a_cache_open_to_others_is_not_trusted(cache: Path, shared_data: Path) -> None:
    path = shared_data / "bills" / HL54
    Bill.load(path).print  # noqa: B018 (kept in the cache)
    place = print_cache.entry(read_file(path))
    assert oct(place.parent.stat().st_mode & 0o777) == "0o700"  # made private
    _forge(place, "registered providers", "unregistered providers")
    assert "unregistered" in Bill.load(path).print.text  # the user's own private cache is read
    place.parent.chmod(0o777)  # … but one that others could have written is not
    assert print_cache.load(place) is None
    assert "unregistered" not in Bill.load(path).print.text
    assert oct(place.parent.stat().st_mode & 0o777) == "0o700"  # closed again when written


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_that_is_not_the_users_own_is_a_miss(cache: Path, shared_data: Path) -> None:
    path = shared_data / "bills" / HL54
    Bill.load(path).print  # noqa: B018 (kept in the cache)
    place = print_cache.entry(read_file(path))
    _forge(place, "registered providers", "unregistered providers")
    os.chown(place, 4242, 4242)
    assert print_cache.load(place) is None
    assert "unregistered" not in Bill.load(path).print.text


def test_prints_seen_before_are_compared_without_loading_lxml(tmp_path: Path) -> None:
    """Loading lxml takes as long as Python takes to start. ``drafter diff`` of two prints in
    the cache reads no XML, so it does not load lxml at all (drafter.core.etree); the first
    run, which reads them, does."""
    bill = str(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    code = (
        "import sys\nfrom drafter.cli import main\n"
        f"sys.argv = ['drafter', 'diff', {bill!r}, {bill!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    env = {**os.environ, "DRAFTER_CACHE": str(tmp_path / "cache")}
    said = [
        "lxml loaded" if "lxml.etree" in modules_loaded(code, env) else "lxml not loaded"
        for _ in range(2)
    ]
    assert said == ["lxml loaded", "lxml not loaded"]
