"""The workspace core: people, workspaces, organisations, memberships, audit, notifications, jobs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    KHMER = "km", _("Khmer")


class NotificationEmail(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    NONE = "none", _("No e-mails")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address; belongs to workspaces through memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    notification_email = models.CharField(
        _("notification e-mails"), max_length=10, choices=NotificationEmail.choices, default=NotificationEmail.DAILY
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Addresses are compared in lower case everywhere (sign-in, imports, invitations).
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Workspace(models.Model):
    """One network (tenant). Everything belongs to exactly one workspace."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("Local NGO")
    INGO = "ingo", _("International NGO")
    GOVERNMENT = "government", _("Government")
    UNIVERSITY = "university", _("University or research body")
    UN_AGENCY = "un_agency", _("UN agency")
    DONOR = "donor", _("Donor")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A member organisation of a workspace (an NGO, a ministry unit, a university)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.NGO)
    province = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True, default="Cambodia")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "workspace", name="organisation_name_unique_in_workspace"),
            models.UniqueConstraint(
                Lower("acronym"),
                "workspace",
                condition=~models.Q(acronym=""),
                name="organisation_acronym_unique_in_workspace",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EXECUTIVE = "executive", _("Executive committee")
    FACILITATOR = "facilitator", _("Facilitator")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    """A person in a workspace, with a role and the organisation they represent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once the invitation e-mail has gone out, so a retried task never sends it twice.
    invitation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__display_name"]
        constraints = [
            models.UniqueConstraint("user", "workspace", name="membership_one_per_person_per_workspace"),
            models.CheckConstraint(
                condition=models.Q(role__in=[choice.value for choice in Role]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.role})"


class AuditEvent(models.Model):
    """Who did what to which object, when, with the values before and after. Written by services."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="audit_workspace_recent")]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}:{self.target_id}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notice to one person. `kind` + `params` are rendered in the reader's language."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set, under a row lock, by whichever e-mail (immediate or digest) carried this notice: a second run
    # of the digest, or a second worker running it at the same time, finds nothing left to send.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_unread"),
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_email_pending",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class JobKind(models.TextChoices):
    ORGANISATIONS_IMPORT = "organisations_import", _("Organisations import")
    PEOPLE_IMPORT = "people_import", _("People import")
    # Policy bank jobs (handlers registered by policybank).
    POLICY_DOCUMENTS_IMPORT = "policy_documents_import", _("Policy bank import")
    DOCUMENT_TEXT_EXTRACT = "document_text_extract", _("Text extraction")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class JobQuerySet(models.QuerySet["Job"]):
    def unfinished(self) -> JobQuerySet:
        return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])


class Job(models.Model):
    """A background task a person waits for. The row, not the broker, is the source of truth."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=40, choices=JobKind.choices)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    # Inputs stay in the database so any worker on any machine can (re)run the job.
    input_name = models.CharField(max_length=255, blank=True)
    input_data = models.BinaryField(default=b"", blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # When the job was last handed to the broker; the sweeper re-enqueues jobs queued too long ago.
    enqueued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_at_most_100"),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class LiveDocument(models.Model):
    """A Yjs document people edit together, addressed as `<kind>/<object_id>` (e.g. `tree/7`).

    The document is its update log: `snapshot` holds the log merged up to `snapshot_through` (an update
    id), and the rows after it are replayed on load. The apps own the objects (problem trees, agendas)
    and read ordinary rows that are materialised from the document up to `materialised_through`.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="live_documents")
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    snapshot = models.BinaryField(default=b"", blank=True)
    snapshot_through = models.BigIntegerField(default=0)
    materialised_through = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_edited_at = models.DateTimeField(null=True, blank=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="live_document_unique_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.object_id}"


class LiveDocumentUpdate(models.Model):
    """One accepted Yjs update, exactly the bytes a client (or a REST write) produced.

    Raw client bytes are kept even after compaction: Yrs and Yjs can disagree on rare updates, and the
    log is what the history view reads.
    """

    document = models.ForeignKey(LiveDocument, on_delete=models.CASCADE, related_name="updates")
    data = models.BinaryField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["document", "id"], name="live_update_document_id")]

    def __str__(self) -> str:
        return f"update {self.pk} of {self.document_id}"


class LiveDocumentChange(models.Model):
    """Who changed which part of a live document, when: the history view.

    Written by materialisation, which replays the new updates one by one and records the paths they
    touched (`nodes/<key>`, `goal`, `actions/<key>`). One person's consecutive edits of one part within
    a few minutes share a row (`first_at`..`last_at`, `edits`).
    """

    document = models.ForeignKey(LiveDocument, on_delete=models.CASCADE, related_name="changes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    path = models.CharField(max_length=200)
    action = models.CharField(max_length=10)  # "added", "edited", "removed"
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    edits = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-last_at", "-id"]
        indexes = [models.Index(fields=["document", "-last_at"], name="live_change_document_recent")]

    def __str__(self) -> str:
        return f"{self.action} {self.path} of {self.document_id}"
