"""Text from files and from git, made safe to print on a terminal.

A paper, a bill or a repository from someone else can hold control characters: an escape
sequence (``ESC [ …``) printed raw can retitle the terminal, hide or rewrite what is on the
screen, and a bidi override (U+202E …) makes text read in another order than it is stored.
:func:`safe` shows each such character as a visible escape (``\\x1b``, ``\\u202e``), so what
is printed is what the file holds. Line feeds and tabs are kept: they are layout, not commands.
"""

from __future__ import annotations

_CONTROLS = [c for c in range(0x00, 0x20) if chr(c) not in "\n\t"] + [0x7F, *range(0x80, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]

_VISIBLE: dict[int, str] = {c: f"\\x{c:02x}" for c in _CONTROLS}
_VISIBLE.update({c: f"\\u{c:04x}" for c in _BIDI})

_ESCAPED: dict[int, str] = {c: f"\\u{c:04x}" for c in (*_CONTROLS, *_BIDI)}
_REPLACED: dict[int, str] = {c: "\ufffd" for c in (*_CONTROLS, *_BIDI)}
_REFERENCED: dict[int, str] = {c: f"&#x{c:x};" for c in (*_CONTROLS, *_BIDI)}


def safe(text: object) -> str:
    """``text`` (from a file or from git) with every terminal control character other than
    line feed and tab, and every bidi embedding, override or isolate, shown as a visible
    escape: it prints as what it is and cannot command the terminal."""
    return str(text).translate(_VISIBLE)


def safe_json(dumped: str) -> str:
    """JSON text (as ``json.dumps(…, ensure_ascii=False)`` writes it) with controls and bidi
    characters as ``\\uXXXX`` escapes: the same JSON value, safe on a terminal."""
    # json.dumps escapes C0 controls itself; C1 controls and bidi characters can only occur
    # inside strings, where a \\uXXXX escape means the same character.
    return dumped.translate(_ESCAPED)


def safe_html(markup: str) -> str:
    """HTML text with controls and bidi characters as character references: the same
    document, safe on a terminal."""
    return markup.translate(_REFERENCED)


def safe_cells(text: str) -> str:
    """``text`` with each control or bidi character replaced by U+FFFD, one for one: safe on
    a terminal where each character is a cell and offsets into the text must still hold."""
    return text.translate(_REPLACED)
