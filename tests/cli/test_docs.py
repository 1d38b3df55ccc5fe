"""docs/cli.md is generated from the commands' help and must cover every command and option.

The check is on content, not bytes: click's layout differs a little between versions.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from communique.cli import cli
from communique.cli.docs import _walk

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
STALE = "docs/cli.md is stale: run python -m communique.cli.docs > docs/cli.md"


def sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_every_command_and_option_is_documented():
    docs = sections()
    for path, cmd in _walk(cli, ["communique"]):
        if len(path) == 1:
            continue
        name = " ".join(path)
        assert name in docs, f"{name} missing: {STALE}"
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(o in docs[name] for o in param.opts), \
                    f"{name} {param.opts[0]} missing: {STALE}"
        first_line = (cmd.help or "").strip().splitlines()[0] if cmd.help else ""
        assert " ".join(first_line.split()[:4]) in " ".join(docs[name].split()), \
            f"{name} help changed: {STALE}"


def test_no_documented_command_is_gone():
    names = {" ".join(p) for p, _ in _walk(cli, ["communique"])}
    assert set(sections()) <= names, STALE
