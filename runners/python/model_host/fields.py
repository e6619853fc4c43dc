"""Reading one JSON object's fields with the checks the protocol needs, in the project's one-line message form."""

from __future__ import annotations

import json
import math
from typing import Any, Optional


class BadField(ValueError):
    """A field that is missing or has the wrong type or range: ``Expected `x` to be ..., got `...` ``."""

    def __init__(self, where: str, expected: str, value: object) -> None:
        super().__init__(f"Expected `{where}` to be {expected}, got `{shown(value)}`")


_MISSING = object()


def shown(value: object) -> str:
    if value is _MISSING:
        return "nothing"
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Fields:
    """The fields of one JSON object at `where` (e.g. `batch.setup.client`)."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise BadField(where, "an object", value)
        self._value: dict[str, Any] = value
        self._where = where

    def _path(self, name: str) -> str:
        return f"{self._where}.{name}" if self._where else name

    def _get(self, name: str, default: object) -> object:
        value = self._value.get(name, _MISSING)
        if value is _MISSING:
            if default is _MISSING:
                raise BadField(self._path(name), "given", _MISSING)
            return default
        return value

    def has(self, name: str) -> bool:
        return self._value.get(name) is not None

    def raw(self, name: str) -> object:
        return self._value.get(name)

    def integer(self, name: str, low: int, high: int, default: object = _MISSING) -> int:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != math.floor(value) or not low <= value <= high:
            raise BadField(self._path(name), f"an integer in [{low}, {high}]", value)
        return int(value)

    def optional_integer(self, name: str, low: int, high: int) -> Optional[int]:
        return self.integer(name, low, high) if self.has(name) else None

    def number(self, name: str, low: float, high: float, default: object = _MISSING) -> float:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise BadField(self._path(name), f"a number in [{low:g}, {high:g}]", value)
        return float(value)

    def boolean(self, name: str, default: object = _MISSING) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            raise BadField(self._path(name), "true or false", value)
        return value

    def string(self, name: str, default: object = _MISSING) -> str:
        value = self._get(name, default)
        if not isinstance(value, str):
            raise BadField(self._path(name), "a string", value)
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: object = _MISSING) -> str:
        value = self._get(name, default)
        if value not in choices:
            raise BadField(self._path(name), "one of " + ", ".join(f"`{choice}`" for choice in choices), value)
        return str(value)

    def strings(self, name: str, choices: tuple[str, ...], default: object = _MISSING) -> tuple[str, ...]:
        value = self._get(name, default)
        if not isinstance(value, (list, tuple)) or any(item not in choices for item in value):
            raise BadField(self._path(name), "a list of " + ", ".join(f"`{choice}`" for choice in choices), value)
        return tuple(str(item) for item in value)

    def string_map(self, name: str, default: object = _MISSING) -> dict[str, str]:
        value = self._get(name, default)
        if not isinstance(value, dict) or any(not isinstance(item, str) for item in value.values()):
            raise BadField(self._path(name), "an object of strings", value)
        return {str(key): str(item) for key, item in value.items()}

    def object(self, name: str, required: bool = True) -> Fields:
        """The nested object `name`; when not required, a missing one reads as empty (every field at its default)."""
        return Fields(self._get(name, _MISSING if required else {}), self._path(name))
