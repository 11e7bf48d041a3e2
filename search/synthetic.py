"""Synthetic local actions in bulk, for the benchmark and the tests at scale.

Realistic distributions over the taxonomies (the 2022 report's theme counts,
a few popular GCM objectives and SDGs, a long tail of countries), and marker
words in known proportions (``MARKER_WORDS``) so that a full-text query can be
chosen to match about 1 %, 10 % or 90 % of the practices. Pages are inserted
in bulk (Wagtail's tree paths computed here) because creating 10,000 pages
one by one through the admin API takes many minutes; they are real, live
``LocalActionPage`` rows all the same. Practices can be written in, and
translated into, the other languages (pages sharing a ``translation_key``
under the library's translations), as wagtail-localize would leave them.
"""

import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from pledges.models import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    Theme,
)
from pledges.regions import m49_table

# word -> share of practices whose body contains it
MARKER_WORDS = {"apiculture": 0.01, "microcredit": 0.10, "neighbourhood": 0.90}
THEME_WEIGHTS = {
    "access-to-services": 40,
    "inclusive-governance": 37,
    "employment-entrepreneurship": 29,
    "crisis-assistance": 24,
    "children-youth": 19,
    "climate": 16,
}
POPULAR_GCM = {16: 8, 15: 5, 7: 4, 6: 3, 3: 3, 5: 2, 18: 2, 23: 2}
POPULAR_SDG = {10: 8, 11: 6, 16: 5, 8: 4, 4: 3, 3: 2, 1: 2, 5: 2, 17: 2}
KINDS = {"city": 70, "region": 20, "association": 10}
KIND_NAMES = {"city": "City", "region": "Region", "association": "Network"}
STATUSES = {"ongoing": 50, "completed": 35, "planned": 15}
ACTIONS = [
    "Mentoring with local employers",
    "One-stop welcome centre",
    "Language classes in public libraries",
    "Housing guarantee fund",
    "Municipal health mediators",
    "Youth sports league",
    "Climate-resilient resettlement plan",
    "Participatory budget with migrant councils",
    "Emergency cash assistance",
    "Digital skills for newcomers",
]
FILLER = [
    "the",
    "city",
    "worked",
    "with",
    "community",
    "organisations",
    "schools",
    "employers",
    "and",
    "civil",
    "society",
    "to",
    "open",
    "services",
    "for",
    "residents",
    "newcomers",
    "families",
    "and",
    "workers",
    "across",
    "districts",
]


def _weighted_sample(rng, weights, k):
    population = list(weights)
    chosen = set()
    while len(chosen) < min(k, len(population)):
        chosen.add(rng.choices(population, weights=[weights[p] for p in population])[0])
    return chosen


