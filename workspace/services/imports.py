"""Importing organisations and people from a CSV or XLSX file, as a background job.

Two passes: every row is validated first (progress 0–90 %, row-level errors with row, column and
reason); only a file without errors is applied, in one transaction, so nothing is ever half-imported.
Rows are matched to what exists (organisations by name, people by e-mail), so importing the same file
again changes nothing: the job is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

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
    User,
    Workspace,
)
from workspace.selectors import require_admin
from workspace.services.audit import audit_fields, audit_record, audit_value
from workspace.services.jobs import JobFailed, JobRun, job_create
from workspace.services.notifications import notification_send
from workspace.services.organisations import ORGANISATION_FIELDS
from workspace.services.people import invitations_enqueue
from workspace.services.tables import Table, TableFileError, table_read

ORGANISATION_COLUMNS = list(ORGANISATION_FIELDS)
PEOPLE_COLUMNS = ["email", "display_name", "role", "organisation", "preferred_language"]
REQUIRED_COLUMNS: dict[str, list[str]] = {JobKind.ORGANISATIONS_IMPORT: ["name"], JobKind.PEOPLE_IMPORT: ["email"]}
COLUMNS: dict[str, list[str]] = {
    JobKind.ORGANISATIONS_IMPORT: ORGANISATION_COLUMNS,
    JobKind.PEOPLE_IMPORT: PEOPLE_COLUMNS,
}
TEMPLATE_EXAMPLES: dict[str, list[str]] = {
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
# Rows per INSERT/UPDATE statement: well under SQLite's and PostgreSQL's parameter limits.
BULK_BATCH_SIZE = 500
FIELD_MAX_LENGTHS = {
    "name": 200,
    "acronym": 30,
    "province": 100,
    "country": 100,
    "contact_name": 150,
    "contact_phone": 40,
    "display_name": 150,
}


@dataclass
class RowErrors:
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


def import_start(*, actor: Membership, kind: str, file_name: str, data: bytes) -> Job:
    """Check the file can be read and has the required columns, then queue the import."""
    require_admin(actor)
    table = import_table_read(data, field_name="file")
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in table.headers]
    if missing:
        raise ValidationError(
            {
                "file": _("The file has no “%(columns)s” column. Download the template to see the expected columns.")
                % {"columns": ", ".join(missing)}
            }
        )
    return job_create(actor=actor, kind=kind, input_name=file_name[:255], input_data=data)


def import_table_read(data: bytes, *, field_name: str) -> Table:
    try:
        return table_read(data)
    except TableFileError as error:
        raise ValidationError({field_name: str(error)}) from None


def import_template_csv(*, kind: str) -> str:
    return ",".join(COLUMNS[kind]) + "\r\n" + ",".join(TEMPLATE_EXAMPLES[kind]) + "\r\n"


# --- Running (inside the worker) -----------------------------------------------------------------


def import_table_load(run: JobRun) -> Table:
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


def import_errors_refuse(errors: RowErrors) -> None:
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


def choice_lookup(choices: type[Any]) -> dict[str, str]:
    """Accept a choice by its code or its label in any interface language ("member", "Member", "សមាជិក")."""
    lookup: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with override(language):
            for choice in choices:
                lookup[str(choice.value).lower()] = str(choice.value)
                lookup[str(choice.label).lower()] = str(choice.value)
    return lookup


def organisations_import_run(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = import_table_load(run)
    existing = {org.name.lower(): org for org in Organisation.objects.filter(workspace=job.workspace)}
    acronym_owner = {org.acronym.lower(): org.name.lower() for org in existing.values() if org.acronym}
    seen_names: dict[str, int] = {}
    seen_acronyms: dict[str, int] = {}
    kinds = choice_lookup(OrganisationKind)

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
            kind = kinds.get(values["kind"].lower()) if values["kind"] else OrganisationKind.NGO
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
                errors.add(
                    line,
                    "contact_email",
                    _("“%(value)s” is not a valid e-mail address.") % {"value": values["contact_email"]},
                )
        acronym = values.get("acronym", "").lower()
        if acronym:
            owner = acronym_owner.get(acronym)
            if owner is not None and owner != name.lower():
                errors.add(line, "acronym", _("Another organisation in this workspace already uses this acronym."))
            elif acronym in seen_acronyms:
                errors.add(
                    line, "acronym", _("This acronym already appears in row %(row)s.") % {"row": seen_acronyms[acronym]}
                )
            else:
                seen_acronyms[acronym] = line
        return values if len(errors.errors) == before else None

    clean_rows, errors = _validate_rows(run, table, validate_row)
    import_errors_refuse(errors)

    try:
        with transaction.atomic():
            run.lock_claim()
            return _organisations_apply(job, existing, [values for _line, values in clean_rows])
    except IntegrityError:
        raise JobFailed(
            _("The organisations changed while the file was being imported. Nothing was imported; try again.")
        ) from None


def _organisations_apply(job: Job, existing: dict[str, Organisation], rows: list[dict[str, Any]]) -> dict[str, int]:
    """Create and update in bulk: a file of thousands of rows costs a handful of queries."""
    actor = job.created_by
    to_create: list[Organisation] = []
    to_update: list[Organisation] = []
    update_fields: set[str] = set()
    audit_rows: list[AuditEvent] = []
    unchanged = 0
    for values in rows:
        organisation = existing.get(values["name"].lower())
        if organisation is None:
            to_create.append(Organisation(workspace=job.workspace, **values))
            continue
        changed = {key: value for key, value in values.items() if getattr(organisation, key) != value}
        if not changed:
            unchanged += 1
            continue
        before = {key: getattr(organisation, key) for key in changed}
        for key, value in changed.items():
            setattr(organisation, key, value)
        to_update.append(organisation)
        update_fields.update(changed)
        audit_rows.append(
            AuditEvent(
                **audit_fields(
                    job.workspace, actor, "organisation.imported", organisation, before=before, after=changed
                )
            )
        )
    Organisation.objects.bulk_create(to_create, batch_size=BULK_BATCH_SIZE)
    if to_update:
        Organisation.objects.bulk_update(to_update, sorted(update_fields), batch_size=BULK_BATCH_SIZE)
    audit_rows += [
        AuditEvent(
            **audit_fields(
                job.workspace, actor, "organisation.imported", organisation, after=_organisation_values(organisation)
            )
        )
        for organisation in to_create
    ]
    AuditEvent.objects.bulk_create(audit_rows, batch_size=BULK_BATCH_SIZE)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged, "rows": len(rows)}


def _organisation_values(organisation: Organisation) -> dict[str, Any]:
    return {column: getattr(organisation, column) for column in ORGANISATION_COLUMNS}


def people_import_run(run: JobRun) -> dict[str, Any]:
    job = run.job
    table = import_table_load(run)
    organisations = Organisation.objects.filter(workspace=job.workspace)
    by_key: dict[str, Organisation] = {}
    for organisation in organisations:
        by_key[organisation.name.lower()] = organisation
        if organisation.acronym:
            by_key[organisation.acronym.lower()] = organisation
    seen_emails: dict[str, int] = {}
    roles, languages = choice_lookup(Role), choice_lookup(Language)

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
                errors.add(
                    line,
                    "email",
                    _("This e-mail address already appears in row %(row)s.") % {"row": seen_emails[email]},
                )
            seen_emails.setdefault(email, line)
        display_name = row.get("display_name", "")
        _check_length(line, "display_name", display_name, errors)
        role = roles.get(row["role"].lower()) if row.get("role") else Role.MEMBER
        if role is None:
            errors.add(
                line,
                "role",
                _("Unknown role “%(value)s”. Use one of: %(choices)s.")
                % {"value": row["role"], "choices": ", ".join(Role.values)},
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
        language = (
            languages.get(row["preferred_language"].lower()) if row.get("preferred_language") else Language.ENGLISH
        )
        if language is None:
            errors.add(
                line,
                "preferred_language",
                _("Unknown language “%(value)s”. Use en or km.") % {"value": row["preferred_language"]},
            )
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
    import_errors_refuse(errors)

    try:
        with transaction.atomic():
            run.lock_claim()
            return _people_apply(job, clean_rows)
    except IntegrityError:
        raise JobFailed(
            _("The people changed while the file was being imported. Nothing was imported; try again.")
        ) from None


def _people_apply(job: Job, numbered_rows: list[tuple[int, dict[str, Any]]]) -> dict[str, int]:
    """Create accounts and memberships in bulk; invite the people who are new to the workspace."""
    actor = job.created_by
    workspace = job.workspace
    rows = [values for _line, values in numbered_rows]
    users = {user.email.lower(): user for user in User.objects.filter(email__in=[values["email"] for values in rows])}
    new_users = [
        User(
            email=values["email"],
            display_name=values["display_name"] or values["email"].split("@")[0],
            preferred_language=values["preferred_language"],
            password=make_password(None),
        )
        for values in rows
        if values["email"] not in users
    ]
    User.objects.bulk_create(new_users, batch_size=BULK_BATCH_SIZE)
    users.update({user.email: user for user in new_users})
    memberships = {
        membership.user_id: membership
        for membership in Membership.objects.filter(workspace=workspace, user__in=users.values())
    }
    to_create: list[Membership] = []
    to_update: list[Membership] = []
    update_fields: set[str] = set()
    audit_rows: list[AuditEvent] = []
    unchanged = 0
    line_of: dict[int, int] = {}
    for line, values in numbered_rows:
        user = users[values["email"]]
        membership = memberships.get(user.pk)
        if membership is None:
            to_create.append(
                Membership(user=user, workspace=workspace, role=values["role"], organisation=values["organisation"])
            )
            continue
        changed: dict[str, Any] = {}
        if membership.role != values["role"]:
            changed["role"] = values["role"]
        organisation_id = values["organisation"].pk if values["organisation"] else None
        if values["organisation_given"] and membership.organisation_id != organisation_id:
            changed["organisation"] = values["organisation"]
        if not changed:
            unchanged += 1
            continue
        before = {key: audit_value(getattr(membership, key)) for key in changed}
        for key, value in changed.items():
            setattr(membership, key, value)
        to_update.append(membership)
        line_of[membership.pk] = line
        update_fields.update(changed)
        audit_rows.append(
            AuditEvent(
                **audit_fields(
                    workspace,
                    actor,
                    "membership.imported",
                    membership,
                    before=before,
                    after={k: audit_value(v) for k, v in changed.items()},
                )
            )
        )
    _refuse_removing_the_last_admin(workspace, to_create, to_update, line_of)
    Membership.objects.bulk_create(to_create, batch_size=BULK_BATCH_SIZE)
    if to_update:
        Membership.objects.bulk_update(to_update, sorted(update_fields), batch_size=BULK_BATCH_SIZE)
    audit_rows += [
        AuditEvent(
            **audit_fields(
                workspace,
                actor,
                "membership.imported",
                membership,
                after={
                    "email": membership.user.email,
                    "role": membership.role,
                    "organisation": audit_value(membership.organisation),
                },
            )
        )
        for membership in to_create
    ]
    AuditEvent.objects.bulk_create(audit_rows, batch_size=BULK_BATCH_SIZE)
    invitations_enqueue(memberships=to_create)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged, "rows": len(rows)}


def _refuse_removing_the_last_admin(
    workspace: Workspace, to_create: list[Membership], to_update: list[Membership], line_of: dict[int, int]
) -> None:
    """The same rule as changing a role by hand: the workspace keeps at least one active administrator."""
    admins = set(
        Membership.objects.select_for_update()
        .filter(workspace=workspace, role=Role.ADMIN, is_active=True, user__is_active=True)
        .values_list("pk", flat=True)
    )
    demoted = [membership for membership in to_update if membership.pk in admins and membership.role != Role.ADMIN]
    promoted = [
        membership for membership in to_update + to_create if membership.role == Role.ADMIN and membership.is_active
    ]
    if not demoted or (admins - {membership.pk for membership in demoted}) or promoted:
        return
    message = _("The workspace needs at least one active administrator.")
    raise JobFailed(
        _("%(count)s problems were found in the file. Nothing was imported; correct the rows and try again.")
        % {"count": len(demoted)},
        [{"row": line_of[membership.pk], "column": "role", "message": message} for membership in demoted],
    )


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
