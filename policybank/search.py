"""Search over the policy bank: one query language, one service, two database backends.

`document_search` is the only entry point. It reads through `document_list_for_user` (so private group
documents and removed documents never appear, nor count in facets), parses the query once
(`query_parse`), and matches it with the backend of the connection's database:

- Latin-script terms match whole words, case-insensitively (PostgreSQL: the generated `search_vector`
  column, config 'simple'; SQLite: the FTS5 `unicode61` table `policybank_search_words`).
- Terms in Khmer script match as substrings: Khmer is written without spaces between words, so a word
  is found inside a run of text (PostgreSQL: ILIKE on the trigram-indexed text; SQLite: the FTS5
  `trigram` table, or LIKE for terms shorter than a trigram).

Both give the same result set for the same query and data; only the rank numbers differ. The indexes are
made by migration 0002 and are unknown to the Django model.

Facets are counted over the match set with every filter applied except the facet's own, so choosing
"law" still shows how many "policy" documents there would be (the usual faceted-search behaviour).
"""

# The SQL below is built only from constants of this module; user text always goes in as parameters.
# ruff: noqa: S608
from __future__ import annotations

import html
import re
import string
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left

from policybank.models import DocumentCountry, DocumentKind, DocumentLanguage, PolicyDocument, Theme
from policybank.selectors import document_list_for_user
from workspace.models import Membership

__all__ = [
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "SORTS",
    "ParsedQuery",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "Term",
    "document_search",
    "query_parse",
]

MAX_QUERY_LENGTH = 500
MAX_TERMS = 20
MAX_PAGE_SIZE = 50
SORTS = ("relevance", "newest", "year", "title")
# Relevance ranks at most this many candidates (the title/summary matches first, then the newest):
# ranking every match of a common word is what costs (STACK.md: 961 k matches took 361 ms). Matches
# beyond the ranked set follow, newest first.
RANK_CANDIDATES = 1000
# Keep in step with migration 0002 (an index is only used when the query repeats its expression).
BODY_CAP = 500000
# Stands for the document table's alias in this query (Django renames the table inside subqueries).
TABLE = "{document}"
POSTGRES_SEARCH_TEXT = (
    f"({TABLE}.title || ' ' || {TABLE}.other_titles::text || ' ' || {TABLE}.summary || ' ' || "
    f"{TABLE}.publisher || ' ' || {TABLE}.places::text || ' ' || left({TABLE}.body_text, {BODY_CAP}))"
)
SNIPPET_LENGTH = 240
SNIPPET_SCAN = 200_000
PUBLISHER_FACET_SIZE = 20

KHMER = re.compile("[\u1780-\u17ff]")
WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
STRIP = string.punctuation + string.whitespace + "“”‘’«»។៕"


# --- The query language -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word or "quoted phrase" of a query; `-` in front excludes it."""

    text: str  # lower-cased, spaces collapsed
    words: tuple[str, ...]  # the Latin words of a word-matched term (one for a word, more for a phrase)
    substring: bool  # Khmer: matched as a substring of the text
    excluded: bool


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = ()

    @property
    def included(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.excluded)


def query_parse(query: str) -> ParsedQuery:
    """Words (all must match), "exact phrases" and -excluded words; the same for both backends.

    Punctuation inside a Latin term splits it into a phrase ("covid-19" is the phrase "covid 19"), as
    both databases' tokenisers do. An unclosed quote runs to the end of the query."""
    terms: list[Term] = []
    for match in TOKEN.finditer(query[:MAX_QUERY_LENGTH]):
        minus, phrase, bare = match.groups()
        if bare is not None:
            excluded = bare.startswith("-") and len(bare) > 1
            raw = bare[1:] if excluded else bare
        else:
            excluded, raw = bool(minus), phrase
        text = " ".join(raw.lower().split()).strip(STRIP)
        if not text:
            continue
        if KHMER.search(text):
            terms.append(Term(text=text, words=(), substring=True, excluded=excluded))
            continue
        words = tuple(WORD.findall(text))
        if words:
            terms.append(Term(text=" ".join(words), words=words, substring=False, excluded=excluded))
    return ParsedQuery(terms=tuple(dict.fromkeys(terms))[:MAX_TERMS])


# --- Inputs and results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    """Values within one filter are alternatives (any of them); different filters all apply."""

    kinds: tuple[str, ...] = ()
    themes: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    group: int | None = None


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    kind: str
    year: int | None
    publisher: str
    snippet: str  # HTML: escaped text with the matches in <mark>
    rank: float | None


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    name: str  # for people: the kind's label, the theme's name; the value itself for the others