def create_governments(count, rng, locale):
    """``count`` LRGs over a long tail of countries (Zipf-like), bulk-inserted."""
    countries = sorted(m49_table())
    rng.shuffle(countries)
    weights = [1 / (rank + 1) for rank in range(len(countries))]
    governments = []
    for number in range(count):
        country = rng.choices(countries, weights=weights)[0]
        region, subregion = m49_table()[country]
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        name = f"{KIND_NAMES[kind]} {number} of {country}"
        governments.append(
            LocalGovernment(
                name=name,
                slug=f"synthetic-{uuid.uuid4().hex[:12]}",
                kind=kind,
                country=country,
                region=region,
                subregion=subregion,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    return LocalGovernment.objects.bulk_create(governments, batch_size=500)


def _keys(model, field):
    return dict(model.objects.default_locale().values_list(field, "pk"))


# Words of the practices written in, or translated into, the other languages.
FILLER_BY_LANGUAGE = {
    "fr": ["la", "ville", "avec", "les", "associations", "écoles", "employeurs", "services"],
    "es": ["la", "ciudad", "con", "las", "asociaciones", "escuelas", "empleadores", "servicios"],
    "ar": ["المدينة", "مع", "الجمعيات", "المدارس", "أصحاب", "العمل", "الخدمات", "الأسر"],
}
TITLE_WORD = {"fr": "Action", "es": "Acción", "ar": "مبادرة"}
# The word every practice's text in that language carries (tests find them by it).
LANGUAGE_MARKERS = {"fr": "quartier", "es": "barrio", "ar": "الحي"}


def _text(rng, language):
    """A body: filler words in the language, marker words in their shares."""
    filler = FILLER_BY_LANGUAGE.get(language, FILLER)
    words = [rng.choice(filler) for _ in range(rng.randint(40, 90))]
    if language in LANGUAGE_MARKERS:
        words.insert(rng.randrange(len(words)), LANGUAGE_MARKERS[language])
    for marker, share in MARKER_WORDS.items():
        if rng.random() < share:
            words.insert(rng.randrange(len(words)), marker)
    text = " ".join(words)
    return [
        ("challenge", f"<p>{text[: len(text) // 2]}.</p>"),
        ("action", f"<p>{text[len(text) // 2 :]}.</p>"),
    ]


class _Tree:
    """Tree paths for pages appended under several parents in one bulk insert."""

    def __init__(self):
        self.next_step, self.added, self.parents = {}, {}, {}

    def path(self, parent):
        if parent.pk not in self.next_step:
            last = parent.get_last_child()
            last_step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            self.next_step[parent.pk] = last_step + 1
            self.added[parent.pk] = 0
            self.parents[parent.pk] = parent
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] += 1
        self.added[parent.pk] += 1
        return LocalActionPage._get_path(parent.path, parent.depth + 1, step), step

    def update_counts(self):
        for pk, added in self.added.items():
            Page.objects.filter(pk=pk).update(numchild=self.parents[pk].numchild + added)


@transaction.atomic
def create_practices(
    library, count, *, rng=None, governments=None, libraries=None, originals=None, translations=None
):
    """Insert ``count`` live practices under ``library`` (bulk); returns the ids of every page.

    With ``libraries`` ({language: the library's translation}), ``originals``
    ({language: share}) makes that share of the practices written in that
    language (under its library), and ``translations`` ({language: share})
    gives that share of the others a translation into that language (same
    ``translation_key``, under its library): the four-language library.
    """
    rng = rng or random.Random(2022)  # noqa: S311 (synthetic data)
    library = Page.objects.get(pk=library.pk)
    libraries = {
        language: Page.objects.get(pk=page.pk) for language, page in (libraries or {}).items()
    }
    libraries[library.locale.language_code] = library
    originals = originals or {}
    translations = translations or {}
    if governments is None:
        governments = create_governments(max(20, count // 10), rng, library.locale)
    themes = _keys(Theme, "slug")
    gcms = _keys(GCMObjective, "number")
    gcrs = _keys(GCRArea, "code")
    sdgs = _keys(SDG, "number")
    principles = _keys(GCMPrinciple, "code")
    gcr_objectives = _keys(GCRObjective, "number")
    # The classifications added later draw from their own generator: the older
    # ones stay what they were for a given seed.
    extra = random.Random(f"classifications-{count}")  # noqa: S311
    groups = _keys(PopulationGroup, "slug")
    gcm_weights = {number: POPULAR_GCM.get(number, 1) for number in gcms}
    sdg_weights = {number: POPULAR_SDG.get(number, 1) for number in sdgs}
    group_weights = {slug: 6 if slug in ("migrants", "refugees") else 1 for slug in groups}
    content_type = ContentType.objects.get_for_model(LocalActionPage)
    now = timezone.now()
    tree = _Tree()

    parents, children, relations = [], [], []

    def add(parent, title, summary, fields, wanted, key):
        path, step = tree.path(parent)
        slug = f"practice-{step}"
        common = {
            "path": path,
            "depth": parent.depth + 1,
            "numchild": 0,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type": content_type,
            "live": True,
            "has_unpublished_changes": False,
            "url_path": f"{parent.url_path}{slug}/",
            "locale_id": parent.locale_id,
            "translation_key": key,
            "first_published_at": fields.pop("first_published_at"),
            "last_published_at": now,
            "show_in_menus": False,
        }
        parents.append(Page(**common))
        children.append(LocalActionPage(**common, summary=summary, **fields))
        relations.append(wanted)

    for _number in range(count):
        language = library.locale.language_code
        draw = rng.random()
        for code, share in originals.items():
            if code in libraries and draw < share:
                language = code
                break
            draw -= share
        government = rng.choice(governments)
        action = rng.choice(ACTIONS)
        fields = {
            "local_government": government,
            "status": rng.choices(list(STATUSES), weights=list(STATUSES.values()))[0],
            "start_year": min(2025, 2005 + int(rng.triangular(0, 21, 17))),
            "first_published_at": now - timezone.timedelta(days=rng.randint(0, 2000)),
        }
        wanted = {
            "themes": [themes[s] for s in _weighted_sample(rng, THEME_WEIGHTS, rng.randint(1, 3))],
            "gcm_objectives": [
                gcms[n] for n in _weighted_sample(rng, gcm_weights, rng.randint(1, 5))
            ],
            "gcr_areas": [gcrs[c] for c in rng.sample(sorted(gcrs), rng.randint(0, 3))],
            "sdgs": [sdgs[n] for n in _weighted_sample(rng, sdg_weights, rng.randint(1, 4))],
            "population_groups": [
                groups[s] for s in _weighted_sample(rng, group_weights, rng.randint(1, 3))
            ],
        }
        wanted["gcm_objectives_primary"] = wanted["gcm_objectives"][: extra.randint(0, 2)]
        wanted["gcm_principles"] = [
            principles[c] for c in extra.sample(sorted(principles), extra.randint(0, 4))
        ]
        wanted["gcr_objectives"] = [
            gcr_objectives[n] for n in extra.sample(sorted(gcr_objectives), extra.randint(0, 2))
        ]
        key = uuid.uuid4()
        title = f"{government.name}: {TITLE_WORD.get(language, '')} {action}".replace("  ", " ")
        add(
            libraries[language],
            f"{title} {len(children) + 1}",
            f"{action} — {government.name}.",
            {**fields, "body": _text(rng, language)},
            wanted,
            key,
        )
        for code, share in translations.items():
            if code != language and code in libraries and rng.random() < share:
                add(
                    libraries[code],
                    f"{government.name}: {TITLE_WORD.get(code, '')} {action} {len(children) + 1}",
                    f"{action} — {government.name} ({code}).",
                    {**fields, "body": _text(rng, code)},
                    wanted,
                    key,
                )

    Page.objects.bulk_create(parents, batch_size=500)
    for parent, child in zip(parents, children, strict=True):
        child.page_ptr_id = parent.pk
        child.pk = parent.pk
    fields = LocalActionPage._meta.local_concrete_fields
    for start in range(0, len(children), 500):
        LocalActionPage._base_manager._insert(
            children[start : start + 500], fields=fields, raw=True, using="default"
        )
    for relation in relations[0].keys() if relations else []:
        field = LocalActionPage._meta.get_field(relation)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": child.pk, f"{target}_id": target_id})
                for child, wanted in zip(children, relations, strict=True)
                for target_id in wanted[relation]
            ],
            batch_size=2000,
        )
    tree.update_counts()
    return [child.pk for child in children]
