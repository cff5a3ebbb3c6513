"""Every write in the advocacy app, one module per concern.

`trees` covers problem and objectives trees, their nodes and cause votes; `agendas` covers advocacy
agendas; `reviews` their review by the executive committee (submit, review, respond, revise, reopen,
publish); `materialise` writes the rows of both from their live documents; `actions` follows up the
action plans of approved agendas (status, progress notes, reminders). Everything is re-exported here, so
callers write `from advocacy import services`.
"""

from advocacy.services.actions import *  # noqa: F403
from advocacy.services.agendas import *  # noqa: F403
from advocacy.services.materialise import *  # noqa: F403
from advocacy.services.reviews import *  # noqa: F403
from advocacy.services.trees import *  # noqa: F403
