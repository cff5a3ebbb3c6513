"""Input and output shapes of the working-groups API."""

from typing import Any

from rest_framework import serializers

from groups.models import GroupRole, Visibility, WorkingGroup
from workspace.api.serializers import MyWorkspaceOutputSerializer, NotificationOutputSerializer, OutputModelSerializer


class WorkingGroupOutputSerializer(OutputModelSerializer[WorkingGroup]):
    member_count = serializers.IntegerField(read_only=True)
    my_role = serializers.ChoiceField(choices=GroupRole.choices, allow_null=True, read_only=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "theme", "description", "visibility", "member_count", "my_role"]


class DashboardOutputSerializer(serializers.Serializer[Any]):
    workspace = MyWorkspaceOutputSerializer()
    my_groups = WorkingGroupOutputSerializer(many=True)
    upcoming_meetings = serializers.ListField(
        child=serializers.DictField(), help_text="Meetings arrive with the meetings issue; empty until then."
    )
    awaiting_me = NotificationOutputSerializer(many=True)
