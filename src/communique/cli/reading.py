"""Options shared by the commands that read article files (``ingest``, ``analyze``):
which record field or CSV/TSV column holds each article attribute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..readers.base import Fields

#: option name, Fields attribute, help
FIELD_OPTIONS = (
    ("--text-field", "text", "JSON field or CSV/TSV column of the article text (default: "
                             "text; in CSV/TSV text, body or content)."),
    ("--date-field", "published", "Field or column of the publication date (default: "
                                  "published; in CSV/TSV published or date)."),
    ("--id-field", "id", "Field or column of the article id (default: id)."),
    ("--title-field", "title", "Field or column of the title (default: title)."),
    ("--url-field", "url", "Field or column of the URL (default: url)."),
)


def field_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--text-field`` ... ``--url-field`` (passed on as ``<attr>_field``)."""
    for flag, attr, help_ in reversed(FIELD_OPTIONS):
        command = click.option(flag, f"{attr}_field", metavar="NAME", default=None,
                               help=help_)(command)
    return command


def fields_from(specs: tuple[str, ...] = (), **named: str | None) -> Fields:
    """The Fields of ``--field ATTR=NAME`` specs, then the named options over them."""
    specs = tuple(specs) + tuple(f"{key.removesuffix('_field')}={value}"
                                 for key, value in named.items() if value)
    return Fields.parse(list(specs))
