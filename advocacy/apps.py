from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from workspace.models import Workspace


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        # The live-document machinery in `workspace` never imports the apps: each registers its kinds.
        from advocacy.live import LIVE_KINDS
        from workspace.live.registry import live_kind_register

        for kind in LIVE_KINDS:
            live_kind_register(kind)

        # The policy bank asks before removing a document whether the advocacy work cites it; it never
        # imports advocacy, so advocacy tells it how to count.
        from advocacy.selectors.citations import citation_count_for_document
        from policybank.services.citation_counters import citation_counter_register

        citation_counter_register(citation_count_for_document)

        # Notification kinds of the review workflow: the workspace renders them but cannot import them.
        from advocacy.services.actions import ACTION_NOTIFICATIONS
        from advocacy.services.reviews import NOTIFICATIONS
        from workspace.services.notifications import notification_kinds_register

        notification_kinds_register(NOTIFICATIONS)
        notification_kinds_register(ACTION_NOTIFICATIONS)

    def seed_demo(self, *, workspace: Workspace) -> None:
        """Called by `manage.py seed_demo` (groups), which imports no app built on it."""
        from advocacy.demo import seed_demo

        seed_demo(workspace=workspace)
