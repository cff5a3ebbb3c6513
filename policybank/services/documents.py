"""Every write to policy-bank documents: metadata, files (every version kept), soft removal, and the
network's published positions.

Roles come from policybank.selectors (observers cannot add; whoever added a document, admins and the
executive committee edit it; admins remove). A group-private document belongs to a group the person can
see and, unless they manage every group, is one of theirs. Text extraction is queued after commit, so
the worker never sees a file row that may roll back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership, WorkingGroup
from groups.selectors.groups import group_list_for_user
from policybank.models import (
    DocumentCountry,
    DocumentFile,
    DocumentKind,
    DocumentLanguage,
    DocumentVisibility,
    ExtractionStatus,
    PolicyDocument,
    Theme,
)
from policybank.selectors import require_document_adder, require_document_editor, require_document_remover
from policybank.services.citation_counters import document_citation_count
from policybank.services.uploads import upload_check
from workspace.models import Membership, Role
from workspace.services.audit import audit_record, audit_value

__all__ = [
    "DocumentCited",
    "document_create",
    "document_file_upload",
    "document_publish_network_position",
    "document_remove",
    "document_update",
]

METADATA_FIELDS = (
    "kind",
    "title",
    "other_titles",
    "summary",
    "year",
    "publisher",
    "places",
    "external_url",
    "licence",
    "visibility",
    "group",
)


class DocumentCited(Exception):
    """Removing a cited document needs confirmation; `citation_count` says how often it is cited."""

    def __init__(self, citation_count: int) -> None:
        super().__init__(citation_count)
        self.citation_count = citation_count


def _check_group(actor: Membership, visibility: str, group: WorkingGroup | None) -> None:
    if group is None:
        if visibility == DocumentVisibility.GROUP:
            raise ValidationError({"group": _("Choose the working group this document is private to.")})
        return
    if not group_list_for_user(actor=actor).filter(pk=group.pk).exists():
        raise ValidationError({"group": _("This working group does not exist in this workspace.")})
    if actor.role in (Role.ADMIN, Role.EXECUTIVE):
        return
    if not GroupMembership.objects.filter(group=group, user_id=actor.user_id).exists():
        raise ValidationError({"group": _("You can only file documents under a working group you belong to.")})


def _check_themes(actor: Membership, themes: Iterable[Theme]) -> list[Theme]:
    themes = list(themes)
    if any(theme.workspace_id != actor.workspace_id for theme in themes):
        raise ValidationError({"themes": _("This theme does not exist in this workspace.")})
    return themes


def _codes(values: Iterable[str], *, upper: bool) -> list[str]:
    cleaned = [(value.strip().upper() if upper else value.strip().lower()) for value in values]
    return sorted({value for value in cleaned if value})


def _set_rows(document: PolicyDocument, countries: list[str] | None, languages: list[str] | None) -> None:
    if countries is not None:
        document.country_rows.all().delete()
        DocumentCountry.objects.bulk_create(
            DocumentCountry(document=document, code=code) for code in _codes(countries, upper=True)
        )
    if languages is not None:
        document.language_rows.all().delete()
        DocumentLanguage.objects.bulk_create(
            DocumentLanguage(document=document, code=code) for code in _codes(languages, upper=False)
        )


def _snapshot(document: PolicyDocument) -> dict[str, Any]:
    data = {field: audit_value(getattr(document, field)) for field in METADATA_FIELDS}
    data["themes"] = sorted(document.themes.values_list("pk", flat=True))
    data["countries"] = sorted(document.country_rows.values_list("code", flat=True))
    data["languages"] = sorted(document.language_rows.values_list("code", flat=True))
    return data


@transaction.atomic
def document_create(
    *,
    actor: Membership,
    kind: str,
    title: str,
    other_titles: dict[str, str] | None = None,
    summary: str = "",
    year: int | None = None,
    publisher: str = "",
    places: list[str] | None = None,
    countries: list[str] | None = None,
    languages: list[str] | None = None,
    themes: Iterable[Theme] = (),
    external_url: str = "",
    licence: str = "",
    visibility: str = DocumentVisibility.WORKSPACE,
    group: WorkingGroup | None = None,
    file_name: str = "",
    file_data: bytes | None = None,
) -> PolicyDocument:
    require_document_adder(actor)
    _check_group(actor, visibility, group)
    theme_list = _check_themes(actor, themes)
    # Check the file before anything is written: a refused file leaves nothing behind.
    checked = upload_check(name=file_name, data=file_data) if file_data is not None else None
    now = timezone.now()
    document = PolicyDocument.objects.create(
        workspace=actor.workspace,
        kind=kind,
        title=title,
        other_titles=other_titles or {},
        summary=summary,
        year=year,
        publisher=publisher,
        places=places or [],
        external_url=external_url,
        licence=licence,
        visibility=visibility,
        group=group,
        added_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    document.themes.set(theme_list)
    _set_rows(document, countries or [], languages or [])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_document.created",
        target=document,
        after=_snapshot(document),
    )
    if file_data is not None and checked is not None:
        _file_store(actor, document, file_name, file_data, checked.content_type, checked.page_count)
    return document


@transaction.atomic
def document_update(
    *,
    actor: Membership,
    document: PolicyDocument,
    changes: dict[str, Any],
    themes: Iterable[Theme] | None = None,
    countries: list[str] | None = None,
    languages: list[str] | None = None,
) -> PolicyDocument:
    document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    require_document_editor(actor, document)
    if document.kind == DocumentKind.NETWORK_POSITION and changes.get("kind", document.kind) != document.kind:
        raise ValidationError({"kind": _("A published network position stays a network position.")})
    visibility = changes.get("visibility", document.visibility)
    group = changes.get("group", document.group)
    if "group" in changes or "visibility" in changes:
        # Moving a document to another group, or making it private, needs the same right as filing it there.
        _check_group(actor, visibility, group)
    theme_list = _check_themes(actor, themes) if themes is not None else None
    before = _snapshot(document)
    fields = [field for field in METADATA_FIELDS if field in changes]
    for field in fields:
        setattr(document, field, changes[field])
    document.updated_at = timezone.now()
    document.save(update_fields=[*fields, "updated_at"])
    if theme_list is not None:
        document.themes.set(theme_list)
    _set_rows(document, countries, languages)
    after = _snapshot(document)
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    if changed:
        audit_record(
            workspace=actor.workspace,
            actor=actor.user,
            verb="policy_document.updated",
            target=document,
            before={key: before[key] for key in changed},
            after=changed,
        )
    return document


@transaction.atomic
def document_remove(*, actor: Membership, document: PolicyDocument, confirmed: bool = False) -> PolicyDocument:
    """Soft removal: citations keep pointing at the document and show it as removed."""
    require_document_remover(actor)
    document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    if document.removed_at is not None:
        return document
    citation_count = document_citation_count(document)
    if citation_count and not confirmed:
        raise DocumentCited(citation_count)
    document.removed_at = timezone.now()
    document.removed_by = actor.user
    document.save(update_fields=["removed_at", "removed_by"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_document.removed",
        target=document,
        after={"citation_count": citation_count},
    )
    return document


@transaction.atomic
def document_file_upload(*, actor: Membership, document: PolicyDocument, name: str, data: bytes) -> DocumentFile:
    """A new version of the document's file; older versions are kept. Text extraction follows."""
    document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    require_document_editor(actor, document)
    checked = upload_check(name=name, data=data)
    return _file_store(actor, document, name, data, checked.content_type, checked.page_count)


