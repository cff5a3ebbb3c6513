"""Live documents in two browsers: the demo problem tree and the demo advocacy agenda, edited at once.

Dara Sok (lead of the inclusive-education group) and Kosal Chhim (a member) open the same document: each
sees the other in the presence bar, and each sees the other's change within a second (measured from the
start of the change, printed). Then Kosal's laptop goes offline: he keeps editing while Dara edits too,
and when the connection returns both screens hold the same tree, every item exactly once; he reloads the
page with the server out of reach and his unsaved change is still there (the copy on the device). After
a network drop, each sees the other in the presence bar again.

The demo data (groups/management/commands/seed_demo.py, advocacy/demo.py) gives the group the problem tree
"Why children with disabilities leave primary school" (5 causes, 3 effects, with sub-items) and the agenda
"Inclusive primary schools in every province" (prose sections and two risks). Dara finds them from the
group page, as a person would; Kosal opens the link she shares.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, WebSocketRoute, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import running_stack
from tests.e2e.personas import sign_in

pytestmark = pytest.mark.e2e

# The promise: each person sees the other's change within a second.
FOLLOW_MS = 1_000
# Loading a page and its first sync, or a reconnection after an outage (the client backs off up to 5 s).
SETTLE_MS = 15_000
WORKSPACE = "/w/education-network"
GROUP = "Inclusive education and disability"
TREE = "Why children with disabilities leave primary school"
AGENDA = "Inclusive primary schools in every province"
DARA, KOSAL = "Dara Sok", "Kosal Chhim"


class LiveSocketSwitch:
    """Cuts a browser context's live-document sockets the way a lost network does, and lets them back.

    `context.set_offline(True)` makes the page offline (navigator.onLine, the offline event, failing
    HTTP), but in Chromium it does not touch an open WebSocket (microsoft/playwright#4910): the socket
    stays open and its frames are only held back, then delivered when the context is back online, so
    the client never loses its connection and the reconnect-and-resync path would go untested. Every
    live-document socket of the context therefore goes through this route: cutting closes both ends
    (the page sees an abnormal closure, 1006, as when a network drops), and while cut every new
    connection attempt is refused the same way.
    """

    def __init__(self, context: BrowserContext) -> None:
        self.cut_off = False
        self.open: list[tuple[WebSocketRoute, WebSocketRoute]] = []
        # Only sockets created after this call are routed: call it before the page opens the document.
        context.route_web_socket(re.compile(r"/ws/doc/"), self._route)

    def _route(self, page_side: WebSocketRoute) -> None:
        if self.cut_off:
            page_side.close(code=1006, reason="offline")
            return
        self.open.append((page_side, page_side.connect_to_server()))

    def cut(self) -> None:
        self.cut_off = True
        for page_side, server_side in self.open:
            server_side.close()
            page_side.close(code=1006, reason="offline")
        self.open.clear()

    def restore(self) -> None:
        self.cut_off = False


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A stack of its own: these tests edit the demo group's documents, and the live-meeting tests leave
    that group in group work with editing closed; neither should see the other's leftovers."""
    with running_stack(tmp_path_factory) as url:
        yield url


@pytest.fixture
def people(browser: Any, live_server_url: str) -> Iterator[dict[str, Page]]:
    contexts = {name: browser.new_context(base_url=live_server_url) for name in ("dara", "kosal")}
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


def open_from_group_page(page: Page, title: str) -> str:
    """Groups → the inclusive-education group → the tree or agenda; returns its path to share."""
    page.goto(f"{WORKSPACE}/groups")
    page.get_by_role("link", name=GROUP).first.click()
    page.get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(r"/(trees|agendas)/\d+$"))
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    return path_of(page)


def status(page: Page, text: str) -> Locator:
    """The live status badge ("Saved", "Saving…", "Offline", ...)."""
    return page.get_by_text(text, exact=True)


def presence(page: Page) -> Locator:
    return page.get_by_role("region", name="People here").get_by_role("listitem")


