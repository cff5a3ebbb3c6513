"""Reads of citations: the evidence of a node, a section, a whole tree or agenda, and where a document is cited.

Two visibilities meet here. Where a citation sits (a tree or agenda) follows the working group
(advocacy.selectors.access); the cited document follows the policy bank (policybank.selectors). A
citation on a page the viewer may see can point at a document they may not open (a group-private document
cited by an administrator): it is listed as unavailable, with neither its title nor what it quotes. A
document removed from the policy bank stays listed, marked removed, so the work keeps showing what it
rested on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from advocacy.documents import SECTIONS
from advocacy.models import AdvocacyAgenda, Citation, ProblemTree, ProblemTreeNode
from advocacy.selectors.access import agenda_get_for_user, agenda_permissions, tree_get_for_user, tree_permissions
from advocacy.selectors.history import section_label
from groups.selectors.groups import group_list_for_user
from policybank.models import PolicyDocument
from policybank.selectors import document_get_for_user, document_visible_q
from workspace.models import Membership

__all__ = [
    "CitationEntry",
    "CitationList",
    "CitedByEntry",
    "citation_count_for_document",
    "citation_get_for_user",
    "citations_of_agenda",
    "citations_of_node",
    "citations_of_section",
    "citations_of_tree",
    "document_cited_by",
]


@dataclass(frozen=True)
class CitationEntry:
    citation: Citation
    # Whether the viewer may open the cited document; when not, nothing of it is shown.
    available: bool
    can_edit: bool

    @property
    def document(self) -> PolicyDocument | None:
        return self.citation.document if self.available else None

    @property
    def removed(self) -> bool:
        return self.available and self.citation.document.removed_at is not None

    @property
    def page(self) -> str:
        return self.citation.page if self.available else ""

    @property
    def quote(self) -> str:
        return self.citation.quote if self.available else ""

    @property
    def section_label(self) -> str:
        return section_label(self.citation.section) if self.citation.section else ""


@dataclass(frozen=True)
class CitationList:
    entries: list[CitationEntry]
    can_cite: bool


def _entries(actor: Membership, citations: QuerySet[Citation], *, can_edit: bool) -> list[CitationEntry]:
    rows = list(citations.select_related("document", "created_by").order_by("created_at", "id"))
    visible = _visible_document_ids(actor, {citation.document_id for citation in rows})
    return [
        CitationEntry(citation=citation, available=citation.document_id in visible, can_edit=can_edit)
        for citation in rows
    ]


def _visible_document_ids(actor: Membership, document_ids: Iterable[int]) -> set[int]:
    ids = set(document_ids)
    if not ids:
        return set()
    # Removed documents included: they show, marked removed, to whoever could open them.
    return set(PolicyDocument.objects.filter(document_visible_q(actor), pk__in=ids).values_list("pk", flat=True))


def citation_get_for_user(*, actor: Membership, citation_id: int) -> Citation:
    """A citation on a tree or agenda the actor may see, with that tree or agenda loaded; 404 otherwise."""
    citation = (
        Citation.objects.filter(pk=citation_id)
        .filter(Q(tree__group__workspace_id=actor.workspace_id) | Q(agenda__group__workspace_id=actor.workspace_id))
        .select_related("document")
        .first()
    )
    if citation is None:
        raise Http404
    # Exactly one of the two is set (the database's citation_one_target).
    if citation.tree_id is not None:
        citation.tree = tree_get_for_user(actor=actor, tree_id=citation.tree_id)
    elif citation.agenda_id is not None:
        citation.agenda = agenda_get_for_user(actor=actor, agenda_id=citation.agenda_id)
    return citation


def citations_of_tree(*, actor: Membership, tree_id: int) -> tuple[ProblemTree, CitationList]:
    """Every citation of a tree (of its present nodes and of nodes removed since), oldest first."""
    tree = tree_get_for_user(actor=actor, tree_id=tree_id)
    can_edit = tree_permissions(actor=actor, tree=tree).edit
    return tree, CitationList(_entries(actor, Citation.objects.filter(tree=tree), can_edit=can_edit), can_edit)


def citations_of_node(*, actor: Membership, tree_id: int, key: str) -> tuple[ProblemTree, CitationList]:
    """The citations of one present node of a tree; 404 for a node that is not (or no longer) in the tree."""
    tree = tree_get_for_user(actor=actor, tree_id=tree_id)
    if not ProblemTreeNode.objects.present().filter(tree=tree, key=key).exists():
        raise Http404
    can_edit = tree_permissions(actor=actor, tree=tree).edit
    citations = Citation.objects.filter(tree=tree, node_key=key)
    return tree, CitationList(_entries(actor, citations, can_edit=can_edit), can_edit)


def citations_of_agenda(*, actor: Membership, agenda_id: int) -> tuple[AdvocacyAgenda, CitationList]:
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    can_edit = agenda_permissions(actor=actor, agenda=agenda).edit
    citations = Citation.objects.filter(agenda=agenda)
    return agenda, CitationList(_entries(actor, citations, can_edit=can_edit), can_edit)


def citations_of_section(*, actor: Membership, agenda_id: int, section: str) -> tuple[AdvocacyAgenda, CitationList]:
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    if section not in SECTIONS:
        raise Http404
    can_edit = agenda_permissions(actor=actor, agenda=agenda).edit
    citations = Citation.objects.filter(agenda=agenda, section=section)
    return agenda, CitationList(_entries(actor, citations, can_edit=can_edit), can_edit)


# --- Cited by -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedByEntry:
    citation_id: int
    type: str  # "tree_node" or "agenda_section"
    group_id: int
    group_name: str
    page: str
    created_at: datetime
    tree_id: int | None = None
    tree_title: str = ""
    node_key: str = ""
    # Blank when the node has been removed from the tree since it was cited (`node_present` false).
    node_label: str = ""
    node_present: bool = False
    agenda_id: int | None = None
    agenda_title: str = ""
    section: str = ""
    section_label: str = ""


def document_cited_by(*, actor: Membership, document_id: int) -> tuple[PolicyDocument, list[CitedByEntry]]:
    """Where a document is cited, among the trees and agendas the actor may see (404 for a document they
    may not open; a removed one is answered, its citations still stand)."""
    document = document_get_for_user(actor=actor, document_id=document_id, include_removed=True)
    visible_groups = group_list_for_user(actor=actor).values("pk")
    citations = list(
        Citation.objects.filter(document=document)
        .filter(Q(tree__group__in=visible_groups) | Q(agenda__group__in=visible_groups))
        .select_related("tree__group", "agenda__group")
        .order_by("created_at", "id")
    )
    tree_nodes = _node_labels(citations)
    entries: list[CitedByEntry] = []
    for citation in citations:
        if citation.tree is not None:
            label = tree_nodes.get((citation.tree.pk, citation.node_key))
            entries.append(
                CitedByEntry(
                    citation_id=citation.pk,
                    type="tree_node",
                    group_id=citation.tree.group_id,
                    group_name=citation.tree.group.name,
                    page=citation.page,
                    created_at=citation.created_at,
                    tree_id=citation.tree.pk,
                    tree_title=citation.tree.title,
                    node_key=citation.node_key,
                    node_label=label or "",
                    node_present=label is not None,
                )
            )
        elif citation.agenda is not None:
            entries.append(
                CitedByEntry(
                    citation_id=citation.pk,
                    type="agenda_section",
                    group_id=citation.agenda.group_id,
                    group_name=citation.agenda.group.name,
                    page=citation.page,
                    created_at=citation.created_at,
                    agenda_id=citation.agenda.pk,
                    agenda_title=citation.agenda.title,
                    section=citation.section,
                    section_label=section_label(citation.section),
                )
            )
    return document, entries


def _node_labels(citations: list[Citation]) -> dict[tuple[int, str], str]:
    """The labels of the present cited nodes, in one query."""
    pairs = {(citation.tree_id, citation.node_key) for citation in citations if citation.tree_id is not None}
    if not pairs:
        return {}
    nodes = ProblemTreeNode.objects.present().filter(
        tree_id__in={tree_id for tree_id, _key in pairs}, key__in={key for _tree_id, key in pairs}
    )
    return {
        (node.tree_id, node.key): node.label
        for node in nodes.only("tree_id", "key", "label")
        if (node.tree_id, node.key) in pairs
    }


def citation_count_for_document(document: PolicyDocument) -> int:
    """How often the advocacy work cites `document`, wherever and whoever may see it: the policy bank asks
    before removing a document (advocacy registers this in its AppConfig.ready; policybank never imports
    advocacy)."""
    return Citation.objects.filter(document=document).count()
