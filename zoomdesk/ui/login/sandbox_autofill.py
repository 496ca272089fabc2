"""Drive the sandbox's sign-in and consent forms in a web page, as a user would.

Used by the end-to-end tests, the screenshot script and the packaged self-test.
After each successful page load it looks at which sandbox page is shown (the
sign-in form with ``#email``/``#password``/``#signin``, or the consent form with
``#allow``/``#deny``), fills the fields and clicks the button with
``runJavaScript``. The clicks submit the sandbox's plain forms, so the
navigations are the same ones a person's clicks would cause.

Only for the local sandbox: nothing here is used with the real Zoom.

Typical use::

    autofill = SandboxAutofill(dialog.page, decision="allow")
    # ...the dialog signs in by itself

    autofill = SandboxAutofill(dialog.page, pause_at={"consent"})
    autofill.stageReached.connect(lambda stage: grab(dialog, stage))  # then autofill.resume()
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # only zoomdesk.ui.login.dialog imports QtWebEngine at run time
    from PySide6.QtWebEngineCore import QWebEnginePage

log = logging.getLogger(__name__)

SIGNIN = "signin"
CONSENT = "consent"
OTHER = "other"

# QWebEngineScript.ScriptWorldId.ApplicationWorld: the app's own JavaScript
# world. The page's scripts can't see or override these helpers, but the DOM
# (and so form submission) is shared.
_WORLD = 1

_DETECT = """(function () {
  if (document.getElementById('signin') && document.getElementById('email')) return 'signin';
  if (document.getElementById('allow') || document.getElementById('deny')) return 'consent';
  return 'other';
})()"""

_SIGN_IN = """(function (email, password) {
  function put(id, value) {
    var el = document.getElementById(id);
    if (!el || value === null) return;
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
  }
  put('email', email);
  put('password', password);
  document.getElementById('signin').click();
  return true;
})(%s, %s)"""

_CLICK = """(function (id) {
  var el = document.getElementById(id);
  if (!el) return false;
  el.click();
  return true;
})(%s)"""


class SandboxAutofill(QObject):
    """Fills and submits the sandbox forms shown in ``page``.

    Args:
        decision: ``"allow"`` or ``"deny"`` on the consent page, or None to stop there.
        email, password: typed into the sign-in form; None keeps the sandbox's
            pre-filled values.
        pause_at: stages (``"signin"``, ``"consent"``) at which to wait for
            ``resume()``, e.g. to take a screenshot first.

    ``stageReached(stage)`` fires for every loaded page, with ``"signin"``,
    ``"consent"`` or ``"other"``; ``submitted(stage)`` after a click was made.
    """

    stageReached = Signal(str)
    submitted = Signal(str)

    def __init__(
        self,
        page: QWebEnginePage,
        *,
        decision: str | None = "allow",
        email: str | None = None,
        password: str | None = None,
        pause_at: Iterable[str] = (),
    ) -> None:
        super().__init__(page)  # dies with the page
        if decision not in ("allow", "deny", None):
            raise ValueError(f"decision must be 'allow', 'deny' or None, not {decision!r}")
        self.page = page
        self.decision = decision
        self.email = email
        self.password = password
        self.pause_at = frozenset(pause_at)
        self.stage: str | None = None
        self.waiting = False
        self.history: list[str] = []
        page.loadFinished.connect(self._on_load_finished)

    def _on_load_finished(self, ok: bool) -> None:
        # ok=False: a failed load, or the vetoed redirect; there's nothing to fill.
        if ok:
            self.page.runJavaScript(_DETECT, _WORLD, self._on_detected)

    def _on_detected(self, stage: object) -> None:
        self.stage = stage if stage in (SIGNIN, CONSENT) else OTHER
        self.history.append(self.stage)
        log.debug("sandbox page: %s", self.stage)
        self.stageReached.emit(self.stage)
        if self.stage in self.pause_at:
            self.waiting = True
        else:
            self._act()

    def resume(self) -> None:
        """Carry on from a paused stage."""
        if self.waiting:
            self.waiting = False
            self._act()

    def _act(self) -> None:
        if self.stage == SIGNIN:
            script = _SIGN_IN % (json.dumps(self.email), json.dumps(self.password))
        elif self.stage == CONSENT and self.decision is not None:
            script = _CLICK % json.dumps(self.decision)
        else:
            return
        stage = self.stage
        self.page.runJavaScript(script, _WORLD, lambda _ok: self.submitted.emit(stage))
