"""Whatever a drafter typed or pasted, brought to one canonical text: curly quotes, real
dashes, single spaces (the parser reads only this)."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.core.amendment import Block

OPEN, CLOSE, DASH = "“", "”", "—"

_SPACES = dict.fromkeys(
    map(ord, "\t\n\r\v\f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"), " "
) | dict.fromkeys(range(0x2000, 0x200B), " ")
_DROPPED = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_QUOTES = {
    ord("„"): OPEN,
    ord("‟"): OPEN,
    ord("«"): OPEN,
    ord("»"): CLOSE,
    ord("＂"): '"',
    ord("″"): '"',
    ord("‚"): "‘",
    ord("‛"): "‘",
}
_TABLE = _SPACES | _DROPPED | _QUOTES
_TRANSLATED = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")
_OPENING_CONTEXT = frozenset(" ([{—–-“‘/")
_CLOSING_FOLLOW = frozenset(" ,.;:)]—–-”?!")
_MULTISPACE = re.compile(" {2,}")
QUOTE_MARK = re.compile("[“”]")
# Spacing fixes stay clear of quotation marks, whose reading depends on their neighbours:
# that keeps normalise idempotent.
#: the space inside a quotation's marks, which goes; not beside a mark typed back to front
#: (“ after a word closes it, ” before a word opens it: the parser reads them so, and says so)
_SPACE_AFTER_OPEN = re.compile(r"(?<![\w.,;:!?)\]’])“ ")
_SPACE_BEFORE_CLOSE = re.compile(r" ”(?![\w(\[‘])")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<![“”‘’'\"]) +(?=[,;:.])")
_COMMA_NO_SPACE = re.compile(r",(?=[^ ,“”‘’'\"])")
_KEYWORD_HYPHEN = re.compile(r"\b(insert|clause|schedule) ?(?::? ?)(?:--?|‒|−)(?= |$|“|\()", re.I)
_DASH_SPACES = re.compile(r"(?<![‘'\"])[ :]*[—–―]+ *")


def _straight_doubles(text: str) -> str:
    """Straight double quotes become curly ones (opening after a space, bracket or dash)
    where they stand for the wording's own marks: outside any quotation opened with a curly
    mark. Inside one they are the bill's own text, as printed, and stay: a print may have
    "not" where the next has “not”, and an amendment must be able to say so."""
    if '"' not in text:
        return text
    out = []
    depth = 0
    for i, ch in enumerate(text):
        if ch == '"' and not depth:
            opening = i == 0 or text[i - 1] in _OPENING_CONTEXT
            out.append(OPEN if opening else CLOSE)
            continue
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(depth - 1, 0)
        out.append(ch)
    return "".join(out)


def _singles(text: str) -> str:
    """Single quotation marks that delimit a quotation in the wording (‘…’ or '…', outside
    any “…”) become “…”; every other straight ' is an apostrophe, printed ’. Inside a
    quotation ‘ and ’ are the bill's own and stay."""
    if "'" not in text and "‘" not in text:
        return text
    chars = list(text)
    opener = -1
    depth = 0
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch == OPEN:
            depth += 1
            continue
        if ch == CLOSE:
            depth = max(depth - 1, 0)
            continue
        if ch not in "'‘’":
            continue
        if depth:
            if ch == "'":
                chars[i] = "’"
            continue
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < n else " "
        if ch in "'‘" and before in _OPENING_CONTEXT and after != " " and opener < 0:
            opener = i
            continue
        if ch in "'’" and opener >= 0 and after in _CLOSING_FOLLOW and before != " ":
            chars[opener] = OPEN
            chars[i] = CLOSE
            opener = -1
            continue
        if ch == "'":
            chars[i] = "’"
    if opener >= 0 and chars[opener] == "'":
        chars[opener] = "’"
    return "".join(chars)


def normalise(text: str) -> str:
    """One canonical text for a wording, so that the grammar sees one form of each thing:
    curly quotation marks, an em dash before inserted structure ("insert— “…”"), single
    spaces, no line breaks, no space before punctuation outside quotations. Inside quotations
    (the bill's own words) only spacing and apostrophes (’) change.
    Idempotent: ``normalise(normalise(t)) == normalise(t)``."""
    text = _normalise_once(text)
    # A pass can pair a ‘ it had to pass over (another quotation was open) with a later ’:
    # go again until nothing changes. Without a ‘ left, another pass would change nothing.
    for _ in range(8):
        if "‘" not in text:
            break
        again = _normalise_once(text)
        if again == text:
            break
        text = again
    return text


def _normalise_once(text: str) -> str:
    if _TRANSLATED.search(text):  # translate() is slow; most wordings need none of it
        text = text.translate(_TABLE)
    text = text.replace("''", '"')
    text = _singles(_straight_doubles(text))
    text = _MULTISPACE.sub(" ", text).strip()
    if not text:
        return text
    # Outside quotations (depth 0) the spacing of punctuation and dashes is ours to fix.
    pieces: list[str] = []
    depth = 0
    last = 0
    for m in QUOTE_MARK.finditer(text):
        i = m.start()
        pieces.append(_outside(text[last:i]) if depth == 0 else text[last:i])
        pieces.append(m.group())
        depth = depth + 1 if m.group() == OPEN else max(depth - 1, 0)
        last = i + 1
    pieces.append(_outside(text[last:]) if depth == 0 else text[last:])
    text = _SPACE_BEFORE_CLOSE.sub(CLOSE, _SPACE_AFTER_OPEN.sub(OPEN, "".join(pieces)))
    return _MULTISPACE.sub(" ", text).strip()


def typeset_marks(text: str) -> str:
    """``text`` with every mark a keyboard types as the House sets it: ’ for ', and a curly
    double quote for a straight one (opening after a space, bracket or dash). Words that
    differ only so print the same: a bill's XML has some straight marks its print sets
    curly, and a paper's units give them back curly (see :func:`_inner`)."""
    text = text.replace("'", "’")
    if '"' not in text:
        return text
    return "".join(
        (OPEN if i == 0 or text[i - 1] in _OPENING_CONTEXT else CLOSE) if ch == '"' else ch
        for i, ch in enumerate(text)
    )


def _inner(text: str) -> str:
    """Quoted text as :func:`normalise` leaves it inside a quotation: ’ for ', single
    spaces, and curly double quotes for straight ones typed in words that have no curly
    ones (words that have are typeset: their straight marks are the bill's own)."""
    if _TRANSLATED.search(text):
        text = text.translate(_TABLE)
    if '"' in text or "'" in text:
        text = text.replace("''", '"')
        if OPEN not in text and CLOSE not in text:
            text = _straight_doubles(text)
        text = text.replace("'", "’")
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = _MULTISPACE.sub(" ", text).strip()
    return text


def normalised_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A caller's structure with its text normalised as parsed text would be, so that an
    amendment read from a paper equals the one read from its printed wording."""
    return tuple(
        replace(
            b,
            num=_inner(b.num),
            heading=_inner(b.heading),
            text=_inner(b.text),
            children=normalised_blocks(b.children),
            wrap_up=_inner(b.wrap_up),
            table=None
            if b.table is None
            else replace(b.table, rows=tuple(tuple(map(_inner, r)) for r in b.table.rows)),
        )
        for b in blocks
    )


def _outside(piece: str) -> str:
    piece = _KEYWORD_HYPHEN.sub(lambda m: m.group(1) + DASH, piece)
    piece = _DASH_SPACES.sub(DASH + " ", piece)
    piece = _SPACE_BEFORE_PUNCT.sub("", piece)
    return _COMMA_NO_SPACE.sub(", ", piece)
