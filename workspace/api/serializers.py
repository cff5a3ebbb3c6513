"""Input and output shapes of the workspace core API."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workspace.models import (
    AuditEvent,
    Job,
    JobKind,
    Language,
    Membership,
    Notification,
    NotificationEmail,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from workspace.services.notifications import notification_message


class OutputModelSerializer[ModelT: models.Model](serializers.ModelSerializer[ModelT]):
    """Output shapes are read-only, so the schema marks every field as always present."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


@cache
def paginated(serializer_class: type[serializers.BaseSerializer[Any]]) -> type[serializers.Serializer[Any]]:
    """The page envelope of a list endpoint, named after its items (`PaginatedMembershipList`)."""
    name = "Paginated" + serializer_class.__name__.removesuffix("OutputSerializer") + "List"
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


class UserSummaryOutputSerializer(OutputModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "email", "display_name"]


class OrganisationSummaryOutputSerializer(OutputModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name", "acronym"]


class MyWorkspaceOutputSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField(source="workspace.slug")
    name = serializers.CharField(source="workspace.name")
    role = serializers.ChoiceField(choices=Role.choices)
    # The organisation the person represents here: the screens that follow its actions say so when there is none.
    organisation = OrganisationSummaryOutputSerializer(allow_null=True)


class MeOutputSerializer(OutputModelSerializer[User]):
    workspaces = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "display_name", "preferred_language", "workspaces"]

    @extend_schema_field(MyWorkspaceOutputSerializer(many=True))
    def get_workspaces(self, user: User) -> list[dict[str, Any]]:
        from workspace.selectors import workspace_list_for_user

        return list(MyWorkspaceOutputSerializer(workspace_list_for_user(user=user), many=True).data)


class MeUpdateInputSerializer(serializers.Serializer[User]):
    display_name = serializers.CharField(max_length=150, required=False)
    preferred_language = serializers.ChoiceField(choices=Language.choices, required=False)


class NotificationSettingsSerializer(serializers.Serializer[Any]):
    notification_email = serializers.ChoiceField(
        choices=NotificationEmail.choices,
        help_text="immediate: an e-mail per notification; daily: one digest a day; none: no e-mails.",
    )


class LoginInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenOutputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField()


class PasswordChangeInputSerializer(serializers.Serializer[Any]):
    old_password = serializers.CharField(trim_whitespace=False)
    new_password = serializers.CharField(trim_whitespace=False)


class PasswordResetInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()


class PasswordResetConfirmInputSerializer(serializers.Serializer[Any]):
    uid = serializers.CharField()
    token = serializers.CharField()
    new_password = serializers.CharField(trim_whitespace=False)


class OrganisationOutputSerializer(OutputModelSerializer[Organisation]):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "kind",
            "province",
            "country",
            "contact_name",
            "contact_email",
            "contact_phone",
            "member_count",
        ]


class OrganisationInputSerializer(serializers.Serializer[Organisation]):
    name = serializers.CharField(max_length=200)
    acronym = serializers.CharField(max_length=30, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False)
    province = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)


class MembershipOutputSerializer(OutputModelSerializer[Membership]):
    user = UserSummaryOutputSerializer(read_only=True)
    organisation = OrganisationSummaryOutputSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "organisation", "is_active", "created_at"]


class MembershipInviteInputSerializer(serializers.Serializer[Membership]):
    email = serializers.EmailField()
    display_name = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices, default=Role.MEMBER)
    organisation_id = serializers.IntegerField(required=False, allow_null=True)
    preferred_language = serializers.ChoiceField(choices=Language.choices, default=Language.ENGLISH)


class MembershipUpdateInputSerializer(serializers.Serializer[Membership]):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    organisation_id = serializers.IntegerField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class JobRowErrorOutputSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="The line in the file, counting the header as line 1.")
    column = serializers.CharField()
    message = serializers.CharField()


class ImportResultOutputSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rows = serializers.IntegerField()


class JobOutputSerializer(OutputModelSerializer[Job]):
    # Declared so the schema says 0–100 rather than the database's integer range, which differs by vendor.
    progress = serializers.IntegerField(min_value=0, max_value=100, read_only=True)
    result = ImportResultOutputSerializer(allow_null=True, read_only=True)
    # DRF's metaclass moves declared fields off the class, so this does not shadow `Serializer.errors`.
    errors = JobRowErrorOutputSerializer(many=True, read_only=True)  # type: ignore[assignment]

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "input_name",
            "result",
            "errors",
            "error",
            "created_at",
            "finished_at",
        ]


class ImportStartInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=[("organisations", _("Organisations")), ("people", _("People"))])
    file = serializers.FileField()

    def validate_file(self, file: Any) -> Any:
        if file.size > settings.IMPORT_MAX_BYTES:
            raise serializers.ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        return file

    def job_kind(self) -> str:
        return {"organisations": JobKind.ORGANISATIONS_IMPORT, "people": JobKind.PEOPLE_IMPORT}[
            self.validated_data["kind"]
        ]


class ImportTemplateQuerySerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=[("organisations", _("Organisations")), ("people", _("People"))])


class AuditEventOutputSerializer(OutputModelSerializer[AuditEvent]):
    actor = UserSummaryOutputSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AuditEvent
        fields = ["id", "actor", "verb", "target_type", "target_id", "target_repr", "before", "after", "created_at"]


class NotificationOutputSerializer(OutputModelSerializer[Notification]):
    workspace_slug = serializers.CharField(source="workspace.slug", read_only=True)
    message = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "workspace_slug", "kind", "message", "url", "read_at", "created_at"]

    def get_message(self, notification: Notification) -> str:
        return notification_message(notification)


class UnreadCountOutputSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
