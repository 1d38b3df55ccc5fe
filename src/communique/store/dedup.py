"""Exact and near-duplicate detection: normalized-text hashes and MinHash with LSH.

Exact: articles differing only in Unicode form or whitespace get the same hash, which is
the store's key, so a rerun or a second copy of a file is skipped before analysis.

Near: wire copies (another agency's dateline, a dropped or reworded sentence) share most
word 5-shingles. A 128-value MinHash signature estimates the Jaccard similarity of two
shingle sets; 32 LSH bands of 4 values find candidates with a similarity of about 0.4 or
more in one indexed lookup per band, and the full signatures then confirm a match.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
#: estimated Jaccard similarity from which two articles are copies of one story
THRESHOLD = 0.5

_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_rng = np.random.default_rng(20240501)  # fixed: signatures must match across runs
_A = _rng.integers(1, (1 << 32) - 1, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 32) - 1, NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC with whitespace runs collapsed: the text identity used for the hash."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8", "surrogatepass")).hexdigest()


def _shingles(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    values = {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
              for g in grams}
    return np.fromiter(values, dtype=np.uint64, count=len(values))


def signature(text: str) -> bytes:
    """MinHash of the text's word 5-shingles: ``NUM_PERM`` uint32 values as bytes."""
    x = _shingles(text)
    # 32-bit hashes times 32-bit multipliers stay below 2**64; reduce mod a Mersenne prime
    h = ((x[:, None] * _A[None, :] + _B[None, :]) % _PRIME) & _MAX
    return h.min(axis=0).astype(np.uint32).tobytes()


def buckets(sig: bytes) -> list[tuple[int, int]]:
    """``(band, bucket)`` keys: a signed 64-bit hash of each band's values."""
    values = np.frombuffer(sig, dtype=np.uint32).reshape(BANDS, ROWS)
    out = []
    for band, row in enumerate(values):
        digest = hashlib.blake2b(row.tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, np.uint32) == np.frombuffer(b, np.uint32)))
