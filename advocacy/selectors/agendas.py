"""Reads of advocacy agendas: a group's list, and one agenda with every section's materialised rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from advocacy.documents import SECTIONS
from advocacy.models import (
    AdvocacyAgenda,
    AgendaAction,
    AgendaIndicator,
    AgendaMessage,
    AgendaObjective,
    AgendaRisk,
    AgendaStakeholder,
    RowQuerySet,
)
from advocacy.selectors.access import GroupWorkPermissions, agenda_get_for_user, agenda_permissions
from advocacy.selectors.history import Person, last_edited_at_subquery, last_editors_for
from groups.models import WorkingGroup
from groups.selectors import group_get_for_user
from workspace.models import Membership

__all__ = [
    "AgendaDetail",
    "agenda_action_get_for_user",
    "agenda_detail_for_user",
    "agenda_list_for_group",
]


def agenda_list_for_group(*, actor: Membership, group_id: int) -> tuple[WorkingGroup, QuerySet[AdvocacyAgenda]]:
    """The group (404 if not visible) and its agendas, newest first, with the last edit time.

    `ready` is a list of section keys on the row itself, so the ready count costs no query.
    """
    group = group_get_for_user(actor=actor, group_id=group_id)
    agendas = (
        AdvocacyAgenda.objects.filter(group=group)
        .select_related("created_by")
        .defer("issue_statement", "goal", "policy_support", "methods_note")
        .annotate(last_edited=Coalesce(last_edited_at_subquery("agenda"), "created_at"))
        .order_by("-created_at", "-id")
    )
    return group, agendas


@dataclass
class AgendaDetail:
    agenda: AdvocacyAgenda
    permissions: GroupWorkPermissions
    last_editors: list[Person]
    last_edited_at: datetime
    objectives: list[AgendaObjective]
    stakeholders: list[AgendaStakeholder]
    messages: list[AgendaMessage]
    actions: list[AgendaAction]
    indicators: list[AgendaIndicator]
    risks: list[AgendaRisk]

    @property
    def ready_sections(self) -> list[str]:
        ready = self.agenda.ready if isinstance(self.agenda.ready, list) else []
        return [section for section in SECTIONS if section in ready]


def _rows(queryset: RowQuerySet[Any], agenda: AdvocacyAgenda) -> list[Any]:
    return list(queryset.present().filter(agenda=agenda).order_by("position", "key"))


def agenda_detail_for_user(*, actor: Membership, agenda_id: int) -> AgendaDetail:
    """Everything the agenda screen shows, in a fixed number of queries however many rows."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    annotated = (
        AdvocacyAgenda.objects.filter(pk=agenda.pk)
        .select_related("created_by")
        .annotate(last_edited=Coalesce(last_edited_at_subquery("agenda"), "created_at"))
        .get()
    )
    agenda.created_by = annotated.created_by
    return AgendaDetail(
        agenda=agenda,
        permissions=agenda_permissions(actor=actor, agenda=agenda),
        last_editors=last_editors_for("agenda", [agenda]).get(agenda.pk, []),
        last_edited_at=annotated.last_edited,
        objectives=_rows(AgendaObjective.objects.all(), agenda),
        stakeholders=_rows(AgendaStakeholder.objects.all(), agenda),
        messages=_rows(AgendaMessage.objects.all(), agenda),
        actions=_rows(AgendaAction.objects.select_related("organisation"), agenda),
        indicators=_rows(AgendaIndicator.objects.all(), agenda),
        risks=_rows(AgendaRisk.objects.all(), agenda),
    )


def agenda_action_get_for_user(*, actor: Membership, agenda_id: int, key: str) -> tuple[AdvocacyAgenda, AgendaAction]:
    """An action of the plan (present in the document) of a visible agenda; 404 otherwise."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    action = AgendaAction.objects.present().filter(agenda=agenda, key=key).first()
    if action is None:
        raise Http404
    return agenda, action