@dataclass
class SearchResult:
    total: int
    page: int
    page_size: int
    results: list[SearchHit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    query: str = ""
    sort: str = "relevance"
    filters: SearchFilters = field(default_factory=SearchFilters)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class DocumentSQL(RawSQL):
    """Raw SQL over the documents, their table named `{document}`: filled in with the table's alias in the
    query being compiled, so the same condition works in the search and inside the facets' subqueries."""

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        alias = compiler.query.base_table or PolicyDocument._meta.db_table
        sql = self.sql.replace("{document}", compiler.quote_name(alias))
        return f"({sql})", self.params


# --- Backends --------------------------------------------------------------------------------------------


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class PostgresBackend:
    def tsquery(self, terms: tuple[Term, ...]) -> tuple[str, list[str]]:
        sql = " && ".join(["phraseto_tsquery('simple', %s)"] * len(terms))
        return f"({sql})", [term.text for term in terms]

    def term_q(self, term: Term) -> Q:
        if term.substring:
            # Khmer has no letter case: LIKE finds the same rows as ILIKE at a fraction of the cost on long
            # texts (ILIKE case-folds every character); ILIKE only when the term also holds cased letters.
            operator = "ILIKE" if term.text != term.text.upper() else "LIKE"
            sql = f"{POSTGRES_SEARCH_TEXT} {operator} %s"
            return Q(DocumentSQL(sql, [_like_pattern(term.text)], output_field=_bool()))
        sql, params = self.tsquery((term,))
        return Q(DocumentSQL(f"{TABLE}.search_vector @@ {sql}", params, output_field=_bool()))

    def match(self, documents: QuerySet[PolicyDocument], query: ParsedQuery) -> QuerySet[PolicyDocument]:
        words = tuple(term for term in query.included if not term.substring)
        if words:
            # One tsquery for all included words, so the GIN index answers them together.
            sql, params = self.tsquery(words)
            documents = documents.filter(DocumentSQL(f"{TABLE}.search_vector @@ {sql}", params, output_field=_bool()))
        for term in query.included:
            if term.substring:
                documents = documents.filter(self.term_q(term))
        for term in query.excluded:
            documents = documents.exclude(self.term_q(term))
        return documents

    def head_q(self, query: ParsedQuery) -> Q:
        """Documents whose title or summary holds an included term: the first relevance candidates."""
        conditions = Q()
        for term in query.included:
            if term.substring:
                conditions |= Q(title__icontains=term.text) | Q(summary__icontains=term.text)
            else:
                # Words are [^\W_]+, so quoting them for to_tsquery is safe; :AB keeps title and summary.
                tsquery = " <-> ".join(f"'{word}':AB" for word in term.words)
                conditions |= Q(
                    DocumentSQL(f"{TABLE}.search_vector @@ to_tsquery('simple', %s)", [tsquery], output_field=_bool())
                )
        return conditions

    def rank(self, query: ParsedQuery) -> RawSQL:
        words = tuple(term for term in query.included if not term.substring)
        parts: list[str] = []
        params: list[Any] = []
        if words:
            sql, word_params = self.tsquery(words)
            parts.append(f"ts_rank({TABLE}.search_vector, {sql})")
            params += word_params
        for term in query.included:
            if term.substring:
                parts.append(_substring_bonus("ILIKE"))
                params += [_like_pattern(term.text)] * 3
        return DocumentSQL(" + ".join(parts) or "0", params, output_field=FloatField())


class SqliteBackend:
    WORDS = "policybank_search_words"
    TRIGRAMS = "policybank_search_trigrams"

    def term_q(self, term: Term) -> Q:
        if term.substring and len(term.text) < 3:
            pattern = _like_pattern(term.text)
            columns = " OR ".join(
                f"{column} LIKE %s ESCAPE '\\'" for column in ("title", "summary", "publisher", "body")
            )
            sql = f"SELECT rowid FROM {self.TRIGRAMS} WHERE {columns}"
            return Q(pk__in=DocumentSQL(sql, [pattern] * 4))
        table = self.TRIGRAMS if term.substring else self.WORDS
        return Q(pk__in=DocumentSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [_fts5_string(term.text)]))

    def match(self, documents: QuerySet[PolicyDocument], query: ParsedQuery) -> QuerySet[PolicyDocument]:
        for term in query.included:
            documents = documents.filter(self.term_q(term))
        for term in query.excluded:
            documents = documents.exclude(self.term_q(term))
        return documents

    def head_q(self, query: ParsedQuery) -> Q:
        return Q()  # bm25 over the FTS5 table is cheap enough to rank every match

    def rank(self, query: ParsedQuery) -> RawSQL:
        words = [term for term in query.included if not term.substring]
        parts: list[str] = []
        params: list[Any] = []
        if words:
            # bm25 is lower for better matches; weights per column: title, summary, publisher, body.
            parts.append(
                f"coalesce((SELECT -bm25({self.WORDS}, 10.0, 4.0, 2.0, 1.0) / 10.0 FROM {self.WORDS} "
                f"WHERE {self.WORDS} MATCH %s AND rowid = {TABLE}.id), 0)"
            )
            params.append(" ".join(_fts5_string(term.text) for term in words))
        for term in query.included:
            if term.substring:
                parts.append(_substring_bonus("LIKE"))
                params += [_like_pattern(term.text)] * 3
        return DocumentSQL(" + ".join(parts) or "0", params, output_field=FloatField())


