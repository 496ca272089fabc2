"""Property tests for classify_navigation: it never raises, never captures a
look-alike, and never lets the redirect endpoint load."""

from __future__ import annotations

import contextlib
import posixpath
import re
from urllib.parse import quote, unquote, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from zoomdesk.core.oauth import Allow, Captured, Denied, Rejected, classify_navigation

REDIRECT = "https://redirect.host/cb"
STATE = "S1a2b3c4d5e6f7g8h9i0jklmnopqrstuvw"
CODE = "c0de"
# The fail-closed answer for an internal error: the properties below must never see it.
INTERNAL = "The address could not be understood."

schemes = st.sampled_from(["https", "HTTPS", "Https", "http", "ftp", "wss", ""])
hosts = st.sampled_from(
    [
        "redirect.host",
        "REDIRECT.HOST",
        "Redirect.Host",
        "redirect.host.",
        "redirect.host.evil",
        "xredirect.host",
        "sub.redirect.host",
        "redirect.hos",
        "evil.example",
        "127.0.0.1",
        "[::1]",
        "",
    ]
)
ports = st.one_of(st.none(), st.sampled_from([443, 80, 8443, 0, 65535]))
paths = st.sampled_from(
    ["/cb", "/cb/", "/cbx", "/cb/extra", "/CB", "", "/", "/./cb", "/%63b", "/x/../cb", "//cb"]
)
# Userinfo never holds "/" (that would end the authority), so the host stays ``host``.
userinfos = st.sampled_from(["", "user@", "user:pw@", "@", "redirect.host@", "evil.example:443@"])
values = st.one_of(
    st.sampled_from([STATE, CODE, "", "wrong", STATE + "x", "access_denied"]),
    st.text(max_size=12),
)
param_lists = st.lists(
    st.tuples(st.sampled_from(["code", "state", "error", "error_description", "x"]), values),
    max_size=5,
)
fragments = st.one_of(st.none(), param_lists)
# The paths above that a server routes to /cb.
SAME_PATH = {"/cb", "/cb/", "/./cb", "/%63b", "/x/../cb", "//cb"}


def encode(params: list[tuple[str, str]]) -> str:
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in params)


@st.composite
def urls(draw: st.DrawFn) -> tuple[str, bool, dict[str, object]]:
    """A URL built from parts, and whether it is the redirect endpoint (by our own model)."""
    scheme, userinfo, host = draw(schemes), draw(userinfos), draw(hosts)
    port, path, query, fragment = draw(ports), draw(paths), draw(param_lists), draw(fragments)
    url = f"{scheme}://{userinfo}{host}{'' if port is None else f':{port}'}{path}"
    if query:
        url += "?" + encode(query)
    if fragment is not None:
        url += "#" + encode(fragment)
    is_endpoint = (
        scheme.lower() == "https"
        and host.lower().rstrip(".") == "redirect.host"
        and (port or 443) == 443
        and port != 0
        and path in SAME_PATH
    )
    parts = {"userinfo": userinfo, "query": query, "fragment": fragment}
    return url, is_endpoint, parts


@settings(max_examples=700, deadline=None)
@given(st.text(), st.text(), st.text())
@example("https://redirect.host/cb?code=%ff&state=%ff", REDIRECT, "\udcff")
@example("http://[", REDIRECT, STATE)
@example(REDIRECT, "http://[::1", STATE)
def test_never_raises_on_any_text(url: str, redirect: str, state: str) -> None:
    decision = classify_navigation(url, redirect, state)
    assert isinstance(decision, Allow | Captured | Denied | Rejected)
    assert decision != Rejected(INTERNAL)


@settings(max_examples=500, deadline=None)
@given(urls())
def test_endpoint_is_never_allowed_and_lookalikes_never_captured(
    case: tuple[str, bool, dict[str, object]],
) -> None:
    url, is_endpoint, _ = case
    decision = classify_navigation(url, REDIRECT, STATE)
    assert decision != Rejected(INTERNAL)
    if is_endpoint:
        assert not isinstance(decision, Allow), url
    else:
        assert not isinstance(decision, Captured | Denied), url


@settings(max_examples=500, deadline=None)
@given(urls())
def test_a_capture_is_exactly_a_clean_answer(case: tuple[str, bool, dict[str, object]]) -> None:
    url, is_endpoint, parts = case
    decision = classify_navigation(url, REDIRECT, STATE)
    query = parts["query"]
    assert isinstance(query, list)
    names = [k for k, _ in query]
    clean = (
        is_endpoint
        and parts["userinfo"] == ""
        and not (
            {"code", "state", "error", "error_description"}
            & {k for k, _ in parts["fragment"] or []}
        )
        and names.count("state") == 1
        and (dict(query)["state"] == STATE)
        and names.count("code") == 1
        and "error" not in names
        and names.count("error_description") <= 1
    )
    code = dict(query).get("code", "")
    if clean and code and all("\x21" <= c <= "\x7e" for c in code):
        assert decision == Captured(code)
    elif isinstance(decision, Captured):
        raise AssertionError(f"captured from an unclean answer: {url}")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=8), st.integers(min_value=0, max_value=60), st.text(max_size=8))
@example("/", len(REDIRECT), "")
@example(".", len("https://redirect.host"), "")
@example("/.", len("https://redirect.host"), "")
def test_junk_inserted_into_a_good_answer_never_captures_elsewhere(
    junk: str, where: int, tail: str
) -> None:
    good = f"{REDIRECT}?code={CODE}&state={STATE}"
    where = min(where, len(good))
    url = good[:where] + junk + good[where:] + tail
    decision = classify_navigation(url, REDIRECT, STATE)
    assert decision != Rejected(INTERNAL)
    if isinstance(decision, Captured):
        # Read as a browser reads it: blanks around and tabs/newlines inside
        # are dropped, and a backslash before the query is a slash.
        cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(i) for i in range(0x21)))
        head, _, rest = cleaned.partition("?")
        cleaned = head.replace("\\", "/") + "?" + rest
        assert reaches_the_endpoint(cleaned), url
        assert f"state={STATE}" in cleaned


def reaches_the_endpoint(url: str) -> bool:
    """An oracle for "this is https://redirect.host/cb" built from other stdlib parts."""
    parts = urlsplit(url)
    host = unquote(parts.hostname or "")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")  # drops what IDNA maps to nothing
    path = posixpath.normpath(re.sub("/+", "/", unquote(parts.path)) or "/")
    return (
        parts.scheme.lower() == "https"
        and host.lower().rstrip(".") == "redirect.host"
        and parts.port in (None, 443)
        and path == "/cb"
    )
