"""Records the sandbox keeps: clients, the built-in user, and the OAuth artefacts.

These are plain data; the rules that create and check them live in
``state.py`` (tokens and grants) and ``oauth_routes.py`` (the flow).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SANDBOX_EMAIL = "sandbox@zoomdesk.test"
SANDBOX_PASSWORD = "sandbox-password"
PUBLIC_CLIENT_ID = "sandbox-public-client"
CONFIDENTIAL_CLIENT_ID = "sandbox-confidential-client"
CONFIDENTIAL_CLIENT_SECRET = "sandbox-secret"
#: Path of the built-in clients' redirect URI on the sandbox itself. A browser
#: must never load it (the app intercepts the redirect), so hits are counted.
CALLBACK_PATH = "/zoomdesk/callback"

#: Granular scopes as a Zoom "user-managed" app with meeting and user access gets them.
SCOPES = (
    "meeting:read:list_meetings meeting:read:meeting meeting:write:meeting "
    "meeting:update:meeting meeting:delete:meeting user:read:user "
    "meeting:read:invitation meeting:read:list_templates"
)
#: Other users of the sandbox account: they cannot sign in, but may be alternative hosts.
ACCOUNT_COLLEAGUES = ("alex.chen@zoomdesk.test", "kim.lee@zoomdesk.test")

AUTH_CODE_LIFETIME = 300.0  # Zoom: an authorization code lives 5 minutes.
PENDING_LIFETIME = 600.0  # how long a sign-in page stays usable
REFRESH_TOKEN_LIFETIME = 90 * 24 * 3600.0  # Zoom: refresh tokens last 90 days.


@dataclass(frozen=True)
class Client:
    """A registered OAuth app. ``secret`` None means a public (PKCE-only) client."""

    client_id: str
    redirect_uri: str
    secret: str | None = None

    @property
    def is_public(self) -> bool:
        return self.secret is None


@dataclass(frozen=True)
class User:
    """A Zoom user and the password the sandbox sign-in page accepts for it."""

    user_id: str
    email: str
    password: str
    first_name: str
    last_name: str
    timezone: str
    pmi: int
    account_id: str
    account_number: int

    def matches(self, user_ref: str) -> bool:
        """Zoom accepts ``me``, the user id or the email wherever a userId goes."""
        return user_ref in ("me", self.user_id) or user_ref.lower() == self.email.lower()

    def profile(self, base_url: str, last_login: str) -> dict[str, Any]:
        """The user object shaped like Zoom's ``GET /users/{userId}`` response."""
        return {
            "id": self.user_id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "display_name": f"{self.first_name} {self.last_name}",
            "email": self.email,
            "type": 2,  # licensed
            "role_name": "Owner",
            "pmi": self.pmi,
            "use_pmi": False,
            "personal_meeting_url": f"{base_url}/j/{self.pmi}",
            "timezone": self.timezone,
            "verified": 1,
            "dept": "",
            "created_at": "2020-04-01T09:00:00Z",
            "user_created_at": "2020-04-01T09:00:00Z",
            "last_login_time": last_login,
            "last_client_version": "",
            "pic_url": "",
            "language": "en-US",
            "phone_number": "",
            "status": "active",
            "role_id": "0",
            "account_id": self.account_id,
            "account_number": self.account_number,
            "cluster": "us01",
            "jid": f"{self.user_id.lower()}@xmpp.zoom.us",
            "group_ids": [],
            "im_group_ids": [],
            "login_types": [100],  # 100 = work email and password
        }


SANDBOX_USER = User(
    user_id="Sx8nDbOxQ2uZ0mD3sK7yAw",
    email=SANDBOX_EMAIL,
    password=SANDBOX_PASSWORD,
    first_name="Sandy",
    last_name="Box",
    timezone="Europe/Berlin",
    pmi=5551234567,
    account_id="aCcT5aNdB0xZ0oMdEsK1Ag",
    account_number=42424242,
)


@dataclass
class PendingAuthorization:
    """An authorize request between the sign-in page and the consent answer."""

    request_id: str
    client_id: str
    redirect_uri: str
    state: str | None
    code_challenge: str | None
    code_challenge_method: str
    expires_at: float
    user_id: str | None = None  # set once the password was right


@dataclass
class AuthCode:
    """An issued authorization code; single use."""

    client_id: str
    redirect_uri: str
    user_id: str
    code_challenge: str | None
    code_challenge_method: str
    expires_at: float


@dataclass
class Grant:
    """One consent: the tokens issued for it all stop working once it is revoked."""

    grant_id: str
    client_id: str
    user_id: str
    scope: str
    refresh_token: str
    refresh_expires_at: float
    revoked: bool = False


@dataclass
class AccessToken:
    grant_id: str
    expires_at: float
