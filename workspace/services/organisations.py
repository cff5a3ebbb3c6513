"""Managing a workspace's member organisations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workspace.models import Membership, Organisation
from workspace.selectors import require_admin
from workspace.services.audit import audit_record, changed_fields

ORGANISATION_FIELDS = (
    "name",
    "acronym",
    "kind",
    "province",
    "country",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def organisation_conflicts(
    *, workspace_id: int, name: str, acronym: str, exclude_id: int | None = None
) -> dict[str, str]:
    """Field errors for a name or acronym another organisation of the workspace already uses."""
    others = Organisation.objects.filter(workspace_id=workspace_id)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    errors: dict[str, str] = {}
    if name and others.filter(name__iexact=name).exists():
        errors["name"] = _("Another organisation in this workspace already has this name.")
    if acronym and others.filter(acronym__iexact=acronym).exists():
        errors["acronym"] = _("Another organisation in this workspace already uses this acronym.")
    return errors


@transaction.atomic
def organisation_create(*, actor: Membership, **fields: Any) -> Organisation:
    require_admin(actor)
    values = {field: fields[field] for field in ORGANISATION_FIELDS if field in fields}
    errors = organisation_conflicts(
        workspace_id=actor.workspace_id, name=values.get("name", ""), acronym=values.get("acronym", "")
    )
    if errors:
        raise ValidationError(errors)
    organisation = Organisation.objects.create(workspace=actor.workspace, **values)
    audit_record(
        workspace=actor.workspace, actor=actor.user, verb="organisation.created", target=organisation, after=values
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor: Membership, organisation: Organisation, **fields: Any) -> Organisation:
    require_admin(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk, workspace=actor.workspace)
    changes = {field: fields[field] for field in ORGANISATION_FIELDS if field in fields}
    before, after = changed_fields(organisation, changes)
    if not after:
        return organisation
    errors = organisation_conflicts(
        workspace_id=actor.workspace_id,
        name=after.get("name", ""),
        acronym=after.get("acronym", ""),
        exclude_id=organisation.pk,
    )
    if errors:
        raise ValidationError(errors)
    for field in after:
        setattr(organisation, field, changes[field])
    organisation.save(update_fields=list(after))
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="organisation.updated",
        target=organisation,
        before=before,
        after=after,
    )
    return organisation


@transaction.atomic
def organisation_delete(*, actor: Membership, organisation: Organisation) -> None:
    require_admin(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk, workspace=actor.workspace)
    represented_by = organisation.memberships.count()
    if represented_by:
        raise ValidationError(
            _("%(count)s people still represent this organisation. Move them to another organisation first.")
            % {"count": represented_by}
        )
    snapshot = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}
    audit_record(
        workspace=actor.workspace, actor=actor.user, verb="organisation.deleted", target=organisation, before=snapshot
    )
    organisation.delete()
