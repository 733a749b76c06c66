"""How drafter's messages say counts and amendment numbers: one wording everywhere."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, noun: str) -> str:
    """ "1 amendment", "9 amendments": a count as a message says it."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def named(numbers: Sequence[str]) -> str:
    """Amendments as a sentence names them: "amendment 4", "amendments 4, 5" ("" for none)."""
    if not numbers:
        return ""
    return ("amendment " if len(numbers) == 1 else "amendments ") + ", ".join(numbers)
