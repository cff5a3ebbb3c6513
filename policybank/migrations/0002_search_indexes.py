"""The search indexes, outside the Django model (policybank.search reads them; the model never sees them).

PostgreSQL: a generated STORED tsvector (config 'simple', weighted title > summary > publisher > body,
the body capped because a tsvector holds at most 1 MB) with a GIN index, and a pg_trgm GIN index over the
same text for Khmer and other substring matching (Khmer has no spaces between words, so word search
misses words inside a run of Khmer).

SQLite: two FTS5 tables keyed by the document id, one tokenised into words (unicode61) and one into
trigrams (for substrings), kept in step with the documents by triggers, so every writer updates them.
"""

# Every statement is built from this module's constants; nothing comes from input.
# ruff: noqa: S608
from __future__ import annotations

from typing import Any

from django.db import migrations

# Keep in step with policybank.search (POSTGRES_SEARCH_TEXT): queries must repeat the indexed expression.
BODY_CAP = 500000

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""
    ALTER TABLE policybank_policydocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(jsonb_to_tsvector('simple'::regconfig, other_titles, '["string"]'), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
        || setweight(to_tsvector('simple'::regconfig, publisher), 'C')
        || setweight(jsonb_to_tsvector('simple'::regconfig, places, '["string"]'), 'C')
        || setweight(to_tsvector('simple'::regconfig, left(body_text, {BODY_CAP})), 'D')
    ) STORED
    """,
    "CREATE INDEX policy_document_search_vector ON policybank_policydocument USING gin (search_vector)",
    f"""
    CREATE INDEX policy_document_search_trgm ON policybank_policydocument USING gin ((
        title || ' ' || other_titles::text || ' ' || summary || ' ' || publisher || ' ' || places::text
        || ' ' || left(body_text, {BODY_CAP})
    ) gin_trgm_ops)
    """,
    "CREATE INDEX policy_document_title_trgm ON policybank_policydocument USING gin (title gin_trgm_ops)",
]

POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS policy_document_title_trgm",
    "DROP INDEX IF EXISTS policy_document_search_trgm",
    "DROP INDEX IF EXISTS policy_document_search_vector",
    "ALTER TABLE policybank_policydocument DROP COLUMN IF EXISTS search_vector",
]

# The text each FTS5 row holds, from a document row (`new` or `old` in a trigger). JSON values, not
# their keys ("km", "en"), so a search for "en" does not match every translated title.
SQLITE_COLUMNS = "rowid, title, summary, publisher, body"


def _sqlite_values(row: str) -> str:
    return (
        f"{row}.id, "
        f"{row}.title || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each({row}.other_titles)), ''), "
        f"{row}.summary, "
        f"{row}.publisher || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each({row}.places)), ''), "
        f"{row}.body_text"
    )


SQLITE_TABLES = {
    # remove_diacritics 0: PostgreSQL's 'simple' config keeps diacritics, and both must find the same set.
    "policybank_search_words": "tokenize = 'unicode61 remove_diacritics 0'",
    "policybank_search_trigrams": "tokenize = 'trigram'",
}

SQLITE_FORWARD: list[str] = []
SQLITE_REVERSE: list[str] = []
for table, options in SQLITE_TABLES.items():
    SQLITE_FORWARD += [
        f"CREATE VIRTUAL TABLE {table} USING fts5(title, summary, publisher, body, {options})",
        f"INSERT INTO {table} ({SQLITE_COLUMNS}) SELECT {_sqlite_values('d')} FROM policybank_policydocument d",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON policybank_policydocument BEGIN
            INSERT INTO {table} ({SQLITE_COLUMNS}) VALUES ({_sqlite_values("new")});
        END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE OF title, other_titles, summary, publisher, places, body_text
            ON policybank_policydocument BEGIN
            DELETE FROM {table} WHERE rowid = old.id;
            INSERT INTO {table} ({SQLITE_COLUMNS}) VALUES ({_sqlite_values("new")});
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON policybank_policydocument BEGIN
            DELETE FROM {table} WHERE rowid = old.id;
        END""",
    ]
    SQLITE_REVERSE += [
        f"DROP TRIGGER IF EXISTS {table}_insert",
        f"DROP TRIGGER IF EXISTS {table}_update",
        f"DROP TRIGGER IF EXISTS {table}_delete",
        f"DROP TABLE IF EXISTS {table}",
    ]

STATEMENTS = {"postgresql": (POSTGRES_FORWARD, POSTGRES_REVERSE), "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE)}


def _run(schema_editor: Any, forward: bool) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return  # Another database: search falls back to plain matching (policybank.search).
    for statement in statements[0] if forward else statements[1]:
        schema_editor.execute(statement)


def create_search_indexes(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, forward=True)


def drop_search_indexes(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("policybank", "0001_initial")]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
