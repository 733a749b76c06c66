"""The templates every exported HTML and PDF document is set from, and setting them.

The templates live in the top-level ``templates/`` folder: Jinja2 templates and print CSS,
one template per kind of document (``paper.html``, ``bill.html``), with what the Houses print
differently in ``commons/`` and ``lords/`` (a file there is used in place of the shared one
of the same name). A user can copy the folder, change it, and give it with ``--templates``.
The CSS is included in each document, so that an HTML file stands alone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from drafter.core.errors import UserError

#: drafter's own templates: the top-level templates/ folder, which the package links to (and
#: a wheel carries as package data)
TEMPLATES = Path(__file__).parents[1] / "templates"
#: what a templates folder must hold
REQUIRED = ("base.html", "print.css", "house.css", "bill.html", "bill.css", "paper.html")


class ExportError(UserError):
    """A document that cannot be made: a missing template, a bad path or extension, a paper
    for another bill, a font the machine lacks."""


def environment(folder: str | os.PathLike[str] | None, house: str) -> jinja2.Environment:
    """The Jinja2 environment over a templates folder (drafter's own when None), the House's
    variants first. ExportError when the folder is not a complete set of templates."""
    root = Path(folder) if folder is not None else TEMPLATES
    if not root.is_dir():
        raise ExportError(f"{root}: no such templates folder")
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    if missing:
        raise ExportError(
            f"{root}: not a complete templates folder (it has no {', '.join(missing)}; "
            f"copy drafter's own from {TEMPLATES.resolve()})"
        )
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(root / house), jinja2.FileSystemLoader(root)]
        ),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["keep_together"] = keep_together
    return env


#: what the House never breaks at the end of a line: "(2)(c)", and a dash closing up to the
#: word before it ("by—"); a word joiner (U+2060) between them keeps them together
_UNBROKEN = re.compile(r"(?<=\))(?=\()|(?<=\S)(?=—)")


def keep_together(text: str) -> markupsafe.Markup:
    """``text``, escaped, with what must not be broken across lines kept on one."""
    return markupsafe.Markup(_UNBROKEN.sub("\u2060", str(markupsafe.escape(text))))


def render(template: str, folder: str | os.PathLike[str] | None, house: str, **context: Any) -> str:
    """One document as HTML, from ``template`` in the templates ``folder``. A template that
    does not render gives ExportError naming it, the line, and why."""
    env = environment(folder, house)
    try:
        return env.get_template(template).render(house=house, **context)
    except jinja2.TemplateNotFound as err:
        raise ExportError(f"{folder or TEMPLATES}: no template {err.name}") from None
    except jinja2.TemplateSyntaxError as err:
        raise ExportError(f"{err.filename or err.name}:{err.lineno}: {err.message}") from None
    except jinja2.UndefinedError as err:
        raise ExportError(f"{folder or TEMPLATES}/{template}: {err.message}") from None
    except jinja2.TemplateError as err:
        raise ExportError(f"{folder or TEMPLATES}/{template}: {err}") from None
    except Exception as err:  # a user's own template can fail in any way: say where
        raise ExportError(
            f"{folder or TEMPLATES}/{template}: {type(err).__name__}: {err}"
        ) from None
