"""Demo content for the campaign, reproducible from ``ctx.random`` and idempotent.

The figures match the 2022 report *Localizing the Global Compacts*: 70 local
actions by 47 local and regional governments in 33 countries, with theme
counts 40 / 37 / 29 / 24 / 19 / 16 (an action may have several themes).
Every random choice is drawn before anything is looked up in the database, so
a second run draws the same plan and only creates what is missing.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page, Workflow, WorkflowPage

from hub.demo import ensure_user
from hub.localization import translate
from pledges.models import (
    SDG,
    ActionSubmission,
    CallToActionPage,
    Endorsement,
    GCMObjective,
    GCRArea,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    Theme,
)

DATA = Path(__file__).resolve().parent / "data"

# name | kind | country | population
GOVERNMENTS = """\
Marrakech|city|MA|928850
Rabat-Salé-Kénitra Region|region|MA|4580866
United Cities and Local Governments of Africa|association|MA|
Dakar|city|SN|1146053
Freetown|city|SL|1055964
Accra|city|GH|2557000
Nairobi City County|region|KE|4397073
Kampala|city|UG|1680600
Arua|city|UG|321000
Addis Ababa|city|ET|3384569
Johannesburg|city|ZA|5635127
Cape Town|city|ZA|4772846
Lagos State|region|NG|15388000
Bogotá|city|CO|7743955
Medellín|city|CO|2569007
Barranquilla|city|CO|1274250
Mexico City|city|MX|9209944
Tijuana|city|MX|1922523
Guadalajara|city|MX|1385629
São Paulo|city|BR|11451245
Roraima State|region|BR|636707
Quito|city|EC|2800388
Lima|city|PE|9674755
Quilicura|city|CL|254694
Los Angeles|city|US|3898747
Chicago|city|US|2746388
Montréal|city|CA|1762949
Federation of Canadian Municipalities|association|CA|
Buenos Aires|city|AR|3121707
Amman|city|JO|4061150
Union of Tyre Municipalities|association|LB|
Gaziantep|city|TR|2154051
Istanbul|city|TR|15655924
Dhaka North|city|BD|5980000
Peshawar|city|PK|1970042
Makassar|city|ID|1423877
Quezon City|city|PH|2960048
Berlin|city|DE|3755251
Munich|city|DE|1512491
Barcelona|city|ES|1620343
Madrid|city|ES|3332035
Palermo|city|IT|630828
Athens|city|GR|643452
Paris|city|FR|2102650
Bristol|city|GB|472400
Brussels-Capital Region|region|BE|1241175
Association of Netherlands Municipalities|association|NL|"""

ACTIONS_TOTAL = 70

# For each theme: how many actions lead with it (sums to 70, each at most the
# theme's report count), action names, and what such actions typically serve.
THEME_PLAN = {
    "access-to-services": {
        "primary": 17,
        "names": [
            "One-stop welcome centre for newcomers",
            "Health cards for every resident regardless of status",
            "Multilingual helpline for migrants and refugees",
            "Municipal identity card open to all residents",
            "Legal aid desks in neighbourhood libraries",
            "Mobile clinics for informal settlements",
            "Free language courses in community centres",
        ],
        "gcm": [15, 3, 4, 16],
        "sdg": [3, 4, 10, 11],
        "gcr": ["2.3", "2.1", "1.4", "3.4"],
    },
    "inclusive-governance": {
        "primary": 16,
        "names": [
            "Migrant advisory council at city hall",
            "Participatory budget open to refugee residents",
            "Local observatory of human mobility",
            "Inclusion strategy co-designed with diaspora groups",
            "Anti-discrimination office and reporting tool",
            "Intercultural mediators in municipal services",
            "Local migration plan aligned with both Compacts",
        ],
        "gcm": [1, 16, 17, 23],
        "sdg": [10, 16, 17],
        "gcr": ["2.10", "2.8", "2.9"],
    },
    "employment-entrepreneurship": {
        "primary": 12,
        "names": [
            "Fast track to recognise refugees' skills",
            "Microcredit fund for migrant entrepreneurs",
            "Market stalls licensed for refugee traders",
            "Mentoring with local employers",
            "Vocational training in construction and care",
            "Cooperative for migrant women artisans",
            "Job-matching platform for newcomers",
        ],
        "gcm": [6, 18, 19, 16],
        "sdg": [8, 1, 5],
        "gcr": ["2.2", "2.4"],
    },
    "crisis-assistance": {
        "primary": 10,
        "names": [
            "Cash assistance for displaced families",
            "Emergency shelter network with host families",
            "Rent relief for migrant households in the pandemic",
            "Food vouchers for newly arrived families",
            "Reception plan for people fleeing conflict",
            "Winter support for refugee households",
            "Emergency health response at reception sites",
        ],
        "gcm": [7, 2, 8],
        "sdg": [1, 2, 11],
        "gcr": ["1.1", "1.2", "1.5", "2.7"],
    },
    "children-youth": {
        "primary": 8,
        "names": [
            "School enrolment campaign for refugee children",
            "After-school clubs that bring young people together",
            "Youth council seats for young migrants",
            "Safe spaces for unaccompanied minors",
            "Scholarships for refugee students",
            "Early childhood centres in host neighbourhoods",
            "Sports for inclusion league",
        ],
        "gcm": [7, 15, 16],
        "sdg": [4, 5, 10],
        "gcr": ["2.5", "2.1"],
    },
    "climate": {
        "primary": 7,
        "names": [
            "Resettlement plan for families displaced by floods",
            "Green jobs for people displaced by climate change",
            "Early warning system in informal settlements",
            "Cooling shelters open to all residents",
            "Climate-resilient housing for displaced communities",
            "Drought response for pastoralist migrants",
            "Relocation programme for eroding coastal districts",
        ],
        "gcm": [2, 5, 23],
        "sdg": [13, 11, 6],
        "gcr": ["2.6", "1.1"],
    },
}

GROUP_SLUGS = ["migrants", "refugees", "asylum-seekers", "idps", "returnees", "host-communities"]

SIGNATORY_TITLES = ["Mayor", "Governor", "Deputy Mayor", "President", "Secretary General"]
FIRST_NAMES = ["Amina", "Carlos", "Fatou", "Lena", "Omar", "Sofía", "Daniel", "Mariam", "Yusuf"]
LAST_NAMES = ["Benali", "Okafor", "García", "Schmidt", "Haddad", "Mensah", "Rossi", "Silva"]

CALL = {
    "title": "A Call to Local Action for Migrants and Refugees",
    "summary": (
        "Endorse the Marrakech Mayors Declaration, submit your local action and join peer "
        "learning with local and regional governments around the world."
    ),
    "intro": (
        "<p>Local and regional governments are at the heart of migration and displacement "
        "governance. It is at the local level where we see pragmatic, principled and "
        "people-centered approaches that spearhead and exceed the commitments of global "
        "frameworks such as the Global Compact for Safe, Orderly and Regular Migration, the "
        "Global Compact on Refugees, as well the 2030 Agenda on Sustainable Development.</p>"
        "<p>The Call to Local Action for Migrants and Refugees aims to capture this political "
        "commitment and vast practical experience, with the aim to:</p><ul>"
        "<li>Expand the number of Local and Regional Governments publicly endorsing the Compacts "
        "through the Marrakech Mayors Declaration and showcase growing public leadership and "
        "political will.</li>"
        "<li>Collect and showcase the bold, people-centered local actions that achieve or exceed "
        "the Compacts’ goals to facilitate cross-fertilisation, peer learning, and replication "
        "by other LRGs.</li>"
        "<li>Create a cohort of publicly recognized local and regional leaders engaged in robust "
        "GCM and GCR implementation to motivate scaling and investment in local and regional "
        "practices by States, and form new partnerships with international actors.</li></ul>"
    ),
    "steps": [
        (
            "Endorse",
            "the Marrakech Mayors Declaration, adding your Local or Regional Government’s "
            "political endorsement to the Global Compacts",
            "endorse",
            "Endorse the Declaration",
        ),
        (
            "Submit",
            "your action, showcasing how your Local or Regional Government is meeting or "
            "exceeding the Global Compacts",
            "submit",
            "Submit your action",
        ),
        (
            "Engage",
            "through our capacity development and peer-learning initiatives",
            "engage",
            "See the peer-learning sessions",
        ),
    ],
    "benefits_title": "Through the Call to Local Action, your government can",
    "benefits": [
        (
            "Get recognition",
            "Your local or regional government will be listed in the Call to Local Action "
            "Flagship Publication and digital materials and showcased to an audience of national "
            "governments and other stakeholders.",
        ),
        (
            "Gain knowledge",
            "You will receive regular updates about the global processes on migration and forced "
            "displacement and will be invited to join peer-learning and capacity development "
            "activities.",
        ),
        (
            "Gain access and visibility",
            "Submit your Local or Regional Government's actions and they will be elevated to "
            "three official global multi-stakeholder knowledge platforms: the Migration Network "
            "Hub, UNHCR Good practices & Innovative approaches platform, and the GFMD Platform "
            "for Partnerships.",
        ),
        (
            "Influence others",
            "Your local or regional government will be showcased across official "
            "intergovernmental meetings and summits, including the 2022 International Migration "
            "Review Forum, 2023 Global Refugee Forum, and the annual Global Forum on Migration "
            "and Development.",
        ),
    ],
}

CALL_TRANSLATIONS = {
    "fr": {
        CALL["title"]: "Un appel à l'action locale pour les migrants et les réfugiés",
        "Endorse": "Adhérer",
        "Submit": "Soumettre",
        "Engage": "S'engager",
        "Get recognition": "Être reconnu",
        "Gain knowledge": "Acquérir des connaissances",
        "Gain access and visibility": "Gagner en accès et en visibilité",
        "Influence others": "Inspirer les autres",
        CALL["benefits_title"]: "Grâce à l'Appel à l'action locale, votre collectivité peut",
        "Endorse the Declaration": "Adhérer à la Déclaration",
        "Submit your action": "Soumettre votre action",
    },
    "es": {
        CALL["title"]: "Un llamado a la acción local por las personas migrantes y refugiadas",
        "Endorse": "Adherir",
        "Submit": "Compartir",
        "Engage": "Participar",
        "Get recognition": "Obtener reconocimiento",
        "Gain knowledge": "Adquirir conocimientos",
        "Gain access and visibility": "Ganar acceso y visibilidad",
        "Influence others": "Inspirar a otros",
        CALL["benefits_title"]: "Con el Llamado a la acción local, su gobierno puede",
        "Endorse the Declaration": "Adherir a la Declaración",
        "Submit your action": "Compartir su acción",
    },
    "ar": {
        CALL["title"]: "نداء إلى العمل المحلي من أجل المهاجرين واللاجئين",
        "Endorse": "أيّدوا",
        "Submit": "قدّموا",
        "Engage": "شاركوا",
        "Get recognition": "احصلوا على الاعتراف",
        "Gain knowledge": "اكتسبوا المعرفة",
        "Gain access and visibility": "احصلوا على الوصول والظهور",
        "Influence others": "ألهموا الآخرين",
        CALL["benefits_title"]: "من خلال النداء إلى العمل المحلي، يمكن لحكومتكم أن",
        "Endorse the Declaration": "أيّدوا الإعلان",
        "Submit your action": "قدّموا عملكم",
    },
}

# Action names of the demo in French and Spanish, for the translated case studies.
ACTION_NAME_TRANSLATIONS = {
    "One-stop welcome centre for newcomers": (
        "Guichet unique d'accueil pour les nouveaux arrivants",
        "Centro de acogida integral para recién llegados",
    ),
    "Health cards for every resident regardless of status": (
        "Cartes de santé pour tous les habitants, quel que soit leur statut",
        "Tarjetas sanitarias para todos los residentes sin importar su estatus",
    ),
    "Multilingual helpline for migrants and refugees": (
        "Ligne d'assistance multilingue pour les migrants et les réfugiés",
        "Línea de ayuda multilingüe para personas migrantes y refugiadas",
    ),
    "Municipal identity card open to all residents": (
        "Carte d'identité municipale ouverte à tous les habitants",
        "Documento de identidad municipal abierto a todos los residentes",
    ),
    "Legal aid desks in neighbourhood libraries": (
        "Permanences d'aide juridique dans les bibliothèques de quartier",
        "Puntos de asesoría jurídica en bibliotecas de barrio",
    ),
    "Mobile clinics for informal settlements": (
        "Cliniques mobiles pour les quartiers informels",
        "Clínicas móviles para asentamientos informales",
    ),
    "Free language courses in community centres": (
        "Cours de langue gratuits dans les centres communautaires",
        "Cursos de idiomas gratuitos en centros comunitarios",
    ),
    "Migrant advisory council at city hall": (
        "Conseil consultatif des migrants à l'hôtel de ville",
        "Consejo consultivo de personas migrantes en el ayuntamiento",
    ),
    "Participatory budget open to refugee residents": (
        "Budget participatif ouvert aux habitants réfugiés",
        "Presupuesto participativo abierto a residentes refugiados",
    ),
    "Local observatory of human mobility": (
        "Observatoire local de la mobilité humaine",
        "Observatorio local de movilidad humana",
    ),
    "Inclusion strategy co-designed with diaspora groups": (
        "Stratégie d'inclusion conçue avec les diasporas",
        "Estrategia de inclusión diseñada con las diásporas",
    ),
    "Anti-discrimination office and reporting tool": (
        "Bureau de lutte contre les discriminations et outil de signalement",
        "Oficina contra la discriminación y herramienta de denuncia",
    ),
    "Intercultural mediators in municipal services": (
        "Médiateurs interculturels dans les services municipaux",
        "Mediadores interculturales en los servicios municipales",
    ),
    "Local migration plan aligned with both Compacts": (
        "Plan local migratoire aligné sur les deux Pactes",
        "Plan local de migración alineado con ambos Pactos",
    ),
    "Fast track to recognise refugees' skills": (
        "Procédure accélérée de reconnaissance des compétences des réfugiés",
        "Vía rápida para reconocer las competencias de las personas refugiadas",
    ),
    "Microcredit fund for migrant entrepreneurs": (
        "Fonds de microcrédit pour les entrepreneurs migrants",
        "Fondo de microcréditos para emprendedores migrantes",
    ),
    "Market stalls licensed for refugee traders": (
        "Étals de marché autorisés pour les commerçants réfugiés",
        "Puestos de mercado con licencia para comerciantes refugiados",
    ),
    "Mentoring with local employers": (
        "Mentorat avec des employeurs locaux",
        "Mentoría con empleadores locales",
    ),
    "Vocational training in construction and care": (
        "Formation professionnelle dans le bâtiment et les soins",
        "Formación profesional en construcción y cuidados",
    ),
    "Cooperative for migrant women artisans": (
        "Coopérative d'artisanes migrantes",
        "Cooperativa de artesanas migrantes",
    ),
    "Job-matching platform for newcomers": (
        "Plateforme de mise en relation emploi pour les nouveaux arrivants",
        "Plataforma de empleo para recién llegados",
    ),
    "Cash assistance for displaced families": (
        "Aide en espèces pour les familles déplacées",
        "Asistencia en efectivo para familias desplazadas",
    ),
    "Emergency shelter network with host families": (
        "Réseau d'hébergement d'urgence chez des familles d'accueil",
        "Red de alojamiento de emergencia con familias de acogida",
    ),
    "Rent relief for migrant households in the pandemic": (
        "Aide au loyer pour les ménages migrants pendant la pandémie",
        "Ayuda al alquiler para hogares migrantes durante la pandemia",
    ),
    "Food vouchers for newly arrived families": (
        "Bons alimentaires pour les familles nouvellement arrivées",
        "Vales de alimentos para familias recién llegadas",
    ),
    "Reception plan for people fleeing conflict": (
        "Plan d'accueil des personnes fuyant les conflits",
        "Plan de acogida para personas que huyen de conflictos",
    ),
    "Winter support for refugee households": (
        "Soutien hivernal aux ménages réfugiés",
        "Apoyo invernal a hogares refugiados",
    ),
    "Emergency health response at reception sites": (
        "Réponse sanitaire d'urgence dans les centres d'accueil",
        "Respuesta sanitaria de emergencia en los centros de acogida",
    ),
    "School enrolment campaign for refugee children": (
        "Campagne de scolarisation des enfants réfugiés",
        "Campaña de escolarización de niños y niñas refugiados",
    ),
    "After-school clubs that bring young people together": (
        "Clubs périscolaires qui rassemblent les jeunes",
        "Clubes extraescolares que reúnen a jóvenes",
    ),
    "Youth council seats for young migrants": (
        "Sièges au conseil des jeunes pour les jeunes migrants",
        "Puestos en el consejo juvenil para jóvenes migrantes",
    ),
    "Safe spaces for unaccompanied minors": (
        "Espaces sûrs pour les mineurs non accompagnés",
        "Espacios seguros para menores no acompañados",
    ),
    "Scholarships for refugee students": (
        "Bourses pour les étudiants réfugiés",
        "Becas para estudiantes refugiados",
    ),
    "Early childhood centres in host neighbourhoods": (
        "Centres de petite enfance dans les quartiers d'accueil",
        "Centros de primera infancia en barrios de acogida",
    ),
    "Sports for inclusion league": (
        "Ligue sportive pour l'inclusion",
        "Liga deportiva por la inclusión",
    ),
    "Resettlement plan for families displaced by floods": (
        "Plan de réinstallation des familles déplacées par les inondations",
        "Plan de reasentamiento para familias desplazadas por inundaciones",
    ),
    "Green jobs for people displaced by climate change": (
        "Emplois verts pour les personnes déplacées par le changement climatique",
        "Empleos verdes para personas desplazadas por el cambio climático",
    ),
    "Early warning system in informal settlements": (
        "Système d'alerte précoce dans les quartiers informels",
        "Sistema de alerta temprana en asentamientos informales",
    ),
    "Cooling shelters open to all residents": (
        "Refuges climatisés ouverts à tous les habitants",
        "Refugios climatizados abiertos a todos los residentes",
    ),
    "Climate-resilient housing for displaced communities": (
        "Logements résilients au climat pour les communautés déplacées",
        "Viviendas resilientes al clima para comunidades desplazadas",
    ),
    "Drought response for pastoralist migrants": (
        "Réponse à la sécheresse pour les éleveurs migrants",
        "Respuesta a la sequía para pastores migrantes",
    ),
    "Relocation programme for eroding coastal districts": (
        "Programme de relocalisation des quartiers côtiers menacés par l'érosion",
        "Programa de reubicación de barrios costeros afectados por la erosión",
    ),
}
SUMMARY_TRANSLATIONS = {
    "fr": "{name} — une action locale menée par {government} pour les migrants, les réfugiés et "
    "leurs communautés d'accueil.",
    "es": "{name}: una acción local de {government} para personas migrantes, refugiadas y sus "
    "comunidades de acogida.",
}


def _governments():
    rows = []
    for line in GOVERNMENTS.splitlines():
        name, kind, country, population = line.split("|")
        rows.append(
            {
                "name": name,
                "kind": kind,
                "country": country,
                "population": int(population) if population else None,
                "slug": slugify(name),
            }
        )
    return rows


def plan_actions(rng, governments):
    """Draw the 70 actions: their LRG, themes and classification. Pure, no database."""
    themes = json.loads((DATA / "taxonomies.json").read_text(encoding="utf-8"))["themes"]
    counts = {theme["slug"]: theme["report_2022_count"] for theme in themes}
    primaries = [slug for slug, plan in THEME_PLAN.items() for _ in range(plan["primary"])]
    if len(primaries) != ACTIONS_TOTAL:
        raise ValueError("THEME_PLAN primaries must add up to the number of actions")
    rng.shuffle(primaries)
    action_themes = [{slug} for slug in primaries]
    for slug, count in counts.items():
        # Top each theme up to its report count with actions that do not have it yet.
        missing = count - primaries.count(slug)
        candidates = [i for i, chosen in enumerate(action_themes) if slug not in chosen]
        for i in rng.sample(candidates, missing):
            action_themes[i].add(slug)

    # Every LRG has one action, 23 of them a second.
    owners = list(range(len(governments))) + rng.sample(
        range(len(governments)), ACTIONS_TOTAL - len(governments)
    )
    rng.shuffle(owners)
    used_names = {}
    actions = []
    for i, primary in enumerate(primaries):
        government = governments[owners[i]]
        plan = THEME_PLAN[primary]
        taken = used_names.setdefault(government["slug"], set())
        name = rng.choice([n for n in plan["names"] if n not in taken])
        taken.add(name)
        ordered = [primary, *sorted(action_themes[i] - {primary})]
        gcm, sdg, gcr = set(), set(), set()
        for slug in ordered:
            gcm.update(rng.sample(THEME_PLAN[slug]["gcm"], 2))
            sdg.update(rng.sample(THEME_PLAN[slug]["sdg"], 2))
            gcr.add(rng.choice(THEME_PLAN[slug]["gcr"]))
        actions.append(
            {
                "government": government["slug"],
                "government_name": government["name"],
                "title": f"{government['name']}: {name}",
                "name": name,
                "slug": slugify(f"{government['slug']}-{name}")[:80],
                "themes": ordered,
                "gcm": sorted(gcm),
                "sdg": sorted(sdg),
                "gcr": sorted(gcr),
                "groups": sorted(rng.sample(GROUP_SLUGS, rng.randint(1, 3))),
                "status": rng.choice(["ongoing", "ongoing", "completed", "planned"]),
                "start_year": rng.randint(2015, 2022),
                "people": rng.choice([300, 1200, 2500, 8000, 15000]),
            }
        )
    return actions


def _body(action):
    theme = action["themes"][0].replace("-", " ")
    place = action["government_name"]
    return [
        (
            "challenge",
            f"<p>Many migrants and refugees in {place} could not get the support they needed, "
            f"and the local government saw the gap first-hand in the field of {theme}.</p>",
        ),
        (
            "action",
            f"<p>{action['name']}: the local government designed the programme with community "
            "organisations and the people it serves, and funded it from its own budget.</p>",
        ),
        (
            "results",
            (
                f"<p>The action aims to reach about {action['people']:,} people from "
                f"{action['start_year']}.</p>"
            )
            if action["status"] == "planned"
            else (
                f"<p>About {action['people']:,} people were reached since "
                f"{action['start_year']}, and services became easier to find and to use "
                "for everyone.</p>"
            ),
        ),
        (
            "how_to_replicate",
            "<p>Start small with one neighbourhood, involve migrant and refugee organisations "
            "from the first day, and measure what changes.</p>",
        ),
    ]


def _library(ctx, locale=None):
    return Page.objects.filter(
        content_type__app_label="search",
        content_type__model="practicelibrarypage",
        locale=locale or ctx.home.locale,
    ).first()


def seed(ctx):
    """Taxonomies are loaded by migrations; this adds the call, LRGs, 70 actions and more."""
    governments = _governments()
    actions = plan_actions(ctx.random, governments)
    endorsement_picks = ctx.random.sample(range(len(governments)), 33)
    names = [
        (ctx.random.choice(FIRST_NAMES), ctx.random.choice(LAST_NAMES), i)
        for i in range(len(governments))
    ]

    ensure_user(ctx, "moderator", groups=["Moderators"], last_name="Moderator")
    call = seed_call_to_action(ctx)
    by_slug = seed_governments(ctx, governments)
    library = _library(ctx)
    if library is None:
        ctx.log("no practice library page: local actions skipped")
        return
    seed_workflow(ctx, library)
    pages = seed_local_actions(ctx, library, actions, by_slug)
    seed_endorsements(ctx, governments, by_slug, endorsement_picks, names)
    seed_pending(ctx, by_slug)
    seed_translations(ctx, pages)
    if call is not None:
        ctx.call_to_action = call


@transaction.atomic
def seed_call_to_action(ctx):
    home = ctx.home
    call = CallToActionPage.objects.filter(locale=home.locale).first()
    if call is None:
        call = CallToActionPage(
            title=CALL["title"],
            slug="call-to-local-action",
            summary=CALL["summary"],
            intro=CALL["intro"],
            show_in_menus=True,
            steps=[
                (
                    "step",
                    {
                        "verb": verb,
                        "text": text,
                        "target": target,
                        "page": None,
                        "button_label": label,
                    },
                )
                for verb, text, target, label in CALL["steps"]
            ],
            benefits_title=CALL["benefits_title"],
            benefits=[("benefit", {"title": t, "text": x}) for t, x in CALL["benefits"]],
        )
        home.add_child(instance=call)
        call.save_revision().publish()
        ctx.log("call to action page")
    for code, strings in CALL_TRANSLATIONS.items():
        if not call.has_translation(Locale.objects.get(language_code=code)):
            translate(call, code, strings)
            ctx.log(f"call to action page in {code}")
    return call


@transaction.atomic
def seed_governments(ctx, governments):
    locale = Locale.get_default()
    existing = {g.slug: g for g in LocalGovernment.objects.filter(locale=locale)}
    created = 0
    for row in governments:
        if row["slug"] in existing:
            continue
        government = LocalGovernment(
            name=row["name"],
            slug=row["slug"],
            kind=row["kind"],
            country=row["country"],
            population=row["population"],
            website=f"https://{row['slug']}.example.org/",
            locale=locale,
        )
        government.save()
        existing[row["slug"]] = government
        created += 1
    if created:
        ctx.log(f"{created} local and regional governments")
    return existing


def seed_workflow(ctx, library):
    """Case studies under the library go through "Moderators approval"."""
    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow and not WorkflowPage.objects.filter(page=library).exists():
        WorkflowPage.objects.create(page=library, workflow=workflow)
        ctx.log("moderation workflow on the practice library")


def _taxonomy_maps():
    default = settings.LANGUAGE_CODE
    return {
        "themes": {t.slug: t for t in Theme.objects.filter(locale__language_code=default)},
        "gcm": {o.number: o for o in GCMObjective.objects.filter(locale__language_code=default)},
        "gcr": {a.code: a for a in GCRArea.objects.filter(locale__language_code=default)},
        "sdg": {s.number: s for s in SDG.objects.filter(locale__language_code=default)},
        "groups": {
            g.slug: g for g in PopulationGroup.objects.filter(locale__language_code=default)
        },
    }


def seed_local_actions(ctx, library, actions, governments):
    existing = {
        p.slug: p for p in LocalActionPage.objects.child_of(library).filter(locale=library.locale)
    }
    taxonomies = _taxonomy_maps()
    pages = []
    created = 0
    for index, action in enumerate(actions):
        page = existing.get(action["slug"])
        if page is None:
            with transaction.atomic():
                page = LocalActionPage(
                    title=action["title"],
                    slug=action["slug"],
                    summary=(
                        f"{action['name']} — a local action by {action['government_name']} "
                        "for migrants, refugees and their hosts."
                    ),
                    local_government=governments[action["government"]],
                    status=action["status"],
                    start_year=action["start_year"],
                    partners="IOM, UNHCR, local community organisations",
                    body=_body(action),
                    contact_name=f"Local action team {index + 1}",
                    contact_role="Migration and inclusion office",
                    contact_email=f"actions+{index + 1}@{action['government']}.example.org",
                    contact_is_public=index % 3 != 0,
                )
                page.themes = [taxonomies["themes"][s] for s in action["themes"]]
                page.gcm_objectives = [taxonomies["gcm"][n] for n in action["gcm"]]
                page.gcr_areas = [taxonomies["gcr"][c] for c in action["gcr"]]
                page.sdgs = [taxonomies["sdg"][n] for n in action["sdg"]]
                page.population_groups = [taxonomies["groups"][s] for s in action["groups"]]
                library.add_child(instance=page)
                revision = page.save_revision()
                revision.publish()
                # Spread publication dates so "newest" means something in the demo.
                when = timezone.now() - timezone.timedelta(days=3 * (len(actions) - index))
                LocalActionPage.objects.filter(pk=page.pk).update(
                    first_published_at=when, last_published_at=when
                )
            created += 1
        pages.append(page)
    if created:
        ctx.log(f"{created} local actions")
    return pages


@transaction.atomic
def seed_endorsements(ctx, governments, by_slug, picks, names):
    created = 0
    for i in picks[:30]:
        row = governments[i]
        first, last, _ = names[i]
        government = by_slug[row["slug"]]
        if Endorsement.objects.filter(local_government=government).exists():
            continue
        Endorsement.objects.create(
            government_name=government.name,
            government_kind=government.kind,
            country=government.country,
            local_government=government,
            signatory_name=f"{first} {last}",
            signatory_title=SIGNATORY_TITLES[i % len(SIGNATORY_TITLES)],
            email=f"{slugify(first)}.{slugify(last)}@{row['slug']}.example.org",
            consent_to_list=True,
            status=Endorsement.APPROVED,
            reviewed_at=timezone.now(),
        )
        created += 1
    for i in picks[30:]:
        row = governments[i]
        first, last, _ = names[i]
        government = by_slug[row["slug"]]
        if Endorsement.objects.filter(local_government=government).exists():
            continue
        Endorsement.objects.create(
            government_name=government.name,
            government_kind=government.kind,
            country=government.country,
            local_government=government,
            signatory_name=f"{first} {last}",
            signatory_title="Mayor",
            email=f"{slugify(first)}.{slugify(last)}@{row['slug']}.example.org",
            consent_to_list=True,
            message="We are proud to join the Call to Local Action.",
        )
        created += 1
    if created:
        ctx.log(f"{created} endorsements")


@transaction.atomic
def seed_pending(ctx, by_slug):
    """Two submissions waiting for the moderators."""
    default = settings.LANGUAGE_CODE
    pending = [
        (
            "Lisbon",
            "PT",
            "Neighbourhood welcome ambassadors",
            "access-to-services",
            [3, 16],
            "Residents who arrived as refugees welcome newcomers in their own language.",
        ),
        (
            "Gdańsk",
            "PL",
            "Immigrant council of the city",
            "inclusive-governance",
            [16, 17],
            "An elected council of immigrants advises the mayor on every new policy.",
        ),
    ]
    created = 0
    for name, country, title, theme, gcm, summary in pending:
        if ActionSubmission.objects.filter(title=title).exists():
            continue
        submission = ActionSubmission.objects.create(
            government_name=name,
            government_kind=LocalGovernment.CITY,
            country=country,
            contact_name="Demo Contact",
            contact_email=f"contact@{slugify(name)}.example.org",
            share_contact=True,
            title=title,
            summary=summary,
            challenge="Newcomers did not know where to turn when they arrived.",
            action="The city trained volunteers and opened a desk in each district.",
            results="Hundreds of families were welcomed in their first month.",
            how_to_replicate="Recruit volunteers among people who went through it themselves.",
            action_status=LocalActionPage.ONGOING,
            start_year=2021,
        )
        submission.themes.set(Theme.objects.filter(slug=theme, locale__language_code=default))
        submission.gcm_objectives.set(
            GCMObjective.objects.filter(number__in=gcm, locale__language_code=default)
        )
        created += 1
    if created:
        ctx.log(f"{created} submissions waiting for moderators")


def seed_translations(ctx, pages):
    """French translations of the first six case studies, Spanish of the first three."""
    for code, count in (("fr", 6), ("es", 3)):
        locale = Locale.objects.get(language_code=code)
        library = _library(ctx)
        if not library.has_translation(locale):
            translate(library.specific, code, {})
        for page in pages[:count]:
            if page.has_translation(locale):
                continue
            government, name = page.title.split(": ", 1)
            index = 0 if code == "fr" else 1
            local_name = ACTION_NAME_TRANSLATIONS.get(name, (name, name))[index]
            translate(
                page,
                code,
                {
                    page.title: f"{government}: {local_name}",
                    page.summary: SUMMARY_TRANSLATIONS[code].format(
                        name=local_name, government=government
                    ),
                },
            )
            ctx.log(f"{page.title} in {code}")