def expect_both_present(me: Page, myself: str, other: str) -> None:
    expect(presence(me)).to_have_count(2)
    expect(presence(me)).to_contain_text([f"{myself} (you)", other])


def risk_rows(page: Page) -> Locator:
    """The rows of the agenda's "Risks and mitigation" section (fieldsets named "Risk 1", "Risk 2", ...)."""
    section = page.get_by_role("region", name=re.compile(r"Risks and mitigation$"))
    return section.get_by_role("group", name=re.compile(r"^Risk \d+$"))


def outline_fields(page: Page) -> Locator:
    return page.get_by_role("tabpanel", name="Outline").get_by_role("textbox")


def outline(page: Page) -> list[tuple[str, str]]:
    """Every item of the tree as (accessible name, text): "Cause 2.1" says where it hangs."""
    items: list[list[str]] = outline_fields(page).evaluate_all(
        "fields => fields.map((field) => [field.getAttribute('aria-label'), field.value])"
    )
    return [(name, text) for name, text in items]


def wait_for_outline(page: Page, texts: list[str], timeout: float = SETTLE_MS) -> None:
    """Until the outline holds exactly these texts, each as often as listed (in any order)."""
    panel = page.get_by_role("tabpanel", name="Outline").element_handle(timeout=timeout)
    page.wait_for_function(
        """([panel, expected]) => {
            const texts = [...panel.querySelectorAll('input, textarea')].map((field) => field.value).sort();
            return texts.length === expected.length && texts.every((text, i) => text === expected[i]);
        }""",
        arg=[panel, sorted(texts)],
        timeout=timeout,
    )


def wait_for_text(field: Locator, text: str, timeout: float, *, contains: bool = False) -> None:
    """Waits inside the page, frame by frame, until `field` (an input, textarea or rich-text box) shows
    `text`: locator assertions poll every 100-500 ms, too coarse to time a one-second promise."""
    field.wait_for(state="attached", timeout=timeout)
    field.page.wait_for_function(
        """([field, text, contains]) => {
            const plain = field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement;
            const shown = plain ? field.value : field.textContent;
            return contains ? shown.includes(text) : shown === text;
        }""",
        arg=[field.element_handle(timeout=timeout), text, contains],
        timeout=timeout,
    )


def within_a_second(started: float, what: str, wait: Any) -> float:
    """Runs `wait(timeout_ms)` with what is left of FOLLOW_MS since `started`; prints and returns the delay."""
    left_ms = FOLLOW_MS - (time.monotonic() - started) * 1000
    try:
        wait(max(left_ms, 1))
    except PlaywrightTimeoutError:
        pytest.fail(f"{what}: not on the other screen within {FOLLOW_MS} ms")
    elapsed_ms = (time.monotonic() - started) * 1000
    print(f"{what}: {elapsed_ms:.0f} ms")
    assert elapsed_ms <= FOLLOW_MS, f"{what} took {elapsed_ms:.0f} ms"
    return elapsed_ms


def appears_within_a_second(started: float, element: Locator, what: str) -> float:
    return within_a_second(started, what, lambda timeout: element.wait_for(state="attached", timeout=timeout))


def seen_within_a_second(started: float, field: Locator, text: str, what: str, *, contains: bool = False) -> float:
    return within_a_second(started, what, lambda timeout: wait_for_text(field, text, timeout, contains=contains))


