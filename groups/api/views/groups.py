"""Thin views over the working-group selectors and services."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from groups import selectors, services
from groups.api.serializers import (
    DashboardOutputSerializer,
    GroupMemberAddInputSerializer,
    GroupMemberCandidateOutputSerializer,
    GroupMemberOutputSerializer,
    GroupMemberUpdateInputSerializer,
    WorkingGroupCreateInputSerializer,
    WorkingGroupDetailOutputSerializer,
    WorkingGroupOutputSerializer,
    WorkingGroupUpdateInputSerializer,
)
from groups.models import WorkingGroup
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors, paginate
from workspace.models import Membership
from workspace.selectors import notification_list_for_user

__all__ = [
    "DashboardView",
    "GroupMemberCandidateListView",
    "GroupMemberDetailView",
    "GroupMemberListView",
    "WorkingGroupDetailView",
    "WorkingGroupListView",
]

DASHBOARD_AWAITING_LIMIT = 10
DASHBOARD_MEETINGS_LIMIT = 5


def _group_detail(actor: Membership, group_id: int) -> Response:
    group = selectors.group_get_for_user(actor=actor, group_id=group_id)
    return Response(_group_detail_data(actor, group))


def _group_detail_data(actor: Membership, group: WorkingGroup) -> dict[str, object]:
    permissions = selectors.group_permissions(actor=actor, group=group)
    return dict(WorkingGroupDetailOutputSerializer(group, context={"permissions": permissions}).data)


class WorkingGroupListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_groups_list",
        responses={200: paginated(WorkingGroupOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        groups = selectors.group_list_for_user(actor=self.membership())
        return paginate(self, request, groups, WorkingGroupOutputSerializer)

    @extend_schema(
        request=WorkingGroupCreateInputSerializer,
        responses={201: WorkingGroupDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_group_creator(actor)
        serializer = WorkingGroupCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = services.working_group_create(actor=actor, **serializer.validated_data)
        group = selectors.group_get_for_user(actor=actor, group_id=group.pk)
        return Response(_group_detail_data(actor, group), status=status.HTTP_201_CREATED)


class WorkingGroupDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: WorkingGroupDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, group_id: int) -> Response:
        return _group_detail(self.membership(), group_id)

    @extend_schema(
        request=WorkingGroupUpdateInputSerializer,
        responses={200: WorkingGroupDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group = selectors.group_get_for_user(actor=actor, group_id=group_id)
        serializer = WorkingGroupUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.working_group_update(actor=actor, group=group, **serializer.validated_data)
        return _group_detail(actor, group_id)


class GroupMemberListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_groups_members_list",
        responses={200: paginated(GroupMemberOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, group_id: int) -> Response:
        members = selectors.group_member_list_for_user(actor=self.membership(), group_id=group_id)
        return paginate(self, request, members, GroupMemberOutputSerializer)

    @extend_schema(
        request=GroupMemberAddInputSerializer,
        responses={201: GroupMemberOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group = selectors.group_get_for_user(actor=actor, group_id=group_id)
        selectors.require_group_member_manager(actor, group)
        serializer = GroupMemberAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        added = services.group_membership_add(actor=actor, group=group, **serializer.validated_data)
        added = selectors.group_membership_get_for_user(actor=actor, group_id=group_id, group_membership_id=added.pk)
        return Response(GroupMemberOutputSerializer(added).data, status=status.HTTP_201_CREATED)


class GroupMemberDetailView(WorkspaceScopedView):
    @extend_schema(
        request=GroupMemberUpdateInputSerializer,
        responses={200: GroupMemberOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, group_id: int, group_membership_id: int) -> Response:
        actor = self.membership()
        group = selectors.group_get_for_user(actor=actor, group_id=group_id)
        group_membership = selectors.group_membership_get_for_user(
            actor=actor, group_id=group_id, group_membership_id=group_membership_id
        )
        selectors.require_group_member_manager(actor, group)
        serializer = GroupMemberUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.group_membership_update(actor=actor, group_membership=group_membership, **serializer.validated_data)
        group_membership = selectors.group_membership_get_for_user(
            actor=actor, group_id=group_id, group_membership_id=group_membership_id
        )
        return Response(GroupMemberOutputSerializer(group_membership).data)

    @extend_schema(responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, slug: str, group_id: int, group_membership_id: int) -> Response:
        actor = self.membership()
        group_membership = selectors.group_membership_get_for_user(
            actor=actor, group_id=group_id, group_membership_id=group_membership_id
        )
        services.group_membership_remove(actor=actor, group_membership=group_membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GroupMemberCandidateListView(WorkspaceScopedView):
    """People who could join the group, for the "add member" picker of those who manage its members."""

    @extend_schema(
        parameters=[OpenApiParameter("search", str, required=False), OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_groups_member_candidates_list",
        responses={200: paginated(GroupMemberCandidateOutputSerializer), **errors(401, 403, 404)},
    )
    def get(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group = selectors.group_get_for_user(actor=actor, group_id=group_id)
        candidates = selectors.group_member_candidate_list(
            actor=actor, group=group, search=request.query_params.get("search", "").strip()
        )
        return paginate(self, request, candidates, GroupMemberCandidateOutputSerializer)


class DashboardView(WorkspaceScopedView):
    """What a person sees first: their groups, upcoming meetings and what awaits them."""

    @extend_schema(responses={200: DashboardOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        awaiting = notification_list_for_user(user=actor.user, unread_only=True).filter(workspace=actor.workspace)
        data = {
            "workspace": actor,
            "my_groups": selectors.group_list_mine(actor=actor),
            "upcoming_meetings": selectors.meeting_list_upcoming_mine(actor=actor, limit=DASHBOARD_MEETINGS_LIMIT),
            "awaiting_me": awaiting[:DASHBOARD_AWAITING_LIMIT],
        }
        return Response(DashboardOutputSerializer(data).data)
