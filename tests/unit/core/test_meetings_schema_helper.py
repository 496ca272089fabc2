"""The zoom_schema test helper itself: lookups, adaptations, and skipping without the files."""

from __future__ import annotations

from pathlib import Path

import pytest
import zoom_schema


def test_paths_match_templates_with_or_without_v2() -> None:
    assert (
        zoom_schema.operation_key("post", "/v2/users/me/meetings")
        == "POST /users/{userId}/meetings"
    )
    assert zoom_schema.operation_key("GET", "/meetings/85746065432?occurrence_id=1") == (
        "GET /meetings/{meetingId}"
    )
    assert (
        zoom_schema.operation_key("PATCH", "/meetings/{meetingId}") == "PATCH /meetings/{meetingId}"
    )
    with pytest.raises(LookupError):
        zoom_schema.operation_key("PUT", "/meetings/1")


def test_schemas_are_the_published_ones() -> None:
    schema = zoom_schema.request_schema("POST", "/users/me/meetings")
    assert schema["properties"]["topic"]["maxLength"] == 200
    assert (
        zoom_schema.response_schema("GET", "/meetings/1", 200)["properties"]["id"]["format"]
        == "int64"
    )
    with pytest.raises(LookupError, match="no body"):
        zoom_schema.response_schema("PATCH", "/meetings/1", 204)


def test_requests_are_strict_and_checked_against_both_exports() -> None:
    found = zoom_schema.request_problems("POST", "/users/me/meetings", {"passcode": "x"})
    assert any("2023-10 v2" in line and "'passcode' was unexpected" in line for line in found)
    assert any("2023-07 v2.0.0" in line for line in found)
    assert not zoom_schema.request_problems(
        "POST", "/users/me/meetings", {"passcode": "x"}, strict=False
    )


@pytest.mark.parametrize(
    ("body", "ok"),
    [
        ({"recurrence": {"type": 2, "weekly_days": "2,4"}}, True),
        ({"recurrence": {"type": 2, "weekly_days": "8"}}, False),
        ({"recurrence": {"type": 2, "weekly_days": "2,"}}, False),
        ({"start_time": "2026-04-01T09:30:00"}, True),  # Zoom's local form
        ({"start_time": "2026-04-01T07:30:00Z"}, True),
        ({"start_time": "2026-04-01 09:30"}, False),
        ({"start_time": "2026-02-30T09:30:00"}, False),
        ({"recurrence": {"type": 2, "end_times": 61}}, False),  # 2023-10: at most 60
    ],
)
def test_adaptations_follow_zooms_own_descriptions(body: dict[str, object], ok: bool) -> None:
    assert (not zoom_schema.request_problems("POST", "/users/me/meetings", body)) is ok


def test_validate_response_accepts_a_bodiless_204() -> None:
    zoom_schema.validate_response("DELETE", "/meetings/1", 204, None)
    with pytest.raises(AssertionError, match="int64"):
        zoom_schema.validate_response("GET", "/meetings/1", 200, {"id": 2**64})


def test_a_missing_folder_skips_with_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zoom_schema, "OPERATIONS_FILE", Path("/nonexistent/zoom-api/ops.json"))
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/zoom-api is missing"):
        zoom_schema.validate_request("POST", "/users/me/meetings", {})
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared/zoom-api is missing"):
        zoom_schema.require()
