"""Every write in the groups app, one module per concern.

`groups` covers working groups and their members; `meetings` covers meetings and meeting templates;
`agenda` covers their agenda items; `attendance` covers checking people in. Everything is re-exported
here, so callers write `from groups import services`.
"""

from groups.services.agenda import *  # noqa: F403
from groups.services.attendance import *  # noqa: F403
from groups.services.groups import *  # noqa: F403
from groups.services.live import *  # noqa: F403
from groups.services.meetings import *  # noqa: F403
from groups.services.presence import *  # noqa: F403
from groups.services.sessions import *  # noqa: F403
from groups.services.votes import *  # noqa: F403
