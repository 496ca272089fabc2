"""The ``zoomdesk`` argument parser (DESIGN.md §3.3). No I/O, no heavy imports.

Settings flags (``--client-id`` ...) and ``-v`` are accepted before or after
the sub-command. ``--client-secret`` exists because flags outrank environment
variables (§3.1), but a secret on the command line is visible to every user
in ``ps``: prefer ``ZOOMDESK_CLIENT_SECRET`` or ``config.json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from zoomdesk import __version__

#: flag dest -> config.json key
CONFIG_FLAGS = {
    "client_id": "--client-id",
    "client_secret": "--client-secret",
    "redirect_uri": "--redirect-uri",
    "oauth_url": "--oauth-url",
    "api_url": "--api-url",
}
Parser = argparse.ArgumentParser
_COMMANDS = frozenset({"login", "logout", "whoami", "meetings", "sandbox"})
_MEETING_ACTIONS = frozenset(
    {"list", "create", "show", "update", "delete", "invitation", "templates"}
)
LIST_TYPES = ("upcoming", "scheduled", "live", "previous_meetings")

_HELP = {
    "client_id": "Zoom app client ID (overrides ZOOMDESK_CLIENT_ID and config.json)",
    "client_secret": "client secret; visible in `ps`, prefer ZOOMDESK_CLIENT_SECRET",
    "redirect_uri": "redirect URL registered in the Zoom app",
    "oauth_url": "OAuth host (default https://zoom.us)",
    "api_url": "REST base URL (default: from the sign-in, else https://api.zoom.us/v2)",
}


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Below the top level every default is SUPPRESS, so a sub-command that is
    # not given a flag does not overwrite the value given before it.
    default = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("Zoom app (overrides ZOOMDESK_* variables and config.json)")
    for dest, flag in CONFIG_FLAGS.items():
        group.add_argument(flag, dest=dest, default=default, metavar="VALUE", help=_HELP[dest])
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0 if top else argparse.SUPPRESS,
        help="log to stderr too (-vv: with HTTP details)",
    )


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print Zoom's JSON on stdout and nothing else"
    )


def _meeting_flags(parser: argparse.ArgumentParser, *, create: bool) -> None:
    m = parser.add_argument_group("meeting")
    m.add_argument("--topic", required=create, help="meeting topic (at most 200 characters)")
    m.add_argument(
        "--start",
        metavar="ISO-8601",
        help="local start time, e.g. 2026-12-07T09:30; "
        + ("without it: an instant meeting" if create else "in --timezone"),
    )
    m.add_argument("--timezone", metavar="IANA", help="time zone of --start (default: system)")
    m.add_argument(
        "--duration", type=int, metavar="MIN", help="minutes" + (" (default 60)" if create else "")
    )
    m.add_argument(
        "--end",
        metavar="TIME",
        help="when it ends, instead of --duration: 17:30 (on the start's day) or 2026-12-08T01:00",
    )
    m.add_argument(
        "--passcode",
        help="at most 10 of A-Z a-z 0-9 @ _ * -" + (" (default: random)" if create else ""),
    )
    m.add_argument("--agenda", help="description (at most 2000 characters)")
    s = parser.add_argument_group("meeting settings")
    s.add_argument(
        "--waiting-room",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="waiting room (on by default; --join-before-host alone turns it off)",
    )
    for flag, what in (
        ("--join-before-host", "participants may join before the host"),
        ("--mute-on-entry", "mute participants when they join"),
        ("--host-video", "host video on"),
        ("--participant-video", "participant video on"),
    ):
        s.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=what)
    s.add_argument("--auto-recording", choices=("none", "local", "cloud"))
    r = parser.add_argument_group("recurrence")
    r.add_argument("--recurrence", choices=("daily", "weekly", "monthly"))
    r.add_argument("--repeat-interval", type=int, metavar="N", help="every N days/weeks/months")
    r.add_argument(
        "--weekly-days", metavar="DAYS", help="e.g. mon,wed (default: the start's weekday)"
    )
    r.add_argument("--monthly-day", type=int, metavar="D", help="day of the month, 1-31")
    r.add_argument("--monthly-week", metavar="N", help="1-4 or last (with --monthly-week-day)")
    r.add_argument("--monthly-week-day", metavar="DAY", help="e.g. fri")
    end = r.add_mutually_exclusive_group()
    end.add_argument("--end-times", type=int, metavar="N", help="stop after N meetings")
    end.add_argument("--end-date", metavar="DATE", help="last day, e.g. 2027-03-31")
    _option_flags(parser)


def _option_flags(parser: argparse.ArgumentParser) -> None:
    """The Options group (``cli/options.py`` reads them into the draft)."""
    o = parser.add_argument_group("meeting options")
    o.add_argument("--template", metavar="ID", help="a Zoom meeting template (meetings templates)")
    o.add_argument(
        "--use-pmi",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="use your Personal Meeting ID (not for a series at a fixed time)",
    )
    o.add_argument(
        "--alternative-hosts",
        metavar="EMAIL[,EMAIL]",
        help='users of your Zoom account who may start the meeting ("" for none)',
    )
    o.add_argument("--invitees", metavar="EMAIL[,EMAIL]", help='people to invite ("" for none)')
    o.add_argument(
        "--registration",
        choices=("auto", "manual", "off"),
        help="registration, approved automatically or manually; off: none",
    )
    o.add_argument(
        "--encryption",
        choices=("enhanced", "e2ee"),
        help="e2ee (end-to-end) rules out join before host, cloud recording, phones, AI summary",
    )
    o.add_argument(
        "--audio", choices=("both", "telephony", "voip"), help="telephone and computer, or one"
    )
    o.add_argument(
        "--auto-summary",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start the AI Companion meeting summary automatically",
    )


def _command_words(argv: Sequence[str]) -> list[str] | None:
    """The command (and action) words in ``argv``; None when everything must be built.

    Building every sub-parser costs about as much as importing requests, so a
    run builds only the one it needs. Help, or words it cannot place, need all.
    """
    words: list[str] = []
    takes_value = set(CONFIG_FLAGS.values())
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif (arg in ("-h", "--help") and not words) or arg == "--":
            return None
        elif arg.startswith("-"):
            skip = arg in takes_value  # "--api-url URL"; "--api-url=URL" is one word
        else:
            words.append(arg)
            if len(words) == 2 or words[0] != "meetings":
                break
    return words


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line; ``args.handler`` names the command to run.

    With ``argv``, only the sub-parsers that ``argv`` can reach are built.
    """
    words = None if argv is None else _command_words(argv)

    def wanted(*path: str) -> bool:
        if not words or words[0] not in _COMMANDS:
            return True  # no or unknown command: build all, so errors list the choices
        if path[0] != words[0]:
            return False
        if len(path) == 1 or len(words) == 1 or words[1] not in _MEETING_ACTIONS:
            return True
        return path[1] == words[1]

    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, top=False)

    p = argparse.ArgumentParser(
        prog="zoomdesk",
        description="Schedule Zoom meetings. Without a command: open the main window.",
        epilog="Exit codes: 0 ok, 1 unexpected error, 2 invalid input, 3 not signed in, "
        "4 Zoom refused, 5 network error or timeout, 130 cancelled.",
    )
    _add_common(p, top=True)
    p.add_argument("--version", action="version", version=f"zoomdesk {__version__}")
    p.add_argument(
        "--sandbox", action="store_true", help="open the window against an offline Zoom sandbox"
    )
    p.add_argument("--self-test", action="store_true", help="check that the GUI can start")
    p.add_argument(
        "--new-meeting",
        action="store_true",
        help="open only the meeting dialog (in the running zoomdesk, if there is one)",
    )
    p.add_argument(
        "--minimized",
        action="store_true",
        help="start in the system tray without showing the window (where there is a tray)",
    )
    p.set_defaults(handler="gui")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str, handler: str, parent: Any = sub) -> Parser:
        child: Parser = parent.add_parser(name, help=help_, description=help_, parents=[common])
        child.set_defaults(handler=handler)
        return child

    if wanted("login"):
        _login_flags(command("login", "sign in to Zoom", "login"))
    if wanted("logout"):
        command("logout", "revoke the session at Zoom and delete the saved tokens", "logout")
    if wanted("whoami"):
        _json_flag(command("whoami", "show the signed-in user", "whoami"))
    if wanted("meetings"):
        _meetings(sub, command, wanted, common)
    if wanted("sandbox"):
        sandbox = command("sandbox", "run the offline Zoom sandbox in the foreground", "sandbox")
        sandbox.add_argument("--host", default="127.0.0.1")
        sandbox.add_argument("--port", type=int, default=0, help="0 = any free port")
        sandbox.add_argument(
            "--access-token-ttl", type=int, default=3599, metavar="S", help="access token lifetime"
        )
    return p


