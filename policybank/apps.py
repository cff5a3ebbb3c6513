from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from workspace.models import Workspace


class PolicybankConfig(AppConfig):
    name = "policybank"
    verbose_name = "Policy bank"

    def ready(self) -> None:
        # The job machinery in `workspace` never imports the apps: the policy bank registers its job kinds.
        from policybank.services.extraction import extraction_finished, extraction_run
        from policybank.services.imports import documents_import_run
        from workspace.models import JobKind
        from workspace.services.imports import import_notify_finished
        from workspace.services.jobs import JobKindHandler, job_kind_register

        job_kind_register(
            JobKind.DOCUMENT_TEXT_EXTRACT, JobKindHandler(run=extraction_run, on_finish=extraction_finished)
        )
        job_kind_register(
            JobKind.POLICY_DOCUMENTS_IMPORT, JobKindHandler(run=documents_import_run, on_finish=import_notify_finished)
        )

    def seed_demo(self, *, workspace: Workspace) -> None:
        """Called by `manage.py seed_demo` (groups), which imports no app built on it."""
        from policybank.demo import seed_demo

        seed_demo(workspace=workspace)
