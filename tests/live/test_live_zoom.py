"""The only tests that talk to real Zoom: skipped unless a signed-in config is given.

Set ``ZOOMDESK_LIVE_CONFIG_DIR`` to a zoomdesk config directory (``config.json``
with your app's settings and a ``tokens.json`` from ``zoomdesk login``). The
tests use that directory in place, because Zoom rotates refresh tokens: a copy
would leave the original with a dead refresh token. They create one meeting a
day in the future, read and change it, and delete it again.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from zoom_schema import validate_request

from zoomdesk.core.account import Account
from zoomdesk.core.config import load_config
from zoomdesk.core.meeting import MeetingDraft
from zoomdesk.core.tokens import TokenStore

LIVE_DIR = os.environ.get("ZOOMDESK_LIVE_CONFIG_DIR", "")

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not LIVE_DIR or not (Path(LIVE_DIR) / "tokens.json").is_file(),
        reason="real Zoom: set ZOOMDESK_LIVE_CONFIG_DIR to a signed-in zoomdesk config dir",
    ),
]


@pytest.fixture(scope="module")
def account() -> Account:
    directory = Path(LIVE_DIR)
    config = load_config(env={}, path=directory / "config.json")
    return Account(config, TokenStore(directory / "tokens.json"))


def test_whoami(account: Account) -> None:
    me = account.client.me()
    assert "@" in me["email"]


def test_create_read_update_delete(account: Account) -> None:
    tomorrow = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    start = tomorrow.replace(minute=0, second=0, microsecond=0)
    draft = MeetingDraft.new("zoomdesk live test", timezone="UTC")
    draft.start = start
    assert draft.validate() == {}
    body = draft.to_zoom_json()
    validate_request("POST", "/users/me/meetings", body)
    created = account.client.create_meeting(body)
    meeting_id = int(created["id"])
    try:
        assert created["join_url"].startswith("https://")
        account.client.update_meeting(meeting_id, {"topic": "zoomdesk live test (edited)"})
        assert account.client.get_meeting(meeting_id)["topic"].endswith("(edited)")
    finally:
        account.client.delete_meeting(meeting_id)
