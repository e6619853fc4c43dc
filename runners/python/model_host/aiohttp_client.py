"""The client of the asyncio models: one aiohttp.ClientSession with a TCPConnector(limit) for the batch's in flight."""

from __future__ import annotations

import asyncio
from typing import Optional

import aiohttp

from .error_kind import error_kind, status_kind
from .batch_spec import BatchSpec, Setup
from .outcome import Answer
from .server_timing import parse_server_timing
from .tries import IDENTITY_HEADER, Try, wait_before_retry_ms
from .work import needs_body

_LIBRARY_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (aiohttp.ServerTimeoutError, "timeout"),
    (aiohttp.ServerDisconnectedError, "reset"),
    (aiohttp.ClientPayloadError, "body"),
)


class AiohttpClient:
    """Create it inside the running loop that will use it (aiohttp binds the session to that loop)."""

    def __init__(self, setup: Setup, in_flight: int) -> None:
        client = setup.client
        self.key = (setup.key, in_flight)
        connector = aiohttp.TCPConnector(limit=client.pool_size(in_flight), keepalive_timeout=client.keep_alive_timeout_ms / 1000)
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=client.headers_timeout_ms / 1000, sock_read=client.read_timeout_s)
        self._session = aiohttp.ClientSession(connector=connector, timeout=timeout)
        spec = setup.request
        self._method = spec.method if spec else "GET"
        self._headers = dict(spec.headers) if spec else {}
        self._data = spec.body.encode() if spec and spec.body is not None else None
        self._keep_body = needs_body(setup.cpu_work)

    async def fetch(self, batch: BatchSpec, prefix: Optional[str], index: int) -> Answer:
        """One logical request, retried per the batch's policy; errors are classified, never raised."""
        url = batch.url
        backoff_ms = 0.0
        attempt = 0
        while True:
            tried = await self._try(url, None if prefix is None else f"{prefix}{index}.{attempt}")
            wait_ms = wait_before_retry_ms(batch, index, tried, attempt)
            if wait_ms is None:
                return tried.answer(attempt + 1, backoff_ms)
            backoff_ms += wait_ms
            await asyncio.sleep(wait_ms / 1000)
            attempt += 1

    async def _try(self, url: str, identity: Optional[str]) -> Try:
        headers = self._headers if identity is None else {**self._headers, IDENTITY_HEADER: identity}
        try:
            async with self._session.request(self._method, url, headers=headers, data=self._data) as response:
                try:
                    content = await response.read()
                except Exception as error:  # noqa: BLE001 -- every failure is an error kind, as in the Node client
                    return Try(error_kind=error_kind(error, _LIBRARY_KINDS, body_phase=True))
                queue_ms, serve_ms = parse_server_timing(response.headers.get("server-timing"))
                return Try(
                    status=response.status,
                    byte_count=len(content),
                    error_kind=status_kind(response.status),
                    body=content if self._keep_body else None,
                    retry_after=response.headers.get("retry-after"),
                    server_queue_ms=queue_ms,
                    server_serve_ms=serve_ms,
                )
        except Exception as error:  # noqa: BLE001
            return Try(error_kind=error_kind(error, _LIBRARY_KINDS))

    async def close(self) -> None:
        await self._session.close()
