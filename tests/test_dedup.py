"""Near-duplicates: the parent's dictionary LSH finds what datasketch's MinHashLSH finds."""

from __future__ import annotations

import random
import zlib

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

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


def reference_signature(text: str) -> bytes | None:
    """datasketch's own MinHash over the word 3-shingle hashes that `signature` defines."""
    hashes = [zlib.crc32(word.encode()) for word in text.split()]
    if len(hashes) < 3:
        return None
    triples = zip(hashes, hashes[1:], hashes[2:], strict=False)
    shingles = [((a * 1_000_003) ^ (b * 7_919) ^ c) & 0xFFFFFFFF for a, b, c in triples]
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    minhash.update_batch(shingles)
    return minhash.hashvalues.astype(np.uint32).tobytes()


def test_signature_is_datasketchs_minhash_whatever_the_spacing():
    rng = random.Random(7)
    spaces = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\x1c", "\u2009", "\r\n"]
    words = ["وزير", "الخارجية", "السعودي", "Lavrov", "2023", "،", "المؤتمر", "x"]
    for _ in range(200):
        text = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(0, 12)))
        assert signature(text) == reference_signature(text), repr(text)
