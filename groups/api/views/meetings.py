"""Thin views over the meeting selectors and services."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from groups import exports, selectors, services
from groups.api.serializers import (
    AgendaItemCreateInputSerializer,
    AgendaItemUpdateInputSerializer,
    AgendaReorderInputSerializer,
    AttendanceCheckInInputSerializer,
    AttendanceOutputSerializer,
    AttendanceSummaryOutputSerializer,
    MeetingCreateInputSerializer,
    MeetingDetailOutputSerializer,
    MeetingListQuerySerializer,
    MeetingOutputSerializer,
    MeetingSaveAsTemplateInputSerializer,
    MeetingTemplateOutputSerializer,
    MeetingUpdateInputSerializer,
)
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors, paginate
from workspace.models import Membership

__all__ = [
    "AgendaItemDetailView",
    "AgendaItemListView",
    "AgendaReorderView",
    "AttendanceDetailView",
    "AttendanceView",
    "MeetingAttendanceCsvView",
    "MeetingCalendarView",
    "MeetingDetailView",
    "MeetingListView",
    "MeetingSaveAsTemplateView",
    "MeetingTemplateListView",
]


def _meeting_detail_data(actor: Membership, meeting_id: int) -> dict[str, Any]:
    meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
    permissions = selectors.meeting_permissions(actor=actor, meeting=meeting)
    return dict(MeetingDetailOutputSerializer(meeting, context={"permissions": permissions}).data)


class MeetingListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[
            OpenApiParameter("upcoming", bool, required=False, description="From today on, and not closed."),
            OpenApiParameter("group", int, required=False, description="Only meetings this working group is in."),
            OpenApiParameter("page", int, required=False),
        ],
        operation_id="workspaces_meetings_list",
        responses={200: paginated(MeetingOutputSerializer), **errors(400, 401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        query = MeetingListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        meetings = selectors.meeting_list_for_user(
            actor=self.membership(),
            upcoming=query.validated_data["upcoming"],
            group_id=query.validated_data.get("group"),
        )
        return paginate(self, request, meetings, MeetingOutputSerializer)

    @extend_schema(
        request=MeetingCreateInputSerializer,
        responses={201: MeetingDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_meeting_manager(actor)
        serializer = MeetingCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=actor, **serializer.validated_data)
        return Response(_meeting_detail_data(actor, meeting.pk), status=status.HTTP_201_CREATED)


class MeetingDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: MeetingDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, meeting_id: int) -> Response:
        return Response(_meeting_detail_data(self.membership(), meeting_id))

    @extend_schema(
        request=MeetingUpdateInputSerializer,
        responses={200: MeetingDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        selectors.require_meeting_manager(actor)
        serializer = MeetingUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.meeting_update(actor=actor, meeting=meeting, **serializer.validated_data)
        return Response(_meeting_detail_data(actor, meeting_id))

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        services.meeting_delete(actor=actor, meeting=meeting)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaItemListView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaItemCreateInputSerializer,
        responses={201: MeetingDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Appends an item to the agenda; answers with the whole meeting (its planned end moves).",
    )
    def post(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        selectors.require_meeting_manager(actor)
        serializer = AgendaItemCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_item_create(actor=actor, meeting=meeting, **serializer.validated_data)
        return Response(_meeting_detail_data(actor, meeting_id), status=status.HTTP_201_CREATED)


class AgendaItemDetailView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaItemUpdateInputSerializer,
        responses={200: MeetingDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Answers with the whole meeting (the times of the items after it move).",
    )
    def patch(self, request: Request, slug: str, meeting_id: int, item_id: int) -> Response:
        actor = self.membership()
        item = selectors.agenda_item_get_for_user(actor=actor, meeting_id=meeting_id, item_id=item_id)
        selectors.require_meeting_manager(actor)
        serializer = AgendaItemUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_item_update(actor=actor, item=item, **serializer.validated_data)
        return Response(_meeting_detail_data(actor, meeting_id))

    @extend_schema(responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, slug: str, meeting_id: int, item_id: int) -> Response:
        actor = self.membership()
        item = selectors.agenda_item_get_for_user(actor=actor, meeting_id=meeting_id, item_id=item_id)
        services.agenda_item_delete(actor=actor, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaReorderView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaReorderInputSerializer,
        responses={200: MeetingDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        selectors.require_meeting_manager(actor)
        serializer = AgendaReorderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_reorder(actor=actor, meeting=meeting, item_ids=serializer.validated_data["item_ids"])
        return Response(_meeting_detail_data(actor, meeting_id))


class MeetingTemplateListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meeting_templates_list",
        responses={200: MeetingTemplateOutputSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        templates = selectors.meeting_template_list_for_user(actor=self.membership())
        return Response(MeetingTemplateOutputSerializer(templates, many=True).data)


class MeetingSaveAsTemplateView(WorkspaceScopedView):
    @extend_schema(
        request=MeetingSaveAsTemplateInputSerializer,
        responses={201: MeetingTemplateOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        selectors.require_meeting_manager(actor)
        serializer = MeetingSaveAsTemplateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.meeting_save_as_template(actor=actor, meeting=meeting, **serializer.validated_data)
        entry = next(t for t in selectors.meeting_template_list_for_user(actor=actor) if t.id == str(template.pk))
        return Response(MeetingTemplateOutputSerializer(entry).data, status=status.HTTP_201_CREATED)


class AttendanceView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meetings_attendance_retrieve",
        responses={200: AttendanceSummaryOutputSerializer, **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, meeting_id: int) -> Response:
        summary = selectors.attendance_summary_for_user(actor=self.membership(), meeting_id=meeting_id)
        return Response(AttendanceSummaryOutputSerializer(summary).data)

    @extend_schema(
        request=AttendanceCheckInInputSerializer,
        responses={
            201: AttendanceOutputSerializer,
            200: OpenApiResponse(AttendanceOutputSerializer, description="Was already checked in."),
            **errors(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        serializer = AttendanceCheckInInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attendance, created = services.attendance_check_in(
            actor=actor, meeting=meeting, user_id=serializer.validated_data["user_id"]
        )
        return Response(
            AttendanceOutputSerializer(attendance).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AttendanceDetailView(WorkspaceScopedView):
    @extend_schema(responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, slug: str, meeting_id: int, user_id: int) -> Response:
        actor = self.membership()
        meeting = selectors.meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        services.attendance_undo(actor=actor, meeting=meeting, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeetingAttendanceCsvView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meetings_attendance_csv",
        responses={(200, "text/csv"): OpenApiResponse(response=str), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, meeting_id: int) -> HttpResponse:
        summary = selectors.attendance_summary_for_user(actor=self.membership(), meeting_id=meeting_id)
        response = HttpResponse(exports.attendance_csv(summary), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting_id}-attendance.csv"'
        return response


class MeetingCalendarView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meetings_calendar",
        responses={(200, "text/calendar"): OpenApiResponse(response=str), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, meeting_id: int) -> HttpResponse:
        meeting = selectors.meeting_get_for_user(actor=self.membership(), meeting_id=meeting_id)
        response = HttpResponse(
            exports.meeting_calendar(meeting, request.build_absolute_uri("/")),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting_id}.ics"'
        return response
