"""The second lines (sub-resources, frames, pop-ups) see every alias of a loopback redirect."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo

from zoomdesk.ui.login.navigation import touches_redirect
from zoomdesk.ui.login.page import RedirectGuard

REDIRECT = "http://127.0.0.1:8765/zoomdesk/callback"
RT = QWebEngineUrlRequestInfo.ResourceType

ALIASES = [
    "http://localhost:8765/zoomdesk/callback",
    "http://LOCALHOST.:8765/zoomdesk/callback",
    "http://localhost:8765/zoomdesk/callback?code=abc&state=s",
    "http://[::1]:8765/zoomdesk/callback",
    "http://[::ffff:127.0.0.1]:8765/zoomdesk/callback",
    "http://[::ffff:7f00:1]:8765/zoomdesk/./callback",
    "http://2130706433:8765/zoomdesk/callback",
    "http://0x7f.1:8765//zoomdesk/%63allback/",
    "http://127.0.0.2:8765/zoomdesk/callback",
]


class FakeRequestInfo:
    """Shaped like QWebEngineUrlRequestInfo (as in test_login_nav.py)."""

    def __init__(self, url: str, resource_type: RT) -> None:
        self.url = QUrl(url)
        self.type = resource_type
        self.blocked: bool | None = None

    def requestUrl(self) -> QUrl:
        return self.url

    def resourceType(self) -> RT:
        return self.type

    def block(self, value: bool) -> None:
        self.blocked = value


@pytest.mark.parametrize("url", ALIASES)
def test_an_alias_of_the_redirect_touches_it(url: str) -> None:
    assert touches_redirect(url, REDIRECT)


@pytest.mark.parametrize("url", ALIASES)
@pytest.mark.parametrize("resource_type", [RT.ResourceTypeImage, RT.ResourceTypeSubFrame])
def test_redirect_guard_blocks_sub_resources_to_every_alias(url: str, resource_type: RT) -> None:
    info = FakeRequestInfo(url, resource_type)
    RedirectGuard(REDIRECT).interceptRequest(info)  # type: ignore[arg-type]
    assert info.blocked is True


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8766/zoomdesk/callback",
        "http://localhost:8765/oauth/authorize",
        "http://localhost.example:8765/zoomdesk/callback",
    ],
)
def test_redirect_guard_leaves_other_loopback_addresses_alone(url: str) -> None:
    info = FakeRequestInfo(url, RT.ResourceTypeImage)
    RedirectGuard(REDIRECT).interceptRequest(info)  # type: ignore[arg-type]
    assert info.blocked is None
