"""The OpenAPI schema is the contract: the committed copy the front end's types come from must be current."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.utils import translation

COMMITTED = Path(__file__).resolve().parent.parent / "frontend" / "src" / "api" / "openapi.json"


def test_committed_openapi_schema_matches_the_code() -> None:
    output = StringIO()
    # The committed schema is in English, whichever language an earlier test left active.
    with translation.override("en"):
        call_command("spectacular", "--format", "openapi-json", "--validate", "--fail-on-warn", stdout=output)

    assert json.loads(output.getvalue()) == json.loads(COMMITTED.read_text()), (
        "frontend/src/api/openapi.json is stale: run `make api-types` and commit the result"
    )


def test_schema_and_docs_are_served(client: Client) -> None:
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
