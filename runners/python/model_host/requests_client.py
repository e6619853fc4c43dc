"""The blocking client of the sequential, threading and multiprocessing models: one requests.Session, as the articles use it."""

from __future__ import annotations

import time
from typing import Optional

import requests
import urllib3
from requests.adapters import HTTPAdapter

from .error_kind import error_kind, status_kind
from .batch_spec import BatchSpec, Setup
from .outcome import Answer
from .server_timing import parse_server_timing
from .tries import IDENTITY_HEADER, Try, wait_before_retry_ms
from .work import needs_body

_LIBRARY_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (requests.exceptions.Timeout, "timeout"),
    (urllib3.exceptions.TimeoutError, "timeout"),
)


class RequestsClient:
    """A Session whose HTTPAdapter keeps `pool_size` connections (pool_connections, pool_maxsize), never retrying by itself."""

    def __init__(self, setup: Setup, pool_size: int, key: Optional[str] = None) -> None:
        self.key = setup.key if key is None else key
        self._session = requests.Session()
        # No proxy or .netrc from the environment, as aiohttp's and undici's defaults: the requests go where asked.
        self._session.trust_env = False
        adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        client = setup.client
        self._timeout = (client.headers_timeout_ms / 1000, client.read_timeout_s)
        spec = setup.request
        self._method = spec.method if spec else "GET"
        self._headers = dict(spec.headers) if spec else {}
        self._data = spec.body.encode() if spec and spec.body is not None else None
        self._keep_body = needs_body(setup.cpu_work)

    def fetch(self, batch: BatchSpec, prefix: Optional[str], index: int) -> Answer:
        """One logical request, retried per the batch's policy; errors are classified, never raised."""
        url = batch.url
        backoff_ms = 0.0
        attempt = 0
        while True:
            tried = self._try(url, None if prefix is None else f"{prefix}{index}.{attempt}")
            wait_ms = wait_before_retry_ms(batch, index, tried, attempt)
            if wait_ms is None:
                return tried.answer(attempt + 1, backoff_ms)
            backoff_ms += wait_ms
            time.sleep(wait_ms / 1000)
            attempt += 1

    def _try(self, url: str, identity: Optional[str]) -> Try:
        headers = self._headers if identity is None else {**self._headers, IDENTITY_HEADER: identity}
        try:
            # stream=True: the headers arrive here and the body below, so a failure in the body is told apart.
            response = self._session.request(self._method, url, headers=headers, data=self._data, timeout=self._timeout, stream=True)
        except Exception as error:  # noqa: BLE001 -- every failure is an error kind, as in the Node client
            return Try(error_kind=error_kind(error, _LIBRARY_KINDS))
        try:
            content = response.content
        except Exception as error:  # noqa: BLE001
            response.close()
            return Try(error_kind=error_kind(error, _LIBRARY_KINDS, body_phase=True))
        queue_ms, serve_ms = parse_server_timing(response.headers.get("server-timing"))
        return Try(
            status=response.status_code,
            byte_count=len(content),
            error_kind=status_kind(response.status_code),
            body=content if self._keep_body else None,
            retry_after=response.headers.get("retry-after"),
            server_queue_ms=queue_ms,
            server_serve_ms=serve_ms,
        )

    def close(self) -> None:
        self._session.close()
