"""Search over the policy bank: one query language, one service, two database backends.

`document_search` is the only entry point. It reads through `document_list_for_user` (so private group
documents and removed documents never appear, nor count in facets), parses the query once
(`query_parse`), and matches it with the backend of the connection's database:

- Latin-script words match whole words, case-insensitively (PostgreSQL: the generated `search_vector`
  column, config 'simple'; SQLite: the FTS5 `unicode61` table `policybank_search_words`). Phrases match
  their words in order (PostgreSQL: each pair of adjacent words is one lexeme of `search_pairs`).
- Terms in Khmer script match as substrings: Khmer is written without spaces between words, so a word
  is found inside a run of text (PostgreSQL: LIKE on trigram-indexed pieces of the Khmer text, or on the
  whole text for long or mixed terms; SQLite: the FTS5 `trigram` table, or LIKE for terms shorter than
  a trigram).

Both give the same result set for the same query and data; only the rank numbers differ. The indexes are
made by migrations 0002, 0003 and 0005 and are unknown to the Django model.

Cost is bounded at any library size: a search reads the ids of at most COUNT_LIMIT + 1 matches, once,
from the indexes; the total, the ranking (title matches first, then by the small head vector) and the
facets work from those ids. Past the limit the total is a lower bound and the facets count a sample,
and the answer says so (`total_exact`, `facets_exact`).

Facets are counted over the matches with every filter applied except the facet's own, so choosing
"law" still shows how many "policy" documents there would be (the usual faceted-search behaviour).
"""

# The SQL below is built only from constants of this module; user text always goes in as parameters.
# ruff: noqa: S608
from __future__ import annotations

import html
import itertools
import re
import string
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left

from policybank.models import DocumentCountry, DocumentKind, DocumentLanguage, KhmerTextChunk, PolicyDocument, Theme
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
# Relevance ranks at most this many candidates (the title matches first, then the title/summary
# matches, then the newest): ranking every match of a common word is what costs (STACK.md: 961 k
# matches took 361 ms). Matches beyond the ranked set follow, newest first.
RANK_CANDIDATES = 1000
# A search reads the ids of at most this many matches, once; counting, ranking and facets work from
# them. Past it the total reads "1,000+" (`total_exact` false), as search engines do, and the facets
# describe a sample of the matches (`facets_exact` false; the page says so): counting every match of a
# word found in nearly every document was most of a search's time at 100,000 documents
# (bench/search_bench.py).
COUNT_LIMIT = 1_000
FACET_SAMPLE = 1_000
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
# A term of Khmer letters and spaces only, short enough to lie inside one Khmer text piece on PostgreSQL
# (policybank.models.KhmerTextChunk: pieces overlap by 100 characters).
KHMER_PIECE_TERM = re.compile("[\u1780-\u17ff ]{1,100}")
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
    total_exact: bool
    page: int
    page_size: int
    results: list[SearchHit]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    facets_exact: bool = True
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


PLANNER_SETTINGS = "('enable_seqscan', 'enable_indexscan')"


