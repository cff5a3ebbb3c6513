"""Problem trees and advocacy agendas: metadata rows, and the rows materialised from their live documents.

The content people edit together lives in a live document (workspace.LiveDocument, kinds "tree" and
"agenda"); the rows below marked *materialised* are written only by `advocacy.services.materialise`
from that document, so REST, search, review and reports read ordinary rows. Materialised rows are keyed
by the document's own keys (random strings made by the browser) and are kept as tombstones
(`removed_at`) when their part of the document is removed, so the history can still name what was
removed and an undo that brings a key back revives its row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import WorkingGroup
from policybank.models import PolicyDocument
from workspace.models import Organisation, Workspace

KEY_MAX_LENGTH = 40
MAX_TITLE = 200


class TreeKind(models.TextChoices):
    PROBLEM = "problem", _("Problem tree")
    OBJECTIVES = "objectives", _("Objectives tree")


class TreeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class ProblemTree(models.Model):
    """A working group's root-cause analysis (or, made from one, its objectives tree)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="problem_trees")
    kind = models.CharField(max_length=20, choices=TreeKind.choices, default=TreeKind.PROBLEM)
    status = models.CharField(max_length=20, choices=TreeStatus.choices, default=TreeStatus.ACTIVE)
    title = models.CharField(max_length=MAX_TITLE)
    # The problem tree an objectives tree was made from.
    source_tree = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="derived_trees"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in TreeKind]), name="problem_tree_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in TreeStatus]),
                name="problem_tree_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["group", "-created_at"], name="problem_tree_group_recent")]

    def __str__(self) -> str:
        return self.title


class NodeKind(models.TextChoices):
    PROBLEM = "problem", _("Focal problem")
    CAUSE = "cause", _("Cause")
    EFFECT = "effect", _("Effect")


class RowQuerySet[RowT: models.Model](models.QuerySet[RowT]):
    def present(self) -> RowQuerySet[RowT]:
        """The rows still in the document (not tombstones)."""
        return self.filter(removed_at__isnull=True)


class ProblemTreeNode(models.Model):
    """*Materialised*: one node of a tree, with its effective parent (the rule in advocacy.documents)."""

    tree = models.ForeignKey(ProblemTree, on_delete=models.CASCADE, related_name="nodes")
    key = models.CharField(max_length=KEY_MAX_LENGTH)
    kind = models.CharField(max_length=10, choices=NodeKind.choices)
    # The effective parent's key; blank for the focal problem (and, in a damaged document without one,
    # for the top-level nodes).
    parent_key = models.CharField(max_length=KEY_MAX_LENGTH, blank=True)
    label = models.TextField(blank=True)
    position = models.FloatField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = RowQuerySet["ProblemTreeNode"].as_manager()

    class Meta:
        ordering = ["tree", "depth", "position", "key"]
        constraints = [
            models.UniqueConstraint("tree", "key", name="problem_tree_node_key_unique"),
            models.UniqueConstraint(
                "tree",
                condition=models.Q(kind="problem", removed_at__isnull=True),
                name="problem_tree_one_focal_problem",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in NodeKind]), name="problem_tree_node_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="problem") | models.Q(parent_key="", depth=0),
                name="problem_tree_focal_problem_is_the_root",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} of tree {self.tree_id}"


class AgendaStatus(models.TextChoices):
    """DESIGN.md "Agenda workflow"; only drafts are edited, every other status is frozen."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class AdvocacyAgenda(models.Model):
    """A working group's advocacy plan for one issue; its sections below are *materialised*."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="advocacy_agendas")
    title = models.CharField(max_length=MAX_TITLE)
    status = models.CharField(max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    source_tree = models.ForeignKey(
        ProblemTree, on_delete=models.SET_NULL, null=True, blank=True, related_name="agendas"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Materialised: prose as sanitised HTML, the chosen methods and the ready sections as lists of keys
    # in the page's order.
    issue_statement = models.TextField(blank=True)
    goal = models.TextField(blank=True)
    policy_support = models.TextField(blank=True)
    methods = models.JSONField(default=list, blank=True)
    methods_note = models.TextField(blank=True)
    ready = models.JSONField(default=list, blank=True)
    # The network position it was published as (advocacy.services.reviews.agenda_publish).
    published_document = models.ForeignKey(
        PolicyDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in AgendaStatus]),
                name="advocacy_agenda_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="advocacy_agenda_version_positive"),
        ]
        indexes = [models.Index(fields=["group", "-created_at"], name="advocacy_agenda_group_recent")]

    def __str__(self) -> str:
        return self.title