def test_two_members_edit_the_same_problem_tree_and_see_each_other_within_a_second(people: dict[str, Page]) -> None:
    dara, kosal = people["dara"], people["kosal"]
    sign_in(dara, "lead.inclusion@example.org")
    sign_in(kosal, "member@example.org")
    tree_path = open_from_group_page(dara, TREE)
    kosal.goto(tree_path)

    # Both see the same tree, saved, and each other.
    for page in (dara, kosal):
        expect(status(page, "Saved")).to_be_visible(timeout=SETTLE_MS)
        expect(page.get_by_role("textbox", name="Focal problem")).to_have_value(
            "Children with disabilities drop out of primary school before grade 6"
        )
    expect_both_present(dara, DARA, KOSAL)
    expect_both_present(kosal, KOSAL, DARA)
    causes = dara.get_by_role("textbox", name=re.compile(r"^Cause \d+$")).count()
    assert outline(dara) == outline(kosal)
    new_cause = f"Cause {causes + 1}"

    # Dara adds a cause and writes its label; Kosal sees it within a second, and sees her at work on it.
    label = "Parents are not told that their child may enrol in the local school"
    add = dara.get_by_role("button", name="Add a cause")
    add.hover()  # the pointer is on the button already: the time counts from the click itself
    started = time.monotonic()
    add.click()
    appears_within_a_second(started, kosal.get_by_role("textbox", name=new_cause, exact=True), "Dara's new cause")
    started = time.monotonic()
    dara.get_by_role("textbox", name=new_cause, exact=True).fill(label)
    seen_within_a_second(started, kosal.get_by_role("textbox", name=new_cause, exact=True), label, "its label")
    expect(presence(kosal).filter(has_text=DARA)).to_contain_text("editing Cause “Parents are not told")

    # Kosal adds a sub-cause below it; Dara sees it within a second.
    sub_label = "Commune councils do not reach families of children with disabilities"
    kosal.get_by_role("button", name=f"Actions for {new_cause}").click()
    add = kosal.get_by_role("group", name=f"Actions for {new_cause}").get_by_role("button", name="Add a sub-cause")
    add.hover()
    started = time.monotonic()
    add.click()
    sub_cause = dara.get_by_role("textbox", name=f"{new_cause}.1", exact=True)
    appears_within_a_second(started, sub_cause, "Kosal's sub-cause")
    started = time.monotonic()
    kosal.get_by_role("textbox", name=f"{new_cause}.1", exact=True).fill(sub_label)
    seen_within_a_second(started, sub_cause, sub_label, "its label")

    # Kosal rewrites the label of an existing cause; Dara sees the new words within a second.
    existing = kosal.get_by_role("textbox", name="Cause 2", exact=True)
    expect(existing).to_have_value("Schools are not physically accessible")
    rewritten = "Most schools are not physically accessible"
    started = time.monotonic()
    existing.fill(rewritten)
    rewritten_at_dara = dara.get_by_role("textbox", name="Cause 2", exact=True)
    seen_within_a_second(started, rewritten_at_dara, rewritten, "Kosal's label edit")

    # Everything is saved on the server, and both screens show the same tree.
    for page in (dara, kosal):
        expect(status(page, "Saved")).to_be_visible()
    assert outline(dara) == outline(kosal)
    assert (new_cause, label) in outline(dara)
    assert (f"{new_cause}.1", sub_label) in outline(dara)