def _substring_bonus(operator: str) -> str:
    # A substring match has no word statistics to rank by: where it occurs decides (title > summary > rest).
    return (
        f"(CASE WHEN {TABLE}.title {operator} %s ESCAPE '\\' THEN 1.0 "
        f"WHEN {TABLE}.summary {operator} %s ESCAPE '\\' THEN 0.4 "
        f"WHEN {TABLE}.publisher {operator} %s ESCAPE '\\' THEN 0.2 ELSE 0.05 END)"
    )


def _bool() -> BooleanField:
    return BooleanField()


def _backend() -> PostgresBackend | SqliteBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search has no backend for {connection.vendor}.")


# --- Filters and facets ----------------------------------------------------------------------------------

FACETS = ("kind", "theme", "country", "year", "language", "publisher")
ThemeLink = PolicyDocument.themes.through


def _filter_q(name: str, filters: SearchFilters) -> Q | None:
    if name == "kind" and filters.kinds:
        return Q(kind__in=filters.kinds)
    if name == "theme" and filters.themes:
        return Q(Exists(ThemeLink.objects.filter(policydocument_id=OuterRef("pk"), theme_id__in=filters.themes)))
    if name == "country" and filters.countries:
        return Q(Exists(DocumentCountry.objects.filter(document_id=OuterRef("pk"), code__in=filters.countries)))
    if name == "year" and filters.years:
        return Q(year__in=filters.years)
    if name == "language" and filters.languages:
        return Q(Exists(DocumentLanguage.objects.filter(document_id=OuterRef("pk"), code__in=filters.languages)))
    if name == "publisher" and filters.publishers:
        return Q(publisher__in=filters.publishers)
    if name == "group" and filters.group is not None:
        return Q(group_id=filters.group)
    return None


def _filtered(
    documents: QuerySet[PolicyDocument], filters: SearchFilters, *, skip: str = ""
) -> QuerySet[PolicyDocument]:
    for name in (*FACETS, "group"):
        condition = _filter_q(name, filters) if name != skip else None
        if condition is not None:
            documents = documents.filter(condition)
    return documents


def _facet_counts(
    matched: QuerySet[PolicyDocument], filters: SearchFilters, actor: Membership
) -> dict[str, list[FacetCount]]:
    facets: dict[str, list[FacetCount]] = {}
    kind_labels = dict(DocumentKind.choices)

    def among(name: str) -> QuerySet[PolicyDocument]:
        return _filtered(matched, filters, skip=name).order_by()

    kinds = _value_counts(among("kind"), "kind")
    facets["kind"] = [FacetCount(kind, n, str(kind_labels.get(kind, kind))) for kind, n in kinds]

    ids = among("theme").values("pk")
    theme_rows = ThemeLink.objects.filter(policydocument_id__in=ids).values_list("theme_id").annotate(n=Count("id"))
    names = dict(Theme.objects.filter(workspace_id=actor.workspace_id).values_list("pk", "name_en"))
    facets["theme"] = sorted(
        (FacetCount(str(theme_id), n, names.get(theme_id, "")) for theme_id, n in theme_rows),
        key=lambda facet: (-facet.count, facet.name),
    )
    for name, model in (("country", DocumentCountry), ("language", DocumentLanguage)):
        codes = model.objects.filter(document_id__in=among(name).values("pk"))
        facets[name] = [FacetCount(code, n, code) for code, n in _value_counts(codes, "code")]
    years = sorted(_value_counts(among("year").exclude(year__isnull=True), "year"), reverse=True)
    facets["year"] = [FacetCount(str(year), n, str(year)) for year, n in years]
    publishers = _value_counts(among("publisher").exclude(publisher=""), "publisher")[:PUBLISHER_FACET_SIZE]
    facets["publisher"] = [FacetCount(publisher, n, publisher) for publisher, n in publishers]
    return facets


def _value_counts(rows: QuerySet[Any], field: str) -> list[tuple[Any, int]]:
    """(value, count) pairs, most frequent first."""
    counted = rows.order_by().values_list(field).annotate(n=Count("pk")).order_by("-n", field)
    return [(value, n) for value, n in counted]


# --- Snippets --------------------------------------------------------------------------------------------


