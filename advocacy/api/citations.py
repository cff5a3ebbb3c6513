"""Citations through the API: evidence from the policy bank on problem-tree nodes and agenda sections, and
where a document is cited (served here, under the policy bank's documents, because advocacy knows it).

Writes answer with what the screen shows next: citing answers the node's or section's fresh list,
changing a citation answers the citation.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.api.serializers import AdvocacyGroupOutputSerializer, AdvocacyPersonOutputSerializer, _person
from advocacy.models import ProblemTreeNode
from advocacy.selectors import access
from advocacy.selectors import citations as citation_selectors
from advocacy.selectors.citations import CitationEntry, CitationList, CitedByEntry
from advocacy.services import citations as citation_services
from advocacy.services.citations import MAX_CITATION_PAGE, MAX_CITATION_QUOTE
from policybank.models import DocumentKind
from workspace.api.views import WorkspaceScopedView, errors

__all__ = [
    "AgendaCitationListView",
    "CitationDetailView",
    "DocumentCitedByView",
    "SectionCitationListView",
    "TreeCitationListView",
    "TreeNodeCitationListView",
]


# --- Serializers ------------------------------------------------------------------------------------


class CitedDocumentOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    year = serializers.IntegerField(allow_null=True)
    removed = serializers.BooleanField(help_text="Removed from the policy bank since it was cited.")


class CitationOutputSerializer(serializers.Serializer[CitationEntry]):
    id = serializers.IntegerField(source="citation.pk")
    node_key = serializers.CharField(source="citation.node_key", help_text="Blank for a citation of an agenda.")
    section = serializers.CharField(source="citation.section", help_text="Blank for a citation of a tree node.")
    section_label = serializers.CharField()
    document = serializers.SerializerMethodField(
        help_text="Null when the viewer may not open the cited document (its title, page and quote are withheld)."
    )
    page = serializers.CharField()
    quote = serializers.CharField()
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(source="citation.created_at")
    can_edit = serializers.BooleanField()

    @extend_schema_field(CitedDocumentOutputSerializer(allow_null=True))
    def get_document(self, entry: CitationEntry) -> dict[str, Any] | None:
        document = entry.document
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "kind": document.kind,
            "year": document.year,
            "removed": entry.removed,
        }

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_created_by(self, entry: CitationEntry) -> dict[str, Any] | None:
        return _person(entry.citation.created_by)


class CitationListOutputSerializer(serializers.Serializer[CitationList]):
    can_cite = serializers.BooleanField(help_text="Whether the viewer may add, change and remove citations here.")
    citations = CitationOutputSerializer(many=True, source="entries")


class CitationCreateInputSerializer(serializers.Serializer[Any]):
    document_id = serializers.IntegerField()
    page = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_CITATION_PAGE, help_text="e.g. 12 or 12-14."
    )
    quote = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_CITATION_QUOTE, trim_whitespace=False
    )


class CitationUpdateInputSerializer(serializers.Serializer[Any]):
    page = serializers.CharField(required=False, allow_blank=True, max_length=MAX_CITATION_PAGE)
    quote = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_CITATION_QUOTE, trim_whitespace=False
    )


class CitedByOutputSerializer(serializers.Serializer[CitedByEntry]):
    citation_id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=[("tree_node", "tree_node"), ("agenda_section", "agenda_section")])
    group = serializers.SerializerMethodField()
    page = serializers.CharField()
    created_at = serializers.DateTimeField()
    tree_id = serializers.IntegerField(allow_null=True)
    tree_title = serializers.CharField()
    node_key = serializers.CharField()
    node_label = serializers.CharField(help_text="Blank when the node has since been removed from the tree.")
    node_present = serializers.BooleanField()
    agenda_id = serializers.IntegerField(allow_null=True)
    agenda_title = serializers.CharField()
    section = serializers.CharField()
    section_label = serializers.CharField()

    @extend_schema_field(AdvocacyGroupOutputSerializer())
    def get_group(self, entry: CitedByEntry) -> dict[str, Any]:
        return {"id": entry.group_id, "name": entry.group_name}


class CitedByListOutputSerializer(serializers.Serializer[Any]):
    document_id = serializers.IntegerField()
    citations = CitedByOutputSerializer(many=True)


def _list(citations: CitationList) -> dict[str, Any]:
    return dict(CitationListOutputSerializer(citations).data)


# --- Views ------------------------------------------------------------------------------------------


class TreeCitationListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_trees_citations_all",
        responses={200: CitationListOutputSerializer, **errors(401, 404)},
        description="Every citation of the tree, of all its nodes (also those removed since), oldest first.",
    )
    def get(self, request: Request, slug: str, tree_id: int) -> Response:
        _tree, citations = citation_selectors.citations_of_tree(actor=self.membership(), tree_id=tree_id)
        return Response(_list(citations))


class TreeNodeCitationListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_trees_nodes_citations_list",
        responses={200: CitationListOutputSerializer, **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, tree_id: int, key: str) -> Response:
        _tree, citations = citation_selectors.citations_of_node(actor=self.membership(), tree_id=tree_id, key=key)
        return Response(_list(citations))

    @extend_schema(
        request=CitationCreateInputSerializer,
        responses={201: CitationListOutputSerializer, **errors(400, 401, 403, 404)},
        description="Cites a policy-bank document from the node (whoever may edit the tree). Answers the "
        "node's citations. The same document twice at the same page of a node is refused.",
    )
    def post(self, request: Request, slug: str, tree_id: int, key: str) -> Response:
        actor = self.membership()
        tree = access.tree_get_for_user(actor=actor, tree_id=tree_id)
        if not ProblemTreeNode.objects.present().filter(tree=tree, key=key).exists():
            raise Http404
        access.require_group_work_editor(actor, tree.group)
        serializer = CitationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        citation_services.citation_create_for_node(actor=actor, tree=tree, node_key=key, **serializer.validated_data)
        _tree, citations = citation_selectors.citations_of_node(actor=actor, tree_id=tree_id, key=key)
        return Response(_list(citations), status=status.HTTP_201_CREATED)


class AgendaCitationListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_agendas_citations_all",
        responses={200: CitationListOutputSerializer, **errors(401, 404)},
        description="Every citation of the agenda, of all its sections, oldest first.",
    )
    def get(self, request: Request, slug: str, agenda_id: int) -> Response:
        _agenda, citations = citation_selectors.citations_of_agenda(actor=self.membership(), agenda_id=agenda_id)
        return Response(_list(citations))


class SectionCitationListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_agendas_sections_citations_list",
        responses={200: CitationListOutputSerializer, **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, agenda_id: int, section: str) -> Response:
        _agenda, citations = citation_selectors.citations_of_section(
            actor=self.membership(), agenda_id=agenda_id, section=section
        )
        return Response(_list(citations))

    @extend_schema(
        request=CitationCreateInputSerializer,
        responses={201: CitationListOutputSerializer, **errors(400, 401, 403, 404)},
        description="Cites a policy-bank document from the section (whoever may edit the agenda, while it is a "
        "draft). Answers the section's citations.",
    )
    def post(self, request: Request, slug: str, agenda_id: int, section: str) -> Response:
        actor = self.membership()
        agenda, _citations = citation_selectors.citations_of_section(actor=actor, agenda_id=agenda_id, section=section)
        access.require_group_work_editor(actor, agenda.group)
        serializer = CitationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        citation_services.citation_create_for_section(
            actor=actor, agenda=agenda, section=section, **serializer.validated_data
        )
        _agenda, citations = citation_selectors.citations_of_section(actor=actor, agenda_id=agenda_id, section=section)
        return Response(_list(citations), status=status.HTTP_201_CREATED)


class CitationDetailView(WorkspaceScopedView):
    def _require_group_editor(self, citation: Any) -> None:
        place = citation.tree if citation.tree is not None else citation.agenda
        access.require_group_work_editor(self.membership(), place.group)

    @extend_schema(
        request=CitationUpdateInputSerializer,
        responses={200: CitationOutputSerializer, **errors(400, 401, 403, 404)},
        description="Changes the page and/or the quote (whoever may edit the tree or agenda and open the document).",
    )
    def patch(self, request: Request, slug: str, citation_id: int) -> Response:
        actor = self.membership()
        citation = citation_selectors.citation_get_for_user(actor=actor, citation_id=citation_id)
        self._require_group_editor(citation)
        serializer = CitationUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        citation = citation_services.citation_update(actor=actor, citation=citation, **serializer.validated_data)
        entry = CitationEntry(citation=citation, available=True, can_edit=True)
        return Response(CitationOutputSerializer(entry).data)

    @extend_schema(
        responses={204: None, **errors(400, 401, 403, 404)},
        description="Removes the citation (whoever may edit the tree or agenda).",
    )
    def delete(self, request: Request, slug: str, citation_id: int) -> Response:
        actor = self.membership()
        citation = citation_selectors.citation_get_for_user(actor=actor, citation_id=citation_id)
        citation_services.citation_delete(actor=actor, citation=citation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentCitedByView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_policy_documents_cited_by",
        responses={200: CitedByListOutputSerializer, **errors(401, 404)},
        description="Where the document is cited: the nodes of problem trees and the sections of agendas the "
        "viewer may see. A removed document is answered too; its citations still stand.",
    )
    def get(self, request: Request, slug: str, document_id: int) -> Response:
        document, entries = citation_selectors.document_cited_by(actor=self.membership(), document_id=document_id)
        return Response(CitedByListOutputSerializer({"document_id": document.pk, "citations": entries}).data)
