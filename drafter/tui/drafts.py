"""Drafts: whatever is typed in the amendment editor, kept in a small JSON file beside the
paper (``.<paper>.drafts.json``) so that nothing typed is lost on a crash or a quit. Written
atomically (a temporary file renamed over the old one), so a crash mid-write leaves the last
good draft. No Textual here: the app decides when to save."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from drafter.core.files import write_atomic


@dataclass(frozen=True)
class Draft:
    """What the editor holds: the amendment's wording, a new clause and where it goes, the
    members' names and the explanatory statement."""

    wording: str = ""
    new_clause: str = ""
    after_clause: str = ""
    mode: str = "wording"  # which editor was in use: "wording" or "clause"
    names: str = ""  # the proposer, then supporters, separated by ";"
    statement: str = ""

    @property
    def empty(self) -> bool:
        return not (self.wording.strip() or self.new_clause.strip())


def drafts_path(paper_path: str | Path) -> Path:
    """``bills/x-amendments.txt`` -> ``bills/.x-amendments.txt.drafts.json``."""
    path = Path(paper_path)
    return path.with_name(f".{path.name}.drafts.json")


#: A draft is what one person typed: anything bigger is not a drafts file drafter wrote.
MAX_DRAFT_BYTES = 1 << 20


class Drafts:
    """The drafts file of one paper. A drafts file is read only when it is a regular file of
    a sane size: in a repository from someone else it could be a link to ``/dev/zero``.
    ``problem`` says why one was not read; such a file is then never written over either."""

    def __init__(self, paper_path: str | Path) -> None:
        self.path = drafts_path(paper_path)
        self._saved: Draft | None = None
        self.problem = ""

    def load(self) -> Draft:
        """The saved draft; an empty one when there is none or the file cannot be read (a
        draft is a convenience: it never stops the app from starting)."""
        try:
            raw = self._read()
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError):
            return Draft()
        if not isinstance(data, dict):
            return Draft()
        names = {f.name for f in fields(Draft)}
        draft = Draft(**{k: str(v) for k, v in data.items() if k in names})
        self._saved = draft
        return draft

    def _read(self) -> bytes:
        """The file's bytes, if it is a regular file no bigger than a draft can be."""
        try:
            info = self.path.lstat()
        except FileNotFoundError:
            return b""
        if not stat.S_ISREG(info.st_mode):
            self.problem = (
                f"{self.path}: not a regular file, so drafter neither reads nor writes it"
            )
            raise OSError(self.problem)
        if info.st_size > MAX_DRAFT_BYTES:
            self.problem = (
                f"{self.path}: {info.st_size:,} bytes, more than a draft can be "
                f"({MAX_DRAFT_BYTES:,}), so drafter neither reads nor writes it"
            )
            raise OSError(self.problem)
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            return fh.read(MAX_DRAFT_BYTES + 1)

    def save(self, draft: Draft) -> bool:
        """Write the draft if it changed since the last write (an empty draft removes the
        file). True when something was written. OSError is the caller's to report."""
        if draft == self._saved or self.problem:
            return False
        if draft.empty:
            self.path.unlink(missing_ok=True)
        else:
            data = json.dumps(asdict(draft), ensure_ascii=False, indent=1) + "\n"
            write_atomic(self.path, data.encode("utf-8"))
        self._saved = draft
        return True
