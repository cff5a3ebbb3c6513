"""Every write to citations: evidence from the policy bank cited from a problem-tree node or an agenda section.

Citing is part of editing the advocacy work, so whoever may edit the tree or agenda may cite from it,
change a citation's page and quote, and remove it; the same access functions decide (an archived tree or
an agenda past its draft refuses, as every other edit does). The document must be one the person citing
may open and must still be in the policy bank.

The same document cited twice at the same place and page is refused: the second would add nothing. The
same document at another page of the same node is a separate piece of evidence and is allowed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from advocacy.documents import SECTIONS
from advocacy.models import AdvocacyAgenda, Citation, ProblemTree, ProblemTreeNode
from advocacy.selectors.access import require_agenda_editor, require_tree_editor
from policybank.models import PolicyDocument
from policybank.selectors import document_get_for_user
from workspace.models import Membership
from workspace.services.audit import audit_record, changed_fields

__all__ = [
    "MAX_CITATION_PAGE",
    "MAX_CITATION_QUOTE",
    "citation_create_for_node",
    "citation_create_for_section",
    "citation_delete",
    "citation_update",
]

MAX_CITATION_PAGE = Citation._meta.get_field("page").max_length or 20
# A quote is a passage, not the document: long enough for a paragraph, short enough to read at a glance.
MAX_CITATION_QUOTE = 2000


def _clean_page(page: str) -> str:
    page = " ".join(page.split())
    if len(page) > MAX_CITATION_PAGE:
        raise ValidationError(
            {"page": _("Write the page in at most %(max)s characters, e.g. 12 or 12-14.") % {"max": MAX_CITATION_PAGE}}
        )
    return page


def _clean_quote(quote: str) -> str:
    quote = quote.strip()
    if len(quote) > MAX_CITATION_QUOTE:
        raise ValidationError(
            {"quote": _("Quote at most %(max)s characters of the document.") % {"max": MAX_CITATION_QUOTE}}
        )
    return quote


def _citable_document(actor: Membership, document_id: int) -> PolicyDocument:
    """The document if the actor may open it (404 otherwise); removed documents cannot be newly cited."""
    document = document_get_for_user(actor=actor, document_id=document_id, include_removed=True)
    if document.removed_at is not None:
        raise ValidationError(
            {"document_id": _("This document has been removed from the policy bank, so it can no longer be cited.")}
        )
    return document


def _check_not_cited_yet(citations: Any, *, document: PolicyDocument, page: str, exclude: int | None = None) -> None:
    duplicates = citations.filter(document=document, page=page)
    if exclude is not None:
        duplicates = duplicates.exclude(pk=exclude)
    if duplicates.exists():
        message = (
            _("This document is already cited here at this page.")
            if page
            else _("This document is already cited here; give a page to cite another part of it.")
        )
        raise ValidationError({"document_id": message})


def _audit_after(citation: Citation) -> dict[str, Any]:
    place: dict[str, Any] = (
        {"tree": citation.tree_id, "node_key": citation.node_key}
        if citation.tree_id is not None
        else {"agenda": citation.agenda_id, "section": citation.section}
    )
    return {"document": citation.document_id, **place, "page": citation.page, "quote": citation.quote}


def _create(actor: Membership, citation: Citation) -> Citation:
    try:
        with transaction.atomic():
            citation.save()
    except IntegrityError:
        # The database's uniqueness rule, should a concurrent request have slipped past the check above.
        _check_not_cited_yet(_siblings(citation), document=citation.document, page=citation.page)
        raise
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="citation.created",
        target=citation,
        after=_audit_after(citation),
    )
    return citation


@transaction.atomic
def citation_create_for_node(
    *, actor: Membership, tree: ProblemTree, node_key: str, document_id: int, page: str = "", quote: str = ""
) -> Citation:
    """Cites a document from a node of a tree; the node must be in the tree as last materialised."""
    require_tree_editor(actor, tree)
    if not ProblemTreeNode.objects.present().filter(tree=tree, key=node_key).exists():
        raise ValidationError({"node_key": _("This node is not in the tree (it may just have been removed).")})
    document = _citable_document(actor, document_id)
    page, quote = _clean_page(page), _clean_quote(quote)
    # Serialise concurrent citing of the same place, so the duplicate check below holds.
    ProblemTree.objects.select_for_update().filter(pk=tree.pk).first()
    _check_not_cited_yet(Citation.objects.filter(tree=tree, node_key=node_key), document=document, page=page)
    return _create(
        actor,
        Citation(document=document, tree=tree, node_key=node_key, page=page, quote=quote, created_by=actor.user),
    )


@transaction.atomic
def citation_create_for_section(
    *, actor: Membership, agenda: AdvocacyAgenda, section: str, document_id: int, page: str = "", quote: str = ""
) -> Citation:
    """Cites a document from a section of an agenda (one of advocacy.documents.SECTIONS)."""
    require_agenda_editor(actor, agenda)
    if section not in SECTIONS:
        raise ValidationError({"section": _("This is not a section of an agenda.")})
    document = _citable_document(actor, document_id)
    page, quote = _clean_page(page), _clean_quote(quote)
    AdvocacyAgenda.objects.select_for_update().filter(pk=agenda.pk).first()
    _check_not_cited_yet(Citation.objects.filter(agenda=agenda, section=section), document=document, page=page)
    return _create(
        actor,
        Citation(document=document, agenda=agenda, section=section, page=page, quote=quote, created_by=actor.user),
    )


def _require_editor(actor: Membership, citation: Citation) -> None:
    if citation.tree is not None:
        require_tree_editor(actor, citation.tree)
    elif citation.agenda is not None:
        require_agenda_editor(actor, citation.agenda)


def _siblings(citation: Citation) -> Any:
    if citation.tree_id is not None:
        return Citation.objects.filter(tree_id=citation.tree_id, node_key=citation.node_key)
    return Citation.objects.filter(agenda_id=citation.agenda_id, section=citation.section)


@transaction.atomic
def citation_update(
    *, actor: Membership, citation: Citation, page: str | None = None, quote: str | None = None
) -> Citation:
    """Changes the page and/or the quote. `citation` comes from selectors.citation_get_for_user."""
    _require_editor(actor, citation)
    # Only someone who may open the document changes what is quoted from it (a removed one still counts).
    document_get_for_user(actor=actor, document_id=citation.document_id, include_removed=True)
    values: dict[str, Any] = {}
    if page is not None:
        values["page"] = _clean_page(page)
        _check_not_cited_yet(_siblings(citation), document=citation.document, page=values["page"], exclude=citation.pk)
    if quote is not None:
        values["quote"] = _clean_quote(quote)
    before, after = changed_fields(citation, values)
    if not after:
        return citation
    for name, value in after.items():
        setattr(citation, name, value)
    citation.save(update_fields=list(after))
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="citation.updated",
        target=citation,
        before=before,
        after=after,
    )
    return citation


@transaction.atomic
def citation_delete(*, actor: Membership, citation: Citation) -> None:
    """Removes a citation (whoever may edit its tree or agenda, whether or not they may open the document)."""
    _require_editor(actor, citation)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="citation.deleted",
        target=citation,
        before=_audit_after(citation),
    )
    citation.delete()
