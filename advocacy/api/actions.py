"""Following up the action plans of approved agendas through the API: my organisation's actions, one
action with its progress notes (status updates, new notes), and the network-wide list for the executive
committee with its CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from io import StringIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy import selectors, services
from advocacy.api.serializers import AdvocacyPersonOutputSerializer, _person
from advocacy.models import ActionStatus, AgendaAction, ProgressNote
from advocacy.services.actions import PROGRESS_NOTE_MAX_LENGTH
from workspace.api.pagination import StandardPagination
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors

__all__ = [
    "ActionDetailView",
    "ActionExportView",
    "ActionListView",
    "ActionProgressNoteListView",
    "MyActionListView",
]

# Integer fields are declared rather than derived from the models: the derived ranges differ between
# SQLite and PostgreSQL, and the schema must not.


class ActionOrganisationOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    acronym = serializers.CharField()


class ActionOutputSerializer(serializers.Serializer[AgendaAction]):
    id = serializers.IntegerField()
    key = serializers.CharField()
    activity = serializers.CharField()
    agenda_id = serializers.IntegerField()
    agenda_title = serializers.CharField(source="agenda.title")
    group_id = serializers.IntegerField(source="agenda.group_id")
    group_name = serializers.CharField(source="agenda.group.name")
    organisation = ActionOrganisationOutputSerializer(allow_null=True)
    start = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(
        source="current_status",
        choices=ActionStatus.choices,
        help_text="The follow-up status once someone has updated it, else the status in the approved plan.",
    )
    overdue = serializers.BooleanField(help_text="Due before today and neither done nor cancelled.")


class ProgressNoteOutputSerializer(serializers.Serializer[ProgressNote]):
    id = serializers.IntegerField()
    author = serializers.SerializerMethodField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_author(self, note: ProgressNote) -> dict[str, Any] | None:
        return _person(note.author)


class ActionDetailOutputSerializer(ActionOutputSerializer):
    resources = serializers.CharField()
    notes = serializers.SerializerMethodField()
    can_update = serializers.SerializerMethodField()

    @extend_schema_field(ProgressNoteOutputSerializer(many=True))
    def get_notes(self, action: AgendaAction) -> list[dict[str, Any]]:
        notes = action.progress_notes.select_related("author").order_by("created_at", "id")
        serializer: Any = ProgressNoteOutputSerializer
        return list(serializer(notes, many=True).data)

    def get_can_update(self, action: AgendaAction) -> bool:
        return bool(self.context.get("can_update"))


class ActionStatusInputSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ActionStatus.choices)


class ProgressNoteInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=PROGRESS_NOTE_MAX_LENGTH)


class ActionFilterSerializer(serializers.Serializer[Any]):
    group = serializers.IntegerField(required=False, min_value=1)
    organisation = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    due_from = serializers.DateField(required=False)
    due_to = serializers.DateField(required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)


FILTER_PARAMETERS = [
    OpenApiParameter("group", int, required=False, description="Only this working group's actions."),
    OpenApiParameter("organisation", int, required=False, description="Only this organisation's actions."),
    OpenApiParameter("status", str, required=False, enum=ActionStatus.values),
    OpenApiParameter("due_from", str, required=False, description="Due on or after this date (YYYY-MM-DD)."),
    OpenApiParameter("due_to", str, required=False, description="Due on or before this date (YYYY-MM-DD)."),
    OpenApiParameter("overdue", bool, required=False),
]


def _network_actions(view: WorkspaceScopedView, request: Request) -> Any:
    filters = ActionFilterSerializer(data=request.query_params)
    filters.is_valid(raise_exception=True)
    data = filters.validated_data
    return selectors.action_list_for_network(
        actor=view.membership(),
        group_id=data.get("group"),
        organisation_id=data.get("organisation"),
        status=data.get("status"),
        due_from=data.get("due_from"),
        due_to=data.get("due_to"),
        overdue=data.get("overdue"),
    )


def _page(view: WorkspaceScopedView, request: Request, actions: Any) -> Response:
    paginator = StandardPagination()
    page: list[AgendaAction] = paginator.paginate_queryset(actions, request, view=view) or []
    serializer: Any = ActionOutputSerializer
    return paginator.get_paginated_response(serializer(page, many=True).data)


class MyActionListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_my_actions_list",
        responses={200: paginated(ActionOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        return _page(self, request, selectors.action_list_for_organisation(actor=self.membership()))


class ActionListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False), *FILTER_PARAMETERS],
        operation_id="workspaces_actions_list",
        responses={200: paginated(ActionOutputSerializer), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        return _page(self, request, _network_actions(self, request))


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def actions_csv(actions: Iterable[AgendaAction]) -> str:
    output = StringIO()
    # A byte-order mark, so spreadsheet programs read Khmer as UTF-8.
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(
        [
            _("Working group"),
            _("Agenda"),
            _("Activity"),
            _("Organisation"),
            _("Start"),
            _("Due"),
            _("Status"),
            _("Overdue"),
        ]
    )
    # `current_status` and `overdue` are annotations of advocacy.selectors.followed_actions.
    action: Any
    for action in actions:
        writer.writerow(
            csv_cell(value)
            for value in (
                action.agenda.group.name,
                action.agenda.title,
                action.activity,
                action.organisation.name if action.organisation else "",
                action.start.isoformat() if action.start else "",
                action.due.isoformat() if action.due else "",
                ActionStatus(action.current_status).label,
                _("Yes") if action.overdue else _("No"),
            )
        )
    return output.getvalue()


class ActionExportView(WorkspaceScopedView):
    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={(200, "text/csv"): OpenApiResponse(response=str), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        response = HttpResponse(actions_csv(_network_actions(self, request)), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="roundtable-actions-{stamp}.csv"'
        return response


class ActionDetailView(WorkspaceScopedView):
    def _detail(self, action: AgendaAction) -> Response:
        permissions = selectors.action_follow_up_permissions(actor=self.membership(), action=action)
        return Response(ActionDetailOutputSerializer(action, context={"can_update": permissions.update}).data)

    @extend_schema(responses={200: ActionDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, action_id: int) -> Response:
        return self._detail(selectors.action_follow_up_get_for_user(actor=self.membership(), action_id=action_id))

    @extend_schema(
        request=ActionStatusInputSerializer,
        responses={200: ActionDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, action_id: int) -> Response:
        actor = self.membership()
        action = selectors.action_follow_up_get_for_user(actor=actor, action_id=action_id)
        serializer = ActionStatusInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_status_set(actor=actor, action=action, status=serializer.validated_data["status"])
        return self._detail(selectors.action_follow_up_get_for_user(actor=actor, action_id=action_id))


class ActionProgressNoteListView(WorkspaceScopedView):
    @extend_schema(
        request=ProgressNoteInputSerializer,
        responses={201: ProgressNoteOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str, action_id: int) -> Response:
        actor = self.membership()
        action = selectors.action_follow_up_get_for_user(actor=actor, action_id=action_id)
        serializer = ProgressNoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.progress_note_add(actor=actor, action=action, text=serializer.validated_data["text"])
        return Response(ProgressNoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)
