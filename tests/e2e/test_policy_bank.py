"""The policy bank in Chromium: a member adds a PDF, finds it by a word of its text, and cites it from a tree.

Kosal Chhim (a member of the inclusive-education group) adds a research report with a one-page PDF (built
in memory by tests/policybank/files.py) whose text holds a word found nowhere else, "zanthoxylum": not in
the document's title or summary, nor in the demo data. The worker extracts the text while the document
page waits. The search finds the document by that word, highlighted in the excerpt; the kind filter keeps
it and goes into the URL, a year filter it does not match leaves it out. On the group's demo problem tree
he cites the document from a cause, found through the inline search, with a page and a quote: the
citation shows under the cause, and the document's "Cited by" links back to the tree, where it still shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Locator, Page, expect

from tests.e2e.conftest import running_stack
from tests.e2e.personas import sign_in
from tests.policybank.files import pdf_with_text

pytestmark = pytest.mark.e2e

GROUP = "Inclusive education and disability"
TREE = "Why children with disabilities leave primary school"
CAUSE = "Cause: Schools are not physically accessible"

WORD = "zanthoxylum"
TITLE = "Forest Gardens as Outdoor Classrooms in Mondulkiri"
SUMMARY = "How community schools in the north-east teach arithmetic and science outside."
BODY = f"Pupils at Dak Dam primary school learn counting with {WORD} seedlings from the school forest garden."
QUOTE = f"learn counting with {WORD} seedlings"
FILE_NAME = "forest-gardens.pdf"
# Extraction runs in the worker, in a child process; the document page looks again every 3 s.
EXTRACTION_MS = 60_000
# Loading the live tree and its first sync.
SETTLE_MS = 15_000


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A stack of its own: citing from a tree is editing it, and the live-meeting tests leave the demo
    group in group work with editing closed."""
    with running_stack(tmp_path_factory) as url:
        yield url


@pytest.fixture
def page(browser: Any, live_server_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the page raised: {errors}"


def result(page: Page, title: str) -> Locator:
    """A search result, by the title of its document."""
    return page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=title, level=3, exact=True))


def filters(page: Page) -> Locator:
    return page.get_by_role("complementary", name="Filters")


def search_for(page: Page, words: str) -> None:
    page.get_by_role("searchbox", name="Search the policy bank").fill(words)
    page.get_by_role("button", name="Search", exact=True).click()


