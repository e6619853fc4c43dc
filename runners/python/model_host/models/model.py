"""What the host asks of every model."""

from __future__ import annotations

from typing import Any, Protocol

from ..batch_spec import BatchSpec

Outcome = dict[str, Any]


class Model(Protocol):
    def worker_pids(self) -> list[int]:
        """Processes the model runs requests in besides the host (a process pool); empty otherwise."""
        ...

    def run_batch(self, batch: BatchSpec) -> tuple[float, Outcome]:
        """Runs one batch: (wall ms of the batch alone, the protocol's outcome)."""
        ...

    def close(self) -> None:
        """Closes sessions and pools; the host exits right after."""
        ...
