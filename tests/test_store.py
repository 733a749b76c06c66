"""Bill repositories (drafter.core.store) with real git repositories in temporary directories.

The whole-life test applies the sample paper's amendments 1 and 4 with drafter.core.apply
(falling back to a simulation if apply is absent); the other tests make an amendment's change
directly with lxml (the words it leaves out and inserts), which lets them make two drafters'
competing versions of the same words.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from drafter.core import store
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.files import write_atomic, xml_bytes
from tests.conftest import REPO_ROOT

SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
BILL = SAMPLE.name

PAPER_HEAD = """Bill: Crime and Policing Bill
Bill number: HL Bill 101
House: House of Lords
Stage: Grand Committee
"""
AMENDMENT_1 = """Amendment 1
Sponsors: Lord Aldwick of Selsey
Page 1, line 27, leave out “2 years” and insert “12 months”"""
AMENDMENT_4 = """Amendment 4
Sponsors: Lord Tennant of Rye
Page 6, line 8, after “creates” insert “, or requests the creation of,”"""
AMENDMENT_6 = """Amendment 6
Sponsors: Baroness Quarrie of Dunmore
Page 1, line 27, leave out “2 years” and insert “18 months”"""


def git_env(home: Path) -> dict[str, str]:
    """An environment that hides the machine's git configuration (as on CI)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in ("EMAIL",)}
    env.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every test: no global or system git configuration, and an explicit identity."""
    env = git_env(tmp_path / "home")
    env.update(
        GIT_AUTHOR_NAME="Ada Drafter",
        GIT_AUTHOR_EMAIL="ada@example.org",
        GIT_COMMITTER_NAME="Ada Drafter",
        GIT_COMMITTER_EMAIL="ada@example.org",
    )
    for key in list(os.environ):
        if key.startswith("GIT_") or key == "EMAIL":
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def as_drafter(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    email = f"{name.split()[0].lower()}@example.org"
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", name)
        monkeypatch.setenv(f"GIT_{who}_EMAIL", email)


def replace_words(path: Path, old: str, new: str) -> None:
    """Simulate applying an amendment: change the words in the one text node holding them."""
    bill = Bill.load(path)
    hits = 0
    for el in bill.root.iter():
        for slot in ("text", "tail"):
            value = getattr(el, slot)
            if isinstance(value, str) and old in value:
                setattr(el, slot, value.replace(old, new, 1))
                hits += 1
    assert hits == 1, f"{old!r} found {hits} times"
    write_atomic(path, xml_bytes(bill.tree))  # as an apply step writes it: not normalised


def amendment_1(repo: store.BillRepo, insert: str = "12 months") -> None:
    replace_words(repo.bill_path, "not exceed 2 years.", f"not exceed {insert}.")


def amendment_4(repo: store.BillRepo) -> None:
    replace_words(
        repo.bill_path,
        "A intentionally creates a purported",
        "A intentionally creates, or requests the creation of, a purported",
    )


def apply_sample(repo: store.BillRepo, numbers: list[str]) -> None:
    """Apply amendments of the sample paper to the working bill, as drafter apply would."""
    try:
        from drafter.core.apply import apply
    except ImportError:  # pragma: no cover - simulated while apply is being written
        amendment_1(repo)
        amendment_4(repo)
        return
    from drafter.core.paper import load_paper

    paper = load_paper(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"))
    new, _report = apply(Bill.load(repo.bill_path), paper.amendments, only=numbers)
    write_atomic(repo.bill_path, xml_bytes(new.tree))


def line_texts(bill: Bill) -> list[tuple[int, int, str]]:
    return [(ln.page, ln.number, ln.text) for ln in bill.print.lines]


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=os.environ
    )
    return out.stdout


@pytest.fixture
def repo(tmp_path: Path) -> store.BillRepo:
    return store.init(tmp_path / "bill", SAMPLE)


# --- normalised formatting ---------------------------------------------------------------------


def _content(tree: etree._ElementTree) -> list[tuple[object, ...]]:
    """Everything but insignificant white space: tags, attributes, PIs, comments, text."""

    def keep(text: str | None) -> str:
        return "" if text is None or not text.strip(" \t\r\n") else text

    return [
        (
            str(el.tag),
            dict(el.attrib) if isinstance(el.tag, str) else el.text,
            keep(el.text),
            keep(el.tail),
        )
        for el in tree.getroot().iter()
    ]


def test_normalised_bill_prints_the_same_and_keeps_every_character() -> None:
    data = SAMPLE.read_bytes()
    normal = store.normalise(data, SAMPLE)
    assert store.normalise(normal) == normal  # deterministic and idempotent
    assert line_texts(Bill.from_bytes(normal)) == line_texts(Bill.from_bytes(data))
    before = etree.ElementTree(etree.fromstring(data))
    after = etree.ElementTree(etree.fromstring(normal))
    assert _content(after) == _content(before)
    assert normal.count(b"<?L ") == data.count(b"<?L ") > 400
    assert normal.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    # one element per line where white space means nothing
    assert b"\n  <bill " in normal and b"\n    <meta>" in normal


def test_normalised_real_bills_print_the_same(shared_data: Path) -> None:
    for path in sorted((shared_data / "bills").glob("*.xml")):
        data = path.read_bytes()
        normal = store.normalise(data, path)
        assert store.normalise(normal) == normal, path.name
        assert line_texts(Bill.from_bytes(normal)) == line_texts(Bill.from_bytes(data)), path.name


def test_mixed_content_is_left_alone() -> None:
    xml = (
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill><body>'
        b"<section><num>1</num><content><p><ref>a</ref> <ref>b</ref><?L 1-2?>c</p></content>"
        b"</section></body></bill></akomaNtoso>"
    )
    normal = store.normalise(xml)
    assert b"<p><ref>a</ref> <ref>b</ref><?L 1-2?>c</p>" in normal
    assert b"\n      <section>\n        <num>1</num>" in normal


# --- init, commit, tag, log, diff, blame ---------------------------------------------------------


def test_init_makes_a_bill_repository(repo: store.BillRepo) -> None:
    root = repo.root
    assert (root / BILL).read_bytes() == store.normalise(SAMPLE.read_bytes())
    assert (root / "amendments").is_dir()
    assert 'file = "crime-and-policing-bill.xml"' in (root / ".drafter.toml").read_text()
    assert f"/{BILL} diff=drafter" in (root / ".gitattributes").read_text()
    assert git(root, "config", "diff.drafter.textconv").strip().endswith("textconv")
    [first] = repo.versions()
    assert (first.bill_number, first.stage) == ("HL Bill 101", "As brought from the Commons")
    assert first.author == "Ada Drafter"
    assert repo.changed_files() == []
    assert store.BillRepo.open(root / "amendments").root == root  # found from a subdirectory


def test_init_refuses_an_existing_bill_repository(repo: store.BillRepo) -> None:
    with pytest.raises(store.StoreError, match="already a bill repository"):
        store.init(repo.root, SAMPLE)


def test_the_whole_life_of_a_bill(
    repo: store.BillRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # init -> tag the print as received
    assert repo.tag("HL Bill 101") == "HL-Bill-101"
    # apply amendments 1 and 4 -> commit with trailers
    apply_sample(repo, ["1", "4"])
    assert (repo.root / BILL).read_bytes() != store.normalise((repo.root / BILL).read_bytes())
    v = repo.commit("Grand Committee: amendments 1 and 4 agreed", ["1", "4"])
    assert v.amendments == ("1", "4")
    assert (repo.root / BILL).read_bytes() == store.normalise((repo.root / BILL).read_bytes())
    message = git(repo.root, "log", "-1", "--format=%B")
    assert "Drafter-Print: HL Bill 101\n" in message
    assert "Drafter-Amendments: 1, 4" in message
    # tag the new print; the display name is kept in the tag message
    assert repo.tag("HL Bill 120") == "HL-Bill-120"
    assert git(repo.root, "tag", "-n1", "HL-Bill-120").split(None, 1)[1].strip() == "HL Bill 120"
    # log
    newest, oldest = repo.versions()
    assert newest.tags == ("HL Bill 120",) and oldest.tags == ("HL Bill 101",)
    assert newest.subject == "Grand Committee: amendments 1 and 4 agreed"
    assert newest.amendments == ("1", "4") and oldest.amendments == ()
    # read versions straight from git, by tag name or display name, without a checkout
    old, new = repo.bill_at("HL Bill 101"), repo.bill_at("HL-Bill-120")
    assert old.print.line(1, 27).text == "not exceed 2 years."
    assert new.print.line(1, 27).text == "not exceed 12 months."
    assert "requests the creation of" in new.find("Clause 12").text
    assert "requests the creation of" not in old.find("Clause 12").text
    # diff between the tags: exactly the two amended lines change
    before, after = set(line_texts(old)), set(line_texts(new))
    assert {t for _, _, t in after - before} == {
        "not exceed 12 months.",
        next(t for _, _, t in after - before if "requests the creation of" in t),
    }
    # blame: the amended line is amendment 1's version, and its marks name amendment 1 alone
    rows = {(r.page, r.number): r for r in repo.blame("Clause 1")}
    assert rows[(1, 27)].version.sha == newest.sha
    assert rows[(1, 27)].amendments == ("1",)
    assert rows[(1, 26)].version.sha == oldest.sha
    assert rows[(1, 26)].amendments == ()

    # clone, two drafters, different amendments on each clone, push/pull, merged history
    shared = tmp_path / "shared.git"
    git(tmp_path, "init", "--bare", "--initial-branch=main", str(shared))
    git(repo.root, "remote", "add", "origin", str(shared))
    assert repo.push("origin") == "main"
    ben = store.BillRepo.clone(str(shared), tmp_path / "ben")
    cleo = store.BillRepo.clone(str(shared), tmp_path / "cleo")
    assert [v.sha for v in ben.versions()] == [newest.sha, oldest.sha]
    assert ben.bill_at("HL Bill 120").print.line(1, 27).text == "not exceed 12 months."

    paper = f"{PAPER_HEAD}\n{AMENDMENT_1}\n"
    (ben.root / "amendments" / "report.txt").write_text(paper, encoding="utf-8")
    as_drafter(monkeypatch, "Ben Clerk")
    ben.commit("Report stage paper")
    ben.push()
    as_drafter(monkeypatch, "Cleo Counsel")
    assert cleo.pull().kind == "fast-forward"
    # both add an amendment at the end of the same paper, and Cleo a paper of her own
    (cleo.root / "amendments" / "report.txt").write_text(
        f"{paper}\n{AMENDMENT_6}\n", encoding="utf-8"
    )
    (cleo.root / "amendments" / "cleo.txt").write_text(f"{PAPER_HEAD}\n{AMENDMENT_6}\n")
    cleo.commit("Amendment 6 tabled")
    cleo.push()
    as_drafter(monkeypatch, "Ben Clerk")
    (ben.root / "amendments" / "report.txt").write_text(
        f"{paper}\n{AMENDMENT_4}\n", encoding="utf-8"
    )
    ben.commit("Amendment 4 tabled")
    with pytest.raises(
        store.RemoteError,
        match="origin has versions you do not have: run drafter pull origin first",
    ):
        ben.push()
    result = ben.pull()
    assert result.kind == "merged"
    merged = (ben.root / "amendments" / "report.txt").read_text(encoding="utf-8")
    assert merged == f"{paper}\n{AMENDMENT_6}\n\n{AMENDMENT_4}\n"
    assert (ben.root / "amendments" / "cleo.txt").exists()
    ben.push()
    as_drafter(monkeypatch, "Cleo Counsel")
    assert cleo.pull().kind == "fast-forward"
    history = cleo.versions()
    assert history[0].is_merge
    assert {v.author for v in history} == {"Ada Drafter", "Ben Clerk", "Cleo Counsel"}
    assert {v.subject for v in history} >= {"Amendment 6 tabled", "Amendment 4 tabled"}
    assert cleo.bill_at("HEAD").print.line(1, 27).text == "not exceed 12 months."


def test_bill_edits_in_different_places_merge(repo: store.BillRepo, tmp_path: Path) -> None:
    shared = tmp_path / "shared.git"
    git(tmp_path, "clone", "--bare", "--quiet", str(repo.root), str(shared))
    ben = store.BillRepo.clone(str(shared), tmp_path / "ben")
    cleo = store.BillRepo.clone(str(shared), tmp_path / "cleo")
    amendment_1(ben)
    ben.commit("Amendment 1 agreed", ["1"])
    ben.push()
    amendment_4(cleo)
    cleo.commit("Amendment 4 agreed", ["4"])
    assert cleo.pull().kind == "merged"
    bill = cleo.bill_at("HEAD")
    assert bill.print.line(1, 27).text == "not exceed 12 months."
    assert "requests the creation of" in bill.find("Clause 12").text
    rows = {(r.page, r.number): r for r in cleo.blame("Clause 1")}
    assert rows[(1, 27)].amendments == ("1",)


def _both_change_the_same_words(
    repo: store.BillRepo, tmp_path: Path
) -> tuple[store.BillRepo, store.Version]:
    """Ben's amendment 1 ("12 months") pushed; Cleo's ("18 months") to the same words
    committed, not yet pulled: her clone, and her version."""
    shared = tmp_path / "shared.git"
    git(tmp_path, "clone", "--bare", "--quiet", str(repo.root), str(shared))
    ben = store.BillRepo.clone(str(shared), tmp_path / "ben")
    cleo = store.BillRepo.clone(str(shared), tmp_path / "cleo")
    amendment_1(ben, "12 months")
    ben.commit("Amendment 1 agreed", ["1"])
    ben.push()
    amendment_1(cleo, "18 months")
    return cleo, cleo.commit("Amendment 6 agreed", ["6"])


def test_same_bill_text_changed_on_both_sides_is_a_conflict(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    cleo, mine = _both_change_the_same_words(repo, tmp_path)
    with pytest.raises(store.ConflictError) as err:
        cleo.pull()
    message = str(err.value)
    assert message.startswith(
        f"both you and origin changed the bill {BILL} (Clause 1(4), page 1, line 26): "
        "nothing was merged; resolve with drafter pull origin --prefer mine"
    )
    assert "\n" not in message
    # never resolved silently: nothing changed on disk or in history
    assert cleo.version().sha == mine.sha
    assert cleo.changed_files() == []
    assert cleo.bill_at("HEAD").print.line(1, 27).text == "not exceed 18 months."
    # resolved only when asked
    assert cleo.pull(prefer="theirs").kind == "merged"
    assert cleo.bill_at("HEAD").print.line(1, 27).text == "not exceed 12 months."


def test_a_merge_git_left_unfinished_is_not_recorded_over(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    """A plain `git pull` that stopped at a conflict leaves one side's files (a trial's had
    the other side's amendment missing, with no conflict markers): drafter commit said
    "nothing to record" and would have recorded it; it now says what git left."""
    cleo, _ = _both_change_the_same_words(repo, tmp_path)
    stopped = subprocess.run(
        ["git", "pull", "--no-rebase", "--quiet"], cwd=cleo.root, capture_output=True
    )
    assert stopped.returncode != 0  # both changed the same words: git stops
    for step in (lambda: cleo.commit("Merged"), cleo.pull):
        with pytest.raises(store.StoreError) as err:
            step()
        assert str(err.value) == (
            f"a git merge is not finished in {cleo.root}: it stopped at a conflict in {BILL}; "
            "drafter records nothing over it. Undo it (git merge --abort), then use drafter "
            "pull, which merges papers amendment by amendment and names any conflict"
        )


def test_a_bill_as_amended_is_written_only_once_it_can_be_recorded(
    repo: store.BillRepo,
) -> None:
    """History's commit of the bill as amended wrote it over the working copy first, then
    found the version could not be recorded (here a merge git left unfinished): the working
    copy was left changed. The bill is written only once the checks pass."""
    from drafter.export.kept_acts import record

    before = repo.bill_path.read_bytes()
    amended = before.replace(b"not exceed 2 years", b"not exceed 12 months", 1)
    assert amended != before
    head = repo.repo.head.commit.hexsha
    (repo.root / ".git" / "MERGE_HEAD").write_text(head + "\n", encoding="utf-8")
    with pytest.raises(store.StoreError, match="a git merge is not finished"):
        record(repo, "Amendment 1 agreed", ["1"], "", amended)
    assert repo.bill_path.read_bytes() == before
    (repo.root / ".git" / "MERGE_HEAD").unlink()
    version, _ = record(repo, "Amendment 1 agreed", ["1"], "", amended)
    assert version.amendments == ("1",)
    assert repo.bill_path.read_bytes() != before


def _two_clones_with_a_paper(
    repo: store.BillRepo, tmp_path: Path
) -> tuple[store.BillRepo, store.BillRepo]:
    """Ben's and Cleo's clones of a shared repository whose paper has amendment 1."""
    paper = repo.root / "amendments" / "report.txt"
    paper.write_text(f"{PAPER_HEAD}\n{AMENDMENT_1}\n", encoding="utf-8")
    repo.commit("Paper")
    shared = tmp_path / "shared.git"
    git(tmp_path, "clone", "--bare", "--quiet", str(repo.root), str(shared))
    return (
        store.BillRepo.clone(str(shared), tmp_path / "ben"),
        store.BillRepo.clone(str(shared), tmp_path / "cleo"),
    )


def _both_change_the_paper(
    ben: store.BillRepo, bens: str, cleo: store.BillRepo, cleos: str
) -> None:
    """Ben's amendments pushed, then Cleo's committed over the same paper, not yet pulled."""
    paper = Path("amendments") / "report.txt"
    (ben.root / paper).write_text(f"{PAPER_HEAD}\n{bens}\n", encoding="utf-8")
    ben.commit("Ben's amendments")
    ben.push()
    (cleo.root / paper).write_text(f"{PAPER_HEAD}\n{cleos}\n", encoding="utf-8")
    cleo.commit("Cleo's amendments")


def test_same_amendment_changed_on_both_sides_is_a_conflict(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    ben, cleo = _two_clones_with_a_paper(repo, tmp_path)
    _both_change_the_paper(
        ben,
        AMENDMENT_1.replace("12 months", "6 months"),
        cleo,
        AMENDMENT_1.replace("12 months", "9 months"),
    )
    with pytest.raises(
        store.ConflictError,
        match=r"^both you and origin changed amendment 1 in amendments/report.txt: nothing "
        "was merged",
    ):
        cleo.pull()
    assert "9 months" in (cleo.root / "amendments" / "report.txt").read_text()
    # settled only when asked, as the message says: the paper's driver is told too
    settled = cleo.pull(prefer="theirs")
    assert settled.kind == "merged"
    assert settled.notes == ("both changed amendment 1: kept theirs",)
    assert "6 months" in (cleo.root / "amendments" / "report.txt").read_text()
    assert "<<<<<<<" not in (cleo.root / "amendments" / "report.txt").read_text()


def test_an_amendment_both_sides_added_under_one_number_is_kept_under_the_next(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    """Both keep their amendment: the one pulled in keeps its number (it is shared, and may
    be cited already), the puller's own, not yet shared, takes the next (a trial saw the
    amendment its drafter had pushed first renumbered under them)."""
    ben, cleo = _two_clones_with_a_paper(repo, tmp_path)
    bens = AMENDMENT_4.replace("Amendment 4", "Amendment 2")
    cleos = AMENDMENT_6.replace("Amendment 6", "Amendment 2")
    _both_change_the_paper(ben, f"{AMENDMENT_1}\n\n{bens}", cleo, f"{AMENDMENT_1}\n\n{cleos}")
    dan = store.BillRepo.clone(str(tmp_path / "shared.git"), tmp_path / "dan")  # Ben's, as is
    result = cleo.pull()
    assert result.kind == "merged"
    assert result.notes == (
        "amendments/report.txt: your amendment 2 is now amendment 3: the paper pulled in has "
        "an amendment 2 of its own",
    )
    merged = (cleo.root / "amendments" / "report.txt").read_text(encoding="utf-8")
    assert merged == (
        f"{PAPER_HEAD}\n{AMENDMENT_1}\n\n{bens}\n\n{cleos.replace('Amendment 2', 'Amendment 3')}\n"
    )
    # Ben's amendment kept its number: pulling Cleo's merge tells him nothing, whether it
    # comes as a fast-forward or into a version of his own
    cleo.push()
    (ben.root / "notes.txt").write_text("mine\n", encoding="utf-8")
    git(ben.root, "add", "notes.txt")
    ben.commit("A version of Ben's own")
    pulled = ben.pull()
    assert pulled.kind == "merged" and pulled.notes == ()
    forward = dan.pull()
    assert forward.kind == "fast-forward" and forward.notes == ()


def test_a_pull_rebased_by_hand_renumbers_the_drafter_s_own_amendment(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    """``git pull --rebase`` run by hand replays the drafter's own commit onto the one
    pulled, and git's "ours" is then the other side: the amendment both added under one
    number is still the drafter's own that moves to the next number, never the one already
    shared."""
    ben, cleo = _two_clones_with_a_paper(repo, tmp_path)
    bens = AMENDMENT_4.replace("Amendment 4", "Amendment 2")
    cleos = AMENDMENT_6.replace("Amendment 6", "Amendment 2")
    _both_change_the_paper(ben, f"{AMENDMENT_1}\n\n{bens}", cleo, f"{AMENDMENT_1}\n\n{cleos}")
    cleo.install_drivers()
    pulled = subprocess.run(
        ["git", "pull", "--rebase", "--quiet"], cwd=cleo.root, capture_output=True, text=True
    )
    assert pulled.returncode == 0, pulled.stderr
    assert "your amendment 2 is now amendment 3" in pulled.stderr
    merged = (cleo.root / "amendments" / "report.txt").read_text(encoding="utf-8")
    assert f"{bens}\n" in merged  # Ben's, pushed first, keeps its number
    assert cleos.replace("Amendment 2", "Amendment 3") in merged
    assert "Amendment 2\n" + cleos.split("\n", 1)[1] not in merged


def test_merge_papers_amendment_by_amendment() -> None:
    base = f"{PAPER_HEAD}\n{AMENDMENT_1}\n"
    ours = f"{PAPER_HEAD}\n{AMENDMENT_1}\n\n{AMENDMENT_4}\n"
    theirs = f"{PAPER_HEAD}\n{AMENDMENT_6}\n\n{AMENDMENT_1}\n"
    merged = store.merge_papers(base, ours, theirs)
    assert merged.conflicts == ()
    assert (
        merged.text == f"{PAPER_HEAD.rstrip()}\n\n{AMENDMENT_6}\n\n{AMENDMENT_1}\n\n{AMENDMENT_4}\n"
    )
    # removed on one side, untouched on the other: removed
    assert "Amendment 1" not in store.merge_papers(base, PAPER_HEAD, base).text
    clash = store.merge_papers(base, base.replace("12", "6"), base.replace("12", "9"))
    assert clash.conflicts == ("1",)
    assert "<<<<<<< ours\nAmendment 1" in clash.text
    for prefer, kept in (("mine", "6 months"), ("theirs", "9 months")):
        settled = store.merge_papers(base, base.replace("12", "6"), base.replace("12", "9"), prefer)
        assert settled.conflicts == () and kept in settled.text and "<<<" not in settled.text
    # references keep their prefix: both added an NC2
    both = store.merge_papers(
        base,
        f"{base}\nAmendment NC2\nAfter Clause 1, insert the following new Clause— “A”\n",
        f"{base}\nAmendment NC2\nAfter Clause 2, insert the following new Clause— “B”\n",
    )
    assert both.renumbered == (("NC2", "NC3"),) and both.conflicts == ()
    assert (
        "Amendment NC2\nAfter Clause 2" in both.text
        and "Amendment NC3\nAfter Clause 1" in both.text
    )


@pytest.mark.parametrize("made_by_the_paper", [False, True])
def test_amendments_added_against_the_old_print_are_carried_onto_a_new_print_pulled_in(
    repo: store.BillRepo, tmp_path: Path, made_by_the_paper: bool
) -> None:
    """Ben commits a reprint (his papers carried onto it) and pushes; Cleo, meanwhile, adds
    an amendment citing the old print. Her pull merges the papers, and her amendment is
    carried onto the new print too: a trial's kept its old page and line under a paper now
    headed with the new print, and checked against the wrong lines. A paper the reprint did
    not carry (the one whose amendments made it) stays on the old print, additions and all."""
    from drafter.core.apply import apply
    from drafter.core.paper import load_paper
    from drafter.core.reprint import name_print, reprint

    ben, cleo = _two_clones_with_a_paper(repo, tmp_path)
    sample = load_paper(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"))
    amended, _ = apply(Bill.load(ben.bill_path), sample.amendments, ["4", "5"], lay_out=False)
    tree = reprint(amended.tree)
    name_print(tree, "HL Bill 120", "As amended")
    write_atomic(ben.bill_path, xml_bytes(tree))
    made_by = "amendments/report.txt" if made_by_the_paper else ""
    ben.commit("Reprint after Grand Committee", ["4", "5"], made_by)
    ben.push()
    paper = cleo.root / "amendments" / "report.txt"
    added = "Amendment 7\nSponsors: Lord Aldwick of Selsey\nPage 8, line 28, leave out Clause 17"
    paper.write_text(f"{PAPER_HEAD}\n{AMENDMENT_1}\n\n{added}\n", encoding="utf-8")
    cleo.commit("Amendment 7 tabled")
    result = cleo.pull()
    assert result.kind == "merged"
    merged = load_paper(paper)
    if made_by_the_paper:
        assert result.notes == ()
        assert merged.info.bill_number == "HL Bill 101"
        assert merged.entries[-1].wording == "Page 8, line 28, leave out Clause 17"
        return
    assert result.notes == (
        "amendments/report.txt: amendments added against HL Bill 101 carried onto HL Bill 120: "
        "1 re-cited",
    )
    assert merged.info.bill_number == "HL Bill 120"
    assert [e.wording for e in merged.entries] == [
        "Page 1, line 27, leave out “2 years” and insert “12 months”",
        "Page 9, line 8, leave out Clause 18",
    ]
    assert git(cleo.root, "status", "--porcelain") == ""  # carried in the merge itself


def _without_drafter(path: str) -> list[str]:
    return [d for d in path.split(os.pathsep) if d and not (Path(d) / "drafter").exists()]


def test_textconv_shows_page_and_line_in_git_log_p(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = str(Path(sys.executable).parent)  # where pip put the drafter command
    monkeypatch.setenv("PATH", bin_dir + os.pathsep + os.environ.get("PATH", ""))
    repo = store.init(tmp_path / "bill", SAMPLE)
    amendment_1(repo)
    repo.commit("Amendment 1 agreed", ["1"])
    # git as a user runs it outside drafter's virtual environment: drafter not on the PATH
    # (the repository was made with it there: a plain `git pull` then dropped amendments)
    env = {**os.environ, "PATH": os.pathsep.join(_without_drafter(os.environ["PATH"]))}
    out = subprocess.run(
        ["git", "log", "-p", "-1"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "-1:27  not exceed 2 years.\n" in out
    assert "+1:27  not exceed 12 months.\n" in out
    assert " 1:26  (4) A respect order has effect" in out
    assert "<p>" not in out  # no raw XML
    diff = subprocess.run(
        ["git", "diff", "HEAD~1", "HEAD"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "+1:27  not exceed 12 months." in diff


# --- safety --------------------------------------------------------------------------------


def test_not_a_bill_repository(tmp_path: Path) -> None:
    with pytest.raises(
        store.NotABillRepositoryError,
        match=r"is not a bill repository \(not a git repository\): create one with "
        "drafter init DIR --bill BILL$",
    ):
        store.BillRepo.open(tmp_path)
    git(tmp_path, "init", "--quiet")
    with pytest.raises(
        store.NotABillRepositoryError,
        match=r"is a git repository but not a bill repository \(no .drafter.toml\)",
    ):
        store.BillRepo.open(tmp_path)


def test_a_refused_push_gives_gits_reason(repo: store.BillRepo, tmp_path: Path) -> None:
    """Only a remote with versions this one lacks means "pull first"; any other refusal
    says what git said."""
    ben = store.BillRepo.clone(str(repo.root), tmp_path / "ben")  # origin is not bare
    amendment_1(ben)
    ben.commit("Amendment 1", ["1"])
    with pytest.raises(store.RemoteError) as refused:
        ben.push()
    assert str(refused.value) == (
        "origin refused the push: branch main is currently checked out there "
        "(push to a bare repository)"
    )

    shared = tmp_path / "shared.git"
    git(tmp_path, "init", "--bare", "--quiet", "--initial-branch=main", str(shared))
    hook = shared / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(
        store.RemoteError,
        match=rf"^{re.escape(str(shared))} refused the push: main: pre-receive hook declined$",
    ):
        ben.push(str(shared))


def test_locked_index(repo: store.BillRepo) -> None:
    (Path(repo.repo.git_dir) / "index.lock").write_text("")
    amendment_1(repo)
    with pytest.raises(
        store.IndexLockedError,
        match=r"^the git index of .* is locked \(.*index.lock exists\): another git command "
        "may be running; if none is, delete that file and try again$",
    ):
        repo.commit("Amendment 1 agreed")


def test_missing_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in git_env(tmp_path / "nobody").items():
        monkeypatch.setenv(key, value)
    for key in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(key, raising=False)
    expected = (
        r"^git does not know who you are \(user.name and user.email not set\): run "
        r'git config --global user.name "Your Name" and git config --global user.email '
        r"you@example.org$"
    )
    with pytest.raises(store.NoIdentityError, match=expected):
        store.init(tmp_path / "bill", SAMPLE)
    assert not (tmp_path / "bill" / ".git").exists()  # refused before anything was made


def test_missing_identity_on_commit(repo: store.BillRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIT_AUTHOR_EMAIL")
    amendment_1(repo)
    with pytest.raises(store.NoIdentityError, match=r"\(user.email not set\)"):
        repo.commit("Amendment 1 agreed")
    git(repo.root, "config", "user.email", "ada@example.org")
    repo.commit("Amendment 1 agreed")  # a repository's own identity is enough


def test_detached_head(repo: store.BillRepo) -> None:
    git(repo.root, "checkout", "--quiet", "--detach")
    amendment_1(repo)
    sha = repo.version().short
    with pytest.raises(
        store.DetachedHeadError,
        match=rf"^HEAD is detached \(at {sha}\): drafter records versions only on a branch; "
        r"run git switch BRANCH \(or git switch -c NEW-BRANCH\) first$",
    ):
        repo.commit("Amendment 1 agreed")
    with pytest.raises(store.DetachedHeadError, match="drafter pushes only on a branch"):
        repo.push(str(repo.root))


def test_uncommitted_changes_are_never_overwritten(repo: store.BillRepo, tmp_path: Path) -> None:
    ben = store.BillRepo.clone(str(repo.root), tmp_path / "ben")
    amendment_4(repo)
    repo.commit("Amendment 4 agreed", ["4"])
    amendment_1(ben)  # not recorded
    edited = ben.bill_path.read_bytes()
    with pytest.raises(
        store.UncommittedChangesError,
        match=rf"^uncommitted changes to {BILL}: pulling would overwrite them; record them "
        r"first \(drafter commit -m MESSAGE\) or discard them \(git restore FILE\)$",
    ):
        ben.pull()
    assert ben.bill_path.read_bytes() == edited


def test_corrupted_bill_in_history(repo: store.BillRepo) -> None:
    repo.bill_path.write_text("<akomaNtoso><bill>", encoding="utf-8")
    git(repo.root, "commit", "--quiet", "-am", "Broken by hand")
    sha = git(repo.root, "rev-parse", "--short=7", "HEAD").strip()
    with pytest.raises(
        store.CorruptBillError,
        match=rf"^revision {sha} \(“Broken by hand”\): {BILL} is not a readable bill: "
        r"not well-formed XML",
    ):
        repo.bill_at("HEAD")
    assert repo.versions()[0].subject == "Broken by hand"  # listing still works
    assert repo.bill_at("HEAD~1").print.line(1, 27).text == "not exceed 2 years."
    # and the broken file is not recorded again
    repo.bill_path.write_text("<akomaNtoso><bill>x", encoding="utf-8")
    with pytest.raises(UserError, match="not well-formed XML"):
        repo.commit("Still broken")


def test_unknown_revision_and_nothing_to_record(repo: store.BillRepo) -> None:
    with pytest.raises(store.UnknownRevisionError, match=r"^HL Bill 9: no such version in "):
        repo.bill_at("HL Bill 9")
    with pytest.raises(store.StoreError, match="nothing to record"):
        repo.commit("Nothing")
    # init marks the first version as its print; marking it again changes nothing
    first = repo.version()
    assert first.tags == ("HL Bill 101",)
    assert repo.tag("HL Bill 101") == "HL-Bill-101"
    (repo.root / repo.amendments_dir / "note.txt").write_text("x\n", encoding="utf-8")
    repo.commit("Another version")
    with pytest.raises(store.StoreError, match=r"tag HL-Bill-101 already exists \(on version "):
        repo.tag("HL Bill 101")
    assert repo.version().tags == ()


def test_tag_names() -> None:
    assert store.tag_name_for("HL Bill 60") == "HL-Bill-60"
    assert store.tag_name_for("Bill 286 (as amended)") == "Bill-286-as-amended"
    with pytest.raises(store.StoreError):
        store.tag_name_for("“ ”")


def test_load_bill_argument(repo: store.BillRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    assert store.load_bill_argument(BILL).path == BILL  # a file is a file
    assert store.load_bill_argument("HEAD").path == f"HEAD:{BILL}"
    with pytest.raises(store.UnknownRevisionError, match="no such file, and no such version"):
        store.load_bill_argument("nonsense")


def test_only_the_store_imports_git() -> None:
    offenders = []
    for path in (REPO_ROOT / "drafter").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(n == "git" or n.startswith("git.") for n in names):
                offenders.append(path.relative_to(REPO_ROOT).as_posix())
    assert sorted(set(offenders)) == ["drafter/core/store/repository.py"]


def test_blame_cuts_a_provision_from_a_version_only_where_that_is_sure() -> None:
    """blame compares a provision's XML between versions without parsing them: the bytes
    are cut from the file from the element's ``<`` to its own end tag (nested elements of the
    same name counted), and only where nothing could hide a tag; else the file is parsed."""
    from drafter.core.store.repository import element_bytes

    inner = (
        b'<level GUID="b"><num>(a)</num><level GUID="c"/>'
        b'<level GUID="d">x<?L 1-2?>y</level></level>'
    )
    data = (
        b'<akomaNtoso><level GUID="a">' + inner + b'</level><level GUID="e">z</level></akomaNtoso>'
    )
    assert element_bytes(data, "b") == inner
    assert element_bytes(data, "c") == b'<level GUID="c"/>'
    assert element_bytes(data, "e") == b'<level GUID="e">z</level>'
    assert element_bytes(data, "zz") is None  # no such element
    assert element_bytes(data + data, "e") is None  # the GUID twice
    commented = data.replace(b"x<?L 1-2?>y", b"x<!-- </level> -->y")
    assert element_bytes(commented, "b") is None  # a comment could hide a tag
    other_pi = data.replace(b"<?L 1-2?>", b"<?x </level> ?>")
    assert element_bytes(other_pi, "b") is None


# --- a new print committed: the papers carried onto it (issue 19) -----------------------------


def test_committing_a_new_print_rebases_the_papers_and_undo_restores_them(
    repo: store.BillRepo,
) -> None:
    from drafter.core.apply import apply
    from drafter.core.paper import load_paper
    from drafter.core.reprint import name_print, reprint

    paper_file = repo.papers_path() / "grand-committee.txt"
    shutil.copy(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"), paper_file)
    elsewhere = repo.papers_path() / "another-print.txt"
    elsewhere.write_text(
        "Bill: Crime and Policing Bill\nBill number: HL Bill 99\n\n"
        "Amendment 1\nPage 1, line 27, leave out “2 years”\n",
        encoding="utf-8",
    )
    repo.commit("The marshalled list")
    tabled = paper_file.read_bytes()
    assert repo.version().rebased == ""  # the same print: nothing carried

    # the two agreed amendments made, and the bill reprinted as HL Bill 120
    paper = load_paper(paper_file)
    amended, _ = apply(Bill.load(repo.bill_path), paper.amendments, ["4", "5"], lay_out=False)
    tree = reprint(amended.tree)
    name_print(tree, "HL Bill 120", "As amended")
    write_atomic(repo.bill_path, xml_bytes(tree))
    v = repo.commit("Reprint after Grand Committee", ["4", "5"])

    assert v.rebased == (
        "4 unchanged, 3 re-cited, 2 already made; not carried: another-print.txt (it cites "
        "HL Bill 99)"
    )
    assert repo.versions()[0].rebased == v.rebased  # read back from the commit, as log shows it
    carried = load_paper(paper_file)
    assert carried.info.bill_number == "HL Bill 120"
    assert carried.info.notes[0] == (
        "[The page and line references are to HL Bill 120, the bill as amended.]"
    )
    assert "Page 9, line 8, leave out Clause 18" in [e.wording for e in carried.entries]
    assert git(repo.root, "status", "--porcelain") == ""  # in the same commit
    assert "another-print.txt" not in git(repo.root, "show", "--name-only", "--format=", "HEAD")

    # undo: the papers as they were, to record; refused over changes not yet recorded
    version, restored = repo.undo_rebase()
    assert version.sha == v.sha and restored == ["amendments/grand-committee.txt"]
    assert paper_file.read_bytes() == tabled
    with pytest.raises(UserError, match="already as they were before"):
        repo.undo_rebase()  # twice
    paper_file.write_bytes(tabled + b"\n")  # a change of the drafter's own, not recorded
    with pytest.raises(UserError, match=r"uncommitted changes to amendments/grand-committee\.txt"):
        repo.undo_rebase()
    assert paper_file.read_bytes() == tabled + b"\n"  # nothing typed is lost
    log = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "log"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert "    Rebased: 4 unchanged, 3 re-cited, 2 already made; not carried: " in log.stdout
    # by hand, between two versions named as drafter names them
    (repo.root.parent / "tabled.txt").write_bytes(tabled)
    by_hand = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter.cli",
            "rebase",
            "../tabled.txt",
            "--from",
            "HL Bill 101",
            "--to",
            "HEAD",
        ],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert by_hand.returncode == 0, by_hand.stderr
    assert "9 amendments: 4 unchanged, 3 re-cited, 2 already made" in by_hand.stdout


def test_the_paper_that_made_the_new_print_is_not_carried_onto_it(repo: store.BillRepo) -> None:
    """Committing a reprint with the paper whose amendments made it: that paper is the
    record of the stage, not a list to table again on the new print."""
    from drafter.core.apply import apply
    from drafter.core.paper import load_paper
    from drafter.core.reprint import name_print, reprint

    paper_file = repo.papers_path() / "grand-committee.txt"
    shutil.copy(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"), paper_file)
    repo.commit("The marshalled list")
    tabled = paper_file.read_bytes()
    paper = load_paper(paper_file)
    amended, _ = apply(Bill.load(repo.bill_path), paper.amendments, ["4", "5"], lay_out=False)
    tree = reprint(amended.tree)
    name_print(tree, "HL Bill 120", "As amended")
    write_atomic(repo.bill_path, xml_bytes(tree))
    v = repo.commit("Reprint", ["4", "5"], "amendments/grand-committee.txt")
    assert (
        v.rebased
        == "no paper carried; not carried: grand-committee.txt (its amendments made this print)"
    )
    assert paper_file.read_bytes() == tabled
    # a new print is tagged as that print, as init tags the first: diff by name finds both
    assert v.tags == ("HL Bill 120",)
    found = repo.print_named("HL Bill 120")
    assert found is not None and found.sha == v.sha


# --- Acts kept beside the bill, and their Keeling schedules --------------------------------------


def test_an_act_kept_beside_the_bill_has_its_schedule_made_again_with_each_version(
    tmp_path: Path,
) -> None:
    """``drafter keeling --add-act`` keeps the Act in acts/ and makes its schedule in
    keeling/; each commit makes it again from the bill as it then is (a schedule edited by
    hand is put right, so there is nothing new to record), and an Act taken out takes its
    schedule with it."""
    from tests.conftest import require_shared, shared_data_dir

    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    repo = store.init(tmp_path / "bill", folder / "bill.xml")
    name = "Bankruptcy (Scotland) Act 2016"

    def drafter(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "drafter.cli", *args],
            cwd=repo.root, capture_output=True, text=True, timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )  # fmt: skip

    added = drafter("keeling", "--add-act", str(folder / "act.xml"))
    assert added.returncode == 0, added.stderr
    assert f"kept the {name} as acts/{name}.xml" in added.stdout
    assert f"keeling/{name}.xml: 35 of 45 changes made; 10 not made" in added.stdout
    done = drafter("commit", "-m", "Keep the Act the bill amends")
    assert done.returncode == 0, done.stderr
    assert f"Keeling schedule keeling/{name}.xml: 35 of 45" in done.stdout
    recorded = git(repo.root, "show", f"HEAD:keeling/{name}.xml")
    assert 'changeDnum="KS1"' in recorded and "Inserted by s. 2(2)(a)." in recorded
    assert git(repo.root, "show", f"HEAD:acts/{name}.xml") == (folder / "act.xml").read_text()

    schedule = repo.root / "keeling" / f"{name}.xml"
    schedule.write_text("edited by hand")
    again = drafter("commit", "-m", "again")
    assert again.returncode != 0 and "nothing to record" in again.stderr
    assert schedule.read_text() == recorded

    again = drafter("keeling", "--add-act", str(folder / "act.xml"))
    assert f"replaced the {name} kept as acts/{name}.xml" in again.stdout

    # what is not the Act the bill amends is refused, and nothing is kept
    for refused, why in [
        (("--add-act", str(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")), "not an Act"),
        (("--add-act", str(folder / "act.xml"), "--act-name", "Foo Act 2000"),
         "does not amend the Foo Act 2000"),
        (("--add-act", str(folder / "act.xml"), "--json"), "takes the Act alone"),
    ]:  # fmt: skip
        said = drafter("keeling", *refused)
        assert said.returncode != 0 and why in said.stderr, said.stderr
    assert sorted(p.name for p in (repo.root / "acts").iterdir()) == [f"{name}.xml"]

    # a file of one's own in keeling/ is left alone; the whole of acts/ taken out takes
    # the Act and its schedule out of the next version
    own = repo.root / "keeling" / "notes.xml"
    own.write_text("<notes/>")
    shutil.rmtree(repo.root / "acts")
    gone = drafter("commit", "-m", "The Act is no longer kept")
    assert gone.returncode == 0, gone.stderr
    assert not schedule.exists() and own.read_text() == "<notes/>"
    assert git(repo.root, "ls-files", "acts", "keeling") == "keeling/notes.xml\n"


def test_a_schedule_changes_only_where_the_bills_changes_to_the_act_do(tmp_path: Path) -> None:
    """A change to one clause of the bill changes the Act's schedule where that clause's
    changes stand, not everywhere (what is put in gets GUIDs from where it stands): so two
    drafters' versions of a schedule merge as their bills do."""
    from drafter.export.kept_acts import add_act, make_schedules
    from tests.conftest import require_shared, shared_data_dir

    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    repo = store.init(tmp_path / "bill", folder / "bill.xml")
    add_act(repo, folder / "act.xml")
    [(schedule, _)] = make_schedules(repo)
    before = schedule.read_text().splitlines()
    text = repo.bill_path.read_text()
    assert text.count("where the debtor is not the petitioner") == 1
    write_atomic(
        repo.bill_path, text.replace("is not the petitioner", "is not the creditor").encode()
    )
    make_schedules(repo)
    after = schedule.read_text().splitlines()
    changed = [line for line in after if line not in before]
    assert changed and all("creditor" in line for line in changed), changed
