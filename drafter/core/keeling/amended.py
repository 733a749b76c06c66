"""The changes of a table of amendments made as amendments to the Act, in the House's own
wording and cited by the page and line of drafter's print of the Act ("Page 176, line 6,
leave out “shorthold” and insert “assured”"), so that :func:`drafter.core.apply.apply` makes
them and the exports mark each with the provision of the bill that makes it.

A change drafter cannot yet make this way (a definition omitted by its term, words "from …
to the end") is returned with the reason, never dropped."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from drafter.core.akn import AKN, AKN_NS
from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    Inserted,
    LeaveOut,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutRange,
    NewClause,
    NewSchedule,
    Operation,
    Substitute,
    Target,
    Words,
)
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.keeling.table import KeelingRow
from drafter.core.paper import KEELING, Paper, PaperInfo, entry_from_amendment
from drafter.core.paper.lawmaker_xml import definition_term
from drafter.core.print.lines import Line
from drafter.core.print.reading import CLOSING_PUNCTUATION
from drafter.core.provisions import kind_of
from drafter.core.resolve import cite_words, citing

_QUOTED = re.compile(r"“([^”]*)”")
#: the provisions a change may name by the kind the bill's words give
_UNIT_KINDS = ("subsection", "paragraph", "sub-paragraph")


def _whole_words(words: str) -> re.Pattern[str]:
    """``words`` where they stand as words: "on" is not the end of "condition"."""
    before = r"(?<!\w)" if words[:1].isalnum() else ""
    after = r"(?!\w)" if words[-1:].isalnum() else ""
    return re.compile(before + re.escape(words) + after)


def _next_section(el: etree._Element) -> str | None:
    """The number of the section after ``el`` (a new one replacing ``el`` goes before it)."""
    following = el.getnext()
    while following is not None and kind_of(following) not in ("clause", "section"):
        following = following.getnext()
    num = following.find(AKN + "num") if following is not None else None
    return " ".join("".join(num.itertext()).split()) if num is not None else None


def _sort_key(term: str) -> str:
    """A defined term as the alphabetical order of definitions takes it: word by word
    (“care home” before “careers”), letters and digits alone, whatever their case."""
    return "".join(ch for ch in term.casefold() if ch.isalnum() or ch == " ")


def _substitute(words: str) -> Callable[[Words], Operation]:
    return lambda found: Substitute(found, words)


#: the word after a place (spaces first)
_NEXT_WORD = re.compile(r"\s*(\S+)")


class _NotYet(Exception):
    """A change drafter cannot yet make as an amendment (the reason)."""


def _not_made_again(text: str, places: list[int], words: str, new: str, after: bool) -> None:
    """_NotYet when ``new``, to be put in ``after`` (else before) ``words`` at each of
    ``places`` in ``text``, stands there already at every one, as whole words: the Act has
    the change made ("(1) or (3)" has “or (3)” after “(1)”; "(1) or (3A)" has not)."""
    said = _whole_words(new)
    for place in places:
        if after:
            rest = text[place + len(words) :]
            found = said.match(rest, len(rest) - len(rest.lstrip()))
        else:
            before = text[:place].rstrip()
            found = said.search(before, max(0, len(before) - len(new)))
            found = found if found is not None and found.end() == len(before) else None
        if found is None:
            return
    joined = (
        f"{words}{'' if new[0] in CLOSING_PUNCTUATION else ' '}{new}"
        if after
        else (f"{new} {words}")
    )
    raise _NotYet(f"the Act's provision already says “{joined}”: made before?")


def keeling_paper(
    act: Bill, rows: list[KeelingRow], name: str = "", by: str = ""
) -> tuple[Paper, list[tuple[KeelingRow, str]]]:
    """The changes ``rows`` make, as a paper of amendments to ``act`` (numbered by the
    provision of the bill that makes each: "s. 28(2)(a)"), and the rows it could not make,
    each with the reason. ``name``: the Act's name as the bill names it (its title, for a
    document of it); ``by``: the bill's title."""
    maker = _Maker(act)
    amendments: list[Amendment] = []
    left: list[tuple[KeelingRow, str]] = []
    used: Counter[str] = Counter()
    for row in rows:
        if row.problem:
            left.append((row, row.problem))
            continue
        try:
            made = maker.amendments(row)
        except _NotYet as reason:
            left.append((row, str(reason)))
            continue
        for operation, target in made:
            used[row.source] += 1
            number = row.source if used[row.source] == 1 else f"{row.source} [{used[row.source]}]"
            amendments.append(Amendment(number, (operation,), target))
    heading = f"As the {by} would amend it" if by else ""
    info = PaperInfo(title=name or act.metadata.title, kind=KEELING, heading=heading)
    return Paper(info=info, entries=tuple(entry_from_amendment(a) for a in amendments)), left


