"""Input and output shapes of the policy bank's API (documents, files, themes, imports)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policybank.models import (
    MAX_PUBLISHER,
    MAX_TITLE,
    MAX_YEAR,
    MIN_YEAR,
    DocumentFile,
    DocumentKind,
    DocumentVisibility,
    PolicyDocument,
    Theme,
)
from policybank.selectors import DOCUMENT_REMOVER_ROLES
from workspace.api.serializers import OutputModelSerializer
from workspace.models import Membership, Role

MAX_LIST = 50


# --- Themes ---------------------------------------------------------------------------------------------


class ThemeOutputSerializer(OutputModelSerializer[Theme]):
    # Declared: a model-derived integer field takes its bounds from the database (SQLite and PostgreSQL
    # differ), and the committed schema must be the same for both.
    position = serializers.IntegerField()

    class Meta:
        model = Theme
        fields = ["id", "parent", "code", "name_en", "name_km", "position"]


class ThemeInputSerializer(serializers.Serializer[Any]):
    code = serializers.SlugField(max_length=60)
    name_en = serializers.CharField(max_length=200)
    name_km = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    # DRF moves declared fields off the class, so this does not shadow `Field.parent`.
    parent = serializers.IntegerField(required=False, allow_null=True, default=None)  # type: ignore[assignment]
    position = serializers.IntegerField(required=False, min_value=0, max_value=100_000, default=0)


# --- Documents ------------------------------------------------------------------------------------------


class DocumentPersonOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DocumentFileOutputSerializer(OutputModelSerializer[DocumentFile]):
    # Declared: a model-derived integer field takes its bounds from the database (SQLite and PostgreSQL
    # differ), and the committed schema must be the same for both.
    version = serializers.IntegerField()
    page_count = serializers.IntegerField(allow_null=True)
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["id", "version", "original_name", "content_type", "size", "page_count", "uploaded_by", "uploaded_at"]

    @extend_schema_field(DocumentPersonOutputSerializer(allow_null=True))
    def get_uploaded_by(self, document_file: DocumentFile) -> dict[str, Any] | None:
        user = document_file.uploaded_by
        return {"id": user.pk, "name": str(user)} if user is not None else None


class DocumentPermissionsOutputSerializer(serializers.Serializer[Any]):
    can_edit = serializers.BooleanField()
    can_remove = serializers.BooleanField()


class DocumentOutputSerializer(OutputModelSerializer[PolicyDocument]):
    # Declared: a model-derived integer field takes its bounds from the database (SQLite and PostgreSQL
    # differ), and the committed schema must be the same for both.
    year = serializers.IntegerField(allow_null=True)
    countries = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    current_file = serializers.SerializerMethodField()
    added_by = serializers.SerializerMethodField()
    extraction_error = serializers.SerializerMethodField()
    removed = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = PolicyDocument
        fields = [
            "id",
            "kind",
            "title",
            "other_titles",
            "summary",
            "year",
            "publisher",
            "places",
            "countries",
            "languages",
            "themes",
            "external_url",
            "licence",
            "visibility",
            "group",
            "extraction_status",
            "extraction_error",
            "current_file",
            "added_by",
            "created_at",
            "updated_at",
            "removed",
            "permissions",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, document: PolicyDocument) -> list[str]:
        return sorted(row.code for row in document.country_rows.all())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, document: PolicyDocument) -> list[str]:
        return sorted(row.code for row in document.language_rows.all())

    @extend_schema_field(ThemeOutputSerializer(many=True))
    def get_themes(self, document: PolicyDocument) -> list[dict[str, Any]]:
        return list(ThemeOutputSerializer(document.themes.all(), many=True).data)

    @extend_schema_field(DocumentFileOutputSerializer(allow_null=True))
    def get_current_file(self, document: PolicyDocument) -> dict[str, Any] | None:
        current = max(document.files.all(), key=lambda document_file: document_file.version, default=None)
        return dict(DocumentFileOutputSerializer(current).data) if current is not None else None

    @extend_schema_field(DocumentPersonOutputSerializer(allow_null=True))
    def get_added_by(self, document: PolicyDocument) -> dict[str, Any] | None:
        user = document.added_by
        return {"id": user.pk, "name": str(user)} if user is not None else None

    @extend_schema_field(serializers.CharField(help_text="Why text extraction failed, in the reader's language."))
    def get_extraction_error(self, document: PolicyDocument) -> str:
        # Stored untranslated (policybank.services.extraction); translated for whoever reads it.
        return gettext(document.extraction_error) if document.extraction_error else ""

    @extend_schema_field(serializers.BooleanField())
    def get_removed(self, document: PolicyDocument) -> bool:
        return document.removed_at is not None

    @extend_schema_field(DocumentPermissionsOutputSerializer())
    def get_permissions(self, document: PolicyDocument) -> dict[str, bool]:
        actor: Membership | None = self.context.get("actor")
        if actor is None:
            return {"can_edit": False, "can_remove": False}
        can_edit = actor.role in (Role.ADMIN, Role.EXECUTIVE) or (
            actor.role != Role.OBSERVER and document.added_by_id == actor.user_id
        )
        return {"can_edit": can_edit, "can_remove": actor.role in DOCUMENT_REMOVER_ROLES}


def _validate_titles(value: dict[str, Any]) -> dict[str, str]:
    if len(value) > 10 or not all(
        isinstance(key, str) and 0 < len(key) <= 8 and isinstance(title, str) and 0 < len(title) <= MAX_TITLE
        for key, title in value.items()
    ):
        raise serializers.ValidationError(
            _("Give each translated title as language code → title (at most %(limit)s characters).")
            % {"limit": MAX_TITLE}
        )
    return value


class DocumentFieldsMixin(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=MAX_TITLE)
    other_titles = serializers.DictField(child=serializers.CharField(max_length=MAX_TITLE), required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    year = serializers.IntegerField(required=False, allow_null=True, min_value=MIN_YEAR, max_value=MAX_YEAR)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=MAX_PUBLISHER)
    places = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=MAX_LIST)
    countries = serializers.ListField(
        child=serializers.RegexField(r"^[A-Za-z]{2}$", max_length=2), required=False, max_length=MAX_LIST
    )
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$", max_length=8),
        required=False,
        max_length=MAX_LIST,
    )
    themes = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=MAX_LIST)
    external_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    licence = serializers.CharField(required=False, allow_blank=True, max_length=120)
    visibility = serializers.ChoiceField(choices=DocumentVisibility.choices, required=False)
    group = serializers.IntegerField(required=False, allow_null=True)

    def validate_other_titles(self, value: dict[str, Any]) -> dict[str, str]:
        return _validate_titles(value)


class DocumentCreateInputSerializer(DocumentFieldsMixin):
    """JSON, or multipart with an optional `file` (list fields then as repeated keys)."""

    file = serializers.FileField(required=False, allow_empty_file=True)

    def validate_file(self, file: Any) -> Any:
        return _file_size_check(file)

    def validate_kind(self, value: str) -> str:
        if value == DocumentKind.NETWORK_POSITION:
            raise serializers.ValidationError(_("Network positions are published from an approved agenda."))
        return value


class DocumentUpdateInputSerializer(DocumentFieldsMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


def _file_size_check(file: Any) -> Any:
    # Refused before it is read into memory; the service checks again by content.
    if file is not None and file.size > settings.POLICY_FILE_MAX_BYTES:
        raise serializers.ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.POLICY_FILE_MAX_BYTES)}
        )
    return file


class DocumentFileUploadInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(allow_empty_file=True)

    def validate_file(self, file: Any) -> Any:
        return _file_size_check(file)


class DocumentRemoveQuerySerializer(serializers.Serializer[Any]):
    confirm = serializers.BooleanField(required=False, default=False)


class DocumentCitedOutputSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    citation_count = serializers.IntegerField()


class DocumentsImportInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()

    def validate_file(self, file: Any) -> Any:
        if file.size > settings.IMPORT_MAX_BYTES:
            raise serializers.ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return file
