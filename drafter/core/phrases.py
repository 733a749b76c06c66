"""How drafter's messages say counts and amendment numbers: one wording everywhere."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, noun: str) -> str:
    """ "1 amendment", "9 amendments": a count as a message says it."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def named(numbers: Sequence[str]) -> str:
    """Amendments as a sentence names them: "amendment 4", "amendments 4, 5", "amendments
    1 to 69, 72" (three or more numbers in a row as a range; "" for none)."""
    if not numbers:
        return ""
    parts: list[str] = []
    run: list[int] = []

    def close() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]} to {run[-1]}")
        else:
            parts.extend(str(n) for n in run)
        run.clear()

    for number in numbers:
        plain = number.isascii() and number.isdigit() and str(int(number)) == number
        if plain and run and int(number) == run[-1] + 1:
            run.append(int(number))
            continue
        close()
        if plain:
            run.append(int(number))
        else:
            parts.append(number)
    close()
    return ("amendment " if len(numbers) == 1 else "amendments ") + ", ".join(parts)
