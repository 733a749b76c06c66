"""The one base class for every failure a user can cause and fix (a bad file, a citation to
nothing, words not on the cited line …). Front ends catch it and show its message as one
line; anything else is a bug and may show a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A failure caused by the user's input; ``str(error)`` names the file, amendment and
    place, and says what is wrong."""