def test_two_members_edit_the_same_agenda_and_see_each_other_within_a_second(people: dict[str, Page]) -> None:
    dara, kosal = people["dara"], people["kosal"]
    sign_in(dara, "lead.inclusion@example.org")
    sign_in(kosal, "member@example.org")
    agenda_path = open_from_group_page(dara, AGENDA)
    kosal.goto(agenda_path)

    for page in (dara, kosal):
        expect(status(page, "Saved")).to_be_visible(timeout=SETTLE_MS)
    expect_both_present(dara, DARA, KOSAL)
    expect_both_present(kosal, KOSAL, DARA)

    # Dara writes a new paragraph at the end of the policy support (rich text); Kosal reads it within a second.
    sentence = "The 2030 Education Roadmap sets a target for inclusive schools in every province."
    prose = dara.get_by_role("textbox", name="Policy support text")
    expect(prose).to_contain_text("Policy on Inclusive Education (2018)")
    prose.click()
    dara.keyboard.press("Control+End")
    started = time.monotonic()
    dara.keyboard.press("Enter")
    dara.keyboard.insert_text(sentence)
    seen_within_a_second(
        started, kosal.get_by_role("textbox", name="Policy support text"), sentence, "Dara's paragraph", contains=True
    )
    expect(kosal.get_by_role("textbox", name="Policy support text").get_by_role("paragraph")).to_have_count(2)
    expect(presence(kosal).filter(has_text=DARA)).to_contain_text("editing Policy support")

    # Kosal adds a risk and writes it; Dara sees the new row within a second.
    risks = kosal.get_by_role("region", name=re.compile(r"Risks and mitigation$"))
    rows = risk_rows(kosal).count()
    new_row = f"Risk {rows + 1}"
    risk = "Provincial elections delay the budget debate"
    add = risks.get_by_role("button", name="Add a risk")
    add.hover()
    started = time.monotonic()
    add.click()
    dara_risks = dara.get_by_role("region", name=re.compile(r"Risks and mitigation$"))
    dara_row = dara_risks.get_by_role("group", name=new_row, exact=True)
    appears_within_a_second(started, dara_row, "Kosal's new risk")
    started = time.monotonic()
    risks.get_by_role("group", name=new_row, exact=True).get_by_role("textbox", name="Risk", exact=True).fill(risk)
    seen_within_a_second(started, dara_row.get_by_role("textbox", name="Risk", exact=True), risk, "its text")
    expect(presence(dara).filter(has_text=KOSAL)).to_contain_text("editing Risks and mitigation")

    for page in (dara, kosal):
        expect(status(page, "Saved")).to_be_visible()
        expect(page.get_by_role("textbox", name="Policy support text").get_by_role("paragraph")).to_have_count(2)
        expect(risk_rows(page)).to_have_count(rows + 1)


