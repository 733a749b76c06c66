"""Word-level differences between two runs of tokens (diff-match-patch over words, with its
semantic clean-up), as edits with their places in both prints."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from fast_diff_match_patch import diff as dmp_diff

from drafter.core.compare.changes import Edit
from drafter.core.compare.sides import Side, Token

#: one step of a word diff: ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2)
Op = tuple[str, int, int, int, int]


def encode_words(a: list[str], b: list[str]) -> tuple[str, str]:
    """``a`` and ``b`` as strings of one character per distinct word: U+0100 for the first
    word of ``a``, and so on through ``a`` then ``b`` (skipping the surrogates)."""
    vocab = dict.fromkeys(chain(a, b), "")
    n = len(vocab)
    if 0x100 + n <= 0xD800:
        codes: Iterator[str] = map(chr, range(0x100, 0x100 + n))
    else:
        codes = chain(map(chr, range(0x100, 0xD800)), map(chr, range(0xE000, n + 0x900)))
    code = dict(zip(vocab, codes, strict=True)).__getitem__
    return "".join(map(code, a)), "".join(map(code, b))


def diff_words(a: list[str], b: list[str]) -> list[Op]:
    """Opcodes ("equal" | "insert" | "delete" | "replace", i1, i2, j1, j2) turning token list
    ``a`` into ``b``: diff-match-patch over one character per distinct word, semantic
    clean-up, adjacent deletions and insertions joined into replacements."""
    diffs = dmp_diff(
        *encode_words(a, b), timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    out: list[Op] = []
    i = j = 0
    pending: list[int] = [0, 0]  # deleted, inserted since the last equality
    start = (0, 0)

    def flush() -> None:
        d, n = pending
        if d or n:
            kind = "replace" if d and n else ("delete" if d else "insert")
            out.append((kind, start[0], start[0] + d, start[1], start[1] + n))
        pending[0] = pending[1] = 0

    for op, n in diffs:
        if op == "=":
            flush()
            out.append(("equal", i, i + n, j, j + n))
            i += n
            j += n
            start = (i, j)
        elif op == "-":
            if not pending[0] and not pending[1]:
                start = (i, j)
            pending[0] += n
            i += n
        else:
            if not pending[0] and not pending[1]:
                start = (i, j)
            pending[1] += n
            j += n
    flush()
    return out


def token_slice(text: str, toks: list[Token], a: int, b: int) -> str:
    """The printed words of tokens [a, b) (joined with single spaces across segments)."""
    if a >= b:
        return ""
    parts: list[str] = []
    k = a
    while k < b:
        seg = toks[k].segment
        e = k
        while e + 1 < b and toks[e + 1].segment == seg:
            e += 1
        parts.append(text[toks[k].start : toks[e].end])
        k = e + 1
    return " ".join(parts)


def word_ops(old: Side, i: int, new: Side, j: int) -> list[Op]:
    return diff_words(old.words(i), new.words(j))


def whole_labels(ops: list[Op], a: list[str], b: list[str]) -> list[Op]:
    """Replacements between brackets take the brackets in: “(b)” to “(c)” is reported so,
    not as “b” to “c” inside brackets that stay, so that changes read as whole words."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        kind, i1, i2, j1, j2 = out[k]
        before, after = out[k - 1], out[k + 1]
        if kind != "replace" or before[0] != "equal" or after[0] != "equal":
            continue
        if not (before[2] > before[1] and after[2] > after[1]):
            continue
        if a[i1 - 1] != "(" or a[i2] != ")" or b[j1 - 1] != "(" or b[j2] != ")":
            continue
        out[k - 1] = ("equal", before[1], i1 - 1, before[3], j1 - 1)
        out[k] = ("replace", i1 - 1, i2 + 1, j1 - 1, j2 + 1)
        out[k + 1] = ("equal", i2 + 1, after[2], j2 + 1, after[4])
    return [op for op in out if op[0] != "equal" or op[2] > op[1]]


def edits_of(
    old: Side, i: int, new: Side, j: int, ops: list[Op]
) -> tuple[tuple[Edit, ...], tuple[tuple[str, str], ...]]:
    ta, tb = old.own_tokens(i), new.own_tokens(j)
    ops = whole_labels(ops, ta.words, tb.words)
    a_text, b_text = old.text, new.text
    edits: list[Edit] = []
    segments: list[tuple[str, str]] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            segments.append(("=", ta.spaced(a_text, i1, i2)))
            continue
        # a quotation mark is a word: " for “, or ” for “, is a change of the text
        old_words, new_words = ta.text(a_text, i1, i2), tb.text(b_text, j1, j2)
        if i2 > i1:
            segments.append(("-", ta.spaced(a_text, i1, i2)))
        if j2 > j1:
            segments.append(("+", tb.spaced(b_text, j1, j2)))
        os_ = ta.point(i1, i2)
        ns_ = tb.point(j1, j2)
        edits.append(
            Edit(
                old=old_words,
                new=new_words,
                old_span=os_,
                new_span=ns_,
                old_place=old.place(os_[0] if os_[1] > os_[0] else max(0, os_[0] - 1)),
                new_place=new.place(ns_[0] if ns_[1] > ns_[0] else max(0, ns_[0] - 1)),
            )
        )
    return tuple(edits), tuple(segments)