def _file_store(
    actor: Membership, document: PolicyDocument, name: str, data: bytes, content_type: str, page_count: int | None
) -> DocumentFile:
    from policybank.services.extraction import extraction_enqueue

    version = (document.files.aggregate(latest=Max("version"))["latest"] or 0) + 1
    sha256 = hashlib.sha256(data).hexdigest()
    document_file = DocumentFile(
        document=document,
        version=version,
        original_name=(name or "file")[:255],
        content_type=content_type,
        size=len(data),
        sha256=sha256,
        page_count=page_count,
        uploaded_by=actor.user,
    )
    document_file.file.save(sha256, ContentFile(data), save=False)
    document_file.save()
    # Should the transaction roll back, the stored bytes stay behind, named by their hash under the
    # document's folder: unreachable without a row (downloads go through the row), and reused if the same
    # file is uploaded again.
    document.extraction_status = ExtractionStatus.PENDING
    document.extraction_error = ""
    document.updated_at = timezone.now()
    document.save(update_fields=["extraction_status", "extraction_error", "updated_at"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_document.file_uploaded",
        target=document,
        after={"version": version, "name": document_file.original_name, "size": len(data), "type": content_type},
    )
    extraction_enqueue(actor=actor, document_file=document_file)
    return document_file


@transaction.atomic
def document_publish_network_position(
    *,
    actor: Membership,
    title: str,
    summary: str,
    body_text: str,
    group: WorkingGroup | None,
    year: int | None = None,
    languages: list[str] | None = None,
    countries: list[str] | None = None,
    themes: Iterable[Theme] = (),
    other_titles: dict[str, str] | None = None,
) -> PolicyDocument:
    """Publish an approved agenda as the network's position (issue 6 calls this after approval).

    The caller (the review service) decides who may publish; the text is the document's body at once,
    with no file and no extraction job, so it is searchable as soon as the transaction commits."""
    if actor.role == Role.OBSERVER:
        raise PermissionDenied(_("Observers cannot add documents to the policy bank."))
    theme_list = _check_themes(actor, themes)
    now = timezone.now()
    document = PolicyDocument.objects.create(
        workspace=actor.workspace,
        kind=DocumentKind.NETWORK_POSITION,
        title=title[:300],
        other_titles=other_titles or {},
        summary=summary,
        year=year or now.year,
        publisher=actor.workspace.name[:200],
        visibility=DocumentVisibility.WORKSPACE,
        group=group,
        body_text=body_text,
        extraction_status=ExtractionStatus.DONE,
        added_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    document.themes.set(theme_list)
    _set_rows(document, countries or ["KH"], languages or [])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_document.position_published",
        target=document,
        after=_snapshot(document),
    )
    return document
