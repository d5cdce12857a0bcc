"""Check (not a benchmark, not a test): a PDF of a document gives the same meetings as the document.

    python bench/pdf_same.py [--only NAME] [--keep DIR] [--blocks]

Every HTML fixture under tests/fixtures/ is printed to PDF by WeasyPrint twice: plain
(with the fixture's own styles) and with a stylesheet giving tables the UN look (no
vertical rules, a rule under the header row and at the bottom, cells padded, 10pt
type); every .docx fixture is printed by LibreOffice (``soffice --headless
--convert-to pdf``). The sessions of ``load_meeting(source)`` and ``load_meeting(pdf)``
are compared by (UTC start, UTC end, body, item numbers). One line per PDF: "same",
the two counts when they differ, or the error. ``--blocks`` prints the PDF's blocks
where the sessions differ; ``--keep`` leaves the PDFs in DIR.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

UN_LOOK = """
table { border-collapse: collapse; font-size: 10pt; }
th, td { border: none !important; padding: 3pt 6pt; }
thead tr:first-child th, tr:first-child th, tr:first-child td { border-bottom: 0.75pt solid black !important; }
table { border-bottom: 0.75pt solid black; }
"""


def slots(meeting) -> list[tuple]:
    return [(s.start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ"), s.end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
             s.body, tuple(f"{i.number}{i.letter or ''}{'+' if i.continued else ''}" for i in s.items)) for s in meeting.sessions]


def outcome(path: Path):
    from schedule_export.errors import ScheduleExportError
    from schedule_export.pipeline import load_meeting

    try:
        return slots(load_meeting(path))
    except ScheduleExportError as exc:
        return f"error: {exc}"


def printed(source: Path, folder: Path) -> list[tuple[str, Path]]:
    """(how, pdf) for the source."""
    out: list[tuple[str, Path]] = []
    if source.suffix == ".html":
        import weasyprint

        plain = folder / f"{source.stem}.plain.pdf"
        weasyprint.HTML(filename=str(source)).write_pdf(plain)
        out.append(("weasyprint", plain))
        un = folder / f"{source.stem}.un.pdf"
        weasyprint.HTML(filename=str(source)).write_pdf(un, stylesheets=[weasyprint.CSS(string=UN_LOOK)])
        out.append(("weasyprint+un", un))
    elif source.suffix == ".docx":
        target = folder / "soffice"
        target.mkdir(exist_ok=True)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                        "--outdir", str(target), str(source)], check=True, capture_output=True, timeout=120)
        out.append(("soffice", target / f"{source.stem}.pdf"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="sources whose name contains this")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--blocks", action="store_true")
    args = parser.parse_args()
    sources = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.suffix in (".html", ".docx"))
    if args.only:
        sources = [p for p in sources if args.only in p.name]
    folder = Path(tempfile.mkdtemp(prefix="pdf_same_"))
    differ = 0
    try:
        for source in sources:
            expected = outcome(source)
            for how, pdf in printed(source, folder):
                got = outcome(pdf)
                name = f"{source.relative_to(ROOT / 'tests' / 'fixtures')} [{how}]"
                if got == expected:
                    print(f"same     {name} ({len(expected) if isinstance(expected, list) else expected})")
                    continue
                differ += 1
                show = lambda o: len(o) if isinstance(o, list) else o  # noqa: E731
                print(f"DIFFERS  {name}: source {show(expected)}, pdf {show(got)}")
                if args.blocks:
                    from schedule_export.read import read_document

                    if isinstance(expected, list) and isinstance(got, list):
                        for row in expected:
                            if row not in got:
                                print("   - ", row)
                        for row in got:
                            if row not in expected:
                                print("   + ", row)
                    for block in read_document(pdf).blocks:
                        print("     ", block)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                for pdf in folder.rglob("*.pdf"):
                    shutil.copy(pdf, args.keep / pdf.name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{differ} differ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
