"""Benchmark: policy-bank search at scale, through the service, against PostgreSQL.

Creates a throwaway database on the server of DATABASE_URL, generates N documents (default 100,000) with
titles, summaries and bodies of a few hundred to a few thousand words drawn from a Zipf-distributed
vocabulary (~10% in Khmer, written without spaces between words), loads them with COPY, then prints
p50/p95 latency of typical queries through `document_search` (with and without facets and a filter)
and of the same queries done naively with icontains. Drops the database at the end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roundtable .venv/bin/python bench/search_bench.py \
        [--documents 100000] [--runs 15] [--naive-runs 3]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LATIN_VOCABULARY = 30_000
KHMER_VOCABULARY = 8_000
# Real words placed at chosen ranks of the Zipf distribution, so the queries have known frequencies.
PLANTED = {3: "education", 40: "school", 120: "teacher", 900: "disability", 6000: "scholarship", 15000: "harmonisation"}
KHMER_PLANTED = {25: "ការអប់រំ", 2500: "កុមារពិការ"}
SYLLABLES_LATIN = ["ka", "ro", "mi", "ne", "ta", "lo", "su", "vi", "pe", "da", "qu", "an", "el", "or", "is", "um"]
SYLLABLES_KHMER = ["ក", "ខ", "គ", "ង", "ច", "ជ", "ញ", "ដ", "ត", "ទ", "ន", "ប", "ព", "ម", "យ", "រ", "ល", "វ", "ស", "ហ"]
VOWELS_KHMER = ["ា", "ិ", "ី", "ុ", "ូ", "េ", "ែ", "ោ", "ំ", ""]
KINDS = ["law", "policy", "strategy", "research", "case_study", "policy_brief", "guideline", "dataset"]
PUBLISHERS = [f"Publisher {n}" for n in range(60)] + ["UNICEF", "UNESCO", "Ministry of Education, Youth and Sport"]
COUNTRIES = ["KH", "KH", "KH", "KH", "LA", "TH", "VN", "MM"]
# Statistics for every table a search reads, as autovacuum keeps them on a server in use: without them the
# planner guesses a country filter matches a few hundred documents and plans around it.
ANALYZED_TABLES = (
    "policybank_policydocument",
    "policybank_documentcountry",
    "policybank_documentlanguage",
    "policybank_policydocument_themes",
    "policybank_khmertextchunk",
)


def prepare_database(existing: str | None) -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: this benchmark creates a throwaway database there.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "workspace.settings.base"
    os.environ.setdefault("ROUNDTABLE_DATA_DIR", tempfile.mkdtemp(prefix="roundtable-bench-"))
    if not os.environ.get("REDIS_URL"):
        from workspace.redis_standin import start_redis_standin

        _server, os.environ["REDIS_URL"] = start_redis_standin()
    name = existing or f"roundtable_search_bench_{uuid.uuid4().hex[:8]}"
    parsed = urlparse(url)
    if not existing:
        with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
    return name


def drop_database(name: str) -> None:
    import psycopg

    parsed = urlparse(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def vocabulary(
    size: int, make: Callable[[random.Random], str], planted: dict[int, str], rng: random.Random
) -> list[str]:
    words: list[str] = []
    seen = set(planted.values())
    while len(words) < size:
        word = make(rng)
        if word not in seen:
            seen.add(word)
            words.append(word)
    for rank, word in sorted(planted.items()):
        words.insert(rank, word)
    return words[:size]


def zipf_pool(words: list[str], length: int, rng: random.Random) -> list[str]:
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(words))))
    return rng.choices(words, cum_weights=cumulative, k=length)


class TextMaker:
    """Slices of a long Zipf-distributed stream of words: fast, and every slice has the right statistics."""

    def __init__(self, pool: list[str], joiner: str, rng: random.Random) -> None:
        self.pool, self.joiner, self.rng = pool, joiner, rng

    def words(self, count: int) -> str:
        start = self.rng.randrange(0, len(self.pool) - count)
        chunk = self.pool[start : start + count]
        if self.joiner == " ":
            return " ".join(chunk)
        # Khmer: words run together inside a phrase; spaces only between phrases.
        return " ".join("".join(chunk[i : i + 6]) for i in range(0, len(chunk), 6))


def generate(workspace_id: int, documents: int, seed: int) -> tuple[str, str, str]:
    rng = random.Random(seed)
    latin_words = vocabulary(
        LATIN_VOCABULARY, lambda r: "".join(r.choices(SYLLABLES_LATIN, k=r.randint(2, 4))), PLANTED, rng
    )
    khmer_words = vocabulary(
        KHMER_VOCABULARY,
        lambda r: "".join(r.choice(SYLLABLES_KHMER) + r.choice(VOWELS_KHMER) for _ in range(r.randint(1, 3))),
        KHMER_PLANTED,
        rng,
    )
    latin = TextMaker(zipf_pool(latin_words, 3_000_000, rng), " ", rng)
    khmer = TextMaker(zipf_pool(khmer_words, 600_000, rng), "", rng)
    now = time.time()
    document_rows, country_rows, language_rows = io.StringIO(), io.StringIO(), io.StringIO()
    for number in range(1, documents + 1):
        in_khmer = rng.random() < 0.10
        maker = khmer if in_khmer else latin
        body_words = int(min(4000, max(200, rng.lognormvariate(6.6, 0.6))))  # median ~735 words
        title = maker.words(rng.randint(4, 10)).replace("\t", " ")
        fields = [
            str(number),
            str(workspace_id),
            rng.choice(KINDS),
            title[:300],
            json.dumps({"km": khmer.words(5)} if not in_khmer and rng.random() < 0.3 else {}, ensure_ascii=False),
            maker.words(rng.randint(20, 80)),
            str(rng.randint(1995, 2025)),
            rng.choice(PUBLISHERS),
            "[]",
            "",
            "",
            "workspace",
            maker.words(body_words),
            "done",
            "",
            time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(now - number * 600)),
        ]
        document_rows.write("\t".join(field.replace("\\", "\\\\") for field in fields) + "\t" + fields[-1] + "\n")
        country_rows.write(f"{number}\t{rng.choice(COUNTRIES)}\n")
        language_rows.write(f"{number}\t{'km' if in_khmer else 'en'}\n")
    return document_rows.getvalue(), country_rows.getvalue(), language_rows.getvalue()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database (for EXPLAIN); prints its name")
    parser.add_argument("--reuse", metavar="DATABASE", help="measure a database kept by an earlier --keep run")
    parser.add_argument("--load-only", action="store_true", help="load the documents, measure nothing")
    args = parser.parse_args()
    args.keep = args.keep or bool(args.reuse)
    database = prepare_database(args.reuse)
    try:
        run(args)
    finally:
        from django.db import connection

        connection.close()
        if args.keep:
            print(f"kept database {database}")
        else:
            drop_database(database)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from workspace.models import Membership, Role, User, Workspace

    call_command("migrate", verbosity=0)
    if args.reuse:
        actor = Membership.objects.select_related("workspace").get(workspace__slug="bench")
        load(args, actor.workspace)
    else:
        workspace = Workspace.objects.create(name="Bench network", slug="bench")
        admin = User.objects.create_user(email="admin@bench.example.org", display_name="Bench admin")
        actor = Membership.objects.create(user=admin, workspace=workspace, role=Role.ADMIN)
        load(args, workspace)
    if not args.load_only:
        measure(args, actor)


def load(args: argparse.Namespace, workspace: Any) -> None:
    from django.db import connection

    if args.reuse:
        with connection.cursor() as cursor:
            for table in ANALYZED_TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")
        return

    started = time.perf_counter()
    documents, countries, languages = generate(workspace.pk, args.documents, args.seed)
    generated = time.perf_counter()
    columns = (
        "id, workspace_id, kind, title, other_titles, summary, year, publisher, places, external_url, licence, "
        "visibility, body_text, extraction_status, extraction_error, created_at, updated_at"
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY policybank_policydocument ({columns}) FROM STDIN") as copy:
            copy.write(documents)
        with raw.copy("COPY policybank_documentcountry (document_id, code) FROM STDIN") as copy:
            copy.write(countries)
        with raw.copy("COPY policybank_documentlanguage (document_id, code) FROM STDIN") as copy:
            copy.write(languages)
        cursor.execute("SELECT setval(pg_get_serial_sequence('policybank_policydocument', 'id'), %s)", [args.documents])
        for table in ANALYZED_TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('policybank_policydocument'))")
        size = cursor.fetchone()[0]
    loaded = time.perf_counter()
    megabytes = len(documents.encode()) / 1e6
    print(
        f"{args.documents} documents ({megabytes:.0f} MB of text): generated in {generated - started:.1f} s, "
        f"loaded and indexed in {loaded - generated:.1f} s; table with indexes {size}"
    )


def measure(args: argparse.Namespace, actor: Any) -> None:
    from django.db.models import Q

    from policybank.search import SearchFilters, document_search, query_parse
    from policybank.selectors import document_list_for_user

    queries = {
        "common word": "education",
        "rare word": "harmonisation",
        "two words": "school disability",
        "phrase": '"teacher education"',
        "excluded": "disability -school",
        "Khmer word": "កុមារពិការ",
        "mixed": "scholarship ការអប់រំ",
        "browse": "",
    }
    with_filter = SearchFilters(kinds=("policy", "law"), countries=("KH",))

    def timed(action: Callable[[], Any], runs: int) -> list[float]:
        action()  # warm the caches: the figures are for a server in use
        times = []
        for _ in range(runs):
            begun = time.perf_counter()
            action()
            times.append((time.perf_counter() - begun) * 1000)
        return times

    def naive(query: str, filters: SearchFilters | None) -> None:
        documents = document_list_for_user(actor=actor)
        for term in query_parse(query).terms:
            condition = (
                Q(title__icontains=term.text) | Q(summary__icontains=term.text) | Q(body_text__icontains=term.text)
            )
            documents = documents.exclude(condition) if term.excluded else documents.filter(condition)
        if filters:
            documents = documents.filter(kind__in=filters.kinds, country_rows__code__in=filters.countries)
        documents.count()
        list(documents.order_by("-created_at").values_list("pk", "title")[:20])

    print(
        f"\n{'query':<14} {'matches':>8} | {'search':>17} | {'+ facets':>17} | {'+ facets, filter':>17} | {'naive icontains':>17}"
    )
    print(
        f"{'':<14} {'':>8} | {'p50 / p95 ms':>17} | {'p50 / p95 ms':>17} | {'p50 / p95 ms':>17} | {'p50 / p95 ms':>17}"
    )
    worst = 0.0
    for label, query in queries.items():
        first = document_search(actor=actor, query=query, facets=False)
        # The service stops counting at policybank.search.COUNT_LIMIT: "1000+" means at least that many.
        total = f"{first.total}{'' if first.total_exact else '+'}"
        cells = []
        for facets, filters in ((False, None), (True, None), (True, with_filter)):
            times = timed(
                lambda query=query, facets=facets, filters=filters: document_search(
                    actor=actor, query=query, filters=filters, facets=facets
                ),
                args.runs,
            )
            worst = max(worst, percentile(times, 0.95))
            cells.append(f"{statistics.median(times):7.1f} / {percentile(times, 0.95):7.1f}")
        if args.naive_runs:  # --naive-runs 0 skips the slow naive column
            naive_times = timed(lambda query=query: naive(query, None), args.naive_runs)
            cells.append(f"{statistics.median(naive_times):7.1f} / {percentile(naive_times, 0.95):7.1f}")
        print(f"{label:<14} {total:>8} | " + " | ".join(cells))
    print(f"\nworst p95 through the service: {worst:.1f} ms (target < 50 ms at 100,000 documents)")


if __name__ == "__main__":
    main()