def test_an_offline_member_keeps_editing_and_converges_without_duplicates(people: dict[str, Page]) -> None:
    dara, kosal = people["dara"], people["kosal"]
    network = LiveSocketSwitch(kosal.context)
    sign_in(dara, "lead.inclusion@example.org")
    sign_in(kosal, "member@example.org")
    tree_path = open_from_group_page(dara, TREE)
    kosal.goto(tree_path)
    for page in (dara, kosal):
        expect(status(page, "Saved")).to_be_visible(timeout=SETTLE_MS)
    expect_both_present(dara, DARA, KOSAL)
    before = outline(dara)
    assert before == outline(kosal)
    both_edit, original = "Cause 5", "Low expectations of children with disabilities in communities"
    assert (both_edit, original) in before

    # Kosal's laptop loses the network: the badge and the notice say so.
    kosal.context.set_offline(True)
    network.cut()
    expect(status(kosal, "Offline")).to_be_visible()
    expect(kosal.get_by_text("You are offline. Keep working")).to_be_visible()

    # He keeps working: two new causes (the second with Enter, after the first) and a label.
    offline_causes = [
        "Offline: no budget line for sign language interpreters",
        "Offline: school directors fear lower exam results",
    ]
    kosal.get_by_role("button", name="Add a cause").click()
    kosal.keyboard.type(offline_causes[0])
    kosal.keyboard.press("Enter")
    kosal.keyboard.type(offline_causes[1])
    field = kosal.get_by_role("textbox", name=both_edit, exact=True)
    field.press("Home")
    field.press_sequentially("Persistent ")
    expect(status(kosal, "Offline")).to_be_visible()

    # Meanwhile Dara, online, adds a cause and edits the same label at its other end.
    online_cause = "Online: no transport allowance for children with disabilities"
    dara.get_by_role("button", name="Add a cause").click()
    dara.keyboard.type(online_cause)
    field = dara.get_by_role("textbox", name=both_edit, exact=True)
    field.press("End")
    field.press_sequentially(" and families")
    expect(status(dara, "Saved")).to_be_visible()
    # The server has confirmed Dara's edits, made after Kosal's: none of his reached it, nor hers him.
    assert len(outline(dara)) == len(before) + 1
    expect(dara.get_by_role("textbox", name=both_edit, exact=True)).to_have_value(f"{original} and families")
    assert len(outline(kosal)) == len(before) + 2
    expect(kosal.get_by_role("textbox", name=both_edit, exact=True)).to_have_value(f"Persistent {original}")
    expect(presence(dara)).to_have_count(1)

    # The network returns: both converge on the same tree, every item exactly once, both edits of the
    # label kept, and the badge says saved again.
    network.restore()
    back_at = time.monotonic()
    kosal.context.set_offline(False)
    merged = f"Persistent {original} and families"
    expected = [merged if name == both_edit else text for name, text in before] + offline_causes + [online_cause]
    for page in (kosal, dara):
        wait_for_outline(page, expected)
    print(f"converged {(time.monotonic() - back_at) * 1000:.0f} ms after the network returned")
    for page in (kosal, dara):
        expect(status(page, "Saved")).to_be_visible(timeout=SETTLE_MS)
    assert outline(dara) == outline(kosal)
    assert len(outline(dara)) == len(before) + 3
    texts = Counter(text for _, text in outline(dara))
    assert all(texts[text] == 1 for text in [*offline_causes, online_cause]), texts
    assert dict(outline(dara))[both_edit] == merged
    expect(kosal.get_by_text("All your changes are saved again.")).to_be_attached()
    # (That Dara sees Kosal again is the next test's subject.)
    expect_both_present(kosal, KOSAL, DARA)

    # The live server is out of reach again and Kosal reloads the page (it cannot load with no network
    # at all: there is no service worker). The browser warns about the unsaved change, and after the
    # reload it is still there, from the copy on the device, and still unsaved.
    network.cut()
    expect(status(kosal, "Offline")).to_be_visible()
    reworded = "Offline: school directors fear lower average exam results"
    name = next(name for name, text in outline(kosal) if text == offline_causes[1])
    kosal.get_by_role("textbox", name=name, exact=True).fill(reworded)
    dialogs: list[str] = []

    def leave(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    kosal.once("dialog", leave)
    kosal.reload()
    assert dialogs == ["beforeunload"]
    expect(kosal.get_by_role("textbox", name=name, exact=True)).to_have_value(reworded, timeout=SETTLE_MS)
    expect(status(kosal, "Offline")).to_be_visible()
    expect(dara.get_by_role("textbox", name=name, exact=True)).to_have_value(offline_causes[1])

    # Back in reach: the reworded label reaches Dara (the client retries within its 5 s backoff).
    network.restore()
    expect(dara.get_by_role("textbox", name=name, exact=True)).to_have_value(reworded, timeout=SETTLE_MS)
    for page in (kosal, dara):
        expect(status(page, "Saved")).to_be_visible(timeout=SETTLE_MS)
    assert outline(dara) == outline(kosal)
    assert len(outline(kosal)) == len(before) + 3


def test_a_member_whose_connection_drops_is_shown_to_the_others_again_when_it_returns(people: dict[str, Page]) -> None:
    dara, kosal = people["dara"], people["kosal"]
    network = LiveSocketSwitch(kosal.context)
    sign_in(dara, "lead.inclusion@example.org")
    sign_in(kosal, "member@example.org")
    kosal.goto(open_from_group_page(dara, TREE))
    expect(status(kosal, "Saved")).to_be_visible(timeout=SETTLE_MS)
    expect_both_present(dara, DARA, KOSAL)

    # A short network drop: Dara sees Kosal leave.
    kosal.context.set_offline(True)
    network.cut()
    expect(status(kosal, "Offline")).to_be_visible()
    expect(presence(dara)).to_have_count(1)

    # The network returns: Dara sees him again, and he sees her (neither of them changes anything:
    # browsers renew their presence only every 15 s, so this waits for the reconnection itself).
    network.restore()
    kosal.context.set_offline(False)
    expect(status(kosal, "Saved")).to_be_visible(timeout=SETTLE_MS)
    expect_both_present(dara, DARA, KOSAL)
    expect_both_present(kosal, KOSAL, DARA)
