"""Demo content of the knowledge hub, from the campaign's source texts.

The news index with the seed news items (some translated into French and
Spanish, one into Arabic, two left in English only), the knowledge hub with the
2022 report and two resources. Idempotent: what exists is kept as it is.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Locale

from hub.localization import translate
from learning.models import (
    LearningIndexPage,
    NewsIndexPage,
    NewsPage,
    ReportPage,
    ResourcePage,
    ResourceType,
    Topic,
)

AUTHORS = "GFMD Mayors Mechanism"
AUTHORS_T = {"fr": "Mécanisme des maires du FMMD", "es": "Mecanismo de Alcaldías del FMMD"}

NEWS_INDEX = {
    "title": "News",
    "summary": "News from the Call to Local Action and the global processes on migration.",
    "intro": (
        "What local and regional governments are doing for migrants and refugees, and how they "
        "take part in the global processes on migration and displacement."
    ),
    "untranslated_note": "This article is available in another language only.",
}
NEWS_INDEX_T = {
    "fr": {
        "News": "Actualités",
        NEWS_INDEX["summary"]: (
            "Les actualités de l'Appel à l'action locale et des processus mondiaux sur les "
            "migrations."
        ),
        NEWS_INDEX["intro"]: (
            "Ce que font les collectivités locales et régionales pour les migrants et les "
            "réfugiés, et comment elles participent aux processus mondiaux sur les migrations "
            "et les déplacements."
        ),
        NEWS_INDEX["untranslated_note"]: (
            "Cet article n'est pas encore traduit en français. Vous pouvez le lire dans sa "
            "langue d'origine :"
        ),
    },
    "es": {
        "News": "Noticias",
        NEWS_INDEX["summary"]: (
            "Noticias del Llamado a la acción local y de los procesos mundiales sobre migración."
        ),
        NEWS_INDEX["intro"]: (
            "Lo que hacen los gobiernos locales y regionales por las personas migrantes y "
            "refugiadas, y cómo participan en los procesos mundiales sobre migración y "
            "desplazamiento."
        ),
        NEWS_INDEX["untranslated_note"]: (
            "Este artículo aún no está traducido al español. Puede leerlo en su idioma original:"
        ),
    },
    "ar": {
        "News": "الأخبار",
        NEWS_INDEX["summary"]: "أخبار النداء إلى العمل المحلي والمسارات العالمية بشأن الهجرة.",
        NEWS_INDEX["intro"]: (
            "ما تقوم به الحكومات المحلية والإقليمية من أجل المهاجرين واللاجئين، وكيف تشارك في "
            "المسارات العالمية بشأن الهجرة والنزوح."
        ),
        NEWS_INDEX["untranslated_note"]: (
            "هذا المقال غير مترجم إلى العربية بعد. يمكنكم قراءته بلغته الأصلية:"
        ),
    },
}

NEWS = [
    {
        "slug": "call-to-local-action-launched-at-the-imrf",
        "title": "Call to Local Action for Migrants and Refugees launched at the IMRF",
        "date": datetime.date(2022, 5, 18),
        "topic": Topic.CAMPAIGN,
        "summary": (
            "An IMRF side event formally launched the Call to Local Action for Migrants and "
            "Refugees, co-hosted by the GFMD Mayors Mechanism partners, the German Ministry of "
            "Economic Cooperation and Development and UNHCR."
        ),
        "paragraphs": [
            "During the first-ever UN International Migration Review Forum (IMRF), the Mayors "
            "Mechanism, in partnership with UNHCR, launched a Call to Local Action for Migrants "
            "and Refugees.",
            "Local and regional governments can endorse the Marrakech Mayors Declaration, "
            "submit their local actions and join peer-learning activities.",
        ],
        "translations": {
            "fr": {
                "slug": "lancement-appel-action-locale-imrf",
                "title": "L'Appel à l'action locale pour les migrants et les réfugiés lancé "
                "au FIEM",
                "summary": "Un événement parallèle du FIEM a officiellement lancé l'Appel à "
                "l'action locale pour les migrants et les réfugiés, coorganisé par les "
                "partenaires du Mécanisme des maires du FMMD, le ministère allemand de la "
                "Coopération économique et du Développement et le HCR.",
                "paragraphs": [
                    "Lors du tout premier Forum d'examen des migrations internationales (FIEM) "
                    "des Nations Unies, le Mécanisme des maires, en partenariat avec le HCR, a "
                    "lancé un Appel à l'action locale pour les migrants et les réfugiés.",
                    "Les collectivités locales et régionales peuvent souscrire à la Déclaration "
                    "des maires de Marrakech, soumettre leurs actions locales et participer aux "
                    "activités d'apprentissage entre pairs.",
                ],
            },
            "es": {
                "slug": "lanzamiento-llamado-accion-local-imrf",
                "title": "Se lanza en el FEMI el Llamado a la acción local por las personas "
                "migrantes y refugiadas",
                "summary": "Un evento paralelo del FEMI lanzó formalmente el Llamado a la acción "
                "local por las personas migrantes y refugiadas, coorganizado por los socios del "
                "Mecanismo de Alcaldías del FMMD, el Ministerio Federal de Cooperación Económica "
                "y Desarrollo de Alemania y ACNUR.",
                "paragraphs": [
                    "Durante el primer Foro de Examen de la Migración Internacional (FEMI) de "
                    "las Naciones Unidas, el Mecanismo de Alcaldías, en alianza con ACNUR, lanzó "
                    "un Llamado a la acción local por las personas migrantes y refugiadas.",
                    "Los gobiernos locales y regionales pueden adherir a la Declaración de "
                    "Alcaldes de Marrakech, presentar sus acciones locales y sumarse a las "
                    "actividades de aprendizaje entre pares.",
                ],
            },
        },
    },
    {
        "slug": "updates-on-the-imrf",
        "title": "Updates on the International Migration Review Forum (IMRF)",
        "date": datetime.date(2022, 5, 10),
        "topic": Topic.GLOBAL_PROCESSES,
        "summary": (
            "Local and regional governments are coming to the IMRF showing how local "
            "governments concretely spearhead ambitious, people-centered, and inclusive action "
            "on migration and displacement."
        ),
        "paragraphs": [
            "The IMRF is the first global review of the Global Compact for Safe, Orderly and "
            "Regular Migration. Local and regional governments take part to show what they "
            "already do and what they need to do more.",
        ],
        "translations": {
            "fr": {
                "slug": "actualites-fiem",
                "title": "Actualités du Forum d'examen des migrations internationales (FIEM)",
                "summary": "Les collectivités locales et régionales viennent au FIEM montrer "
                "comment elles mènent concrètement une action ambitieuse, centrée sur les "
                "personnes et inclusive en matière de migrations et de déplacements.",
                "paragraphs": [
                    "Le FIEM est le premier examen mondial du Pacte mondial pour des migrations "
                    "sûres, ordonnées et régulières. Les collectivités locales et régionales y "
                    "participent pour montrer ce qu'elles font déjà et ce qu'il leur faut pour "
                    "faire davantage.",
                ],
            },
            "es": {
                "slug": "novedades-femi",
                "title": "Novedades del Foro de Examen de la Migración Internacional (FEMI)",
                "summary": "Los gobiernos locales y regionales llegan al FEMI para mostrar cómo "
                "impulsan de manera concreta una acción ambiciosa, centrada en las personas e "
                "inclusiva en materia de migración y desplazamiento.",
                "paragraphs": [
                    "El FEMI es el primer examen mundial del Pacto Mundial para una Migración "
                    "Segura, Ordenada y Regular. Los gobiernos locales y regionales participan "
                    "para mostrar lo que ya hacen y lo que necesitan para hacer más.",
                ],
            },
            "ar": {
                "slug": "imrf-updates",  # wagtail-localize slugifies to ASCII
                "title": "مستجدات منتدى استعراض الهجرة الدولية",
                "summary": "تأتي الحكومات المحلية والإقليمية إلى منتدى استعراض الهجرة الدولية "
                "لتُظهر كيف تقود الحكومات المحلية عملًا طموحًا وشاملًا يضع الإنسان في المركز "
                "في مجال الهجرة والنزوح.",
                "authors": "آلية رؤساء البلديات التابعة للمنتدى العالمي للهجرة والتنمية",
                "paragraphs": [
                    "منتدى استعراض الهجرة الدولية هو أول استعراض عالمي للميثاق العالمي من أجل "
                    "الهجرة الآمنة والمنظمة والنظامية. وتشارك فيه الحكومات المحلية والإقليمية "
                    "لتُظهر ما تقوم به بالفعل وما تحتاج إليه لتقوم بالمزيد.",
                ],
            },
        },
    },
    {
        "slug": "secretary-generals-report-on-the-gcm-our-response",
        "title": "The Secretary-General’s Report on the GCM: Our response!",
        "date": datetime.date(2022, 2, 16),
        "topic": Topic.GLOBAL_PROCESSES,
        "summary": (
            "On the 16th of February, 2022, the UN Secretary-General, António Guterres, briefed "
            "Member States and Stakeholders on his 2nd report on the progress of the Global "
            "Compact for Safe, Orderly and Regular Migration. Read our response!"
        ),
        "paragraphs": [
            "The Secretary-General’s report reviews the progress made on the Global Compact for "
            "Migration since its adoption. Our response brings in the experience of local and "
            "regional governments, who implement much of it every day.",
        ],
        "translations": {
            "fr": {
                "slug": "rapport-secretaire-general-pmm-notre-reponse",
                "title": "Le rapport du Secrétaire général sur le PMM : notre réponse !",
                "summary": "Le 16 février 2022, le Secrétaire général de l'ONU, António "
                "Guterres, a présenté aux États membres et aux parties prenantes son deuxième "
                "rapport sur les progrès du Pacte mondial pour des migrations sûres, ordonnées "
                "et régulières. Lisez notre réponse !",
                "paragraphs": [
                    "Le rapport du Secrétaire général examine les progrès accomplis dans la mise "
                    "en œuvre du Pacte mondial sur les migrations depuis son adoption. Notre "
                    "réponse apporte l'expérience des collectivités locales et régionales, qui "
                    "en appliquent une grande partie au quotidien.",
                ],
            },
            "es": {
                "slug": "informe-secretario-general-pmm-nuestra-respuesta",
                "title": "El informe del Secretario General sobre el PMM: ¡nuestra respuesta!",
                "summary": "El 16 de febrero de 2022, el Secretario General de la ONU, António "
                "Guterres, informó a los Estados miembros y a las partes interesadas sobre su "
                "segundo informe de avances del Pacto Mundial para una Migración Segura, "
                "Ordenada y Regular. ¡Lea nuestra respuesta!",
                "paragraphs": [
                    "El informe del Secretario General examina los avances del Pacto Mundial "
                    "sobre Migración desde su adopción. Nuestra respuesta aporta la experiencia "
                    "de los gobiernos locales y regionales, que aplican gran parte de él cada "
                    "día.",
                ],
            },
        },
    },
    {
        "slug": "france-and-senegal-to-co-chair-gfmd",
        "title": "France and Senegal confirmed to co-chair GFMD as of July 2022",
        "date": datetime.date(2021, 11, 30),
        "topic": Topic.PARTNERSHIPS,
        "summary": (
            "At the November 2021 - Friends of the Forum meeting, France and Senegal confirmed "
            "their co-chairmanship of the GFMD, starting in July 2022 until December 2023."
        ),
        "paragraphs": [
            "The Global Forum on Migration and Development (GFMD) is where governments, local "
            "authorities and civil society discuss migration together. Its Mayors Mechanism "
            "brings the voice of cities and regions.",
        ],
        "translations": {
            "fr": {
                "slug": "france-senegal-copresidence-fmmd",
                "title": "La France et le Sénégal confirmés à la coprésidence du FMMD à partir "
                "de juillet 2022",
                "summary": "Lors de la réunion des Amis du Forum de novembre 2021, la France et "
                "le Sénégal ont confirmé leur coprésidence du FMMD, de juillet 2022 à décembre "
                "2023.",
                "paragraphs": [
                    "Le Forum mondial sur la migration et le développement (FMMD) est le lieu où "
                    "gouvernements, autorités locales et société civile débattent ensemble des "
                    "migrations. Son Mécanisme des maires y porte la voix des villes et des "
                    "régions.",
                ],
            },
            "es": {
                "slug": "francia-senegal-copresidencia-fmmd",
                "title": "Francia y Senegal confirmados en la copresidencia del FMMD a partir "
                "de julio de 2022",
                "summary": "En la reunión de Amigos del Foro de noviembre de 2021, Francia y "
                "Senegal confirmaron su copresidencia del FMMD, de julio de 2022 a diciembre de "
                "2023.",
                "paragraphs": [
                    "El Foro Mundial sobre Migración y Desarrollo (FMMD) es el espacio donde "
                    "gobiernos, autoridades locales y sociedad civil debaten juntos sobre "
                    "migración. Su Mecanismo de Alcaldías lleva la voz de las ciudades y "
                    "regiones.",
                ],
            },
        },
    },
    {
        "slug": "launch-of-it-takes-a-community",
        "title": "Launch of ‘It Takes a Community’",
        "date": datetime.date(2021, 3, 29),
        "topic": Topic.CITY_DIPLOMACY,
        "summary": (
            "On March 29, 2021 the Mayors Mechanism, together with the governments of Canada, "
            "Ecuador and the International Organization for Migration, launched ‘It Takes a "
            "Community’."
        ),
        "paragraphs": [
            "Learn about the Mayors Migration Council’s City Diplomacy programs to influence "
            "policy decisions at the national or international level.",
        ],
        "translations": {},
    },
    {
        "slug": "gfmd-summit-and-close-of-uae-chairmanship",
        "title": "The GFMD Summit and the close of the 2020 UAE Chairmanship",
        "date": datetime.date(2021, 1, 26),
        "topic": Topic.GLOBAL_PROCESSES,
        "summary": (
            "This year’s GFMD marked its most inclusive Summit ever — offering local and "
            "national governments a true opportunity to come together in common dialogue."
        ),
        "paragraphs": [
            "Local and national governments met in common dialogue at the close of the 2020 "
            "chairmanship of the United Arab Emirates.",
        ],
        "translations": {},
    },
]

REPORT = {
    "slug": "localizing-the-global-compacts-2022",
    "title": (
        "Localizing the Global Compacts: First Report on Local Action for Migrants and "
        "Refugees (2022)"
    ),
    "date": datetime.date(2022, 5, 18),
    "summary": (
        "Local governments are central actors — and visionary leaders — in addressing "
        "migration and forced displacement issues. This inaugural report showcases their "
        "actions for the Global Compact for Migration and the Global Compact on Refugees."
    ),
    "figures_title": "The 2022 report in numbers",
    "figures": [
        ("70", "local actions"),
        ("47", "local and regional governments and their associations"),
        ("33", "countries"),
        ("40", "actions expanding access to services"),
        ("37", "actions improving governance and accountability"),
        ("29", "actions for employment and entrepreneurship"),
        ("24", "actions offering assistance in times of crisis"),
        ("19", "actions serving children and youth"),
        ("16", "actions on climate and displacement"),
    ],
    "sections": [
        (
            "Why local action matters",
            [
                "Every day, local governments around the world are taking pragmatic, "
                "people-centered actions that create the conditions for migrants, displaced "
                "people, and communities to thrive. This local action means national success "
                "against global goals.",
                "In 2016, with the adoption of the New York Declaration, UN Member States "
                "recognized for the first time the role of cities as first receivers of migrants "
                "and refugees and agreed to strengthen cooperation with local and regional "
                "governments (LRGs).",
            ],
        ),
        (
            "What the report covers",
            [
                "What the Call to Local Action for Migrants and Refugees is and how LRGs can "
                "join; how it meets the GCM, GCR, and SDGs; LRGs’ progress building more "
                "inclusive multilateral governance of migration and forced displacement; LRG "
                "submissions; and recommendations for the future.",
            ],
        ),
        (
            "What comes next",
            [
                "The Call to Local Action for Migrants and Refugees is an ongoing and iterative "
                "program of the Mayors Mechanism and its partners. A next report will be "
                "produced in advance of the 2023 Global Refugee Forum.",
            ],
        ),
    ],
}

REPORT_T = {
    "fr": {
        REPORT["slug"]: "localiser-les-pactes-mondiaux-2022",
        REPORT["title"]: (
            "Localiser les Pactes mondiaux : premier rapport sur l'action locale pour les "
            "migrants et les réfugiés (2022)"
        ),
        REPORT["summary"]: (
            "Les collectivités locales sont des actrices centrales — et des leaders "
            "visionnaires — face aux migrations et aux déplacements forcés. Ce rapport "
            "inaugural présente leurs actions pour le Pacte mondial sur les migrations et le "
            "Pacte mondial sur les réfugiés."
        ),
        REPORT["figures_title"]: "Le rapport 2022 en chiffres",
        "local actions": "actions locales",
        "local and regional governments and their associations": (
            "collectivités locales et régionales et leurs associations"
        ),
        "countries": "pays",
        "actions expanding access to services": "actions élargissant l'accès aux services",
        "actions improving governance and accountability": (
            "actions améliorant la gouvernance et la redevabilité"
        ),
        "actions for employment and entrepreneurship": "actions pour l'emploi et l'entrepreneuriat",
        "actions offering assistance in times of crisis": (
            "actions d'assistance en temps de crise"
        ),
        "actions serving children and youth": "actions pour les enfants et les jeunes",
        "actions on climate and displacement": "actions sur le climat et les déplacements",
        "Why local action matters": "Pourquoi l'action locale compte",
        REPORT["sections"][0][1][0]: (
            "Chaque jour, des collectivités locales du monde entier mènent des actions "
            "pragmatiques et centrées sur les personnes qui permettent aux migrants, aux "
            "personnes déplacées et aux communautés de s'épanouir. Cette action locale est la "
            "condition du succès national face aux objectifs mondiaux."
        ),
        REPORT["sections"][0][1][1]: (
            "En 2016, avec l'adoption de la Déclaration de New York, les États membres de l'ONU "
            "ont reconnu pour la première fois le rôle des villes comme premières terres "
            "d'accueil des migrants et des réfugiés, et se sont engagés à renforcer leur "
            "coopération avec les collectivités locales et régionales."
        ),
        "What the report covers": "Ce que couvre le rapport",
        REPORT["sections"][1][1][0]: (
            "Ce qu'est l'Appel à l'action locale pour les migrants et les réfugiés et comment "
            "les collectivités peuvent y participer ; comment il répond au PMM, au PMR et aux "
            "ODD ; les progrès des collectivités vers une gouvernance multilatérale plus "
            "inclusive des migrations et des déplacements forcés ; leurs contributions ; et "
            "des recommandations pour l'avenir."
        ),
        "What comes next": "Et ensuite",
        REPORT["sections"][2][1][0]: (
            "L'Appel à l'action locale pour les migrants et les réfugiés est un programme "
            "continu du Mécanisme des maires et de ses partenaires. Un prochain rapport sera "
            "publié avant le Forum mondial sur les réfugiés de 2023."
        ),
        "Full report (English, PDF)": "Rapport complet (anglais, PDF)",
        "Summary (French, PDF)": "Résumé (français, PDF)",
    },
    "es": {
        REPORT["slug"]: "localizar-los-pactos-mundiales-2022",
        REPORT["title"]: (
            "Localizar los Pactos Mundiales: primer informe sobre la acción local por las "
            "personas migrantes y refugiadas (2022)"
        ),
        REPORT["summary"]: (
            "Los gobiernos locales son actores centrales — y líderes visionarios — frente a la "
            "migración y el desplazamiento forzado. Este informe inaugural presenta sus acciones "
            "por el Pacto Mundial sobre Migración y el Pacto Mundial sobre los Refugiados."
        ),
        REPORT["figures_title"]: "El informe 2022 en cifras",
        "local actions": "acciones locales",
        "local and regional governments and their associations": (
            "gobiernos locales y regionales y sus asociaciones"
        ),
        "countries": "países",
        "actions expanding access to services": "acciones que amplían el acceso a servicios",
        "actions improving governance and accountability": (
            "acciones que mejoran la gobernanza y la rendición de cuentas"
        ),
        "actions for employment and entrepreneurship": "acciones de empleo y emprendimiento",
        "actions offering assistance in times of crisis": "acciones de asistencia en crisis",
        "actions serving children and youth": "acciones para la niñez y la juventud",
        "actions on climate and displacement": "acciones sobre clima y desplazamiento",
        "Why local action matters": "Por qué importa la acción local",
        REPORT["sections"][0][1][0]: (
            "Cada día, gobiernos locales de todo el mundo toman medidas pragmáticas y centradas "
            "en las personas que crean las condiciones para que las personas migrantes, "
            "desplazadas y las comunidades prosperen. Esta acción local es el éxito nacional "
            "frente a los objetivos mundiales."
        ),
        "What the report covers": "Qué abarca el informe",
        "What comes next": "Próximos pasos",
        "Full report (English, PDF)": "Informe completo (inglés, PDF)",
    },
}

LEARNING_INDEX = {
    "title": "Knowledge hub",
    "summary": "Reports, resources and news on local action for migrants and refugees.",
    "intro": (
        "Reports, toolkits and news for local and regional governments acting for migrants and "
        "refugees: learn from peers and replicate what works."
    ),
}
LEARNING_INDEX_T = {
    "fr": {
        "Knowledge hub": "Centre de connaissances",
        LEARNING_INDEX["summary"]: (
            "Rapports, ressources et actualités sur l'action locale pour les migrants et les "
            "réfugiés."
        ),
        LEARNING_INDEX["intro"]: (
            "Rapports, boîtes à outils et actualités pour les collectivités locales et "
            "régionales qui agissent pour les migrants et les réfugiés : apprenez de vos pairs "
            "et reproduisez ce qui fonctionne."
        ),
    },
    "es": {
        "Knowledge hub": "Centro de conocimiento",
        LEARNING_INDEX["summary"]: (
            "Informes, recursos y noticias sobre la acción local por las personas migrantes y "
            "refugiadas."
        ),
        LEARNING_INDEX["intro"]: (
            "Informes, herramientas y noticias para los gobiernos locales y regionales que "
            "actúan por las personas migrantes y refugiadas: aprenda de sus pares y replique lo "
            "que funciona."
        ),
    },
    "ar": {
        "Knowledge hub": "مركز المعرفة",
        LEARNING_INDEX[
            "summary"
        ]: "تقارير وموارد وأخبار عن العمل المحلي من أجل المهاجرين واللاجئين.",
        LEARNING_INDEX["intro"]: (
            "تقارير وأدوات وأخبار للحكومات المحلية والإقليمية التي تعمل من أجل المهاجرين "
            "واللاجئين: تعلّموا من نظرائكم وكرّروا ما ينجح."
        ),
    },
}

RESOURCES = [
    {
        "slug": "how-to-join-the-call-to-local-action",
        "title": "How to join the Call to Local Action: a guide for local governments",
        "type": ResourceType.GUIDE,
        "date": datetime.date(2022, 5, 18),
        "summary": (
            "The three steps for local and regional governments: endorse the Marrakech Mayors "
            "Declaration, submit your action, engage in peer learning."
        ),
        "sections": [
            (
                "Endorse",
                "Endorse the Marrakech Mayors Declaration, adding your Local or Regional "
                "Government’s political endorsement to the Global Compacts.",
            ),
            (
                "Submit",
                "Submit your action, showcasing how your Local or Regional Government is "
                "meeting or exceeding the Global Compacts.",
            ),
            (
                "Engage",
                "Engage through our capacity development and peer-learning initiatives.",
            ),
        ],
    },
    {
        "slug": "city-diplomacy-brief",
        "title": "City diplomacy: how mayors influence migration policy",
        "type": ResourceType.BRIEF,
        "date": datetime.date(2022, 9, 1),
        "summary": (
            "Despite leading by doing, mayors have historically been excluded from national and "
            "international policymaking. This brief shows how city diplomacy changes that."
        ),
        "sections": [
            (
                "Our approach",
                "City Diplomacy programs support mayors to influence policy decisions at the "
                "national and international level to ensure they reflect and address the "
                "realities in cities, where most migrants live.",
            ),
            (
                "Our impact",
                "To date, 70 city pledges were mobilized to implement the GCM and GCR through "
                "the Call to Local Action for Migrants and Refugees, and over 170 global "
                "dialogues connected cities to policymakers.",
            ),
        ],
    },
]


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _sections(sections):
    body = []
    for heading, paragraphs in sections:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.extend(_paragraphs([paragraphs] if isinstance(paragraphs, str) else paragraphs))
    return body


def _pdf(lines):
    """A one-page PDF drawn with Pillow: enough to show a real download."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 80 + i * 28), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


