"""What one batch asks for (the protocol's `batch` message), read and checked once, as plain frozen dataclasses.

The defaults are those of the TypeScript schemas (runners/client-config.ts), so a field the orchestrator leaves
out means the same here as there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .fields import BadField, Fields

ERROR_KINDS = ("timeout", "connect_refused", "reset", "http_4xx", "http_5xx", "rate_limited", "body", "fd_exhausted", "ports_exhausted", "other")
WORK_KINDS = ("none", "json", "html", "busy")
DEFAULT_RETRY_ON = ("rate_limited", "http_5xx", "reset", "timeout", "connect_refused")
MAX_UINT32 = 2**32 - 1


class Unsupported(ValueError):
    """A batch feature Python hosts do not have (limiters, open loop, rate caps, pipelining)."""


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int
    base_delay_ms: float
    max_delay_ms: float
    honour_retry_after: bool
    max_retry_after_ms: float
    retry_on: frozenset[str]


@dataclass(frozen=True)
class ClientSettings:
    """Connections per process (None: the requests that process keeps in flight), keep-alive and timeouts."""

    connections: Optional[int]
    keep_alive_timeout_ms: float
    headers_timeout_ms: float
    body_timeout_ms: float
    retry: RetryPolicy

    def pool_size(self, in_flight: int) -> int:
        return self.connections if self.connections is not None else max(1, in_flight)

    @property
    def read_timeout_s(self) -> float:
        """requests and aiohttp have one idle-read timeout for the headers and every body read: the longer of the two."""
        return max(self.headers_timeout_ms, self.body_timeout_ms) / 1000


@dataclass(frozen=True)
class CpuWork:
    kind: str
    ms: float = 0.0


@dataclass(frozen=True)
class RequestSpec:
    method: str
    headers: dict[str, str]
    body: Optional[str]


@dataclass(frozen=True)
class Setup:
    origin: str
    client: ClientSettings
    cpu_work: CpuWork
    seed: int
    identity_header: bool
    key: str
    request: Optional[RequestSpec]


@dataclass(frozen=True)
class BatchSpec:
    setup: Setup
    path: str
    requests: int
    concurrency: int
    stream: int
    iteration: int

    @property
    def url(self) -> str:
        return self.setup.origin + self.path


def read_batch(fields: Fields) -> BatchSpec:
    for feature, name in (("openLoop", "open-loop arrivals"), ("rateCap", "a rate cap")):
        if fields.has(feature):
            raise Unsupported(f"python hosts do not support {name} (`batch.{feature}`)")
    limiter = fields.raw("limiter")
    if limiter not in (None, "lanes"):
        raise Unsupported(f"python hosts keep the batch's in flight with their own lanes: limiter `{limiter}` is not supported")
    requests = fields.integer("requests", 0, 100_000_000)
    concurrency = fields.integer("concurrency", 1, 1_000_000)
    path = fields.string("path")
    if not path.startswith("/"):
        raise BadField("batch.path", "a path starting with `/`", path)
    return BatchSpec(
        setup=_read_setup(fields.object("setup")),
        path=path,
        requests=requests,
        concurrency=concurrency,
        stream=fields.integer("stream", 0, MAX_UINT32),
        iteration=fields.integer("iteration", 0, MAX_UINT32),
    )


def _read_setup(fields: Fields) -> Setup:
    origin = fields.string("origin")
    if not origin.startswith(("http://", "https://")):
        raise BadField("batch.setup.origin", "an http:// or https:// origin", origin)
    if fields.has("rateCap"):
        raise Unsupported("python hosts do not support a rate cap (`batch.setup.rateCap`)")
    work = fields.object("work")
    request = fields.object("request") if fields.has("request") else None
    return Setup(
        origin=origin.rstrip("/"),
        client=_read_client(fields.object("client", required=False)),
        cpu_work=_read_work(work.object("cpuWork")),
        seed=fields.integer("seed", 0, MAX_UINT32),
        identity_header=fields.boolean("identityHeader", True),
        key=fields.string("key", ""),
        request=None if request is None else _read_request(request),
    )


def _read_request(fields: Fields) -> RequestSpec:
    body = fields.string("body") if fields.has("body") else None
    return RequestSpec(method=fields.string("method", "GET"), headers=fields.string_map("headers", {}), body=body)


def _read_client(fields: Fields) -> ClientSettings:
    pipelining = fields.integer("pipelining", 1, 128, 1)
    if pipelining != 1:
        raise Unsupported(f"python hosts do not pipeline HTTP requests (`batch.setup.client.pipelining` is {pipelining})")
    retry = fields.object("retry", required=False)
    return ClientSettings(
        connections=fields.optional_integer("connections", 1, 100_000),
        keep_alive_timeout_ms=fields.number("keepAliveTimeoutMs", 1, 600_000, 30_000),
        headers_timeout_ms=fields.number("headersTimeoutMs", 1, 3_600_000, 30_000),
        body_timeout_ms=fields.number("bodyTimeoutMs", 1, 3_600_000, 30_000),
        retry=RetryPolicy(
            max_retries=retry.integer("maxRetries", 0, 20, 0),
            base_delay_ms=retry.number("baseDelayMs", 0, 60_000, 50),
            max_delay_ms=retry.number("maxDelayMs", 0, 600_000, 5_000),
            honour_retry_after=retry.boolean("honourRetryAfter", True),
            max_retry_after_ms=retry.number("maxRetryAfterMs", 0, 600_000, 30_000),
            retry_on=frozenset(retry.strings("retryOn", ERROR_KINDS, DEFAULT_RETRY_ON)),
        ),
    )


def _read_work(fields: Fields) -> CpuWork:
    kind = fields.choice("kind", WORK_KINDS)
    return CpuWork(kind, fields.number("ms", 0, 10_000)) if kind == "busy" else CpuWork(kind)
