"""Thin views over the working-group selectors and services."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from groups import selectors
from groups.api.serializers import DashboardOutputSerializer, WorkingGroupOutputSerializer
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors, paginate
from workspace.selectors import notification_list_for_user

DASHBOARD_AWAITING_LIMIT = 10


class WorkingGroupListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_groups_list",
        responses={200: paginated(WorkingGroupOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        groups = selectors.group_list_for_user(actor=self.membership())
        return paginate(self, request, groups, WorkingGroupOutputSerializer)


class DashboardView(WorkspaceScopedView):
    """What a person sees first: their groups, upcoming meetings and what awaits them."""

    @extend_schema(responses={200: DashboardOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        awaiting = notification_list_for_user(user=actor.user, unread_only=True).filter(workspace=actor.workspace)
        data = {
            "workspace": actor,
            "my_groups": selectors.group_list_mine(actor=actor),
            "upcoming_meetings": [],
            "awaiting_me": awaiting[:DASHBOARD_AWAITING_LIMIT],
        }
        return Response(DashboardOutputSerializer(data).data)
