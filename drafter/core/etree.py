"""lxml's ``etree``, loaded when a command first uses it.

Loading lxml takes about 13 ms, as long as Python takes to start. A command that finds
its prints in drafter's print cache (:mod:`drafter.core.print.cache`) often reads no XML
at all: ``drafter diff`` of two prints seen before, ``drafter lines``. So drafter's modules
take ``etree`` from here, and lxml is loaded on the first use of one of its names.
Type checkers see lxml's own module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml import etree as etree
else:

    class _Etree:
        """Stands for ``lxml.etree`` until a name of it is first asked for; each name, once
        asked for, is kept on it, so later uses cost what a module's would."""

        def __getattr__(self, name: str) -> Any:
            value = getattr(importlib.import_module("lxml.etree"), name)
            setattr(self, name, value)
            return value

    etree = _Etree()
