"""Input and output shapes of the working-groups API."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import GroupMembership, GroupRole, Visibility, WorkingGroup
from groups.selectors import group_member_organisation
from workspace.api.serializers import (
    MyWorkspaceOutputSerializer,
    NotificationOutputSerializer,
    OrganisationSummaryOutputSerializer,
    OutputModelSerializer,
    UserSummaryOutputSerializer,
)
from workspace.models import Membership, Organisation, Role


class WorkingGroupOutputSerializer(OutputModelSerializer[WorkingGroup]):
    member_count = serializers.IntegerField(read_only=True)
    my_role = serializers.ChoiceField(choices=GroupRole.choices, allow_null=True, read_only=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "theme", "description", "visibility", "member_count", "my_role"]


class GroupPermissionsOutputSerializer(serializers.Serializer[Any]):
    edit_details = serializers.BooleanField(help_text="May change the theme and description.")
    edit_settings = serializers.BooleanField(help_text="May rename the group and change its visibility.")
    manage_members = serializers.BooleanField(help_text="May add and remove members and change their group role.")


class WorkingGroupDetailOutputSerializer(WorkingGroupOutputSerializer):
    permissions = serializers.SerializerMethodField()

    class Meta(WorkingGroupOutputSerializer.Meta):
        fields = [*WorkingGroupOutputSerializer.Meta.fields, "created_at", "permissions"]

    @extend_schema_field(GroupPermissionsOutputSerializer)
    def get_permissions(self, group: WorkingGroup) -> dict[str, Any]:
        return dict(GroupPermissionsOutputSerializer(self.context["permissions"]).data)


class WorkingGroupCreateInputSerializer(serializers.Serializer[WorkingGroup]):
    name = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.WORKSPACE)


class WorkingGroupUpdateInputSerializer(serializers.Serializer[WorkingGroup]):
    name = serializers.CharField(max_length=200, required=False)
    theme = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)


class GroupMemberOutputSerializer(OutputModelSerializer[GroupMembership]):
    user = UserSummaryOutputSerializer(read_only=True)
    role = serializers.ChoiceField(choices=GroupRole.choices)
    organisation = serializers.SerializerMethodField(help_text="The organisation the person represents here.")

    class Meta:
        model = GroupMembership
        fields = ["id", "user", "role", "organisation"]

    @extend_schema_field(OrganisationSummaryOutputSerializer(allow_null=True))
    def get_organisation(self, group_membership: GroupMembership) -> dict[str, Any] | None:
        organisation: Organisation | None = group_member_organisation(group_membership)
        return None if organisation is None else dict(OrganisationSummaryOutputSerializer(organisation).data)


class GroupMemberAddInputSerializer(serializers.Serializer[GroupMembership]):
    user_id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=GroupRole.choices, default=GroupRole.MEMBER)


class GroupMemberUpdateInputSerializer(serializers.Serializer[GroupMembership]):
    role = serializers.ChoiceField(choices=GroupRole.choices)


class GroupMemberCandidateOutputSerializer(OutputModelSerializer[Membership]):
    user = UserSummaryOutputSerializer(read_only=True)
    organisation = OrganisationSummaryOutputSerializer(read_only=True, allow_null=True)
    workspace_role = serializers.ChoiceField(source="role", choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["user", "organisation", "workspace_role"]


class DashboardOutputSerializer(serializers.Serializer[Any]):
    workspace = MyWorkspaceOutputSerializer()
    my_groups = WorkingGroupOutputSerializer(many=True)
    upcoming_meetings = serializers.ListField(
        child=serializers.DictField(), help_text="Meetings arrive with the meetings issue; empty until then."
    )
    awaiting_me = NotificationOutputSerializer(many=True)
