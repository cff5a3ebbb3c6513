"""Input and output shapes of the problem-tree and advocacy-agenda API (CONTRACT §4)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.documents import METHODS, SECTIONS
from advocacy.models import (
    MAX_TITLE,
    ActionStatus,
    AdvocacyAgenda,
    AgendaAction,
    AgendaIndicator,
    AgendaMessage,
    AgendaObjective,
    AgendaRisk,
    AgendaStakeholder,
    AgendaStatus,
    NodeKind,
    ProblemTree,
    ProblemTreeNode,
    RiskLevel,
    StakeholderCategory,
    StakeholderStance,
    TreeKind,
    TreeStatus,
)
from advocacy.selectors import GroupWorkPermissions, Person
from advocacy.services import MAX_LABEL
from groups.models import MAX_DOTS_PER_PERSON, DotVoteStatus
from groups.services.votes import MAX_VOTE_MINUTES
from workspace.api.serializers import OrganisationSummaryOutputSerializer, OutputModelSerializer

SECTION_CHOICES = [(section, section) for section in SECTIONS]
METHOD_CHOICES = [(method, method) for method in METHODS]


class AdvocacyPersonOutputSerializer(serializers.Serializer[Person]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AdvocacyGroupOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _person(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.display_name}


def _editors(obj: Any, context: Mapping[str, Any]) -> list[dict[str, Any]]:
    people: list[Person] = context["last_editors"].get(obj.pk, [])
    return [{"id": person.id, "name": person.name} for person in people]


# --- Problem trees ------------------------------------------------------------------------------------


class TreeNodeCountsOutputSerializer(serializers.Serializer[Any]):
    causes = serializers.IntegerField(help_text="Causes (means in an objectives tree), at any depth.")
    effects = serializers.IntegerField(help_text="Effects (ends in an objectives tree), at any depth.")


class TreeOutputSerializer(OutputModelSerializer[ProblemTree]):
    """A tree in a group's list. `context`: `permissions` (the group's), `last_editors` (id -> people)."""

    kind = serializers.ChoiceField(choices=TreeKind.choices)
    status = serializers.ChoiceField(choices=TreeStatus.choices)
    node_counts = serializers.SerializerMethodField()
    last_edited_at = serializers.DateTimeField(source="last_edited")
    last_editors = serializers.SerializerMethodField(help_text="Up to 3, most recent first.")
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = ProblemTree
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "source_tree_id",
            "node_counts",
            "created_at",
            "last_edited_at",
            "last_editors",
            "can_edit",
        ]

    @extend_schema_field(TreeNodeCountsOutputSerializer)
    def get_node_counts(self, tree: ProblemTree) -> dict[str, int]:
        return {"causes": tree.cause_count, "effects": tree.effect_count}  # type: ignore[attr-defined]

    @extend_schema_field(AdvocacyPersonOutputSerializer(many=True))
    def get_last_editors(self, tree: ProblemTree) -> list[dict[str, Any]]:
        return _editors(tree, self.context)

    def get_can_edit(self, tree: ProblemTree) -> bool:
        permissions: GroupWorkPermissions = self.context["permissions"]
        return permissions.edit and tree.status == TreeStatus.ACTIVE


class TreeNodeOutputSerializer(serializers.Serializer[ProblemTreeNode]):
    key = serializers.CharField()
    parent_key = serializers.SerializerMethodField(help_text="The effective parent (CONTRACT §2); null at the root.")
    kind = serializers.ChoiceField(choices=NodeKind.choices)
    # DRF's metaclass moves declared fields off the class, so this does not shadow `Field.label`.
    label = serializers.CharField()  # type: ignore[assignment]
    position = serializers.FloatField()
    depth = serializers.IntegerField(help_text="0 for the focal problem, 1 just below or above it, ...")
    dots = serializers.SerializerMethodField(help_text="Dots in the tree's latest closed cause vote.")
    is_top = serializers.SerializerMethodField(help_text="Among the top causes of that vote.")

    def get_parent_key(self, node: ProblemTreeNode) -> str | None:
        return node.parent_key or None

    def get_dots(self, node: ProblemTreeNode) -> int:
        result = self.context.get("results", {}).get(node.key)
        return result.dots if result is not None else 0

    def get_is_top(self, node: ProblemTreeNode) -> bool:
        result = self.context.get("results", {}).get(node.key)
        return result.is_top if result is not None else False


class TreeVoteOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    question = serializers.CharField()
    status = serializers.ChoiceField(choices=DotVoteStatus.choices)
    session_id = serializers.IntegerField()
    meeting_id = serializers.IntegerField(source="session.meeting_id")


class TreeVoteSessionOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    meeting_id = serializers.IntegerField()
    meeting_title = serializers.CharField(source="meeting.title")


class TreeDetailOutputSerializer(serializers.Serializer[Any]):
    """The tree screen; built from `advocacy.selectors.TreeDetail`."""

    id = serializers.IntegerField(source="tree.pk")
    title = serializers.CharField(source="tree.title")
    kind = serializers.ChoiceField(source="tree.kind", choices=TreeKind.choices)
    status = serializers.ChoiceField(source="tree.status", choices=TreeStatus.choices)
    group = AdvocacyGroupOutputSerializer(source="tree.group")
    source_tree_id = serializers.IntegerField(source="tree.source_tree_id", allow_null=True)
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(source="tree.created_at")
    last_edited_at = serializers.DateTimeField()
    last_editors = AdvocacyPersonOutputSerializer(many=True, help_text="Up to 3, most recent first.")
    can_edit = serializers.BooleanField(source="permissions.edit")
    can_delete = serializers.BooleanField(source="permissions.delete")
    nodes = serializers.SerializerMethodField(
        help_text="In outline order: each node followed by its subtree; the focal problem's causes before its effects."
    )
    top_vote = TreeVoteOutputSerializer(
        allow_null=True, help_text="The tree's latest cause vote, open or closed (dots come from the latest closed)."
    )
    vote_sessions = TreeVoteSessionOutputSerializer(
        many=True, help_text="Open group sessions of the tree's group where this person may open a vote on its causes."
    )

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_created_by(self, detail: Any) -> dict[str, Any] | None:
        return _person(detail.tree.created_by)

    @extend_schema_field(TreeNodeOutputSerializer(many=True))
    def get_nodes(self, detail: Any) -> list[dict[str, Any]]:
        return list(TreeNodeOutputSerializer(detail.nodes, many=True, context={"results": detail.results}).data)


class TreeCreateInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=MAX_TITLE)
    focal_problem = serializers.CharField(max_length=MAX_LABEL, help_text="The label of the focal problem.")


class TreeUpdateInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=MAX_TITLE, required=False)


class TreeNodeCreateInputSerializer(serializers.Serializer[Any]):
    parent_key = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=NodeKind.choices, help_text="`cause` or `effect`.")
    label = serializers.CharField(max_length=MAX_LABEL)  # type: ignore[assignment]


class TreeNodeUpdateInputSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(max_length=MAX_LABEL, required=False)  # type: ignore[assignment]
    parent_key = serializers.CharField(max_length=40, required=False, help_text="Move below this node.")
    position = serializers.FloatField(
        required=False, help_text="Order among siblings; without it a moved node goes last."
    )


class TreeObjectivesCreateInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=MAX_TITLE, required=False, allow_blank=True)


class TreeCauseVoteInputSerializer(serializers.Serializer[Any]):
    session_id = serializers.IntegerField(help_text="An open session of the tree's group.")
    dots_per_person = serializers.IntegerField(min_value=1, max_value=MAX_DOTS_PER_PERSON)
    closes_in_minutes = serializers.IntegerField(
        min_value=1, max_value=MAX_VOTE_MINUTES, required=False, help_text="5 if not given."
    )


# --- History -----------------------------------------------------------------------------------------


class HistoryTargetOutputSerializer(serializers.Serializer[Any]):
    type = serializers.ChoiceField(choices=[("node", "node"), ("section", "section"), ("row", "row")])
    section = serializers.CharField(help_text="`nodes` in a tree; an agenda's section key.")
    key = serializers.CharField(allow_null=True, help_text="The node's or row's key (a method's key in `methods`).")
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="What to call it, in the person's language; a removed one keeps the text it last had."
    )
    removed = serializers.BooleanField()


class HistoryEntryOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    author = AdvocacyPersonOutputSerializer(allow_null=True)
    action = serializers.ChoiceField(choices=[("added", "added"), ("edited", "edited"), ("removed", "removed")])
    path = serializers.CharField()
    target = HistoryTargetOutputSerializer()
    first_at = serializers.DateTimeField()
    last_at = serializers.DateTimeField()
    edits = serializers.IntegerField(help_text="Consecutive edits merged into this line.")


# --- Agendas -----------------------------------------------------------------------------------------


class AgendaReadySectionsOutputSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    total = serializers.IntegerField()


class AgendaOutputSerializer(OutputModelSerializer[AdvocacyAgenda]):
    """An agenda in a group's list. `context`: `permissions` (the group's), `last_editors` (id -> people)."""

    status = serializers.ChoiceField(choices=AgendaStatus.choices)
    # Declared: a model-derived integer field takes its bounds from the database (SQLite and PostgreSQL
    # differ), and the committed schema must be the same for both.
    version = serializers.IntegerField()
    ready_sections = serializers.SerializerMethodField()
    last_edited_at = serializers.DateTimeField(source="last_edited")
    last_editors = serializers.SerializerMethodField(help_text="Up to 3, most recent first.")
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = AdvocacyAgenda
        fields = [
            "id",
            "title",
            "status",
            "version",
            "source_tree_id",
            "ready_sections",
            "created_at",
            "last_edited_at",
            "last_editors",
            "can_edit",
        ]

    @extend_schema_field(AgendaReadySectionsOutputSerializer)
    def get_ready_sections(self, agenda: AdvocacyAgenda) -> dict[str, int]:
        ready = agenda.ready if isinstance(agenda.ready, list) else []
        return {"count": len(set(ready) & set(SECTIONS)), "total": len(SECTIONS)}

    @extend_schema_field(AdvocacyPersonOutputSerializer(many=True))
    def get_last_editors(self, agenda: AdvocacyAgenda) -> list[dict[str, Any]]:
        return _editors(agenda, self.context)

    def get_can_edit(self, agenda: AdvocacyAgenda) -> bool:
        permissions: GroupWorkPermissions = self.context["permissions"]
        return permissions.edit and agenda.status == AgendaStatus.DRAFT


class AgendaObjectiveOutputSerializer(OutputModelSerializer[AgendaObjective]):
    class Meta:
        model = AgendaObjective
        fields = ["key", "position", "statement", "due"]


class AgendaStakeholderOutputSerializer(OutputModelSerializer[AgendaStakeholder]):
    category = serializers.ChoiceField(choices=StakeholderCategory.choices)
    influence = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, help_text="Null: not rated.")
    interest = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, help_text="Null: not rated.")
    stance = serializers.ChoiceField(
        choices=StakeholderStance.choices, help_text="Its position on the issue (document key `stance`)."
    )

    class Meta:
        model = AgendaStakeholder
        fields = ["key", "position", "name", "category", "influence", "interest", "stance", "notes"]


class AgendaMessageOutputSerializer(OutputModelSerializer[AgendaMessage]):
    stakeholder = serializers.SerializerMethodField(help_text="The audience's stakeholder key; null: everyone.")

    class Meta:
        model = AgendaMessage
        fields = ["key", "position", "stakeholder", "message", "ask"]

    def get_stakeholder(self, row: AgendaMessage) -> str | None:
        return row.stakeholder_key or None


class AgendaActionOutputSerializer(OutputModelSerializer[AgendaAction]):
    organisation = OrganisationSummaryOutputSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    objective = serializers.SerializerMethodField(help_text="The linked objective's key.")

    class Meta:
        model = AgendaAction
        fields = ["key", "position", "activity", "organisation", "start", "due", "resources", "status", "objective"]

    def get_objective(self, row: AgendaAction) -> str | None:
        return row.objective_key or None


class AgendaIndicatorOutputSerializer(OutputModelSerializer[AgendaIndicator]):
    objective = serializers.SerializerMethodField(help_text="The linked objective's key.")

    class Meta:
        model = AgendaIndicator
        fields = ["key", "position", "name", "baseline", "target", "verification", "objective"]

    def get_objective(self, row: AgendaIndicator) -> str | None:
        return row.objective_key or None


class AgendaRiskOutputSerializer(OutputModelSerializer[AgendaRisk]):
    likelihood = serializers.SerializerMethodField()
    impact = serializers.SerializerMethodField()

    class Meta:
        model = AgendaRisk
        fields = ["key", "position", "risk", "likelihood", "impact", "mitigation"]

    @extend_schema_field(serializers.ChoiceField(choices=RiskLevel.choices, allow_null=True))
    def get_likelihood(self, row: AgendaRisk) -> str | None:
        return row.likelihood or None

    @extend_schema_field(serializers.ChoiceField(choices=RiskLevel.choices, allow_null=True))
    def get_impact(self, row: AgendaRisk) -> str | None:
        return row.impact or None


class AgendaDetailOutputSerializer(serializers.Serializer[Any]):
    """The agenda screen; built from `advocacy.selectors.AgendaDetail`. Prose sections are sanitised HTML."""

    id = serializers.IntegerField(source="agenda.pk")
    title = serializers.CharField(source="agenda.title")
    status = serializers.ChoiceField(source="agenda.status", choices=AgendaStatus.choices)
    version = serializers.IntegerField(source="agenda.version")
    group = AdvocacyGroupOutputSerializer(source="agenda.group")
    source_tree_id = serializers.IntegerField(source="agenda.source_tree_id", allow_null=True)
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(source="agenda.created_at")
    last_edited_at = serializers.DateTimeField()
    last_editors = AdvocacyPersonOutputSerializer(many=True, help_text="Up to 3, most recent first.")
    can_edit = serializers.BooleanField(source="permissions.edit")
    can_delete = serializers.BooleanField(source="permissions.delete")
    issue_statement = serializers.CharField(source="agenda.issue_statement")
    goal = serializers.CharField(source="agenda.goal")
    policy_support = serializers.CharField(source="agenda.policy_support")
    methods = serializers.ListField(source="agenda.methods", child=serializers.ChoiceField(choices=METHOD_CHOICES))
    methods_note = serializers.CharField(source="agenda.methods_note")
    ready = serializers.ListField(
        source="ready_sections", child=serializers.ChoiceField(choices=SECTION_CHOICES), help_text="In page order."
    )
    objectives = AgendaObjectiveOutputSerializer(many=True)
    stakeholders = AgendaStakeholderOutputSerializer(many=True)
    messages = AgendaMessageOutputSerializer(many=True)
    actions = AgendaActionOutputSerializer(many=True)
    indicators = AgendaIndicatorOutputSerializer(many=True)
    risks = AgendaRiskOutputSerializer(many=True)

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_created_by(self, detail: Any) -> dict[str, Any] | None:
        return _person(detail.agenda.created_by)


class AgendaCreateInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=MAX_TITLE)
    source_tree_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Prefill from this tree of the group: the issue from its focal problem, objectives from the "
        "first-level means (objectives tree) or causes restated as positives (problem tree).",
    )


class AgendaUpdateInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=MAX_TITLE, required=False)


class AgendaSectionReadyInputSerializer(serializers.Serializer[Any]):
    ready = serializers.BooleanField()


class AgendaActionUpdateInputSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
