"""The table of amendments a bill makes to an Act, read from the bill's own words, against
the tables of LawMaker's Keeling research (``../shared/data/keeling``), row for row. Where a
row of theirs is wrong by the Act's and the bill's own words, the test says so with the
evidence, checked here against the files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.core.bill import Bill
from drafter.core.keeling import KeelingRow, act_name_of, table_of_amendments
from tests.conftest import require_shared, shared_data_dir

Row = dict[str, object]


def _case(name: str, bill: str) -> tuple[Bill, Bill, list[Row]]:
    folder = require_shared(shared_data_dir() / "keeling" / name)
    expected = json.loads((folder / "expected-table-of-amendments.json").read_text())
    return Bill.load(folder / "act.xml"), Bill.load(require_shared(Path(bill))), expected


def _eids(act: Bill) -> set[str]:
    return {el.get("eId", "") for el in act.root.iter() if isinstance(el.tag, str)}


def _words(rows: list[KeelingRow], source_eid: str) -> str:
    return " ".join(r.words for r in rows if r.source_eid == source_eid)


def _bill_words(bill: Bill, eid: str) -> str:
    from drafter.core.print.reading import printed_text

    el = next(e for e in bill.root.iter() if isinstance(e.tag, str) and e.get("eId") == eid)
    return " ".join(printed_text(el).split())


def test_the_housing_act_2004_as_the_renters_rights_bill_amends_it() -> None:
    act, bill, expected = _case(
        "housing-act-2004", str(shared_data_dir() / "bills" / "renters-rights-bill-hc127.xml")
    )
    assert act_name_of(act, bill) == "Housing Act 2004"  # the file's title is a working one
    rows = table_of_amendments(act, bill, "Housing Act 2004")
    assert [r.problem for r in rows if r.problem] == []
    ours = [r.as_json() for r in rows]
    eids = _eids(act)

    # Their rows we do not give, each wrong by the files' own words:
    theirs_only = [r for r in expected if r not in ours]
    by_source = {str(r["source"]): r for r in theirs_only}
    # - s. 28(7)(a): "sec_215B__title" is no eId of the Act; the heading's is sec_215B__hdg
    assert "sec_215B__title" not in eids and "sec_215B__hdg" in eids
    assert {**by_source.pop("s. 28(7)(a)"), "affected_provision": "sec_215B__hdg"} in ours
    # - s. 63(2) amends nothing: the definition "has effect … as if it were amended"
    assert "as if it were amended" in _bill_words(bill, "sec_63__subsec_2")
    by_source.pop("s. 63(2)")
    # - s. 101(6) names the bill's own Schedule 4, and changes no words of the Act
    assert _bill_words(bill, "sec_101__subsec_6").startswith("(6) In Schedule 4, Part 1 contains")
    by_source.pop("s. 101(6)")
    # - para. 42 of Schedule 4 amends the Housing and Planning Act 2016 (the Housing Act
    #   2004 is named only in the description of the section it amends)
    assert "In section 40(4) of the Housing and Planning Act 2016" in _bill_words(
        bill, "sched_4__para_42"
    )
    by_source.pop("para. 42 of schedule 4")
    # - s. 105(4) and 105(8) say only "In subsection (5)—" / "(4)—": the changes are made by
    #   their paragraphs, which is where we give them (105(8)'s two changes as two rows)
    for parent in ("105(4)", "105(8)"):
        words = _bill_words(bill, f"sec_{parent.replace('(', '__subsec_').rstrip(')')}")
        assert words.split("—")[0].startswith(f"({parent[4]})")
        for row in [r for r in theirs_only if r["source"] == f"s. {parent}"]:
            children = [o for o in ours if str(o["source"]).startswith(f"s. {parent}(")]
            assert any(
                (o["affected_provision"], o["type_of_amendment"])
                == (row["affected_provision"], row["type_of_amendment"])
                for o in children
            ), row
        by_source.pop(f"s. {parent}")
    assert by_source == {}

    # Our rows they do not give, each made by the bill's words:
    ours_only = [o for o in ours if o not in expected]
    # - the children of 105(4) and 105(8), and 28(7)(a) with the Act's own eId (above)
    # - s. 106(c): "after paragraph (b) insert— “(c) …”" in paragraph 2(2) of Schedule 1
    assert "(c) after paragraph (b) insert" in _bill_words(bill, "sec_106__para_c")
    # - Schedule 4, Part 1: "The Housing Act 2004 is amended as follows." (paragraph 1), and
    #   its paragraphs amend the Act's Part 1 and Schedules 1 and 2
    assert _bill_words(bill, "sched_4__para_1") == "1 The Housing Act 2004 is amended as follows."
    explained = {"s. 28(7)(a)", "s. 106(c)"} | {
        str(o["source"])
        for o in ours_only
        if str(o["source"]).startswith(("s. 105(4)(", "s. 105(8)("))
    }
    schedule_4 = [o for o in ours_only if str(o["source"]).endswith("of schedule 4")]
    assert len(schedule_4) == 128
    part_1 = {c.element.get("eId") for c in bill.of_kind("paragraph")}  # the Schedules'
    assert all(str(o["source_eid"]).split("__")[1] in {"para_" + str(n) for n in range(1, 38)}
               for o in schedule_4) and part_1  # fmt: skip
    assert {str(o["source"]) for o in ours_only} - {
        str(o["source"]) for o in schedule_4
    } == explained
    # every row of theirs not named above is ours exactly
    assert len(expected) - len(theirs_only) == 42


def test_the_bankruptcy_scotland_act_2016_as_a_scottish_bill_amends_it() -> None:
    folder = shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016"
    act, bill, expected = _case("bankruptcy-scotland-act-2016", str(folder / "bill.xml"))
    assert act_name_of(act, bill) == "Bankruptcy (Scotland) Act 2016"
    rows = table_of_amendments(act, bill, "Bankruptcy (Scotland) Act 2016")
    ours = [r.as_json() for r in rows]
    assert [r.problem for r in rows if r.problem] == []
    theirs_only = [r for r in expected if r not in ours]
    # s. 5B(3): "after paragraph(2)(q)" of section 214: the Act has no sec_214__para_2__para_q;
    # its (2)(q) is sec_214__subsec_2__para_q
    eids = _eids(act)
    assert [r["source"] for r in theirs_only] == ["s. 5B(3)"]
    assert "sec_214__para_2__para_q" not in eids and "sec_214__subsec_2__para_q" in eids
    assert "after paragraph(2)(q) insert" in _words(rows, "sec_5B__subsec_3")
    fixed = {**theirs_only[0], "affected_provision": "sec_214__subsec_2__para_q"}
    assert [o for o in ours if o not in expected] == [fixed]
    assert len(ours) == len(expected) == 45


def test_the_command_prints_the_table_and_says_what_it_cannot_place(tmp_path: Path) -> None:
    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"),
         str(folder / "bill.xml"), "--table", "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 45
    assert "45 amendments of the Bankruptcy (Scotland) Act 2016" in done.stderr
    # a provision the Act lacks: listed with its place and reason, exit 1
    act = (folder / "act.xml").read_text(encoding="utf-8")
    (tmp_path / "act.xml").write_text(act.replace('eId="sec_147"', 'eId="sec_147_gone"')
                                      .replace(">147<", ">1470<"), encoding="utf-8")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(tmp_path / "act.xml"),
         str(folder / "bill.xml"), "--act-name", "Bankruptcy (Scotland) Act 2016"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "s. 5B(2): the Act has no section 147" in done.stderr


@pytest.mark.parametrize("name", ["housing-act-2004"])
def test_an_act_the_bill_does_not_name_is_refused_with_the_acts_it_amends(name: str) -> None:
    folder = require_shared(shared_data_dir() / "keeling" / name)
    sample = Path(__file__).resolve().parents[1] / "bills" / "crime-and-policing-bill.xml"
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"), str(sample)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot tell which Act" in done.stderr


def test_the_forms_a_bill_amends_in_are_read_as_the_act_has_them() -> None:
    """Rows checked by hand against the bill's words and the Act's eIds."""
    act, bill, _ = _case(
        "housing-act-2004", str(shared_data_dir() / "bills" / "renters-rights-bill-hc127.xml")
    )
    rows = {r.source: r for r in table_of_amendments(act, bill, "Housing Act 2004")}

    def affected(source: str) -> str:
        return rows[source].affected_provision

    # "In subsections (3) to (6), after “hazard” (in each place) insert …": each of the four
    assert affected("para. 4(4) of schedule 4") == ",".join(
        f"sec_5__subsec_{n}" for n in (3, 4, 5, 6)
    )
    # the heading of a Chapter, an italic (cross-)heading, a heading named by the words above
    assert affected("para. 10 of schedule 4") == "pt_1__chp_2__hdg"
    assert affected("para. 20 of schedule 4") == "pt_1__chp_2__xhdg_28__hdg"
    assert affected("para. 21(9)(a) of schedule 4") == "sec_28__hdg"
    # a Schedule's paragraph 12, sub-paragraph (2), paragraph (b)
    assert affected("para. 35(4)(b) of schedule 4") == "sched_1__para_12__subpara_2__para_b"
    # "omit the “or” at the end of paragraph (a)", then "after that paragraph insert—"
    assert affected("para. 3(3)(a) of schedule 4") == "sec_4__subsec_2__para_a"
    assert rows["para. 3(3)(a) of schedule 4"].type_of_amendment == "deletion"
    assert affected("para. 3(3)(b) of schedule 4") == "sec_4__subsec_2__para_a"
    assert affected("para. 9(3) of schedule 4") == "sec_9__subsec_1"
    # "for the definition of “relevant person” in subsection (8) substitute"
    assert affected("para. 25 of schedule 4") == "sec_35__subsec_8"


def test_the_act_given_must_be_the_act_the_bill_amends(tmp_path: Path) -> None:
    folder = require_shared(shared_data_dir() / "keeling" / "housing-act-2004")
    renters = str(shared_data_dir() / "bills" / "renters-rights-bill-hc127.xml")
    sample = str(Path(__file__).resolve().parents[1] / "bills" / "crime-and-policing-bill.xml")
    act = str(folder / "act.xml")
    runs = {
        "swapped": ["keeling", renters, act],
        "not amended": ["keeling", act, sample, "--act-name", "Housing Act 2004"],
    }
    said = {
        name: subprocess.run(
            [sys.executable, "-m", "drafter.cli", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        for name, args in runs.items()
    }
    assert [s.returncode for s in said.values()] == [2, 2]
    assert "is a print of a bill (the Renters' Rights Bill), not an Act" in said["swapped"].stderr
    assert "does not amend the Housing Act 2004 (it amends: Anti-social Behaviour, Crime and " in (
        said["not amended"].stderr
    )


def test_the_act_as_amended_marks_each_change_with_its_source(tmp_path: Path) -> None:
    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    out = tmp_path / "amended.html"
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"),
         str(folder / "bill.xml"), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # changes the file's Act already has (its s. 22(1)(b) says “2(2) or (8)”; its s. 76
    # “sequestration where AiB is not the trustee”) are not made, and said: exit 1, the file
    # written; so are units the bill puts in among a provision's words (“granted—(a) …”),
    # whose words after them would need to run on into the last of them
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"wrote {out}: 35 of 45 changes made; 10 not made")
    assert "s. 3(2): not made: the Act's provision does not say “2(8)”" in done.stderr
    assert (
        "s. 5C(2): not made: the Act's provision already says “sequestration where AiB is not "
        "the trustee”: made before?"
    ) in done.stderr
    assert "s. 5(3)(b): not made: the Act's provision already says “(1) or (3)”" in done.stderr
    assert (
        "s. 2(3)(c)(i): not made: drafter cannot put units in at page 28, line 7: the words of "
        "Section 31(5) go on after it (“under section 34(1) …”)"
    ) in done.stderr
    # one the Act's layout could not take is said with the Act's provision and the bill's words
    assert (
        "s. 2(3)(c)(ii): not made: drafter cannot place the inserted (b) at page 28, line 8: no "
        "provision of that kind stands there (in the Act's sec_31__subsec_5): at the end insert"
    ) in done.stderr
    html = out.read_text()
    assert "In any sequestration where AiB is not the trustee there may" in re.sub(
        "<[^>]+>", "", html
    )  # once, not twice
    # s. 2(2)(a): in section 29(4)(a), after “debtor” insert “(where the debtor is not …)”
    assert "(where the debtor is not the petitioner)" in html
    assert "s. 2(2)(a)" in html


def test_the_housing_act_as_the_renters_rights_bill_would_amend_it(tmp_path: Path) -> None:
    """Every change the table finds is made but one (rows of an index table put in "at the
    appropriate places"), said. Words "from “that” to “but”", where “but” ends s. 11(5)(a),
    run to its end. A definition
    put in "at the appropriate place" goes in as a definition of its own, in the order of
    the terms: s. 28(2)(c)(i)'s “assured tenancy” before “authorised” in section 212(8)."""
    folder = require_shared(shared_data_dir() / "keeling" / "housing-act-2004")
    renters = shared_data_dir() / "bills" / "renters-rights-bill-hc127.xml"
    out = tmp_path / "amended.html"
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"), str(renters),
         "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith(f"wrote {out}: 175 of 176 changes made; 1 not made")
    assert done.stderr.count("not made: ") == 1
    assert "para. 32(a) of schedule 4: not made: " in done.stderr
    html = out.read_text()
    # the Act, by the name the bill gives it, as the bill would amend it: not set out as a
    # bill ("A BILL TO", "As amended by 212 amendments", "… and its proposer", "the print")
    assert '<h1 class="act">Housing Act 2004</h1>' in html and "<h1>Bill</h1>" not in html
    assert "As the Renters’ Rights Bill would amend it" in html.replace("&#39;", "’").replace(
        "'", "’"
    )
    assert "names the provision of the bill that makes each change" in html
    assert "its proposer" not in html and "the print was published" not in html
    # s. 11(5)(a): from “that” to its last word, “but”, left out
    assert (
        '<del title="para. 11(6) of schedule 4">that the hazard ceases to</del>\n'
        '<del title="para. 11(6) of schedule 4">be a category 1 hazard; but</del>'
    ) in html
    assert "s. 28(2)(a)" in html and "assured" in html
    amended = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"), str(renters),
         "-o", str(tmp_path / "amended.xml")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert amended.returncode == 1
    section = Bill.load(tmp_path / "amended.xml").by_eid("sec_212__subsec_8")
    assert section is not None
    terms = [
        " ".join("".join(d.itertext()).split())[:20]
        for d in section.element.iter()
        if d.get("name") == "definition"
    ]
    assert terms[:2] == ["assured tenancy mean", "“authorised”, in rel"]
    word = tmp_path / "amended.docx"  # in Word too: the Act's name as a title, no bill cover
    subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"), str(renters),
         "-o", str(word)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    import docx

    opening = [(p.style.name, p.text) for p in docx.Document(str(word)).paragraphs[:3]]
    assert ("Act Title", "Housing Act 2004") in opening
    assert not any(text in ("A", "BILL", "TO") for _, text in opening)


def test_the_act_as_amended_in_lawmakers_change_markup(tmp_path: Path) -> None:
    """Words as ins/del and whole provisions with ukl:change, each change opened, closed and
    numbered KS1, with a noteRef to its note ("Substituted by s. 3A(2)."); valid Akoma Ntoso."""
    from lxml import etree

    from drafter.core.validate import akn_schema

    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    out = tmp_path / "amended.xml"
    subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"),
         str(folder / "bill.xml"), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    tree = etree.parse(str(out))
    assert akn_schema().validate(tree), akn_schema().error_log
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
          "u": "https://www.legislation.gov.uk/namespaces/UK-AKN"}  # fmt: skip
    notes = {n.get("eId"): "".join(n.itertext()) for n in tree.iterfind(".//a:note", ns)}
    refs = [r.get("href", "")[1:] for r in tree.iterfind(".//a:noteRef", ns)]
    assert refs and all(ref in notes for ref in refs)
    changed = tree.xpath("//*[@u:changeDnum='KS1']", namespaces=ns)
    # each change made has its note, and each of the ten not made is noted at its
    # provision too ("s. 3(2): not made: the Act's provision does not say “2(8)”")
    unmade = [ref for ref in refs if ": not made: " in notes[ref]]
    assert len(unmade) == 10 and len(changed) == len(refs) - 10
    assert any(notes[ref].startswith("s. 3(2): not made: ") for ref in unmade)
    change = "{" + ns["u"] + "}change"
    assert {c.get(change) for c in changed} >= {"ins", "insReplace", "delReplace"}
    # s. 2(2)(a): in section 29(4)(a), after “debtor” insert “(where the debtor is not …)”
    inserted = tree.xpath(
        "//a:ins[contains(., 'where the debtor is not the petitioner')]", namespaces=ns
    )
    assert len(inserted) == 1
    ref = inserted[0].getnext()
    assert ref is not None and notes[ref.get("href")[1:]] == "Inserted by s. 2(2)(a)."
    assert "Substituted by s. 3A(2)." in notes.values()
    assert not tree.xpath("//@*[namespace-uri()='urn:drafter:provenance']")


