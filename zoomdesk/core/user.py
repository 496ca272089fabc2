"""The signed-in user, as ``GET /users/me`` describes them, with the one way to name them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class User:
    """A Zoom user. Every field is text, empty when Zoom did not send it."""

    id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    #: Zoom's own ``display_name``, used when the user has no first or last name.
    zoom_display_name: str = ""
    timezone: str = ""
    account_id: str = ""
    #: The Personal Meeting ID, as digits (Zoom sends an int64); empty when Zoom sent none.
    pmi: str = ""

    @classmethod
    def from_zoom_json(cls, data: Mapping[str, Any]) -> User:
        """From Zoom's ``/users/me`` object; unknown keys are ignored."""

        def text(key: str) -> str:
            value = data.get(key)
            return "" if value is None else str(value).strip()

        return cls(
            id=text("id"),
            email=text("email"),
            first_name=text("first_name"),
            last_name=text("last_name"),
            zoom_display_name=text("display_name"),
            timezone=text("timezone"),
            account_id=text("account_id"),
            pmi=pmi if (pmi := text("pmi")).isdigit() else "",
        )

    @property
    def display_name(self) -> str:
        """``First Last``, else Zoom's display name, else the e-mail address; may be empty."""
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.zoom_display_name or self.email

    @property
    def signature(self) -> str:
        """``Ada Lovelace <ada@example.com>``; just the one that is known when not both."""
        name = self.display_name
        if name and self.email and name != self.email:
            return f"{name} <{self.email}>"
        return name
