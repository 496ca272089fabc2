"""Settings resolution, validation and config.json handling (DESIGN.md §3.1, §3.2)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from zoomdesk.cli.errors import classify
from zoomdesk.core import config, paths
from zoomdesk.core.config import Config, load_config, resolve, validate_value
from zoomdesk.core.errors import ConfigError, StoreError

REDIRECT = "https://example.com/zoomdesk/callback"


def write_config(values: object) -> Path:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))
    return path


def corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_config_dir_follows_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert paths.config_path() == tmp_path / "elsewhere" / "zoomdesk" / "config.json"


def test_resolution_order_is_flag_then_env_then_file_then_default() -> None:
    write_config({"client_id": "from-file", "redirect_uri": REDIRECT})
    env = {"ZOOMDESK_CLIENT_ID": "from-env"}

    assert load_config({"client_id": "from-flag"}, env).client_id == "from-flag"
    assert load_config({"client_id": None}, env).client_id == "from-env"
    assert load_config({}, {}).client_id == "from-file"
    cfg = load_config({}, {})
    assert cfg.oauth_url == config.DEFAULT_OAUTH_URL
    assert cfg.api_url is None
    assert cfg.client_secret == ""


def test_an_empty_flag_or_variable_counts_as_not_given() -> None:
    write_config({"client_id": "from-file", "redirect_uri": REDIRECT, "client_secret": "s3"})
    cfg = load_config({"client_id": ""}, {"ZOOMDESK_CLIENT_ID": "", "ZOOMDESK_CLIENT_SECRET": ""})
    assert (cfg.client_id, cfg.client_secret) == ("from-file", "s3")


def test_real_environment_is_used_when_env_is_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZOOMDESK_CLIENT_ID", "env-id")
    monkeypatch.setenv("ZOOMDESK_REDIRECT_URI", REDIRECT)
    monkeypatch.setenv("ZOOMDESK_OAUTH_URL", "https://zoomgov.com/")
    cfg = load_config()
    assert (cfg.client_id, cfg.redirect_uri, cfg.oauth_url) == (
        "env-id",
        REDIRECT,
        "https://zoomgov.com",
    )


def test_resolve_keeps_only_known_string_keys_from_the_file() -> None:
    write_config({"client_id": "x", "unknown": "y", "redirect_uri": 5})
    assert resolve({}, {}) == {"client_id": "x"}


@pytest.mark.parametrize(
    ("values", "key", "variable"),
    [
        ({"redirect_uri": REDIRECT}, "client_id", "ZOOMDESK_CLIENT_ID"),
        ({"client_id": "abc"}, "redirect_uri", "ZOOMDESK_REDIRECT_URI"),
        (
            {"client_id": "abc", "redirect_uri": "ftp://x/cb"},
            "redirect_uri",
            "ZOOMDESK_REDIRECT_URI",
        ),
    ],
)
def test_config_error_names_the_key_and_the_file(
    values: dict[str, str], key: str, variable: str
) -> None:
    path = write_config(values)
    with pytest.raises(ConfigError) as info:
        load_config({}, {})
    assert info.value.key == key and info.value.path == path
    # The fact only: where to set it is each front end's advice (the CLI's below).
    assert variable not in str(info.value) and "`" not in str(info.value)
    _, lines = classify(info.value)
    assert f"Set `{key}` in {path} or the {variable} environment variable." in lines[0]


def test_damaged_config_is_moved_aside_not_deleted() -> None:
    path = write_config({})
    path.write_text("{not json")
    assert config.load_file() == {}
    assert not path.exists()
    [moved] = corrupt_copies(path)
    assert moved.read_text() == "{not json"
    with pytest.raises(ConfigError):  # and the app behaves as unconfigured
        load_config({}, {})


def test_damaged_config_is_reported_to_the_caller() -> None:
    path = write_config({})
    path.write_text("{not json")
    problems: list[str] = []
    env = {"ZOOMDESK_CLIENT_ID": "id", "ZOOMDESK_REDIRECT_URI": REDIRECT}
    assert load_config({}, env, problems=problems).client_id == "id"  # still usable
    [moved] = corrupt_copies(path)
    [problem] = problems
    assert "config.json" in problem and "not valid JSON" in problem and moved.name in problem
    problems.clear()
    assert config.load_file(problems=problems) == {}  # moved aside once, reported once
    assert problems == []


@pytest.mark.parametrize("content", ["", "   ", "[1, 2]", '"text"', "[" * 100_000])
def test_any_damaged_content_behaves_as_unconfigured(content: str) -> None:
    path = write_config({})
    path.write_text(content)
    assert config.load_file() == {}
    assert len(corrupt_copies(path)) == 1


def test_save_file_writes_a_private_file_with_clean_values() -> None:
    config.save_file({"client_id": "  id  ", "client_secret": "", "bogus": "x"})
    path = paths.config_path()
    assert json.loads(path.read_text()) == {"client_id": "id"}
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_sign_in_way_resolves_like_every_setting() -> None:
    write_config({"client_id": "id", "redirect_uri": REDIRECT})
    assert load_config({}, {}).sign_in == "embedded"  # the product's default
    write_config({"client_id": "id", "redirect_uri": REDIRECT, "sign_in": "browser"})
    assert load_config({}, {}).sign_in == "browser"
    assert load_config({}, {"ZOOMDESK_SIGN_IN": "Embedded"}).sign_in == "embedded"
    with pytest.raises(ConfigError) as caught:
        load_config({}, {"ZOOMDESK_SIGN_IN": "sideways"})
    assert caught.value.key == "sign_in"
    assert "ZOOMDESK_SIGN_IN" in classify(caught.value)[1][0]
    assert "sign_in='browser'" in repr(Config("id", REDIRECT, sign_in="browser"))


def test_config_repr_hides_the_secret() -> None:
    cfg = Config(client_id="id", redirect_uri=REDIRECT, client_secret="s3cr3t-value")
    for text in (repr(cfg), str(cfg)):
        assert "s3cr3t-value" not in text
        assert "<set>" in text
    assert "<empty>" in repr(Config(client_id="id", redirect_uri=REDIRECT))


def test_public_client_and_api_url_resolution() -> None:
    public = Config(client_id="id", redirect_uri=REDIRECT)
    assert public.is_public_client
    assert not Config(client_id="id", redirect_uri=REDIRECT, client_secret="s").is_public_client
    assert public.resolved_api_url(None) == "https://api.zoom.us/v2"
    assert public.resolved_api_url("https://api-eu.zoom.us/") == "https://api-eu.zoom.us/v2"
    explicit = Config(client_id="id", redirect_uri=REDIRECT, api_url="http://127.0.0.1:9/v2/")
    assert explicit.resolved_api_url("https://api.zoom.us") == "http://127.0.0.1:9/v2"


@pytest.mark.parametrize(
    ("key", "value", "fine"),
    [
        ("client_id", "abc123", True),
        ("client_id", "", False),
        ("client_id", "ab c", False),
        ("client_secret", "", True),
        ("client_secret", "a b", False),
        ("redirect_uri", REDIRECT, True),
        ("redirect_uri", "http://127.0.0.1:8765/zoomdesk/callback", True),
        ("redirect_uri", "http://localhost/cb", True),
        ("redirect_uri", "http://[::1]:9/cb", True),
        ("redirect_uri", "", False),
        ("redirect_uri", "example.com/cb", False),
        ("redirect_uri", "ftp://example.com/cb", False),
        ("redirect_uri", "https:///cb", False),
        ("redirect_uri", "http://example.com/cb", False),
        ("redirect_uri", "http://127.evil.example/cb", False),
        ("redirect_uri", "http://127.0.0.1.evil.example/cb", False),
        ("redirect_uri", "https://user:pw@example.com/cb", False),
        ("redirect_uri", "https://example.com/cb#frag", False),
        ("redirect_uri", "https://example.com/cb?x=1", False),
        ("redirect_uri", "https://example.com:99999/cb", False),
        ("redirect_uri", "https://example.com:port/cb", False),
        ("redirect_uri", "http://[::1/cb", False),
        ("redirect_uri", "https://exa mple.com/cb", False),
        ("redirect_uri", "https://example.com/c\nb", False),
        ("oauth_url", "", True),
        ("oauth_url", "https://zoomgov.com", True),
        ("oauth_url", "https://zoom.us?x=1", False),
        ("api_url", "", True),
        ("api_url", "https://api.zoom.us/v2", True),
        ("api_url", "http://api.zoom.us/v2", False),
        ("sign_in", "", True),
        ("sign_in", "embedded", True),
        ("sign_in", "browser", True),
        ("sign_in", " Browser ", True),
        ("sign_in", "window", False),
    ],
)
def test_validate_value(key: str, value: str, fine: bool) -> None:
    problem = validate_value(key, value)
    if fine:
        assert problem is None
    else:
        assert problem and problem.endswith(".")


def test_sections_survive_a_settings_save_and_sections_keep_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    config.save_file({"client_id": "abc", "redirect_uri": "https://example.com/cb"}, path)
    config.save_section("defaults", {"duration": 45}, path)
    config.save_file({"client_id": "xyz", "redirect_uri": "https://example.com/cb"}, path)
    assert config.load_section("defaults", path) == {"duration": 45}
    assert config.load_file(path)["client_id"] == "xyz"
    config.save_section("defaults", {}, path)
    assert config.load_section("defaults", path) == {}
    assert config.load_file(path)["client_id"] == "xyz"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_section_is_not_written_over_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text("{not json")
    with pytest.raises(StoreError):
        config.save_section("defaults", {"duration": 45}, path)
    assert not path.exists()  # moved aside (reported), not replaced by the section alone
    assert [p.read_text() for p in tmp_path.glob("config.json.corrupt-*")] == ["{not json"]
    with pytest.raises(ValueError):
        config.save_section("client_id", {"x": 1}, path)
