"""The QtWebEngine hooks of the login view: thin shells around ``login_nav``.

``LoginPage.acceptNavigationRequest`` is the guard that keeps the OAuth redirect
(and the authorization code in it) inside the app: returning False stops the
navigation before a single request reaches the redirect host. The measurements
behind that choice are in PLATFORM-NOTES.md. ``RedirectGuard`` is a second line
for sub-resources only; it can't stop a navigation in time and is not relied on.

Imported only by ``zoomdesk.ui.login.dialog``: this module loads QtWebEngine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from zoomdesk.ui.guard import guarded
from zoomdesk.ui.login.handoff import refusing_provider
from zoomdesk.ui.login.navigation import (
    Load,
    NavKind,
    NavRequest,
    OpenExternally,
    PopupGate,
    Stop,
    Verdict,
    loggable,
    touches_redirect,
)

log = logging.getLogger(__name__)

_NT = QWebEnginePage.NavigationType
NAV_KINDS: dict[QWebEnginePage.NavigationType, NavKind] = {
    _NT.NavigationTypeLinkClicked: NavKind.LINK,
    _NT.NavigationTypeTyped: NavKind.TYPED,
    _NT.NavigationTypeFormSubmitted: NavKind.FORM,
    _NT.NavigationTypeBackForward: NavKind.BACK_FORWARD,
    _NT.NavigationTypeReload: NavKind.RELOAD,
    _NT.NavigationTypeRedirect: NavKind.REDIRECT,
    _NT.NavigationTypeOther: NavKind.OTHER,
}


_WA = QWebEnginePage.WebAction
_HIDDEN_ACTIONS = (
    _WA.ViewSource,
    _WA.SavePage,
    _WA.InspectElement,
    _WA.DownloadLinkToDisk,
    _WA.DownloadImageToDisk,
    _WA.DownloadMediaToDisk,
    _WA.OpenLinkInThisWindow,
)


def nav_request(url: QUrl, nav_type: QWebEnginePage.NavigationType, main_frame: bool) -> NavRequest:
    """The plain value for one ``acceptNavigationRequest`` call."""
    return NavRequest(
        url=url.toString(QUrl.ComponentFormattingOption.FullyEncoded),
        kind=NAV_KINDS.get(nav_type, NavKind.OTHER),
        main_frame=bool(main_frame),
    )


class LoginPage(QWebEnginePage):
    """A page whose navigations are judged by ``judge`` (usually ``login_nav.decide``).

    Verdicts come out as signals, delivered after the engine's callback has
    returned (the dialog connects them queued): rebuilding widgets or starting
    work from inside Chromium's navigation callback is asking for re-entrancy.
    """

    #: the core's outcome for a vetoed redirect: Captured, Denied or Rejected
    redirectVetoed = Signal(object)
    #: a URL to show in the system browser instead of here
    externalRequested = Signal(str)
    #: the page went (or opened a window) to a provider that refuses embedded
    #: sign-in, such as Google: its name; the sign-in goes on in the browser
    handOffRequested = Signal(str)

    def __init__(
        self,
        profile: QWebEngineProfile,
        judge: Callable[[NavRequest], Verdict],
        redirect_uri: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self._judge = judge
        self._popups = PopupGate(redirect_uri)
        self.newWindowRequested.connect(self._on_new_window)
        self.permissionRequested.connect(self._on_permission)
        # The context menu keeps editing and Back/Reload, but nothing that saves,
        # inspects or downloads, or opens a link here around the link rule.
        for hidden in _HIDDEN_ACTIONS:
            self.action(hidden).setVisible(False)

    @guarded(False)  # fail closed: an error never lets a navigation through
    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        request = nav_request(QUrl(url), type, is_main_frame)
        provider = refusing_provider(request.url) if request.main_frame else None
        if provider:  # it would only show its refusal: not a request we let out
            log.info("%s refuses embedded sign-in: handing off", provider)
            self.handOffRequested.emit(provider)
            return False
        try:
            verdict = self._judge(request)
        except Exception:
            # Fail closed: a bug in the decision must not let the redirect through.
            log.exception("navigation decision failed for %s", loggable(request.url))
            return False
        return self._carry_out(verdict, request)

    def _carry_out(self, verdict: Verdict, request: NavRequest) -> bool:
        if isinstance(verdict, Load):
            return True
        if isinstance(verdict, OpenExternally):
            log.info("opening %s in the system browser", loggable(verdict.url))
            self.externalRequested.emit(verdict.url)
        elif isinstance(verdict, Stop):
            log.info("navigation to %s stopped", loggable(request.url))
            if verdict.outcome is not None:
                self.redirectVetoed.emit(verdict.outcome)
        return False

    def _on_new_window(self, request: QWebEngineNewWindowRequest) -> None:
        # Not calling request.openIn() drops the window: nothing loads in the app.
        url = request.requestedUrl().toString(QUrl.ComponentFormattingOption.FullyEncoded)
        clicked = bool(request.isUserInitiated())
        provider = refusing_provider(url)
        if provider and clicked:  # "Sign in with Google" in a pop-up: the browser way
            log.info("%s pop-up: handing off to the browser", provider)
            self.handOffRequested.emit(provider)
            return
        verdict = self._popups.decide(url, user_initiated=clicked)
        if isinstance(verdict, OpenExternally):
            log.info("new window for %s opened in the system browser", loggable(url))
            self.externalRequested.emit(verdict.url)
        else:
            how = "after a click" if clicked else "without a click"
            log.info("new window for %s (%s) dropped", loggable(url), how)

    def _on_permission(self, permission: QWebEnginePermission) -> None:
        # A sign-in page needs no camera, microphone, location or notifications.
        permission.deny()


class RedirectGuard(QWebEngineUrlRequestInterceptor):
    """Blocks sub-resource requests (images, scripts, XHR) to the redirect endpoint.

    Main-frame requests are left alone: blocking them here could fail the
    navigation before ``acceptNavigationRequest`` has seen it, losing the
    capture; and the page's veto is what actually keeps the redirect in.
    """

    def __init__(self, redirect_uri: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._redirect_uri = redirect_uri

    @guarded(None, fallback=lambda _self, info: info.block(True))  # fail closed
    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame:
            return
        url = info.requestUrl().toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if touches_redirect(url, self._redirect_uri):
            log.warning("blocked a sub-resource request to %s", loggable(url))
            info.block(True)
