"""The `schedule-export` command: parse options, call the pipeline, print.

Only this module (and the server) turns errors into `error:` lines and exit
statuses; the core raises ``ScheduleExportError``. Options are checked before
any document is read, so a usage error costs nothing and prints one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from .errors import ScheduleExportError, UsageError

# typing's flag without importing typing, nor dataclasses and pathlib at the top: `--help` imports
# only this module, argparse and the sub-command registrations (see bench/run.py for its figure)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import NoReturn, Sequence, TextIO

    from .model import Meeting
    from .render import Exporter, RenderOptions

# Modules adding sub-commands of their own; each has `register(subparsers)` and keeps imports light.
COMMAND_MODULES: tuple[str, ...] = ("schedule_export.send", "schedule_export.serve")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
STDIN = "-"
STDIN_NAME, STDIN_STEM = "<stdin>", "stdin"
# What a folder given as input contributes: its documents, by suffix, not its sub-folders.
DOCUMENT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


class Reporter:
    """Everything the command says on standard error, and the progress line on a terminal.

    The progress line is redrawn in place (carriage return) and wiped before any
    other output, so warnings and reports never end up glued to it. It shows only
    when standard error is a terminal: logs and pipelines get no control codes.
    """

    def __init__(self, *, quiet: bool = False, strict: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.strict = strict
        self.warnings = 0
        self.errors = 0
        self.show_progress = not quiet and _is_terminal(self.stream)
        self._progress_shown = False

    def warn(self, message: str) -> None:
        self.warnings += 1
        if not self.quiet:
            self._clear()
            print(f"warning: {_one_line(message)}", file=self.stream, flush=True)

    def error(self, source: str, reason: str) -> None:
        self.errors += 1
        self._clear()
        print(f"error: {_one_line(source)}: {_one_line(reason)}", file=self.stream, flush=True)

    def findings(self, meeting: Meeting) -> None:
        for finding in meeting.findings:
            self.warn(str(finding))

    def progress(self, done: int, total: int, name: str) -> None:
        if not self.show_progress:
            return
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns - 1
        line = f"{done}/{total} {name}"
        # a line wider than the terminal would wrap and \r could no longer redraw it
        if len(line) > width:
            line = line[: max(width - 1, 0)] + "…"
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()
        self._progress_shown = True

    def out(self, text: str) -> None:
        """A line of the command's own output on standard output, below any progress line."""
        self._clear()
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def done(self) -> None:
        self._clear()

    def status(self) -> int:
        if self.errors:
            return EXIT_FAILED
        return EXIT_FAILED if self.strict and self.warnings else EXIT_OK

    def _clear(self) -> None:
        if self._progress_shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._progress_shown = False


