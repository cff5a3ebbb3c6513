"""The demo data of the advocacy app: one problem tree and one draft agenda of the inclusion group.

Called by `manage.py seed_demo` (groups) through AdvocacyConfig.seed_demo, after the people and groups
exist. Made through the services, as the app would make them (so the documents, rows and history are
real); idempotent: a tree or agenda with the demo title is left as it is.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from pycrdt import Doc, Map, Text, XmlElement, XmlFragment, XmlText

from advocacy import services
from advocacy.documents import new_key
from advocacy.models import AdvocacyAgenda, ProblemTree
from groups.models import WorkingGroup
from workspace.live.services import live_document_change
from workspace.models import Membership, Organisation, Workspace

GROUP = "Inclusive education and disability"
LEAD_EMAIL = "lead.inclusion@example.org"
TREE_TITLE = "Why children with disabilities leave primary school"
FOCAL_PROBLEM = "Children with disabilities drop out of primary school before grade 6"
AGENDA_TITLE = "Inclusive primary schools in every province"

# (label, the nodes below it)
CAUSES: list[tuple[str, list[str]]] = [
    (
        "Too few teachers trained in inclusive teaching",
        [
            "Inclusive education is an optional module in pre-service teacher training",
            "In-service training on inclusion reaches only six provinces",
        ],
    ),
    (
        "Schools are not physically accessible",
        [
            "School operating budgets have no line for ramps and accessible toilets",
            "Accessibility standards for school construction are not enforced",
        ],
    ),
    (
        "No routine identification of disabilities at school entry",
        [
            "Teachers have no simple screening tool",
            "Health centres and schools do not share referral information",
        ],
    ),
    (
        "Families cannot afford assistive devices and transport",
        ["Disability ID cards do not give access to education support"],
    ),
    ("Low expectations of children with disabilities in communities", []),
]
EFFECTS: list[tuple[str, list[str]]] = [
    (
        "Low literacy and numeracy among children with disabilities",
        ["Few young people with disabilities find decent work"],
    ),
    ("Children with disabilities are kept at home and isolated", []),
    ("Cambodia misses its SDG 4.5 commitments on equity in education", []),
]


def seed_demo(*, workspace: Workspace) -> None:
    group = WorkingGroup.objects.filter(workspace=workspace, name=GROUP).first()
    actor = (
        Membership.objects.select_related("workspace", "user")
        .filter(workspace=workspace, user__email=LEAD_EMAIL)
        .first()
    )
    if group is None or actor is None:
        return
    # Demo content is English whatever language the command runs in (restatements, vote questions).
    with translation.override("en"), transaction.atomic():
        tree = ProblemTree.objects.filter(group=group, title=TREE_TITLE).first() or _seed_tree(actor, group)
        if not AdvocacyAgenda.objects.filter(group=group, title=AGENDA_TITLE).exists():
            _seed_agenda(actor, group, tree)


def _seed_tree(actor: Membership, group: WorkingGroup) -> ProblemTree:
    tree = services.tree_create(actor=actor, group=group, title=TREE_TITLE, focal_problem=FOCAL_PROBLEM)
    focal = tree.nodes.get(kind="problem").key
    for kind, branches in (("cause", CAUSES), ("effect", EFFECTS)):
        for label, children in branches:
            key = services.tree_node_add(actor=actor, tree=tree, parent_key=focal, kind=kind, label=label)
            for child in children:
                services.tree_node_add(actor=actor, tree=tree, parent_key=key, kind=kind, label=child)
    return tree


def _paragraphs(doc: Doc, section: str, paragraphs: list[str]) -> None:
    fragment = doc.get(section, type=XmlFragment)
    for paragraph in paragraphs:
        fragment.children.append(XmlElement("paragraph", None, [XmlText(paragraph)]))


def _rows(doc: Doc, section: str, rows: list[dict[str, Any]]) -> list[str]:
    root = doc.get(section, type=Map)
    keys = []
    for position, row in enumerate(rows, start=1):
        key = new_key()
        root[key] = Map(
            {
                "position": float(position),
                **{k: Text(v) if isinstance(v, str) and k in TEXTS else v for k, v in row.items()},
            }
        )
        keys.append(key)
    return keys


# Fields that are Y.Text in the document (CONTRACT §2); the others are plain values.
TEXTS = {
    "statement",
    "name",
    "notes",
    "message",
    "ask",
    "activity",
    "resources",
    "baseline",
    "target",
    "verification",
    "risk",
    "mitigation",
}


def _seed_agenda(actor: Membership, group: WorkingGroup, tree: ProblemTree) -> None:
    # Prefilled from the tree: the issue from its focal problem, objectives from its first-level causes.
    agenda = services.agenda_create(actor=actor, group=group, title=AGENDA_TITLE, source_tree_id=tree.pk)
    organisations = {
        organisation.acronym: organisation.pk for organisation in Organisation.objects.filter(workspace=actor.workspace)
    }

    def write(doc: Doc) -> None:
        _paragraphs(
            doc,
            "goal",
            [
                "By 2030, every child with a disability in Cambodia enrols in and completes primary school in "
                "an accessible school near home, taught by teachers trained in inclusive education."
            ],
        )
        objectives = doc.get("objectives", type=Map)
        dues = ["2027-12-31", "2028-06-30", "2027-06-30", "2028-12-31", "2028-12-31"]
        objective_keys = []
        for (key, row), due in zip(
            sorted(objectives.items(), key=lambda item: item[1]["position"]), dues, strict=False
        ):
            row["due"] = due
            objective_keys.append(key)
        stakeholders = _rows(
            doc,
            "stakeholders",
            [
                {
                    "name": "Ministry of Education, Youth and Sport — Special Education Department",
                    "category": "decision_maker",
                    "influence": 5,
                    "interest": 4,
                    "stance": "supportive",
                    "notes": "Drafting the next inclusive education action plan; open to network input.",
                },
                {
                    "name": "Teacher Education Colleges",
                    "category": "decision_maker",
                    "influence": 4,
                    "interest": 2,
                    "stance": "neutral",
                    "notes": "Decide whether the inclusion module becomes compulsory.",
                },
                {
                    "name": "Provincial Offices of Education",
                    "category": "influencer",
                    "influence": 3,
                    "interest": 3,
                    "stance": "unknown",
                    "notes": "",
                },
                {
                    "name": "Organisations of persons with disabilities",
                    "category": "ally",
                    "influence": 3,
                    "interest": 5,
                    "stance": "supportive",
                    "notes": "Co-lead the campaign; bring parents' testimonies.",
                },
                {
                    "name": "Parents of children with disabilities",
                    "category": "beneficiary",
                    "influence": 2,
                    "interest": 5,
                    "stance": "supportive",
                    "notes": "",
                },
            ],
        )
        _rows(
            doc,
            "messages",
            [
                {
                    "stakeholder": stakeholders[0],
                    "message": "One in two children with disabilities leaves school before grade 6; trained "
                    "teachers and accessible schools keep them learning.",
                    "ask": "Fund in-service inclusion training in all 25 provinces in the next budget.",
                },
                {
                    "stakeholder": stakeholders[1],
                    "message": "New teachers meet children with disabilities in their first year in class.",
                    "ask": "Make the inclusive education module compulsory from the 2027 intake.",
                },
                {
                    "stakeholder": None,
                    "message": "Every child can learn when the school is ready for them.",
                    "ask": "Ask your commune council to include school ramps in its investment plan.",
                },
            ],
        )
        methods = doc.get("methods", type=Map)
        for method in ("policy_dialogue", "research", "coalition_building", "media"):
            methods[method] = True
        doc.get("methods_note", type=Text).insert(
            0, "Evidence from the network's citizen-led assessment backs the policy dialogue."
        )
        _rows(
            doc,
            "actions",
            [
                {
                    "activity": "Policy brief on dropout of children with disabilities, using the 2026 assessment",
                    "organisation": organisations.get("EPRI"),
                    "start": "2027-01-15",
                    "due": "2027-03-31",
                    "resources": "Researcher time; printing of 300 copies",
                    "status": "in_progress",
                    "objective": objective_keys[0] if objective_keys else None,
                },
                {
                    "activity": "Roundtable with the Special Education Department and Teacher Education Colleges",
                    "organisation": organisations.get("DIA"),
                    "start": "2027-04-01",
                    "due": "2027-05-15",
                    "resources": "Venue and sign language interpretation",
                    "status": "planned",
                    "objective": objective_keys[0] if objective_keys else None,
                },
                {
                    "activity": "Accessibility audit of 40 primary schools in Battambang and Siem Reap",
                    "organisation": organisations.get("CLA"),
                    "start": "2027-02-01",
                    "due": "2027-08-31",
                    "resources": "Audit checklist; two field teams",
                    "status": "planned",
                    "objective": objective_keys[1] if len(objective_keys) > 1 else None,
                },
                {
                    "activity": "Pilot the screening tool with teachers in 20 schools",
                    "organisation": organisations.get("SLEC"),
                    "start": "2027-03-01",
                    "due": "2027-12-15",
                    "resources": "",
                    "status": "planned",
                    "objective": objective_keys[2] if len(objective_keys) > 2 else None,
                },
            ],
        )
        _rows(
            doc,
            "indicators",
            [
                {
                    "name": "Primary completion rate of children with disabilities",
                    "baseline": "48% (2025 school census)",
                    "target": "70% by 2030",
                    "verification": "Education management information system",
                    "objective": objective_keys[0] if objective_keys else None,
                },
                {
                    "name": "Primary schools meeting the accessibility standard",
                    "baseline": "12% in the audited provinces",
                    "target": "50% by 2029",
                    "verification": "Network accessibility audits",
                    "objective": objective_keys[1] if len(objective_keys) > 1 else None,
                },
            ],
        )
        _rows(
            doc,
            "risks",
            [
                {
                    "risk": "The national budget for the next year is cut",
                    "likelihood": "medium",
                    "impact": "high",
                    "mitigation": "Ask for a phased plan starting with the provinces with the highest dropout.",
                },
                {
                    "risk": "Screening labels children and increases stigma",
                    "likelihood": "low",
                    "impact": "medium",
                    "mitigation": "Train teachers with organisations of persons with disabilities.",
                },
            ],
        )
        _paragraphs(
            doc,
            "policy_support",
            [
                "The Policy on Inclusive Education (2018) and its action plan commit the Ministry to training "
                "every teacher in inclusive teaching; the Law on the Protection and the Promotion of the Rights "
                "of Persons with Disabilities guarantees the right to education.",
            ],
        )

    live_document_change(kind=services.AGENDA, object_id=agenda.pk, author=actor.user, change=write)
    for section in ("issue_statement", "goal", "stakeholders"):
        services.agenda_section_ready_set(actor=actor, agenda=agenda, section=section, ready=True)
