"""What applying a paper did, amendment by amendment: each one's verdict, the reason, and the
changes it made; as text for a person and JSON for a program."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from drafter.core.errors import UserError
from drafter.core.phrases import counted

Verdict = Literal[
    "applied", "does not fit", "conflict", "pre-empted", "not moved", "notice", "already made"
]


class ApplyError(UserError, ValueError):
    """A request that cannot be carried out at all (``only`` naming no amendment …)."""


@dataclass(frozen=True)
class Change:
    """One change made to the bill: what, where (citation and eId) and the words."""

    action: str  # "leave out", "insert", "substitute", "leave out provision", "new clause" …
    provision: str
    eid: str
    old: str = ""
    new: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "action": self.action,
            "provision": self.provision,
            "eId": self.eid,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Outcome:
    """What became of one amendment."""

    number: str
    status: str
    applied: bool
    verdict: Verdict
    reason: str = ""
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "status": self.status,
            "applied": self.applied,
            "verdict": self.verdict,
            "reason": self.reason,
            "sponsors": list(self.sponsors),
            "changes": [c.to_json() for c in self.changes],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Report:
    """What apply did: one outcome per selected amendment, in marshalled order."""

    bill: str
    outcomes: tuple[Outcome, ...]
    laid_out: bool = False
    renumbered: bool = False
    #: a reprint's cross-references that renumbering could not put right, which the drafter
    #: must (said on stderr as they are found, and kept in the JSON report)
    reprint_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every selected amendment was applied."""
        return all(o.applied for o in self.outcomes)

    @property
    def applied(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.applied]

    def outcome(self, number: str) -> Outcome:
        return next(o for o in self.outcomes if o.number == number)

    def to_json(self) -> dict[str, Any]:
        made: dict[str, Any] = {
            "bill": self.bill,
            "applied": len(self.applied),
            "not_applied": len(self.outcomes) - len(self.applied),
            "laid_out": self.laid_out,
            "renumbered": self.renumbered,
            "amendments": [o.to_json() for o in self.outcomes],
        }
        if self.renumbered:
            made["reprint_problems"] = list(self.reprint_problems)
        return made

    def json(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    def text(self) -> str:
        lines: list[str] = []
        for o in self.outcomes:
            if o.applied:
                lines.append(f"Amendment {o.number}: applied")
                for c in o.changes:
                    where = f"{c.provision} ({c.eid})" if c.eid else c.provision
                    words = ""
                    if c.old:
                        words += f" “{_short(c.old)}”"
                    if c.new:
                        words += f" → “{_short(c.new)}”" if c.old else f" “{_short(c.new)}”"
                    lines.append(f"    {c.action}, {where}:{words}")
            else:
                lines.append(f"Amendment {o.number}: not applied ({o.verdict}): {o.reason}")
            lines.extend(f"    note: {n}" for n in o.notes)
        done = len(self.applied)
        summary = f"{done} of {counted(len(self.outcomes), 'amendment')} applied to {self.bill}"
        if self.renumbered:
            summary += "; renumbered and laid out again"
        elif self.laid_out:
            summary += "; laid out again (drafter's own page and line numbers)"
        lines.append(summary)
        return "\n".join(lines)


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
