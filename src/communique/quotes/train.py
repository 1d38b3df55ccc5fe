"""Train the attribution model (:mod:`.learn`) on a PolNeAR-format corpus.

Seeded and reproducible: the same corpus, seed and code give the same weights. Steps:
parse the train split with the shipped pipeline; build one row per cue candidate (is it
the head of a gold cue?) and one per content candidate of each gold cue (is it exactly the
gold content?); fit two logistic models (scikit-learn, SGD); choose the cue thresholds by
k-fold cross-validation on train (train on k-1 folds, score the held-out fold with the
corpus scorer, for rules alone, model alone and the combination); fit on all of train;
score dev. The metadata file beside the weights records the data, commit and figures.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import nlp as _nlp
from ..actors import find_actors
from ..evaluate.polnear import (
    GoldDoc,
    _chars,
    _strip,
    load_polnear,
    predictions,
    score_doc,
    summarise,
)
from ..kb import KnowledgeBase
from ..model import Analysis, Article, Quote, Span
from . import cues as _cues
from .combine import MODES, split_rules
from .learn import DIM, TENSOR, AttributionModel, content_candidates, cue_rows, hashed, is_candidate
from .marks import find_regions, quoted_mask
from .stage import Context, Draft, finish, rule_drafts

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
KEEPS = (0.0, 0.1)
#: L2 strength of the two logistic models (SGD)
CUE_ALPHA = 1e-5
CONTENT_ALPHA = 1e-5
#: the content model ranks one cue's candidates: trained on pairs (right minus wrong)
CONTENT_LOSS = "pairwise"


@dataclass(slots=True)
class Item:
    gold: GoldDoc
    ctx: Context
    rules: list[Draft]


def prepare(docs: list[GoldDoc], log: Callable[[str], None] = lambda s: None,
            parsed: Iterable | None = None) -> list[Item]:
    """Parse the articles (unless ``parsed``) and run the rules once (the model's features
    read both)."""
    if parsed is None:
        parsed = _nlp.load().pipe((d.text for d in docs), batch_size=16)
    kb = KnowledgeBase.load()
    lex = _cues.load()
    out = []
    start = time.perf_counter()
    for n, (g, doc) in enumerate(zip(docs, parsed, strict=True), 1):
        regions = find_regions(g.text)
        index = find_actors(doc, quoted_mask(g.text, regions), kb=kb)
        ctx = Context(doc, regions, index, lex)
        out.append(Item(g, ctx, rule_drafts(ctx)))
        if n % 100 == 0:
            log(f"  parsed {n}/{len(docs)} ({time.perf_counter() - start:.0f} s)")
    return out


# --------------------------------------------------------------------------------------
# training rows


def gold_cues(item: Item) -> dict[int, object]:
    """Token id of each gold cue's head word -> its gold attribution."""
    doc = item.ctx.doc
    out: dict[int, object] = {}
    for g in item.gold.attributions:
        toks: set[int] = set()
        for s, e in g.cue:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                toks.update(t.i for t in span)
        cands = [i for i in sorted(toks) if is_candidate(doc[i])]
        heads = [i for i in cands if doc[i].head.i not in toks or doc[i].head.i == i]
        pick = (heads or cands or [None])[0]
        if pick is not None:
            out.setdefault(pick, g)
    return out


def rows(items: Iterable[Item]):
    """(cue features, cue tensors, cue labels, content features, content labels)."""
    cue_f: list[np.ndarray] = []
    cue_m: list[np.ndarray] = []
    cue_y: list[int] = []
    con_f: list[np.ndarray] = []
    con_y: list[int] = []
    con_g: list[int] = []  # the cue (group) of each content row
    for it in items:
        ctx = it.ctx
        text = it.gold.text
        gc = gold_cues(it)
        ids, feats, mat = cue_rows(ctx)
        cue_f += feats
        cue_m.append(mat)
        cue_y += [int(i in gc) for i in ids]
        _fixed, rule_by_cue = split_rules(ctx, it.rules)
        for i in ids:
            g = gc.get(i)
            if g is None:
                continue
            want = _chars(_strip(text, g.content))
            cands = content_candidates(ctx, ctx.doc[i], rule_by_cue.get(i))
            labels = [int(_chars(_strip(text, [c.span])) == want) for c in cands]
            if not any(labels):
                continue
            group = con_g[-1] + 1 if con_g else 0
            for c, y in zip(cands, labels, strict=True):
                con_f.append(np.fromiter(hashed(c.features), np.int64))
                con_y.append(y)
                con_g.append(group)
    mats = np.vstack(cue_m) if cue_m else np.zeros((0, TENSOR), np.float32)
    return cue_f, mats, np.array(cue_y), con_f, np.array(con_y), np.array(con_g)


