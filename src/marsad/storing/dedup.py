"""Near-duplicate documents (wire copies, re-posts) by MinHash LSH over word 3-shingles.

Signatures are computed in the worker processes (`signature`), stored in the `signatures`
table and indexed in the parent (`NearDuplicates`), whose index is rebuilt from the store
the first time a new document needs it, so clusters continue across ingests. The parent's
index is dictionaries of signature bands, so indexing costs it next to nothing.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from functools import cache

import numpy as np

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard of the shingle sets at which two documents are one story's copies
SEED = 1
_SCHEME = "affine32"
# The banding datasketch's MinHashLSH chooses for THRESHOLD and NUM_PERM (false positives and
# negatives weighed equally): 14 bands of 9 values.
BANDS, ROWS = 14, 9
_M1, _M2, _MASK = np.uint64(1_000_003), np.uint64(7_919), np.uint64(0xFFFFFFFF)
_ODD_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


@cache
def _hashing() -> tuple[np.ndarray, np.ndarray, Callable]:
    """datasketch's permutations (one per row) and hash finaliser, imported on first use: datasketch
    pulls in scipy, half a second that commands which never sign a text should not pay."""
    from datasketch import MinHash
    from datasketch.minhash import _fmix

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations
    return a.astype(np.uint32)[:, None], b.astype(np.uint32)[:, None], _fmix


def signature(text: str) -> bytes | None:
    """The MinHash (datasketch affine32, 128 permutations) of the word 3-shingles of `text`.

    Equal to `MinHash(num_perm=128, seed=1, hashfunc=int).update_batch(shingle hashes)`, but
    vectorised: each word is hashed once (crc32) and three word hashes combine into a shingle's.
    None for texts of fewer than three words.
    """
    # bytes.split() is str.split() but for the spaces outside ASCII (and \x1c-\x1f), which few texts hold
    words = [w.encode() for w in text.split()] if _ODD_SPACE.search(text) else text.encode().split()
    if len(words) < 3:
        return None
    hashed = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    shingles = ((hashed[:-2] * _M1) ^ (hashed[1:-1] * _M2) ^ hashed[2:]) & _MASK
    multipliers, increments, fmix = _hashing()
    mixed = fmix(shingles.astype(np.uint32), 32)  # a repeated shingle cannot change a minimum
    table = multipliers * mixed  # one row per permutation: the minimum runs along contiguous memory
    table += increments
    return table.min(axis=1).tobytes()


class NearDuplicates:
    """Assigns each new document the cluster of its earliest near-duplicate, or its own.

    The LSH index is plain dictionaries: a signature is cut into `BANDS` bands of `ROWS`
    values, and two documents are candidates when any band is equal byte for byte.
    """

    def __init__(self, load) -> None:
        """`load()` returns the stored (doc_id, cluster_id, signature) rows in ingest order."""
        self._load = load
        self._bands: list[dict[bytes, list[str]]] | None = None
        self._members: dict[str, tuple[int, str, np.ndarray]] = {}

    def _index(self) -> list[dict[bytes, list[str]]]:
        if self._bands is None:
            self._bands = [{} for _ in range(BANDS)]
            for doc_id, cluster_id, blob in self._load():
                self._add(doc_id, cluster_id, blob, np.frombuffer(blob, dtype=np.uint32))
        return self._bands

    def _add(self, doc_id: str, cluster_id: str, blob: bytes, values: np.ndarray) -> None:
        self._members[doc_id] = (len(self._members), cluster_id, values)
        for band, key in zip(self._bands, _band_keys(blob), strict=True):
            band.setdefault(key, []).append(doc_id)

    def assign(self, doc_id: str, blob: bytes | None) -> str:
        """The cluster id of a new document with signature `blob` (None: a cluster of its own)."""
        if blob is None:
            return doc_id
        bands = self._index()
        values = np.frombuffer(blob, dtype=np.uint32)
        candidates = {other for band, key in zip(bands, _band_keys(blob), strict=True) for other in band.get(key, ())}
        best: tuple[int, str] | None = None
        for candidate in candidates:
            order, cluster_id, other = self._members[candidate]
            similar = np.count_nonzero(other == values) / NUM_PERM >= THRESHOLD
            if similar and (best is None or order < best[0]):
                best = (order, cluster_id)
        cluster = best[1] if best else doc_id
        self._add(doc_id, cluster, blob, values)
        return cluster


def _band_keys(blob: bytes) -> list[bytes]:
    width = ROWS * 4  # bytes of ROWS uint32 values
    return [blob[band * width:(band + 1) * width] for band in range(BANDS)]
