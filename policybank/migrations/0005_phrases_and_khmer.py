"""PostgreSQL: what makes phrases, titles and Khmer words fast at 100,000 documents.

- `search_pairs`: every pair of adjacent words as one lexeme ("teacher education"), from an immutable
  SQL function over the same text as `search_vector`. A two-word phrase is then one index lookup
  with no recheck; checking `search_vector`'s positions instead meant reading the whole (out-of-line)
  vector of every document holding both words. Longer phrases need all their pairs, then the exact
  phrase is checked on those few candidates.
- `search_title`: the titles alone, so relevance can take title matches first without a recheck.
- Khmer pieces (`KhmerTextChunk`), kept by a trigger: the Khmer runs of a document's text, cut into
  600-character pieces overlapping by 100, with a trigram index. A pure Khmer word of up to 100
  characters is found inside one piece, checked in place instead of in the whole decompressed body.

SQLite keeps using its FTS5 tables (migration 0002); the chunk table stays empty there.
"""

# Every statement is built from this module's constants; nothing comes from input.
# ruff: noqa: S608
from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

# Keep in step with migration 0002's search text and policybank.search (CHUNK_* and PAIRS_* constants).
BODY_CAP = 500000
CHUNK_LENGTH = 600
CHUNK_STEP = 500
DOCUMENT_TEXT = (
    "{row}.title || ' ' || {row}.other_titles::text || ' ' || {row}.summary || ' ' || {row}.publisher || ' ' "
    f"|| {{row}}.places::text || ' ' || left({{row}}.body_text, {BODY_CAP})"
)

POSTGRES_FORWARD = [
    # Words are what Python's [^\W_]+ finds (policybank.search.WORD): runs of letters and digits.
    """
    CREATE FUNCTION policybank_word_pairs(content text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector) FROM (
            SELECT word || ' ' || lead(word) OVER (ORDER BY position) AS pair
            FROM regexp_split_to_table(lower(content), '[^[:alnum:]]+') WITH ORDINALITY AS words (word, position)
            WHERE word <> ''
        ) pairs
        WHERE pair IS NOT NULL AND pair !~ '[\\u1780-\\u17ff]'
    $$
    """,
    f"""
    ALTER TABLE policybank_policydocument
        ADD COLUMN search_pairs tsvector GENERATED ALWAYS AS (
            policybank_word_pairs(title || ' ' || summary || ' ' || publisher || ' ' || left(body_text, {BODY_CAP}))
        ) STORED,
        ADD COLUMN search_title tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, title)
            || jsonb_to_tsvector('simple'::regconfig, other_titles, '["string"]')
        ) STORED
    """,
    "CREATE INDEX policy_document_search_pairs ON policybank_policydocument USING gin (search_pairs)",
    "CREATE INDEX policy_document_search_title ON policybank_policydocument USING gin (search_title)",
    "CREATE INDEX policy_khmer_chunk_trgm ON policybank_khmertextchunk USING gin (text gin_trgm_ops)",
    # The pieces of a text: its Khmer runs only, kept apart by a character no Khmer word holds, cut
    # into CHUNK_LENGTH characters every CHUNK_STEP.
    f"""
    CREATE FUNCTION policybank_khmer_pieces(content text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH khmer AS (
            SELECT string_agg(run[1], ' | ') AS text
            FROM regexp_matches(content, '([\\u1780-\\u17ff][\\u1780-\\u17ff\\s]*)', 'g') AS run
        )
        SELECT substr(khmer.text, start, {CHUNK_LENGTH})
        FROM khmer, generate_series(1, greatest(length(khmer.text) - ({CHUNK_LENGTH} - {CHUNK_STEP}), 1), {CHUNK_STEP}) AS start
        WHERE khmer.text IS NOT NULL
    $$
    """,
    f"""
    CREATE FUNCTION policybank_khmer_chunks_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM policybank_khmertextchunk WHERE document_id = NEW.id;
        END IF;
        INSERT INTO policybank_khmertextchunk (document_id, text)
        SELECT NEW.id, piece FROM policybank_khmer_pieces({DOCUMENT_TEXT.format(row="NEW")}) AS piece;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER policybank_khmer_chunks AFTER INSERT OR UPDATE OF
        title, other_titles, summary, publisher, places, body_text
    ON policybank_policydocument FOR EACH ROW EXECUTE FUNCTION policybank_khmer_chunks_refresh()
    """,
    # Documents already there (inserted directly: an UPDATE would rewrite every row and its indexes).
    f"""
    INSERT INTO policybank_khmertextchunk (document_id, text)
    SELECT document.id, piece
    FROM policybank_policydocument document, policybank_khmer_pieces({DOCUMENT_TEXT.format(row="document")}) AS piece
    """,
]

POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS policybank_khmer_chunks ON policybank_policydocument",
    "DROP FUNCTION IF EXISTS policybank_khmer_chunks_refresh()",
    "DROP FUNCTION IF EXISTS policybank_khmer_pieces(text)",
    "DROP INDEX IF EXISTS policy_khmer_chunk_trgm",
    "DROP INDEX IF EXISTS policy_document_search_title",
    "DROP INDEX IF EXISTS policy_document_search_pairs",
    "ALTER TABLE policybank_policydocument DROP COLUMN IF EXISTS search_title, DROP COLUMN IF EXISTS search_pairs",
    "DROP FUNCTION IF EXISTS policybank_word_pairs(text)",
]


def create_postgres_search(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def drop_postgres_search(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("policybank", "0004_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="KhmerTextChunk",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField()),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="policybank.policydocument"
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_postgres_search, drop_postgres_search),
    ]
