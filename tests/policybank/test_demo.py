"""The demo policy bank: a theme taxonomy and about forty documents in both languages, seeded once."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from policybank.models import DocumentVisibility, PolicyDocument, Theme
from workspace.models import User

pytestmark = pytest.mark.django_db

KHMER = re.compile("[\u1780-\u17ff]")


def test_seeding_twice_makes_one_demo_library(client_for: Callable[[User | None], APIClient]) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    documents = PolicyDocument.objects.filter(workspace__slug="education-network")
    assert documents.count() >= 40
    assert Theme.objects.filter(workspace__slug="education-network", code="sdg4-c").exists()
    assert len({document.kind for document in documents}) >= 7
    years = {document.year for document in documents if document.year is not None}
    assert min(years) <= 2005 and max(years) >= 2025
    khmer = [document for document in documents if KHMER.search(document.title + document.summary)]
    assert len(khmer) >= 12
    assert all(KHMER.search(document.body_text) for document in khmer)
    for word in ("dropout", "teacher", "scholarship", "inclusive education"):
        assert documents.filter(body_text__icontains=word).count() >= 3, word
    for word in ("អប់រំ", "គ្រូបង្រៀន", "អាហារូបករណ៍"):
        assert documents.filter(body_text__contains=word).count() >= 3, word
    # Private documents stay private: the demo member outside the data group does not see them.
    private = documents.filter(visibility=DocumentVisibility.GROUP).first()
    assert private is not None
    member = client_for(User.objects.get(email="member3@example.org"))
    assert member.get(f"/api/workspaces/education-network/policy/documents/{private.pk}/").status_code == 404