class _Maker:
    def __init__(self, act: Bill) -> None:
        self.act = act
        self.pr = act.print
        # the Act's own provisions: what a quotation in it puts in elsewhere may repeat an eId
        own = act.root.xpath(
            "//*[@eId][not(ancestor::a:quotedStructure)]", namespaces={"a": AKN_NS}
        )
        self.by_eid: dict[str, etree._Element] = {el.get("eId", ""): el for el in own}

    def amendments(self, row: KeelingRow) -> list[tuple[Operation, Target]]:
        elements = [self.by_eid[eid] for eid in row.affected_provision.split(",")]
        op = row.operation.lower()
        quoted = _QUOTED.findall(row.operation)
        put: Inserted = row.structure or self.inserted_words(row)
        each = bool(re.search(r"\b(?:in each place|in both places)\b", row.words))
        out: list[tuple[Operation, Target]] = []
        span = re.search(r"“([^”]*)” to (?:“([^”]*)”|the end)", row.operation)
        if span is not None and len(elements) == 1:
            # "for the words from “x” to the end substitute": x goes too
            return [self.range_change(elements[0], span.group(1), span.group(2), put)]
        definition = re.search(r"\bthe definition of “([^”]*)”", row.operation + row.rest)
        if definition is not None and op.startswith(("omit", "for")) and len(elements) == 1:
            return [self.definition_change(elements[0], definition.group(1), op, put)]
        if row.named_kind and not op.startswith("at the") and not quoted:
            # one change to the provisions it names ("for subsections (1) and (2) substitute")
            return self.provision_change(row, elements[0], op, put)
        for el in elements:
            if op.startswith("for") and quoted:
                out.extend(self.each(el, quoted[0], each, lambda w: Substitute(w, put)))
            elif op.startswith("omit") and quoted:
                out.extend(self.each(el, quoted[0], each, LeaveOut))
            elif op.startswith("after") and quoted:
                out.extend(self.each(el, quoted[0], each, lambda w: InsertAfter(w, put), put=put))
            elif op.startswith("before") and quoted:
                out.extend(
                    self.each(
                        el, quoted[0], each, lambda w: InsertBefore(w, put), put=put, after=False
                    )
                )
            elif op.startswith("at the appropriate place") and isinstance(put, tuple):
                out.extend(self.in_order(el, block) for block in put)
            elif op.startswith("at the end"):
                out.append((InsertAtEnd(put), self.target(self.last_line(el))))
            elif op.startswith("at the beginning"):
                out.append((InsertAtBeginning(put), self.target(self.first_line(el))))
            elif re.search(r"\b(?:are|is) repealed", op):
                words = _QUOTED.findall(row.words.split("repealed")[0])
                if not words:
                    raise _NotYet("drafter cannot yet repeal a provision named so")
                out.extend(self.each(el, words[-1], each, LeaveOut))
            elif re.search(r"\bbecomes\b", op) or "title" in op or "heading" in op:
                new = _QUOTED.findall(row.rest) or _QUOTED.findall(row.words.split("becomes")[-1])
                if not new:
                    raise _NotYet("the new heading is not in the words")
                heading = el if el.tag == AKN + "heading" else el.find(AKN + "heading")
                if heading is None:
                    raise _NotYet("the provision has no heading to change")
                old = " ".join("".join(heading.itertext()).split())
                out.extend(self.each(heading, old, False, _substitute(new[0])))
            else:
                raise _NotYet(f"drafter cannot yet make “{row.operation.strip()}” as an amendment")
        return out

    def provision_change(
        self, row: KeelingRow, el: etree._Element, op: str, put: Inserted
    ) -> list[tuple[Operation, Target]]:
        """A change naming a provision: put in after or before it, left out, or replaced."""
        kind = row.named_kind
        number = row.named[0].strip("()") if row.named else ""
        blocks = put if isinstance(put, tuple) else ()
        if kind == "schedule" and blocks and op.startswith(("after", "before")):
            where = {"after": number} if op.startswith("after") else {"before": number}
            return [(NewSchedule(b, **where), Target()) for b in blocks]
        if kind == "section":
            if op.startswith("after") and blocks:
                return [(NewClause(b, after=number), Target()) for b in blocks]
            if op.startswith("omit"):
                return [(LeaveOutClause(number), self.target(self.first_line(el)))]
            if op.startswith("for") and blocks:  # left out, and the new put in where it stood
                out = [(LeaveOutClause(number), self.target(self.first_line(el)))]
                return out + [(NewClause(b, before=_next_section(el)), Target()) for b in blocks]
            raise _NotYet(f"drafter cannot yet make “{row.operation.strip()}” to a whole section")
        provision_kind = kind if kind in _UNIT_KINDS else kind_of(el) or kind
        if op.startswith("after"):
            return [(InsertAtEnd(put), self.target(self.last_line(el)))]
        if op.startswith("before"):
            return [(InsertAtBeginning(put), self.target(self.first_line(el)))]
        numbers = tuple(label.strip("()") for label in row.named)
        if op.startswith("omit") or "repealed" in op:
            return [(LeaveOutProvisions(provision_kind, numbers), self.target(self.first_line(el)))]
        if op.startswith("for") and blocks:
            operation = LeaveOutProvisions(provision_kind, numbers, insert=blocks)
            return [(operation, self.target(self.first_line(el)))]
        raise _NotYet(f"drafter cannot yet make “{row.operation.strip()}”")

    def each(
        self,
        el: etree._Element,
        words: str,
        every: bool,
        make: Callable[[Words], Operation],
        *,
        put: Inserted = "",
        after: bool = True,
    ) -> list[tuple[Operation, Target]]:
        """The change ``make`` of ``words`` in ``el``: at the first place they stand, or (for
        "in each place") at every place, each cited by its line and occurrence there.
        Words ``put`` in ``after`` (else before) them that stand there already at every such
        place are not put in again: the Act has the change made (_NotYet)."""
        span = self.pr.span_of(el)
        if span is None:
            raise _NotYet("the Act prints nothing of the provision")
        text = self.pr.text
        found = _whole_words(words)
        places = [m.start() for m in found.finditer(text, span[0], span[1])]
        if not places:
            raise _NotYet(f"the Act's provision does not say “{words}”")
        chosen = places if every else places[:1]
        if isinstance(put, str) and put.strip():
            _not_made_again(text, chosen, words, put.strip(), after)
        out = []
        for start in chosen:
            line = self.pr.line_at(start)
            out.append((make(self.on_line(start, start + len(words), line)), self.target(line)))
        return out

    def range_change(
        self, el: etree._Element, first: str, last: str | None, put: Inserted
    ) -> tuple[Operation, Target]:
        """The words from ``first`` to ``last`` (or to the end of ``el``), both ends included,
        as the House leaves out words between two that stay: from the word before ``first``,
        to the word after ``last`` (or the end of the provision)."""
        span = self.pr.span_of(el)
        if span is None:
            raise _NotYet("the Act prints nothing of the provision")
        text = self.pr.text
        start = _whole_words(first).search(text, span[0], span[1])
        if start is None:
            raise _NotYet(f"the Act's provision does not say “{first}”")
        before = re.search(r"(\S+)\s*$", text[span[0] : start.start()])
        if before is None:
            raise _NotYet(
                f"no word stands before “{first}” in the Act's provision to leave out from"
            )
        anchor_at = span[0] + before.start(1)
        line = self.pr.line_at(anchor_at)
        anchor = self.on_line(anchor_at, anchor_at + len(before.group(1)), line)
        after: re.Match[str] | None = None
        if last is not None:
            end = _whole_words(last).search(text, start.end(), span[1])
            if end is None:
                raise _NotYet(f"the Act's provision does not say “{last}” after “{first}”")
            after = _NEXT_WORD.match(text, end.end(), span[1])
        if after is None:  # to the end, or to the provision's last words: to its end
            kind = kind_of(el) or "provision"
            operation = LeaveOutRange(anchor, None, insert=put or None, end_of=(kind, ""))
            return operation, self.target(line)
        closing_at = after.start(1)
        closing_line = self.pr.line_at(closing_at)
        closing = self.on_line(closing_at, closing_at + len(after.group(1)), closing_line)
        end_line = None if closing_line is line else closing_line.number
        operation = LeaveOutRange(anchor, closing, end_line=end_line, insert=put or None)
        if closing_line.page != line.page:
            raise _NotYet("the words run on to another page of drafter's print of the Act")
        return operation, self.target(line)

    def definition_change(
        self, el: etree._Element, term: str, op: str, put: Inserted
    ) -> tuple[Operation, Target]:
        """A definition left out, or replaced, by its term: the lines it is printed on (a
        definition starts a line of its own)."""
        found = next(
            (
                d
                for d in el.iter(AKN + "hcontainer")
                if d.get("name") == "definition"
                and " ".join("".join(d.itertext()).split()).startswith(f"“{term}”")
            ),
            None,
        )
        if found is None:
            raise _NotYet(f"the Act's provision has no definition of “{term}”")
        first, last = self.first_line(found), self.last_line(found)
        if first.page != last.page:
            raise _NotYet("the definition runs on to another page of drafter's print of the Act")
        if op.startswith("for") and not isinstance(put, tuple):
            raise _NotYet("the definition put in its place is not in the words")
        operation = LeaveOutLines(
            first.number, last.number, insert=put if op.startswith("for") else None
        )
        return operation, Target(page=first.page)

    def in_order(self, el: etree._Element, block: Block) -> tuple[Operation, Target]:
        """A definition put in "at the appropriate place": among the provision's definitions,
        in the alphabetical order of their terms, before the first that sorts after it."""
        term = definition_term(block.text)
        if term is None:
            raise _NotYet("what goes in “at the appropriate place” is not a definition")
        defined = [
            (d, definition_term(" ".join("".join(d.itertext()).split())))
            for d in el.iter(AKN + "hcontainer")
            if d.get("name") == "definition"
        ]
        terms = [(d, t[0]) for d, t in defined if t is not None]
        if not terms:
            raise _NotYet("the Act's provision has no definitions to put one among")
        key = _sort_key(term[0])
        later = next((d for d, t in terms if _sort_key(t) > key), None)
        if later is not None:
            return InsertAtBeginning((block,)), self.target(self.first_line(later))
        return InsertAtEnd((block,)), self.target(self.last_line(terms[-1][0]))

    def on_line(self, start: int, end: int, line: Line) -> Words:
        """The words printed from ``start`` to ``end`` as an amendment citing ``line`` quotes
        them: with their occurrence when the line has them more than once, counted as
        resolve counts."""
        words = cite_words(self.act, self.target(line), start, end)
        if words is None:
            raise _NotYet(f"“{self.pr.text[start:end]}” cannot be cited on its line of the Act")
        return words

    def inserted_words(self, row: KeelingRow) -> str:
        quoted = _QUOTED.findall(row.rest)
        words = quoted[0] if quoted else ""
        if "…" in words:  # structure quoted inside the words, not read
            raise _NotYet("drafter cannot yet put in units quoted inside words")
        return words

    def first_line(self, el: etree._Element) -> Line:
        span = self.pr.span_of(el)
        if span is None:
            raise _NotYet("the Act prints nothing of the provision")
        return self.pr.line_at(span[0])

    def last_line(self, el: etree._Element) -> Line:
        span = self.pr.span_of(el)
        if span is None:
            raise _NotYet("the Act prints nothing of the provision")
        return self.pr.line_at(max(span[0], span[1] - 1))

    def target(self, line: Line) -> Target:
        return citing(self.act, line)