def _sparse(feats: list[np.ndarray], dense: np.ndarray | None = None):
    from scipy import sparse

    indptr = np.zeros(len(feats) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(f) for f in feats])
    idx = np.concatenate(feats) if feats else np.zeros(0, np.int64)
    m = sparse.csr_matrix((np.ones(len(idx), np.float32), idx, indptr),
                          shape=(len(feats), DIM))
    m.sum_duplicates()
    if dense is not None:
        m = sparse.hstack([m, sparse.csr_matrix(dense.astype(np.float32))], format="csr")
    return m


def _fit(x, y: np.ndarray, seed: int, alpha: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=None,
                        random_state=seed, average=True)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def _pairs(x, y: np.ndarray, groups: np.ndarray):
    """Pairwise rows for ranking the contents of one cue: (right - wrong) labelled 1 and
    (wrong - right) labelled 0, within each cue's candidates."""
    from scipy import sparse

    left: list[int] = []
    right: list[int] = []
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    for part in np.split(order, bounds):
        pos = part[y[part] == 1]
        neg = part[y[part] == 0]
        for p in pos:
            left += [p] * len(neg)
            right += neg.tolist()
    if not left:
        return None, None
    diff = x[left] - x[right]
    return sparse.vstack([diff, -diff], format="csr"), np.r_[np.ones(len(left)),
                                                              np.zeros(len(left))]


def fit(items: list[Item], seed: int = 0, meta: dict | None = None) -> AttributionModel:
    cue_f, cue_m, cue_y, con_f, con_y, con_g = rows(items)
    cw, cb = _fit(_sparse(cue_f, cue_m), cue_y, seed, CUE_ALPHA)
    px, py = _pairs(_sparse(con_f), con_y, con_g) if con_y.size else (None, None)
    if CONTENT_LOSS == "pairwise" and px is not None:
        tw, _ = _fit(px, py, seed, CONTENT_ALPHA)
        tb = 0.0  # a ranking: only differences between one cue's candidates count
    elif con_y.size and con_y.min() != con_y.max():
        tw, tb = _fit(_sparse(con_f), con_y, seed, CONTENT_ALPHA)
    else:
        tw, tb = np.zeros(DIM, np.float32), 0.0
    return AttributionModel(cw, cb, tw, tb, dict(meta or {}))


# --------------------------------------------------------------------------------------
# scoring


def _record(item: Item, drafts: list[Draft]) -> Analysis:
    text = item.gold.text
    quotes = [Quote(id=f"Q{n}", kind=d.kind, content=Span.of(text, *d.content),
                    cue=Span.of(text, *d.cue) if d.cue else None,
                    speaker_mention=Span.of(text, *d.speaker_mention)
                    if d.speaker_mention else None)
              for n, d in enumerate(drafts, 1)]
    return Analysis(article=Article(text=text, id=item.gold.name), quotes=quotes)


def score(items: list[Item], model: AttributionModel | None, mode: str,
          beliefs: bool = True) -> dict:
    """The corpus scorer's figures for one variant on parsed articles."""
    totals: dict[str, int] = {}
    for it in items:
        drafts = finish(it.ctx, list(it.rules), model=model, mode=mode, beliefs=beliefs)
        c = score_doc(it.gold.text, it.gold.attributions, predictions(_record(it, drafts)))
        for k, v in c.items():
            totals[k] = totals.get(k, 0) + v
    return summarise(totals, len(items))


def brief(fig: dict) -> dict[str, float]:
    return {"exact_f1": round(fig["all_exact"]["f1"], 4),
            "overlap_f1": round(fig["all_overlap"]["f1"], 4),
            "quoted_f1": round(fig["quoted_overlap"]["f1"], 4),
            "quoted_exact_f1": round(fig["quoted_exact"]["f1"], 4),
            "speaker": round(fig["speaker_accuracy"], 4)}


def _objective(fig: dict) -> float:
    return fig["all_exact"]["f1"] + fig["all_overlap"]["f1"]


