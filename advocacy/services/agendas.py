"""Every write to advocacy agendas: creating one (optionally prefilled from a tree), renaming, deleting a
draft, and the REST writes of its content (a section's ready mark, an action's status).

Content writes go through `live_document_change`, like the tree's nodes: the document is the truth and
the rows follow from it at once. Only drafts change (DESIGN.md "Agenda workflow": a frozen agenda is
changed only by reopening it as a new version).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from pycrdt import Doc, Map, Text

from advocacy.documents import CAUSE, PROBLEM, READY, SECTIONS, TreeNode, new_key, prose_set_paragraphs, tree_read
from advocacy.models import ActionStatus, AdvocacyAgenda, ProblemTree, TreeKind
from advocacy.objectives import restate_positively
from advocacy.selectors.access import require_agenda_deleter, require_agenda_editor, require_group_work_editor
from advocacy.services.trees import TREE, clean_title
from groups.models import WorkingGroup
from workspace.live.services import (
    live_access_changed,
    live_document_change,
    live_document_create,
    live_document_load,
)
from workspace.models import LiveDocument, Membership
from workspace.services.audit import audit_record, changed_fields

__all__ = [
    "AGENDA",
    "agenda_action_status_set",
    "agenda_create",
    "agenda_delete",
    "agenda_section_ready_set",
    "agenda_update",
]

AGENDA = "agenda"


def _focal(nodes: list[TreeNode]) -> TreeNode | None:
    return nodes[0] if nodes and nodes[0].kind == PROBLEM else None


def _prefill(tree: ProblemTree) -> tuple[str, str, list[str]]:
    """The issue statement, goal and objectives an agenda starts with when made from `tree`.

    From an objectives tree: the means just below the focal objective are the objectives, the focal
    objective the goal, and the focal problem of the tree it was made from the issue. From a problem
    tree: its focal problem is the issue and its first-level causes, restated as positives, the objectives.
    """
    nodes = tree_read(live_document_load(kind=TREE, object_id=tree.pk))
    focal = _focal(nodes)
    first_level = [node.label.strip() for node in nodes if node.kind == CAUSE and node.depth == 1]
    if tree.kind == TreeKind.OBJECTIVES:
        problem = None
        if tree.source_tree_id is not None:
            problem = _focal(tree_read(live_document_load(kind=TREE, object_id=tree.source_tree_id)))
        stated = problem or focal
        issue = stated.label.strip() if stated is not None else ""
        goal = focal.label.strip() if focal is not None else ""
        objectives = first_level
    else:
        issue = focal.label.strip() if focal is not None else ""
        goal = ""
        objectives = [restate_positively(label) for label in first_level]
    return issue, goal, [objective for objective in objectives if objective]


@transaction.atomic
def agenda_create(
    *, actor: Membership, group: WorkingGroup, title: str, source_tree_id: int | None = None
) -> AdvocacyAgenda:
    require_group_work_editor(actor, group)
    title = clean_title(title)
    source_tree = None
    if source_tree_id is not None:
        source_tree = ProblemTree.objects.filter(pk=source_tree_id, group=group).first()
        if source_tree is None:
            raise ValidationError({"source_tree_id": _("Choose a problem or objectives tree of this working group.")})
    agenda = AdvocacyAgenda.objects.create(group=group, title=title, source_tree=source_tree, created_by=actor.user)
    issue, goal, objectives = _prefill(source_tree) if source_tree is not None else ("", "", [])

    def initialise(doc: Doc) -> None:
        if issue:
            prose_set_paragraphs(doc, "issue_statement", [issue])
        if goal:
            prose_set_paragraphs(doc, "goal", [goal])
        rows = doc.get("objectives", type=Map)
        for position, statement in enumerate(objectives, start=1):
            rows[new_key()] = Map({"position": float(position), "statement": Text(statement), "due": None})

    live_document_create(
        workspace=actor.workspace, kind=AGENDA, object_id=agenda.pk, author=actor.user, initialise=initialise
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="advocacy_agenda.created",
        target=agenda,
        after={"group": group.name, "title": title, "source_tree": source_tree_id},
    )
    return agenda


@transaction.atomic
def agenda_update(*, actor: Membership, agenda: AdvocacyAgenda, title: str | None = None) -> AdvocacyAgenda:
    require_agenda_editor(actor, agenda)
    if title is None:
        return agenda
    before, after = changed_fields(agenda, {"title": clean_title(title)})
    if not after:
        return agenda
    agenda.title = after["title"]
    agenda.save(update_fields=["title"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="advocacy_agenda.updated",
        target=agenda,
        before=before,
        after=after,
    )
    return agenda


@transaction.atomic
def agenda_delete(*, actor: Membership, agenda: AdvocacyAgenda) -> None:
    """Deletes a draft and its document; open sockets on it close."""
    require_agenda_deleter(actor, agenda)
    agenda_id = agenda.pk
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="advocacy_agenda.deleted",
        target=agenda,
        before={"group": agenda.group.name, "title": agenda.title, "status": agenda.status, "version": agenda.version},
    )
    LiveDocument.objects.filter(kind=AGENDA, object_id=agenda_id).delete()
    agenda.delete()
    live_access_changed(kind=AGENDA, object_id=agenda_id)


def agenda_section_ready_set(*, actor: Membership, agenda: AdvocacyAgenda, section: str, ready: bool) -> None:
    require_agenda_editor(actor, agenda)
    if section not in SECTIONS:
        raise ValidationError({"section": _("This is not a section of an agenda.")})

    def change(doc: Doc) -> None:
        doc.get(READY, type=Map)[section] = ready

    live_document_change(kind=AGENDA, object_id=agenda.pk, author=actor.user, change=change)


def agenda_action_status_set(*, actor: Membership, agenda: AdvocacyAgenda, key: str, status: str) -> None:
    require_agenda_editor(actor, agenda)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status of the action plan.")})

    def change(doc: Doc) -> None:
        row = doc.get("actions", type=Map).get(key)
        if not isinstance(row, Map):
            raise ValidationError(_("This action has just been removed by someone else."))
        row["status"] = status

    live_document_change(kind=AGENDA, object_id=agenda.pk, author=actor.user, change=change)
