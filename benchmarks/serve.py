"""Serving benchmark: filtered /api/events and /api/actors/{id} latency under a bounded load.

Builds a store of SaudiNewsNet with `marsad ingest` (or reuses the one at --db), starts
`marsad serve` on a free loopback port in its own process, and sends a fixed, seeded mix of
requests from this process with a few concurrent workers until --requests are done or
--time-cap seconds have passed. Prints p50/p95/p99 and requests/s, overall and per kind
(":server" rows: time spent in the server, from its Server-Timing header, without queueing);
exits 1 when p95 is over --target-ms or any request failed.

    .venv/bin/python benchmarks/serve.py [--db build/serve-bench/saudinewsnet.duckdb] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
MARSAD = [sys.executable, "-m", "marsad.cli"]


def build_store(db: Path, limit: int | None, workers: int) -> None:
    """`marsad ingest` of the corpus (its first `limit` articles only, when given) into `db`."""
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        sys.exit(f"no zip files in {CORPUS}")
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [str(z) for z in zips]
        if limit:
            sample = Path(tmp) / "sample.json"
            sample.write_text(json.dumps(first_articles(zips, limit), ensure_ascii=False), "utf-8")
            inputs = [str(sample)]
        started = time.perf_counter()
        subprocess.run([*MARSAD, "ingest", *inputs, "--db", str(db), "--workers", str(workers), "--quiet"],
                       check=True)
        print(f"ingested in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def first_articles(zips: list[Path], limit: int) -> list[dict]:
    articles: list[dict] = []
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                articles += json.loads(archive.read(name))
                if len(articles) >= limit:
                    return articles[:limit]
    return articles


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """`marsad serve` on a free loopback port, once it answers."""
    port = free_port()
    server = subprocess.Popen([*MARSAD, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not start")


def request_mix(base: str, count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, path) pairs: events filtered by one or two fields, and actor pages, seeded."""
    stats = httpx.get(f"{base}/api/stats", timeout=30).json()
    actors = httpx.get(f"{base}/api/actors", params={"limit": 200}, timeout=30).json()["actors"]
    named = [a for a in actors if a["name"]]
    if not actors or not stats["events_by_type"]:
        sys.exit("the store has no events or actors to query")
    rng = random.Random(seed)
    types, outlets = list(stats["events_by_type"]), list(stats["documents_by_source"])
    countries = sorted({a["country"] for a in actors if a["country"]})
    days = [f"2015-{m:02d}-{d:02d}" for m, d in ((7, 21), (7, 28), (8, 4), (8, 11), (8, 18), (8, 25))]
    filters = [
        lambda: {"type": rng.choice(types)},
        lambda: {"country": rng.choice(countries)},
        lambda: {"source": rng.choice(outlets), "type": rng.choice(types)},
        lambda: {"since": rng.choice(days[:3]), "until": rng.choice(days[3:])},
        lambda: {"actor": rng.choice(named)["name"] if named else rng.choice(actors)["actor_id"]},
        lambda: {"actor": rng.choice([f for a in actors for f in a["arabic"] or []] or ["السعودية"])},
        lambda: {"country": rng.choice(countries), "type": rng.choice(types), "sort": "-confidence"},
        lambda: {"text": rng.choice(["الرئيس", "اتفاق", "الحوثيين", "وزير الخارجية", "إيران"])},
    ]
    mix = []
    for _ in range(count):
        if rng.random() < 0.35:
            mix.append(("actor", f"/api/actors/{quote(rng.choice(actors[:100])['actor_id'], safe='')}"))
        else:
            params = rng.choice(filters)() | {"limit": 50, "offset": rng.choice([0, 0, 0, 50])}
            mix.append(("events", f"/api/events?{urlencode(params)}"))
    return mix


def run_load(base: str, mix: list[tuple[str, str]], workers: int, cap: float) -> tuple[dict, float, list]:
    """Send `mix` with `workers` threads until done or `cap` seconds; latencies (ms) by kind."""
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    lock, queue = threading.Lock(), iter(mix)
    deadline = time.monotonic() + cap

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                kind, path = item
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                worked = float(response.headers.get("server-timing", "app;dur=0").partition("dur=")[2])
                with lock:
                    latencies[kind].append(elapsed)
                    latencies[f"{kind}:server"].append(worked)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {path}")

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, failures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "serve-bench" / "saudinewsnet.duckdb",
                        help="store to serve; built from SaudiNewsNet when absent")
    parser.add_argument("--limit", type=int, help="ingest only the first N articles (a quick run)")
    parser.add_argument("--ingest-workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2,
                        help="concurrent client connections (default 2: one per core here; more only queue)")
    parser.add_argument("--time-cap", type=float, default=120.0, help="seconds of load at most")
    parser.add_argument("--target-ms", type=float, default=200.0, help="p95 latency to meet")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not args.db.exists():
        build_store(args.db, args.limit, args.ingest_workers)
    server, base = start_server(args.db)
    try:
        stats = httpx.get(f"{base}/api/stats", timeout=30).json()
        print(f"store: {args.db} — {stats['documents']:,} documents, {stats['events']:,} events, "
              f"{stats['actors']:,} actors")
        mix = request_mix(base, args.requests, args.seed)
        run_load(base, mix[:40], 2, 60)  # warm-up: caches, the knowledge base
        latencies, seconds, failures = run_load(base, mix, args.workers, args.time_cap)
    finally:
        server.terminate()
        server.wait(10)
    every = [v for kind, values in latencies.items() if ":" not in kind for v in values]
    rate = len(every) / seconds
    print(f"{len(every):,} requests in {seconds:.1f} s with {args.workers} workers: {rate:,.0f} req/s")
    for kind, values in [("all", every), *sorted(latencies.items())]:
        print(f"  {kind:<7} n={len(values):>5}  p50 {percentile(values, 50):6.1f} ms  "
              f"p95 {percentile(values, 95):6.1f} ms  p99 {percentile(values, 99):6.1f} ms  "
              f"max {max(values):6.1f} ms")
    p95 = percentile(every, 95)
    print(f"p95 {p95:.1f} ms {'≤' if p95 <= args.target_ms else '>'} target {args.target_ms:.0f} ms; "
          f"{len(failures)} failed requests")
    for failure in failures[:10]:
        print(f"  failed: {failure}")
    return 0 if p95 <= args.target_ms and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