def test_what_is_not_made_is_listed_in_the_document_too(tmp_path: Path) -> None:
    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    out = tmp_path / "amended.html"
    subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(folder / "act.xml"),
         str(folder / "bill.xml"), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    html = out.read_text()
    assert "s. 3(2): not made: the Act&#39;s provision does not say “2(8)”" in html
    assert "s. 2(3)(c)(ii): not applied (does not fit)" in html


_AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_UK = "https://www.legislation.gov.uk/namespaces/UK-AKN"


def _as_legislation_gov_uk(act: Path) -> tuple[bytes, dict[str, str]]:
    """The Act as legislation.gov.uk serves it (``…/data.akn``, made by TNA's clml2akn): an
    ``act`` with the ``uk:`` prefix; eIds "section-212-2-a" and "schedule-1-paragraph-2-2",
    none on headings; lettered levels named paragraph, subparagraph and clause (a Schedule's
    with class para1, para2); a Schedule's number holding its reference note; commentary
    markers in the words. With the old eId of each provision -> its new one."""
    from lxml import etree

    tree = etree.parse(str(act))
    a = "{" + _AKN + "}"
    names = {"para1": "paragraph", "para2": "subparagraph", "para3": "clause"}
    eids: dict[str, str] = {}

    def num(el: etree._Element) -> str:
        n = el.find(a + "num")
        text = (n.text or "") + "".join(c.tail or "" for c in n) if n is not None else ""
        return re.sub(r"^(?:schedule|part|chapter)\s*", "", text.strip(), flags=re.I).strip("()")

    def convert(el: etree._Element, parent_id: str, container: str, in_schedule: bool) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            old, local = child.get("eId"), etree.QName(child).localname
            child.attrib.pop("GUID", None)
            new = ""
            cls = child.get("class", "")
            if local == "level" and cls in names:
                child.tag = a + names[cls]
                if not in_schedule:
                    del child.attrib["class"]
            elif cls.startswith(("prov", "schProv")):
                del child.attrib["class"]
            kind = etree.QName(child).localname
            if kind == "part":
                new = f"{container}-part-{num(child)}" if container else f"part-{num(child)}"
            elif kind == "chapter":
                new = f"{container}-chapter-{num(child)}"
            elif kind == "hcontainer" and child.get("name") == "crossheading":
                heading = "".join(child.findtext(a + "heading") or "").lower()
                new = "crossheading-" + "-".join(re.findall(r"[a-z0-9]+", heading))
                new += f"-{len(eids)}" if new in eids.values() else ""
            elif kind == "section":
                new = f"section-{num(child)}"
            elif kind == "hcontainer" and child.get("name") == "schedule":
                new = f"schedule-{num(child)}"
                note = etree.SubElement(child.find(a + "num"), a + "authorialNote")
                note.set("class", "referenceNote")
                etree.SubElement(note, a + "p").text = "Section 1"
            elif (
                kind == "paragraph"
                and parent_id.startswith("schedule")
                and "-" not in (parent_id.removeprefix("schedule-"))
            ):
                new = f"{parent_id}-paragraph-{num(child)}"
            elif kind in ("subsection", "paragraph", "subparagraph", "clause") and parent_id:
                new = f"{parent_id}-{num(child)}"
            elif kind == "p" and old is None and len(eids) % 5 == 0 and child.text:
                marker = etree.Element(a + "noteRef", href=f"#c{len(eids)}", marker="F1")
                marker.set("class", "commentary F")
                marker.tail, child.text = child.text, None
                child.insert(0, marker)
            if kind == "quotedStructure":  # what an amendment puts in has no eIds there
                for quoted in child.iter():
                    quoted.attrib.pop("eId", None)
                    quoted.attrib.pop("GUID", None)
                continue
            if old:
                del child.attrib["eId"]
                if new:
                    child.set("eId", new)
                    eids[old] = new
            headings = kind in ("part", "chapter") or child.get("name") == "crossheading"
            below = parent_id if headings else new
            schedule = kind == "hcontainer" and child.get("name") == "schedule"
            inner = new if kind in ("part", "chapter") or schedule else container
            convert(child, below or parent_id, inner, in_schedule or schedule)

    bill = tree.getroot()[0]
    convert(bill, "", "", False)
    bill.tag = a + "act"
    bill.set("name", "ukpga")
    bill.attrib.pop("contains", None)

    def copied(el: etree._Element, parent: etree._Element | None) -> etree._Element:
        """``el`` made again under the ``uk:`` prefix (lxml keeps a moved element's own)."""
        if not isinstance(el.tag, str):
            made = etree.Comment(el.text) if isinstance(el, etree._Comment) else None
            if made is not None and parent is not None:
                parent.append(made)
            return made  # type: ignore[return-value]
        nsmap = {None: _AKN, "uk": _UK} if parent is None else None
        made = (
            etree.Element(el.tag, dict(el.attrib), nsmap=nsmap)
            if parent is None
            else etree.SubElement(parent, el.tag, dict(el.attrib))
        )
        made.text, made.tail = el.text, el.tail
        for child in el:
            kept = copied(child, made)
            if kept is not None:
                kept.tail = child.tail
        return made

    root = copied(tree.getroot(), None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), eids


