"""Build document-level actor gold files (JSON, offsets only) from hand-written specs.

A spec lists an article's clusters and, under each, its mentions as a string and which
occurrences of it in the text are meant; this script finds the exact offsets, checks
``text[start:end] == mention`` and writes ``ID.json`` beside the spec's directory.

    python scripts/actor_gold.py tests/data/gold/actors/specs/12.txt      # build one
    python scripts/actor_gold.py --all                                     # build all
    python scripts/actor_gold.py --show 12 "Erdoğan"                       # list occurrences

Spec format (one item a line, ``#`` starts a comment)::

    article 12
    = Recep Tayyip Erdoğan | person | TUR | GOV
    Recep Tayyip Erdoğan @ 1
    Erdoğan                    <- no "@": every occurrence not inside another mention
    the Turkish president @ 2,4
    Turkey @ * -3              <- every occurrence but the third
    he @ 7 @ pronoun           <- explicit mention type (name, nominal, pronoun)

Occurrences are counted over the whole text, case-sensitively, at word boundaries (a
hyphen joins words: "Isis" does not occur in "Isis-controlled").
The type defaults to pronoun for pronouns, nominal for a lower-case phrase or one
opening with The/A + a lower-case word, else name. Country ``-`` means none.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "tests/data/gold/actors/specs"
CORPUS = Path("/work/shared/corpora/guardian-dev")
PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its",
            "we", "us", "our", "i", "me", "my", "himself", "herself", "themselves"}


def occurrences(text: str, s: str) -> list[tuple[int, int]]:
    pat = re.compile(r"(?<![\w-])" + re.escape(s) + r"(?![\w-])")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def auto_type(s: str) -> str:
    words = s.split()
    if s.lower() in PRONOUNS and not s.isupper():
        return "pronoun"
    if s[0].islower():
        return "nominal"
    if len(words) > 1 and words[0] in ("The", "A", "An") and words[1][0].islower():
        return "nominal"
    return "name"


def dates() -> dict[str, str]:
    with (CORPUS / "metadata.tsv").open(encoding="utf-8") as f:
        return {r["id"]: r["date"] for r in csv.DictReader(f, delimiter="\t")}


def build(spec: Path) -> dict:
    lines = spec.read_text(encoding="utf-8").splitlines()
    article = None
    clusters: list[dict] = []
    wants: list[tuple[int, str, str, str, int]] = []  # cluster, string, occ spec, type, line
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("article "):
            article = line.split()[1]
        elif line.startswith("="):
            parts = [p.strip() for p in line[1:].split("|")]
            if len(parts) != 4:
                sys.exit(f"{spec}:{n}: a cluster line is '= name | kind | country | sector'")
            name, kind, country, sector = parts
            clusters.append({"id": f"C{len(clusters) + 1}", "name": name, "kind": kind,
                             "country": None if country in ("-", "") else country,
                             "sector": None if sector in ("-", "") else sector,
                             "mentions": []})
        else:
            if not clusters:
                sys.exit(f"{spec}:{n}: mention before any cluster")
            parts = [p.strip() for p in line.split(" @ ")]
            s = parts[0]
            occ = parts[1] if len(parts) > 1 else "*"
            typ = parts[2] if len(parts) > 2 else auto_type(s)
            wants.append((len(clusters) - 1, s, occ, typ, n))
    if article is None:
        sys.exit(f"{spec}: no 'article ID' line")
    text = (CORPUS / "text" / f"{article}.txt").read_text(encoding="utf-8")
    claimed: list[tuple[int, int, int, str, str]] = []  # start, end, cluster, text, type

    def claim(ci: int, span: tuple[int, int], s: str, typ: str, n: int) -> None:
        for c in claimed:
            if c[0] < span[1] and span[0] < c[1]:
                sys.exit(f"{spec}:{n}: {s!r} at {span} overlaps {c[3]!r} at {c[:2]}")
        claimed.append((span[0], span[1], ci, s, typ))

    stars = []
    for ci, s, occ, typ, n in wants:
        occs = occurrences(text, s)
        if not occs:
            sys.exit(f"{spec}:{n}: {s!r} does not occur in article {article}")
        if occ.startswith("*"):
            stars.append((ci, s, occ, typ, n, occs))
            continue
        for k in occ.split(","):
            k = int(k)
            if not 1 <= k <= len(occs):
                sys.exit(f"{spec}:{n}: {s!r} occurs {len(occs)} times, not {k}")
            claim(ci, occs[k - 1], s, typ, n)
    for ci, s, occ, typ, n, occs in sorted(stars, key=lambda w: -len(w[1])):
        skip = {int(x[1:]) for x in occ.split()[1:]}
        for k, span in enumerate(occs, 1):
            if k in skip or any(c[0] < span[1] and span[0] < c[1] for c in claimed):
                continue
            claim(ci, span, s, typ, n)
    for start, end, ci, s, typ in sorted(claimed):
        assert text[start:end] == s
        clusters[ci]["mentions"].append({"start": start, "end": end, "text": s, "type": typ})
    for c in clusters:
        if not c["mentions"]:
            sys.exit(f"{spec}: cluster {c['name']!r} has no mentions")
    return {"schema": "communique.actor-gold/1", "article": article,
            "date": dates().get(article), "corpus": "guardian-dev",
            "clusters": clusters}


def dump(gold: dict) -> str:
    """JSON with one line per cluster header and per mention (readable diffs)."""
    def j(x: object) -> str:
        return json.dumps(x, ensure_ascii=False)
    head = {k: v for k, v in gold.items() if k != "clusters"}
    lines = ["{" + ", ".join(f"{j(k)}: {j(v)}" for k, v in head.items()) + ',', ' "clusters": [']
    for n, c in enumerate(gold["clusters"]):
        meta = ", ".join(f"{j(k)}: {j(v)}" for k, v in c.items() if k != "mentions")
        ms = ",\n".join("   " + j(m) for m in c["mentions"])
        end = "," if n < len(gold["clusters"]) - 1 else ""
        lines.append(f"  {{{meta}, \"mentions\": [\n{ms}]}}{end}")
    lines.append(" ]}")
    return "\n".join(lines) + "\n"


def write(spec: Path) -> Path:
    gold = build(spec)
    out = spec.parent.parent / f"{gold['article']}.json"
    out.write_text(dump(gold), encoding="utf-8")
    n = sum(len(c["mentions"]) for c in gold["clusters"])
    print(f"{out}: {len(gold['clusters'])} clusters, {n} mentions")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("specs", nargs="*", type=Path)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--show", nargs=2, metavar=("ID", "STRING"))
    a = ap.parse_args()
    if a.show:
        text = (CORPUS / "text" / f"{a.show[0]}.txt").read_text(encoding="utf-8")
        for k, (s, e) in enumerate(occurrences(text, a.show[1]), 1):
            ctx = text[max(0, s - 50):e + 50].replace("\n", " ")
            print(f"{k:3d} {s:6d}  {ctx}")
        return
    for spec in sorted(SPECS.glob("*.txt")) if a.all else a.specs:
        write(spec)


if __name__ == "__main__":
    main()
