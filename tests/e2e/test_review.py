"""The executive committee's review of an agenda in two browsers, from submission to the policy bank.

Dara Sok (lead of the inclusive-education group) submits the group's demo agenda "Inclusive primary
schools in every province", which the demo data fills in every required section (advocacy/demo.py), so
nothing is filled in beforehand. Chantha Meas (executive committee) finds it awaiting her on her review
dashboard and opens the submission from there, scores every criterion of the default rubric, comments on the goal and requests changes. Dara reads
the review, answers the comment ("Done"), revises the agenda, adds a sentence to the goal in the editor
and submits again. Chantha compares submission 2 with submission 1: the goal is marked changed, with the
new sentence marked as added, the other sections unchanged. She approves (one approval is enough by
default) and publishes the agenda, which her dashboard then lists as decided; the policy bank finds it among network positions and its page opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import running_stack
from tests.e2e.personas import sign_in

pytestmark = pytest.mark.e2e

# Loading the live agenda and its first sync; an editor's socket turning editable after "Revise".
SETTLE_MS = 15_000
WORKSPACE = "/w/education-network"
GROUP = "Inclusive education and disability"
AGENDA = "Inclusive primary schools in every province"
DARA, CHANTHA = "Dara Sok", "Chantha Meas"
# The default rubric (advocacy/selectors/reviews.py DEFAULT_CRITERIA), in English.
CRITERIA = [
    "Strength of evidence",
    "SMART objectives",
    "Feasibility",
    "Alignment with network priorities",
    "Clarity of asks",
]
COMMENT = "Say which provinces come first, and by when."
REASONS = "The goal needs a first milestone the ministry can be held to."
ADDED = "Battambang and Siem Reap come first, by 2028."


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A stack of its own: this test freezes and publishes the demo agenda, which the live-document tests
    edit, and the live-meeting tests close the demo group's editing."""
    with running_stack(tmp_path_factory) as url:
        yield url


@pytest.fixture
def people(browser: Any, live_server_url: str) -> Iterator[dict[str, Page]]:
    contexts = {name: browser.new_context(base_url=live_server_url) for name in ("dara", "chantha")}
    pages = {name: context.new_page() for name, context in contexts.items()}
    errors: list[str] = []
    for page in pages.values():
        page.on("pageerror", lambda error: errors.append(str(error)))
    yield pages
    for context in contexts.values():
        context.close()
    assert not errors, f"a page raised: {errors}"


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def panel(page: Page) -> Locator:
    """The agenda page's "Executive committee review" panel."""
    return page.get_by_role("region", name="Executive committee review")


def expect_status(page: Page, status: str) -> None:
    expect(panel(page).get_by_role("definition").first).to_have_text(status)


def submit_for_review(page: Page, note: str) -> None:
    panel(page).get_by_role("button", name="Submit for review").click()
    form = panel(page).get_by_role("form", name="Submit for review")
    form.get_by_role("textbox", name="Note to the reviewers").fill(note)
    form.get_by_role("button", name="Send to the executive committee").click()
    expect(form).to_have_count(0)
    expect_status(page, "Submitted for review")
    expect(panel(page)).to_contain_text("The agenda is with the executive committee.")