def _term_pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    alternatives = []
    for term in terms:
        if term.substring:
            alternatives.append(re.escape(term.text))
        else:
            words = r"[\W_]+".join(re.escape(word) for word in term.words)
            alternatives.append(rf"(?<![^\W_]){words}(?![^\W_])")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _marked(text: str, pattern: re.Pattern[str] | None) -> str:
    """Escape first, then mark: the snippet is rendered as HTML and the text is the uploader's."""
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def _snippet(summary: str, body: str, pattern: re.Pattern[str] | None) -> str:
    """The fragment of summary or body where most different terms occur; the summary's start if none."""
    candidates: list[str] = []
    for text in (summary, body):
        if pattern is None:
            continue
        for count, match in enumerate(pattern.finditer(text)):
            if count >= 20:
                break
            start = max(0, match.start() - SNIPPET_LENGTH // 3)
            # Start at a word boundary so the fragment does not open mid-word.
            space = text.rfind(" ", 0, start) if start else -1
            start = space + 1 if space >= 0 and start - space < 30 else start
            candidates.append(("…" if start else "") + text[start : start + SNIPPET_LENGTH])
    if candidates and pattern is not None:
        best = max(candidates, key=lambda fragment: len({m.group(0).lower() for m in pattern.finditer(fragment)}))
        return _marked(best, pattern)
    fallback = summary or body
    return _marked(fallback[:SNIPPET_LENGTH], pattern)


# --- The service --------------------------------------------------------------------------------------------


ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "year": (F("year").desc(nulls_last=True), "-created_at", "-id"),
    "title": ("title", "id"),
}


def document_search(
    *,
    actor: Membership,
    query: str,
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
) -> SearchResult:
    """Search the documents `actor` may see. An empty query browses them, newest first."""
    filters = filters or SearchFilters()
    if sort not in SORTS:
        raise ValueError(sort)
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    parsed = query_parse(query)
    backend = _backend()

    matched = backend.match(document_list_for_user(actor=actor), parsed).order_by()
    documents = _filtered(matched, filters)
    total = documents.count()
    offset = (page - 1) * page_size

    ranks: dict[int, float] = {}
    if sort == "relevance" and parsed.included:
        page_ids, ranks = _ranked_page(documents, parsed, backend, total, offset, page_size)
    else:
        ordering = ORDERINGS["newest" if sort == "relevance" else sort]
        page_ids = list(documents.order_by(*ordering).values_list("pk", flat=True)[offset : offset + page_size])

    rows = {
        row["pk"]: row
        for row in PolicyDocument.objects.filter(pk__in=page_ids)
        .annotate(body_start=Left("body_text", SNIPPET_SCAN))
        .values("pk", "title", "kind", "year", "publisher", "summary", "body_start")
    }
    pattern = _term_pattern(parsed.included)
    hits = [
        SearchHit(
            id=pk,
            title=rows[pk]["title"],
            kind=rows[pk]["kind"],
            year=rows[pk]["year"],
            publisher=rows[pk]["publisher"],
            snippet=_snippet(rows[pk]["summary"], rows[pk]["body_start"], pattern),
            rank=ranks.get(pk),
        )
        for pk in page_ids
        if pk in rows
    ]
    return SearchResult(
        total=total,
        page=page,
        page_size=page_size,
        results=hits,
        facets=_facet_counts(matched, filters, actor) if facets else {},
        query=query,
        sort=sort,
        filters=filters,
    )


def _ranked_page(
    documents: QuerySet[PolicyDocument],
    query: ParsedQuery,
    backend: PostgresBackend | SqliteBackend,
    total: int,
    offset: int,
    page_size: int,
) -> tuple[list[int], dict[int, float]]:
    newest = ("-created_at", "-id")
    if total > RANK_CANDIDATES and isinstance(backend, PostgresBackend):
        head = list(documents.filter(backend.head_q(query)).values_list("pk", flat=True)[:RANK_CANDIDATES])
        rest = list(documents.order_by(*newest).values_list("pk", flat=True)[:RANK_CANDIDATES])
        candidates = documents.filter(pk__in=set(head) | set(rest))
    else:
        candidates = documents
    ranked = list(
        candidates.annotate(search_rank=backend.rank(query))
        .order_by("-search_rank", *newest)
        .values_list("pk", "search_rank")[:RANK_CANDIDATES]
    )
    ranks = {pk: float(rank) for pk, rank in ranked}
    page_ids = [pk for pk, _rank in ranked[offset : offset + page_size]]
    if len(page_ids) < page_size and offset + len(page_ids) < total:
        # Past the ranked candidates: the other matches, newest first.
        skip = max(0, offset - len(ranked))
        more = documents.exclude(pk__in=list(ranks)).order_by(*newest).values_list("pk", flat=True)
        page_ids += list(more[skip : skip + page_size - len(page_ids)])
    return page_ids, ranks
