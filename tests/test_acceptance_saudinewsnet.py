"""Issue 13's acceptance on 4 zips of real news (SaudiNewsNet, read from ../shared, never copied):
every named actor of every event has a knowledge-base id and no event is dated after its article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/saudinewsnet is absent")
def test_four_zips_have_known_actors_and_no_future_dates():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "acceptance.py"), "--workers", "2"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "without a knowledge-base id 0 []" in done.stdout and "dated after publication 0" in done.stdout
