"""Fuzzing the paper readers with real papers, as they arrive from outside: cut short, spliced
together and re-quoted (straight, curly, angle and stray quotation marks). Each of 10,000
mangled papers must give either a paper (whose unreadable amendments carry their own error)
or one clear error naming the file — never a traceback.

The cases are seeded and fixed, so a failure names its case and reproduces."""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import AKN_NS
from drafter.core.errors import UserError
from drafter.core.paper import Paper, load_paper, paper_from_xml, read_paper_text, write_paper_text
from drafter.core.xml import parse_bytes
from tests.conftest import REPO_ROOT

TEXT_CASES = 6_000
XML_CASES = 4_000
QUOTES = "“”\"‘’'<>«»"
SAMPLE_XML = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.xml"


@pytest.fixture(scope="module")
def text_amendments(shared_data: Path) -> tuple[str, list[str]]:
    """The sample paper's header, and every amendment of every real paper as a text block."""
    blocks: list[str] = []
    for path in sorted((shared_data / "amendments").glob("*.xml")):
        text = write_paper_text(load_paper(path))
        blocks.extend(b for b in re.split(r"\n(?=Amendment )", text) if b.startswith("Amendment"))
    sample = (REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt").read_text("utf-8")
    header = sample.split("\nAmendment ", 1)[0]
    return header, blocks


@pytest.fixture(scope="module")
def xml_components(shared_data: Path) -> tuple[bytes, list[bytes]]:
    """The sample XML paper's shell, and every amendment component of every real paper."""
    components: list[bytes] = []
    for path in sorted((shared_data / "amendments").glob("*.xml")):
        tree = parse_bytes(path.read_bytes(), path)
        for c in tree.iter(f"{{{AKN_NS}}}component"):
            if c.get("class") == "amendment":
                components.append(etree.tostring(c, encoding="utf-8"))
    shell = SAMPLE_XML.read_bytes()
    return shell, components


def _mangle(text: str, others: list[str], rng: random.Random) -> str:
    """Cut, splice or re-quote ``text`` (one to three times)."""
    for _ in range(rng.randint(1, 3)):
        how = rng.randrange(4)
        if how == 0 and text:  # cut a piece out
            a = rng.randrange(len(text))
            text = text[:a] + text[a + rng.randint(1, 60) :]
        elif how == 1 and text:  # cut short
            text = text[: rng.randrange(len(text))]
        elif how == 2:  # splice in a piece of another paper
            other = rng.choice(others)
            a = rng.randrange(len(other) + 1)
            piece = other[a : a + rng.randint(1, 200)]
            at = rng.randrange(len(text) + 1)
            text = text[:at] + piece + text[at:]
        else:  # re-quote: swap quotation marks for others
            marks = [i for i, ch in enumerate(text) if ch in QUOTES]
            chars = list(text)
            for i in rng.sample(marks, min(len(marks), rng.randint(1, 4))):
                chars[i] = rng.choice(QUOTES)
            text = "".join(chars)
    return text


def _mangle_words(xml: str, rng: random.Random) -> str:
    """Mangle a few runs of words between tags (the instructions' quotation marks among
    them), escaped, so that the XML stays well formed and the amendment readers see them."""
    parts = re.split(r"(<[^>]*>)", xml)
    words = [i for i, part in enumerate(parts) if not part.startswith("<") and part.strip()]
    for i in rng.sample(words, min(len(words), rng.randint(1, 3))):
        text = html.unescape(parts[i])
        others = [html.unescape(parts[k]) for k in rng.sample(words, min(len(words), 3))]
        parts[i] = html.escape(_mangle(text, others, rng), quote=False)
    return "".join(parts)


def _read_or_refuse(read: Callable[[], Paper], case: str) -> None:
    try:
        paper = read()
    except UserError as err:
        message = str(err)
        assert message and "\n" not in message.strip(), (case, message)
        assert "<fuzz>" in message, (case, message)  # it names the file
        return
    for entry in paper.entries:
        if entry.problem:
            assert entry.amendment.operations == (), case
            assert entry.number in entry.problem, (case, entry.problem)


def test_mangled_text_papers_read_or_refuse_clearly(text_amendments: tuple[str, list[str]]) -> None:
    header, blocks = text_amendments
    rng = random.Random(14)
    for case in range(TEXT_CASES):
        chosen = rng.sample(blocks, rng.randint(1, 4))
        mangled = _mangle("\n".join(chosen), blocks, rng)
        text = header + "\n" + mangled + "\n"
        _read_or_refuse(lambda text=text: read_paper_text(text, path="<fuzz>"), f"text {case}")


def test_mangled_xml_papers_read_or_refuse_clearly(
    xml_components: tuple[bytes, list[bytes]],
) -> None:
    shell, components = xml_components
    head, rest = shell.split(b'<component class="amendment">', 1)
    tail = rest[rest.rindex(b"</component>") + len(b"</component>") :]
    texts = [c.decode("utf-8") for c in components]
    rng = random.Random(14)
    for case in range(XML_CASES):
        chosen = rng.sample(texts, rng.randint(1, 3))
        roll = rng.random()
        if roll < 0.4:  # mangle the words only: the XML stays well formed
            data = head + _mangle_words("".join(chosen), rng).encode("utf-8") + tail
        elif roll < 0.7:  # mangle inside the amendments, keeping the paper's frame
            body = _mangle("".join(chosen), texts, rng)
            data = head + body.encode("utf-8") + tail
        else:  # or anywhere in the whole file
            whole = (head + "".join(chosen).encode("utf-8") + tail).decode("utf-8")
            data = _mangle(whole, texts, rng).encode("utf-8")
        _read_or_refuse(lambda data=data: paper_from_xml(data, "<fuzz>"), f"xml {case}")
