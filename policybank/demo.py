"""The demo data of the policy bank: a theme taxonomy (SDG 4 and its targets, the working groups'
sub-sectors) and about forty documents across kinds, years 2005–2025 and both languages, so search and
facets show something real.

Called by `manage.py seed_demo` (groups) through PolicybankConfig.seed_demo, after the people and groups
exist. Documents are made through the services, as the app makes them; they carry no file, so the short
text written here stands in for extracted text. All text is written for the demo (no quoted sources).
Idempotent: a theme code or document title that exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from groups.models import WorkingGroup
from policybank.models import DocumentVisibility, ExtractionStatus, PolicyDocument, Theme
from policybank.services import document_create, theme_create
from workspace.models import Membership, Role, Workspace

ADMIN_EMAIL = "admin@example.org"
MOEYS = "Ministry of Education, Youth and Sport"
MOEYS_KM = "ក្រសួងអប់រំ យុវជន និងកីឡា"

# (code, English, Khmer, parent code)
THEMES: list[tuple[str, str, str, str | None]] = [
    ("sdg4", "SDG 4: Quality education", "គោលដៅអភិវឌ្ឍន៍ប្រកបដោយចីរភាពទី៤៖ ការអប់រំប្រកបដោយគុណភាព", None),
    ("sdg4-1", "4.1 Primary and secondary completion", "៤.១ ការបញ្ចប់បឋមសិក្សា និងមធ្យមសិក្សា", "sdg4"),
    ("sdg4-2", "4.2 Early childhood development", "៤.២ ការអភិវឌ្ឍកុមារតូច", "sdg4"),
    ("sdg4-3", "4.3 Technical, vocational and tertiary education", "៤.៣ ការអប់រំបច្ចេកទេស វិជ្ជាជីវៈ និងឧត្តមសិក្សា", "sdg4"),
    ("sdg4-5", "4.5 Equity and inclusion", "៤.៥ សមធម៌ និងបរិយាប័ន្ន", "sdg4"),
    ("sdg4-6", "4.6 Literacy and numeracy", "៤.៦ អក្ខរកម្ម និងគណនា", "sdg4"),
    ("sdg4-a", "4.a Safe and inclusive schools", "៤.ក សាលារៀនមានសុវត្ថិភាព និងបរិយាប័ន្ន", "sdg4"),
    ("sdg4-c", "4.c Teachers", "៤.គ គ្រូបង្រៀន", "sdg4"),
    ("sub-sectors", "Sub-sectors of the working groups", "អនុវិស័យនៃក្រុមការងារ", None),
    ("inclusion", "Inclusive education and disability", "ការអប់រំបរិយាប័ន្ន និងពិការភាព", "sub-sectors"),
    ("out-of-school", "Out-of-school children and dropout", "កុមារក្រៅសាលា និងការបោះបង់ការសិក្សា", "sub-sectors"),
    ("multilingual", "Multilingual education", "ការអប់រំពហុភាសា", "sub-sectors"),
    ("gender", "Gender in education", "យេនឌ័រក្នុងវិស័យអប់រំ", "sub-sectors"),
    ("assessment", "Data and learning assessment", "ទិន្នន័យ និងការវាយតម្លៃការសិក្សា", "sub-sectors"),
    ("scholarships", "Scholarships and school costs", "អាហារូបករណ៍ និងចំណាយសិក្សា", "sub-sectors"),
    ("financing", "Education financing", "ហិរញ្ញប្បទានអប់រំ", "sub-sectors"),
]


@dataclass
class Demo:
    kind: str
    title: str
    year: int
    publisher: str
    summary: str
    body: str
    themes: list[str]
    languages: list[str] = field(default_factory=lambda: ["en"])
    countries: list[str] = field(default_factory=lambda: ["KH"])
    other_titles: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    private_to: str = ""


DOCUMENTS: list[Demo] = [
    Demo(
        "law",
        "Law on Education",
        2007,
        "National Assembly",
        "The framework law on the right to education, free basic education and the duties of the state.",
        "Every citizen has the right to quality education. Basic education of nine years is free in public "
        "schools. The state supports poor students through scholarships and other means.",
        ["sdg4", "sdg4-1"],
        ["en", "km"],
        other_titles={"km": "ច្បាប់ស្តីពីការអប់រំ"},
    ),
    Demo(
        "law",
        "ច្បាប់ស្តីពីកិច្ចការពារ និងលើកកម្ពស់សិទ្ធិជនមានពិការភាព",
        2009,
        "រដ្ឋសភា",
        "ច្បាប់ការពារសិទ្ធិជនមានពិការភាព រួមទាំងសិទ្ធិទទួលបានការអប់រំ។",
        "ជនមានពិការភាពមានសិទ្ធិទទួលបានការអប់រំដូចពលរដ្ឋដទៃទៀត។ សាលារៀនត្រូវសម្របសម្រួលការសិក្សា "
        "និងផ្តល់គ្រូបង្រៀនដែលបានបណ្តុះបណ្តាលលើការអប់រំបរិយាប័ន្ន។",
        ["inclusion", "sdg4-5"],
        ["km"],
        other_titles={"en": "Law on the Protection and Promotion of the Rights of Persons with Disabilities"},
    ),
    Demo(
        "policy",
        "Policy on Education for Children with Disabilities",
        2008,
        MOEYS,
        "Early identification, inclusive classrooms and special classes for children with disabilities.",
        "Children with disabilities should learn in inclusive education settings wherever possible. Teachers "
        "receive training on inclusive teaching; schools identify disabilities at enrolment to prevent dropout.",
        ["inclusion", "sdg4-5"],
    ),
    Demo(
        "policy",
        "National Policy on Inclusive Education",
        2018,
        MOEYS,
        "Commits the ministry to inclusive education for every learner, with teacher training and accessible schools.",
        "Inclusive education means every child learns in a school near home. The policy sets out teacher "
        "training on inclusive education, accessible buildings, screening, and support for learners at risk "
        "of dropout.",
        ["inclusion", "sdg4-5", "sdg4-a"],
        ["en", "km"],
        other_titles={"km": "គោលនយោបាយជាតិស្តីពីការអប់រំបរិយាប័ន្ន"},
    ),
    Demo(
        "policy",
        "គោលនយោបាយអាហារូបករណ៍សម្រាប់សិស្សក្រីក្រ",
        2012,
        MOEYS_KM,
        "គោលនយោបាយផ្តល់អាហារូបករណ៍ដល់សិស្សក្រីក្រនៅមធ្យមសិក្សាបឋមភូមិ ដើម្បីកាត់បន្ថយការបោះបង់ការសិក្សា។",
        "អាហារូបករណ៍ជួយគ្រួសារក្រីក្រឱ្យបញ្ជូនកូនទៅសាលា។ សិស្សដែលទទួលអាហារូបករណ៍ត្រូវមានវត្តមាន យ៉ាងតិច៩០ភាគរយ។ ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប។",
        ["scholarships", "out-of-school", "sdg4-1"],
        ["km"],
        other_titles={"en": "Scholarship Policy for Poor Students"},
    ),
    Demo(
        "strategy",
        "Education Strategic Plan 2019-2023",
        2019,
        MOEYS,
        "Sector plan: access, quality, teachers, governance and financing for five years.",
        "The plan aims to raise completion of lower secondary school, reduce dropout, deploy teachers to "
        "remote schools, expand scholarships for poor students and strengthen inclusive education.",
        ["sdg4", "sdg4-1", "sdg4-c", "financing"],
        ["en", "km"],
        other_titles={"km": "ផែនការយុទ្ធសាស្ត្រវិស័យអប់រំ ២០១៩-២០២៣"},
    ),
    Demo(
        "strategy",
        "ផែនការយុទ្ធសាស្ត្រវិស័យអប់រំ ២០២៤-២០២៨",
        2024,
        MOEYS_KM,
        "ផែនការយុទ្ធសាស្ត្រប្រាំឆ្នាំ ផ្តោតលើគុណភាពអប់រំ គ្រូបង្រៀន និងសមធម៌។",
        "ផែនការនេះលើកកម្ពស់គុណភាពអប់រំ បង្កើនចំនួនគ្រូបង្រៀននៅតំបន់ដាច់ស្រយាល និងពង្រីកអាហារូបករណ៍ "
        "សម្រាប់សិស្សក្រីក្រ ដើម្បីកាត់បន្ថយការបោះបង់ការសិក្សា។",
        ["sdg4", "sdg4-c", "scholarships"],
        ["km"],
        other_titles={"en": "Education Strategic Plan 2024-2028"},
    ),
    Demo(
        "strategy",
        "Teacher Policy Action Plan",
        2015,
        MOEYS,
        "Raising teacher qualifications, pay and deployment to rural and remote schools.",
        "Every teacher should hold a bachelor's degree. Teacher deployment favours remote schools; housing "
        "allowances help teachers stay. Teacher shortages in upper grades are addressed first.",
        ["sdg4-c"],
        ["en", "km"],
        other_titles={"km": "ផែនការសកម្មភាពគោលនយោបាយគ្រូបង្រៀន"},
    ),
    Demo(
        "strategy",
        "Multilingual Education National Action Plan 2019-2023",
        2019,
        MOEYS,
        "Mother-tongue-based schooling for children of indigenous communities in five provinces.",
        "Children start school in their own language and move to Khmer step by step. Community teachers "
        "from the same village reduce dropout in the first grades.",
        ["multilingual", "sdg4-5"],
        places=["Ratanakiri", "Mondulkiri", "Stung Treng", "Kratie", "Preah Vihear"],
    ),
    Demo(
        "strategy",
        "Early Childhood Care and Development Action Plan",
        2014,
        "National ECCD Committee",
        "Community preschools, parenting education and school readiness.",
        "Children who attend preschool are less likely to repeat grade one or drop out. Community preschool "
        "teachers need regular training and a stable salary.",
        ["sdg4-2"],
    ),
    Demo(
        "strategy",
        "ផែនការសកម្មភាពជាតិស្តីពីការអភិវឌ្ឍកុមារតូច",
        2022,
        "គណៈកម្មាធិការជាតិ",
        "ផែនការសម្រាប់មត្តេយ្យសិក្សាសហគមន៍ និងការអប់រំឪពុកម្តាយ។",
        "មត្តេយ្យសិក្សាជួយកុមារត្រៀមខ្លួនចូលរៀនថ្នាក់ទី១។ គ្រូបង្រៀនមត្តេយ្យសហគមន៍ត្រូវការវគ្គបណ្តុះបណ្តាល ជាប្រចាំ។",
        ["sdg4-2"],
        ["km"],
        other_titles={"en": "National Action Plan on Early Childhood Development"},
    ),
    Demo(
        "research",
        "Why Children Drop Out of Lower Secondary School",
        2016,
        "Education Policy Research Institute",
        "A household survey in six provinces on the reasons for dropout after grade 6.",
        "Dropout peaks in grades 7 and 8. Distance to school, the cost of uniforms and transport, and work "
        "for the family are the main reasons given. A scholarship of modest size halves dropout among "
        "recipients.",
        ["out-of-school", "scholarships", "sdg4-1"],
        places=["Prey Veng", "Kampong Cham", "Takeo"],
    ),
    Demo(
        "research",
        "Dropout and Seasonal Migration in Border Provinces",
        2021,
        "Northwest Education Watch",
        "How families who migrate for work take children out of school, and what schools can do.",
        "Children leave school when parents migrate for seasonal work. Flexible re-entry and catch-up classes "
        "bring many back; without them, dropout becomes permanent.",
        ["out-of-school"],
        ["en"],
        ["KH", "TH"],
        places=["Banteay Meanchey", "Battambang"],
    ),
    Demo(
        "research",
        "ការសិក្សាអំពីការបោះបង់ការសិក្សារបស់សិស្សស្រីនៅតំបន់ជនបទ",
        2020,
        "សមូហភាពអប់រំក្មេងស្រី",
        "ការស្រាវជ្រាវអំពីមូលហេតុដែលក្មេងស្រីបោះបង់ការសិក្សានៅមធ្យមសិក្សា។",
        "ក្មេងស្រីជាច្រើនបោះបង់ការសិក្សាដោយសារចម្ងាយទៅសាលា និងការងារផ្ទះ។ អាហារូបករណ៍ និងអន្តេវាសិកដ្ឋាន "
        "ជួយឱ្យពួកគេបន្តការអប់រំ។ គ្រូបង្រៀនស្ត្រីក៏ជាគំរូដ៏សំខាន់ផងដែរ។",
        ["gender", "out-of-school", "scholarships"],
        ["km"],
        other_titles={"en": "Study on Girls' Dropout in Rural Areas"},
        places=["Kampot"],
    ),
    Demo(
        "research",
        "Teacher Deployment and Attrition in Remote Schools",
        2022,
        "Teachers for Tomorrow",
        "Where new teachers are posted, how long they stay, and what makes them leave.",
        "Half of newly trained teachers posted to remote schools request a transfer within three years. "
        "Housing, a hardship allowance and a teacher from the local community reduce attrition.",
        ["sdg4-c"],
        places=["Mondulkiri", "Ratanakiri"],
    ),
    Demo(
        "research",
        "Learning Outcomes of Grade 3 Students: National Assessment",
        2015,
        "Education Quality Assurance Department",
        "Reading and mathematics results of a national sample of grade 3 students.",
        "One in three grade 3 students could not read a simple paragraph. Results were lowest in remote "
        "provinces and among children whose home language is not Khmer.",
        ["assessment", "sdg4-6", "sdg4-1"],
    ),
    Demo(
        "research",
        "Grade 6 National Learning Assessment",
        2021,
        "Education Quality Assurance Department",
        "Khmer and mathematics results of grade 6 students, with trends since 2013.",
        "Mathematics results improved slowly; reading comprehension stayed flat. Students who had repeated a "
        "grade were more likely to drop out before the assessment.",
        ["assessment", "sdg4-1"],
        private_to="Data and assessment",
    ),
    Demo(
        "research",
        "Scholarships and Attendance: Evidence from Three Provinces",
        2011,
        "Royal University Department of Education",
        "Evaluation of the lower secondary scholarship programme.",
        "Scholarship recipients attended more days and were less likely to drop out. The scholarship worked "
        "best for girls and for students living far from school.",
        ["scholarships", "gender"],
    ),
    Demo(
        "research",
        "ការវាយតម្លៃកម្មវិធីអាហារូបករណ៍មធ្យមសិក្សា",
        2017,
        "វិទ្យាស្ថានស្រាវជ្រាវគោលនយោបាយអប់រំ",
        "ការវាយតម្លៃផលប៉ះពាល់នៃអាហារូបករណ៍លើវត្តមាន និងការបោះបង់ការសិក្សា។",
        "អាហារូបករណ៍បានកាត់បន្ថយការបោះបង់ការសិក្សាក្នុងចំណោមសិស្សក្រីក្រ។ ការបើកប្រាក់យឺតធ្វើឱ្យ "
        "គ្រួសារខ្លះបាត់ទំនុកចិត្ត។ គ្រូបង្រៀនគួរចូលរួមជ្រើសរើសសិស្ស។",
        ["scholarships", "out-of-school"],
        ["km"],
        other_titles={"en": "Evaluation of the Secondary Scholarship Programme"},
    ),
    Demo(
        "research",
        "Out-of-School Children in Southeast Asia",
        2013,
        "Regional Education Bureau",
        "A regional profile of children who never enrolled or left school early.",
        "Across the region, children with disabilities and children of ethnic minorities are over-represented "
        "among out-of-school children. Dropout rises sharply at the transition to secondary school.",
        ["out-of-school", "sdg4-1", "sdg4-5"],
        ["en"],
        ["KH", "LA", "MM", "TH", "VN"],
    ),
    Demo(
        "research",
        "Inclusive Education in ASEAN: A Comparative Review",
        2019,
        "Inclusive Futures International",
        "How ten countries finance and staff inclusive education.",
        "Countries that fund inclusive education through the school budget reach more children than those "
        "relying on special schools. Teacher training on inclusive education is the most common gap.",
        ["inclusion", "financing"],
        ["en"],
        ["KH", "ID", "LA", "MY", "PH", "TH", "VN"],
    ),
    Demo(
        "research",
        "ការសិក្សាអំពីការអប់រំពហុភាសានៅខេត្តរតនគិរី",
        2018,
        "សមាគមសាលារៀនជនជាតិភាគតិចតំបន់ខ្ពង់រាប",
        "ការស្រាវជ្រាវលើលទ្ធផលសិក្សារបស់កុមារជនជាតិដើមភាគតិចក្នុងកម្មវិធីអប់រំពហុភាសា។",
        "កុមារដែលចាប់ផ្តើមរៀនជាភាសាកំណើតអានបានល្អជាង និងបោះបង់ការសិក្សាតិចជាង។ គ្រូបង្រៀនសហគមន៍ "
        "និយាយភាសាដូចសិស្ស។ ការអប់រំពហុភាសាត្រូវការសៀវភៅគ្រប់គ្រាន់។",
        ["multilingual", "sdg4-6"],
        ["km"],
        other_titles={"en": "Study on Multilingual Education in Ratanakiri"},
        places=["Ratanakiri"],
    ),
    Demo(
        "case_study",
        "Community Teachers in Mondulkiri: A Case Study",
        2014,
        "Mondulkiri Community Learning",
        "How villages recruited and supported teachers from their own communities.",
        "Community teachers speak the children's language and stay in the village. Attendance rose and "
        "dropout in grades 1-3 fell after two years.",
        ["multilingual", "sdg4-c"],
        places=["Mondulkiri"],
    ),
    Demo(
        "case_study",
        "Ramps and Toilets: Making Ten Schools Accessible",
        2023,
        "Disability Inclusion Action",
        "Costs and lessons from adapting ten primary schools in Battambang.",
        "Small works — a ramp, an accessible toilet, a wider door — cost less than a classroom. Enrolment of "
        "children with disabilities doubled; teachers asked for more training on inclusive education.",
        ["inclusion", "sdg4-a"],
        places=["Battambang"],
    ),
    Demo(
        "case_study",
        "ករណីសិក្សា៖ ថ្នាក់រៀនភាសាសញ្ញាសម្រាប់កុមារថ្លង់",
        2021,
        "មជ្ឈមណ្ឌលអប់រំភាសាសញ្ញា",
        "បទពិសោធន៍នៃការបង្រៀនកុមារថ្លង់ជាភាសាសញ្ញានៅសាលាបឋមសិក្សា។",
        "កុមារថ្លង់រៀនបានល្អនៅពេលគ្រូបង្រៀនចេះភាសាសញ្ញា។ ការអប់រំបរិយាប័ន្នត្រូវការអ្នកបកប្រែ និងសម្ភារៈ សិក្សាសមស្រប។",
        ["inclusion"],
        ["km"],
        other_titles={"en": "Case Study: Sign Language Classes for Deaf Children"},
    ),
    Demo(
        "case_study",
        "Bringing Dropouts Back: A Re-entry Programme in Prey Veng",
        2019,
        "Out-of-School Youth Support",
        "An accelerated learning programme for adolescents who left school.",
        "Over two years, 640 young people who had dropped out returned to class; two thirds passed the grade "
        "9 examination. Flexible hours allowed them to keep working.",
        ["out-of-school", "sdg4-1"],
        places=["Prey Veng"],
    ),
    Demo(
        "policy_brief",
        "Five Ways to Keep Girls in Secondary School",
        2018,
        "Girls' Education Collective",
        "Scholarships, safe transport, dormitories, female teachers and sanitation.",
        "Girls' dropout falls when scholarships are paid on time, when schools have toilets for girls and "
        "when there are female teachers. Bicycles cut the journey to school in half.",
        ["gender", "scholarships"],
    ),
    Demo(
        "policy_brief",
        "Teachers Where They Are Needed",
        2023,
        "Education Network Cambodia Secretariat",
        "Recommendations on teacher deployment and incentives for remote schools.",
        "The network recommends a hardship allowance, housing, and priority for local teacher candidates. "
        "Teacher shortages are worst in remote lower secondary schools.",
        ["sdg4-c"],
    ),
    Demo(
        "policy_brief",
        "សេចក្តីសង្ខេបគោលនយោបាយ៖ គ្រូបង្រៀនសម្រាប់តំបន់ដាច់ស្រយាល",
        2024,
        "លេខាធិការដ្ឋានបណ្តាញអប់រំ",
        "អនុសាសន៍ស្តីពីការដាក់ពង្រាយគ្រូបង្រៀន និងការលើកទឹកចិត្ត។",
        "គ្រូបង្រៀននៅតំបន់ដាច់ស្រយាលត្រូវការប្រាក់ឧបត្ថម្ភ និងលំនៅដ្ឋាន។ ការជ្រើសរើសគ្រូបង្រៀនពីសហគមន៍ "
        "ក្នុងតំបន់ជួយឱ្យពួកគេស្នាក់នៅយូរ។ ការអប់រំប្រកបដោយគុណភាពចាប់ផ្តើមពីគ្រូបង្រៀន។",
        ["sdg4-c"],
        ["km"],
        other_titles={"en": "Policy Brief: Teachers for Remote Areas"},
    ),
    Demo(
        "policy_brief",
        "Financing Inclusive Education: What Schools Need",
        2022,
        "Inclusive Futures International",
        "A costed proposal for an inclusive education line in school operating budgets.",
        "Schools receive a fixed amount per student. An additional weight for students with disabilities "
        "would pay for teaching assistants, materials and small works.",
        ["inclusion", "financing"],
    ),
    Demo(
        "policy_brief",
        "សេចក្តីសង្ខេប៖ ការពារការបោះបង់ការសិក្សានៅថ្នាក់ទី៧",
        2021,
        "បណ្តាញអប់រំកម្ពុជា",
        "វិធានការសាមញ្ញដើម្បីកាត់បន្ថយការបោះបង់ការសិក្សានៅពេលចូលមធ្យមសិក្សា។",
        "ការបោះបង់ការសិក្សាកើនឡើងខ្លាំងនៅថ្នាក់ទី៧។ អាហារូបករណ៍ កង់ និងការតាមដានវត្តមានដោយគ្រូបង្រៀន អាចរក្សាសិស្សនៅសាលា។",
        ["out-of-school", "scholarships"],
        ["km"],
        other_titles={"en": "Brief: Preventing Dropout in Grade 7"},
    ),
    Demo(
        "guideline",
        "Guidelines for School Support Committees",
        2012,
        MOEYS,
        "Roles of parents and communities in school planning and in following up absent children.",
        "School support committees visit families of children who stop attending, help poor students "
        "obtain scholarships and take part in school planning.",
        ["out-of-school", "financing"],
        ["en", "km"],
        other_titles={"km": "គោលការណ៍ណែនាំសម្រាប់គណៈកម្មការទ្រទ្រង់សាលារៀន"},
    ),
    Demo(
        "guideline",
        "Screening Tool for Disabilities at School Entry",
        2017,
        "Special Education Department",
        "A simple checklist for teachers to identify vision, hearing and learning difficulties.",
        "Teachers use the checklist during the first month of grade 1. Children identified are referred to "
        "the health centre and supported in an inclusive education classroom.",
        ["inclusion", "assessment"],
    ),
    Demo(
        "guideline",
        "គោលការណ៍ណែនាំស្តីពីការអប់រំបរិយាប័ន្នក្នុងថ្នាក់រៀន",
        2020,
        "នាយកដ្ឋានអប់រំពិសេស",
        "ការណែនាំសម្រាប់គ្រូបង្រៀនអំពីការបង្រៀនសិស្សដែលមានតម្រូវការផ្សេងៗគ្នា។",
        "គ្រូបង្រៀនរៀបចំថ្នាក់រៀនឱ្យសិស្សគ្រប់រូបអាចចូលរួម។ ការអប់រំបរិយាប័ន្នមានន័យថាកុមារមានពិការភាព រៀនជាមួយមិត្តភក្តិរបស់ពួកគេ។",
        ["inclusion", "sdg4-5"],
        ["km"],
        other_titles={"en": "Guidelines on Inclusive Education in the Classroom"},
    ),
    Demo(
        "guideline",
        "Minimum Standards for Child-Friendly Schools",
        2007,
        MOEYS,
        "Six dimensions of a child-friendly school, from inclusion to safety.",
        "A child-friendly school seeks out children who are not in school, welcomes children with "
        "disabilities, and is safe and healthy.",
        ["sdg4-a", "inclusion"],
        ["en"],
    ),
    Demo(
        "dataset",
        "Education Management Information System: School Census 2024",
        2024,
        MOEYS,
        "Enrolment, repetition, dropout and teachers by school, district and province.",
        "Tables of enrolment by grade and sex, promotion, repetition and dropout rates, and numbers of "
        "teachers and pupil-teacher ratios for every public school.",
        ["assessment", "out-of-school", "sdg4-c"],
        private_to="Data and assessment",
    ),
    Demo(
        "dataset",
        "Scholarship Recipients by Province 2010-2020",
        2020,
        "Education Policy Research Institute",
        "Numbers of scholarship recipients by province, grade and sex.",
        "Annual counts of lower secondary scholarship recipients and the share who completed grade 9.",
        ["scholarships", "assessment"],
    ),
    Demo(
        "dataset",
        "Household Survey on Education Costs",
        2005,
        "National Institute of Statistics",
        "What families spend on schooling: fees, uniforms, transport and extra classes.",
        "Private tutoring and informal fees made up most of what poor households spent on primary school. "
        "Costs were a leading reason for dropout.",
        ["financing", "scholarships"],
        ["en"],
    ),
    Demo(
        "research",
        "Early Grade Reading in Khmer: A Longitudinal Study",
        2025,
        "Reading for All Cambodia",
        "Following 1,200 children from grade 1 to grade 3 in Kampong Thom.",
        "Children who could name letters at the end of grade 1 were reading fluently by grade 3. Teacher "
        "coaching made the biggest difference; children who fell behind were more likely to repeat.",
        ["sdg4-6", "sdg4-c"],
        places=["Kampong Thom"],
    ),
    Demo(
        "research",
        "ការសិក្សាអំពីតម្រូវការគ្រូបង្រៀនមត្តេយ្យ",
        2010,
        "ភាពជាដៃគូមត្តេយ្យសិក្សាសហគមន៍",
        "ការស្រាវជ្រាវលើស្ថានភាពគ្រូបង្រៀនមត្តេយ្យសហគមន៍នៅខេត្តពោធិ៍សាត់។",
        "គ្រូបង្រៀនមត្តេយ្យសហគមន៍ភាគច្រើនទទួលប្រាក់ឧបត្ថម្ភតិចតួច។ ការបណ្តុះបណ្តាលជាប្រចាំ និងការគាំទ្រពីសហគមន៍ធ្វើឱ្យការអប់រំកុមារតូចមានគុណភាព។",
        ["sdg4-2", "sdg4-c"],
        ["km"],
        other_titles={"en": "Study on Preschool Teacher Needs"},
        places=["Pursat"],
    ),
]


def seed_demo(*, workspace: Workspace) -> None:
    actor = Membership.objects.filter(workspace=workspace, user__email=ADMIN_EMAIL, role=Role.ADMIN).first()
    if actor is None:
        return
    with transaction.atomic():
        themes = _seed_themes(actor)
        groups = {group.name: group for group in WorkingGroup.objects.filter(workspace=workspace)}
        existing = set(PolicyDocument.objects.filter(workspace=workspace).values_list("title", flat=True))
        for demo in DOCUMENTS:
            if demo.title in existing:
                continue
            group = groups.get(demo.private_to) if demo.private_to else None
            document = document_create(
                actor=actor,
                kind=demo.kind,
                title=demo.title,
                other_titles=demo.other_titles,
                summary=demo.summary,
                year=demo.year,
                publisher=demo.publisher,
                places=demo.places,
                countries=demo.countries,
                languages=demo.languages,
                themes=[themes[code] for code in demo.themes],
                visibility=DocumentVisibility.GROUP if group is not None else DocumentVisibility.WORKSPACE,
                group=group,
            )
            # No file in the demo: this text stands in for what extraction would have found.
            PolicyDocument.objects.filter(pk=document.pk).update(
                body_text=demo.body, extraction_status=ExtractionStatus.DONE
            )


def _seed_themes(actor: Membership) -> dict[str, Theme]:
    themes = {theme.code: theme for theme in Theme.objects.filter(workspace=actor.workspace)}
    for position, (code, name_en, name_km, parent_code) in enumerate(THEMES):
        if code not in themes:
            parent = themes[parent_code] if parent_code else None
            themes[code] = theme_create(
                actor=actor, code=code, name_en=name_en, name_km=name_km, parent=parent, position=position
            )
    return themes
