"""Amendment papers: LawMaker's ``amendmentList`` XML, and a plain-text paper a drafter types
(all in :mod:`~drafter.core.paper.lawmaker_xml` for now; the next commit splits it)."""

from __future__ import annotations

from drafter.core.paper.lawmaker_xml import *  # noqa: F403
from drafter.core.paper.lawmaker_xml import (
    __all__,
    _block,
    _definition_term,
    _kind,
    _level_depth,
    _nested_quotation,
    _quotation,
)

__all__ = [*__all__, "_block", "_definition_term", "_kind", "_level_depth"]
__all__ += ["_nested_quotation", "_quotation"]
