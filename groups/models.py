"""Thematic working groups and who belongs to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from workspace.models import Workspace


class Visibility(models.TextChoices):
    WORKSPACE = "workspace", _("Everyone in the workspace")
    PRIVATE = "private", _("Group members only")


class GroupRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class WorkingGroup(models.Model):
    """A thematic working group of a workspace (e.g. inclusive education and disability)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    visibility = models.CharField(max_length=20, choices=Visibility.choices, default=Visibility.WORKSPACE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "workspace", name="working_group_name_unique_in_workspace"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A person in a working group, as its lead or a member."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="group_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("group", "user", name="group_membership_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"
