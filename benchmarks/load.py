"""Load on the HTTP API served on 127.0.0.1: every request answered or told busy, none lost, memory stable.

Serves the app in a subprocess (tests/browser/serve_app.py: seeds ingested, hashed bag-of-words embedder,
a deterministic model that cites the best-matching sentence, `--delay` seconds per reply), then
  (a) `--questions` POST /api/ask from `--clients` concurrent clients (one model slot: the others wait up
      to `--busy-wait` s, then get 503 with Retry-After),
  (b) `--queries` POST /api/retrieve from the same number of clients (no model).
Prints per run: sent, 200, 503, other (must be 0), lost (sent - answered - rejected, must be 0),
p50/p95 latency, and the server's RSS before and after. The server is stopped by PID at the end.

    .venv/bin/python benchmarks/load.py [--questions 50] [--queries 1000] [--clients 10] [--delay 0.1]
                                        [--busy-wait 30] [--llm cite|real]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

QUESTIONS = [
    "Quand le missile Oreshnik pourrait-il être déployé au Bélarus ?",
    "Quand l'accord de sécurité entre la Russie et le Bélarus a-t-il été signé ?",
    "Who controls the nuclear weapons deployed in Belarus?",
    "Pourquoi Poutine est-il allé en Biélorussie en décembre 2022 ?",
    "What did Lukashenko ask Russian specialists to do?",
]


@dataclass(frozen=True)
class Reply:
    """One request's outcome: status (0 when the connection failed), seconds, and what a 503 carried."""

    status: int
    seconds: float
    retry_after: str | None = None
    error_type: str | None = None  # the JSON error body's type, when the body was one


@dataclass
class RunStats:
    name: str
    replies: list[Reply] = field(default_factory=list)
    sent: int = 0

    def count(self, status: int) -> int:
        return sum(r.status == status for r in self.replies)

    @property
    def other(self) -> int:
        return sum(r.status not in (200, 503) for r in self.replies)

    @property
    def lost(self) -> int:
        return self.sent - self.count(200) - self.count(503)

    def percentile(self, q: float) -> float:
        times = sorted(r.seconds for r in self.replies)
        return times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")

    def busy_replies_are_clear(self) -> bool:
        """Every 503 carries Retry-After and a JSON error body of type Busy."""
        return all(r.retry_after and r.error_type == "Busy" for r in self.replies if r.status == 503)


def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}: is it running on Linux?")


def _post(http: httpx.Client, path: str, body: dict) -> Reply:
    start = time.perf_counter()
    try:
        response = http.post(path, json=body)
    except httpx.HTTPError:
        return Reply(0, time.perf_counter() - start)
    seconds = time.perf_counter() - start
    error_type = None
    if response.status_code != 200:
        try:
            error_type = response.json()["error"]["type"]
        except (ValueError, KeyError, TypeError):
            error_type = None
    return Reply(response.status_code, seconds, response.headers.get("retry-after"), error_type)


def storm(url: str, name: str, path: str, bodies: list[dict], clients: int, timeout: float = 120.0) -> RunStats:
    """POST every body to `path` from `clients` concurrent clients (each with its own connection)."""
    stats = RunStats(name, sent=len(bodies))
    per_client = [bodies[i::clients] for i in range(clients)]

    def run(share: list[dict]) -> list[Reply]:
        with httpx.Client(base_url=url, timeout=timeout) as http:
            return [_post(http, path, body) for body in share]

    with ThreadPoolExecutor(clients) as pool:
        for replies in pool.map(run, per_client):
            stats.replies.extend(replies)
    return stats


def ask_bodies(count: int) -> list[dict]:
    return [{"question": QUESTIONS[i % len(QUESTIONS)]} for i in range(count)]


def retrieve_bodies(count: int) -> list[dict]:
    return [{"question": QUESTIONS[i % len(QUESTIONS)], "k": 5} for i in range(count)]


def table(runs: list[RunStats], rss: dict[str, tuple[float, float]]) -> str:
    head = f"{'run':<10} {'sent':>5} {'200':>5} {'503':>5} {'other':>5} {'lost':>5} {'p50 s':>7} {'p95 s':>7} " \
           f"{'RSS before MB':>13} {'after MB':>9} {'growth MB':>9}"
    lines = [head, "-" * len(head)]
    for r in runs:
        before, after = rss[r.name]
        lines.append(f"{r.name:<10} {r.sent:>5} {r.count(200):>5} {r.count(503):>5} {r.other:>5} {r.lost:>5} "
                     f"{r.percentile(0.5):>7.3f} {r.percentile(0.95):>7.3f} {before:>13.1f} {after:>9.1f} {after - before:>9.1f}")
    return "\n".join(lines)


def measured(pid: int, run: Callable[[], RunStats]) -> tuple[RunStats, tuple[float, float]]:
    before = rss_mb(pid)
    stats = run()
    return stats, (before, rss_mb(pid))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds the fake model thinks per reply")
    parser.add_argument("--busy-wait", type=float, default=30.0, help="seconds a request waits for the model before 503")
    parser.add_argument("--llm", choices=["cite", "real"], default="cite", help="the fake citing model, or the default Qwen")
    args = parser.parse_args(argv)
    if min(args.questions, args.queries, args.clients) < 1:
        parser.error("--questions, --queries and --clients must be at least 1")

    from tests.servers import free_port, server

    with tempfile.TemporaryDirectory(prefix="newsrag-load-") as tmp:
        data = Path(tmp) / "data"
        port = free_port()
        command = [sys.executable, "-m", "tests.browser.serve_app", str(data), str(port), "--embedder", "fake",
                   "--llm", args.llm, "--delay", str(args.delay), "--busy-wait", str(args.busy_wait)]
        env = {"PYTHONPATH": str(ROOT), "NEWSRAG_HOME": str(data)}
        with server(command, port, Path(tmp) / "server.log", timeout=240, env=env) as process:
            url = f"http://127.0.0.1:{port}"
            httpx.post(f"{url}/api/ask", json={"question": QUESTIONS[0]}, timeout=300).raise_for_status()  # warm
            httpx.post(f"{url}/api/retrieve", json={"question": QUESTIONS[0]}, timeout=60).raise_for_status()
            rss: dict[str, tuple[float, float]] = {}
            ask, rss["ask"] = measured(process.pid, lambda: storm(url, "ask", "/api/ask", ask_bodies(args.questions), args.clients))
            retrieve, rss["retrieve"] = measured(process.pid, lambda: storm(url, "retrieve", "/api/retrieve",
                                                                           retrieve_bodies(args.queries), args.clients))
            healthy = httpx.get(f"{url}/api/health", timeout=30).json()["status"] == "ok"
    print(f"llm={args.llm} delay={args.delay}s busy_wait={args.busy_wait}s clients={args.clients}")
    print(table([ask, retrieve], rss))
    clear = ask.busy_replies_are_clear() and retrieve.busy_replies_are_clear()
    print(f"every 503 with Retry-After and a JSON Busy body: {clear}; healthy after: {healthy}")
    ok = clear and healthy and all(r.other == 0 and r.lost == 0 for r in (ask, retrieve))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
