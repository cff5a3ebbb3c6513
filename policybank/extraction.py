"""Text extraction from an uploaded file, run in a child process with its own time and memory limits.

A hostile or broken file (a PDF whose objects loop, a DOCX that lies about its sizes) can make a parser
spin or eat memory; in a child process with `resource.setrlimit` the operating system stops it and the
worker only sees a failed extraction. The child is a fresh interpreter (`python -m policybank.extraction`)
that imports no Django: it reads the file on stdin and writes one JSON object on stdout.

`extract_text` is the parent's side; `main` the child's.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings
from dataclasses import dataclass
from typing import Any

# Reasons the child reports; the parent turns them into words for people (policybank.services.extraction).
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
UNSUPPORTED = "unsupported"
TIMEOUT = "timeout"
RESOURCES = "resources"

# Cells read from a spreadsheet at most: a sheet of a million cells says nothing search needs.
MAX_CELLS = 200_000


@dataclass(frozen=True)
class ExtractionResult:
    text: str = ""
    page_count: int | None = None
    error: str = ""


def extract_text(
    *, data: bytes, content_type: str, max_chars: int, timeout: float, max_memory: int
) -> ExtractionResult:
    """Run the child; never raises for anything the file does."""

    def limit() -> None:  # runs in the child between fork and exec
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
        cpu = max(1, int(timeout) + 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    environment = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL")}
    environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    try:
        # The command is fixed (this module); only the file, on stdin, comes from the uploader.
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "policybank.extraction", content_type, str(max_chars)],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=limit,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ExtractionResult(error=TIMEOUT)
    if completed.returncode != 0:
        # Killed by the CPU limit, or a MemoryError the child could not even report.
        return ExtractionResult(error=RESOURCES)
    try:
        answer: dict[str, Any] = json.loads(completed.stdout)
    except ValueError:
        return ExtractionResult(error=CORRUPT)
    return ExtractionResult(
        text=str(answer.get("text", ""))[:max_chars],
        page_count=answer.get("page_count"),
        error=str(answer.get("error", "")),
    )


# --- The child ---------------------------------------------------------------------------------------


class _Bounded:
    """Collects text up to a limit, so a huge file does not build a huge string."""

    def __init__(self, max_chars: int) -> None:
        self.parts: list[str] = []
        self.remaining = max_chars

    @property
    def full(self) -> bool:
        return self.remaining <= 0

    def add(self, text: str) -> None:
        if text and not self.full:
            text = text[: self.remaining]
            self.parts.append(text)
            self.remaining -= len(text) + 1

    def text(self) -> str:
        return "\n".join(self.parts).strip()


def _pdf(data: bytes, out: _Bounded) -> int:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _Refused(ENCRYPTED)
    for page in reader.pages:
        if out.full:
            break
        out.add(page.extract_text() or "")
    return len(reader.pages)


def _docx(data: bytes, out: _Bounded) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            if out.full:
                return
            out.add("\t".join(cell.text for cell in row.cells))


def _xlsx(data: bytes, out: _Bounded) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            values = [str(value) for value in row if value is not None and str(value).strip()]
            cells += len(row)
            out.add("\t".join(values))
            if out.full or cells > MAX_CELLS:
                return


def _csv(data: bytes, out: _Bounded) -> None:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            out.add(data.decode(encoding))
            return
        except UnicodeDecodeError:
            continue
    raise _Refused(CORRUPT)


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _child(content_type: str, max_chars: int, data: bytes) -> dict[str, Any]:
    out = _Bounded(max_chars)
    page_count: int | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if content_type == "application/pdf":
                page_count = _pdf(data, out)
            elif content_type.endswith("wordprocessingml.document"):
                _docx(data, out)
            elif content_type.endswith("spreadsheetml.sheet"):
                _xlsx(data, out)
            elif content_type == "text/csv":
                _csv(data, out)
            elif content_type.startswith("image/"):
                pass  # no text in a picture (no OCR)
            else:
                return {"error": UNSUPPORTED}
    except _Refused as refused:
        return {"error": refused.reason}
    except MemoryError:
        return {"error": RESOURCES}
    except Exception:  # noqa: BLE001 - any parser error on a broken file means the same to the person
        # Any parser error on a broken file means the same thing to the person.
        return {"error": CORRUPT}
    return {"text": out.text()[:max_chars], "page_count": page_count}


def main() -> None:
    content_type, max_chars = sys.argv[1], int(sys.argv[2])
    data = sys.stdin.buffer.read()
    answer = _child(content_type, max_chars, data)
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
