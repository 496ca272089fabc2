"""Nothing the CLI prints as text can attack the terminal; control characters in input exit 2."""

from __future__ import annotations

import argparse
import io
import logging

import pytest
from cli_support import Cli

from zoomdesk.cli import errors as cli_errors
from zoomdesk.cli import main as zcli
from zoomdesk.cli.context import Context
from zoomdesk.core.errors import FieldError, ZoomApiError

ESC = "\x1b"


def test_zoom_error_text_reaches_stderr_cleaned(capsys: pytest.CaptureFixture[str]) -> None:
    exc = ZoomApiError(
        400,
        300,
        f"Bad {ESC}[2J request\r\nzoomdesk: forged",
        (FieldError(f"topic{ESC}]0;title\x07", f"Too {ESC}[31mlong\u2028x\x9b"),),
    )
    assert cli_errors.report(None, exc, None) == 4
    err = capsys.readouterr().err
    assert not any(c in err for c in (ESC, "\r", "\x07", "\u2028", "\x9b"))
    assert err.count("\n") == 2  # the message and its field error, one line each
    assert err.splitlines()[0].startswith("zoomdesk: Zoom refused the request: Bad  [2J")


def test_every_context_line_is_cleaned() -> None:
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(argparse.Namespace(), out, err)
    ctx.print(f"Topic: {ESC}[2Jx\ny")
    ctx.say(f"waiting {ESC}]52;c;ZXZpbA==\x07")
    assert out.getvalue() == "Topic:  [2Jx y\n"
    assert ESC not in err.getvalue() and err.getvalue().count("\n") == 1


def test_the_verbose_log_on_stderr_is_cleaned(capsys: pytest.CaptureFixture[str]) -> None:
    formatter = zcli._NoTraceback(logging.Formatter("%(message)s"))
    record = logging.makeLogRecord({"msg": f"Zoom said {ESC}[2J\nnext line", "levelno": 20})
    assert formatter.format(record) == "Zoom said  [2J\nnext line"


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (("--topic", "Sync\r\nJoin Zoom Meeting"), "topic"),
        (("--topic", f"clear {ESC}[2J"), "topic"),
        (("--topic", "bytes \udcff"), "topic"),  # an undecodable byte on the command line
        (("--topic", "T", "--agenda", f"red {ESC}[31m"), "agenda"),
    ],
)
def test_control_characters_in_input_exit_2_naming_the_field(
    signed_in: Cli, flags: tuple[str, ...], field: str
) -> None:
    before = len(signed_in.requests())
    r = signed_in.run("meetings", "create", *flags)
    assert r.returncode == 2, r.stderr
    assert f"invalid {field}" in r.stderr and ESC not in r.stderr
    assert r.stdout == ""
    assert len(signed_in.requests()) == before


def test_an_agenda_may_span_lines(signed_in: Cli) -> None:
    r = signed_in.run("meetings", "create", "--json", "--topic", "T", "--agenda", "one\ntwo")
    assert r.returncode == 0, r.stderr
    assert r.json()["agenda"] == "one\ntwo"
