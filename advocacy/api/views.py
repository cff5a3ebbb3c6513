"""Thin views over the problem-tree and agenda selectors and services.

Every write answers with what the caller's screen needs next (the fresh rows: REST writes are
materialised before the service returns); other screens follow through their live document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from advocacy import selectors, services
from advocacy.api.serializers import (
    AgendaActionOutputSerializer,
    AgendaActionUpdateInputSerializer,
    AgendaCreateInputSerializer,
    AgendaDetailOutputSerializer,
    AgendaOutputSerializer,
    AgendaSectionReadyInputSerializer,
    AgendaUpdateInputSerializer,
    HistoryEntryOutputSerializer,
    TreeCauseVoteInputSerializer,
    TreeCreateInputSerializer,
    TreeDetailOutputSerializer,
    TreeNodeCreateInputSerializer,
    TreeNodeOutputSerializer,
    TreeNodeUpdateInputSerializer,
    TreeObjectivesCreateInputSerializer,
    TreeOutputSerializer,
    TreeUpdateInputSerializer,
)
from advocacy.documents import SECTIONS
from advocacy.models import ProblemTreeNode
from workspace.api.pagination import StandardPagination
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors
from workspace.models import Membership

__all__ = [
    "AgendaActionDetailView",
    "AgendaDetailView",
    "AgendaHistoryView",
    "AgendaListView",
    "AgendaSectionReadyView",
    "TreeCauseVoteView",
    "TreeDetailView",
    "TreeHistoryView",
    "TreeListView",
    "TreeNodeDetailView",
    "TreeNodeListView",
    "TreeObjectivesView",
]

PAGE = [OpenApiParameter("page", int, required=False)]


def _page(
    view: APIView,
    request: Request,
    queryset: Any,
    serializer_class: Any,
    context: Callable[[list[Any]], dict[str, Any]] | None = None,
    transform: Callable[[list[Any]], list[Any]] | None = None,
) -> Response:
    """A page of `queryset`; `context` and `transform` see the page's objects (one query each for the page)."""
    paginator = StandardPagination()
    page: list[Any] = list(paginator.paginate_queryset(queryset, request, view=view) or [])
    extra = context(page) if context is not None else {}
    objects = transform(page) if transform is not None else page
    return paginator.get_paginated_response(serializer_class(objects, many=True, context=extra).data)


def _tree_detail(actor: Membership, tree_id: int) -> dict[str, Any]:
    return dict(TreeDetailOutputSerializer(selectors.tree_detail_for_user(actor=actor, tree_id=tree_id)).data)


def _agenda_detail(actor: Membership, agenda_id: int) -> dict[str, Any]:
    return dict(AgendaDetailOutputSerializer(selectors.agenda_detail_for_user(actor=actor, agenda_id=agenda_id)).data)


# --- Problem trees ------------------------------------------------------------------------------------