class PostgresBackend:
    def tsquery(self, terms: tuple[Term, ...]) -> tuple[str, list[str]]:
        sql = " && ".join(["phraseto_tsquery('simple', %s)"] * len(terms))
        return f"({sql})", [term.text for term in terms]

    def term_q(self, term: Term, *, per_document: bool = False) -> Q:
        """`per_document`: other terms find the candidates (a word's index), so check this one on each of
        them rather than finding every document that has it (a common Khmer word is in tens of thousands
        of pieces)."""
        if term.substring:
            pattern = _like_pattern(term.text)
            if KHMER_PIECE_TERM.fullmatch(term.text):
                # Checked inside short pieces of the Khmer text, not the whole decompressed body.
                if per_document:
                    # OFFSET 0 keeps the planner from turning this into a join over every matching piece.
                    chunks = KhmerTextChunk._meta.db_table
                    sql = (
                        f"EXISTS (SELECT 1 FROM {chunks} piece WHERE piece.document_id = {TABLE}.id "
                        "AND piece.text LIKE %s OFFSET 0)"
                    )
                    return Q(DocumentSQL(sql, [pattern], output_field=_bool()))
                return Q(pk__in=KhmerTextChunk.objects.filter(text__contains=term.text).values("document_id"))
            # Khmer has no letter case: LIKE finds the same rows as ILIKE at a fraction of the cost on long
            # texts (ILIKE case-folds every character); ILIKE only when the term also holds cased letters.
            operator = "ILIKE" if term.text != term.text.upper() else "LIKE"
            sql = f"{POSTGRES_SEARCH_TEXT} {operator} %s"
            return Q(DocumentSQL(sql, [pattern], output_field=_bool()))
        if len(term.words) == 1:
            sql, params = self.tsquery((term,))
            return Q(DocumentSQL(f"{TABLE}.search_vector @@ {sql}", params, output_field=_bool()))
        # A phrase: every pair of its adjacent words, each one lexeme of `search_pairs` (migration 0005).
        # Words are [^\W_]+, so quoting them in tsquery syntax is safe.
        pairs = " & ".join(f"'{first} {second}'" for first, second in itertools.pairwise(term.words))
        condition = Q(DocumentSQL(f"{TABLE}.search_pairs @@ %s::tsquery", [pairs], output_field=_bool()))
        if len(term.words) > 2:
            # All the pairs can be there apart; the few documents that have them all are checked exactly.
            sql, params = self.tsquery((term,))
            condition &= Q(DocumentSQL(f"{TABLE}.search_vector @@ {sql}", params, output_field=_bool()))
        return condition

    def match(self, documents: QuerySet[PolicyDocument], query: ParsedQuery) -> QuerySet[PolicyDocument]:
        words = tuple(term for term in query.included if not term.substring and len(term.words) == 1)
        if words:
            # One tsquery for all included single words, so the GIN index answers them together.
            sql, params = self.tsquery(words)
            documents = documents.filter(DocumentSQL(f"{TABLE}.search_vector @@ {sql}", params, output_field=_bool()))
        for term in query.included:
            if term.substring or len(term.words) > 1:
                documents = documents.filter(self.term_q(term, per_document=bool(words)))
        for term in query.excluded:
            documents = documents.exclude(self.term_q(term, per_document=bool(words)))
        return documents

    @contextmanager
    def index_scans(self) -> Iterator[None]:
        """Matches come from the search indexes, not from reading every document.

        The planner counts a text match as cheap, so for a common word it reads the table and checks each
        row's vector, which means fetching the whole out-of-line vector of every row; the GIN index
        answers a word without any of that. SET LOCAL holds for this transaction only; it is put back
        at the end of the block, since a caller's transaction may go on (a savepoint does not undo it)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT set_config(name, 'off', true) FROM pg_settings WHERE name IN {PLANNER_SETTINGS}")
            yield
            cursor.execute(
                f"SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name IN {PLANNER_SETTINGS}"
            )

    def _head_tsquery(self, words: tuple[Term, ...], weights: str) -> tuple[str, list[str]]:
        """Any of the word terms (phrases as phrases) within the head's parts of weight `weights`."""
        # Words are [^\W_]+, so quoting them for to_tsquery is safe.
        alternatives = [" <-> ".join(f"'{word}':{weights}" for word in term.words) for term in words]
        return "to_tsquery('simple', %s)", [" | ".join(f"({alternative})" for alternative in alternatives)]

    def title_q(self, query: ParsedQuery) -> Q:
        """Documents whose title holds an included term: the first relevance candidates."""
        conditions = Q()
        words = tuple(term for term in query.included if not term.substring)
        if words:
            alternatives = " || ".join(["phraseto_tsquery('simple', %s)"] * len(words))
            params = [term.text for term in words]
            conditions |= Q(DocumentSQL(f"{TABLE}.search_title @@ ({alternatives})", params, output_field=_bool()))
        for term in query.included:
            if term.substring:
                conditions |= Q(title__contains=term.text)
        return conditions

    def rank(self, query: ParsedQuery) -> RawSQL:
        """By the head only: a match in the title ranks above one in the summary, which ranks above the
        body (every candidate matches the body already). Cheap because the head vector is small."""
        words = tuple(term for term in query.included if not term.substring)
        parts: list[str] = []
        params: list[Any] = []
        if words:
            sql, word_params = self._head_tsquery(words, "ABCD")
            parts.append(f"ts_rank({TABLE}.search_head, {sql})")
            params += word_params
        for term in query.included:
            if term.substring:
                parts.append(_substring_bonus("ILIKE"))
                params += [_like_pattern(term.text)] * 3
        return DocumentSQL(" + ".join(parts) or "0", params, output_field=FloatField())


class SqliteBackend:
    WORDS = "policybank_search_words"
    TRIGRAMS = "policybank_search_trigrams"

    @contextmanager
    def index_scans(self) -> Iterator[None]:
        yield  # SQLite plans the FTS5 lookups first on its own.

    def title_q(self, query: ParsedQuery) -> Q:
        """Documents whose title holds an included term: the first relevance candidates."""
        conditions = Q()
        for term in query.included:
            if term.substring:
                conditions |= Q(title__contains=term.text)
            else:
                sql = f"SELECT rowid FROM {self.WORDS} WHERE {self.WORDS} MATCH %s"
                conditions |= Q(pk__in=DocumentSQL(sql, ["title : " + _fts5_string(term.text)]))
        return conditions

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


