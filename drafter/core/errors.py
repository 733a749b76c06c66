"""The one base class for every failure a user can cause and fix (a bad file, a citation to
nothing, words not on the cited line …). Front ends catch it and show its message as one
line; anything else is a bug and may show a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A failure caused by the user's input; ``str(error)`` names the file, amendment and
    place, and says what is wrong."""


def about_file(path: str, message: str) -> str:
    """``message`` led by the file it is about ("bill.xml: cannot read citation …"), unless
    it names that file already ("there is no Clause 99 in bill.xml …"): a message names its
    file once."""
    return message if path in message else f"{path}: {message}"
