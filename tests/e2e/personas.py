"""Signing in as a demo persona, shared by the end-to-end tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "roundtable-demo"


def sign_in(page: Page, email: str, language: str | None = "en") -> None:
    """Sign in; then, unless `language` is None, make the interface speak it (tests share one database,
    and the language a person picks is remembered)."""
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/w/[\w-]+/$"))
    if language is not None:
        page.get_by_test_id("language-switch").select_option(language)
        expect(page.locator("html")).to_have_attribute("lang", language)
