"""Load the demo workspace: a national education NGO network with people in every role.

Idempotent by design: everything is looked up by its natural key first, so running it again neither
duplicates nor overwrites anything (a demo password someone changed stays changed). It writes with the
ORM directly because it is a fixture loader, not a user action: there is no actor to audit or notify.
The advocacy app's demo (a problem tree and an agenda) is the exception: live documents are made only
through their services, so it is written by the demo group's lead through them.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from groups.models import (
    BUILTIN_JOINT_TEMPLATE_ID,
    AgendaItem,
    GroupMembership,
    GroupRole,
    Meeting,
    MeetingStatus,
    Visibility,
    WorkingGroup,
)
from groups.selectors.meetings import builtin_template_entries
from workspace.models import Membership, Organisation, Role, User, Workspace

DEMO_PASSWORD = "roundtable-demo"

WORKSPACE = {"slug": "education-network", "name": "Education Network Cambodia"}
SECOND_WORKSPACE = {"slug": "regional-forum", "name": "Regional Inclusive Education Forum"}

# name, acronym, kind, province
ORGANISATIONS = [
    ("Education Network Cambodia Secretariat", "ENC", "ngo", "Phnom Penh"),
    ("Kampuchean Action for Primary Education", "KAPE", "ngo", "Kampong Cham"),
    ("Children's Learning Alliance", "CLA", "ngo", "Siem Reap"),
    ("Disability Inclusion Action", "DIA", "ngo", "Battambang"),
    ("Girls' Education Collective", "GEC", "ngo", "Kampot"),
    ("Highland Minority Schools Association", "HMSA", "ngo", "Ratanakiri"),
    ("Mondulkiri Community Learning", "MCL", "ngo", "Mondulkiri"),
    ("Early Years Cambodia", "EYC", "ngo", "Phnom Penh"),
    ("Out-of-School Youth Support", "OSYS", "ngo", "Prey Veng"),
    ("Teachers for Tomorrow", "TFT", "ngo", "Takeo"),
    ("Reading for All Cambodia", "RFAC", "ngo", "Kampong Thom"),
    ("Sign Language Education Centre", "SLEC", "ngo", "Phnom Penh"),
    ("Community Preschool Partnership", "CPP", "ngo", "Pursat"),
    ("Learning Assessment Volunteers", "LAV", "ngo", "Kandal"),
    ("Mekong Rural Education Trust", "MRET", "ngo", "Kratie"),
    ("Stung Treng Schools Forum", "STSF", "ngo", "Stung Treng"),
    ("Northwest Education Watch", "NEW", "ngo", "Banteay Meanchey"),
    ("Coastal Children's Education", "CCE", "ngo", "Preah Sihanouk"),
    ("Global Schools Partnership Cambodia", "GSPC", "ingo", "Phnom Penh"),
    ("Inclusive Futures International", "IFI", "ingo", "Phnom Penh"),
    ("Education Policy Research Institute", "EPRI", "university", "Phnom Penh"),
    ("Royal University Department of Education", "RUDE", "university", "Phnom Penh"),
    ("Provincial Office of Education, Siem Reap", "POE-SR", "government", "Siem Reap"),
    ("Special Education Department", "SED", "government", "Phnom Penh"),
    ("Children's Fund Country Office", "CFCO", "un_agency", "Phnom Penh"),
    ("Education Donors Working Group", "EDWG", "donor", "Phnom Penh"),
]

# e-mail local part, display name, role, organisation acronym, preferred language
PEOPLE = [
    ("admin", "Sophea Kim", Role.ADMIN, "ENC", "en"),
    ("executive", "Chantha Meas", Role.EXECUTIVE, "KAPE", "km"),
    ("executive2", "Rithy Phan", Role.EXECUTIVE, "GSPC", "en"),
    ("facilitator", "Bopha Lim", Role.FACILITATOR, "ENC", "km"),
    ("facilitator2", "Vanna Chea", Role.FACILITATOR, "EPRI", "en"),
    ("lead.inclusion", "Dara Sok", Role.MEMBER, "DIA", "km"),
    ("lead.outofschool", "Malis Heng", Role.MEMBER, "OSYS", "km"),
    ("lead.minority", "Thida Yem", Role.MEMBER, "HMSA", "km"),
    ("lead.gender", "Srey Leak Ouk", Role.MEMBER, "GEC", "en"),
    ("lead.data", "Piseth Nhem", Role.MEMBER, "LAV", "en"),
    ("member", "Kosal Chhim", Role.MEMBER, "CLA", "km"),
    ("member2", "Navy Touch", Role.MEMBER, "SLEC", "km"),
    ("member3", "Sokunthea Pov", Role.MEMBER, "EYC", "en"),
    ("member4", "Vichea Long", Role.MEMBER, "MCL", "km"),
    ("member5", "Ratana Seng", Role.MEMBER, "RFAC", "km"),
    ("member6", "Borey Tan", Role.MEMBER, "TFT", "en"),
    ("observer", "Samnang Keo", Role.OBSERVER, "SED", "km"),
]

# name, theme, description, visibility, lead, members
GROUPS: list[tuple[str, str, str, str, str, list[str]]] = [
    (
        "Inclusive education and disability",
        "SDG 4.5 — equity and inclusion",
        "Access to quality learning for children with disabilities: screening, assistive devices, sign "
        "language, teacher training and accessible schools.",
        Visibility.WORKSPACE,
        "lead.inclusion",
        ["member", "member2", "facilitator"],
    ),
    (
        "Out-of-school children",
        "SDG 4.1 — completion",
        "Why children drop out or never enrol, and how second-chance and re-entry programmes can reach them.",
        Visibility.WORKSPACE,
        "lead.outofschool",
        ["member6", "member5"],
    ),
    (
        "Ethnic-minority education",
        "Multilingual education",
        "Multilingual education in the north-east provinces: mother-tongue-based teaching, community "
        "teachers and culturally relevant materials.",
        Visibility.WORKSPACE,
        "lead.minority",
        ["member4"],
    ),
    (
        "Gender",
        "SDG 4.5 — gender equality",
        "Gender-responsive education: girls' transition to lower secondary, safe schools, and boys at risk "
        "of dropping out.",
        Visibility.WORKSPACE,
        "lead.gender",
        ["member3", "member"],
    ),
    (
        "Data and assessment",
        "SDG 4.1.1 — learning outcomes",
        "Citizen-led learning assessments and the figures that back the network's advocacy. Private while "
        "the assessment data are being cleaned.",
        Visibility.PRIVATE,
        "lead.data",
        ["member5", "facilitator2"],
    ),
]


def demo_email(local_part: str) -> str:
    return f"{local_part}@example.org"


class Command(BaseCommand):
    help = "Create the demo workspace (idempotent: a second run changes nothing)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        workspace, _ = Workspace.objects.get_or_create(slug=WORKSPACE["slug"], defaults={"name": WORKSPACE["name"]})
        organisations = {}
        for name, acronym, kind, province in ORGANISATIONS:
            organisation = Organisation.objects.filter(workspace=workspace, name__iexact=name).first()
            if organisation is None:
                organisation = Organisation.objects.create(
                    workspace=workspace, name=name, acronym=acronym, kind=kind, province=province, country="Cambodia"
                )
            organisations[acronym] = organisation

        users = {}
        for local_part, display_name, role, acronym, language in PEOPLE:
            email = demo_email(local_part)
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=DEMO_PASSWORD, display_name=display_name, preferred_language=language
                )
            users[local_part] = user
            Membership.objects.get_or_create(
                user=user, workspace=workspace, defaults={"role": role, "organisation": organisations[acronym]}
            )

        for name, theme, description, visibility, lead, members in GROUPS:
            group, _ = WorkingGroup.objects.get_or_create(
                workspace=workspace,
                name=name,
                defaults={"theme": theme, "description": description, "visibility": visibility},
            )
            GroupMembership.objects.get_or_create(group=group, user=users[lead], defaults={"role": GroupRole.LEAD})
            for member in members:
                GroupMembership.objects.get_or_create(
                    group=group, user=users[member], defaults={"role": GroupRole.MEMBER}
                )

        self._seed_meeting(workspace, users)

        # Apps built on groups (advocacy: a problem tree and an agenda) add their demo data through their
        # AppConfig, so this command imports none of them (dependencies point one way, DESIGN.md).
        for app_config in apps.get_app_configs():
            seed_app = getattr(app_config, "seed_demo", None)
            if callable(seed_app):
                seed_app(workspace=workspace)

        # A second network, so the workspace switcher has somewhere to go.
        forum, _ = Workspace.objects.get_or_create(
            slug=SECOND_WORKSPACE["slug"], defaults={"name": SECOND_WORKSPACE["name"]}
        )
        for local_part, role in (("admin", Role.ADMIN), ("facilitator", Role.FACILITATOR), ("executive", Role.MEMBER)):
            Membership.objects.get_or_create(user=users[local_part], workspace=forum, defaults={"role": role})

        self.stdout.write(self.style.SUCCESS(f"Demo workspace “{workspace.name}” is ready."))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        shown = ["admin", "executive", "facilitator", "lead.inclusion", "member", "observer"]
        for local_part in shown:
            person = users[local_part]
            membership = Membership.objects.get(user=person, workspace=workspace)
            self.stdout.write(f"  {membership.get_role_display():<22} {person.email}")

    def _seed_meeting(self, workspace: Workspace, users: dict[str, User]) -> None:
        """The next joint meeting, a week from the first run, from the built-in template, in English.

        It is planned, has every working group and two facilitators, and its agenda includes a group-work
        item, so it can be started from the live console and run end to end (sessions for every group).
        """
        with translation.override("en"):
            template = next(entry for entry in builtin_template_entries() if entry.id == BUILTIN_JOINT_TEMPLATE_ID)
        existing = Meeting.objects.filter(workspace=workspace, title=template.name).first()
        if existing is not None:
            # A demo database seeded weeks ago would otherwise offer a meeting in the past: one not yet
            # run moves to a week ahead again (so a second run on the same day still changes nothing).
            if existing.status == MeetingStatus.PLANNED and existing.date < timezone.localdate():
                existing.date = timezone.localdate() + timedelta(days=7)
                existing.save(update_fields=["date"])
            return
        meeting = Meeting.objects.create(
            workspace=workspace,
            title=template.name,
            date=timezone.localdate() + timedelta(days=7),
            start_time=time(8, 30),
            timezone="Asia/Phnom_Penh",
            venue="Network secretariat, Phnom Penh",
            created_by=users["admin"],
        )
        meeting.groups.set(WorkingGroup.objects.filter(workspace=workspace))
        meeting.facilitators.set([users["facilitator"], users["facilitator2"]])
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=position, **item)
            for position, item in enumerate(template.items, start=1)
        )
