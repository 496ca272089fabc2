"""The small pages the loopback listener answers the browser with, and their headers.

Each has a language, a title and one heading, and no code or state: the tab's
address holds those already, and nothing on the page can lead anywhere.
"""

from __future__ import annotations

from html import escape

HEADERS = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("Connection", "close"),
    # The tab's address holds the code: no page it could lead to may see it.
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"),
)


def page(title: str, heading: str, text: str = "") -> str:
    """A small page a screen reader reads well: language, title, one heading, plain text."""
    paragraph = f"<p>{escape(text)}</p>\n" if text else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · zoomdesk</title>\n"
        "<style>body{font:18px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:32em;"
        "padding:0 1em;color:#1d1d1f}h1{font-size:1.6em}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{escape(heading)}</h1>\n{paragraph}</main>\n"
        "</body>\n</html>\n"
    )


SIGNED_IN_PAGE = page(
    "Signed in",
    "Signed in — you can close this tab",
    "zoomdesk has your sign-in and finishes it on its own.",
)
NOT_OURS_PAGE = page(
    "Not from zoomdesk",
    "This sign-in did not come from zoomdesk",
    "It does not belong to the sign-in zoomdesk is waiting for, so it was ignored. "
    "To sign in, use the page zoomdesk opened, or start again from zoomdesk.",
)
NOT_FOUND_PAGE = page("Not found", "Not found")


def declined_page(error: str) -> str:
    """The page for a denial: the user declined, or Zoom refused (its error code shown)."""
    return page(
        "Sign-in declined",
        "Sign-in declined",
        f"Zoom did not give zoomdesk access ({error or 'no reason given'}). Nothing was saved; "
        "you can close this tab.",
    )
