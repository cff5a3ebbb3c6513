"""The policy bank: the network's library of evidence (laws, policies, research, positions, ...).

A document is metadata plus, optionally, uploaded files (every version kept; the newest is current).
Text is extracted from the current file by a background job and kept on the document (`body_text`),
so search reads one row per document. The search indexes themselves are not model fields: PostgreSQL
keeps a generated tsvector column and trigram indexes, SQLite an FTS5 table kept in step by triggers
(migrations 0002; policybank.search reads them).

Removing a document is a soft removal (`removed_at`): citations made from the advocacy work keep
pointing at it and show it as removed; it leaves search and lists at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import WorkingGroup
from workspace.models import Workspace

MAX_TITLE = 300
MAX_PUBLISHER = 200
MIN_YEAR = 1900
MAX_YEAR = 2100


class DocumentKind(models.TextChoices):
    LAW = "law", _("Law or regulation")
    POLICY = "policy", _("Policy")
    STRATEGY = "strategy", _("Strategy or plan")
    RESEARCH = "research", _("Research report")
    CASE_STUDY = "case_study", _("Case study")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    GUIDELINE = "guideline", _("Guideline")
    DATASET = "dataset", _("Dataset")
    # An advocacy agenda the executive committee approved, published by the network (issue 6 wires it).
    NETWORK_POSITION = "network_position", _("Network position")


class DocumentVisibility(models.TextChoices):
    WORKSPACE = "workspace", _("Everyone in the workspace")
    GROUP = "group", _("Only the working group")


class ExtractionStatus(models.TextChoices):
    NONE = "none", _("No file")
    PENDING = "pending", _("Waiting for text extraction")
    RUNNING = "running", _("Extracting text")
    DONE = "done", _("Text extracted")
    EMPTY = "empty", _("No text found")
    FAILED = "failed", _("Text could not be extracted")


class Theme(models.Model):
    """One entry of the workspace's theme taxonomy (e.g. SDG 4 and its targets, the groups' sub-sectors)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="policy_themes")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    code = models.SlugField(max_length=60)
    name_en = models.CharField(max_length=200)
    name_km = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint("workspace", "code", name="policy_theme_code_unique"),
            models.CheckConstraint(condition=~models.Q(name_en=""), name="policy_theme_name_required"),
        ]

    def __str__(self) -> str:
        return self.name_en


class PolicyDocumentQuerySet(models.QuerySet["PolicyDocument"]):
    def present(self) -> PolicyDocumentQuerySet:
        return self.filter(removed_at__isnull=True)


class PolicyDocument(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="policy_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    # The title in the document's own (first) language, and its translations {language code: title}.
    title = models.CharField(max_length=MAX_TITLE)
    other_titles = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publisher = models.CharField(max_length=MAX_PUBLISHER, blank=True)
    # Provinces or other places below the country, as written (shown and searched, not a facet).
    places = models.JSONField(default=list, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="documents")
    external_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=120, blank=True)
    visibility = models.CharField(
        max_length=20, choices=DocumentVisibility.choices, default=DocumentVisibility.WORKSPACE
    )
    # The group a group-private document belongs to (and, for a workspace document, the group that added it).
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="policy_documents"
    )
    # The text of the current file, written by the extraction job; search reads it from here.
    body_text = models.TextField(blank=True)
    extraction_status = models.CharField(max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.NONE)
    # Why extraction failed, in words for people (translated when shown).
    extraction_error = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="policy_document_title_required"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in DocumentKind]),
                name="policy_document_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=[choice.value for choice in DocumentVisibility]),
                name="policy_document_visibility_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(extraction_status__in=[choice.value for choice in ExtractionStatus]),
                name="policy_document_extraction_status_valid",
            ),
            # A group-private document names its group.
            models.CheckConstraint(
                condition=~models.Q(visibility=DocumentVisibility.GROUP) | models.Q(group__isnull=False),
                name="policy_document_private_has_group",
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="policy_document_year_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "kind"], name="policy_document_kind"),
            models.Index(fields=["workspace", "year"], name="policy_document_year"),
            models.Index(fields=["workspace", "publisher"], name="policy_doc_publisher"),
            # Browsing and "newest" walk this in order and stop at a page, instead of sorting every match.
            models.Index(fields=["workspace", "-created_at", "-id"], name="policy_document_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentCountry(models.Model):
    """A country a document covers (ISO 3166-1 alpha-2); rows, so facets count them in the database."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="country_rows")
    code = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint("document", "code", name="policy_document_country_unique"),
            models.CheckConstraint(condition=Exact(Length("code"), 2), name="policy_document_country_code"),
        ]
        indexes = [models.Index(fields=["code", "document"], name="policy_country_code_ix")]

    def __str__(self) -> str:
        return self.code


class DocumentLanguage(models.Model):
    """A language a document is written in (a language code such as "en" or "km")."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="language_rows")
    code = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint("document", "code", name="policy_document_language_unique"),
            models.CheckConstraint(condition=~models.Q(code=""), name="policy_document_language_code"),
        ]
        indexes = [models.Index(fields=["code", "document"], name="policy_language_code_ix")]

    def __str__(self) -> str:
        return self.code


class KhmerTextChunk(models.Model):
    """A piece of the Khmer text of a document, for substring search on PostgreSQL.

    Khmer is written without spaces between words, so a Khmer word is searched as a substring, through a
    trigram index. Checking a candidate against the whole text meant reading and decompressing a long
    body for every candidate; pieces of 600 characters (overlapping by 100, so a word of up to 100
    characters is always inside one) are checked in place. Written only by a database trigger on the
    documents (migration 0005), so every writer keeps them in step; SQLite searches its FTS5 trigram
    table instead and leaves this table empty."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    def __str__(self) -> str:
        return self.text[:40]


def document_file_path(instance: DocumentFile, filename: str) -> str:
    # No name from the uploader in the path: files are only ever served through the permission check.
    return f"policybank/{instance.document.workspace_id}/{instance.document_id}/{instance.sha256}"


class DocumentFile(models.Model):
    """One uploaded version of a document's file; the newest is the current one."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to=document_file_path, max_length=300)
    original_name = models.CharField(max_length=255)
    # The type found in the content (not the name's extension), e.g. "application/pdf".
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint("document", "version", name="policy_document_file_version_unique"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="policy_document_file_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"
