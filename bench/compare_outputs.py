"""Check (not a benchmark): every exporter's bytes on examples/ and tests/fixtures/, before and after a change.

    python bench/compare_outputs.py snapshot OUT.json [--pdf]   # record digests with the code on sys.path
    python bench/compare_outputs.py compare BEFORE.json [--pdf] # record again and list every difference

Runs in-process, like the CLI: each document is read and parsed once, then every
format (and its parts, such as per-body calendars) is rendered with the default
options and with a second language and display zone. The digest file holds one
SHA-256 per output and the warnings of each document, so it stays small. Make the
"before" file from the commit you branch from, e.g.
``git worktree add /tmp/base main && PYTHONPATH=/tmp/base python bench/compare_outputs.py snapshot before.json``.
``SOURCE_DATE_EPOCH`` is left as the environment has it: run both sides alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # PYTHONPATH (the code under test) comes first

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def documents() -> list[Path]:
    found = [path for path in sorted((ROOT / "examples").iterdir()) if path.suffix in DOCUMENT_SUFFIXES]
    found += [path for path in sorted((ROOT / "tests" / "fixtures").rglob("*")) if path.suffix in DOCUMENT_SUFFIXES]
    return found


def digests(with_pdf: bool) -> dict[str, object]:
    from schedule_export.errors import ScheduleExportError
    from schedule_export.pipeline import load_meeting
    from schedule_export.render import RenderOptions, exporter_names, get_exporter

    names = [name for name in exporter_names() if with_pdf or name != "pdf"]
    variants = {
        "default": RenderOptions(extra={"from": "sec@example.org", "to": ["a@example.net"]}),
        "fr-ny": RenderOptions(language="fr", display_tz="America/New_York", base_url="https://example.org/feeds"),
    }
    result: dict[str, object] = {}
    for path in documents():
        key = str(path.relative_to(ROOT))
        try:
            meeting = load_meeting(path)
        except ScheduleExportError as exc:
            result[key] = {"error": str(exc)}
            continue
        entry: dict[str, object] = {"findings": [str(finding) for finding in meeting.findings]}
        for variant, options in variants.items():
            for name in names:
                exporter = get_exporter(name)
                try:
                    data = exporter.render(meeting, options)
                    entry[f"{variant}:{name}"] = hashlib.sha256(data).hexdigest()
                    if hasattr(exporter, "parts"):
                        for suffix, part in exporter.parts(meeting, options):
                            entry[f"{variant}:{name}:{suffix}"] = hashlib.sha256(part).hexdigest()
                except ScheduleExportError as exc:
                    entry[f"{variant}:{name}"] = f"error: {exc}"
        result[key] = entry
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("snapshot", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--pdf", action="store_true", help="include the PDF (slow; needs Pango)")
    args = parser.parse_args()
    now = digests(args.pdf)
    if args.action == "snapshot":
        args.file.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(now)} documents recorded in {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    if not args.pdf:  # a snapshot taken with --pdf compared without it: only the formats compared now
        before = {doc: {k: v for k, v in entry.items() if ":pdf" not in k} for doc, entry in before.items()}
    differences = 0
    for document in sorted(set(before) | set(now)):
        old, new = before.get(document, {}), now.get(document, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                differences += 1
                print(f"DIFFERENT {document} {key}: {old.get(key)!r} -> {new.get(key)!r}")
    outputs = sum(len(entry) for entry in now.values())
    print(f"{len(now)} documents, {outputs} outputs and warning lists compared: {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