def ids_q(ids: list[int]) -> Q:
    """Documents among `ids`. PostgreSQL takes the list as one array parameter: a thousand placeholders
    cost more to build and parse than the query they are in."""
    if connection.vendor == "postgresql":
        return Q(DocumentSQL(f"{TABLE}.id = ANY(%s)", [ids], output_field=_bool()))
    return Q(pk__in=ids)


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


# Each facet's condition on a sampled match `s` (its columns: id, kind, year, publisher), for the facets
# whose values live in link tables: the table, its document column and its value column.
LINK_FACETS = {
    "theme": (ThemeLink._meta.db_table, "policydocument_id", "theme_id"),
    "country": (DocumentCountry._meta.db_table, "document_id", "code"),
    "language": (DocumentLanguage._meta.db_table, "document_id", "code"),
}
FILTER_VALUES = {
    "kind": "kinds",
    "theme": "themes",
    "country": "countries",
    "year": "years",
    "language": "languages",
    "publisher": "publishers",
}


def _sample_condition(name: str, filters: SearchFilters) -> tuple[str, list[Any]]:
    """SQL true for a sampled match that passes facet `name`'s filter (always true without one)."""
    values = list(getattr(filters, FILTER_VALUES[name]))
    if not values:
        return "1 = 1", []
    placeholders = ", ".join(["%s"] * len(values))
    if name in LINK_FACETS:
        table, document_column, value_column = LINK_FACETS[name]
        sql = f"EXISTS (SELECT 1 FROM {table} l WHERE l.{document_column} = s.id AND l.{value_column} IN ({placeholders}))"
        return sql, values
    return f"s.{name} IN ({placeholders})", values


def _facet_counts(sample_ids: list[int], filters: SearchFilters, actor: Membership) -> dict[str, list[FacetCount]]:
    """Every facet's counts in one statement over the sampled matches (found without the facet filters):
    each facet counts the matches that pass every filter but its own."""
    if not sample_ids:
        return {name: [] for name in FACETS}
    sample_sql, sample_params = (
        PolicyDocument.objects.filter(ids_q(sample_ids))
        .order_by()
        .values_list("pk", "kind", "year", "publisher")
        .query.sql_with_params()
    )
    conditions = {name: _sample_condition(name, filters) for name in FACETS}

    def others(name: str) -> tuple[str, list[Any]]:
        parts = [conditions[other] for other in FACETS if other != name]
        return " AND ".join(sql for sql, _params in parts), [value for _sql, params in parts for value in params]

    selects: list[str] = []
    params: list[Any] = list(sample_params)
    for name in FACETS:
        where, where_params = others(name)
        if name in LINK_FACETS:
            table, document_column, value_column = LINK_FACETS[name]
            selects.append(
                f"SELECT '{name}', CAST(l.{value_column} AS TEXT), COUNT(*) FROM sample s "
                f"JOIN {table} l ON l.{document_column} = s.id WHERE {where} GROUP BY l.{value_column}"
            )
        else:
            present = "s.year IS NOT NULL" if name == "year" else f"s.{name} <> ''"
            selects.append(
                f"SELECT '{name}', CAST(s.{name} AS TEXT), COUNT(*) FROM sample s "
                f"WHERE {present} AND {where} GROUP BY s.{name}"
            )
        params += where_params
    # MATERIALIZED: the sample is read once however many facets count it.
    sql = f"WITH sample (id, kind, year, publisher) AS MATERIALIZED ({sample_sql}) " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    for name, value, count in rows:
        counts[name].append((value, count))
    by_count = {name: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for name, pairs in counts.items()}
    kind_labels = dict(DocumentKind.choices)
    names = dict(Theme.objects.filter(workspace_id=actor.workspace_id).values_list("pk", "name_en"))
    facets = {
        "kind": [FacetCount(kind, n, str(kind_labels.get(kind, kind))) for kind, n in by_count["kind"]],
        "theme": sorted(
            (FacetCount(value, n, names.get(int(value), "")) for value, n in by_count["theme"]),
            key=lambda facet: (-facet.count, facet.name),
        ),
        "country": [FacetCount(code, n, code) for code, n in by_count["country"]],
        "language": [FacetCount(code, n, code) for code, n in by_count["language"]],
        "year": [FacetCount(year, n, year) for year, n in sorted(counts["year"], key=lambda pair: -int(pair[0]))],
        "publisher": [FacetCount(value, n, value) for value, n in by_count["publisher"][:PUBLISHER_FACET_SIZE]],
    }
    return facets


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


