"""Lanes of a blocking model: threads that each take the next index as soon as their previous request ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

NO_MORE = -1


class Lanes:
    """`count` lanes over one index source; one lane runs on the calling thread, the others on pooled threads."""

    def __init__(self) -> None:
        self._executor: Optional[ThreadPoolExecutor] = None
        self._threads = 0

    def run(self, count: int, next_index: Callable[[], int], one: Callable[[int], None]) -> None:
        def lane() -> None:
            while (index := next_index()) != NO_MORE:
                one(index)

        others = [self._pool(count - 1).submit(lane) for _ in range(count - 1)] if count > 1 else []
        lane()
        for other in others:
            other.result()

    def _pool(self, threads: int) -> ThreadPoolExecutor:
        if self._executor is None or self._threads != threads:
            self.close()
            self._threads = threads
            self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="lane")
            started = threading.Barrier(threads)
            for _ in self._executor.map(lambda _: started.wait(timeout=30), range(threads)):
                pass
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
