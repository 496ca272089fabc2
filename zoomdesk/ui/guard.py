"""The one guard for Python code Qt calls back into: an exception is logged, never let through.

Qt calls overridden virtual methods (``data``, ``paintEvent``, ``eventFilter``,
``acceptNavigationRequest``…) from C++. An exception escaping one has nowhere
to go: PySide prints it and hands Qt a made-up value, and inside a model or
a paint that can end the process (a meeting Zoom dated 9999-12-31 crashed the
window at every start). So every such override is decorated::

    @guarded(None)
    def data(self, index, role=0): ...

    @guarded(False, fallback=QDialog.event)   # on failure, what the base class does
    def event(self, event): ...

Each failure is logged with its traceback, once per method and exception type
(a broken ``data`` fails on every repaint), and the default is returned.
``tests/gui/test_qt_overrides_guarded.py`` checks that every override in
``zoomdesk.ui`` wears this decorator.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

#: Marks a guarded function, for the test that finds unguarded overrides.
MARK = "__zoomdesk_guarded__"
_SEEN_MAX = 256
_seen: set[tuple[str, str]] = set()
_seen_lock = threading.Lock()


def guarded(default: Any, *, fallback: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """Decorate a Qt override: on an exception, log it and return ``fallback(*args)``
    (typically the base class's own method) or, failing that too, ``default``.

    ``BaseException``s that are not ``Exception`` (``KeyboardInterrupt``,
    ``SystemExit``) are not swallowed.
    """

    def decorate(method: F) -> F:
        name = method.__qualname__

        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except Exception as exc:
                _log_once(name, exc)
            if fallback is not None:
                try:
                    return fallback(*args, **kwargs)
                except Exception as exc:
                    _log_once(f"{name} (fallback)", exc)
            return default

        setattr(wrapper, MARK, True)
        return wrapper  # type: ignore[return-value]

    return decorate


def _log_once(name: str, exc: Exception) -> None:
    key = (name, type(exc).__name__)
    with _seen_lock:
        first = key not in _seen
        if first:
            if len(_seen) >= _SEEN_MAX:
                _seen.clear()
            _seen.add(key)
    if first:
        log.error("%s failed; Qt gets a safe default instead", name, exc_info=exc)
    else:
        log.debug("%s failed again: %s", name, type(exc).__name__)
