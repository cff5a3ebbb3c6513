"""Every write to the workspace's theme taxonomy (admins only)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from policybank.models import Theme
from workspace.models import Membership
from workspace.selectors import require_admin
from workspace.services.audit import audit_record, changed_fields

__all__ = ["theme_create", "theme_delete", "theme_update"]


def _check_parent(actor: Membership, parent: Theme | None, theme: Theme | None = None) -> None:
    if parent is None:
        return
    if parent.workspace_id != actor.workspace_id:
        raise ValidationError({"parent": _("This theme does not exist in this workspace.")})
    # Walk up from the new parent: meeting the theme itself would make a loop.
    ancestor: Theme | None = parent
    while ancestor is not None and theme is not None:
        if ancestor.pk == theme.pk:
            raise ValidationError({"parent": _("A theme cannot be placed under itself or one of its sub-themes.")})
        ancestor = ancestor.parent


def _save(theme: Theme, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            theme.save(**kwargs)
    except IntegrityError:
        raise ValidationError({"code": _("Another theme already has this code.")}) from None


@transaction.atomic
def theme_create(
    *, actor: Membership, code: str, name_en: str, name_km: str = "", parent: Theme | None = None, position: int = 0
) -> Theme:
    require_admin(actor)
    _check_parent(actor, parent)
    theme = Theme(
        workspace=actor.workspace, code=code, name_en=name_en, name_km=name_km, parent=parent, position=position
    )
    _save(theme)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_theme.created",
        target=theme,
        after={"code": code, "name_en": name_en, "name_km": name_km, "parent": parent.pk if parent else None},
    )
    return theme


@transaction.atomic
def theme_update(*, actor: Membership, theme: Theme, changes: dict[str, Any]) -> Theme:
    require_admin(actor)
    if "parent" in changes:
        _check_parent(actor, changes["parent"], theme)
    before, after = changed_fields(theme, changes)
    if not after:
        return theme
    for field in after:
        setattr(theme, field, changes[field])
    _save(theme, update_fields=list(after))
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_theme.updated",
        target=theme,
        before=before,
        after=after,
    )
    return theme


@transaction.atomic
def theme_delete(*, actor: Membership, theme: Theme) -> None:
    require_admin(actor)
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if theme.children.exists():
        raise ValidationError(_("This theme has sub-themes. Move or delete them first."))
    in_use = theme.documents.count()
    if in_use:
        raise ValidationError(
            _("Documents filed under this theme: %(count)s. Remove the theme from them first.") % {"count": in_use}
        )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="policy_theme.deleted",
        target=theme,
        before={"code": theme.code, "name_en": theme.name_en},
    )
    theme.delete()
