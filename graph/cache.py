"""Answers kept until the store's version moves: every write raises it (`GraphStore.write`), in
this process or another, so a reader that checks the version (one indexed read) before using a
kept answer never serves one older than the store."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class VersionCache:
    """Values by key, each valid for the store version it was computed at."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int, compute: Callable[[], T]) -> T:
        """The value kept for `key` at `version`, else `compute()` (kept for next time)."""
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == version:
            value: T = kept[1]
            return value
        value = compute()
        with self._lock:
            self._kept[key] = (version, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
