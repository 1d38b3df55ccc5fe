"""The job's entry point for ``spark-submit``: the options of ``communique spark analyze``,
with the master, executors and memory left to spark-submit.

    spark-submit [spark options] .../communique/spark/submit.py INPUT... --out DIR
"""

from __future__ import annotations

import sys

from communique.cli.spark import analyze_cmd


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    analyze_cmd.main(args=[*args, "--master", ""], prog_name="communique-spark-submit")


if __name__ == "__main__":
    main()
