"""Keeling schedules: an Act as a bill would amend it.

:mod:`~drafter.core.keeling.table` reads the amendments a bill makes to an Act from the bill's
own words (the table of amendments); :mod:`~drafter.core.keeling.amended` makes them, as
amendments to the Act in the House's wording, so that apply and the exports set the Act as
amended with every change marked and sourced.
"""

from drafter.core.keeling.amended import keeling_paper
from drafter.core.keeling.table import (
    KeelingError,
    KeelingRow,
    act_name_of,
    acts_amended,
    table_of_amendments,
)

__all__ = [
    "KeelingError",
    "KeelingRow",
    "act_name_of",
    "acts_amended",
    "keeling_paper",
    "table_of_amendments",
]
