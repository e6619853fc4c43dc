"""The CPU work done on each response (runners/work.ts): none, json, html links, or calibrated busy CPU time."""

from __future__ import annotations

import json
import time
from html.parser import HTMLParser

from .batch_spec import CpuWork

_UINT32 = 0xFFFFFFFF
_PROBE_ROUNDS = 50_000
_SAMPLES = 7


def busy_rounds(rounds: int, seed: int = 0x9E3779B9) -> int:
    """runners/work.ts's xorshift mix in 32-bit arithmetic: each round feeds the next, so none can be skipped."""
    x = seed & _UINT32
    for _ in range(rounds):
        x ^= (x << 13) & _UINT32
        x ^= x >> 17
        x ^= (x << 5) & _UINT32
    return x


def calibrate_busy_rounds_per_ms() -> float:
    """
    Busy rounds per millisecond of CPU time on this host, the fastest of a few samples. Run it before any thread
    or pool starts: process_time counts every thread of the process.
    """
    busy_rounds(_PROBE_ROUNDS)
    fastest_ns = float("inf")
    for sample in range(_SAMPLES):
        before = time.process_time_ns()
        busy_rounds(_PROBE_ROUNDS, sample + 1)
        fastest_ns = min(fastest_ns, time.process_time_ns() - before)
    return _PROBE_ROUNDS / max(fastest_ns / 1e6, 1e-3)


class _LinkExtractor(HTMLParser):
    """The `<a href>` links of a page (the requests + BeautifulSoup step, with the standard library's parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.extend(value for name, value in attrs if name == "href" and value)


def extract_links(html: str) -> list[str]:
    extractor = _LinkExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.links


def needs_body(work: CpuWork) -> bool:
    return work.kind in ("json", "html")


def do_work(work: CpuWork, body: bytes, busy_rounds_per_ms: float) -> int:
    """Does the work and returns a number derived from it."""
    if work.kind == "json":
        parsed = json.loads(body)
        return len(parsed) if isinstance(parsed, (dict, list)) else 0
    if work.kind == "html":
        return len(extract_links(body.decode("utf-8", "replace")))
    if work.kind == "busy":
        return busy_rounds(round(work.ms * busy_rounds_per_ms))
    return 0
