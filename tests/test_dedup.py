"""Near-duplicates: the parent's dictionary LSH finds what datasketch's MinHashLSH finds."""

from __future__ import annotations

import random

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from marsad.storing.dedup import BANDS, NUM_PERM, ROWS, SEED, THRESHOLD, NearDuplicates, signature


def test_banding_is_datasketchs_choice_for_the_threshold():
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def _article(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length))


def test_clusters_agree_with_datasketch_candidates():
    rng = random.Random(7)
    vocabulary = [f"كلمة{n}" for n in range(400)]
    originals = [_article(rng, vocabulary, 120) for _ in range(40)]
    texts = []
    for text in originals:
        texts.append(text)
        words = text.split()
        words[rng.randrange(len(words))] = "تعديل"  # a re-post with one word changed
        texts.append(" ".join(words))
    near = NearDuplicates(lambda: iter(()))
    reference = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    members: dict[str, tuple[int, str, np.ndarray]] = {}
    for number, text in enumerate(texts):
        doc_id, blob = f"d{number}", signature(text)
        values = np.frombuffer(blob, dtype=np.uint32)
        minhash = LeanMinHash(seed=SEED, hashvalues=values, scheme="affine32")
        similar = [members[c] for c in reference.query(minhash)
                   if np.count_nonzero(members[c][2] == values) / NUM_PERM >= THRESHOLD]
        expected = min(similar)[1] if similar else doc_id
        assert near.assign(doc_id, blob) == expected
        members[doc_id] = (number, expected, values)
        reference.insert(doc_id, minhash)
    assert len({cluster for _, cluster, _ in members.values()}) == len(originals)


def test_index_continues_from_stored_signatures():
    stored = [("old", "old", signature("وزير الخارجية يلتقي نظيره في الرياض لبحث العلاقات الثنائية"))]
    near = NearDuplicates(lambda: iter(stored))
    assert near.assign("new", signature("وزير الخارجية يلتقي نظيره في الرياض لبحث العلاقات الثنائية")) == "old"
    assert near.assign("short", signature("نص قصير")) == "short"
