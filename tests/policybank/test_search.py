"""Search through the API (and the service where the API adds nothing): ranking, phrases, exclusions,
Khmer words inside Khmer sentences, filters and facets, pagination, and who sees what.

Run on both databases: SQLite by default, PostgreSQL with DATABASE_URL set; the result sets must agree
(`test_the_same_queries_find_the_same_documents` holds the expected sets for both)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from groups.models import WorkingGroup
from policybank import search as search_module
from policybank.models import DocumentCountry, DocumentLanguage, PolicyDocument, Theme
from policybank.search import document_search, query_parse
from tests.policybank.helpers import BASE, make_document
from workspace.models import Membership, User, Workspace

pytestmark = pytest.mark.django_db

Client = Callable[[User | None], APIClient]
SEARCH = f"{BASE}search/"

FILLER = "The committee met in the provincial office and reviewed the annual workplan for the coming year. " * 20


def add(
    workspace: Workspace,
    title: str,
    *,
    countries: tuple[str, ...] = ("KH",),
    languages: tuple[str, ...] = ("en",),
    themes: tuple[Theme, ...] = (),
    days_ago: int = 0,
    **fields: Any,
) -> PolicyDocument:
    document = make_document(workspace, title=title, **fields)
    PolicyDocument.objects.filter(pk=document.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    for code in countries:
        DocumentCountry.objects.create(document=document, code=code)
    for code in languages:
        DocumentLanguage.objects.create(document=document, code=code)
    document.themes.set(themes)
    return document


@pytest.fixture
def library(workspace: Workspace, data_group: WorkingGroup) -> dict[str, PolicyDocument]:
    sdg4 = Theme.objects.create(workspace=workspace, code="sdg4", name_en="SDG 4")
    disability = Theme.objects.create(workspace=workspace, code="disability", name_en="Disability")
    return {
        "inclusive": add(
            workspace,
            "National Policy on Inclusive Education",
            kind="policy",
            year=2018,
            publisher="Ministry of Education",
            themes=(sdg4, disability),
            days_ago=30,
            summary="Sets out how schools include children with disabilities.",
            body_text=FILLER + "Teachers are trained in sign language. " + FILLER,
        ),
        "mention": add(
            workspace,
            "Annual school census report",
            kind="research",
            year=2021,
            publisher="UNICEF",
            themes=(sdg4,),
            days_ago=20,
            body_text=FILLER + "A short section mentions inclusive classrooms in two provinces. " + FILLER,
        ),
        "khmer": add(
            workspace,
            "គោលនយោបាយជាតិស្តីពីការអប់រំបរិយាប័ន្ន",
            kind="law",
            year=2019,
            publisher="ក្រសួងអប់រំ យុវជន និងកីឡា",
            languages=("km",),
            days_ago=10,
            body_text="ក្រសួងបានអនុម័តផែនការសកម្មភាពសម្រាប់កុមារពិការនៅតាមសាលារៀន។",
        ),
        "girls": add(
            workspace,
            "Out of school girls in rural provinces",
            kind="research",
            year=2021,
            publisher="UNICEF",
            countries=("KH", "LA"),
            days_ago=5,
            body_text="Girls out of school in rural areas face distance and cost barriers. Inclusive water points.",
        ),
        "private": add(
            workspace,
            "Inclusive assessment draft (data group only)",
            kind="research",
            year=2021,
            visibility="group",
            group=data_group,
            days_ago=1,
        ),
        "removed": add(
            workspace,
            "Inclusive education toolkit (withdrawn)",
            kind="guideline",
            year=2020,
            removed_at=timezone.now(),
            days_ago=2,
        ),
    }


def search(client: APIClient, **params: Any) -> dict[str, Any]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.data
    return response.data


def titles(body: dict[str, Any]) -> list[str]:
    return [hit["title"] for hit in body["results"]]


def ids(body: dict[str, Any]) -> set[int]:
    return {hit["id"] for hit in body["results"]}


def test_a_title_match_ranks_above_a_passing_mention(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(member), q="inclusive")
    assert titles(body)[0] == "National Policy on Inclusive Education"
    assert ids(body) == {library["inclusive"].pk, library["mention"].pk, library["girls"].pk}
    ranks = {hit["id"]: hit["rank"] for hit in body["results"]}
    assert ranks[library["inclusive"].pk] > ranks[library["mention"].pk]


def test_private_group_documents_are_neither_found_nor_counted_for_non_members(
    client_for: Client, member: User, admin: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(member), q="inclusive")
    assert library["private"].pk not in ids(body)
    assert body["total"] == 3
    assert sum(facet["count"] for facet in body["facets"]["kind"]) == 3
    # Admins see every group, so the same query finds it for them.
    assert library["private"].pk in ids(search(client_for(admin), q="inclusive"))


def test_removed_documents_are_gone_from_search(
    client_for: Client, admin: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(admin), q="toolkit")
    assert body["total"] == 0
    assert body["results"] == []


def test_an_exact_phrase_matches_only_the_words_in_that_order(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    assert ids(search(client_for(member), q='"out of school"')) == {library["girls"].pk}
    assert ids(search(client_for(member), q='"school out"')) == set()


def test_an_excluded_word_removes_its_documents(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    assert ids(search(client_for(member), q="inclusive -girls")) == {library["inclusive"].pk, library["mention"].pk}


def test_words_match_whole_words_only(client_for: Client, member: User, library: dict[str, PolicyDocument]) -> None:
    assert search(client_for(member), q="inclus")["total"] == 0
    assert ids(search(client_for(member), q="SIGN Language")) == {library["inclusive"].pk}


def test_a_khmer_word_is_found_inside_a_khmer_sentence(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    # "disabled children" appears inside a run of Khmer without spaces.
    body = search(client_for(member), q="កុមារពិការ")
    assert ids(body) == {library["khmer"].pk}
    assert "<mark>កុមារពិការ</mark>" in body["results"][0]["snippet"]
    # A two-character term is shorter than a trigram: still found.
    assert library["khmer"].pk in ids(search(client_for(member), q="ពិ"))
    # Mixed with a Latin filter word.
    assert search(client_for(member), q="ការអប់រំ toolkit")["total"] == 0


def test_the_snippet_is_escaped_html_with_the_matches_marked(
    client_for: Client, member: User, workspace: Workspace
) -> None:
    add(workspace, "Escaping", body_text="Budget <script>alert(1)</script> for inclusive schools & more.")
    snippet = search(client_for(member), q="inclusive")["results"][0]["snippet"]
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>inclusive</mark> schools &amp; more." in snippet


def test_an_empty_query_browses_newest_first(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(member))
    assert titles(body) == [
        "Out of school girls in rural provinces",
        "គោលនយោបាយជាតិស្តីពីការអប់រំបរិយាប័ន្ន",
        "Annual school census report",
        "National Policy on Inclusive Education",
    ]


def test_filters_narrow_and_facets_ignore_their_own_filter(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(member), kind="research", year="2021")
    assert ids(body) == {library["mention"].pk, library["girls"].pk}
    # The kind facet counts every kind the year filter leaves, so another kind can still be chosen.
    assert {facet["value"]: facet["count"] for facet in body["facets"]["kind"]} == {"research": 2}
    assert {facet["value"]: facet["count"] for facet in body["facets"]["year"]} == {"2021": 2}
    body = search(client_for(member), year="2021")
    assert {facet["value"]: facet["count"] for facet in body["facets"]["kind"]} == {"research": 2}
    body = search(client_for(member), kind="research")
    assert {facet["value"]: facet["count"] for facet in body["facets"]["kind"]} == {
        "research": 2,
        "policy": 1,
        "law": 1,
    }
    assert {facet["value"]: facet["count"] for facet in body["facets"]["country"]} == {"KH": 2, "LA": 1}
    assert {facet["value"]: facet["count"] for facet in body["facets"]["publisher"]} == {"UNICEF": 2}


def test_theme_country_and_language_filters(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    sdg4 = Theme.objects.get(code="sdg4")
    client = client_for(member)
    assert ids(search(client, theme=sdg4.pk)) == {library["inclusive"].pk, library["mention"].pk}
    assert ids(search(client, country="la")) == {library["girls"].pk}
    assert ids(search(client, language="km")) == {library["khmer"].pk}
    assert ids(search(client_for(member), q="schools", kind=["policy", "law"])) == {library["inclusive"].pk}
    facets = search(client, q="inclusive")["facets"]
    assert {facet["name"]: facet["count"] for facet in facets["theme"]} == {"SDG 4": 2, "Disability": 1}


def test_pages_split_the_results(client_for: Client, member: User, workspace: Workspace) -> None:
    for number in range(25):
        add(workspace, f"Education report {number}", days_ago=number)
    client = client_for(member)
    first = search(client, q="education", page_size=10, sort="newest")
    third = search(client, q="education", page_size=10, page=3, sort="newest")
    assert first["total"] == 25
    assert titles(first)[0] == "Education report 0"
    assert len(third["results"]) == 5
    everything = set()
    for page in (1, 2, 3):
        everything |= ids(search(client, q="education", page_size=10, page=page))
    assert len(everything) == 25


def test_sorting_by_title_and_year(client_for: Client, member: User, library: dict[str, PolicyDocument]) -> None:
    client = client_for(member)
    assert titles(search(client, sort="title"))[0] == "Annual school census report"
    assert [hit["year"] for hit in search(client, sort="year")["results"]] == [2021, 2021, 2019, 2018]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "popular"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"kind": "novel"}, "kind"),
        ({"year": "1200"}, "year"),
        ({"country": "Cambodia"}, "country"),
        ({"theme": "x"}, "theme"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_parameters_are_rejected_with_the_field_named(
    client_for: Client, member: User, params: dict[str, str], field: str
) -> None:
    response = client_for(member).get(SEARCH, params)
    assert response.status_code == 400
    assert field in str(response.data)


def test_outsiders_get_404(client_for: Client, outsider: User, library: dict[str, PolicyDocument]) -> None:
    assert client_for(outsider).get(SEARCH, {"q": "inclusive"}).status_code == 404


def test_the_search_costs_a_fixed_number_of_queries(
    client_for: Client, member: User, library: dict[str, PolicyDocument], django_assert_max_num_queries: Any
) -> None:
    client = client_for(member)
    with django_assert_max_num_queries(16):
        search(client, q="inclusive school", kind="research")


# Expected sets hold for SQLite and PostgreSQL alike: the same query finds the same documents on both.
SAME_ON_BOTH = [
    ("inclusive", {"inclusive", "mention", "girls"}),
    ("INCLUSIVE education", {"inclusive"}),
    ('"inclusive education"', {"inclusive"}),
    ("school", {"mention", "girls"}),
    ("schools", {"inclusive"}),
    ("school -census", {"girls"}),
    ("unicef", {"mention", "girls"}),
    ("ការអប់រំ", {"khmer"}),
    ("អប់រំ", {"khmer"}),
    ("ពិការ school", set()),
    ("កុមារ", {"khmer"}),
    ("-inclusive", {"khmer"}),
    ("rural -water", set()),
    ("2018", set()),
    ("provinces", {"mention", "girls"}),
    ("sign-language", {"inclusive"}),
    ("language sign", {"inclusive"}),
    ('"language sign"', set()),
    ("disabilities", {"inclusive"}),
    ("disab", set()),
    ('"out of school"', {"girls"}),
    ('"school girls rural"', set()),
    ('"out of school" -"rural areas"', set()),
]


@pytest.mark.parametrize(("query", "expected"), SAME_ON_BOTH)
def test_the_same_queries_find_the_same_documents(
    client_for: Client, member: User, library: dict[str, PolicyDocument], query: str, expected: set[str]
) -> None:
    body = search(client_for(member), q=query, page_size=50)
    found = {name for name, document in library.items() if document.pk in ids(body)}
    assert found == expected
    assert body["total"] == len(expected)


def test_the_query_language_is_parsed_once_for_both_backends() -> None:
    parsed = query_parse('Inclusive "out of  school" -girls covid-19 ការអប់រំ, "unclosed phrase')
    assert [(term.text, term.substring, term.excluded) for term in parsed.terms] == [
        ("inclusive", False, False),
        ("out of school", False, False),
        ("girls", False, True),
        ("covid 19", False, False),
        ("ការអប់រំ", True, False),
        ("unclosed phrase", False, False),
    ]


def test_relevance_past_the_ranked_candidates_still_pages_through_every_match(
    client_for: Client, member: User, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More matches than the search reads ids of: the title matches are ranked first all the same.
    monkeypatch.setattr(search_module, "RANK_CANDIDATES", 3)
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 3)
    for number in range(6):
        add(workspace, f"Report {number}", body_text="A passing mention of budgets.", days_ago=number)
    titled = add(workspace, "Budgets for inclusive schools", days_ago=100)
    client = client_for(member)
    first = search(client, q="budgets", page_size=3)
    assert (first["total"], first["total_exact"]) == (3, False)
    assert first["results"][0]["id"] == titled.pk
    seen: list[int] = []
    for page in (1, 2, 3):
        seen += [hit["id"] for hit in search(client, q="budgets", page_size=3, page=page)["results"]]
    assert len(seen) == len(set(seen)) == 7


def test_past_the_count_limit_the_total_is_a_lower_bound_and_the_facets_a_sample(
    client_for: Client, member: User, library: dict[str, PolicyDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(member)
    exact = search(client, q="inclusive")
    assert (exact["total"], exact["total_exact"], exact["facets_exact"]) == (3, True, True)

    monkeypatch.setattr(search_module, "COUNT_LIMIT", 2)
    monkeypatch.setattr(search_module, "FACET_SAMPLE", 2)
    capped = search(client, q="inclusive", page_size=50)
    assert (capped["total"], capped["total_exact"], capped["facets_exact"]) == (2, False, False)
    # The facets count a sample of the matches, never more than there are.
    assert sum(facet["count"] for facet in capped["facets"]["kind"]) <= 3
    # Every match can still be paged to: the results are not cut at the count limit.
    assert len(capped["results"]) == 3


def test_facets_exclude_their_own_filter_but_apply_the_others(
    client_for: Client, member: User, library: dict[str, PolicyDocument]
) -> None:
    body = search(client_for(member), q="inclusive", kind="research", country="LA")
    # kind facet: matches in LA, whatever their kind; country facet: research matches, whatever their country.
    assert {facet["value"]: facet["count"] for facet in body["facets"]["kind"]} == {"research": 1}
    assert {facet["value"]: facet["count"] for facet in body["facets"]["country"]} == {"KH": 2, "LA": 1}
    assert body["total"] == 1


def test_a_khmer_word_anywhere_in_a_long_text_is_found_and_edits_are_searched_again(
    client_for: Client, member: User, workspace: Workspace
) -> None:
    # Long enough to be cut into pieces of 600 characters on PostgreSQL; the word straddles the first cut.
    filler = "ក្រសួងបានអនុម័តផែនការ"
    body = (filler * 40)[:594] + "កុមារពិការ" + filler * 60
    document = add(workspace, "Provincial action plan", body_text=body, languages=("km",))
    client = client_for(member)
    assert ids(search(client, q="កុមារពិការ")) == {document.pk}
    assert ids(search(client, q=filler)) == {document.pk}
    # With a word as well: the word's index finds the candidates, the Khmer term is checked on each.
    assert ids(search(client, q="provincial កុមារពិការ")) == {document.pk}
    assert ids(search(client, q="provincial -កុមារពិការ")) == set()

    document.body_text = filler * 90 + "សាលារៀនសហគមន៍"
    document.save(update_fields=["body_text"])
    assert ids(search(client, q="កុមារពិការ")) == set()
    assert ids(search(client, q="សាលារៀនសហគមន៍")) == {document.pk}


def test_the_planner_settings_of_a_search_do_not_outlive_it(member: User, library: dict[str, PolicyDocument]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Only the PostgreSQL search changes planner settings.")
    # The test runs inside a transaction, as a request may: the search's SET LOCAL must not stay behind.
    document_search(actor=Membership.objects.get(user=member), query="inclusive")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