class AgendaRow(models.Model):
    """*Materialised*: one row of a section of an agenda, keyed by its key in the document."""

    # Each section declares `agenda` itself, for its related name (`agenda.objectives`, ...).
    agenda: models.ForeignKey[AdvocacyAgenda, AdvocacyAgenda]
    key = models.CharField(max_length=KEY_MAX_LENGTH)
    position = models.FloatField(default=0)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["agenda", "position", "key"]
        constraints = [
            models.UniqueConstraint("agenda", "key", name="%(class)s_key_unique"),
        ]


class AgendaObjective(AgendaRow):
    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="objectives")
    statement = models.TextField(blank=True)
    due = models.DateField(null=True, blank=True)

    objects = RowQuerySet["AgendaObjective"].as_manager()

    class Meta(AgendaRow.Meta):
        pass

    def __str__(self) -> str:
        return self.statement[:50]


class StakeholderCategory(models.TextChoices):
    DECISION_MAKER = "decision_maker", _("Decision maker")
    INFLUENCER = "influencer", _("Influencer")
    ALLY = "ally", _("Ally")
    OPPONENT = "opponent", _("Opponent")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    OTHER = "other", _("Other")


class StakeholderStance(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSED = "opposed", _("Opposed")
    UNKNOWN = "unknown", _("Unknown")


RATING_MIN, RATING_MAX = 1, 5


class AgendaStakeholder(AgendaRow):
    """A target audience or stakeholder; influence and interest place it on the grid (null: not rated)."""

    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=StakeholderCategory.choices, default=StakeholderCategory.OTHER)
    influence = models.PositiveSmallIntegerField(null=True, blank=True)
    interest = models.PositiveSmallIntegerField(null=True, blank=True)
    # Its position on the issue; "position" is the row's order (document key `stance`).
    stance = models.CharField(max_length=20, choices=StakeholderStance.choices, default=StakeholderStance.UNKNOWN)
    notes = models.TextField(blank=True)

    objects = RowQuerySet["AgendaStakeholder"].as_manager()

    class Meta(AgendaRow.Meta):
        constraints = [
            *AgendaRow.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(influence__isnull=True)
                | models.Q(influence__gte=RATING_MIN, influence__lte=RATING_MAX),
                name="agenda_stakeholder_influence_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(interest__isnull=True)
                | models.Q(interest__gte=RATING_MIN, interest__lte=RATING_MAX),
                name="agenda_stakeholder_interest_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=[choice.value for choice in StakeholderCategory]),
                name="agenda_stakeholder_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(stance__in=[choice.value for choice in StakeholderStance]),
                name="agenda_stakeholder_stance_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:50]


class AgendaMessage(AgendaRow):
    """A key message and its ask, for one audience (a stakeholder's key, blank for everyone)."""

    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="messages")
    stakeholder_key = models.CharField(max_length=KEY_MAX_LENGTH, blank=True)
    message = models.TextField(blank=True)
    ask = models.TextField(blank=True)

    objects = RowQuerySet["AgendaMessage"].as_manager()

    class Meta(AgendaRow.Meta):
        pass

    def __str__(self) -> str:
        return self.message[:50]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaAction(AgendaRow):
    """One activity of the action plan, owned by a member organisation, linked to an objective's key."""

    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="actions")
    activity = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_actions"
    )
    start = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    resources = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    objective_key = models.CharField(max_length=KEY_MAX_LENGTH, blank=True)

    objects = RowQuerySet["AgendaAction"].as_manager()

    class Meta(AgendaRow.Meta):
        constraints = [
            *AgendaRow.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in ActionStatus]),
                name="agenda_action_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.activity[:50]


ACTION_REMINDER_DAYS_DEFAULT = 3
ACTION_REMINDER_DAYS_MAX = 60


class ActionFollowUp(models.Model):
    """The follow-through status of an action of an approved or published agenda (advocacy.services.actions).

    Kept beside the materialised row rather than in the live document, so following up never unfreezes
    the agenda; one row per action, made on the first update.
    """

    action = models.OneToOneField(AgendaAction, on_delete=models.CASCADE, related_name="follow_up")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in ActionStatus]),
                name="action_follow_up_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} ({self.action_id})"