def _document(title, filename, lines):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(_pdf(lines)), save=False)
        document.save()
    return document


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate_missing(page, translations, ctx):
    for code, strings in translations.items():
        if not page.has_translation(Locale.objects.get(language_code=code)):
            translate(page, code, strings)
            ctx.log(f"{page.title[:50]} in {code}")


def _news_strings(item, code, translated):
    strings = {
        item["slug"]: translated["slug"],
        item["title"]: translated["title"],
        item["summary"]: translated["summary"],
        AUTHORS: translated.get("authors", AUTHORS_T.get(code, AUTHORS)),
    }
    strings.update(zip(item["paragraphs"], translated["paragraphs"], strict=True))
    return strings


@transaction.atomic
def seed_news(ctx):
    """The news index in four languages and the seed news items."""
    home = ctx.home
    index = NewsIndexPage.objects.child_of(home).filter(locale=home.locale).first()
    if index is None:
        index = _publish(home, NewsIndexPage(slug="news", show_in_menus=True, **NEWS_INDEX))
        ctx.log("news index")
    _translate_missing(index, NEWS_INDEX_T, ctx)
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    for item in NEWS:
        if item["slug"] in existing:
            page = NewsPage.objects.child_of(index).get(slug=item["slug"])
        else:
            page = _publish(
                index,
                NewsPage(
                    slug=item["slug"],
                    title=item["title"],
                    date=item["date"],
                    topic=item["topic"],
                    authors=AUTHORS,
                    summary=item["summary"],
                    body=_paragraphs(item["paragraphs"]),
                ),
            )
            ctx.log(item["title"][:60])
        _translate_missing(
            page,
            {
                code: _news_strings(item, code, translated)
                for code, translated in item["translations"].items()
            },
            ctx,
        )
    return index


