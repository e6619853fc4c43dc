"""The protocol's error kinds, from an HTTP status or from what a client library raised (runners/error-kind.ts)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Optional

_BY_ERRNO = {
    errno.ETIMEDOUT: "timeout",
    errno.ECONNREFUSED: "connect_refused",
    errno.ECONNRESET: "reset",
    errno.EPIPE: "reset",
    errno.ECONNABORTED: "reset",
    errno.EMFILE: "fd_exhausted",
    errno.ENFILE: "fd_exhausted",
    errno.EADDRNOTAVAIL: "ports_exhausted",
    errno.EADDRINUSE: "ports_exhausted",
}


def status_kind(status: int) -> Optional[str]:
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "http_5xx"
    if status >= 400:
        return "http_4xx"
    return None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it was raised from or during, and errors carried in its args or `reason` (urllib3 wraps so)."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending.extend(item for item in linked if isinstance(item, BaseException))


def error_kind(error: BaseException, library_kinds: tuple[tuple[type[BaseException], str], ...] = (), body_phase: bool = False) -> str:
    """
    The kind of a failed try. `library_kinds`: a client library's own classes that say it (a timeout, a closed
    connection). A failure after the answer started is `body`, except a timeout, which stays `timeout`.
    """
    kind = _kind_of(error, library_kinds)
    if body_phase:
        return "timeout" if kind == "timeout" else "body"
    return kind


def _kind_of(error: BaseException, library_kinds: tuple[tuple[type[BaseException], str], ...]) -> str:
    for cause in _causes(error):
        for cls, kind in library_kinds:
            if isinstance(cause, cls):
                return kind
        if isinstance(cause, TimeoutError):
            return "timeout"
        if isinstance(cause, ConnectionRefusedError):
            return "connect_refused"
        if isinstance(cause, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
            return "reset"
        if isinstance(cause, OSError) and cause.errno in _BY_ERRNO:
            return _BY_ERRNO[cause.errno]
    return "other"