class TreeListView(WorkspaceScopedView):
    @extend_schema(
        parameters=PAGE,
        operation_id="workspaces_groups_trees_list",
        responses={200: paginated(TreeOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group, trees = selectors.tree_list_for_group(actor=actor, group_id=group_id)
        permissions = selectors.group_work_permissions(actor=actor, group=group)
        return _page(
            self,
            request,
            trees,
            TreeOutputSerializer,
            lambda page: {"permissions": permissions, "last_editors": selectors.last_editors_for("tree", page)},
        )

    @extend_schema(
        request=TreeCreateInputSerializer,
        responses={201: TreeDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Creates a problem tree with its focal problem (the group's members, administrators, the "
        "executive committee, facilitators running the group's session).",
    )
    def post(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group, _trees = selectors.tree_list_for_group(actor=actor, group_id=group_id)
        selectors.require_group_work_editor(actor, group)
        serializer = TreeCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tree = services.tree_create(actor=actor, group=group, **serializer.validated_data)
        return Response(_tree_detail(actor, tree.pk), status=status.HTTP_201_CREATED)


class TreeDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: TreeDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, tree_id: int) -> Response:
        return Response(_tree_detail(self.membership(), tree_id))

    @extend_schema(
        request=TreeUpdateInputSerializer,
        responses={200: TreeDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, tree_id: int) -> Response:
        actor = self.membership()
        tree = selectors.tree_get_for_user(actor=actor, tree_id=tree_id)
        selectors.require_group_work_editor(actor, tree.group)
        serializer = TreeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.tree_update(actor=actor, tree=tree, **serializer.validated_data)
        return Response(_tree_detail(actor, tree_id))

    @extend_schema(
        responses={204: None, **errors(401, 403, 404)},
        description="Deletes the tree (the group's leads, administrators and the executive committee).",
    )
    def delete(self, request: Request, slug: str, tree_id: int) -> Response:
        actor = self.membership()
        services.tree_delete(actor=actor, tree=selectors.tree_get_for_user(actor=actor, tree_id=tree_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _node_data(tree_id: int, key: str) -> dict[str, Any]:
    node = ProblemTreeNode.objects.present().filter(tree_id=tree_id, key=key).first()
    if node is None:
        raise Http404
    return dict(TreeNodeOutputSerializer(node).data)


class TreeNodeListView(WorkspaceScopedView):
    @extend_schema(
        request=TreeNodeCreateInputSerializer,
        responses={201: TreeNodeOutputSerializer, **errors(400, 401, 403, 404)},
        description="Adds a cause or an effect below `parent_key`, last among its siblings.",
    )
    def post(self, request: Request, slug: str, tree_id: int) -> Response:
        actor = self.membership()
        tree = selectors.tree_get_for_user(actor=actor, tree_id=tree_id)
        selectors.require_group_work_editor(actor, tree.group)
        serializer = TreeNodeCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = services.tree_node_add(actor=actor, tree=tree, **serializer.validated_data)
        return Response(_node_data(tree.pk, key), status=status.HTTP_201_CREATED)


class TreeNodeDetailView(WorkspaceScopedView):
    def node(self, actor: Membership) -> tuple[Any, str]:
        tree = selectors.tree_get_for_user(actor=actor, tree_id=self.kwargs["tree_id"])
        key = self.kwargs["key"]
        if not ProblemTreeNode.objects.present().filter(tree=tree, key=key).exists():
            raise Http404
        return tree, key

    @extend_schema(
        request=TreeNodeUpdateInputSerializer,
        responses={200: TreeNodeOutputSerializer, **errors(400, 401, 403, 404)},
        description="Edits the label and/or moves the node (the focal problem does not move).",
    )
    def patch(self, request: Request, slug: str, tree_id: int, key: str) -> Response:
        actor = self.membership()
        tree, key = self.node(actor)
        selectors.require_group_work_editor(actor, tree.group)
        serializer = TreeNodeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.tree_node_update(actor=actor, tree=tree, key=key, **serializer.validated_data)
        return Response(_node_data(tree.pk, key))

    @extend_schema(
        responses={204: None, **errors(400, 401, 403, 404)},
        description="Removes the node and everything below it (not the focal problem).",
    )
    def delete(self, request: Request, slug: str, tree_id: int, key: str) -> Response:
        actor = self.membership()
        tree, key = self.node(actor)
        services.tree_node_delete(actor=actor, tree=tree, key=key)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TreeObjectivesView(WorkspaceScopedView):
    @extend_schema(
        request=TreeObjectivesCreateInputSerializer,
        responses={201: TreeDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Turns the problem tree into a new objectives tree: the same shape, each label restated as "
        "a positive for the group to edit.",
    )
    def post(self, request: Request, slug: str, tree_id: int) -> Response:
        actor = self.membership()
        tree = selectors.tree_get_for_user(actor=actor, tree_id=tree_id)
        selectors.require_group_work_editor(actor, tree.group)
        serializer = TreeObjectivesCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objectives = services.tree_objectives_create(actor=actor, tree=tree, **serializer.validated_data)
        return Response(_tree_detail(actor, objectives.pk), status=status.HTTP_201_CREATED)


class TreeCauseVoteView(WorkspaceScopedView):
    @extend_schema(
        request=TreeCauseVoteInputSerializer,
        responses={201: TreeDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Opens a dot vote on the tree's causes in a session of its group (administrators, the "
        "executive committee and facilitators). The answer's `top_vote` is the new vote.",
    )
    def post(self, request: Request, slug: str, tree_id: int) -> Response:
        actor = self.membership()
        tree = selectors.tree_get_for_user(actor=actor, tree_id=tree_id)
        serializer = TreeCauseVoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.tree_cause_vote_start(
            actor=actor,
            tree=tree,
            session_id=data["session_id"],
            dots_per_person=data["dots_per_person"],
            minutes=data.get("closes_in_minutes"),
        )
        return Response(_tree_detail(actor, tree_id), status=status.HTTP_201_CREATED)


class TreeHistoryView(WorkspaceScopedView):
    @extend_schema(
        parameters=PAGE,
        operation_id="workspaces_trees_history_list",
        responses={200: paginated(HistoryEntryOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, tree_id: int) -> Response:
        tree, changes = selectors.tree_history_for_user(actor=self.membership(), tree_id=tree_id)
        return _page(
            self,
            request,
            changes,
            HistoryEntryOutputSerializer,
            transform=lambda page: selectors.tree_history_entries(tree, page),
        )


# --- Agendas ---------------------------------------------------------------------------------------------


class AgendaListView(WorkspaceScopedView):
    @extend_schema(
        parameters=PAGE,
        operation_id="workspaces_groups_agendas_list",
        responses={200: paginated(AgendaOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group, agendas = selectors.agenda_list_for_group(actor=actor, group_id=group_id)
        permissions = selectors.group_work_permissions(actor=actor, group=group)
        return _page(
            self,
            request,
            agendas,
            AgendaOutputSerializer,
            lambda page: {"permissions": permissions, "last_editors": selectors.last_editors_for("agenda", page)},
        )

    @extend_schema(
        request=AgendaCreateInputSerializer,
        responses={201: AgendaDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Creates a draft agenda, optionally prefilled from one of the group's trees.",
    )
    def post(self, request: Request, slug: str, group_id: int) -> Response:
        actor = self.membership()
        group, _agendas = selectors.agenda_list_for_group(actor=actor, group_id=group_id)
        selectors.require_group_work_editor(actor, group)
        serializer = AgendaCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agenda = services.agenda_create(actor=actor, group=group, **serializer.validated_data)
        return Response(_agenda_detail(actor, agenda.pk), status=status.HTTP_201_CREATED)


class AgendaDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: AgendaDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, agenda_id: int) -> Response:
        return Response(_agenda_detail(self.membership(), agenda_id))

    @extend_schema(
        request=AgendaUpdateInputSerializer,
        responses={200: AgendaDetailOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        agenda = selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id)
        selectors.require_group_work_editor(actor, agenda.group)
        serializer = AgendaUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_update(actor=actor, agenda=agenda, **serializer.validated_data)
        return Response(_agenda_detail(actor, agenda_id))

    @extend_schema(
        responses={204: None, **errors(400, 401, 403, 404)},
        description="Deletes a draft agenda (the group's leads, administrators and the executive committee).",
    )
    def delete(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        services.agenda_delete(actor=actor, agenda=selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaSectionReadyView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaSectionReadyInputSerializer,
        responses={200: AgendaDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Marks a section ready (or not). Sections: " + ", ".join(SECTIONS) + ".",
    )
    def put(self, request: Request, slug: str, agenda_id: int, section: str) -> Response:
        actor = self.membership()
        agenda = selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id)
        if section not in SECTIONS:
            raise Http404
        selectors.require_group_work_editor(actor, agenda.group)
        serializer = AgendaSectionReadyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_section_ready_set(
            actor=actor, agenda=agenda, section=section, ready=serializer.validated_data["ready"]
        )
        return Response(_agenda_detail(actor, agenda_id))


class AgendaActionDetailView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaActionUpdateInputSerializer,
        responses={200: AgendaActionOutputSerializer, **errors(400, 401, 403, 404)},
        description="Sets the status of an action of the plan.",
    )
    def patch(self, request: Request, slug: str, agenda_id: int, key: str) -> Response:
        actor = self.membership()
        agenda, action = selectors.agenda_action_get_for_user(actor=actor, agenda_id=agenda_id, key=key)
        selectors.require_group_work_editor(actor, agenda.group)
        serializer = AgendaActionUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_action_status_set(
            actor=actor, agenda=agenda, key=key, status=serializer.validated_data["status"]
        )
        _agenda, action = selectors.agenda_action_get_for_user(actor=actor, agenda_id=agenda_id, key=key)
        return Response(AgendaActionOutputSerializer(action).data)


class AgendaHistoryView(WorkspaceScopedView):
    @extend_schema(
        parameters=PAGE,
        operation_id="workspaces_agendas_history_list",
        responses={200: paginated(HistoryEntryOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, agenda_id: int) -> Response:
        agenda, changes = selectors.agenda_history_for_user(actor=self.membership(), agenda_id=agenda_id)
        return _page(
            self,
            request,
            changes,
            HistoryEntryOutputSerializer,
            transform=lambda page: selectors.agenda_history_entries(agenda, page),
        )