@transaction.atomic
def seed_knowledge_hub(ctx, news_index):
    """The knowledge hub, the 2022 report (fr, es) and two resources."""
    home = ctx.home
    hub = LearningIndexPage.objects.child_of(home).filter(locale=home.locale).first()
    if hub is None:
        hub = _publish(
            home, LearningIndexPage(slug="learning", show_in_menus=True, **LEARNING_INDEX)
        )
        ctx.log("knowledge hub")
    _translate_missing(hub, LEARNING_INDEX_T, ctx)

    report = ReportPage.objects.child_of(hub).filter(slug=REPORT["slug"]).first()
    if report is None:
        full = _document(
            "Localizing the Global Compacts (2022), full report",
            "localizing-the-global-compacts-2022.pdf",
            [REPORT["title"], "", *[f"{v} {label}" for v, label in REPORT["figures"]]],
        )
        summary_fr = _document(
            "Localiser les Pactes mondiaux (2022), résumé",
            "localiser-les-pactes-mondiaux-2022-resume.pdf",
            ["Localiser les Pactes mondiaux (2022)", "", "Resume en francais"],
        )
        related = list(
            NewsPage.objects.child_of(news_index)
            .filter(slug__in=[NEWS[0]["slug"], NEWS[1]["slug"]])
            .order_by("-date")
        )
        report = _publish(
            hub,
            ReportPage(
                slug=REPORT["slug"],
                title=REPORT["title"],
                publication_date=REPORT["date"],
                summary=REPORT["summary"],
                key_figures=[
                    (
                        "key_figures",
                        {
                            "title": REPORT["figures_title"],
                            "figures": [
                                {"value": value, "label": label}
                                for value, label in REPORT["figures"]
                            ],
                        },
                    )
                ],
                body=_sections(REPORT["sections"]),
                documents=[
                    (
                        "download",
                        {"document": full, "title": "Full report (English, PDF)", "language": "en"},
                    ),
                    (
                        "download",
                        {
                            "document": summary_fr,
                            "title": "Summary (French, PDF)",
                            "language": "fr",
                        },
                    ),
                ],
                related_pages=[("page", page) for page in related],
            ),
        )
        ctx.log("the 2022 report")
    _translate_missing(report, REPORT_T, ctx)

    for item in RESOURCES:
        if not ResourcePage.objects.child_of(hub).filter(slug=item["slug"]).exists():
            _publish(
                hub,
                ResourcePage(
                    slug=item["slug"],
                    title=item["title"],
                    resource_type=item["type"],
                    publication_date=item["date"],
                    summary=item["summary"],
                    body=_sections(item["sections"]),
                    related_pages=[("page", report)],
                ),
            )
            ctx.log(item["title"])


def seed(ctx):
    """Everything the knowledge hub shows in the demo."""
    news_index = seed_news(ctx)
    seed_knowledge_hub(ctx, news_index)
