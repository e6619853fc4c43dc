"""
What a batch (or one thread's or process's share of it) produced, in the protocol's `outcome` shape
(runners/outcome.ts): counts, the time split, one latency per request in microseconds, and process usage.
"""

from __future__ import annotations

import math
import os
import resource
from dataclasses import dataclass, field
from typing import Any, Optional

SPLIT_KEYS = ("slotWaitMs", "serverQueueMs", "serverServeMs", "restMs", "backoffMs", "workMs")


@dataclass
class Answer:
    """What one logical request ended as, after any retries (its last try's status, bytes and Server-Timing)."""

    status: int
    byte_count: int
    error_kind: Optional[str]
    body: Optional[bytes]
    attempts: int
    backoff_ms: float
    server_queue_ms: float
    server_serve_ms: float


@dataclass
class Usage:
    """CPU (user and system) and peak RSS of this process, as getrusage reads them."""

    user_us: int
    system_us: int
    max_rss_bytes: int

    @staticmethod
    def now() -> Usage:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        # Linux reports ru_maxrss in KiB.
        return Usage(round(usage.ru_utime * 1e6), round(usage.ru_stime * 1e6), usage.ru_maxrss * 1024)

    def since(self, before: Usage) -> dict[str, int]:
        return {
            "pid": os.getpid(),
            "cpuUserUs": self.user_us - before.user_us,
            "cpuSystemUs": self.system_us - before.system_us,
            "maxRssBytes": self.max_rss_bytes,
        }


@dataclass
class Recorder:
    """Records the requests of one thread, loop or process; recorders of one batch merge into its outcome."""

    requests: int = 0
    ok: int = 0
    byte_count: int = 0
    retries: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    split: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SPLIT_KEYS, 0.0))
    latencies_us: list[int] = field(default_factory=list)

    def record(self, latency_ns: int, answer: Answer, slot_wait_ns: int, work_ns: int) -> None:
        """`latency_ns` spans first try to final answer, backoff included; the work is timed apart."""
        self.latencies_us.append(max(1, round(latency_ns / 1000)))
        self.requests += 1
        self.byte_count += answer.byte_count
        self.retries += answer.attempts - 1
        status = str(answer.status)
        self.status_counts[status] = self.status_counts.get(status, 0) + 1
        if answer.error_kind is None:
            self.ok += 1
        else:
            self.errors_by_kind[answer.error_kind] = self.errors_by_kind.get(answer.error_kind, 0) + 1
        latency_ms = latency_ns / 1e6
        split = self.split
        split["slotWaitMs"] += slot_wait_ns / 1e6
        split["backoffMs"] += answer.backoff_ms
        split["workMs"] += work_ns / 1e6
        # Without Server-Timing (NaN) the whole exchange is the rest.
        server_ms = 0.0
        if not math.isnan(answer.server_queue_ms):
            split["serverQueueMs"] += answer.server_queue_ms
            split["serverServeMs"] += answer.server_serve_ms
            server_ms = answer.server_queue_ms + answer.server_serve_ms
        split["restMs"] += max(0.0, latency_ms - answer.backoff_ms - server_ms)


def _add(into: dict[str, Any], counts: dict[str, Any]) -> None:
    for key, count in counts.items():
        into[key] = into.get(key, 0) + count


def merge_recorders(parts: list[Recorder]) -> Recorder:
    """Several threads' records as one (a process's, when its lanes are threads)."""
    merged = Recorder()
    for part in parts:
        merged.requests += part.requests
        merged.ok += part.ok
        merged.byte_count += part.byte_count
        merged.retries += part.retries
        _add(merged.errors_by_kind, part.errors_by_kind)
        _add(merged.status_counts, part.status_counts)
        _add(merged.split, part.split)
        merged.latencies_us.extend(part.latencies_us)
    return merged


def outcome_of(parts: list[Recorder], processes: list[dict[str, int]]) -> dict[str, Any]:
    """The protocol's outcome: one part per thread, loop or process that ran requests (`requestsByLoop`)."""
    merged = merge_recorders(parts)
    return {
        "requests": merged.requests,
        "ok": merged.ok,
        "bytes": merged.byte_count,
        "retries": merged.retries,
        "errorsByKind": merged.errors_by_kind,
        "statusCounts": merged.status_counts,
        "split": merged.split,
        "loopUtilization": [],
        "requestsByLoop": [part.requests for part in parts],
        "latenciesUs": merged.latencies_us,
        "processes": processes,
    }
