"""A live meeting in three browsers: the facilitator runs it, two members of different groups follow.

Bopha Lim (facilitator, also in the inclusive-education group) starts the demo meeting and moves to group
work; Navy Touch (inclusive education only) and Sokunthea Pov (gender only) each land in their own
group's room within a second. In the inclusive-education room a dot vote with 3 dots per person refuses
a 4th dot, and its results reach everyone when the facilitator closes it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.personas import sign_in

pytestmark = pytest.mark.e2e

# The promise: every participant's screen follows within a second.
FOLLOW_MS = 1_000
WORKSPACE = "/w/education-network"


@pytest.fixture
def people(browser: Any, live_server_url: str) -> Iterator[dict[str, Page]]:
    contexts = {name: browser.new_context(base_url=live_server_url) for name in ("bopha", "navy", "sokunthea")}
    pages = {name: context.new_page() for name, context in contexts.items()}
    errors: list[str] = []
    for page in pages.values():
        page.on("pageerror", lambda error: errors.append(str(error)))
    yield pages
    for context in contexts.values():
        context.close()
    assert not errors, f"a page raised: {errors}"


def place_dot_through_the_api(page: Page, live_url: str, option_label: str) -> dict[str, Any]:
    """What a second tab with stale buttons would send: the server, not the page, must refuse it."""
    result: dict[str, Any] = page.evaluate(
        """async ({ liveUrl, optionLabel }) => {
            const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1];
            const api = liveUrl.replace('/w/', '/api/workspaces/').replace('/live', '');
            const snapshot = await (await fetch(`${api}/live/`)).json();
            const session = await (await fetch(`${api}/sessions/${snapshot.my_session_id}/`)).json();
            const vote = session.votes[0];
            const option = vote.options.find((o) => o.label === optionLabel);
            const response = await fetch(`${api}/sessions/${session.id}/votes/${vote.id}/dots/`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
                body: JSON.stringify({ option_id: option.id }),
            });
            return { status: response.status, body: await response.json() };
        }""",
        {"liveUrl": live_url, "optionLabel": option_label},
    )
    return result


def test_the_facilitator_runs_group_work_and_a_dot_vote_in_three_browsers(people: dict[str, Page]) -> None:
    bopha, navy, sokunthea = people["bopha"], people["navy"], people["sokunthea"]
    sign_in(bopha, "facilitator@example.org")
    sign_in(navy, "member2@example.org")
    sign_in(sokunthea, "member3@example.org")

    # The facilitator starts the demo meeting from its page and lands on the live page with the console.
    bopha.goto(f"{WORKSPACE}/meetings")
    bopha.get_by_role("link", name="Joint thematic working group meeting").first.click()
    bopha.get_by_role("button", name="Start the meeting").click()
    expect(bopha).to_have_url(re.compile(r"/meetings/\d+/live$"))
    live_url = re.sub(r"^https?://[^/]+", "", bopha.url)
    console = bopha.get_by_role("region", name="Facilitator console")
    expect(console).to_be_visible()

    # The members open the live page; they have no console and the server would refuse their commands.
    for member in (navy, sokunthea):
        member.goto(live_url)
        expect(member.get_by_text("Welcome remarks").first).to_be_visible()
        expect(member.get_by_role("region", name="Facilitator console")).to_have_count(0)
    # Generous: on a loaded 2-core CI machine the members' sockets can take several seconds to join.
    expect(bopha.get_by_text(re.compile(r"Present \(3\)"))).to_be_visible(timeout=15_000)

    # Two steps forward through the plenaries; the third one opens group work.
    for expected in ("Plenary: disability inclusion", "Plenary: gender-responsive education"):
        console.get_by_role("button", name="Next item").click()
        expect(bopha.get_by_test_id("current-item")).to_contain_text(expected)
    clicked_at = time.monotonic()
    console.get_by_role("button", name="Next item").click()
    # Measured from the facilitator's click; the locators wait inside the page, not in polling steps.
    for member, room in ((navy, "Inclusive education and disability"), (sokunthea, "Gender")):
        left_ms = FOLLOW_MS - (time.monotonic() - clicked_at) * 1000
        member.get_by_role("heading", name=f"Room: {room}").wait_for(state="visible", timeout=max(left_ms, 1))
        print(f"{room} room on screen {(time.monotonic() - clicked_at) * 1000:.0f} ms after the click")
    expect(sokunthea.get_by_role("heading", name="Room: Inclusive education and disability")).to_have_count(0)

    # The facilitator lands in her own group's room and opens a vote there.
    expect(bopha.get_by_role("heading", name="Room: Inclusive education and disability")).to_be_visible()
    bopha.get_by_role("button", name="Open a dot vote").click()
    dialog = bopha.get_by_role("dialog")
    dialog.get_by_label("Question").fill("Which root causes matter most?")
    dialog.get_by_label("Options").fill(
        "No screening in primary schools\nTeachers not trained in sign language\nInaccessible school buildings"
    )
    dialog.get_by_label("Dots per person").fill("3")
    dialog.get_by_label("Minutes until it closes").fill("5")
    dialog.get_by_role("button", name="Open the vote").click()
    expect(dialog).to_be_hidden()

    # Navy sees the vote within a second and spends her three dots.
    place = navy.get_by_role("button", name="Place a dot on “Teachers not trained in sign language”")
    expect(place).to_be_visible(timeout=FOLLOW_MS)
    expect(navy.get_by_text("Results are shown when the vote closes.")).to_be_visible()
    for left in (2, 1, 0):
        place.click()
        expect(navy.get_by_text(f"{left} of 3 dots left")).to_be_visible()
    expect(place).to_be_disabled()

    # A fourth dot sent anyway is refused by the server, with a message, and changes nothing.
    refused = place_dot_through_the_api(navy, live_url, "No screening in primary schools")
    assert refused["status"] == 400, refused
    assert "3 dots" in str(refused["body"]), refused

    # The facilitator closes the vote; the results (and the top option) reach Navy's screen at once.
    bopha.get_by_role("button", name="Close the vote").click()
    results = navy.get_by_role("list", name="Results")
    expect(results).to_be_visible(timeout=FOLLOW_MS)
    top = results.get_by_role("listitem").filter(has_text="Teachers not trained in sign language")
    expect(top).to_contain_text("Top")
    expect(top).to_contain_text("3 dots")
    expect(results.get_by_role("listitem").filter(has_text="No screening in primary schools")).to_contain_text("0 dots")
