"""End to end in Chromium against the running stack: sign in, speak Khmer, import, and the phone layout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.personas import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser: Any, live_server_url: str) -> Any:
    context = browser.new_context(base_url=live_server_url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the page raised: {errors}"


def test_admin_signs_in_switches_to_khmer_and_watches_an_import_finish(page: Page, tmp_path: Path) -> None:
    sign_in(page, "admin@example.org")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    page.get_by_test_id("language-switch").select_option("km")
    expect(page.get_by_role("heading", name="ផ្ទាំងគ្រប់គ្រង")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "km")

    # The choice is remembered for the person: a fresh page load comes back in Khmer.
    page.reload()
    expect(page.get_by_role("heading", name="ផ្ទាំងគ្រប់គ្រង")).to_be_visible()

    csv_file = tmp_path / "organisations.csv"
    rows = "".join(f"Provincial Learning Circle {n},PLC{n},ngo,Kampot\n" for n in range(400))
    csv_file.write_text("name,acronym,kind,province\n" + rows, encoding="utf-8")

    page.get_by_role("link", name="នាំចូល").click()
    page.get_by_label("អង្គការ", exact=True).check()
    page.get_by_label("ឯកសារ").set_input_files(str(csv_file))
    # Record every value the progress bar shows, as a person watching it would see them.
    page.evaluate(
        """() => {
            window.progressSeen = [];
            new MutationObserver(() => {
                const bar = document.querySelector('[data-testid="import-progress"]');
                if (bar) window.progressSeen.push(Number(bar.getAttribute('aria-valuenow')));
            }).observe(document.body, {subtree: true, childList: true, attributes: true});
        }"""
    )
    page.get_by_role("button", name="ផ្ទុកឡើង និងនាំចូល").click()

    progress = page.get_by_test_id("import-progress")
    expect(progress).to_have_attribute("aria-valuenow", "100", timeout=30_000)
    expect(page.get_by_text("ការនាំចូលបានបញ្ចប់", exact=True)).to_be_visible()
    seen = page.evaluate("window.progressSeen")
    assert seen[-1] == 100
    assert seen == sorted(seen), f"the progress bar went backwards: {seen}"

    page.get_by_role("link", name="អង្គការ").first.click()
    page.get_by_role("searchbox").fill("Provincial Learning Circle 399")
    expect(page.locator("strong", has_text="Provincial Learning Circle 399")).to_be_visible()


def test_a_file_with_bad_rows_shows_which_row_and_why(page: Page, tmp_path: Path) -> None:
    sign_in(page, "admin@example.org")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("email,display_name,role,organisation\nnot-an-email,Someone,member,ENC\n", encoding="utf-8")

    page.get_by_role("link", name="Import").click()
    page.get_by_label("People", exact=True).check()
    page.get_by_label("File").set_input_files(str(csv_file))
    page.get_by_role("button", name="Upload and import").click()

    expect(page.get_by_text("Nothing was imported").first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("cell", name="“not-an-email” is not a valid e-mail address.")).to_be_visible()


@pytest.mark.parametrize(
    ("email", "sees_administration"),
    [
        ("admin@example.org", True),
        ("executive@example.org", False),
        ("facilitator@example.org", False),
        ("lead.inclusion@example.org", False),
        ("member@example.org", False),
        ("observer@example.org", False),
    ],
)
def test_every_demo_persona_can_sign_in(page: Page, email: str, sees_administration: bool) -> None:
    sign_in(page, email, language=None)

    navigation = page.get_by_role("navigation").first
    # Some personas prefer Khmer: they land in it, and the dashboard heading says so.
    expect(
        page.get_by_role("heading", name="Dashboard").or_(page.get_by_role("heading", name="ផ្ទាំងគ្រប់គ្រង"))
    ).to_be_visible()
    expect(
        navigation.get_by_role("link", name="People").or_(navigation.get_by_role("link", name="បុគ្គល"))
    ).to_have_count(1 if sees_administration else 0)


def test_phone_layout_hides_navigation_behind_the_menu_button(browser: Any, live_server_url: str) -> None:
    context = browser.new_context(base_url=live_server_url, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    sign_in(page, "admin@example.org")

    menu = page.get_by_role("button", name="Main menu")
    expect(menu).to_be_visible()
    # Exact names: a notification on the dashboard may mention organisations too.
    expect(page.get_by_role("link", name="Organisations", exact=True)).to_be_hidden()
    menu.click()
    page.get_by_role("link", name="Organisations", exact=True).click()
    expect(page.get_by_role("heading", name="Organisations")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    context.close()


def test_a_role_change_reaches_the_other_persons_screen_live(browser: Any, live_server_url: str) -> None:
    """Two browser contexts are two people: the admin changes a role, the member's badge updates at once."""
    admin_context = browser.new_context(base_url=live_server_url)
    member_context = browser.new_context(base_url=live_server_url)
    admin_page, member_page = admin_context.new_page(), member_context.new_page()
    sign_in(member_page, "member5@example.org")
    badge = member_page.get_by_test_id("unread-count")
    before = int(badge.inner_text())

    sign_in(admin_page, "admin@example.org")
    admin_page.goto("/w/education-network/admin/people")
    admin_page.get_by_role("button", name="Edit Ratana Seng").click()
    admin_page.get_by_role("dialog").get_by_label("Role").select_option("facilitator")
    admin_page.get_by_role("button", name="Save").click()
    expect(admin_page.get_by_role("dialog")).to_be_hidden()

    # No reload: the count arrives over the member's events socket.
    expect(badge).to_have_text(str(before + 1), timeout=5_000)
    member_page.get_by_role("button", name=re.compile("notification", re.IGNORECASE)).click()
    expect(member_page.get_by_text("Your role in Education Network Cambodia is now Facilitator.").first).to_be_visible()
    admin_context.close()
    member_context.close()
