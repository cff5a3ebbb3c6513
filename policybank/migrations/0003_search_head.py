"""A second, small tsvector on PostgreSQL: the document's head (titles, summary, publisher, places).

Relevance picks its candidates from it and ranks them by it. Reading the full `search_vector` of every
candidate (body included, stored out of line) was most of the time of a common word's search at 100,000
documents; a head vector is a few hundred bytes. SQLite ranks with bm25 over its FTS5 table instead.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE policybank_policydocument ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(jsonb_to_tsvector('simple'::regconfig, other_titles, '["string"]'), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
        || setweight(to_tsvector('simple'::regconfig, publisher), 'C')
        || setweight(jsonb_to_tsvector('simple'::regconfig, places, '["string"]'), 'C')
    ) STORED
    """,
    "CREATE INDEX policy_document_search_head ON policybank_policydocument USING gin (search_head)",
]

POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS policy_document_search_head",
    "ALTER TABLE policybank_policydocument DROP COLUMN IF EXISTS search_head",
]


def create_head_vector(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def drop_head_vector(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("policybank", "0002_search_indexes")]

    operations = [migrations.RunPython(create_head_vector, drop_head_vector)]