def _one_line(text: str) -> str:
    """A warning or an error is one line, even when a file name or a message holds a line break."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def internal_error(exc: BaseException) -> str:
    """What a user sees of a defect: one line they can paste into a report, never a traceback."""
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 300 else detail[:299] + "…"
    return f"internal error ({type(exc).__name__}{': ' + detail if detail else ''}); please report it"


# ---------------------------------------------------------------------------- options


class Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line like every other usage error, pointing to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from .render import exporter_names

    parser = Parser(
        prog="schedule-export",
        description="Turn UN annotated provisional agendas into calendars, programmes and emails, in the meeting's time zone.",
        epilog="Run 'schedule-export COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = sub.add_parser(
        "convert", help="convert documents to calendars, JSON, programmes and emails",
        description=(
            "Convert agenda documents into OUTDIR/<input stem>.<extension>, one file per input and format. "
            "An input is written in all its formats or in none; a bad input is reported on one line and the others are still converted."
        ),
    )
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help=_INPUT_HELP)
    convert.add_argument(
        "-f", "--format", dest="formats", action="append", choices=exporter_names(), metavar="FORMAT",
        help=f"output format, repeatable: {', '.join(exporter_names())} (default: ics)",
    )
    convert.add_argument(
        "-o", "--output", default=".", metavar="OUTDIR",
        help="output folder, created if missing, or - to write one format of one input to standard output (default: .)",
    )
    add_reading_options(convert)
    add_display_options(convert)
    add_reporting_options(convert, writes=True)
    convert.add_argument(
        "-j", "--jobs", type=_jobs, default=1, metavar="N",
        help="convert N inputs at a time in N processes, 0 for one per CPU; the same files and messages, in input order (default: 1)",
    )
    add_message_options(convert)
    convert.set_defaults(handler=run_convert)

    check = sub.add_parser(
        "check", help="show the meetings found in documents, and the warnings; writes nothing",
        description=(
            "Show what was found in each document: title, dates, time zone, and every meeting in local time and UTC, "
            "then the warnings. Nothing is written."
        ),
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT", help=_INPUT_HELP)
    check.add_argument("--json", action="store_true", help="print one JSON array instead: per input, {\"input\", \"meeting\"} or {\"input\", \"error\"}")
    add_reading_options(check)
    add_reporting_options(check, writes=False)
    check.set_defaults(handler=run_check)

    schema = sub.add_parser(
        "schema", help="print the JSON Schema of the JSON export",
        description="Print the JSON Schema that every file written with -f json (and check --json's meetings) follows.",
    )
    schema.set_defaults(handler=run_schema)

    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


_INPUT_HELP = (
    "agenda document (.txt, .md, .html, .htm, .docx, .pdf), a folder (its documents, not its sub-folders), "
    "or - for standard input"
)


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", metavar="LANG",
        help="language to read and write (fr, en, es, ru); a document unmistakably in another language is still read in its own, with a warning (default: detected)",
    )
    parser.add_argument("--tz", metavar="ZONE", default=None, help="time zone of the meeting, e.g. Europe/Vienna (default: the zone of the city the document names, else Europe/Vienna)")


def add_display_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--display-tz", metavar="ZONE", help="also show times in this zone in programmes, e.g. America/New_York")
    parser.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size of the PDF: A4 or Letter (default: A4)")


def add_reporting_options(parser: argparse.ArgumentParser, *, writes: bool) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings or progress (errors are still printed)")
    parser.add_argument(
        "--strict", action="store_true",
        help="exit with status 1 when there was any warning, even unprinted with --quiet" + (" (files are still written)" if writes else ""),
    )


def add_message_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Headers and introduction of the email formats (eml; intro also shows in email-html and txt)."""
    group = parser.add_argument_group("email message")
    group.add_argument("--from", dest="from_address", metavar="ADDRESS", required=required, help="sender address, e.g. 'Secretariat <sec@example.org>'")
    group.add_argument("--to", dest="to", action="append", metavar="ADDRESS", required=required, help="recipient address; repeat for several (--to A --to B)")
    group.add_argument("--cc", dest="cc", action="append", metavar="ADDRESS", help="copy address; repeat for several")
    group.add_argument("--reply-to", dest="reply_to", metavar="ADDRESS", help="address replies should go to")
    group.add_argument("--intro", metavar="FILE", help="text file with an introduction shown above the programme (UTF-8, blank lines between paragraphs)")


ADDRESS_OPTIONS: tuple[tuple[str, str], ...] = (("from", "from_address"), ("to", "to"), ("cc", "cc"), ("reply_to", "reply_to"))


def message_extra(args: argparse.Namespace) -> dict[str, object]:
    """Email options as RenderOptions.extra, checked: addresses valid, the introduction read once.

    Any problem is a usage error: it is the command line that is wrong, whatever the documents.
    """
    extra: dict[str, object] = {}
    for key, attribute in ADDRESS_OPTIONS:
        value = getattr(args, attribute, None)
        if not value:
            continue
        # the email module only when an address is given: every conversion passes here
        from .errors import AddressError
        from .render.eml import parse_addresses

        try:
            parse_addresses(value)
        except AddressError as exc:
            raise UsageError(f"--{key.replace('_', '-')}: {exc}") from None
        extra[key] = value
    intro_path = getattr(args, "intro", None)
    if intro_path:
        from pathlib import Path

        try:
            extra["intro"] = Path(intro_path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"--intro {intro_path}: not UTF-8 text") from None
        except OSError as exc:
            raise UsageError(f"--intro {intro_path}: cannot be read ({exc.strerror or exc})") from None
    return extra


def check_zone(option: str, value: str | None) -> None:
    if value is None:
        return
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except Exception:  # ZoneInfoNotFoundError, ValueError for odd keys, IsADirectoryError for "America"
        raise UsageError(f"{option} {value}: unknown time zone (use a name such as Europe/Vienna or America/New_York)") from None


