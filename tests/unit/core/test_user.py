"""The signed-in user: one way to name them, whatever Zoom sent."""

from __future__ import annotations

import pytest

from zoomdesk.core.user import User


@pytest.mark.parametrize(
    ("data", "name", "signature"),
    [
        (
            {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@x.test"},
            "Ada Lovelace",
            "Ada Lovelace <ada@x.test>",
        ),
        ({"first_name": " Ada ", "email": "ada@x.test"}, "Ada", "Ada <ada@x.test>"),
        (
            {"display_name": "The Countess", "email": "ada@x.test"},
            "The Countess",
            "The Countess <ada@x.test>",
        ),
        ({"email": "ada@x.test"}, "ada@x.test", "ada@x.test"),
        ({"first_name": "Ada"}, "Ada", "Ada"),
        ({}, "", ""),
    ],
)
def test_display_name_and_signature(data: dict[str, str], name: str, signature: str) -> None:
    user = User.from_zoom_json(data)
    assert user.display_name == name
    assert user.signature == signature


def test_fields_are_text_and_unknown_keys_are_ignored() -> None:
    user = User.from_zoom_json(
        {"id": 123, "account_id": None, "timezone": "Europe/Berlin", "pmi": 9, "x": []}
    )
    assert user == User(id="123", timezone="Europe/Berlin", pmi="9")  # the PMI is read, as text