def _snippet(summary: str, body: str, pattern: re.Pattern[str] | None, terms: int) -> str:
    """The fragment of summary or body where most different terms occur (the first with all `terms` of
    them, so a one-word search stops at its first match); the summary's start if none."""
    best, best_count = "", 0
    for text in (summary, body):
        if pattern is None or best_count >= terms:
            break
        # One pass of the pattern over the text; the windows are judged from the matches' positions.
        found = [
            (match.start(), match.end(), match.group(0).lower())
            for match in itertools.islice(pattern.finditer(text), 20)
        ]
        for match_start, _end, _text in found:
            start = max(0, match_start - SNIPPET_LENGTH // 3)
            # Start at a word boundary so the fragment does not open mid-word.
            space = text.rfind(" ", 0, start) if start else -1
            start = space + 1 if space >= 0 and start - space < 30 else start
            stop = start + SNIPPET_LENGTH
            count = len({word for begin, end, word in found if begin >= start and end <= stop})
            if count > best_count:
                best, best_count = ("…" if start else "") + text[start:stop], count
                if count >= terms:
                    break
    if best:
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
    offset = (page - 1) * page_size

    visible = document_list_for_user(actor=actor)
    matched = backend.match(visible, parsed).order_by()
    documents = _filtered(matched, filters)
    filtered = any(_filter_q(name, filters) is not None for name in FACETS)
    # A word, phrase or Khmer term: the indexes find the matches (an exclusion alone cannot use them).
    indexed = backend.index_scans() if parsed.included else nullcontext()
    with indexed:
        match_ids = list(documents.values_list("pk", flat=True)[: COUNT_LIMIT + 1])
        sample_ids = list(matched.values_list("pk", flat=True)[: FACET_SAMPLE + 1]) if facets and filtered else []
        # One term and nothing excluded: a title holding it matches, so the title index alone finds them.
        single = len(parsed.terms) == 1
        titled_among = _filtered(visible, filters).order_by() if single else documents
        titled = (
            list(titled_among.filter(backend.title_q(parsed)).values_list("pk", flat=True)[:RANK_CANDIDATES])
            if sort == "relevance" and len(match_ids) > COUNT_LIMIT
            else []
        )
    total_exact = len(match_ids) <= COUNT_LIMIT
    total = min(len(match_ids), COUNT_LIMIT)
    if not filtered:
        sample_ids = match_ids

    ranks: dict[int, float] = {}
    if sort == "relevance" and parsed.included:
        page_ids, ranks = _ranked_page(documents, match_ids, titled, parsed, backend, offset, page_size)
    else:
        ordering = ORDERINGS["newest" if sort == "relevance" else sort]
        # Every match is among the ids when they are all there: sort those; otherwise let the database walk.
        ordered = PolicyDocument.objects.filter(ids_q(match_ids)) if total_exact else documents
        page_ids = list(ordered.order_by(*ordering).values_list("pk", flat=True)[offset : offset + page_size])

    rows = {
        row["pk"]: row
        for row in PolicyDocument.objects.filter(ids_q(page_ids))
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
            snippet=_snippet(rows[pk]["summary"], rows[pk]["body_start"], pattern, len(parsed.included)),
            rank=ranks.get(pk),
        )
        for pk in page_ids
        if pk in rows
    ]
    return SearchResult(
        total=total,
        total_exact=total_exact,
        page=page,
        page_size=page_size,
        results=hits,
        facets=_facet_counts(sample_ids[:FACET_SAMPLE], filters, actor) if facets else {},
        facets_exact=len(sample_ids) <= FACET_SAMPLE,
        query=query,
        sort=sort,
        filters=filters,
    )


def _ranked_page(
    documents: QuerySet[PolicyDocument],
    match_ids: list[int],
    titled: list[int],
    query: ParsedQuery,
    backend: PostgresBackend | SqliteBackend,
    offset: int,
    page_size: int,
) -> tuple[list[int], dict[int, float]]:
    """Rank the candidates: every match when there are few, else the title matches and the first matches
    found. Past the ranked candidates come the other matches, newest first."""
    newest = ("-created_at", "-id")
    # Title matches rank above the rest (weight A), so when there are enough of them they are the candidates.
    if len(titled) >= RANK_CANDIDATES:
        candidates = titled
    else:
        candidates = list(dict.fromkeys(titled + match_ids[:COUNT_LIMIT]))
    ranked = list(
        PolicyDocument.objects.filter(ids_q(candidates))
        .annotate(search_rank=backend.rank(query))
        .order_by("-search_rank", *newest)
        .values_list("pk", "search_rank")
    )
    ranks = {pk: float(rank) for pk, rank in ranked}
    page_ids = [pk for pk, _rank in ranked[offset : offset + page_size]]
    unranked = len(match_ids) > COUNT_LIMIT or any(pk not in ranks for pk in match_ids)
    if len(page_ids) < page_size and unranked:
        # Past the ranked candidates: the other matches, newest first.
        skip = max(0, offset - len(ranked))
        more = documents.exclude(ids_q(list(ranks))).order_by(*newest).values_list("pk", flat=True)
        page_ids += list(more[skip : skip + page_size - len(page_ids)])
    return page_ids, ranks
