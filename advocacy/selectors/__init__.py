"""Reads that decide who may see what in the advocacy app, one module per concern.

`access` decides who sees and edits a group's trees and agendas; `trees` and `agendas` read them with
their materialised rows; `history` reads who changed what; `reviews` reads submissions and reviews
and decides who may take each step of the review workflow; `review_dashboard` lists the agendas the
executive committee reviews, by queue; `actions` reads the action plans of approved
agendas being followed up. Everything is re-exported here, so callers write `from advocacy import
selectors`.
"""

from advocacy.selectors.access import *  # noqa: F403
from advocacy.selectors.actions import *  # noqa: F403
from advocacy.selectors.agendas import *  # noqa: F403
from advocacy.selectors.history import *  # noqa: F403
from advocacy.selectors.review_dashboard import *  # noqa: F403
from advocacy.selectors.reviews import *  # noqa: F403
from advocacy.selectors.trees import *  # noqa: F403
