"""The ``communique`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import inspect
import sqlite3
import sys

import click

from .. import __version__
from ..errors import CommuniqueError
from ..nlp import ModelError
from .actors import actors as actors_group
from .actors import eval_actors
from .analyze import analyze_cmd
from .bench import bench
from .evaluate import eval_group
from .events import eval_events
from .events import events as events_group
from .info import info_cmd
from .serve import bench_serve_cmd, serve
from .spark import bench_spark_cmd, load_cmd
from .spark import spark as spark_group
from .store import events_cmd as events_query_cmd
from .store import register as register_store
from .train import train
from .watch import bench_watch_cmd, watch_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True)
@click.version_option(__version__, prog_name="communique")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Who said what, who is who, and who did what to whom in international news."""
    if ctx.invoked_subcommand is None:  # bare `communique`: the help, status 0
        click.echo(ctx.get_help())


cli.add_command(analyze_cmd)
cli.add_command(eval_group)
cli.add_command(bench)
cli.add_command(train)
cli.add_command(actors_group)
eval_group.add_command(eval_actors)
cli.add_command(serve)
bench.add_command(bench_serve_cmd)
register_store(cli, bench)  # ingest, quotes, events, stats, export, synth, actors top
eval_group.add_command(eval_events)


def _events(**options: object) -> None:
    if click.get_current_context().invoked_subcommand is None:
        assert events_query_cmd.callback is not None
        events_query_cmd.callback(**options)


# `communique events [--actor A ...]` queries the store; `communique events explain TEXT`
# shows how the coder reads a text: one group serves both.
events = click.Group("events", params=events_query_cmd.params, callback=_events,
                     invoke_without_command=True, subcommand_metavar="[explain TEXT]",
                     help=inspect.cleandoc(events_query_cmd.help or "") + "\n\n"
                     "`communique events explain TEXT` shows instead how the event coder "
                     "reads a text: trigger, lexicon row and parse path of each event.")
for _name, _cmd in events_group.commands.items():
    events.add_command(_cmd, _name)
cli.add_command(events)
cli.add_command(spark_group)
cli.add_command(load_cmd)
bench.add_command(bench_spark_cmd)
cli.add_command(watch_cmd)
cli.add_command(info_cmd)
bench.add_command(bench_watch_cmd)


def _same_help_everywhere(cmd: click.Command) -> None:
    """``-h`` works on every command, whichever way it is reached (also in tests that
    invoke a subcommand on its own)."""
    cmd.context_settings.setdefault("help_option_names", ["-h", "--help"])
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _same_help_everywhere(sub)


_same_help_everywhere(cli)


def main() -> None:
    """Entry point: user errors become one line on stderr, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (CommuniqueError, ModelError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except sqlite3.DatabaseError as exc:  # a command that did not name its store
        click.echo(f"error: the store cannot be read ({' '.join(str(exc).split())}); if it "
                   "is damaged, recover it with `sqlite3 FILE \".recover\"`", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
