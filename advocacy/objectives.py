"""Turning a problem into an objective: the starting text of an objectives tree's nodes.

"Turn into objectives" restates each negative condition of a problem tree as the positive condition the
group wants ("Low enrolment of children with disabilities" → "Higher enrolment of children with
disabilities"). It is only a starting point the group edits together, so a few common English patterns
are enough; anything else (and any other language) gets a translated template around the original.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Leading words, most specific first: (negative, positive).
LEADING = [
    ("not enough", "Enough"),
    ("too few", "Enough"),
    ("too many", "Fewer"),
    ("too much", "Less"),
    ("lack of", "Enough"),
    ("shortage of", "Enough"),
    ("absence of", "Presence of"),
    ("decline in", "Improvement in"),
    ("discrimination against", "Inclusion of"),
    ("insufficient", "Sufficient"),
    ("inadequate", "Adequate"),
    ("limited", "Improved"),
    ("low", "Higher"),
    ("poor", "Better"),
    ("high", "Reduced"),
    ("rising", "Falling"),
    ("increasing", "Decreasing"),
    ("declining", "Improving"),
    ("few", "More"),
    ("weak", "Stronger"),
    ("unequal", "Equal"),
    ("unsafe", "Safe"),
    ("inaccessible", "Accessible"),
    ("unqualified", "Qualified"),
    ("untrained", "Trained"),
    ("unaware", "Aware"),
    ("negative", "Positive"),
    ("no", ""),
]
# Negations inside a sentence ("Schools lack ramps" → "Schools have ramps").
INNER = [
    (" do not ", " "),
    (" don't ", " "),
    (" cannot ", " can "),
    (" can't ", " can "),
    (" are not ", " are "),
    (" is not ", " is "),
    (" are unable to ", " are able to "),
    (" is unable to ", " is able to "),
    (" lack ", " have "),
    (" lacks ", " has "),
    # The commonest problem of an education network's trees.
    (" drop out of ", " complete "),
    (" drops out of ", " completes "),
]
LEADING_PATTERN = re.compile(
    r"^(" + "|".join(re.escape(negative) for negative, _positive in LEADING) + r")\b\s*", re.IGNORECASE
)


def restate_positively(label: str) -> str:
    """The positive restatement of a problem-tree node's label ("" stays "")."""
    text = " ".join(label.split())
    if not text:
        return ""
    match = LEADING_PATTERN.match(text)
    if match is not None:
        positive = dict(LEADING)[match.group(1).lower()]
        rest = text[match.end() :]
        if rest:
            return _capitalise(f"{positive} {rest}".strip())
    padded = f" {text} "
    for negative, positive in INNER:
        index = padded.lower().find(negative)
        if index > 0:
            restated = padded[:index] + positive + padded[index + len(negative) :]
            return _capitalise(restated.strip())
    return _("Solved: %(problem)s") % {"problem": text}


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
