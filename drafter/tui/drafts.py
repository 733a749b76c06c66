"""Drafts: whatever is typed in the amendment editor, kept in a small JSON file beside the
paper (``.<paper>.drafts.json``) so that nothing typed is lost on a crash or a quit. Written
atomically (a temporary file renamed over the old one), so a crash mid-write leaves the last
good draft. No Textual here: the app decides when to save."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from drafter.core.files import write_atomic


@dataclass(frozen=True)
class Draft:
    """What the editor holds: the amendment's wording, a new clause and where it goes."""

    wording: str = ""
    new_clause: str = ""
    after_clause: str = ""
    mode: str = "wording"  # which editor was in use: "wording" or "clause"

    @property
    def empty(self) -> bool:
        return not (self.wording.strip() or self.new_clause.strip())


def drafts_path(paper_path: str | Path) -> Path:
    """``bills/x-amendments.txt`` -> ``bills/.x-amendments.txt.drafts.json``."""
    path = Path(paper_path)
    return path.with_name(f".{path.name}.drafts.json")


class Drafts:
    """The drafts file of one paper."""

    def __init__(self, paper_path: str | Path) -> None:
        self.path = drafts_path(paper_path)
        self._saved: Draft | None = None

    def load(self) -> Draft:
        """The saved draft; an empty one when there is none or the file cannot be read (a
        draft is a convenience: it never stops the app from starting)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Draft()
        if not isinstance(data, dict):
            return Draft()
        names = {f.name for f in fields(Draft)}
        draft = Draft(**{k: str(v) for k, v in data.items() if k in names})
        self._saved = draft
        return draft

    def save(self, draft: Draft) -> bool:
        """Write the draft if it changed since the last write (an empty draft removes the
        file). True when something was written. OSError is the caller's to report."""
        if draft == self._saved:
            return False
        if draft.empty:
            self.path.unlink(missing_ok=True)
        else:
            data = json.dumps(asdict(draft), ensure_ascii=False, indent=1) + "\n"
            write_atomic(self.path, data.encode("utf-8"))
        self._saved = draft
        return True
