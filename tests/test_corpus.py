"""The coded corpus in standoff form: it rebuilds from SaudiNewsNet exactly, fails loudly when a text
changed, holds what issue 12 promises, and no article text or evidence of it is in the repository."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import ahocorasick
import pytest

from marsad.cleaning.normalize import normalize
from marsad.evaluation.files import read_gold, read_system
from marsad.evaluation.scorer import score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
STANDOFF = ROOT / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus/saudinewsnet beside the project")


def marsad_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, timeout=600)


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (STANDOFF / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_standoff_files_hold_references_and_offsets_never_text():
    coded, relevance = records("coded.jsonl"), records("relevance.jsonl")
    assert len(coded) >= 600 and len(relevance) >= 3000
    assert len(records("double_coded_a.jsonl")) >= len(coded) // 10
    for record in coded + relevance:
        assert "text" not in record and len(record["text_sha256"]) == 64 and record["zip"].endswith(".zip")
    for record in coded:
        for event in record["events"]:
            assert "evidence" not in event
            start, end = event["evidence_span"]
            assert 0 <= start < end


@pytest.fixture(scope="module")
def materialised(tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip("needs ../shared/corpus/saudinewsnet beside the project")
    out = tmp_path_factory.mktemp("corpus")
    done = marsad_cli("corpus", "materialise", str(out), "--corpus", str(CORPUS), "--standoff", str(STANDOFF))
    assert done.returncode == 0, done.stderr
    return out


@needs_corpus
def test_materialising_rebuilds_gold_files_with_every_evidence_in_its_text(materialised):
    documents = read_gold(materialised / "coded.jsonl")
    assert len(documents) == len(records("coded.jsonl"))
    for document in documents:
        for event in document.events:
            assert event.evidence and event.evidence in document.text
    relevance = [json.loads(line) for line in (materialised / "relevance.jsonl").open(encoding="utf-8")]
    assert {"doc_id", "url", "text", "relevant", "section"} <= set(relevance[0])


@needs_corpus
def test_the_two_independent_codings_agree_as_the_corpus_readme_says(materialised):
    first = read_gold(materialised / "double" / "coder_a.jsonl")
    second = read_system(materialised / "double" / "coder_b.jsonl")
    agreement = score((d.doc_id, d.events, second.get(d.doc_id, [])) for d in first)
    assert agreement.overall["country"].f1 >= 0.85


@needs_corpus
def test_a_text_that_no_longer_matches_its_hash_names_the_article(tmp_path):
    standoff = tmp_path / "standoff"
    standoff.mkdir()
    for name in ("coded.jsonl", "double_coded_a.jsonl", "double_coded_b.jsonl", "relevance.jsonl"):
        rows = records(name)[:3]
        if name == "coded.jsonl":
            rows[1]["text_sha256"] = "0" * 64
        (standoff / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = marsad_cli("corpus", "materialise", str(tmp_path / "out"), "--corpus", str(CORPUS),
                      "--standoff", str(standoff))
    assert done.returncode == 2
    assert records("coded.jsonl")[1]["doc_id"] in done.stderr and "no longer matches" in done.stderr
    assert "Traceback" not in done.stderr


SHARED_GOLD = [ROOT.parent / "shared" / "dev" / name for name in ("dev.jsonl", "real/train.jsonl", "real/test.jsonl")]


@needs_corpus
def test_no_article_text_or_evidence_of_the_corpus_is_anywhere_in_the_repository(materialised):
    """Nor of the shared development sets: the project stores offsets and its own writing only."""
    automaton = ahocorasick.Automaton()
    documents = read_gold(materialised / "coded.jsonl")
    documents += [d for path in SHARED_GOLD if path.exists() for d in read_gold(path)]
    for document in documents:
        pieces = [e.evidence for e in document.events if len(e.evidence) >= 40]
        body = document.text.split("\n", 1)[-1].strip()
        pieces += [body[i:i + 60] for i in range(0, max(0, len(body) - 60), 400)]
        for piece in pieces:
            for form in {piece, normalize(piece)}:
                if len(form.strip()) >= 40:
                    automaton.add_word(form, (document.doc_id, form))
    automaton.make_automaton()
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    paths = [ROOT / p for p in listed.stdout.split("\0") if p] if listed.returncode == 0 else [
        p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts]
    found = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        found += [(str(path.relative_to(ROOT)), doc_id) for _, (doc_id, _) in automaton.iter(text)]
    assert found == []
