"""The log file, and the redaction that keeps secrets out of it.

``setup_logging()`` gives the root logger one rotating file
(``user_log_dir/zoomdesk.log``, 1 MB x 3, 0600 in a 0700 directory). Every
line written there, from any logger (ours, requests, urllib3...), goes
through ``redact()``: message, arguments and traceback. That is the second
line of defence; the first is that zoomdesk never logs a secret on purpose.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from io import TextIOWrapper
from pathlib import Path

from zoomdesk.core import paths
from zoomdesk.core.securefile import FILE_MODE, ensure_private_dir

LOG_NAME = "zoomdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
MASK = "[REDACTED]"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# ``state`` too: it is what ties a redirect to the sign-in attempt that is in
# flight, so a log reader must not be able to replay it. ``zak``: the host's
# sign-in in a meeting's ``start_url``.
_KEYS = (
    "access_token|refresh_token|id_token|code_verifier|client_secret|"
    "code|token|password|pwd|secret|assertion|state|zak"
)
# urllib3 at DEBUG: '"GET /path?query HTTP/1.1" 200': the whole query goes.
_REQUEST_QUERY = re.compile(r'("(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^\s"?]*)\?[^\s"]*')
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization headers, whatever the scheme, and bare Bearer/Basic credentials.
    (re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)[^\"'\r\n,}]+"), rf"\1{MASK}"),
    # (Not after "=" or a quote: token_type=bearer names a type, it carries nothing.)
    (re.compile(r"(?i)(?<![=\w'\"])(bearer|basic)(\s+)[A-Za-z0-9\-._~+/]+=*"), rf"\1\2{MASK}"),
    # JWTs, the shape of Zoom's access and refresh tokens, wherever they appear.
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), MASK),
)
# key=value, "key": "value", 'key': 'value' and \"key\": \"value\". The key
# must stand alone, so error_code= or token_type= are left as they are.
_KEY_VALUE = re.compile(
    rf"""(?ix)(?<![a-z0-9_])(?P<key>{_KEYS})
    (?P<sep>\\?["']?\s*[:=]\s*\\?["']?)
    (?P<value>[^\s"'&,;)}}\]\\]+)"""
)


def _mask_value(m: re.Match[str]) -> str:
    # Zoom's error codes ("code": 124) are no secret and are what one debugs with.
    if m["key"].lower() == "code" and m["value"].isdigit() and len(m["value"]) <= 6:
        return m[0]
    return f"{m['key']}{m['sep']}{MASK}"


def redact(text: str) -> str:
    """``text`` with anything that looks like a token, code, verifier or secret masked."""
    # In this order, so that no rule sees (and mangles) another one's mask.
    text = _REQUEST_QUERY.sub(rf"\1?{MASK}", text)
    text = _KEY_VALUE.sub(_mask_value, text)
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (with its arguments merged in) through ``redact``."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # Bad arguments: keep the bare format string rather than lose the line.
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line, so tracebacks and stack info are covered too."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the log file (and each one after a rollover) as 0600."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: PTH123


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Send the root logger at ``level`` to ``directory/zoomdesk.log``; return that path.

    Idempotent: called again, it adjusts the level (and moves to another
    directory if asked) instead of adding a second handler. Returns None, and
    logs nowhere, when the directory cannot be created: a read-only home must
    not stop the app.
    """
    directory = directory or paths.log_dir()
    path = directory / LOG_NAME
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if isinstance(handler, _PrivateRotatingFileHandler):
            if Path(handler.baseFilename) == path.absolute():
                handler.setLevel(level)
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        ensure_private_dir(directory, own_from=paths.own_root(directory))
        new = _PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None
    new.setLevel(level)
    new.addFilter(RedactingFilter())
    new.setFormatter(RedactingFormatter(_FORMAT))
    root.addHandler(new)
    return path
