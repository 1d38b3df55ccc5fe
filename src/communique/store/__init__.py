"""The corpus store: one SQLite file written only by :mod:`.writer`.

Modules: :mod:`.db` (open + migrate), :mod:`.migrations` (schema), :mod:`.writer` (all
writes), :mod:`.dedup` (hashes, MinHash), :mod:`.ingest` (readers -> workers -> writer),
:mod:`.queries` and :mod:`.export` (read-only), :mod:`.cli` (click commands). Nothing is
imported here, so reading a store does not load spaCy.
"""
