"""Where the main window's account comes from: the user's own Zoom app, or the sandbox.

A ``Backend`` knows which files and which Zoom to use. Its methods block (disk,
sockets): the window calls them only through the TaskRunner. The core modules
are imported inside those methods, on the worker thread, so the window can be on
screen before ``requests`` and the OAuth code are even loaded.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.meeting import Meeting
    from zoomdesk.sandbox import Sandbox

log = logging.getLogger(__name__)


@dataclass
class Startup:
    """What the window needs to pick its page, gathered off the GUI thread."""

    account: Account | None
    values: dict[str, str] = field(default_factory=dict)  # config.json, for the form
    problem: str = ""  # why a config that exists is not usable
    signed_in: bool = False
    viewer_tz: str = "UTC"
    #: key -> what outranks config.json for it ("--client-id", "ZOOMDESK_CLIENT_ID")
    overrides: dict[str, str] = field(default_factory=dict)


class Backend:
    """The user's Zoom app: ``config.json`` and ``tokens.json`` in the config dir.

    ``flags`` are the settings given on the command line (DESIGN §3.1: they
    outrank the environment). They stay in this object rather than travelling
    as environment variables, which QtWebEngine's child processes would inherit.
    """

    sandbox = False
    #: The client ID and OAuth URL whose secret the keyring did not give at the last load.
    _secret_unread: tuple[str, str] | None = None

    def __init__(
        self, config_dir: Path | None = None, flags: Mapping[str, str | None] | None = None
    ) -> None:
        self.config_dir = config_dir
        self.flags = {key: value for key, value in (flags or {}).items() if value}

    @property
    def config_path(self) -> Path:
        from zoomdesk.core import paths

        return self.config_dir / "config.json" if self.config_dir else paths.config_path()

    @property
    def tokens_path(self) -> Path:
        from zoomdesk.core import paths

        return self.config_dir / "tokens.json" if self.config_dir else paths.tokens_path()

    def load(self) -> Startup:
        """Read settings and token presence; never raises ConfigError (that is a page).

        A keyring that does not answer for the session leaves the window signed
        out, saying why; the session stays in the keyring for the next start.
        """
        from zoomdesk.core import config as core_config
        from zoomdesk.core.errors import ConfigError, StoreError

        damage: list[str] = []  # a damaged config.json is moved aside and reported here
        self._secret_unread = None
        try:
            values = core_config.load_file(self.config_path, problems=damage)
        except ConfigError as exc:  # the client secret is in a keyring that did not give it
            values = core_config.load_file(self.config_path, with_secret=False)
            self._secret_unread = (values.get("client_id", ""), values.get("oauth_url", ""))
            damage.append(
                f"{exc} Unlock the system keyring and choose Save and continue (the secret "
                "stays where it is), or enter the client secret again."
            )
        overrides = {k: var for k, var in core_config.ENV_VARS.items() if os.environ.get(var)}
        overrides.update((k, f"--{k.replace('_', '-')}") for k in self.flags)
        startup = Startup(None, values, viewer_tz=_viewer_tz(), overrides=overrides)
        try:
            cfg = core_config.load_config(self.flags, path=self.config_path)
            account = self._account(cfg)  # token_storage = keyring with none: ConfigError
        except ConfigError as exc:
            # Nothing configured yet is the normal first run, not a problem to report.
            if damage:
                startup.problem = damage[0]
            elif values or overrides:
                startup.problem = str(exc)
            return startup
        startup.account = account
        try:
            startup.signed_in = account.is_signed_in()
        except StoreError as exc:  # KeyringFailed: locked, prompt dismissed, daemon gone
            damage.append(f"{exc} Unlock it and restart zoomdesk, or sign in again.")
        # A damaged file was moved aside (config.json while flags or variables still
        # configure the app, or tokens.json: signed out); either way the user is told.
        reports = [*damage, startup.account.store.last_problem or ""]
        startup.problem = " ".join(report for report in reports if report)
        return startup

    def save_settings(self, values: Mapping[str, str]) -> None:
        """Write ``config.json``. A client secret the keyring did not give at the last
        load was never shown, so an empty field keeps it: it is read again here (the
        keyring may be unlocked now), and nothing is saved while it still refuses."""
        from zoomdesk.core.config import load_file, save_file

        unread = self._secret_unread
        same_app = unread == (values.get("client_id", ""), values.get("oauth_url", ""))
        if unread is not None and same_app and not values.get("client_secret"):
            secret = load_file(self.config_path).get("client_secret", "")  # ConfigError: stays
            values = {**values, "client_secret": secret}
        save_file(values, self.config_path)

    def shutdown(self) -> None:
        """Release what the backend holds (nothing for a real Zoom app)."""

    def _account(self, cfg: Any) -> Account:
        from zoomdesk.core.account import Account
        from zoomdesk.core.tokens import TokenStore, store_for

        # token_storage decides for the user's app; the sandbox's grants die with
        # it and never go into the keyring.
        store = TokenStore(self.tokens_path) if self.sandbox else store_for(cfg, self.tokens_path)
        return Account(cfg, store=store)


class SandboxBackend(Backend):
    """An in-process sandbox on 127.0.0.1 with its own config dir (``<config>/sandbox``).

    The sandbox keeps its users and tokens in memory, so tokens saved by an
    earlier run can never work again: they are cleared when it starts.

    Its app registers a loopback redirect, ``http://127.0.0.1:<sandbox port>/zoomdesk/callback``,
    so both ways in work offline: the embedded view catches it, and the browser
    way listens on a free port instead (the sandbox, like Zoom, takes a public
    client's loopback redirect on any port).
    """

    sandbox = True

    def __init__(self, config_dir: Path | None = None, latency: float = 0.0) -> None:
        from zoomdesk.core import paths

        super().__init__(config_dir or paths.config_dir() / "sandbox")
        self.latency = latency
        self._server: Sandbox | None = None
        self.url = ""

    def load(self) -> Startup:
        from zoomdesk.core.config import Config, save_file

        fresh = self._server is None
        if self._server is None:
            from zoomdesk.sandbox import Sandbox

            self._server = Sandbox(port=0, latency=self.latency)
            self.url = self._server.start().rstrip("/")
            log.info("sandbox started at %s", self.url)
        from zoomdesk.sandbox import PUBLIC_CLIENT_ID

        values = {
            "client_id": PUBLIC_CLIENT_ID,
            "redirect_uri": self._server.redirect_uri,
            "oauth_url": self.url,
            "api_url": self.url + "/v2",
        }
        cfg = Config(**values)
        account = self._account(cfg)
        if fresh:
            # Written so the values can be looked at; this run's port is in them.
            save_file(values, self.config_path)
            account.store.clear()
        return Startup(account, values, signed_in=account.is_signed_in(), viewer_tz=_viewer_tz())

    def save_settings(self, values: Mapping[str, str]) -> None:
        raise RuntimeError("the sandbox settings are fixed")

    def shutdown(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
            log.info("sandbox stopped")


def _viewer_tz() -> str:
    from zoomdesk.core.systz import system_timezone

    return system_timezone()


def fetch_upcoming(account: Account, list_type: str = "upcoming") -> list[Meeting]:
    """Blocking: the upcoming meetings (or ``list_type``'s: ``previous_meetings``) as
    ``Meeting`` objects, every page (items Zoom garbled are skipped)."""
    from zoomdesk.core.meeting import Meeting

    meetings = []
    for item in account.client.list_meetings(type=list_type):
        try:
            meetings.append(Meeting.from_zoom_json(item))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("skipping a meeting Zoom listed: %s", type(exc).__name__)
    return meetings
