"""Demo content for the campaign, reproducible from ``ctx.random`` and idempotent.

The words and records live in the YAML files beside this module:
``governments.yaml`` (the LRGs), ``actions.yaml`` (the theme plan and the
case-study text), ``call.yaml`` (the campaign page and its translations),
``translations.yaml`` (French and Spanish case studies), ``endorsements.yaml``
and ``submissions.yaml``.

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

from wagtail.models import Locale, Workflow, WorkflowPage

from hub.demo import ensure_user
from hub.seeding import ensure_child_page, load, page_of_type, publish_child, translate_missing
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

TAXONOMIES = Path(__file__).resolve().parent.parent / "data" / "taxonomies.json"


def _data(name):
    return load("pledges", name)


def _governments():
    return [
        {
            "name": row["name"],
            "kind": row["kind"],
            "country": row["country"],
            "population": row.get("population"),
            "slug": slugify(row["name"]),
        }
        for row in _data("governments")["governments"]
    ]


def _report_counts():
    """Actions per theme in the 2022 report, in the taxonomy's order."""
    themes = json.loads(TAXONOMIES.read_text(encoding="utf-8"))["themes"]
    return {theme["slug"]: theme["report_2022_count"] for theme in themes}


def plan_actions(rng, governments):
    """Draw the actions: their LRG, themes and classification. Pure, no database."""
    data = _data("actions")
    plan = data["themes"]
    primaries = [slug for slug, theme in plan.items() for _ in range(theme["primary"])]
    if len(primaries) != data["total"]:
        raise ValueError("the themes' primaries in actions.yaml must add up to the total")
    rng.shuffle(primaries)
    action_themes = [{slug} for slug in primaries]
    for slug, count in _report_counts().items():
        # Top each theme up to its report count with actions that do not have it yet.
        missing = count - primaries.count(slug)
        candidates = [i for i, chosen in enumerate(action_themes) if slug not in chosen]
        for i in rng.sample(candidates, missing):
            action_themes[i].add(slug)

    # Every LRG has one action, the remaining actions go to LRGs drawn for a second.
    owners = list(range(len(governments))) + rng.sample(
        range(len(governments)), data["total"] - len(governments)
    )
    rng.shuffle(owners)
    years = data["start_years"]
    used_names = {}
    actions = []
    for i, primary in enumerate(primaries):
        government = governments[owners[i]]
        taken = used_names.setdefault(government["slug"], set())
        name = rng.choice([n for n in plan[primary]["names"] if n not in taken])
        taken.add(name)
        ordered = [primary, *sorted(action_themes[i] - {primary})]
        gcm, sdg, gcr = set(), set(), set()
        for slug in ordered:
            gcm.update(rng.sample(plan[slug]["gcm"], 2))
            sdg.update(rng.sample(plan[slug]["sdg"], 2))
            gcr.add(rng.choice(plan[slug]["gcr"]))
        actions.append(
            {
                "government": government["slug"],
                "government_name": government["name"],
                "name": name,
                "slug": slugify(f"{government['slug']}-{name}")[:80],
                "themes": ordered,
                "gcm": sorted(gcm),
                "sdg": sorted(sdg),
                "gcr": sorted(gcr),
                "groups": sorted(rng.sample(data["population_groups"], rng.randint(1, 3))),
                "status": rng.choice(data["statuses"]),
                "start_year": rng.randint(years["first"], years["last"]),
                "people": rng.choice(data["people"]),
            }
        )
    return actions


def seed(ctx):
    """Taxonomies are loaded by migrations; this adds the call, LRGs, 70 actions and more."""
    governments = _governments()
    actions = plan_actions(ctx.random, governments)
    endorsing = _data("endorsements")
    endorsement_picks = ctx.random.sample(range(len(governments)), endorsing["endorsers"])
    names = [
        (ctx.random.choice(endorsing["first_names"]), ctx.random.choice(endorsing["last_names"]))
        for _ in governments
    ]

    ensure_user(ctx, "moderator", groups=["Moderators"], last_name="Moderator")
    call = seed_call_to_action(ctx)
    by_slug = seed_governments(ctx, governments)
    library = _library(ctx.home.locale)
    if library is None:
        ctx.log("no practice library page: local actions skipped")
        return
    seed_workflow(ctx, library)
    pages = seed_local_actions(ctx, library, actions, by_slug)
    seed_endorsements(ctx, governments, by_slug, endorsement_picks, names)
    seed_pending(ctx)
    seed_translations(ctx, library, pages)
    ctx.call_to_action = call


def _library(locale):
    return page_of_type("search", "practicelibrarypage", locale)


def seed_call_to_action(ctx):
    """The campaign page under the home page, in every language of ``call.yaml``."""
    call = _data("call")
    intro = call["intro"]
    return ensure_child_page(
        ctx,
        ctx.home,
        CallToActionPage,
        slug=call["slug"],
        translations=call["translations"],
        title=call["title"],
        summary=call["summary"],
        intro="".join(f"<p>{text}</p>" for text in intro["paragraphs"])
        + "<ul>"
        + "".join(f"<li>{text}</li>" for text in intro["aims"])
        + "</ul>",
        show_in_menus=True,
        steps=[
            (
                "step",
                {
                    "verb": step["verb"],
                    "text": step["text"],
                    "target": step["target"],
                    "page": None,
                    "button_label": step["button_label"],
                },
            )
            for step in call["steps"]
        ],
        benefits_title=call["benefits_title"],
        benefits=[("benefit", benefit) for benefit in call["benefits"]],
    )


