"""Reprint: renumbering as the House does at reprint, eIds and cross-references following,
GUIDs kept, quoted text untouched, and a fresh print that validates."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import AKN_NS, PROVENANCE_NS, UKL_NS
from drafter.core.bill import Bill
from drafter.core.print.markers import strip_markers
from drafter.core.print.reading import is_marker
from drafter.core.reprint import (
    letters,
    renumber,
    reprint,
    reprinted,
    roman,
)
from drafter.core.validate import validate_bill
from drafter.core.xml import parse_bytes, parse_file

A = f"{{{AKN_NS}}}"
U = f"{{{UKL_NS}}}"

HEAD = (
    f'<akomaNtoso xmlns="{AKN_NS}" xmlns:ukl="{UKL_NS}" xmlns:drafter="{PROVENANCE_NS}">'
    '<bill name="bill"><body>'
)
TAIL = "</body></bill></akomaNtoso>"


def bill(body: str) -> etree._ElementTree:
    return parse_bytes((HEAD + body + TAIL).encode(), "<test>")


def sec(eid: str, num: str, inner: str, guid: str | None = None, extra: str = "") -> str:
    guid = guid or f"g-{eid}"
    return (
        f'<section GUID="{guid}" class="prov1" eId="{eid}"{extra}><num>{num}</num>'
        f'<heading GUID="h-{guid}" eId="{eid}__hdg">Clause {eid}</heading>{inner}</section>'
    )


def sub(eid: str, num: str, inner: str = "", text: str = "Words.", extra: str = "") -> str:
    body = (
        f"<content><p>{text}</p></content>"
        if not inner
        else (f'<intro eId="{eid}__intro"><p>{text}</p></intro>{inner}')
    )
    return (
        f'<subsection GUID="g-{eid}" class="prov2" eId="{eid}"{extra}><num>{num}</num>'
        f"{body}</subsection>"
    )


def para(eid: str, num: str, cls: str = "para1", text: str = "item", inner: str = "") -> str:
    body = (
        f"<content><p>{text}</p></content>"
        if not inner
        else (f'<intro eId="{eid}__intro"><p>{text}</p></intro>{inner}')
    )
    return f'<level GUID="g-{eid}" class="{cls}" eId="{eid}"><num>{num}</num>{body}</level>'


def ref(eid: str, words: str, guid: str | None = None) -> str:
    g = f' ukl:targetGuid="{guid or "g-" + eid}"'
    return f'<ref class="valid" href="#{eid}"{g}>{words}</ref>'


def by_guid(tree: etree._ElementTree, guid: str) -> etree._Element:
    found = [el for el in tree.iter() if isinstance(el.tag, str) and el.get("GUID") == guid]
    assert len(found) == 1, guid
    return found[0]


def num(el: etree._Element) -> str:
    n = el.find(A + "num")
    assert n is not None
    return "".join(n.itertext()).strip()


def refs(tree: etree._ElementTree) -> list[tuple[str, str]]:
    return [(r.get("href", ""), "".join(r.itertext())) for r in tree.iter(A + "ref")]


# --- numbering styles -------------------------------------------------------------------------


def test_letters_and_romans() -> None:
    abc = "abcdefghijklmnopqrstuvwxyz"
    assert [letters(n, abc) for n in (1, 2, 26, 27, 28, 52, 53)] == [
        "a",
        "b",
        "z",
        "za",
        "zb",
        "zz",
        "zza",
    ]
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40)] == [
        "i",
        "ii",
        "iii",
        "iv",
        "ix",
        "xiv",
        "xl",
    ]


# --- clauses ----------------------------------------------------------------------------------


def five_clauses(extra: str = "") -> str:
    return (
        sec("sec_1", "1", sub("sec_1__subsec_1", "(1)", text=f"See {ref('sec_4', 'section 4')}."))
        + sec("sec_2", "2", "<content><p>Two.</p></content>")
        + sec("sec_3", "3", "<content><p>Three.</p></content>")
        + extra
        + sec(
            "sec_4", "4", "<content><p>Four, see " + ref("sec_5", "section 5") + ".</p></content>"
        )
        + sec("sec_5", "5", "<content><p>Five.</p></content>")
    )


def test_inserted_clause_5a_and_new_clause_get_numbers() -> None:
    new_clause = sec("sec_NC1", "", "<content><p>New.</p></content>", guid="new-1")
    body = (
        sec(
            "sec_1",
            "1",
            "<content><p>See "
            + ref("sec_2", "section 2")
            + " and "
            + ref("sec_5A", "section 5A")
            + ".</p></content>",
        )
        + new_clause
        + sec("sec_2", "2", "<content><p>Two.</p></content>")
        + sec("sec_5", "5", "<content><p>Five.</p></content>", extra="")
        + sec("sec_5A", "5A", "<content><p>Five A.</p></content>")
        + sec("sec_6", "6", "<content><p>Six.</p></content>")
    )
    tree = bill(body)
    before = etree.tostring(tree)
    new, report = renumber(tree)
    assert etree.tostring(tree) == before  # the input is untouched
    sections = list(new.iter(A + "section"))
    assert [num(s) for s in sections] == ["1", "2", "3", "4", "5", "6"]
    assert [s.get("eId") for s in sections] == [f"sec_{n}" for n in range(1, 7)]
    assert [s.get("GUID") for s in sections] == [
        "g-sec_1",
        "new-1",
        "g-sec_2",
        "g-sec_5",
        "g-sec_5A",
        "g-sec_6",
    ]
    assert by_guid(new, "h-new-1").get("eId") == "sec_2__hdg"
    assert refs(new) == [("#sec_3", "section 3"), ("#sec_5", "section 5")]
    assert report.eids["sec_5A"] == "sec_5"
    assert report.eids["sec_2__hdg"] == "sec_3__hdg"
    assert report.citations["Clause 5A"] == "Clause 5"
    changed = {(c.old_number, c.new_number, c.guid) for c in report.changes}
    assert ("", "2", "new-1") in changed and ("5A", "5", "g-sec_5A") in changed
    assert not report.problems


def test_clause_left_out_later_clauses_move_up_and_refs_follow() -> None:
    tree = bill(five_clauses())
    # Clause 3 removed (as apply would, by taking it out)
    gone = by_guid(tree, "g-sec_3")
    gone.getparent().remove(gone)
    new, report = renumber(tree)
    sections = list(new.iter(A + "section"))
    assert [(num(s), s.get("GUID")) for s in sections] == [
        ("1", "g-sec_1"),
        ("2", "g-sec_2"),
        ("3", "g-sec_4"),
        ("4", "g-sec_5"),
    ]
    assert refs(new) == [("#sec_3", "section 3"), ("#sec_4", "section 4")]
    assert report.citations == {"Clause 4": "Clause 3", "Clause 5": "Clause 4"}
    assert report.references_updated == 4  # two hrefs, two sets of words


def test_clause_marked_removed_does_not_count() -> None:
    body = five_clauses().replace('eId="sec_3">', 'eId="sec_3" drafter:removed="A7">')
    new, _ = renumber(bill(body))
    printed = [s for s in new.iter(A + "section") if s.get(f"{{{PROVENANCE_NS}}}removed") is None]
    assert [num(s) for s in printed] == ["1", "2", "3", "4"]
    assert [s.get("eId") for s in printed] == ["sec_1", "sec_2", "sec_3", "sec_4"]
    eids = [el.get("eId") for el in new.iter() if isinstance(el.tag, str) and el.get("eId")]
    assert len(eids) == len(set(eids))
    # the reprint leaves it out altogether
    out = reprint(bill(body))
    assert [num(s) for s in out.iter(A + "section")] == ["1", "2", "3", "4"]


# --- subsections and paragraphs -----------------------------------------------------------------


def test_inserted_subsections_and_paragraphs_renumbered() -> None:
    inner = (
        sub("sec_1__subsec_1", "(1)")
        + sub("sec_1__subsec_2", "(2)")
        + sub("sec_1__subsec_2A", "(2A)", text="Inserted.")
        + sub(
            "sec_1__subsec_3",
            "(3)",
            para("sec_1__subsec_3__para_a", "(a)")
            + para("sec_1__subsec_3__para_aa", "(aa)", text="new")
            + para(
                "sec_1__subsec_3__para_b",
                "(b)",
                inner=para("sec_1__subsec_3__para_b__subpara_i", "(i)", "para2")
                + para("sec_1__subsec_3__para_b__subpara_ia", "(ia)", "para2")
                + para("sec_1__subsec_3__para_b__subpara_ii", "(ii)", "para2"),
            ),
            text="Intro",
        )
        + sub("sec_1__subsec_x", "( )", text="Lords style.")
        + sub(
            "sec_1__subsec_4",
            "(4)",
            text="In "
            + ref("sec_1__subsec_2A", "subsection (2A)")
            + ", "
            + '<mref><ref class="valid" href="#sec_1__subsec_3__para_aa">paragraph (aa)</ref>'
            + ' and <ref class="valid" href="#sec_1__subsec_3__para_b__subpara_ii">(ii)</ref>'
            + "</mref> and "
            + ref("sec_1__subsec_3__para_b", "section 1(3)(b)")
            + ".",
        )
    )
    new, report = renumber(bill(sec("sec_1", "1", inner)))
    subs = list(new.iter(A + "subsection"))
    assert [num(s) for s in subs] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert [s.get("eId") for s in subs] == [f"sec_1__subsec_{n}" for n in range(1, 7)]
    assert by_guid(new, "g-sec_1__subsec_x").get("eId") == "sec_1__subsec_5"
    paras = [el for el in new.iter(A + "level") if el.get("class") == "para1"]
    assert [num(p) for p in paras] == ["(a)", "(b)", "(c)"]
    assert [p.get("eId") for p in paras] == [
        "sec_1__subsec_4__para_a",
        "sec_1__subsec_4__para_b",
        "sec_1__subsec_4__para_c",
    ]
    subparas = [el for el in new.iter(A + "level") if el.get("class") == "para2"]
    assert [num(p) for p in subparas] == ["(i)", "(ii)", "(iii)"]
    assert subparas[2].get("eId") == "sec_1__subsec_4__para_c__subpara_iii"
    assert by_guid(new, "g-sec_1__subsec_3__para_b").find(A + "intro").get("eId") == (
        "sec_1__subsec_4__para_c__intro"
    )
    assert refs(new) == [
        ("#sec_1__subsec_3", "subsection (3)"),
        ("#sec_1__subsec_4__para_b", "paragraph (b)"),
        ("#sec_1__subsec_4__para_c__subpara_iii", "(iii)"),
        ("#sec_1__subsec_4__para_c", "section 1(4)(c)"),
    ]
    assert report.citations["Clause 1(3)(aa)"] == "Clause 1(4)(b)"
    assert report.citations["Clause 1(2A)"] == "Clause 1(3)"


def test_ref_words_without_the_number_are_left_and_reported() -> None:
    inner = (
        sub("sec_1__subsec_1", "(1)")
        + sub("sec_1__subsec_1A", "(1A)")
        + sub("sec_1__subsec_2", "(2)", text=ref("sec_1__subsec_2", "this subsection"))
        + sub("sec_1__subsec_3", "(3)", text=ref("sec_1__subsec_2", "the subsection (9)"))
    )
    new, report = renumber(bill(sec("sec_1", "1", inner)))
    assert refs(new) == [
        ("#sec_1__subsec_3", "this subsection"),
        ("#sec_1__subsec_3", "the subsection (9)"),
    ]
    assert len(report.problems) == 1
    assert "do not state the old number" in report.problems[0].reason


def test_stale_href_repaired_through_guid_and_dangling_reported() -> None:
    body = sec(
        "sec_1",
        "1",
        "<content><p>"
        + ref("sec_99", "section 3", guid="g-sec_3")
        + " "
        + ref("sec_77", "section 77", guid="nothing")
        + "</p></content>",
    ) + sec("sec_2A", "2A", "<content><p>x</p></content>", guid="g-sec_3")
    new, report = renumber(bill(body))
    assert refs(new) == [("#sec_2", "section 3"), ("#sec_77", "section 77")]
    assert [p.href for p in report.dangling] == ["#sec_77"]


def test_ref_with_markers_and_ins_inside_keeps_them() -> None:
    words = 'sec<?L 1-2?>tion <ins drafter:amendment="3">5A</ins>'
    body = sec("sec_1", "1", f'<content><p><ref href="#sec_5A">{words}</ref></p></content>')
    body += sec("sec_5A", "5A", "<content><p>x</p></content>")
    new, _ = renumber(bill(body))
    r = next(new.iter(A + "ref"))
    assert "".join(r.itertext()) == "section 2"
    assert r.find(A + "ins") is not None
    assert any(is_marker(pi) for pi in r.iter(etree.ProcessingInstruction))


def test_deleted_words_do_not_count_as_numbers() -> None:
    inner = (
        sub("sec_1__subsec_1", "(1)")
        + sub("sec_1__subsec_1A", '<del drafter:amendment="4">(7)</del>(1A)')
        + sub("sec_1__subsec_2", "(2)")
    )
    new, _ = renumber(bill(sec("sec_1", "1", inner)))
    nums = [
        "".join(t for t in s.find(A + "num").xpath("text()|ins//text()"))
        for s in new.iter(A + "subsection")
    ]
    assert nums == ["(1)", "(2)", "(3)"]
    assert new.find(f".//{A}del") is not None  # kept by renumber


# --- quoted structures --------------------------------------------------------------------------


def test_quoted_structure_keeps_its_numbers_but_follows_its_container() -> None:
    quoted = (
        '<mod eId="sec_2__subsec_2__mod"><quotedStructure GUID="q" eId="sec_2__subsec_2__qstr" '
        'startQuote="“" endQuote="”">'
        + sec(
            "sec_2__subsec_2__qstr__sec_264A",
            "264A",
            sub("sec_2__subsec_2__qstr__sec_264A__subsec_2A", "(2A)", text="Quoted.")
            + sub(
                "sec_2__subsec_2__qstr__sec_264A__subsec_3",
                "(3)",
                text=ref("sec_2__subsec_2__qstr__sec_264A__subsec_2A", "subsection (2A)"),
            ),
            guid="q264A",
        )
        + "</quotedStructure></mod>"
    )
    body = (
        sec("sec_1", "1", "<content><p>Old clause.</p></content>")
        + sec("sec_NC1", "", "<content><p>New clause.</p></content>", guid="new")
        + sec(
            "sec_2",
            "2",
            sub("sec_2__subsec_1", "(1)")
            + f'<subsection GUID="g-s22" class="prov2" eId="sec_2__subsec_2"><num>(2)</num>'
            f"<content><p>Insert—</p>{quoted}</content></subsection>",
        )
    )
    new, _ = renumber(bill(body))
    q = by_guid(new, "q264A")
    assert num(q) == "264A"
    assert q.get("eId") == "sec_3__subsec_2__qstr__sec_264A"
    inner = [s for s in q.iter(A + "subsection")]
    assert [num(s) for s in inner] == ["(2A)", "(3)"]
    assert inner[0].get("eId") == "sec_3__subsec_2__qstr__sec_264A__subsec_2A"
    assert by_guid(new, "q").get("eId") == "sec_3__subsec_2__qstr"
    assert refs(new) == [("#sec_3__subsec_2__qstr__sec_264A__subsec_2A", "subsection (2A)")]


# --- Schedules, Parts and Chapters --------------------------------------------------------------


def schedule(eid: str, number: str, paras: str, guid: str | None = None) -> str:
    label = f"Schedule {number}".strip()
    return (
        f'<hcontainer GUID="{guid or "g-" + eid}" class="sch" eId="{eid}" name="schedule">'
        f"<num>{label}</num><heading>Heading</heading>{paras}</hcontainer>"
    )


def schpara(eid: str, number: str, inner: str = "") -> str:
    body = inner or "<content><p>para</p></content>"
    return (
        f'<paragraph GUID="g-{eid}" class="schProv1" eId="{eid}"><num>{number}</num>'
        f"{body}</paragraph>"
    )


def subpara(eid: str, number: str) -> str:
    return (
        f'<subparagraph GUID="g-{eid}" class="schProv2" eId="{eid}"><num>{number}</num>'
        "<content><p>sub</p></content></subparagraph>"
    )


def test_schedules_numbered_and_single_schedule_becomes_two() -> None:
    body = (
        sec(
            "sec_1",
            "1",
            "<content><p>"
            + ref("sched", "The Schedule")
            + " and "
            + ref("sched__para_2", "paragraph 2")
            + "</p></content>",
        )
        + '<hcontainer eId="scheds" name="schedules">'
        + schedule(
            "sched",
            "",
            schpara("sched__para_1", "1")
            + schpara("sched__para_1A", "1A")
            + schpara(
                "sched__para_2",
                "2",
                subpara("sched__para_2__subpara_1", "(1)")
                + subpara("sched__para_2__subpara_1A", "(1A)"),
            ),
        )
        + schedule("sched_NS1", "", schpara("sched_NS1__para_1", "1"), guid="new-sched")
        + "</hcontainer>"
    )
    new, report = renumber(bill(body))
    scheds = [el for el in new.iter(A + "hcontainer") if el.get("name") == "schedule"]
    assert [num(s) for s in scheds] == ["Schedule 1", "Schedule 2"]
    assert [s.get("eId") for s in scheds] == ["sched_1", "sched_2"]
    paras = list(scheds[0].iter(A + "paragraph"))
    assert [num(p) for p in paras] == ["1", "2", "3"]
    assert [p.get("eId") for p in paras] == [
        "sched_1__para_1",
        "sched_1__para_2",
        "sched_1__para_3",
    ]
    subs = list(scheds[0].iter(A + "subparagraph"))
    assert [s.get("eId") for s in subs] == [
        "sched_1__para_3__subpara_1",
        "sched_1__para_3__subpara_2",
    ]
    assert refs(new) == [("#sched_1", "The Schedule"), ("#sched_1__para_3", "paragraph 3")]
    assert report.citations["Schedule, paragraph 1A"] == "Schedule 1, paragraph 2"
    # "The Schedule" cannot be made to say "Schedule 1" by changing a number: reported
    assert [p.words for p in report.problems] == ["The Schedule"]


def test_parts_and_chapters() -> None:
    def part(eid: str, number: str, inner: str, guid: str) -> str:
        return (
            f'<part GUID="{guid}" class="group2" eId="{eid}"><num>{number}</num>'
            f"<heading>H</heading>{inner}</part>"
        )

    def chapter(eid: str, number: str, inner: str) -> str:
        return (
            f'<chapter GUID="g-{eid}" class="group4" eId="{eid}"><num>{number}</num>'
            f"<heading>H</heading>{inner}</chapter>"
        )

    xhdg = (
        '<hcontainer GUID="x" eId="pt_2__chp_1__xhdg_3" name="crossheading">'
        '<heading eId="pt_2__chp_1__xhdg_3__hdg">Cross</heading>'
        + sec("sec_3", "3", "<content><p>" + ref("pt_2__chp_1", "Chapter 1") + "</p></content>")
        + "</hcontainer>"
    )
    body = (
        part("pt_1", "Part 1", sec("sec_1", "1", "<content><p>a</p></content>"), "p1")
        + part("pt_1A", "Part 1A", sec("sec_2", "", "<content><p>b</p></content>"), "p1A")
        + part(
            "pt_2",
            "Part 2",
            chapter("pt_2__chp_A1", "Chapter A1", sec("sec_2A", "2A", "<content/>"))
            + chapter("pt_2__chp_1", "Chapter 1", xhdg),
            "p2",
        )
    )
    new, _ = renumber(bill(body))
    assert [num(p) for p in new.iter(A + "part")] == ["Part 1", "Part 2", "Part 3"]
    assert [p.get("eId") for p in new.iter(A + "part")] == ["pt_1", "pt_2", "pt_3"]
    assert [c.get("eId") for c in new.iter(A + "chapter")] == ["pt_3__chp_1", "pt_3__chp_2"]
    assert [num(c) for c in new.iter(A + "chapter")] == ["Chapter 1", "Chapter 2"]
    assert [num(s) for s in new.iter(A + "section")] == ["1", "2", "3", "4"]
    # crossheadings keep their own part and follow their Chapter
    assert by_guid(new, "x").get("eId") == "pt_3__chp_2__xhdg_3"
    assert refs(new) == [("#pt_3__chp_2", "Chapter 2")]


# --- real bills ---------------------------------------------------------------------------------

REAL = [
    "sustainable-aviation-fuel-bill-hc286.xml",
    "sentencing-bill-hl159.xml",
    "social-housing-regulation-bill-hl54.xml",
    "social-housing-regulation-bill-hl60.xml",
    "renters-rights-bill-hc127.xml",
    "data-protection-digital-information-no2-bill-hc265.xml",
]


@pytest.mark.parametrize("name", REAL)
def test_real_bill_with_nothing_inserted_is_unchanged(shared_data: Path, name: str) -> None:
    """The strongest check that our numbering is LawMaker's: every number, eId and reference
    of a real print comes out exactly as it went in."""
    tree = parse_file(shared_data / "bills" / name)
    new, report = renumber(tree)
    assert etree.tostring(new) == etree.tostring(tree)
    assert not report.changes and not report.eids and not report.problems


def test_real_bill_reprint_unchanged_except_markers(shared_data: Path) -> None:
    tree = parse_file(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")
    out = reprint(tree)
    a, b = copy.deepcopy(tree), copy.deepcopy(out)
    strip_markers(a.getroot())
    strip_markers(b.getroot())
    assert etree.tostring(a) == etree.tostring(b)


def _fresh_guids(el: etree._Element) -> None:
    for node in el.iter():
        if isinstance(node.tag, str) and node.get("GUID"):
            node.set("GUID", f"_{uuid.uuid4()}")


def test_real_bill_amended_reprint_validates_and_loads(shared_data: Path) -> None:
    """Sustainable Aviation Fuel Bill with a new clause after Clause 3 and a new
    subsection (2A) in Clause 1: renumbered as the House would, validating, and loading
    with a print read from the new markers."""
    tree = parse_file(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")
    original = Bill(tree)
    guids_before = {p.guid: p.citation for p in original.provisions() if p.guid}
    refs_to_4 = [r for r in tree.iter(A + "ref") if r.get("href") == "#sec_4"]
    assert refs_to_4 and "".join(refs_to_4[0].itertext()) == "section 4"

    sec3 = original.find("Clause 3").element
    new_clause = copy.deepcopy(sec3)
    _fresh_guids(new_clause)
    new_clause.set("eId", "sec_3A")
    new_clause.set(f"{{{PROVENANCE_NS}}}amendment", "NC1")
    new_clause.find(A + "num").text = ""  # numbered at reprint
    sec3.addnext(new_clause)
    sub2 = original.find("Clause 1(2)").element
    new_sub = copy.deepcopy(sub2)
    _fresh_guids(new_sub)
    new_sub.set("eId", "sec_1__subsec_2A")
    strip_markers(new_sub)
    new_sub.find(A + "num").text = "(2A)"
    sub2.addnext(new_sub)

    out, report = reprinted(tree)

    new_bill = Bill(out)
    assert [c.number for c in new_bill.clauses] == [str(n) for n in range(1, 21)]
    assert new_bill.find("Clause 4").element.get("GUID") == new_clause.get("GUID")
    assert new_bill.find("Clause 5").eid == "sec_5"
    assert new_bill.find("Clause 1(3)").element.get("GUID") == new_sub.get("GUID")
    # every provision that was there keeps its GUID
    after = {p.guid for p in new_bill.provisions() if p.guid}
    assert set(guids_before) <= after
    # references follow: old Clause 4 is now Clause 5, in the link and in the words
    refs = list(out.iter(A + "ref"))
    to_5 = [r for r in refs if r.get("href") == "#sec_5"]
    assert len(to_5) >= len(refs_to_4)
    assert "section 5" in {"".join(r.itertext()) for r in to_5}
    assert all("".join(r.itertext()) != "section 5" for r in refs if r.get("href") == "#sec_4")
    assert report.citations["Clause 4"] == "Clause 5"
    # a fresh print: markers from 1-1, and lines to cite
    problems = [p for p in validate_bill(new_bill) if p.severity == "error"]
    assert problems == []
    assert new_bill.lines and new_bill.lines[0].page == 1
    assert new_bill.find("Clause 4").lines()
    # meta untouched
    assert new_bill.metadata == original.metadata


def test_input_untouched_and_reprint_has_fresh_markers(shared_data: Path) -> None:
    tree = parse_file(shared_data / "bills" / "sentencing-bill-hl159.xml")
    before = etree.tostring(tree)
    out = reprint(tree)
    assert etree.tostring(tree) == before
    markers = [pi for pi in out.iter(etree.ProcessingInstruction) if is_marker(pi)]
    assert markers and markers[0].text.strip() == "1-1"
    assert Bill(out).lines


def test_provisions_apply_moved_into_meta_are_left_alone() -> None:
    """apply takes a left-out clause out of the body into a ``drafter:removed`` record in
    meta; the record is history: not renumbered, and its eIds do not push printed ones to
    ``__oc_N``."""
    record = (
        '<drafter:removed amendment="7" parent="" after="sec_2">'
        + sec("sec_3", "3", sub("sec_3__subsec_1", "(1)", text=ref("sec_4", "section 4"))).replace(
            'eId="sec_3"', 'drafter:eId="sec_3"', 1
        )
        + "</drafter:removed>"
    )
    body = five_clauses()
    start = body.index('<section GUID="g-sec_3"')
    end = body.index('<section GUID="g-sec_4"')
    body = body[:start] + body[end:]
    tree = parse_bytes(
        (
            HEAD.replace("<body>", "")
            + "<meta><proprietary source='#d'><drafter:provenance>"
            + record
            + "</drafter:provenance></proprietary></meta><body>"
            + body.replace(
                'eId="sec_4">',
                'eId="sec_4">',
            ).replace("<num>4</num>", "<num>4</num>")
            + TAIL
        ).encode(),
        "<test>",
    )
    # give old Clause 4 a subsection that will become sec_3__subsec_1
    sec4 = by_guid(tree, "g-sec_4")
    sec4.remove(sec4.find(A + "content"))
    sec4.append(
        etree.fromstring(
            f'<subsection xmlns="{AKN_NS}" eId="sec_4__subsec_1"><num>(1)</num></subsection>'
        )
    )
    new, report = renumber(tree)
    assert by_guid(new, "g-sec_4").get("eId") == "sec_3"
    assert by_guid(new, "g-sec_4").find(A + "subsection").get("eId") == "sec_3__subsec_1"
    kept = new.find(f".//{{{PROVENANCE_NS}}}removed")
    assert etree.tostring(kept) == etree.tostring(tree.find(f".//{{{PROVENANCE_NS}}}removed"))
    assert report.citations == {
        "Clause 4": "Clause 3",
        "Clause 4(1)": "Clause 3(1)",
        "Clause 5": "Clause 4",
    }


def test_a_schedule_with_tables_left_out_keeps_its_namespaces_and_reprints(
    shared_data: Path,
) -> None:
    """HL54's Schedule 5 quotes tables (XHTML cells holding Akoma Ntoso paragraphs). Left
    out, it is kept in ``meta``; its paragraphs stay Akoma Ntoso there (lxml had written them
    as XHTML, and a reprint then stopped on a traceback)."""
    from drafter.core.amendment import Amendment, LeaveOutSchedule, Target
    from drafter.core.apply import apply
    from drafter.core.files import xml_bytes

    old = Bill.load(shared_data / "bills/social-housing-regulation-bill-hl54.xml")
    leave_out = Amendment("1", (LeaveOutSchedule("5"),), Target(page=48, line=9))
    result, report = apply(old, [leave_out])
    assert [o.verdict for o in report.outcomes] == ["applied"]
    written = etree.fromstring(xml_bytes(result.tree))
    assert list(written.iter("{http://www.w3.org/1999/xhtml}p")) == []
    assert list(old.tree.getroot().iter("{http://www.w3.org/1999/xhtml}p")) == []
    again = Bill.from_bytes(xml_bytes(reprint(result.tree)), "reprint.xml")
    assert [s.number for s in again.schedules] == ["1", "2", "3", "4"]


def test_a_reference_to_a_clause_moved_follows_it(shared_data: Path) -> None:
    """A clause moved is left out and put in again elsewhere, word for word: the reprint
    points references to it (Schedule 1's “Section 13”, printed beside its heading) at the
    clause where it now stands, as the House's own reprint of the same move does."""
    from drafter.core.apply import apply
    from drafter.core.files import xml_bytes
    from drafter.core.redraft import draft_amendments
    from drafter.core.wording import render

    old = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    moved = copy.deepcopy(old.tree)
    clauses = {s.get("eId"): s for s in moved.iter(A + "section")}
    clause_13 = clauses["sec_13"]
    clause_13.getparent().remove(clause_13)
    clauses["sec_26"].addnext(clause_13)
    house = Bill.from_bytes(xml_bytes(reprint(moved)), "house.xml")

    amendments, problems = draft_amendments(old, house)
    assert problems == []
    assert "Page 13, line 1, leave out Clause 13" in [render(a) for a in amendments]
    ours = reprint(apply(old, amendments)[0].tree)

    def note(tree: etree._ElementTree) -> str:
        schedule = next(h for h in tree.iter(A + "hcontainer") if h.get("eId") == "sched_1")
        return " ".join("".join(schedule.find(f"{A}num/{A}authorialNote").itertext()).split())

    assert note(house.tree) == "Section 26"
    assert note(ours) == "Section 26"


def _leaving_out_clause_6(bill: Bill) -> str:
    """A paper of one amendment, 9, leaving out the sample bill's Clause 6, which Clause
    19(3)'s commencement list cites ("section 6")."""
    clause = bill.by_eid("sec_6")
    assert clause is not None
    span = bill.print.span_of(clause.element)
    assert span is not None
    line = bill.print.line_at(span[0])
    return f"Amendment 9\nPage {line.page}, line {line.number}, leave out Clause 6\n"


def test_a_reference_to_a_clause_left_out_is_reported_where_it_stands() -> None:
    """A trial left out a clause that another clause's commencement list cites ("11, 19,
    20"): the reprint renumbered the rest, so the list read "11, 19, 19" and nothing was
    said. The reference is reported, at its place in the reprint, naming the amendment."""
    from drafter.cli import SAMPLE_BILL
    from drafter.core.apply import apply
    from drafter.core.paper import read_paper_text
    from drafter.core.reprint import reprinted

    bill = Bill.load(SAMPLE_BILL)
    paper = read_paper_text(_leaving_out_clause_6(bill))
    amended, report = apply(bill, paper.amendments)
    assert report.ok
    tree, renumbering = reprinted(amended.tree, keep_deletions=True)
    # Clause 19(3) of the print, Clause 18(3) of the reprint, says "section 6"
    assert [str(p) for p in renumbering.problems] == [
        "Clause 18(3): reference “6” (#sec_6): what it cites was left out by amendment 9: "
        "its words still cite it"
    ]
    # the reprint's sec_6 is another clause: the reference no longer points at it, so the
    # next reprint neither follows it there (and makes it say "5") nor forgets it
    reprint = Bill(tree, "reprint.xml")
    first = reprint.find("Clause 1").lines()[0]
    paper = read_paper_text(
        f"Amendment 3\nPage {first.page}, line {first.number}, leave out Clause 1\n"
    )
    again, report = apply(reprint, paper.amendments)
    assert report.ok
    _, renumbering = reprinted(again.tree, keep_deletions=True)
    said = [str(p) for p in renumbering.problems]
    assert (
        "Clause 17(3): reference “6” (#sec_6): what it cites was left out by amendment 9: "
        "its words still cite it"
    ) in said
    assert not any("reference “5”" in s for s in said)


def test_the_json_report_of_a_reprint_lists_the_references_to_put_right(tmp_path: Path) -> None:
    """`apply --renumber --report json` keeps what it warns of on stderr: a reference to a
    clause left out, which the drafter must put right in the reprint."""
    import json

    from click.testing import CliRunner

    from drafter.cli import SAMPLE_BILL, cli

    paper = tmp_path / "paper.txt"
    paper.write_text(_leaving_out_clause_6(Bill.load(SAMPLE_BILL)), encoding="utf-8")
    args = ["apply", str(SAMPLE_BILL), str(paper), "--renumber", "--report", "json"]
    done = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "reprint.xml")])
    assert done.exit_code == 0, done.output
    said = "Clause 18(3): reference “6” (#sec_6): what it cites was left out by amendment 9: "
    assert f"warning: in the reprint, {said}" in done.stderr
    report = json.loads(done.stdout)
    assert report["renumbered"] and report["reprint_problems"] == [f"{said}its words still cite it"]
