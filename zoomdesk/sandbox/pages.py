"""The sandbox's HTML: sign-in, consent, error and small information pages.

Plain forms that work without JavaScript, labels tied to their inputs and a
visible focus ring. Element ids (``email``, ``password``, ``signin``,
``google``, ``allow``, ``deny``; on the stand-in Google pages ``account``,
and ``error-code`` on its refusal) are stable because end-to-end tests drive
them. Every value that reaches a page goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

_STYLE = """
:root { --brand: #0b5cff; --text: #1d1d1f; --muted: #53575e; --line: #c4c7cc; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center;
  justify-content: center; padding: 24px; background: #f2f4f7; color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: 100%; max-width: 440px; background: #fff; border-radius: 12px;
  padding: 32px; box-shadow: 0 2px 16px rgba(0, 0, 0, .08); }
.brand { margin: 0 0 4px; color: var(--brand); font-weight: 700; letter-spacing: .02em; }
h1 { margin: 0 0 16px; font-size: 1.5rem; line-height: 1.25; }
p { margin: 0 0 12px; }
label { display: block; margin: 16px 0 4px; font-weight: 600; }
input[type=email], input[type=password] { width: 100%; padding: 10px 12px; font: inherit;
  border: 1px solid var(--line); border-radius: 8px; }
button { font: inherit; font-weight: 600; padding: 10px 22px; border-radius: 8px;
  border: 2px solid var(--brand); cursor: pointer; }
.primary { background: var(--brand); color: #fff; }
.secondary { background: #fff; color: var(--brand); }
.wide { width: 100%; margin-top: 24px; }
:focus-visible { outline: 3px solid #ffb400; outline-offset: 2px; }
.note { padding: 8px 12px; border-radius: 8px; background: #eef3ff; color: var(--muted);
  font-size: .9rem; }
.error { padding: 8px 12px; border-radius: 8px; background: #fdecea; color: #8c1d18; }
.actions { display: flex; justify-content: flex-end; gap: 12px; margin-top: 24px; }
.actions form { margin: 0; }
ul { margin: 0 0 12px; padding-left: 1.25rem; }
code { font-size: .95em; }
"""


def _page(title: str, body: str, site: str = "Zoom sandbox") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · {escape(site)}</title>\n<style>{_STYLE}</style>\n"
        f'</head>\n<body>\n<main>\n<p class="brand">{escape(site.lower())}</p>\n{body}\n'
        "</main>\n</body>\n</html>\n"
    )


def sign_in_page(
    request_id: str,
    client_id: str,
    account: tuple[str, str],
    email: str,
    password: str,
    error: str = "",
) -> str:
    """The sign-in form; ``account`` (email, password) is shown, the fields hold the rest."""
    alert = f'<p class="error" role="alert">{escape(error)}</p>\n' if error else ""
    return _page(
        "Sign in",
        f"""<h1>Sign in</h1>
<p>to continue to <strong>{escape(client_id)}</strong></p>
{alert}<p class="note">Sandbox account: <code>{escape(account[0])}</code> /
<code>{escape(account[1])}</code></p>
<form method="post" action="/oauth/signin">
<input type="hidden" name="request_id" value="{escape(request_id)}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="username" required
 value="{escape(email)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required
 value="{escape(password)}">
<button id="signin" class="primary wide" type="submit">Sign in</button>
</form>
<form method="post" action="{GOOGLE_SIGN_IN}">
<input type="hidden" name="request_id" value="{escape(request_id)}">
<button id="google" class="secondary wide" type="submit">Sign in with Google</button>
</form>""",
    )


def consent_page(request_id: str, client_id: str, user_name: str, email: str) -> str:
    """Allow / Decline. Two forms, so each button also works through ``form.submit()``."""
    forms = "".join(
        f"""<form method="post" action="/oauth/consent">
<input type="hidden" name="request_id" value="{escape(request_id)}">
<input type="hidden" name="decision" value="{decision}">
<button id="{decision}" class="{css}" type="submit">{label}</button>
</form>
"""
        for decision, css, label in (
            ("deny", "secondary", "Decline"),
            ("allow", "primary", "Allow"),
        )
    )
    return _page(
        "Allow access",
        f"""<h1>Allow {escape(client_id)} to use your Zoom account?</h1>
<p>Signed in as <strong>{escape(user_name)}</strong> ({escape(email)}).</p>
<p>The app will be able to:</p>
<ul>
<li>see your name, email address and time zone</li>
<li>see, create, change and delete your meetings</li>
</ul>
<div class="actions">
{forms}</div>""",
    )


#: Where *Sign in with Google* leads, and the account chooser's answer: the
#: stand-in identity provider (``google_idp.py``).
GOOGLE_SIGN_IN = "/google/signin"
GOOGLE_CONTINUE = "/google/continue"
_GOOGLE = "Google stand-in"


def google_account_page(request_id: str, name: str, email: str) -> str:
    """The stand-in provider's account chooser: one account, one button (a plain form)."""
    return _page(
        "Sign in with Google",
        f"""<h1>Choose an account</h1>
<p>to continue to <strong>Zoom sandbox</strong></p>
<form method="post" action="{GOOGLE_CONTINUE}">
<input type="hidden" name="request_id" value="{escape(request_id)}">
<button id="account" class="primary wide" type="submit">{escape(name)} ({escape(email)})</button>
</form>""",
        _GOOGLE,
    )


def google_refusal_page() -> str:
    """Google's answer to an embedded browser: its words and its error code."""
    return _page(
        "This browser or app may not be secure",
        """<h1>Couldn't sign you in</h1>
<p class="error" role="alert">This browser or app may not be secure.</p>
<p>Try using a different browser. If you're already using a supported browser, you can
try again to sign in.</p>
<p class="note" id="error-code">Error 403: disallowed_useragent</p>""",
        _GOOGLE,
    )


def error_page(title: str, message: str) -> str:
    """An OAuth error the user sees instead of a redirect (bad client or redirect URI)."""
    return _page(
        title,
        f"""<h1>{escape(title)}</h1>
<p class="error" role="alert">{escape(message)}</p>
<p>Check the client ID and redirect URL the app uses, then sign in again from the app.</p>""",
    )


def callback_page() -> str:
    """The built-in redirect URI. The app must intercept it; a load here is a leak."""
    return _page(
        "Not found",
        """<h1>This URL should never be loaded</h1>
<p>The app must catch the redirect to its callback before the browser loads it.
The sandbox counted this visit (<code>callback_hits</code>).</p>""",
    )


def join_page(meeting_id: str) -> str:
    return _page(
        "Join meeting",
        f"""<h1>Meeting {escape(meeting_id)}</h1>
<p>This link comes from the zoomdesk sandbox. Joining a meeting is not emulated.</p>""",
    )


def home_page(base_url: str) -> str:
    return _page(
        "Zoom sandbox",
        f"""<h1>Zoom sandbox</h1>
<p>A local Zoom emulator for zoomdesk: OAuth at <code>{escape(base_url)}/oauth/</code>,
REST at <code>{escape(base_url)}/v2/</code>.</p>
<p>State and knobs for tests: <code>{escape(base_url)}/_sandbox/state</code>.</p>""",
    )
