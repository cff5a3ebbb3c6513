"""Importing document metadata from a CSV or XLSX file as a job (POLICY_DOCUMENTS_IMPORT), in the style of
workspace.services.imports: every row is validated first (row errors with line numbers and columns), and
only a file without errors is applied, in one transaction. A row whose title and year match a document
already in the bank is left alone, so importing the same file twice adds nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from policybank.models import (
    MAX_PUBLISHER,
    MAX_TITLE,
    MAX_YEAR,
    MIN_YEAR,
    DocumentCountry,
    DocumentKind,
    DocumentLanguage,
    PolicyDocument,
    Theme,
)
from workspace.models import AuditEvent, Job, JobKind, Membership
from workspace.selectors import require_admin
from workspace.services.audit import audit_fields
from workspace.services.imports import (
    RowErrors,
    choice_lookup,
    import_errors_refuse,
    import_table_load,
    import_table_read,
)
from workspace.services.jobs import JobRun, job_create

__all__ = ["COLUMNS", "documents_import_run", "documents_import_start", "documents_import_template_csv"]

COLUMNS = [
    "title",
    "kind",
    "year",
    "publisher",
    "summary",
    "countries",
    "languages",
    "themes",
    "external_url",
    "licence",
]
REQUIRED = ["title", "kind"]
EXAMPLE = [
    "Teacher deployment in rural provinces",
    "research",
    "2022",
    "Ministry of Education, Youth and Sport",
    "How teachers are assigned to remote schools and why many leave.",
    "KH",
    "en; km",
    "sdg4-c",
    "https://example.org/teacher-deployment",
    "CC BY 4.0",
]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def documents_import_start(*, actor: Membership, file_name: str, data: bytes) -> Job:
    require_admin(actor)
    table = import_table_read(data, field_name="file")
    missing = [column for column in REQUIRED if column not in table.headers]
    if missing:
        raise ValidationError(
            {
                "file": _("The file has no “%(columns)s” column. Download the template to see the expected columns.")
                % {"columns": ", ".join(missing)}
            }
        )
    return job_create(actor=actor, kind=JobKind.POLICY_DOCUMENTS_IMPORT, input_name=file_name[:255], input_data=data)


def documents_import_template_csv() -> str:
    return ",".join(COLUMNS) + "\r\n" + ",".join(f'"{value}"' for value in EXAMPLE) + "\r\n"


def documents_import_run(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = import_table_load(run)
    kinds = choice_lookup(DocumentKind)
    themes = {theme.code.lower(): theme for theme in Theme.objects.filter(workspace=job.workspace)}
    existing = {
        (title.lower(), year)
        for title, year in PolicyDocument.objects.present().filter(workspace=job.workspace).values_list("title", "year")
    }
    seen: dict[tuple[str, int | None], int] = {}
    url_valid = URLValidator()
    errors = RowErrors()
    clean: list[dict[str, Any]] = []
    unchanged = 0
    total = max(1, len(table.rows))
    for index, (line, row) in enumerate(table.rows, start=1):
        before = len(errors.errors)
        title = row.get("title", "").strip()
        if not title:
            errors.add(line, "title", _("The title is required."))
        elif len(title) > MAX_TITLE:
            errors.add(line, "title", _("Too long: at most %(limit)s characters.") % {"limit": MAX_TITLE})
        kind = kinds.get(row.get("kind", "").strip().lower())
        if kind is None:
            errors.add(
                line,
                "kind",
                _("Unknown kind “%(value)s”. Use one of: %(choices)s.")
                % {"value": row.get("kind", ""), "choices": ", ".join(DocumentKind.values)},
            )
        year: int | None = None
        if row.get("year", "").strip():
            try:
                year = int(row["year"].strip())
                if not MIN_YEAR <= year <= MAX_YEAR:
                    raise ValueError
            except ValueError:
                errors.add(
                    line,
                    "year",
                    _("The year must be a number between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
                )
        publisher = row.get("publisher", "").strip()
        if len(publisher) > MAX_PUBLISHER:
            errors.add(line, "publisher", _("Too long: at most %(limit)s characters.") % {"limit": MAX_PUBLISHER})
        countries = [code.upper() for code in _split(row.get("countries", ""))]
        for code in countries:
            if len(code) != 2 or not code.isalpha():
                errors.add(
                    line, "countries", _("“%(value)s” is not a two-letter country code (e.g. KH).") % {"value": code}
                )
        theme_rows = []
        for code in _split(row.get("themes", "")):
            theme = themes.get(code.lower())
            if theme is None:
                errors.add(line, "themes", _("There is no theme with the code “%(value)s”.") % {"value": code})
            else:
                theme_rows.append(theme)
        url = row.get("external_url", "").strip()
        if url:
            try:
                url_valid(url)
            except ValidationError:
                errors.add(line, "external_url", _("“%(value)s” is not a valid web address.") % {"value": url})
        key = (title.lower(), year)
        if title and key in seen:
            errors.add(line, "title", _("This document already appears in row %(row)s.") % {"row": seen[key]})
        elif title:
            seen[key] = line
        if len(errors.errors) == before:
            if key in existing:
                unchanged += 1
            else:
                clean.append(
                    {
                        "kind": kind,
                        "title": title,
                        "year": year,
                        "publisher": publisher,
                        "summary": row.get("summary", "").strip(),
                        "external_url": url,
                        "licence": row.get("licence", "").strip()[:120],
                        "countries": countries,
                        "languages": [code.lower() for code in _split(row.get("languages", ""))][:10],
                        "themes": theme_rows,
                    }
                )
        run.report_progress(90 * index // total)
    import_errors_refuse(errors)
    with transaction.atomic():
        run.lock_claim()
        created = _apply(job, clean)
    return {"created": created, "updated": 0, "unchanged": unchanged, "rows": len(table.rows)}


def _apply(job: Job, rows: list[dict[str, Any]]) -> int:
    now = timezone.now()
    audit_rows = []
    for values in rows:
        document = PolicyDocument.objects.create(
            workspace=job.workspace,
            kind=values["kind"],
            title=values["title"],
            year=values["year"],
            publisher=values["publisher"],
            summary=values["summary"],
            external_url=values["external_url"],
            licence=values["licence"],
            added_by=job.created_by,
            created_at=now,
            updated_at=now,
        )
        document.themes.set(values["themes"])
        DocumentCountry.objects.bulk_create(
            DocumentCountry(document=document, code=code) for code in set(values["countries"])
        )
        DocumentLanguage.objects.bulk_create(
            DocumentLanguage(document=document, code=code[:8]) for code in set(values["languages"])
        )
        audit_rows.append(
            AuditEvent(
                **audit_fields(
                    job.workspace, job.created_by, "policy_document.imported", document, after={"title": document.title}
                )
            )
        )
    AuditEvent.objects.bulk_create(audit_rows)
    return len(rows)
