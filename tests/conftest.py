"""Shared fixtures: a workspace with one named persona per role, and clients signed in as them.

Personas: `admin`, `executive`, `facilitator`, `member`, `lead` (a member who leads a working group),
`observer`, and `outsider` (a member of another workspace only), so "who can't" is one fixture away.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import redis
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from groups.models import GroupMembership, GroupRole, Visibility, WorkingGroup
from workspace.models import Membership, Organisation, Role, User, Workspace

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def required_services() -> None:
    """In CI (ROUNDTABLE_REQUIRE_SERVICES=1) the suite must run on PostgreSQL and a real Redis: fail, never skip."""
    if os.environ.get("ROUNDTABLE_REQUIRE_SERVICES") != "1":
        return
    assert connection.vendor == "postgresql", "CI must run the suite against PostgreSQL (set DATABASE_URL)"
    assert redis.Redis.from_url(settings.REDIS_URL).ping(), "CI must run the suite against Redis (set REDIS_URL)"


@pytest.fixture(autouse=True)
def close_live_hub_connections() -> Iterator[None]:
    """Live rooms keep an asyncio database connection per event loop; a test's loop ends with the test."""
    yield
    from workspace.live.rooms import live_hubs_close_connections

    live_hubs_close_connections()


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    # Throttle counters live in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def workspace(db: None) -> Workspace:
    return Workspace.objects.create(name="Test Education Network", slug="test-network")


@pytest.fixture
def other_workspace(db: None) -> Workspace:
    return Workspace.objects.create(name="Another Network", slug="another-network")


@pytest.fixture
def organisation(workspace: Workspace) -> Organisation:
    return Organisation.objects.create(workspace=workspace, name="Disability Inclusion Action", acronym="DIA")


def make_person(workspace: Workspace, email: str, role: str, organisation: Organisation | None = None) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=email.split("@")[0].title())
    Membership.objects.create(user=user, workspace=workspace, role=role, organisation=organisation)
    return user


@pytest.fixture
def admin(workspace: Workspace, organisation: Organisation) -> User:
    return make_person(workspace, "admin@example.org", Role.ADMIN, organisation)


@pytest.fixture
def executive(workspace: Workspace) -> User:
    return make_person(workspace, "executive@example.org", Role.EXECUTIVE)


@pytest.fixture
def second_executive(workspace: Workspace) -> User:
    """A second member of the executive committee, for reviews that need two."""
    return make_person(workspace, "second.executive@example.org", Role.EXECUTIVE)


@pytest.fixture
def facilitator(workspace: Workspace) -> User:
    return make_person(workspace, "facilitator@example.org", Role.FACILITATOR)


@pytest.fixture
def member(workspace: Workspace, organisation: Organisation) -> User:
    return make_person(workspace, "member@example.org", Role.MEMBER, organisation)


@pytest.fixture
def observer(workspace: Workspace) -> User:
    return make_person(workspace, "observer@example.org", Role.OBSERVER)


@pytest.fixture
def outsider(other_workspace: Workspace) -> User:
    return make_person(other_workspace, "outsider@example.org", Role.ADMIN)


@pytest.fixture
def inclusion_group(workspace: Workspace) -> WorkingGroup:
    return WorkingGroup.objects.create(
        workspace=workspace, name="Inclusive education and disability", visibility=Visibility.WORKSPACE
    )


@pytest.fixture
def data_group(workspace: Workspace) -> WorkingGroup:
    return WorkingGroup.objects.create(workspace=workspace, name="Data and assessment", visibility=Visibility.PRIVATE)


@pytest.fixture
def lead(workspace: Workspace, inclusion_group: WorkingGroup) -> User:
    user = make_person(workspace, "lead@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=inclusion_group, user=user, role=GroupRole.LEAD)
    return user


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()


PERSONAS = ["admin", "executive", "facilitator", "member", "lead", "observer", "outsider"]


@pytest.fixture(params=PERSONAS)
def persona(request: pytest.FixtureRequest) -> tuple[str, User]:
    return request.param, request.getfixturevalue(request.param)
