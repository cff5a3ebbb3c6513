"""Thin views of the groups app, one module per concern; urls.py reads them all from here."""

from groups.api.views.groups import *  # noqa: F403
from groups.api.views.live import *  # noqa: F403
from groups.api.views.meetings import *  # noqa: F403
from groups.api.views.sessions import *  # noqa: F403
