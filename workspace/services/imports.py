"""Importing organisations and people from a CSV or XLSX file, as a background job.

Two passes: every row is validated first (progress 0–90 %, row-level errors with row, column and
reason); only a file without errors is applied, in one transaction, so nothing is ever half-imported.
Rows are matched to what exists (organisations by name, people by e-mail), so importing the same file
again changes nothing: the job is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workspace.models import (
    AuditEvent,
    Job,
    JobKind,
    JobStatus,
    Language,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from workspace.selectors import require_admin
from workspace.services.audit import audit_fields, audit_record
from workspace.services.jobs import JobFailed, JobRun, job_create
from workspace.services.notifications import notification_send
from workspace.services.organisations import ORGANISATION_FIELDS
from workspace.services.people import invitation_send, user_create_or_get
from workspace.services.tables import Table, TableFileError, table_read

ORGANISATION_COLUMNS = list(ORGANISATION_FIELDS)
PEOPLE_COLUMNS = ["email", "display_name", "role", "organisation", "preferred_language"]
REQUIRED_COLUMNS = {JobKind.ORGANISATIONS_IMPORT: ["name"], JobKind.PEOPLE_IMPORT: ["email"]}
COLUMNS = {JobKind.ORGANISATIONS_IMPORT: ORGANISATION_COLUMNS, JobKind.PEOPLE_IMPORT: PEOPLE_COLUMNS}
TEMPLATE_EXAMPLES = {
    JobKind.ORGANISATIONS_IMPORT: [
        "Khmer Education Partnership",
        "KEP",
        "ngo",
        "Battambang",
        "Cambodia",
        "Sokha Chan",
        "sokha@kep.example.org",
        "+855 12 345 678",
    ],
    JobKind.PEOPLE_IMPORT: ["dara@kep.example.org", "Dara Sok", "member", "KEP", "km"],
}
IMPORT_KIND_LABELS = {
    JobKind.ORGANISATIONS_IMPORT: gettext_lazy("organisations"),
    JobKind.PEOPLE_IMPORT: gettext_lazy("people"),
}
FIELD_MAX_LENGTHS = {"name": 200, "acronym": 30, "province": 100, "country": 100, "contact_name": 150, "contact_phone": 40, "display_name": 150}


@dataclass
class RowErrors:
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


def import_start(*, actor: Membership, kind: str, file_name: str, data: bytes) -> Job:
    """Check the file can be read and has the required columns, then queue the import."""
    require_admin(actor)
    table = _read_or_refuse(data, field_name="file")
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in table.headers]
    if missing:
        raise ValidationError(
            {"file": _("The file has no “%(columns)s” column. Download the template to see the expected columns.")
             % {"columns": ", ".join(missing)}}
        )
    return job_create(actor=actor, kind=kind, input_name=file_name[:255], input_data=data)


def _read_or_refuse(data: bytes, *, field_name: str) -> Table:
    try:
        return table_read(data)
    except TableFileError as error:
        raise ValidationError({field_name: str(error)}) from None


def import_template_csv(*, kind: str) -> str:
    return ",".join(COLUMNS[kind]) + "\r\n" + ",".join(TEMPLATE_EXAMPLES[kind]) + "\r\n"


# --- Running (inside the worker) -----------------------------------------------------------------


def _load(run: JobRun) -> Table:
    try:
        return table_read(bytes(run.job.input_data))
    except TableFileError as error:
        raise JobFailed(str(error)) from None


def _validate_rows(run: JobRun, table: Table, validate_row: Any) -> tuple[list[tuple[int, dict[str, Any]]], RowErrors]:
    errors = RowErrors()
    clean_rows: list[tuple[int, dict[str, Any]]] = []
    total = len(table.rows)
    step = max(1, total // 20)
    for index, (line, row) in enumerate(table.rows, start=1):
        clean = validate_row(line, row, errors)
        if clean is not None:
            clean_rows.append((line, clean))
        if index % step == 0 or index == total:
            run.report_progress(90 * index // total)
    return clean_rows, errors


def _fail_if_errors(errors: RowErrors) -> None:
    if errors.errors:
        raise JobFailed(
            _("%(count)s problems were found in the file. Nothing was imported; correct the rows and try again.")
            % {"count": len(errors.errors)},
            errors.errors,
        )


def _check_length(line: int, column: str, value: str, errors: RowErrors) -> None:
    limit = FIELD_MAX_LENGTHS.get(column)
    if limit and len(value) > limit:
        errors.add(line, column, _("Too long: at most %(limit)s characters.") % {"limit": limit})


def _choice(value: str, choices: type[Any]) -> str | None:
    """Accept a choice by its code or its label, in either language ("member", "Member", "សមាជិក")."""
    lowered = value.strip().lower()
    for choice in choices:
        if lowered in {str(choice.value).lower(), str(choice.label).lower()}:
            return str(choice.value)
    return None


def organisations_import_run(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = _load(run)
    existing = {org.name.lower(): org for org in Organisation.objects.filter(workspace=job.workspace)}
    acronym_owner = {org.acronym.lower(): org.name.lower() for org in existing.values() if org.acronym}
    seen_names: dict[str, int] = {}
    seen_acronyms: dict[str, int] = {}

    def validate_row(line: int, row: dict[str, str], errors: RowErrors) -> dict[str, Any] | None:
        before = len(errors.errors)
        name = row.get("name", "")
        if not name:
            errors.add(line, "name", _("The organisation's name is required."))
        elif name.lower() in seen_names:
            errors.add(line, "name", _("This name already appears in row %(row)s.") % {"row": seen_names[name.lower()]})
        else:
            seen_names[name.lower()] = line
        values: dict[str, Any] = {column: row[column] for column in ORGANISATION_COLUMNS if column in row}
        for column, value in values.items():
            _check_length(line, column, value, errors)
        if "kind" in values:
            kind = _choice(values["kind"], OrganisationKind) if values["kind"] else OrganisationKind.NGO
            if kind is None:
                errors.add(
                    line,
                    "kind",
                    _("Unknown kind “%(value)s”. Use one of: %(choices)s.")
                    % {"value": values["kind"], "choices": ", ".join(OrganisationKind.values)},
                )
            values["kind"] = kind
        if values.get("contact_email"):
            try:
                validate_email(values["contact_email"])
            except ValidationError:
                errors.add(line, "contact_email", _("“%(value)s” is not a valid e-mail address.") % {"value": values["contact_email"]})
        acronym = values.get("acronym", "").lower()
        if acronym:
            owner = acronym_owner.get(acronym)
            if owner is not None and owner != name.lower():
                errors.add(line, "acronym", _("Another organisation in this workspace already uses this acronym."))
            elif acronym in seen_acronyms:
                errors.add(line, "acronym", _("This acronym already appears in row %(row)s.") % {"row": seen_acronyms[acronym]})
            else:
                seen_acronyms[acronym] = line
        return values if len(errors.errors) == before else None

    clean_rows, errors = _validate_rows(run, table, validate_row)
    _fail_if_errors(errors)

    counts = {"created": 0, "updated": 0, "unchanged": 0, "rows": len(clean_rows)}
    actor = job.created_by
    try:
        with transaction.atomic():
            run.lock_claim()
            audit_rows: list[AuditEvent] = []
            for _line, values in clean_rows:
                organisation = existing.get(values["name"].lower())
                if organisation is None:
                    organisation = Organisation.objects.create(workspace=job.workspace, **values)
                    counts["created"] += 1
                    audit_rows.append(AuditEvent(**audit_fields(job.workspace, actor, "organisation.imported", organisation, after=values)))
                    continue
                changed = {key: value for key, value in values.items() if getattr(organisation, key) != value}
                if not changed:
                    counts["unchanged"] += 1
                    continue
                before = {key: getattr(organisation, key) for key in changed}
                for key, value in changed.items():
                    setattr(organisation, key, value)
                organisation.save(update_fields=list(changed))
                counts["updated"] += 1
                audit_rows.append(
                    AuditEvent(**audit_fields(job.workspace, actor, "organisation.imported", organisation, before=before, after=changed))
                )
            AuditEvent.objects.bulk_create(audit_rows)
    except IntegrityError:
        raise JobFailed(_("The organisations changed while the file was being imported. Nothing was imported; try again.")) from None
    return counts


def people_import_run(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = _load(run)
    organisations = Organisation.objects.filter(workspace=job.workspace)
    by_key: dict[str, Organisation] = {}
    for organisation in organisations:
        by_key[organisation.name.lower()] = organisation
        if organisation.acronym:
            by_key[organisation.acronym.lower()] = organisation
    seen_emails: dict[str, int] = {}

    def validate_row(line: int, row: dict[str, str], errors: RowErrors) -> dict[str, Any] | None:
        before = len(errors.errors)
        email = row.get("email", "").lower()
        if not email:
            errors.add(line, "email", _("The e-mail address is required."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.add(line, "email", _("“%(value)s” is not a valid e-mail address.") % {"value": email})
            if email in seen_emails:
                errors.add(line, "email", _("This e-mail address already appears in row %(row)s.") % {"row": seen_emails[email]})
            seen_emails.setdefault(email, line)
        display_name = row.get("display_name", "")
        _check_length(line, "display_name", display_name, errors)
        role = _choice(row["role"], Role) if row.get("role") else Role.MEMBER
        if role is None:
            errors.add(
                line, "role", _("Unknown role “%(value)s”. Use one of: %(choices)s.") % {"value": row["role"], "choices": ", ".join(Role.values)}
            )
        organisation = None
        if row.get("organisation"):
            organisation = by_key.get(row["organisation"].lower())
            if organisation is None:
                errors.add(
                    line,
                    "organisation",
                    _("No organisation named “%(value)s” in this workspace. Import the organisations first.")
                    % {"value": row["organisation"]},
                )
        language = _choice(row["preferred_language"], Language) if row.get("preferred_language") else Language.ENGLISH
        if language is None and row.get("preferred_language", "").strip() == "ខ្មែរ":
            language = Language.KHMER
        if language is None:
            errors.add(line, "preferred_language", _("Unknown language “%(value)s”. Use en or km.") % {"value": row["preferred_language"]})
        if len(errors.errors) != before:
            return None
        return {
            "email": email,
            "display_name": display_name,
            "role": role,
            "organisation": organisation,
            "preferred_language": language,
            "organisation_given": "organisation" in row,
        }

    clean_rows, errors = _validate_rows(run, table, validate_row)
    _fail_if_errors(errors)

    counts = {"created": 0, "updated": 0, "unchanged": 0, "rows": len(clean_rows)}
    actor = job.created_by
    workspace = job.workspace
    try:
        with transaction.atomic():
            run.lock_claim()
            memberships = {
                membership.user.email.lower(): membership
                for membership in Membership.objects.filter(workspace=workspace).select_related("user")
            }
            audit_rows: list[AuditEvent] = []
            for _line, values in clean_rows:
                membership = memberships.get(values["email"])
                if membership is None:
                    user, _created = user_create_or_get(
                        email=values["email"],
                        display_name=values["display_name"],
                        preferred_language=values["preferred_language"],
                    )
                    membership = Membership.objects.create(
                        user=user, workspace=workspace, role=values["role"], organisation=values["organisation"]
                    )
                    counts["created"] += 1
                    audit_rows.append(
                        AuditEvent(
                            **audit_fields(
                                workspace,
                                actor,
                                "membership.imported",
                                membership,
                                after={"email": user.email, "role": values["role"], "organisation": str(values["organisation"] or "")},
                            )
                        )
                    )
                    invitation_send(user=user, workspace=workspace, actor=actor)
                    continue
                changed: dict[str, Any] = {}
                if membership.role != values["role"]:
                    changed["role"] = values["role"]
                if values["organisation_given"] and membership.organisation_id != (values["organisation"].pk if values["organisation"] else None):
                    changed["organisation"] = values["organisation"]
                if not changed:
                    counts["unchanged"] += 1
                    continue
                before = {key: str(getattr(membership, key) or "") for key in changed}
                for key, value in changed.items():
                    setattr(membership, key, value)
                membership.save(update_fields=list(changed))
                counts["updated"] += 1
                audit_rows.append(
                    AuditEvent(
                        **audit_fields(
                            workspace, actor, "membership.imported", membership, before=before, after={k: str(v or "") for k, v in changed.items()}
                        )
                    )
                )
            AuditEvent.objects.bulk_create(audit_rows)
    except IntegrityError:
        raise JobFailed(_("The people changed while the file was being imported. Nothing was imported; try again.")) from None
    return counts


def import_notify_finished(job: Job) -> None:
    """Tell the person who started the import how it ended, and record it in the audit log."""
    if job.created_by is None:
        return
    params: dict[str, Any] = {"file": job.input_name}
    if job.status == JobStatus.SUCCEEDED and job.result:
        params.update({key: job.result.get(key, 0) for key in ("created", "updated", "unchanged")})
        kind = "import.succeeded"
    else:
        kind = "import.failed"
    notification_send(
        recipient=job.created_by,
        workspace=job.workspace,
        kind=kind,
        params=params,
        url=f"/w/{job.workspace.slug}/admin/import?job={job.pk}",
    )
    audit_record(
        workspace=job.workspace,
        actor=job.created_by,
        verb=f"{job.kind}.{job.status}",
        target=job,
        after={"file": job.input_name, "result": job.result, "errors": len(job.errors)},
    )

