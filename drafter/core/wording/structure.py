"""Inserted structure written on one line ("at end insert— “(aa) the interim targets, (ab)
…”"): where its numbered units start, and how deep each stands."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from drafter.core.amendment import Block
from drafter.core.wording.normalise import DASH, OPEN, QUOTE_MARK

_UNIT = re.compile(
    r"\((?:[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,3}[A-Z]{0,2}|[a-z]{1,4}[0-9]?|[A-Z]{1,3}| ?)\)"
)
_FIRST_UNIT = re.compile(r"\((?:1|A1| ?)\)|1")
_SUBSECTION_NUM = re.compile(r"[0-9]|[A-Z]{1,2}[0-9]")
# A Schedule paragraph's number ("12", "5A", "A1"), followed by "(1)" or a sentence
_BARE_NEXT = r" (?:\((?:[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,3}[A-Z]{0,2}| )\)|[A-Z“])"
_BARE = re.compile(rf"(?<![^ —.;:])[A-Z]?[0-9]{{1,3}}[A-Z]{{0,3}}(?={_BARE_NEXT})")
_BARE_START = re.compile(rf"[A-Z]?[0-9]{{1,3}}[A-Z]{{0,3}}{_BARE_NEXT}")
_ROMAN = re.compile(r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})")
_STRONG_BEFORE = frozenset("—.;:”")
_NEVER_AFTER_UNIT = frozenset({"or", "and"})
_NOT_AFTER_LISTED_UNIT = frozenset({"or", "and", "to", "of"})
_HEADING_END = re.compile(
    r"(?<=[a-z0-9)]) (?=(?:In|The|A|An|After|Before|For|This|These|Where|If|Any|Each|No"
    r"|Nothing|Subject|Omit|It|Every|Within|Until|Unless|On|At|Regulations under) )"
)


def _quoted_spans(body: str) -> list[tuple[int, int]]:
    """Where the quotations inside a text are: numbers inside them are not our units."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in QUOTE_MARK.finditer(body):
        if m.group() == OPEN:
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end()))
    if depth > 0:
        spans.append((start, len(body)))
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < spans[k][1]


def _opening(body: str, a: int, first_of_body: bool, prev_end: int) -> str | None:
    """How the words before position ``a`` let a unit begin there: "strong" after a dash, a
    full stop, a semicolon, a closing quotation mark, straight after another unit's number
    ("1 (1) …") or at the start (or, for the first unit of a new clause, after its heading);
    "joined" after ", and" / "; or"; "listed" after a bare comma, where cross-references
    ("(5)(a), (b) or (ba)") live too; None otherwise."""
    j = a
    while j > 0 and body[j - 1] == " ":
        j -= 1
    if j == 0 or j == prev_end or first_of_body or body[j - 1] in _STRONG_BEFORE:
        return "strong"
    if body[j - 1] == ",":
        return "listed" if j < a else None
    k = j
    while k > 0 and body[k - 1].isalpha():
        k -= 1
    if body[k:j] not in ("and", "or"):
        return None
    if k == 0 or (k >= 2 and body[k - 1] == " " and body[k - 2] in ",;"):
        return "joined"
    return None