def _login_flags(login: Parser) -> None:
    way = login.add_mutually_exclusive_group()
    way.add_argument(
        "--browser",
        dest="sign_in",
        action="store_const",
        const="browser",
        help="sign in in your web browser ($BROWSER is honoured); needs a redirect URL "
        "http://127.0.0.1:<port>/<path> registered in the Zoom app",
    )
    way.add_argument(
        "--embedded",
        dest="sign_in",
        action="store_const",
        const="embedded",
        help="sign in in zoomdesk's own window (default, unless the sign_in setting says browser)",
    )
    login.add_argument(
        "--no-open",
        action="store_true",
        help="with the browser: print the address to open instead of opening it, and take the "
        "address the browser ended at on stdin (for a browser on another machine)",
    )


def _meetings(sub: Any, command: Any, wanted: Any, common: Parser) -> None:
    meetings = sub.add_parser(
        "meetings", help="list, create, show, update, delete meetings", parents=[common]
    )
    meetings.set_defaults(handler="meetings_help", meetings_parser=meetings)
    msub = meetings.add_subparsers(dest="meetings_command", metavar="ACTION")

    if wanted("meetings", "list"):
        lst = command("list", "list meetings (all pages)", "meetings_list", msub)
        lst.add_argument("--type", choices=LIST_TYPES, default="upcoming")
        _json_flag(lst)
    if wanted("meetings", "create"):
        create = command("create", "create a meeting", "meetings_create", msub)
        _meeting_flags(create, create=True)
        _json_flag(create)
    if wanted("meetings", "show"):
        show = command("show", "show one meeting", "meetings_show", msub)
        show.add_argument("id", metavar="ID")
        show.add_argument("--occurrence-id", metavar="OID")
        show.add_argument(
            "--ics", metavar="FILE", help="also write the meeting's calendar file (- = stdout)"
        )
        _json_flag(show)
    if wanted("meetings", "update"):
        update = command(
            "update", "change a meeting (only the given fields)", "meetings_update", msub
        )
        update.add_argument("id", metavar="ID")
        update.add_argument(
            "--occurrence-id",
            metavar="OID",
            help="change one occurrence only: its --start, --duration, --agenda and settings",
        )
        _meeting_flags(update, create=False)
        _json_flag(update)
    if wanted("meetings", "invitation"):
        invitation = command(
            "invitation", "print Zoom's invitation text for a meeting", "meetings_invitation", msub
        )
        invitation.add_argument("id", metavar="ID")
    if wanted("meetings", "templates"):
        templates = command(
            "templates", "list your Zoom meeting templates", "meetings_templates", msub
        )
        _json_flag(templates)
    if wanted("meetings", "delete"):
        delete = command("delete", "delete a meeting", "meetings_delete", msub)
        delete.add_argument("id", metavar="ID")
        delete.add_argument("--occurrence-id", metavar="OID", help="delete one occurrence only")