def _sum(a: dict[str, int], b: dict) -> None:
    for k, v in b["counts"].items():
        a[k] = a.get(k, 0) + v


def cross_validate(items: list[Item], folds: int, seed: int,
                   log: Callable[[str], None]) -> tuple[dict, float, float]:
    """Out-of-fold figures per variant and the thresholds chosen on them."""
    order = np.random.default_rng(seed).permutation(len(items))
    parts = [sorted(order[k::folds].tolist()) for k in range(folds)]
    grid = [(t, k) for t in THRESHOLDS for k in KEEPS if k <= t]
    totals: dict[object, dict[str, int]] = {}
    for k, held in enumerate(parts):
        held_set = set(held)
        train = [it for i, it in enumerate(items) if i not in held_set]
        test = [items[i] for i in held]
        model = fit(train, seed)
        _sum(totals.setdefault("rules", {}), score(test, None, "rules"))
        for t, keep in grid:
            model.meta = {"threshold": t, "keep": keep}
            _sum(totals.setdefault(("combined", t, keep), {}), score(test, model, "combined"))
            if keep == KEEPS[0]:
                _sum(totals.setdefault(("model", t), {}), score(test, model, "model"))
        log(f"  fold {k + 1}/{folds} done")
    figs = {key: summarise(c, len(items)) for key, c in totals.items()}
    best_c = max((key for key in figs if key[0] == "combined"), key=lambda x: _objective(figs[x]))
    best_m = max((key for key in figs if key[0] == "model"), key=lambda x: _objective(figs[x]))
    out = {"rules": figs["rules"], "model": figs[best_m], "combined": figs[best_c],
           "grid": {f"{key[0]}@{'/'.join(map(str, key[1:]))}": brief(f)
                    for key, f in figs.items() if key != "rules"}}
    return out, best_c[1], best_c[2]


def _commit() -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                           timeout=10, cwd=Path(__file__).parent)
    except OSError:
        return None
    return r.stdout.strip() or None if r.returncode == 0 else None


def train_quotes(root: str | Path, out: str | Path, *, seed: int = 0, folds: int = 5,
                 limit: int | None = None, log: Callable[[str], None] = print) -> dict:
    """Train, cross-validate, fit on all of train, score dev; write weights and metadata."""
    t0 = time.perf_counter()
    np.random.seed(seed)
    train_docs = list(load_polnear(root, "train"))[:limit] if limit else list(
        load_polnear(root, "train"))
    log(f"train: {len(train_docs)} articles, parsing")
    items = prepare(train_docs, log)
    meta: dict = {
        "model": "communique quote attribution: hashed-feature logistic cue and content models",
        "training_data": {"corpus": "PolNeAR v1.0.0 (networkdynamics/PolNeAR c3eee83)",
                          "split": "train", "articles": len(items),
                          "attributions": sum(len(it.gold.attributions) for it in items),
                          "annotator": "first .ann file per article in sorted order"},
        "seed": seed, "commit": _commit(), "features": f"2^{DIM.bit_length() - 1} hashed + "
        f"{TENSOR} tok2vec (en_core_web_sm, frozen)", "modes": list(MODES),
    }
    threshold, keep = 0.5, 0.15
    if folds > 1 and len(items) >= folds:
        log(f"cross-validation: {folds} folds")
        cv, threshold, keep = cross_validate(items, folds, seed, log)
        meta["cross_validation"] = {"folds": folds, "rules": brief(cv["rules"]),
                                    "model": brief(cv["model"]),
                                    "combined": brief(cv["combined"]), "grid": cv["grid"]}
    meta["threshold"], meta["keep"] = threshold, keep
    log(f"fitting on all of train (threshold {threshold}, keep {keep})")
    model = fit(items, seed, meta)
    dev_docs = list(load_polnear(root, "dev"))[:limit] if limit else list(
        load_polnear(root, "dev"))
    if dev_docs:
        log(f"dev: {len(dev_docs)} articles")
        dev = prepare(dev_docs, log)
        meta["dev"] = {"articles": len(dev),
                       **{m: brief(score(dev, None if m == "rules" else model, m))
                          for m in MODES}}
    meta["train_seconds"] = round(time.perf_counter() - t0, 1)
    model.meta = meta
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(f"wrote {out} and {out.with_suffix('.json')} in {meta['train_seconds']:.0f} s")
    return meta
