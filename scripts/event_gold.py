"""Build document-level event gold files from authoring lines (docs/events.md).

    python scripts/event_gold.py gold/events/guardian-test/specs/20.txt

A spec's first line is ``article ID``; every further line is ``TYPE[/mode] ; trigger#n ;
actors ; recipients ; flags`` (``communique.events.docgold.from_authoring``). The JSON is
written beside the spec's directory and each trigger is printed with its context.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from communique.events.docgold import from_authoring

CORPUS = Path("/work/shared/corpora/guardian-dev")


def main() -> None:
    dates = {r["id"]: r["date"] for r in csv.DictReader(
        (CORPUS / "metadata.tsv").open(encoding="utf-8"), delimiter="\t")}
    for arg in sys.argv[1:]:
        spec = Path(arg)
        lines = spec.read_text(encoding="utf-8").splitlines()
        article = lines[0].split()[1]
        text = (CORPUS / "text" / f"{article}.txt").read_text(encoding="utf-8")
        events = from_authoring(text, lines[1:])
        for e in events:
            s, t = e["trigger"]
            print(f"{e['type']:10} {text[s:t]!r:22} ...{text[max(0, s - 40):t + 30]!r}")
        out = spec.parent.parent / f"{article}.json"
        doc = {"article": article, "date": dates[article], "events": events}
        out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{out}: {len(events)} events")


if __name__ == "__main__":
    main()
