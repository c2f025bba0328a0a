"""`assess report` to PDF against a bare WeasyPrint render of the same HTML (target ratio <= 1.25).

Both sides are whole processes, imports included, run alternately. The reference is the least any
PDF of this report can cost: ``python -c`` importing WeasyPrint and writing the HTML that
``assess report --format html`` produced, with the same PDF/UA-1 variant. The difference is what
``assess`` adds: loading and checking the answers and questionnaire, scoring, the template and charts.

    .venv/bin/python bench/bench_report.py [RUNS]      (default 5 runs a side, about 2 minutes)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import PYTHON, ROOT, compare, time_command
from pypdf import PdfReader

TARGET = 1.25
EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"
BARE = (
    "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1])"
    ".write_pdf(sys.argv[2], pdf_variant='pdf/ua-1', pdf_identifier=True)"
)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        time_command([PYTHON, "-m", "assess", "report", str(EXAMPLE), "-f", "html", "-o", str(html)])
        ours = [PYTHON, "-m", "assess", "report", str(EXAMPLE), "-o", str(Path(tmp) / "ours.pdf")]
        reference = [PYTHON, "-c", BARE, str(html), str(Path(tmp) / "bare.pdf")]
        ratio = compare(f"assess report ({EXAMPLE.name}, A4) vs bare WeasyPrint", ours, reference, runs=runs)
        pages = len(PdfReader(Path(tmp) / "ours.pdf").pages)
        verdict = "met" if ratio <= TARGET else "missed"
        print(f"  {pages} pages, {runs} runs a side; target <= {TARGET}x: {verdict}")


if __name__ == "__main__":
    main()
