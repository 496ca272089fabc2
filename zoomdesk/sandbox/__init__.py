"""A local, strict Zoom for demos and tests: OAuth sign-in pages, token endpoint, REST API.

Standard library only (it must never import PySide6 or requests). Start one::

    with Sandbox() as sandbox:          # or: url = sandbox.start(); ...; sandbox.stop()
        sandbox.url                     # http://127.0.0.1:PORT
        sandbox.redirect_uri            # http://127.0.0.1:PORT/zoomdesk/callback

Built in: the public client ``sandbox-public-client`` and the confidential
client ``sandbox-confidential-client`` (secret ``sandbox-secret``), both with
``redirect_uri``, and the user Sandy Box, ``sandbox@zoomdesk.test`` /
``sandbox-password``. ``GET /zoomdesk/callback`` answers 404 and counts the
hit: the app must intercept that redirect, never load it. A public client's
loopback redirect matches on any port (as at Zoom), so a browser sign-in can
listen elsewhere. *Sign in with Google* leads to a stand-in provider that
refuses a ``QtWebEngine`` user agent (``disallowed_useragent``), as Google does.

Endpoints emulated: ``GET /oauth/authorize`` (sign-in and consent forms),
``POST /oauth/token`` (authorization_code with PKCE, refresh_token with
rotation), ``POST /oauth/revoke``, ``GET /v2/users/{me}``,
``GET|POST /v2/users/{me}/meetings``, ``GET|PATCH|DELETE /v2/meetings/{id}``,
``GET /v2/users/{me}/meeting_templates`` and ``GET /v2/meetings/{id}/invitation``
(see :mod:`.scheduling`: built-in templates, the options' rules, code 1114 for an
alternative host outside the account, code 4711 for a token without the scope).

Knobs over HTTP (never delayed or faulted), for a loopback client naming a
loopback ``Host``, without a foreign ``Origin``; every request but a plain
``GET`` needs this run's token, :attr:`Sandbox.knob_token` (printed by the
foreground command), in the ``X-Sandbox-Token`` header:

- ``GET /_sandbox/state``: counters: ``token_requests`` by grant type,
  ``revoke_requests``, ``callback_hits``, ``active_grants``, ``meetings``,
  ``meeting_ids``, ``requests`` (method and path only), ``knobs``, ``faults``,
  ``oauth_requests`` (what each authorize and token request asked for: client,
  ``redirect_uri``, PKCE method, how the client authenticated, a digest of the
  state; never a code, verifier or secret).
- ``POST /_sandbox/reset``: forget grants, meetings, counters and faults; the
  knobs and the clock go back to how the sandbox was built.
- ``GET|POST /_sandbox/config``: ``{"access_token_ttl": 60, "latency": 0.5,
  "daily_limit": 100, "max_page_size": 300, "scopes": "..."}`` (any subset; latency at
  most 30 s; a lower ``max_page_size`` makes a few meetings page; ``scopes`` are what
  sign-ins grant from then on); answers the current values.
- ``GET|POST|DELETE /_sandbox/faults``: queue ``{"kind": "status", "status":
  503, "count": 1, "path_prefix": "/v2"}``, ``drop``, ``hang`` (``seconds``) or
  ``rate_limit`` (``retry_after``), or ``{"faults": [...]}``; see :mod:`.faults`.
- ``POST /_sandbox/expire-tokens``: every access token expires now.
- ``POST /_sandbox/revoke-all``: every grant is revoked.
- ``POST /_sandbox/advance-clock``: ``{"seconds": 301}``; codes, tokens, page
  tokens and the daily limit follow the sandbox clock.

The same knobs exist as :class:`Sandbox` methods. Run it in the foreground
with ``python -m zoomdesk.sandbox --port 0`` (:func:`run_cli`).
"""

from zoomdesk.sandbox.app import Sandbox
from zoomdesk.sandbox.cli import run_cli
from zoomdesk.sandbox.model import (
    CALLBACK_PATH,
    CONFIDENTIAL_CLIENT_ID,
    CONFIDENTIAL_CLIENT_SECRET,
    PUBLIC_CLIENT_ID,
    SANDBOX_EMAIL,
    SANDBOX_PASSWORD,
)

__all__ = [
    "CALLBACK_PATH",
    "CONFIDENTIAL_CLIENT_ID",
    "CONFIDENTIAL_CLIENT_SECRET",
    "PUBLIC_CLIENT_ID",
    "SANDBOX_EMAIL",
    "SANDBOX_PASSWORD",
    "Sandbox",
    "run_cli",
]