@transaction.atomic
def seed_governments(ctx, governments):
    locale = Locale.get_default()
    website = _data("governments")["website"]
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
            website=website.format(slug=row["slug"]),
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


def _case_study_text(action, number):
    """The words of an action's case study: its templates filled in."""
    text = _data("actions")["case_study"]
    values = {
        "name": action["name"],
        "government": action["government_name"],
        "government_slug": action["government"],
        "theme": action["themes"][0].replace("-", " "),
        "people": action["people"],
        "start_year": action["start_year"],
        "number": number,
    }
    body = text["body"]
    results = body["results"]["planned" if action["status"] == "planned" else "done"]
    return {
        "title": text["title"].format(**values),
        "summary": text["summary"].format(**values),
        "partners": text["partners"],
        "contact_name": text["contact_name"].format(**values),
        "contact_role": text["contact_role"],
        "contact_email": text["contact_email"].format(**values),
        "body": [
            (block, f"<p>{template.format(**values)}</p>")
            for block, template in (
                ("challenge", body["challenge"]),
                ("action", body["action"]),
                ("results", results),
                ("how_to_replicate", body["how_to_replicate"]),
            )
        ],
    }


def seed_local_actions(ctx, library, actions, governments):
    """One published case study per planned action, with spread publication dates."""
    case_study = _data("actions")["case_study"]
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
                    slug=action["slug"],
                    local_government=governments[action["government"]],
                    status=action["status"],
                    start_year=action["start_year"],
                    contact_is_public=index % case_study["private_contact_every"] != 0,
                    **_case_study_text(action, index + 1),
                )
                page.themes = [taxonomies["themes"][s] for s in action["themes"]]
                page.gcm_objectives = [taxonomies["gcm"][n] for n in action["gcm"]]
                page.gcr_areas = [taxonomies["gcr"][c] for c in action["gcr"]]
                page.sdgs = [taxonomies["sdg"][n] for n in action["sdg"]]
                page.population_groups = [taxonomies["groups"][s] for s in action["groups"]]
                publish_child(library, page)
                # Spread publication dates so "newest" means something in the demo.
                days = case_study["days_between"] * (len(actions) - index)
                when = timezone.now() - timezone.timedelta(days=days)
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
    """Approved endorsements for the first picks, pending ones for the rest."""
    data = _data("endorsements")
    titles = data["signatory_titles"]
    created = 0
    for position, i in enumerate(picks):
        row = governments[i]
        first, last = names[i]
        government = by_slug[row["slug"]]
        if Endorsement.objects.filter(local_government=government).exists():
            continue
        signatory = {
            "government_name": government.name,
            "government_kind": government.kind,
            "country": government.country,
            "local_government": government,
            "signatory_name": f"{first} {last}",
            "email": data["email"].format(
                first=slugify(first), last=slugify(last), government_slug=row["slug"]
            ),
            "consent_to_list": True,
        }
        if position < data["approved"]:
            Endorsement.objects.create(
                **signatory,
                signatory_title=titles[i % len(titles)],
                status=Endorsement.APPROVED,
                reviewed_at=timezone.now(),
            )
        else:
            Endorsement.objects.create(
                **signatory,
                signatory_title=data["pending"]["title"],
                message=data["pending"]["message"],
            )
        created += 1
    if created:
        ctx.log(f"{created} endorsements")


@transaction.atomic
def seed_pending(ctx):
    """Submissions waiting for the moderators."""
    default = settings.LANGUAGE_CODE
    data = _data("submissions")
    common = data["common"]
    created = 0
    for row in data["pending"]:
        if ActionSubmission.objects.filter(title=row["title"]).exists():
            continue
        government_slug = slugify(row["government_name"])
        submission = ActionSubmission.objects.create(
            government_name=row["government_name"],
            government_kind=LocalGovernment.CITY,
            country=row["country"],
            contact_name=common["contact_name"],
            contact_email=common["contact_email"].format(government_slug=government_slug),
            share_contact=True,
            title=row["title"],
            summary=row["summary"],
            challenge=common["challenge"],
            action=common["action"],
            results=common["results"],
            how_to_replicate=common["how_to_replicate"],
            action_status=LocalActionPage.ONGOING,
            start_year=common["start_year"],
        )
        submission.themes.set(
            Theme.objects.filter(slug=row["theme"], locale__language_code=default)
        )
        submission.gcm_objectives.set(
            GCMObjective.objects.filter(number__in=row["gcm"], locale__language_code=default)
        )
        created += 1
    if created:
        ctx.log(f"{created} submissions waiting for moderators")


def seed_translations(ctx, library, pages):
    """The first case studies in French and Spanish, as many as ``translations.yaml`` says."""
    data = _data("translations")
    for code, count in data["case_studies"].items():
        translate_missing(ctx, library.specific, {code: {}})
        for page in pages[:count]:
            government, name = page.title.split(": ", 1)
            local_name = data["names"].get(name, {}).get(code, name)
            summary = data["summaries"][code].format(name=local_name, government=government)
            translate_missing(
                ctx,
                page,
                {code: {page.title: f"{government}: {local_name}", page.summary: summary}},
            )
