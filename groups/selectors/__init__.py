"""Reads that decide who may see what in the groups app, one module per concern.

`groups` covers working groups and their members; `meetings` covers meetings, agendas, templates and
attendance. Everything is re-exported here, so callers write `from groups import selectors`.
"""

from groups.selectors.groups import *  # noqa: F403
from groups.selectors.live import *  # noqa: F403
from groups.selectors.meetings import *  # noqa: F403
from groups.selectors.sessions import *  # noqa: F403
