"""Reading an uploaded CSV or XLSX file into rows, checked by content rather than by file name.

Limits are stated so a person knows why a file is refused: the upload size (IMPORT_MAX_BYTES), the
number of rows (IMPORT_MAX_ROWS), and for XLSX the unpacked size, which stops a decompression bomb
before openpyxl inflates it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Our files have a handful of columns; a sheet that claims thousands would only make rows huge.
MAX_COLUMNS = 50


class TableFileError(Exception):
    """The file cannot be read as a table; the message says why, for the person who sent it."""


@dataclass
class Table:
    headers: list[str]
    # Each row with its 1-based line number as the person sees it in a spreadsheet (header = row 1).
    rows: list[tuple[int, dict[str, str]]]


def table_read(data: bytes) -> Table:
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise TableFileError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
        )
    if not data.strip():
        raise TableFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        matrix = _xlsx_matrix(data)
    elif _looks_binary(data):
        raise TableFileError(_("This is not a CSV or XLSX file. Save the spreadsheet as CSV (UTF-8) or XLSX."))
    else:
        matrix = _csv_matrix(data)
    return _table_from_matrix(matrix)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text, as some spreadsheet programs save CSV
    return b"\x00" in sample


def _decode(data: bytes) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableFileError(
            _("The file is not UTF-8 text. In your spreadsheet program choose “CSV UTF-8” when saving.")
        ) from None


def _csv_matrix(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise TableFileError(_("The CSV file is malformed: %(reason)s") % {"reason": str(error)}) from None


def _xlsx_matrix(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise TableFileError(_("This is not an XLSX workbook. Save the spreadsheet as CSV (UTF-8) or XLSX."))
            if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_UNPACKED_BYTES:
                raise TableFileError(_("The workbook unpacks to more than 50 MB. Split it into smaller files."))
    except zipfile.BadZipFile:
        raise TableFileError(_("The XLSX file is damaged and cannot be opened.")) from None

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for broken or encrypted workbooks
        raise TableFileError(_("The XLSX file is damaged or password-protected and cannot be opened.")) from None
    try:
        sheet = workbook.worksheets[0]
        # openpyxl pads every row to the sheet's declared dimensions; a tiny file can declare
        # A1:XFD1048576 and cost gigabytes. Measure the cells that really exist instead.
        sheet.reset_dimensions()
        matrix: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            matrix.append(["" if value is None else str(value) for value in values])
            if len(matrix) > settings.IMPORT_MAX_ROWS + 1:
                break
        return matrix
    finally:
        workbook.close()


def _table_from_matrix(matrix: list[list[str]]) -> Table:
    # Trailing blank lines and rows are common in spreadsheets; ignore rows with no content at all.
    numbered = [(index + 1, row) for index, row in enumerate(matrix) if any(cell.strip() for cell in row)]
    if not numbered:
        raise TableFileError(_("The file is empty."))
    _header_line, header_row = numbered[0]
    headers = [cell.strip().lower().replace(" ", "_") for cell in header_row]
    rows = []
    for line, row in numbered[1:]:
        rows.append(
            (line, {header: (row[i].strip() if i < len(row) else "") for i, header in enumerate(headers) if header})
        )
    if len(rows) > settings.IMPORT_MAX_ROWS:
        raise TableFileError(
            _("The file has more than %(limit)s rows. Split it into smaller files.")
            % {"limit": settings.IMPORT_MAX_ROWS}
        )
    if not rows:
        raise TableFileError(_("The file has a header row but no data rows."))
    return Table(headers=[header for header in headers if header], rows=rows)