def check_language(value: str | None) -> None:
    if value is None:
        return
    from .lang import available_languages

    if value not in available_languages():
        raise UsageError(f"--lang {value}: no such language (available: {', '.join(available_languages())})")


def check_reading_options(args: argparse.Namespace) -> None:
    check_language(getattr(args, "lang", None))
    check_zone("--tz", getattr(args, "tz", None))
    check_zone("--display-tz", getattr(args, "display_tz", None))


def check_output_folder(output: str) -> None:
    """The output must be a folder, or a path where one can be made: refuse a file before any work."""
    from pathlib import Path

    path = Path(output)
    for candidate in (path, *path.parents):
        if candidate.exists():
            if not candidate.is_dir():
                raise UsageError(f"-o {output}: {candidate} is not a folder" if candidate != path else f"-o {output}: is not a folder")
            return


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give 1 or more processes, or 0 for one per CPU")
    if number == 0:  # the CPUs this process may run on
        number = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return number


def _version() -> str:
    from . import __version__

    return __version__


# ---------------------------------------------------------------------------- inputs


class Input:
    """One input: ``path`` as given on the command line (or found in a folder given), "-" for standard
    input; ``name``, what messages call it; ``stem``, the name of its output files before the
    extension; ``problem``, why a folder gives no document (reported in turn, like a bad document)."""

    __slots__ = ("path", "name", "stem", "problem")

    def __init__(self, path: str, name: str, stem: str, problem: str | None = None) -> None:
        self.path, self.name, self.stem, self.problem = path, name, stem, problem

    def __repr__(self) -> str:
        return f"Input({self.path!r}, {self.name!r}, {self.stem!r}, problem={self.problem!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Input) and (self.path, self.name, self.stem, self.problem) == (other.path, other.name, other.stem, other.problem)

    __hash__ = None  # type: ignore[assignment]


def expand_inputs(values: Sequence[str]) -> list[Input]:
    """Documents named on the command line, folders replaced by the documents they hold.

    A folder that holds no document, or cannot be listed, stays as an input with
    its problem; the same file named twice is read once.
    """
    from pathlib import Path

    inputs: list[Input] = []
    seen: set[str] = set()

    def add(item: Input) -> None:
        key = item.path if item.path == STDIN else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            inputs.append(item)

    if sum(value == STDIN for value in values) > 1:
        raise UsageError("- (standard input) can be given only once")
    for value in values:
        if value == STDIN:
            add(Input(STDIN, STDIN_NAME, STDIN_STEM))
        elif os.path.isdir(value):
            try:
                documents = sorted(
                    entry for entry in Path(value).iterdir()
                    if entry.suffix.lower() in DOCUMENT_SUFFIXES and not entry.name.startswith(".") and entry.is_file()
                )
            except OSError as exc:
                inputs.append(Input(value, value, "", problem=f"folder cannot be read ({exc.strerror or exc})"))
                continue
            if not documents:
                inputs.append(Input(value, value, "", problem=f"folder holds no documents ({' '.join(DOCUMENT_SUFFIXES)})"))
            for document in documents:
                add(Input(str(document), str(document), document.stem))
        else:
            add(Input(value, value, Path(value).stem))
    return inputs


def refuse_shared_output_names(inputs: Sequence[Input], output: str) -> None:
    """Two inputs that would write the same files (a/doc.txt, b/doc.html) are refused before anything is written."""
    first_with_stem: dict[str, Input] = {}
    for item in inputs:
        if item.problem:
            continue
        other = first_with_stem.setdefault(item.stem, item)
        if other is not item:
            where = os.path.join(output, item.stem)
            raise UsageError(
                f"{other.name} and {item.name} would both be written as {where}.*; convert them into different folders (-o)"
            )


def load(item: Input | str, args: argparse.Namespace) -> Meeting:
    from .pipeline import load_meeting, load_meeting_from_bytes

    path = item.path if isinstance(item, Input) else item
    if path == STDIN:
        # with -j, standard input was read by the command before the workers started
        data = getattr(args, "stdin_data", None)
        data = sys.stdin.buffer.read() if data is None else data
        return load_meeting_from_bytes(data, STDIN_NAME, language=args.lang, timezone=args.tz)
    return load_meeting(path, language=args.lang, timezone=args.tz)


