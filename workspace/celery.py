"""The Celery app. Tasks live in each app's tasks.py and only call services."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workspace.settings.base")

app = Celery("roundtable")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _yield_to_the_web_process(**_kwargs: object) -> None:
    # Background work (materialising live documents, imports, extraction) waits for the cores when the
    # web process needs them: on a machine that runs both, live editing stays responsive while a busy
    # room's materialisation catches up a moment later.
    niceness = int(os.environ.get("ROUNDTABLE_WORKER_NICENESS", "10"))
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