def frozen_section(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def score_every_criterion(page: Page, score: str) -> None:
    form = page.get_by_role("form", name="Your review")
    expect(form.get_by_role("radiogroup", name=re.compile(r"^Score for "))).to_have_count(len(CRITERIA))
    for criterion in CRITERIA:
        form.get_by_role("radiogroup", name=f"Score for {criterion}", exact=True).get_by_role(
            "radio", name=score, exact=True
        ).check()


def test_a_lead_submits_an_executive_requests_changes_then_approves_and_the_agenda_reaches_the_policy_bank(
    people: dict[str, Page],
) -> None:
    dara, chantha = people["dara"], people["chantha"]
    sign_in(dara, "lead.inclusion@example.org")
    sign_in(chantha, "executive@example.org")

    # Dara opens the agenda from the group page: a draft, never submitted; she sends it with a note.
    dara.goto(f"{WORKSPACE}/groups")
    dara.get_by_role("link", name=GROUP).first.click()
    dara.get_by_role("link", name=AGENDA, exact=True).click()
    expect(dara).to_have_url(re.compile(r"/agendas/\d+$"))
    agenda_path = path_of(dara)
    expect(dara.get_by_role("heading", name=AGENDA, level=1)).to_be_visible()
    expect_status(dara, "Draft")
    expect(panel(dara)).to_contain_text("This agenda has not been submitted for review yet.")
    submit_for_review(dara, "First version for the committee.")
    expect(panel(dara).get_by_role("listitem")).to_have_count(1)
    expect(panel(dara).get_by_role("listitem")).to_contain_text("Submission 1 (version 1)")
    expect(panel(dara).get_by_role("listitem")).to_contain_text("Awaiting review")

    # Chantha finds it on her review dashboard, awaiting her, and opens the submission from there.
    chantha.goto(WORKSPACE)
    chantha.get_by_role("navigation", name="Main").get_by_role("link", name="Agenda reviews").click()
    expect(chantha.get_by_role("heading", name="Agenda reviews", level=1)).to_be_visible()
    queues = chantha.get_by_role("navigation", name="Review queues")
    expect(queues.get_by_role("button", name=re.compile(r"^Awaiting me"))).to_have_attribute("aria-current", "page")
    expect(queues.get_by_role("button", name=re.compile(r"^Awaiting me"))).to_contain_text("1 agenda")
    awaiting = chantha.get_by_role("listitem").filter(has=chantha.get_by_role("heading", name=AGENDA, level=2))
    expect(awaiting).to_contain_text(GROUP)
    expect(awaiting).to_contain_text("0 of 1 approvals")
    awaiting.get_by_role("link", name="Review", exact=True).click()
    expect(chantha).to_have_url(re.compile(rf"{re.escape(agenda_path)}/submissions/1$"))
    expect(chantha.get_by_role("heading", name=f"{AGENDA} — submission 1", level=1)).to_be_visible()
    expect(chantha.get_by_text("First version for the committee.")).to_be_visible()
    expect(frozen_section(chantha, "Goal")).to_contain_text("By 2030, every child with a disability")
    expect(frozen_section(chantha, "Goal")).not_to_contain_text("<p>")

    # She comments on the goal, scores every criterion and requests changes with her reasons.
    goal = frozen_section(chantha, "Goal")
    goal.get_by_role("button", name="Comment on this section").click()
    goal.get_by_role("textbox", name="Your comment on Goal").fill(COMMENT)
    goal.get_by_role("button", name="Add comment").click()
    expect(goal).to_contain_text(f"Your comment: {COMMENT}")
    score_every_criterion(chantha, "3")
    review_form = chantha.get_by_role("form", name="Your review")
    expect(review_form).to_contain_text("1 section comment will be sent with it.")
    review_form.get_by_role("radio", name="Request changes", exact=True).check()
    review_form.get_by_role("textbox", name="Reasons").fill(REASONS)
    review_form.get_by_role("button", name="Submit review").click()
    expect(review_form).to_have_count(0)
    review = chantha.get_by_role("article", name=f"Review by {CHANTHA}")
    expect(review).to_contain_text("Request changes")
    expect(review).to_contain_text(REASONS)
    expect(review.get_by_role("definition")).to_have_text(["3 out of 5"] * len(CRITERIA))
    expect(review.get_by_role("listitem")).to_contain_text([f"Goal: {COMMENT}"])

    # Dara sees that changes are requested, reads the review and answers the comment.
    dara.reload()
    expect_status(dara, "Changes requested")
    expect(panel(dara)).to_contain_text("The executive committee requested changes.")
    panel(dara).get_by_role("link", name="Read the reviews and respond to the comments").click()
    expect(dara).to_have_url(re.compile(rf"{re.escape(agenda_path)}/submissions/1$"))
    review = dara.get_by_role("article", name=f"Review by {CHANTHA}")
    expect(review).to_contain_text(REASONS)
    comment = review.get_by_role("listitem").filter(has_text=COMMENT)
    expect(comment).to_contain_text("Not answered yet.")
    comment.get_by_role("radio", name="Done", exact=True).check()
    comment.get_by_role("textbox", name="Reason or note").fill("Added the first provinces and the year.")
    comment.get_by_role("button", name="Save response").click()
    expect(comment.get_by_role("status")).to_have_text("Response saved.")
    expect(comment).to_contain_text("Group's response: Done — Added the first provinces and the year.")

    # She revises the agenda, adds a sentence to the goal in the editor, and submits it again.
    dara.get_by_role("link", name="Back to the agenda").click()
    expect(dara).to_have_url(re.compile(rf"{re.escape(agenda_path)}$"))
    panel(dara).get_by_role("button", name="Revise").click()
    expect_status(dara, "Draft")
    goal_text = dara.get_by_role("textbox", name="Goal text")
    expect(goal_text).to_be_editable(timeout=SETTLE_MS)
    expect(goal_text).to_contain_text("By 2030, every child with a disability")
    goal_text.click()
    dara.keyboard.press("Control+End")
    dara.keyboard.press("Enter")
    dara.keyboard.insert_text(ADDED)
    expect(goal_text.get_by_role("paragraph")).to_have_count(2)
    expect(dara.get_by_text("Saved", exact=True)).to_be_visible(timeout=SETTLE_MS)
    submit_for_review(dara, "Goal revised as asked.")
    expect(panel(dara).get_by_role("listitem")).to_have_count(2)
    expect(panel(dara).get_by_role("listitem").first).to_contain_text("Submission 2 (version 1)")
    expect(goal_text).not_to_be_editable(timeout=SETTLE_MS)

    # Chantha opens the agenda again (as from the notification she gets), then the new submission, and
    # compares it with the first.
    chantha.goto(agenda_path)
    expect_status(chantha, "Submitted for review")
    panel(chantha).get_by_role("link", name="Review this submission").click()
    expect(chantha).to_have_url(re.compile(rf"{re.escape(agenda_path)}/submissions/2$"))
    expect(chantha.get_by_role("heading", name=f"{AGENDA} — submission 2", level=1)).to_be_visible()
    expect(frozen_section(chantha, "Goal")).to_contain_text(ADDED)
    chantha.get_by_role("link", name="Compare with submission 1").click()
    expect(chantha).to_have_url(re.compile(rf"{re.escape(agenda_path)}/submissions/2/diff\?against=1$"))
    expect(chantha.get_by_role("heading", name="Changes from submission 1 to submission 2", level=1)).to_be_visible()
    expect(chantha.get_by_text("1 of 10 sections changed")).to_be_visible()
    changed_goal = chantha.get_by_role("region", name="Goal", exact=True)
    expect(changed_goal).to_contain_text("Changed")
    expect(changed_goal.locator("ins")).to_contain_text([re.compile(re.escape(ADDED.split(",")[0]))])
    # A paragraph was added: the first sentence is not marked removed (the editor may re-save the end of
    # the old paragraph, so its last characters can differ).
    expect(changed_goal).to_contain_text("By 2030, every child with a disability")
    expect(changed_goal.locator("del").filter(has_text="By 2030")).to_have_count(0)
    for unchanged in ("Issue statement", "SMART objectives", "Risks and mitigation", "Policy support"):
        expect(chantha.get_by_role("region", name=unchanged, exact=True)).to_contain_text("Unchanged")

    # Back on the submission, she approves it: one approval is all the workspace asks for.
    chantha.go_back()
    expect(chantha).to_have_url(re.compile(rf"{re.escape(agenda_path)}/submissions/2$"))
    score_every_criterion(chantha, "5")
    review_form = chantha.get_by_role("form", name="Your review")
    review_form.get_by_role("radio", name="Approve", exact=True).check()
    review_form.get_by_role("button", name="Submit review").click()
    expect(review_form).to_have_count(0)
    expect(chantha.get_by_role("article", name=f"Review by {CHANTHA}")).to_contain_text("Approve")

    # The agenda is approved, and Chantha publishes it to the policy bank.
    chantha.get_by_role("link", name="Back to the agenda").click()
    expect_status(chantha, "Approved")
    panel(chantha).get_by_role("button", name="Publish to the policy bank").click()
    expect_status(chantha, "Published")
    expect(panel(chantha).get_by_role("link", name="Open the published document in the policy bank")).to_be_visible()
    # On her dashboard the agenda has left the queue awaiting her and is among the decided ones.
    chantha.get_by_role("navigation", name="Main").get_by_role("link", name="Agenda reviews").click()
    expect(chantha.get_by_role("heading", name="Nothing awaits your review", level=2)).to_be_visible()
    chantha.get_by_role("navigation", name="Review queues").get_by_role("button", name=re.compile(r"^Decided")).click()
    decided = chantha.get_by_role("listitem").filter(has=chantha.get_by_role("heading", name=AGENDA, level=2))
    expect(decided).to_contain_text("Approved")
    expect(decided).to_contain_text("You approved")
    expect(decided).to_contain_text("Published")
    dara.reload()
    expect_status(dara, "Published")
    expect(panel(dara)).to_contain_text("This version is published in the policy bank")

    # Dara finds it in the policy bank among the network positions, and its page opens.
    dara.get_by_role("navigation", name="Main").get_by_role("link", name="Policy bank", exact=True).click()
    expect(dara.get_by_role("heading", name="Policy bank", level=1)).to_be_visible()
    dara.get_by_role("searchbox", name="Search the policy bank").fill("Battambang Siem Reap first")
    dara.get_by_role("button", name="Search", exact=True).click()
    filters = dara.get_by_role("complementary", name="Filters")
    filters.get_by_role("checkbox", name=re.compile(r"^Network position \(")).click()
    expect(dara).to_have_url(re.compile(r"[?&]kind=network_position(&|$)"))
    found = dara.get_by_role("listitem").filter(has=dara.get_by_role("heading", name=AGENDA, level=3, exact=True))
    expect(found).to_have_count(1)
    found.get_by_role("link", name=AGENDA, exact=True).click()
    expect(dara).to_have_url(re.compile(r"/policy/documents/\d+$"))
    expect(dara.get_by_role("heading", name=AGENDA, level=1)).to_be_visible()
    expect(dara.get_by_text("By 2030, every child with a disability").first).to_be_visible()