def test_an_act_as_legislation_gov_uk_serves_it_gives_the_same_table_and_changes(
    tmp_path: Path,
) -> None:
    """The same Act in legislation.gov.uk's shape: the same 176 rows, each at that file's
    own eId (a heading, which has none there, at its provision's), and the same 175 of 176
    changes made."""
    folder = require_shared(shared_data_dir() / "keeling" / "housing-act-2004")
    renters = shared_data_dir() / "bills" / "renters-rights-bill-hc127.xml"
    data, eids = _as_legislation_gov_uk(folder / "act.xml")
    assert b'xmlns:uk="https://www.legislation.gov.uk/namespaces/UK-AKN"' in data[:600]
    assert b"<act " in data and b"ukl:" not in data
    served = tmp_path / "data.akn"
    served.write_bytes(data)
    act, bill = Bill.load(served), Bill.load(renters)
    assert act_name_of(act, bill) == "Housing Act 2004"
    lawmaker = table_of_amendments(Bill.load(folder / "act.xml"), bill, "Housing Act 2004")
    ours = table_of_amendments(act, bill, "Housing Act 2004")
    assert [r.problem for r in ours if r.problem] == []

    def at(eid: str) -> str:
        return eids.get(eid) or eids[eid.removesuffix("__hdg")] if eid else ""

    expected = [
        {**r.as_json(), "affected_provision": ",".join(map(at, r.affected_provision.split(",")))}
        for r in lawmaker
    ]
    assert [r.as_json() for r in ours] == expected
    assert {"section-212-1", "schedule-1-paragraph-2-2"} <= {r.affected_provision for r in ours}

    out = tmp_path / "amended.xml"
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(served), str(renters),
         "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.stderr.startswith(f"wrote {out}: 175 of 176 changes made; 1 not made")


def test_an_output_in_no_format_is_refused_before_the_bills_are_read(tmp_path: Path) -> None:
    """``drafter keeling ACT BILL -o out.txt`` read both, worked out the table, then said
    “.txt” was not a format “for a bill”: it is the Act as amended, a Keeling schedule, and
    the bills need not be read to say so (the files here are not even bills)."""
    act, bill = tmp_path / "act.xml", tmp_path / "bill.xml"
    act.write_text("not read", encoding="utf-8")
    bill.write_text("not read", encoding="utf-8")
    out = tmp_path / "out.txt"
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "keeling", str(act), str(bill), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"drafter: {out}: “.txt” is not a format for a Keeling schedule: end the file name in "
        ".pdf, .docx, .html or .xml\n"
    )
