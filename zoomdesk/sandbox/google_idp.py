"""A stand-in for Google's sign-in, behind the sign-in page's *Sign in with Google*.

Google refuses OAuth from embedded browsers (since 2021): a user agent that
names its engine, as QtWebEngine's does, gets "This browser or app may not be
secure" with error ``disallowed_useragent`` and cannot go on. Any other
browser picks the sandbox user and goes on to Zoom's consent page. That is how
the hand-off from the embedded view to the system browser is tested offline.

Two plain forms, like the rest of the sandbox (the one-time request id stays
out of URLs): ``POST /google/signin`` shows the account chooser (or the
refusal); ``POST /google/continue`` signs that sign-in in as the sandbox user
(refused the same way) and shows the consent page.
"""

from __future__ import annotations

from zoomdesk.sandbox import oauth_routes, pages
from zoomdesk.sandbox.httpio import Request, Response, html_response
from zoomdesk.sandbox.model import SANDBOX_USER
from zoomdesk.sandbox.state import State

#: The token Google looks for in the User-Agent of an embedded Chromium.
EMBEDDED_MARK = "QtWebEngine"


def handle(state: State, request: Request) -> Response:
    if request.path not in (pages.GOOGLE_SIGN_IN, pages.GOOGLE_CONTINUE):
        return html_response(404, pages.error_page("Not found", "There is no such page."))
    if request.method != "POST":
        return Response(405, b"", [("Allow", "POST")])
    if refuses(request.header("User-Agent")):
        return html_response(403, pages.google_refusal_page())
    pending = oauth_routes.find_pending(state, request.form().get("request_id", ""))
    if pending is None:
        return oauth_routes.expired_page()
    if request.path == pages.GOOGLE_SIGN_IN:
        name = f"{SANDBOX_USER.first_name} {SANDBOX_USER.last_name}"
        return html_response(
            200, pages.google_account_page(pending.request_id, name, SANDBOX_USER.email)
        )
    return oauth_routes.signed_in(pending, SANDBOX_USER)


def refuses(user_agent: str | None) -> bool:
    """True for the user agents Google turns away: embedded browsers."""
    return EMBEDDED_MARK.lower() in (user_agent or "").lower()