class ProgressNote(models.Model):
    """A representative's note on how an action of an approved agenda is going."""

    action = models.ForeignKey(AgendaAction, on_delete=models.CASCADE, related_name="progress_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="progress_note_text_not_blank"),
        ]

    def __str__(self) -> str:
        return self.text[:50]


class ActionReminder(models.Model):
    """That the reminder before an action's due date went out: one per action per due date."""

    action = models.ForeignKey(AgendaAction, on_delete=models.CASCADE, related_name="reminders")
    due = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("action", "due", name="action_reminder_once_per_due_date"),
        ]

    def __str__(self) -> str:
        return f"reminder for {self.action_id} due {self.due}"


class AgendaIndicator(AgendaRow):
    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="indicators")
    name = models.TextField(blank=True)
    baseline = models.TextField(blank=True)
    target = models.TextField(blank=True)
    verification = models.TextField(blank=True)
    objective_key = models.CharField(max_length=KEY_MAX_LENGTH, blank=True)

    objects = RowQuerySet["AgendaIndicator"].as_manager()

    class Meta(AgendaRow.Meta):
        pass

    def __str__(self) -> str:
        return self.name[:50]


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class AgendaRisk(AgendaRow):
    """A risk and its mitigation; likelihood and impact are blank until someone rates them."""

    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="risks")
    risk = models.TextField(blank=True)
    likelihood = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    impact = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    mitigation = models.TextField(blank=True)

    objects = RowQuerySet["AgendaRisk"].as_manager()

    class Meta(AgendaRow.Meta):
        constraints = [
            *AgendaRow.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(likelihood__in=["", *[choice.value for choice in RiskLevel]]),
                name="agenda_risk_likelihood_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__in=["", *[choice.value for choice in RiskLevel]]),
                name="agenda_risk_impact_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.risk[:50]


class Citation(models.Model):
    """Evidence: a policy-bank document cited from a problem-tree node or an agenda section.

    A citation outlives its document's removal from the policy bank (documents are only ever removed
    softly), so the advocacy work keeps showing what it rested on, marked as removed.
    """

    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="citations")
    tree = models.ForeignKey(ProblemTree, on_delete=models.CASCADE, null=True, blank=True, related_name="citations")
    # The node's key in the tree's live document.
    node_key = models.CharField(max_length=KEY_MAX_LENGTH, blank=True)
    agenda = models.ForeignKey(
        AdvocacyAgenda, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    # One of advocacy.documents.SECTIONS.
    section = models.CharField(max_length=40, blank=True)
    # "12" or "12-14"; free text because reports number their pages in many ways.
    page = models.CharField(max_length=20, blank=True)
    quote = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Exactly one of: a node of a tree, a section of an agenda.
            models.CheckConstraint(
                condition=(models.Q(tree__isnull=False, agenda__isnull=True, section="") & ~models.Q(node_key=""))
                | (models.Q(agenda__isnull=False, tree__isnull=True, node_key="") & ~models.Q(section="")),
                name="citation_one_target",
            ),
            # A document is cited once per place and page (another page cites another part of it).
            models.UniqueConstraint(
                "document",
                "tree",
                "node_key",
                "page",
                condition=models.Q(tree__isnull=False),
                name="citation_once_per_node_page",
            ),
            models.UniqueConstraint(
                "document",
                "agenda",
                "section",
                "page",
                condition=models.Q(agenda__isnull=False),
                name="citation_once_per_section_page",
            ),
        ]
        indexes = [
            models.Index(fields=["tree", "node_key"], name="citation_tree_node"),
            models.Index(fields=["agenda", "section"], name="citation_agenda_section"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.node_key or self.section}"


# --- Review by the executive committee (DESIGN.md "Agenda workflow") -------------------------------------

APPROVALS_MAX = 20
# How long the executive committee has to decide a submission before the review dashboard calls it overdue.
REVIEW_DAYS_DEFAULT = 14
REVIEW_DAYS_MAX = 90


class ReviewSettings(models.Model):
    """A workspace's review rules; a workspace without a row uses the defaults (advocacy.selectors.reviews)."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="review_settings")
    approvals_required = models.PositiveSmallIntegerField(default=1)
    # Reviewers see each other's reviews of a submission only once they have reviewed it themselves.
    reviews_hidden_until_own = models.BooleanField(default=True)
    # [{"key": "evidence", "label": ""}, ...]; a blank label is the (translated) default criterion's name.
    rubric = models.JSONField(default=list, blank=True)
    # How many days before an action's due date its organisation's representatives are reminded.
    action_reminder_days = models.PositiveSmallIntegerField(default=ACTION_REMINDER_DAYS_DEFAULT)
    # Days a submission may await a decision before it is overdue on the review dashboard.
    review_days = models.PositiveSmallIntegerField(default=REVIEW_DAYS_DEFAULT)

    class Meta:
        verbose_name_plural = "review settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approvals_required__gte=1, approvals_required__lte=APPROVALS_MAX),
                name="review_settings_approvals_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(action_reminder_days__lte=ACTION_REMINDER_DAYS_MAX),
                name="review_settings_action_reminder_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(review_days__gte=1, review_days__lte=REVIEW_DAYS_MAX),
                name="review_settings_review_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"review settings of workspace {self.workspace_id}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class AgendaSubmission(models.Model):
    """A frozen version of an agenda sent to the executive committee: the content of every section then."""

    agenda = models.ForeignKey(AdvocacyAgenda, on_delete=models.CASCADE, related_name="submissions")
    # 1, 2, ... per agenda, across its versions.
    number = models.PositiveIntegerField()
    # The agenda's version when it was submitted (a reopened agenda is version 2, ...).
    agenda_version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING)
    title = models.CharField(max_length=MAX_TITLE)
    # advocacy.selectors.reviews.agenda_content: section key -> its content (prose HTML, rows, methods).
    content = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agenda", "-number"]
        constraints = [
            models.UniqueConstraint("agenda", "number", name="agenda_submission_number_unique"),
            # At most one submission of an agenda awaits review at a time.
            models.UniqueConstraint(
                "agenda", condition=models.Q(status="pending"), name="agenda_submission_one_pending"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in SubmissionStatus]),
                name="agenda_submission_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, agenda_version__gte=1), name="agenda_submission_numbers_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", decided_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(decided_at__isnull=False)),
                name="agenda_submission_decided_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (submission {self.number})"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")


class AgendaReview(models.Model):
    """One executive's review of one submission: rubric scores, comments on sections and a decision."""

    submission = models.ForeignKey(AgendaSubmission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    reasons = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submission", "created_at", "id"]
        constraints = [
            models.UniqueConstraint("submission", "reviewer", name="agenda_review_once_per_reviewer"),
            models.CheckConstraint(
                condition=models.Q(decision__in=[choice.value for choice in ReviewDecision]),
                name="agenda_review_decision_valid",
            ),
            # Asking for changes without saying why leaves the group guessing.
            models.CheckConstraint(
                condition=~models.Q(decision="request_changes", reasons=""),
                name="agenda_review_changes_have_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} by {self.reviewer_id} on submission {self.submission_id}"


class ReviewScore(models.Model):
    """A rubric criterion's 1–5 score; the criterion's name is kept as it was when the review was written."""

    review = models.ForeignKey(AgendaReview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=KEY_MAX_LENGTH)
    label = models.CharField(max_length=MAX_TITLE, blank=True)
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint("review", "criterion", name="review_score_once_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__gte=RATING_MIN, score__lte=RATING_MAX), name="review_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class CommentResponse(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class ReviewComment(models.Model):
    """A reviewer's comment on one section, and the group's response to it (one response per comment)."""

    review = models.ForeignKey(AgendaReview, on_delete=models.CASCADE, related_name="comments")
    # One of advocacy.documents.SECTIONS.
    section = models.CharField(max_length=40)
    body = models.TextField()
    response = models.CharField(max_length=20, choices=CommentResponse.choices, blank=True)
    response_reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response__in=["", *[choice.value for choice in CommentResponse]]),
                name="review_comment_response_valid",
            ),
            # Declining a reviewer's comment needs a reason the reviewer can read.
            models.CheckConstraint(
                condition=~models.Q(response="declined", response_reason=""),
                name="review_comment_declined_has_reason",
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="review_comment_not_blank"),
        ]
        indexes = [models.Index(fields=["review", "section"], name="review_comment_section")]

    def __str__(self) -> str:
        return f"{self.section}: {self.body[:50]}"