def render_options(args: argparse.Namespace) -> RenderOptions:
    from .render import RenderOptions

    return RenderOptions(
        language=getattr(args, "lang", None),
        display_tz=getattr(args, "display_tz", None),
        paper=getattr(args, "paper", "A4"),
        extra=message_extra(args),
    )


# ---------------------------------------------------------------------------- writing


def write_all_or_none(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file, or none of them.

    Each is first written in full to a temporary file beside its target; only
    when all of them are on disk are they renamed into place. A full disk (or
    any other failure while writing) therefore leaves the previous files as
    they were and no temporary behind. Renames within one folder do not need
    space, so once the temporaries exist the renames do not fail for that reason.
    """
    for target, _ in files:
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder", str(target))
    from pathlib import Path

    written: list[tuple[str, Path]] = []
    try:
        # one mkdir per folder, not per file: an input's files share their folder
        for folder in dict.fromkeys(target.parent for target, _ in files):
            folder.mkdir(parents=True, exist_ok=True)
        for target, data in files:
            written.append((_write_temporary(target, data), target))
        while written:
            temp, target = written[0]
            os.replace(temp, target)
            written.pop(0)
    finally:
        for temp, _ in written:
            _unlink(temp)


def _write_temporary(target: Path, data: bytes) -> str:
    """``data`` in a new file beside ``target``, under a name no one else uses; returns its path.

    Created with mode 0o666, which the umask narrows as for any file the user creates (outputs
    are meant to be shared): no chmod and no umask query per file, as mkstemp's private file needed.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = os.path.join(target.parent, f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(temp, flags, 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from None
    else:
        raise FileExistsError(17, "no free temporary name", str(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        _unlink(temp)
        # name the file the user asked for, not our temporary
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        _unlink(temp)
        raise
    return temp


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomically(target: Path, data: bytes) -> None:
    """One file through a temporary in the same folder, so a failure never leaves a partial file."""
    write_all_or_none([(target, data)])


def _os_reason(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


# ---------------------------------------------------------------------------- commands


def run_convert(args: argparse.Namespace) -> int:
    from .render import get_exporter

    reporter = Reporter(quiet=args.quiet, strict=args.strict)
    # everything about the command line is checked before the first document is read
    check_reading_options(args)
    options = render_options(args)
    exporters = [get_exporter(name) for name in dict.fromkeys(args.formats or ["ics"])]
    to_stdout = args.output == "-"
    if not to_stdout:
        check_output_folder(args.output)
    inputs = expand_inputs(args.inputs)
    if to_stdout and (len(inputs) > 1 or len(exporters) != 1):
        raise UsageError("-o - writes one format of one input to standard output")
    if not to_stdout:
        refuse_shared_output_names(inputs, args.output)

    jobs = min(getattr(args, "jobs", 1) or 1, len(inputs))
    if jobs > 1 and not to_stdout:
        convert_in_processes(inputs, exporters, options, args, reporter, jobs)
    else:
        for number, item in enumerate(inputs, start=1):
            reporter.progress(number, len(inputs), item.name)
            convert_one(item, exporters, options, args, reporter)
    reporter.done()
    return reporter.status()


class _Recorder:
    """What ``convert_one`` tells a Reporter, kept to be said by the command's own Reporter, in input order."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str, str]] = []  # ("warn", message, "") or ("error", source, reason)

    def warn(self, message: str) -> None:
        self.said.append(("warn", message, ""))

    def error(self, source: str, reason: str) -> None:
        self.said.append(("error", source, reason))

    def findings(self, meeting: Meeting) -> None:
        for finding in meeting.findings:
            self.warn(str(finding))


_WORKER: tuple | None = None  # (exporters, options, args), set once per worker process


def _start_worker(exporters: Sequence[Exporter], options: RenderOptions, args: argparse.Namespace) -> None:
    global _WORKER
    _WORKER = (exporters, options, args)


def _convert_in_worker(item: Input) -> list[tuple[str, str, str]]:
    exporters, options, args = _WORKER  # type: ignore[misc]
    recorder = _Recorder()
    try:
        convert_one(item, exporters, options, args, recorder)  # type: ignore[arg-type]
    except Exception as exc:  # convert_one reports its own failures; this is a defect around it
        recorder.error(item.name, internal_error(exc))
    return recorder.said


def convert_in_processes(inputs: Sequence[Input], exporters: Sequence[Exporter], options: RenderOptions,
                         args: argparse.Namespace, reporter: Reporter, jobs: int) -> None:
    """``convert_one`` over the inputs in ``jobs`` processes; each input's messages are said in input order.

    Each worker reads, renders and writes its inputs (the output names were checked not to clash);
    what it would have printed comes back and is printed here, as one process would have printed it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if any(item.path == STDIN for item in inputs):
        args.stdin_data = sys.stdin.buffer.read()
    # fork where there is one: workers start with the modules, packs and caches already loaded
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(8, len(inputs) // (jobs * 4)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(exporters, options, args)) as pool:
        for number, (item, said) in enumerate(zip(inputs, pool.map(_convert_in_worker, inputs, chunksize=chunk)), start=1):
            reporter.progress(number, len(inputs), item.name)
            for kind, first, second in said:
                if kind == "warn":
                    reporter.warn(first)
                else:
                    reporter.error(first, second)


def convert_one(item: Input, exporters: Sequence[Exporter], options: RenderOptions, args: argparse.Namespace, reporter: Reporter) -> None:
    """Read, render and write one input; every problem becomes one error line about it."""
    if item.problem:
        reporter.error(item.name, item.problem)
        return
    try:
        meeting = load(item, args)
    except ScheduleExportError as exc:
        reporter.error(item.name, str(exc))
        return
    except Exception as exc:  # a defect must not stop the other inputs
        reporter.error(item.name, internal_error(exc))
        return
    reporter.findings(meeting)

    # A format that cannot be rendered (PDF without its system libraries) is reported
    # on its own; the formats that could be rendered are still written.
    rendered: list[tuple[str, bytes]] = []  # (file suffix, bytes)
    for exporter in exporters:
        try:
            rendered.append((exporter.extension, exporter.render(meeting, options)))
            if args.output != "-" and hasattr(exporter, "parts"):
                # extra files some formats offer, such as one calendar per body meeting in parallel
                rendered.extend(exporter.parts(meeting, options))
        except ScheduleExportError as exc:
            reporter.error(item.name, f"{exporter.name} not written: {exc}")
        except Exception as exc:
            reporter.error(item.name, f"{exporter.name} not written: {internal_error(exc)}")

    if args.output == "-":
        for _, data in rendered:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    from pathlib import Path

    files = [(Path(args.output) / f"{item.stem}.{suffix}", data) for suffix, data in rendered]
    try:
        write_all_or_none(files)
    except OSError as exc:
        reporter.error(item.name, f"nothing written ({_os_reason(exc)})")


def run_check(args: argparse.Namespace) -> int:
    import json

    from .errors import InputError
    from .report import check_report

    reporter = Reporter(quiet=args.quiet, strict=args.strict)
    check_reading_options(args)
    inputs = expand_inputs(args.inputs)
    results: list[dict[str, object]] = []
    reports = 0
    for number, item in enumerate(inputs, start=1):
        reporter.progress(number, len(inputs), item.name)
        try:
            if item.problem:
                raise InputError(item.problem)
            meeting = load(item, args)
            report = None if args.json else check_report(meeting)
        except ScheduleExportError as exc:
            reason = str(exc)
        except Exception as exc:
            reason = internal_error(exc)
        else:
            if args.json:
                results.append({"input": item.name, "meeting": meeting.model_dump(mode="json")})
            else:
                reporter.out(("\n" if reports else "") + report)
                reports += 1
            reporter.findings(meeting)
            continue
        reporter.error(item.name, reason)
        results.append({"input": item.name, "error": reason})
    reporter.done()
    if args.json:
        sys.stdout.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return reporter.status()


def run_schema(args: argparse.Namespace) -> int:
    from .render.json import json_schema

    sys.stdout.write(json_schema())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ScheduleExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python's final flush from complaining
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_OK
    except Exception as exc:  # anything else is a defect: one line, no traceback
        print(f"error: {internal_error(exc)}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
