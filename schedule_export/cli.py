"""The `schedule-export` command: parse options, call the pipeline, print.

Only this module (and the server) turns errors into `error:` lines and exit
statuses; the core raises ``ScheduleExportError``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import ScheduleExportError, UsageError

if TYPE_CHECKING:
    from .model import Meeting

# Modules adding sub-commands of their own; each has `register(subparsers)` and keeps imports light.
COMMAND_MODULES: tuple[str, ...] = ("schedule_export.send", "schedule_export.serve")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def fail(source: str, reason: str) -> None:
    print(f"error: {source}: {reason}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    from .render import exporter_names

    parser = argparse.ArgumentParser(
        prog="schedule-export",
        description="Turn UN annotated provisional agendas into calendars, programmes and emails, in Vienna time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = sub.add_parser("convert", help="convert documents to calendars and other formats")
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="agenda documents (.txt, .md, .html, .docx, .pdf)")
    convert.add_argument(
        "-f", "--format", dest="formats", action="append", choices=exporter_names(), metavar="FORMAT",
        help=f"output format, repeatable: {', '.join(exporter_names())} (default: ics)",
    )
    convert.add_argument("-o", "--output", default=".", metavar="OUTDIR", help="output folder, or - for standard output (default: .)")
    add_reading_options(convert)
    add_display_options(convert)
    add_message_options(convert)
    convert.set_defaults(handler=run_convert)

    check = sub.add_parser("check", help="show the meetings found in documents and the warnings, writing nothing")
    check.add_argument("inputs", nargs="+", metavar="INPUT")
    add_reading_options(check)
    check.set_defaults(handler=run_check)

    schema = sub.add_parser("schema", help="print the JSON Schema of the JSON export")
    schema.set_defaults(handler=run_schema)

    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", metavar="LANG",
        help="language to read and write (fr, en, es, ru); a document unmistakably in another language is still read in its own, with a warning (default: detected)",
    )
    parser.add_argument("--tz", metavar="ZONE", default=None, help="time zone of the meeting (default: the zone of the city the document names, else Europe/Vienna)")


def add_display_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--display-tz", metavar="ZONE", help="also show times in this zone, e.g. America/New_York")
    parser.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size of the PDF (default: A4)")


def add_message_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Headers and introduction of the email formats (eml; intro also shows in email-html and txt)."""
    group = parser.add_argument_group("email message")
    group.add_argument("--from", dest="from_address", metavar="ADDRESS", required=required, help="sender address, e.g. 'Secretariat <sec@example.org>'")
    group.add_argument("--to", dest="to", action="extend", nargs="+", metavar="ADDRESS", required=required, help="recipient addresses")
    group.add_argument("--cc", dest="cc", action="extend", nargs="+", metavar="ADDRESS", help="copy addresses")
    group.add_argument("--reply-to", dest="reply_to", metavar="ADDRESS", help="address replies should go to")
    group.add_argument("--intro", metavar="FILE", help="text file with an introduction shown above the programme (UTF-8, blank lines between paragraphs)")


def message_extra(args: argparse.Namespace) -> dict[str, object]:
    """Email options as RenderOptions.extra; the introduction file is read here, once."""
    from .errors import InputError

    extra: dict[str, object] = {}
    for key, attribute in (("from", "from_address"), ("to", "to"), ("cc", "cc"), ("reply_to", "reply_to")):
        value = getattr(args, attribute, None)
        if value:
            extra[key] = value
    intro_path = getattr(args, "intro", None)
    if intro_path:
        try:
            extra["intro"] = Path(intro_path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{intro_path}: not UTF-8 text") from None
        except OSError as exc:
            raise InputError(f"{intro_path}: cannot be read ({exc.strerror or exc})") from None
    return extra


def _version() -> str:
    from . import __version__

    return __version__


def load(path: str, args: argparse.Namespace) -> Meeting:
    from .pipeline import load_meeting

    return load_meeting(path, language=args.lang, timezone=args.tz)


def render_options(args: argparse.Namespace):
    from .render import RenderOptions

    return RenderOptions(
        language=getattr(args, "lang", None),
        display_tz=getattr(args, "display_tz", None),
        paper=getattr(args, "paper", "A4"),
        extra=message_extra(args),
    )


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure never leaves a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private; outputs are meant to be shared like any file the user creates
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def run_convert(args: argparse.Namespace) -> int:
    from .render import get_exporter

    formats = list(dict.fromkeys(args.formats or ["ics"]))
    exporters = [get_exporter(name) for name in formats]
    options = render_options(args)
    to_stdout = args.output == "-"
    if to_stdout and (len(args.inputs) != 1 or len(exporters) != 1):
        print("error: -o - writes one format of one input to standard output", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.inputs:
        try:
            meeting = load(path, args)
            # render everything first: an input either converts fully or writes nothing
            outputs = [(exporter, exporter.render(meeting, options)) for exporter in exporters]
        except ScheduleExportError as exc:
            fail(path, str(exc))
            status = EXIT_FAILED
            continue
        for finding in meeting.findings:
            warn(str(finding))
        for exporter, data in outputs:
            if to_stdout:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                target = Path(args.output) / f"{Path(path).stem}.{exporter.extension}"
                try:
                    write_atomically(target, data)
                except OSError as exc:
                    fail(str(target), f"cannot be written ({exc.strerror or exc})")
                    status = EXIT_FAILED
    return status


def run_check(args: argparse.Namespace) -> int:
    from .report import check_report

    status = EXIT_OK
    for number, path in enumerate(args.inputs):
        try:
            meeting = load(path, args)
        except ScheduleExportError as exc:
            fail(path, str(exc))
            status = EXIT_FAILED
            continue
        if number:
            print()
        print(check_report(meeting))
        sys.stdout.flush()
        for finding in meeting.findings:
            warn(str(finding))
        sys.stderr.flush()
    return status


def run_schema(args: argparse.Namespace) -> int:
    from .render.json import json_schema

    sys.stdout.write(json_schema())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except ScheduleExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
