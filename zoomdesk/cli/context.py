"""What every command is given: its arguments, the output streams, and the account.

Both the entry point (``main``) and the meeting commands import this, so
neither needs the other.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from zoomdesk.cli.args import config_flags
from zoomdesk.cli.terminal import write_line

if TYPE_CHECKING:
    from datetime import tzinfo

    from zoomdesk.core.account import Account


class Context:
    """What a command needs: its arguments, the output streams, the account (made lazily)."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self._account: Account | None = None

    def account(self) -> Account:
        if self._account is None:
            from zoomdesk.core.account import Account
            from zoomdesk.core.config import load_config

            problems: list[str] = []
            try:
                config = load_config(config_flags(self.args), problems=problems)
            finally:
                # A damaged config.json was moved aside: say so, before any
                # ConfigError that follows from it.
                for problem in problems:
                    self.say(f"zoomdesk: {problem}")
            self._account = Account(config)
            self._account.client.on_wait = self._waiting
        return self._account

    def local_zone(self) -> tzinfo:
        from zoneinfo import ZoneInfo

        from zoomdesk.core.systz import system_timezone

        return ZoneInfo(system_timezone())

    def print(self, line: str) -> None:
        """A result line, on stdout, cleaned of control characters."""
        write_line(self.out, line)

    def say(self, line: str) -> None:
        """A message for the person at the terminal, on stderr, cleaned of control characters."""
        write_line(self.err, line, flush=True)

    def _waiting(self, seconds: float, reason: str) -> None:
        self.say(f"{reason} ({seconds:.0f} s)…" if seconds >= 1 else f"{reason}…")

    def store_problem(self) -> str | None:
        return self._account.store.last_problem if self._account else None

    def store_notice(self) -> str | None:
        return self._account.store.notice if self._account else None