def _unit_starts(body: str, bare: bool, heading: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each number that begins a unit: after a dash, a full stop, a
    semicolon or ", and", and followed by words, so that cross-references ("subsection (2)",
    "(5)(a), (b) or (ba)") stay in the text. With ``heading`` (a new clause or Schedule) the
    first subsection, "(1)", may follow the heading's last word."""
    spans = _quoted_spans(body)
    span_starts = [a for a, _ in spans]
    found: list[tuple[int, int]] = []
    candidates = list(_UNIT.finditer(body))
    if bare:
        candidates += _BARE.finditer(body)
        candidates.sort(key=lambda m: m.start())
    n = len(body)
    for m in candidates:
        a, b = m.start(), m.end()
        if (found and a < found[-1][1]) or (span_starts and _inside(spans, span_starts, a)):
            continue
        # a unit's number is followed by a space and words (or another unit's number)
        if b + 1 >= n or body[b] != " " or body[b + 1] in ",;.:)]":
            continue
        first_of_body = (heading and not found and a > 0 and body[a - 1] == " ") and bool(
            _FIRST_UNIT.fullmatch(m.group())
        )
        kind = _opening(body, a, first_of_body, found[-1][1] if found else -1)
        if kind is None or (kind != "strong" and not m.group().startswith("(")):
            continue
        e = b + 1
        while e < n and body[e].isalpha():
            e += 1
        if body[b + 1 : e] in (_NOT_AFTER_LISTED_UNIT if kind == "listed" else _NEVER_AFTER_UNIT):
            continue
        found.append((a, b))
    return found


def _letter_successor(num: str) -> str:
    if len(set(num)) == 1 and "a" <= num[0] < "z":
        return chr(ord(num[0]) + 1) * len(num)
    return ""


def _level(num: str, prev_text: str, stack: list[_Node]) -> int:
    """How deep a unit sits: Schedule paragraph 1, subsection (1), paragraph (a),
    sub-paragraph (i), (A). "(i)" after an open "(h)" is the next letter, unless (h) ends
    with a dash and so introduces sub-paragraphs."""
    if not num.startswith("("):
        return 0
    inner = num[1:-1].strip()
    if not inner or _SUBSECTION_NUM.match(inner):
        return 1
    if inner.isupper():
        return 4
    if _ROMAN.fullmatch(inner):
        for node in reversed(stack):
            if node.level == 2:
                if _letter_successor(node.num[1:-1]) == inner and not prev_text.endswith(DASH):
                    return 2
                break
        return 3
    # (ia) and (iaa) come between (i) and (ii) as sub-paragraphs, or (i) and (j) as paragraphs
    roman = _ROMAN.fullmatch(inner[:-1]) or _ROMAN.fullmatch(inner[:-2])
    if len(inner) >= 2 and inner[-1].isalpha() and roman:
        return 3 if any(node.level == 3 for node in stack) else 2
    return 2


@dataclass
class _Node:
    num: str
    text: str
    level: int
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Block:
        children = tuple(c.freeze() for c in self.children)
        return Block(num=self.num, text=self.text, children=children)


def _units(body: str, bare: bool, heading: bool = False) -> tuple[str, list[_Node]]:
    """The words before the first unit, and the units as a tree."""
    starts = _unit_starts(body, bare, heading)
    if not starts:
        return body.strip(), []
    lead = body[: starts[0][0]].strip()
    roots: list[_Node] = []
    stack: list[_Node] = []
    prev_text = lead
    for i, (a, b) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        raw = body[a:b]
        num = "( )" if raw in ("()", "( )") else raw
        text = body[b:end].strip()
        node = _Node(num, text, _level(num, prev_text, stack))
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        prev_text = text
    return lead, roots


def read_structure(body: str, words: bool = False) -> tuple[Block, ...]:
    """Inserted structure from its one-line text. After a dash, words before the first unit
    introduce the units ("“the appropriate authority” means— (a) …"): one unnumbered block
    holding them. With ``words`` (a quoted insertion without a dash, "insert “, and (b) …”")
    the words lead in and the units follow them; the text is structure only if it holds
    units, and ``()`` otherwise."""
    lead, roots = _units(body, bare=not words and bool(_BARE_START.match(body)))
    if words and not roots:
        return ()
    blocks = tuple(node.freeze() for node in roots)
    if not lead:
        return blocks
    if words:
        return (Block(text=lead), *blocks)
    return (Block(text=lead, children=blocks),)


def read_unit_body(body: str, schedule: bool) -> Block:
    """A new clause or Schedule from its one-line text: heading, words, numbered units."""
    lead, roots = _units(body, bare=schedule, heading=True)
    heading, text = lead, ""
    if not roots or roots[0].level > 1:
        m = _HEADING_END.search(lead)
        if m:
            heading, text = lead[: m.start()], lead[m.end() :]
    return Block(heading=heading, text=text, children=tuple(node.freeze() for node in roots))
