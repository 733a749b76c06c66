"""PDF: the HTML of a document, set by WeasyPrint.

WeasyPrint quietly puts another face in place of a font the machine lacks, which would move
every line of a printed bill. So before setting a document, each font stack its CSS names
(``font-family``, and the ``--serif`` / ``--sans`` stacks of drafter's templates) is checked
against the fonts installed: a stack none of whose fonts is installed stops the export with
one line saying which to install.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from drafter.export.templates import ExportError

_GENERIC = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit", "initial"}
)
_STACK = re.compile(r"(?:font-family|--serif|--sans)\s*:\s*([^;{}]+)")


def pdf_bytes(html: str) -> bytes:
    """The document as PDF. ExportError when WeasyPrint, or a font the CSS needs, is missing."""
    check_fonts(html)
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango, which WeasyPrint loads, is missing
        raise ExportError(
            f"PDF needs WeasyPrint and the Pango library ({err}); on Debian: "
            "apt install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    document = weasyprint.HTML(string=html)
    return bytes(document.write_pdf())


def check_fonts(html: str) -> None:
    """ExportError naming the fonts of the first stack in the document's CSS of which no font
    is installed (nothing to check when the machine cannot list its fonts)."""
    installed = installed_families()
    if installed is None:
        return
    for stack in font_stacks(html):
        if not any(family.casefold() in installed for family in stack):
            names = ", ".join(f"“{f}”" for f in stack)
            raise ExportError(
                f"none of the fonts {names} is installed on this machine: install one "
                "(on Debian: apt install fonts-texgyre fonts-open-sans) or name a font you "
                "have in the templates' CSS"
            )


def font_stacks(html: str) -> list[tuple[str, ...]]:
    """The font families each stack in the document's CSS names, generic families left out
    (stacks naming only generic families, or ``var(…)``, are not listed)."""
    stacks: list[tuple[str, ...]] = []
    for match in _STACK.finditer(html):
        value = match.group(1)
        if "var(" in value:
            continue
        families = [f.strip().strip("\"'").strip() for f in value.split(",")]
        named = tuple(f for f in families if f and f.lower() not in _GENERIC)
        if named and named not in stacks:
            stacks.append(named)
    return stacks


@functools.cache
def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows (casefolded), or None when it cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(
        name.strip().casefold() for line in listed.splitlines() for name in line.split(",")
    )
