"""Extractor throughput: every article of ../shared/corpus/saudinewsnet through one `Extractor`, in one process.

Reads the zip files directly (zipfile + json) before the clock starts; only
`Extractor.process` on each article's `content` (with `published` = the date part of
`date_extracted`) is timed. Prints documents, events, seconds, docs/s and MB/s (UTF-8
bytes of content), wall clock and CPU, and the knowledge base's load time. The process is
pinned to one core: the target is 500 docs/s on one core (issue 11, with the learned models).
The load average is printed too, since a shared machine slows the wall clock but hardly the
CPU time.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--profile]

--profile runs pyinstrument over the first 3,000 documents (or --limit, if smaller) and
prints the top of the call tree and the functions with the most time of their own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet"
TARGET_DOCS_PER_S = 500  # issue 11: the learned extractor, all of SaudiNewsNet, one process on one core
PROFILE_DOCS = 3_000


@dataclass(slots=True)
class Article:
    doc_id: str
    content: str
    published: str | None


def read_articles(zips: list[Path], limit: int | None) -> list[Article]:
    """Every article's content and publication date, read before timing starts."""
    articles: list[Article] = []
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                if not name.endswith(".json"):
                    continue
                for number, record in enumerate(json.loads(archive.read(name))):
                    stamp = str(record.get("date_extracted") or "")
                    articles.append(Article(f"{path.stem}/{number}", record.get("content") or "", stamp[:10] or None))
                    if limit is not None and len(articles) >= limit:
                        return articles
    return articles


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def knowledge_base_load_times() -> tuple[float, float]:
    """(cold seconds: compiled from the TSV files, cached seconds: as a normal run loads it)."""
    from marsad.knowledge.loader import compile_knowledge_base

    saved = os.environ.get("MARSAD_CACHE")
    try:
        with tempfile.TemporaryDirectory() as cache:
            os.environ["MARSAD_CACHE"] = cache
            started = time.perf_counter()
            compile_knowledge_base()
            cold = time.perf_counter() - started
    finally:
        if saved is None:
            os.environ.pop("MARSAD_CACHE", None)
        else:
            os.environ["MARSAD_CACHE"] = saved
    started = time.perf_counter()
    compile_knowledge_base()
    return cold, time.perf_counter() - started


def run(extractor, articles: list[Article]) -> tuple[int, list[str], float, float]:
    """(events, failures, wall seconds, CPU seconds) of the extractor over the articles."""
    from marsad.model import Document

    events = 0
    failures: list[str] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for article in articles:
        try:
            events += len(extractor.process(Document(article.doc_id, article.content, article.published)).events)
        except Exception as exc:  # a benchmark reports failures instead of dying on article 25,000
            failures.append(f"{article.doc_id}: {type(exc).__name__}: {exc}")
    return events, failures, time.perf_counter() - started, time.process_time() - cpu_started


def self_times(root) -> list[tuple[float, float, str]]:
    """(own seconds, total seconds, function) for every function in a pyinstrument call tree."""
    own: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)

    def walk(frame, active: frozenset[str]) -> None:
        if frame.is_synthetic:
            return
        qualified = f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function
        key = f"{qualified}  {frame.file_path_short}:{frame.line_no}"
        real_children = [c for c in frame.children if not c.is_synthetic]
        own[key] += frame.time - sum(c.time for c in real_children)
        if key not in active:  # recursion: count the outermost call only
            total[key] += frame.time
        for child in real_children:
            walk(child, active | {key})

    walk(root, frozenset())
    return sorted(((own[k], total[k], k) for k in own), reverse=True)


def profile(extractor, articles: list[Article]) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    run(extractor, articles)
    session = profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False)[:6000])
    root = session.root_frame()
    print(f"top 10 functions by own time over {len(articles):,} documents ({root.time:.2f} s profiled):")
    print(f"  {'own s':>7} {'own %':>6} {'total s':>8}  function")
    for own, total, name in self_times(root)[:10]:
        print(f"  {own:7.2f} {100 * own / root.time:5.1f}% {total:8.2f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--profile", action="store_true",
                        help=f"profile the first {PROFILE_DOCS:,} articles with pyinstrument instead of timing all")
    args = parser.parse_args()
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        print(f"throughput: no SaudiNewsNet zip files in {CORPUS} (the shared corpus is absent; nothing to measure)",
              file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    from marsad.extracting.pipeline import Extractor

    cold, cached = knowledge_base_load_times()
    started = time.perf_counter()
    extractor = Extractor()
    setup = time.perf_counter() - started
    limit = min(args.limit or PROFILE_DOCS, PROFILE_DOCS) if args.profile else args.limit
    articles = read_articles(zips, limit)
    size = sum(len(a.content.encode("utf-8")) for a in articles)
    print(f"load average before: {load_average()}")
    if args.profile:
        profile(extractor, articles)
        return 0
    events, failures, seconds, cpu_seconds = run(extractor, articles)
    docs = len(articles)
    print(f"load average after : {load_average()}")
    scope = f"the first {docs:,} (--limit)" if args.limit else f"{docs:,}, all"
    print(f"documents : {scope} of the {len(zips)} zip files, {size / 1e6:.1f} MB of content")
    print(f"events    : {events:,}")
    print(f"seconds   : {seconds:.2f} wall clock, {cpu_seconds:.2f} CPU")
    verdict = "met" if docs / cpu_seconds >= TARGET_DOCS_PER_S else "NOT met"
    print(f"docs/s    : {docs / seconds:,.0f} wall clock, {docs / cpu_seconds:,.0f} CPU "
          f"(target {TARGET_DOCS_PER_S:,} on one core: {verdict})")
    print(f"MB/s      : {size / 1e6 / seconds:.2f} wall clock, {size / 1e6 / cpu_seconds:.2f} CPU")
    print(f"kb load   : cold {cold * 1000:.0f} ms (compiled from TSV), cached {cached * 1000:.0f} ms; "
          f"Extractor() {setup * 1000:.0f} ms")
    if failures:
        print(f"failures  : {len(failures)} articles raised; first: {failures[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