def config_flags(args: argparse.Namespace) -> dict[str, str | None]:
    """The settings given as flags, as ``config.load_config`` takes them."""
    return {key: getattr(args, key, None) for key in CONFIG_FLAGS}


#: Zoom field -> the flag that sets it, for messages.
FLAG_FOR = {
    "topic": "--topic",
    "type": "--start/--recurrence",
    "start_time": "--start",
    "timezone": "--timezone",
    "duration": "--duration",
    "end_time": "--end",
    "password": "--passcode",
    "agenda": "--agenda",
    "settings.waiting_room": "--waiting-room",
    "settings.join_before_host": "--join-before-host",
    "settings.mute_upon_entry": "--mute-on-entry",
    "settings.host_video": "--host-video",
    "settings.participant_video": "--participant-video",
    "settings.auto_recording": "--auto-recording",
    "template_id": "--template",
    "settings.use_pmi": "--use-pmi",
    "settings.alternative_hosts": "--alternative-hosts",
    "settings.meeting_invitees": "--invitees",
    "settings.approval_type": "--registration",
    "settings.encryption_type": "--encryption",
    "settings.audio": "--audio",
    "settings.auto_start_meeting_summary": "--auto-summary",
    "recurrence.type": "--recurrence",
    "recurrence.repeat_interval": "--repeat-interval",
    "recurrence.weekly_days": "--weekly-days",
    "recurrence.monthly_day": "--monthly-day",
    "recurrence.monthly_week": "--monthly-week",
    "recurrence.monthly_week_day": "--monthly-week-day",
    "recurrence.end_times": "--end-times",
    "recurrence.end_date_time": "--end-date",
    "id": "ID",
}