def test_a_member_uploads_a_pdf_finds_it_by_a_word_of_its_text_and_cites_it_from_a_problem_tree(page: Page) -> None:
    sign_in(page, "member@example.org")

    # Kosal adds the report from the policy bank, with its PDF.
    page.get_by_role("link", name="Policy bank").click()
    expect(page.get_by_role("heading", name="Policy bank", level=1)).to_be_visible()
    page.get_by_role("link", name="Add a document").click()
    expect(page.get_by_role("heading", name="Add a document", level=1)).to_be_visible()
    page.get_by_role("combobox", name="Kind").select_option(label="Research report")
    page.get_by_role("textbox", name="Title", exact=True).fill(TITLE)
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Publisher or source").fill("Mondulkiri Community Learning")
    page.get_by_label("Countries").fill("KH")
    page.get_by_label("Languages").fill("en")
    page.get_by_label("File", exact=True).set_input_files(
        files=FilePayload(name=FILE_NAME, mimeType="application/pdf", buffer=pdf_with_text(BODY))
    )
    page.get_by_role("button", name="Add document").click()

    # The document page: its details, its file, and the extraction, which finishes while the page waits.
    expect(page).to_have_url(re.compile(r"/policy/documents/\d+$"))
    document_path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    expect(page.get_by_role("link", name=f"Download {FILE_NAME} (version 1)")).to_be_visible()
    extraction = page.get_by_role("region", name="Text for search")
    expect(extraction.get_by_text("Text extracted")).to_be_visible(timeout=EXTRACTION_MS)
    expect(extraction.get_by_text("The file’s text can be searched.")).to_be_visible()
    expect(page.get_by_role("region", name="Cited by")).to_contain_text("Not cited yet.")

    # The search finds it by the word from its text, and only it, with the word marked in the excerpt.
    page.get_by_role("link", name="‹ Back to the policy bank").click()
    search_for(page, WORD)
    expect(page).to_have_url(re.compile(rf"[?&]q={WORD}(&|$)"))
    expect(page.get_by_role("heading", name="1 document", exact=True)).to_be_visible()
    found = result(page, TITLE)
    expect(found).to_have_count(1)
    expect(found.locator("mark")).to_have_text([WORD])
    expect(found).to_contain_text(BODY)
    expect(found).to_contain_text("Research report · 2024 · Mondulkiri Community Learning")

    # The kind filter keeps it, and goes into the URL (a search can be shared as a link). The boxes show the
    # URL's filters, so they tick once the page has moved to the new URL: click, then expect (not `check`,
    # which looks at once). The page keeps showing the last results while it asks again: wait for the answer.
    with page.expect_response(lambda response: "/policy/search/" in response.url and "kind=research" in response.url):
        filters(page).get_by_role("checkbox", name="Research report (1)").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=research(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]q={WORD}(&|$)"))
    expect(filters(page).get_by_role("checkbox", name="Research report (1)")).to_be_checked()
    results = page.get_by_role("region", name="1 document", exact=True)
    expect(results).not_to_have_attribute("aria-busy", "true")
    expect(result(page, TITLE)).to_have_count(1)

    # Without the words, every research report shows, this one among them; a year it is not from leaves it out.
    search_for(page, "")
    expect(page).not_to_have_url(re.compile(r"[?&]q="))
    expect(page).to_have_url(re.compile(r"[?&]kind=research(&|$)"))
    expect(page.get_by_role("heading", name=re.compile(r"^([2-9]|\d\d+) documents$"))).to_be_visible()
    expect(result(page, TITLE)).to_have_count(1)
    year = filters(page).get_by_role("checkbox", name=re.compile(r"^2021 \("))
    year.click()
    expect(page).to_have_url(re.compile(r"[?&]year=2021(&|$)"))
    expect(year).to_be_checked()
    expect(result(page, TITLE)).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile(r"^[1-9]\d* documents?$"))).to_be_visible()
    expect(page.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3)).first).to_be_visible()

    # The group's problem tree: Kosal cites the report from a cause, finding it by the same word. He gets
    # there by the menu, as a person would: the page, and what it has loaded, stays (no reload).
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Working groups").click()
    page.get_by_role("link", name=GROUP).first.click()
    page.get_by_role("link", name=TREE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/trees/\d+$"))
    tree_path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.get_by_role("heading", name=TREE, level=1)).to_be_visible()
    evidence = page.get_by_role("region", name="Evidence", exact=True)
    expect(evidence).to_be_visible(timeout=SETTLE_MS)
    evidence.get_by_label("Cite evidence for").select_option(label=CAUSE)
    cause = page.get_by_role("region", name=f"Evidence for {CAUSE}", exact=True)
    cause.get_by_role("button", name="Cite evidence").click()
    form = cause.get_by_role("group", name="Cite a document from the policy bank")
    form.get_by_role("searchbox", name="Find a document in the policy bank").fill(WORD)
    form.get_by_role("button", name="Search", exact=True).click()
    choices = form.get_by_role("list", name="Documents found").get_by_role("listitem")
    expect(choices).to_have_count(1)
    expect(choices).to_contain_text(TITLE)
    choices.get_by_role("button", name=f"Choose {TITLE}").click()
    expect(form).to_contain_text(f"Citing: {TITLE}")
    form.get_by_label("Page").fill("1")
    form.get_by_label("Quote").fill(QUOTE)
    form.get_by_role("button", name="Add citation").click()

    # The citation shows under the cause: the document, its page and the quote.
    expect(form).to_have_count(0)
    expect(cause.get_by_role("listitem")).to_have_count(1)
    expect(cause.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(cause).to_contain_text("Research report · 2024")
    expect(cause).to_contain_text("p. 1")
    expect(cause.get_by_role("blockquote")).to_have_text(QUOTE)
    expect(cause.get_by_role("button", name="Cite evidence")).to_be_visible()

    # From the citation to the document (the page seen before citing): "Cited by" now names the tree.
    cause.get_by_role("link", name=TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(document_path)}$"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    cited_by = page.get_by_role("region", name="Cited by")
    expect(cited_by.get_by_role("listitem")).to_have_count(1)
    # The place on one line, its group and the page on the next.
    expect(cited_by.get_by_role("listitem")).to_contain_text(f"{TREE} — Schools are not physically accessible")
    expect(cited_by.get_by_role("listitem")).to_contain_text(f"{GROUP} · page 1")

    # And back to the tree, where the citation still shows under the cause.
    cited_by.get_by_role("link", name=TREE, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(tree_path)}$"))
    expect(page.get_by_role("heading", name=TREE, level=1)).to_be_visible()
    cause = page.get_by_role("region", name=f"Evidence for {CAUSE}", exact=True)
    expect(cause.get_by_role("link", name=TITLE, exact=True)).to_be_visible(timeout=SETTLE_MS)
    expect(cause.get_by_role("blockquote")).to_have_text(QUOTE)
