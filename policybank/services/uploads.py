"""Checking an uploaded file by its content before anything is stored.

The type comes from the bytes (magic numbers, the parts inside a ZIP), never from the name; a name that
claims another type is refused, because people and virus scanners downstream trust the name. The checks
here are quick and bounded (headers, the ZIP directory, the PDF trailer): deep parsing happens in the
extraction child process, which has its own time and memory limits (policybank.extraction).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

__all__ = ["ALLOWED_TYPES", "CheckedUpload", "upload_check"]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"

# Content type → the extensions a name of that type may have.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    CSV: (".csv", ".txt"),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
}
EXTENSION_TYPES = {extension: content_type for content_type, names in ALLOWED_TYPES.items() for extension in names}
# An office file has a few dozen parts; tens of thousands are a way to exhaust the reader.
MAX_ZIP_ENTRIES = 10_000
FIELD = "file"


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    page_count: int | None = None


def _refuse(message: str) -> ValidationError:
    return ValidationError({FIELD: message})


def upload_check(*, name: str, data: bytes) -> CheckedUpload:
    """The file's real type, or a ValidationError on `file` saying why it is refused."""
    if not data:
        raise _refuse(_("The file is empty."))
    if len(data) > settings.POLICY_FILE_MAX_BYTES:
        raise _refuse(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(settings.POLICY_FILE_MAX_BYTES)}
        )
    content_type = _sniff(data)
    if content_type is None:
        raise _refuse(_("This type of file is not accepted. Upload a PDF, DOCX, XLSX, CSV, PNG or JPEG file."))
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSION_TYPES.get(extension)
    if claimed is not None and claimed != content_type:
        raise _refuse(
            _("The file's name says %(claimed)s, but its content is %(actual)s. Check that it is the right file.")
            % {"claimed": _type_label(claimed), "actual": _type_label(content_type)}
        )
    if content_type == PDF:
        return CheckedUpload(PDF, _check_pdf(data))
    if content_type in (DOCX, XLSX):
        _check_zip_limits(data)
    elif content_type in (PNG, JPEG):
        _check_image(data)
    return CheckedUpload(content_type)


def _type_label(content_type: str) -> str:
    return {PDF: "PDF", DOCX: "DOCX", XLSX: "XLSX", CSV: "CSV", PNG: "PNG", JPEG: "JPEG"}.get(content_type, "?")


def _sniff(data: bytes) -> str | None:
    # PDF readers accept the header anywhere in the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if _is_text(data):
        return CSV
    return None


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("The file is damaged and cannot be read.")) from None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    # A ZIP that is not an office document (an archive, or an .odt): not a type we accept.
    return None


def _is_text(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            # Cutting the sample may split a character: ignore a broken one at the end.
            sample.decode(encoding) if len(data) <= len(sample) else sample[:-4].decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _check_pdf(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # A cut-off download has no end-of-file marker; pypdf would try to rebuild it and read half a file.
    if b"%%EOF" not in data[-2048:]:
        raise _refuse(_("The PDF is damaged or incomplete and cannot be read."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise _refuse(_("The PDF is protected with a password or encrypted. Upload a copy without protection."))
            return len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise _refuse(_("The PDF is damaged or incomplete and cannot be read.")) from None


def _check_zip_limits(data: bytes) -> None:
    """Refuse decompression bombs by what the ZIP directory declares; the extraction child's memory limit
    catches an archive that lies about its sizes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _bomb()
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("The file is damaged and cannot be read.")) from None
    if (
        unpacked > settings.POLICY_FILE_MAX_UNPACKED_BYTES
        or unpacked / packed > settings.POLICY_FILE_MAX_COMPRESSION_RATIO
    ):
        raise _bomb()


def _bomb() -> ValidationError:
    return _refuse(
        _("The file unpacks to far more data than its size suggests (a “decompression bomb”) and was refused.")
    )


def _check_image(data: bytes) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Opening reads the header only; the pixel count is checked before anything is decoded.
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > settings.POLICY_IMAGE_MAX_PIXELS:
                    raise _bomb()
                image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise _bomb() from None
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken image
        # Pillow raises many kinds of error for a broken image; all mean the same to the person.
        raise _refuse(_("The image is damaged and cannot be read.")) from None
