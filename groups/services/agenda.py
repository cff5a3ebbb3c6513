"""Every write to a meeting's agenda: adding, changing, removing and reordering its items.

Only those who run meetings change agendas (`groups.selectors.meetings`). Each write holds the meeting's
row lock (`lock_meeting`), so positions stay 1..n without gaps however many people edit at once, and a
closed meeting's agenda is frozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from groups.models import MAX_ITEM_MINUTES, AgendaItem, AgendaItemKind, Meeting
from groups.selectors.meetings import require_meeting_manager
from groups.services.meetings import check_not_closed, lock_meeting
from workspace.models import Membership
from workspace.services.audit import audit_record, changed_fields

__all__ = ["agenda_item_create", "agenda_item_delete", "agenda_item_update", "agenda_reorder"]

# Positions are unique per meeting and checked row by row, so a reorder first moves every item out of
# the way (above any real position), then writes the final 1..n.
_REORDER_OFFSET = 1_000_000


def _validate_item(meeting: Meeting, changes: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "title" in changes and not changes["title"]:
        errors["title"] = [_("An agenda item needs a title.")]
    if "kind" in changes and changes["kind"] not in AgendaItemKind.values:
        errors["kind"] = [_("Choose one of the kinds of agenda item.")]
    minutes = changes.get("planned_minutes")
    if "planned_minutes" in changes and not (isinstance(minutes, int) and 1 <= minutes <= MAX_ITEM_MINUTES):
        errors["planned_minutes"] = [_("An agenda item lasts from 1 to %(max)s minutes.") % {"max": MAX_ITEM_MINUTES}]
    presenter_id = changes.get("presenter_id")
    if (
        presenter_id is not None
        and not Membership.objects.active().filter(workspace_id=meeting.workspace_id, user_id=presenter_id).exists()
    ):
        errors["presenter_id"] = [_("This person is not an active member of this workspace.")]
    group_id = changes.get("responsible_group_id")
    if group_id is not None and not meeting.groups.filter(pk=group_id).exists():
        errors["responsible_group_id"] = [_("The responsible group must be one of the meeting's working groups.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agenda_item_create(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    title: str,
    planned_minutes: int,
    presenter_id: int | None = None,
    responsible_group_id: int | None = None,
) -> AgendaItem:
    require_meeting_manager(actor)
    meeting = lock_meeting(meeting)
    check_not_closed(meeting)
    fields = {
        "kind": kind,
        "title": title.strip(),
        "planned_minutes": planned_minutes,
        "presenter_id": presenter_id,
        "responsible_group_id": responsible_group_id,
    }
    _validate_item(meeting, fields)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(meeting=meeting, position=last + 1, **fields)
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="agenda_item.created",
        target=item,
        after={"meeting": meeting.pk, **fields, "position": item.position},
    )
    return item


@transaction.atomic
def agenda_item_update(*, actor: Membership, item: AgendaItem, **requested: Any) -> AgendaItem:
    require_meeting_manager(actor)
    meeting = lock_meeting(item.meeting)
    check_not_closed(meeting)
    item = AgendaItem.objects.get(pk=item.pk, meeting=meeting)
    allowed = {"kind", "title", "planned_minutes", "presenter_id", "responsible_group_id"}
    if set(requested) - allowed:
        raise TypeError(f"agenda_item_update() got unexpected fields {sorted(set(requested) - allowed)}")
    changes = {key: value.strip() if key == "title" else value for key, value in requested.items()}
    before, after = changed_fields(item, changes)
    if not after:
        return item
    _validate_item(meeting, after)
    for key in after:
        setattr(item, key, changes[key])
    item.save(update_fields=list(after))
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="agenda_item.updated",
        target=item,
        before=before,
        after=after,
    )
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Membership, item: AgendaItem) -> None:
    require_meeting_manager(actor)
    meeting = lock_meeting(item.meeting)
    check_not_closed(meeting)
    item = AgendaItem.objects.get(pk=item.pk, meeting=meeting)
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="agenda_item.deleted",
        target=item,
        before={"meeting": meeting.pk, "title": item.title, "position": item.position},
    )
    item.delete()
    remaining = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True))
    _write_positions(meeting, remaining)


@transaction.atomic
def agenda_reorder(*, actor: Membership, meeting: Meeting, item_ids: Sequence[int]) -> None:
    require_meeting_manager(actor)
    meeting = lock_meeting(meeting)
    check_not_closed(meeting)
    current = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True))
    if len(item_ids) != len(current) or set(item_ids) != set(current):
        raise ValidationError({"item_ids": _("List every agenda item of this meeting exactly once.")})
    if list(item_ids) == current:
        return
    _write_positions(meeting, item_ids)
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="agenda.reordered",
        target=meeting,
        before={"item_ids": current},
        after={"item_ids": list(item_ids)},
    )


def _write_positions(meeting: Meeting, item_ids: Sequence[int]) -> None:
    """Number the items 1..n in this order; the caller holds the meeting's lock."""
    AgendaItem.objects.filter(meeting=meeting).update(position=F("position") + _REORDER_OFFSET)
    AgendaItem.objects.bulk_update(
        [AgendaItem(pk=pk, position=position) for position, pk in enumerate(item_ids, start=1)], ["position"]
    )
