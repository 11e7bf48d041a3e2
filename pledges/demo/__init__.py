"""Demo content for the campaign, reproducible from ``ctx.random`` and idempotent.

The words and records live in the YAML files beside this module:
``governments.yaml`` (the 47 LRGs), ``practices.yaml`` (the kinds of local
action: name, themes, advice on replication, translations), ``actions.yaml``
(the 70 case studies: who did what, for whom, with whom, with what result),
``originals.yaml`` (a few case studies written in French, Spanish or Arabic,
some also published in English), ``illustrations.yaml`` (pictures drawn by
``illustrations.py``), ``people.yaml``
(names of contacts and signatories), ``call.yaml`` (the campaign page),
``endorsements.yaml`` and ``submissions.yaml``.

The figures match the 2022 report *Localizing the Global Compacts*: 70 local
actions by 47 local and regional governments in 33 countries, with theme
counts 40 / 37 / 29 / 24 / 19 / 16 (an action may have several themes). The
originals come on top of them, so that the library shows every combination:
English only, English translated into French, Spanish or Arabic, written in
French, Spanish or Arabic, and written in one of them then translated into English.
Every random choice is drawn before anything is looked up in the database, so
a second run draws the same plan and only creates what is missing.
"""

import json
from collections import Counter
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Workflow, WorkflowPage

from hub.demo import ensure_user
from hub.seeding import ensure_child_page, load, page_of_type, publish_child, translate_missing
from pledges.demo.illustrations import render
from pledges.models import (
    SDG,
    ActionSubmission,
    CallToActionPage,
    Endorsement,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    Theme,
)

TAXONOMIES = Path(__file__).resolve().parent.parent / "data" / "taxonomies.json"
STORY = ("challenge", "action", "results")


def _data(name):
    return load("pledges", name)


def _governments():
    """The LRGs of ``governments.yaml`` with their slug and the name pool of their people."""
    by_country = {
        country: pool
        for pool, spec in _data("people")["pools"].items()
        for country in spec["countries"]
    }
    return [
        {
            "name": row["name"],
            "kind": row["kind"],
            "country": row["country"],
            "population": row.get("population"),
            "slug": slugify(row["name"]),
            "names": row.get("names") or by_country[row["country"]],
        }
        for row in _data("governments")["governments"]
    ]


def _report_counts():
    """Actions per theme in the 2022 report, in the taxonomy's order."""
    themes = json.loads(TAXONOMIES.read_text(encoding="utf-8"))["themes"]
    return {theme["slug"]: theme["report_2022_count"] for theme in themes}


def _draw_name(rng, government):
    pool = _data("people")["pools"][government["names"]]
    return rng.choice(pool["first"]), rng.choice(pool["last"])


def plan_actions(rng, governments):
    """The case studies of ``actions.yaml``, classified and with a contact. Pure, no database.

    Draws, in the order of the file: two GCM objectives, two SDGs and one GCR
    area for each of an action's themes, then its contact's name; finally the
    order in which the actions were published.
    """
    practices = _data("practices")
    pools = practices["classification"]
    by_name = {government["name"]: government for government in governments}
    contacts = _data("people")["contacts"]
    actions = []
    for number, record in enumerate(_data("actions"), start=1):
        government = by_name[record["government"]]
        practice = practices["practices"][record["practice"]]
        themes = [*practice["themes"], *record.get("also", [])]
        gcm, sdg, gcr = set(), set(), set()
        for slug in themes:
            gcm.update(rng.sample(pools[slug]["gcm"], 2))
            sdg.update(rng.sample(pools[slug]["sdg"], 2))
            gcr.add(rng.choice(pools[slug]["gcr"]))
        first, last = _draw_name(rng, government)
        values = {"government": government["name"], "since": record["since"]}
        actions.append(
            {
                "government": government["slug"],
                "government_name": government["name"],
                "practice": record["practice"],
                "name": practice["name"],
                "slug": _slug(f"{government['slug']}-{practice['name']}"),
                "themes": themes,
                "gcm": sorted(gcm),
                "sdg": sorted(sdg),
                "gcr": sorted(gcr),
                "groups": practice["groups"],
                "status": record["status"],
                "start_year": record["since"],
                "partners": record["partners"],
                "summary": record["summary"].format(**values),
                "story": {part: record[part].format(**values) for part in STORY},
                "how_to_replicate": practice["how_to_replicate"].format(**values),
                "quote": record.get("quote"),
                "illustration": practice["illustration"],
                "contact_name": f"{first} {last}",
                "contact_role": practice["contact_role"],
                "contact_email": contacts["email"].format(
                    first=slugify(first), last=slugify(last), government_slug=government["slug"]
                ),
                "contact_is_public": number % contacts["private_every"] != 1,
                "translations": {
                    code: _translated(fields, government["name"], record["since"])
                    for code, fields in record.get("translations", {}).items()
                },
            }
        )
    _check_theme_counts(actions)
    # Publication order: the newest practices are not all from the same LRG.
    for published, action in enumerate(rng.sample(actions, len(actions)), start=1):
        action["published"] = published
    return actions


def _translated(fields, government, since):
    """An action's words in one language, with the LRG's name in that language if given."""
    values = {"government": fields.get("government", government), "since": since}
    return {field: text.format(**values) for field, text in fields.items()} | values


def _slug(text, length=80):
    """A slug of at most ``length`` characters, cut between words."""
    slug = slugify(text)
    return slug if len(slug) <= length else slug[: length + 1].rsplit("-", 1)[0]


def _check_theme_counts(actions):
    counts = Counter(slug for action in actions for slug in action["themes"])
    expected = _report_counts()
    if dict(counts) != expected:
        wrong = {slug: (counts[slug], n) for slug, n in expected.items() if counts[slug] != n}
        raise ValueError(f"actions.yaml: themes (found, expected) differ from the report: {wrong}")


def seed(ctx):
    """Taxonomies are loaded by migrations; this adds the call, LRGs, 70 actions and more."""
    governments = _governments()
    actions = plan_actions(ctx.random, governments)
    endorsement_picks = ctx.random.sample(
        range(len(governments)), _data("endorsements")["endorsers"]
    )
    names = [_draw_name(ctx.random, government) for government in governments]

    ensure_user(ctx, "moderator", groups=["Moderators"], last_name="Moderator")
    # Nobody approves a case study they submitted: a second moderator approves.
    ensure_user(ctx, "moderator2", groups=["Moderators"], last_name="Second moderator")
    call = seed_call_to_action(ctx)
    by_slug = seed_governments(ctx, governments)
    library = _library(ctx.home.locale)
    if library is None:
        ctx.log("no practice library page: local actions skipped")
        return
    seed_workflow(ctx, library)
    illustrations = seed_illustrations(ctx)
    pages = seed_local_actions(ctx, library, actions, by_slug, illustrations)
    seed_endorsements(ctx, governments, by_slug, endorsement_picks, names)
    seed_pending(ctx)
    seed_translations(ctx, library, actions, pages)
    seed_originals(ctx, library, plan_originals(), by_slug, illustrations)
    seed_open_data(ctx)
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


def seed_illustrations(ctx):
    """The images of ``illustrations.yaml`` by key, drawn only when no image has the title."""
    image_model = get_image_model()
    images = {}
    for key, spec in _data("illustrations").items():
        image = image_model.objects.filter(title=spec["title"]).first()
        if image is None:
            drawing = BytesIO(render(spec["motif"], spec["colours"]))
            png = ImageFile(drawing, name=f"demo-{key}.png")
            image = image_model(title=spec["title"], description=spec["alt"], file=png)
            image.save()
            ctx.log(f"image: {spec['title']}")
        images[key] = image
    return images


def _taxonomy_maps():
    default = settings.LANGUAGE_CODE
    return {
        "themes": {t.slug: t for t in Theme.objects.filter(locale__language_code=default)},
        "gcm": {o.number: o for o in GCMObjective.objects.filter(locale__language_code=default)},
        "gcr": {a.code: a for a in GCRArea.objects.filter(locale__language_code=default)},
        "principles": {
            p.code: p for p in GCMPrinciple.objects.filter(locale__language_code=default)
        },
        "gcr_objectives": {
            o.number: o for o in GCRObjective.objects.filter(locale__language_code=default)
        },
        "sdg": {s.number: s for s in SDG.objects.filter(locale__language_code=default)},
        "groups": {
            g.slug: g for g in PopulationGroup.objects.filter(locale__language_code=default)
        },
    }


def demo_classification(record):
    """(guiding principles, primary GCM objectives, GCR objectives) of a demo practice.

    Derived from its themes, the people it serves and its GCM objectives by the
    rules in ``open_data.yaml``: plausible, reproducible, no random draw.
    """
    rules = _data("open_data")
    principles = set(rules["principles"]["always"])
    for theme in record["themes"]:
        principles.update(rules["principles"]["themes"].get(theme, []))
    for group in record["groups"]:
        principles.update(rules["principles"]["groups"].get(group, []))
    gcr = set()
    for group in record["groups"]:
        gcr.update(rules["gcr_objectives"]["groups"].get(group, []))
    if gcr & {1}:
        for theme in record["themes"]:
            gcr.update(rules["gcr_objectives"]["themes_when_refugees"].get(theme, []))
    primary = list(record["gcm"])[: rules["primary_objectives"]]
    return sorted(principles), primary, sorted(gcr)


def classify(page, record, taxonomies):
    """Give a new demo case study its principles, primary GCM objectives and GCR objectives."""
    principles, primary, gcr = demo_classification(record)
    page.gcm_principles = [taxonomies["principles"][code] for code in principles]
    page.gcm_objectives_primary = [taxonomies["gcm"][number] for number in primary]
    page.gcr_objectives = [taxonomies["gcr_objectives"][number] for number in gcr]


def seed_open_data(ctx):
    """The open-data page (/en/open-data/) under the home page, in every language."""
    from pledges.models import OpenDataPage

    data = _data("open_data")
    translations = {
        code: {**strings, data["introduction"]: data["introduction_translations"][code]}
        for code, strings in data["translations"].items()
    }
    return ensure_child_page(
        ctx,
        ctx.home,
        OpenDataPage,
        slug=data["slug"],
        translations=translations,
        title=data["title"],
        summary=data["summary"],
        introduction=[("paragraph", f"<p>{data['introduction']}</p>")],
        show_in_menus=False,
    )


def _title(code, government, name):
    return _data("practices")["titles"][code].format(government=government, name=name)


def _body(action, image, alt=None):
    """The story: the practice's picture, challenge, action, results, a quote, advice."""
    alt = alt or _data("illustrations")[action["illustration"]]["alt"]
    blocks = [("image", {"image": image, "alt_text": alt, "caption": ""})]
    blocks += [(part, f"<p>{action['story'][part]}</p>") for part in STORY]
    if action["quote"]:
        quote = action["quote"]
        blocks.append(("quote", {"quote": quote["text"], "attribution": quote["attribution"]}))
    blocks.append(("how_to_replicate", f"<p>{action['how_to_replicate']}</p>"))
    return blocks


def seed_local_actions(ctx, library, actions, governments, illustrations):
    """One published case study per action, publication dates spread over the past months."""
    existing = {
        p.slug: p for p in LocalActionPage.objects.child_of(library).filter(locale=library.locale)
    }
    taxonomies = _taxonomy_maps()
    pages = []
    created = 0
    for action in actions:
        page = existing.get(action["slug"])
        if page is None:
            image = illustrations[action["illustration"]]
            with transaction.atomic():
                page = LocalActionPage(
                    title=_title("en", action["government_name"], action["name"]),
                    slug=action["slug"],
                    summary=action["summary"],
                    listing_image=image,
                    local_government=governments[action["government"]],
                    status=action["status"],
                    start_year=action["start_year"],
                    partners=action["partners"],
                    body=_body(action, image),
                    contact_name=action["contact_name"],
                    contact_role=action["contact_role"],
                    contact_email=action["contact_email"],
                    contact_is_public=action["contact_is_public"],
                )
                page.themes = [taxonomies["themes"][s] for s in action["themes"]]
                page.gcm_objectives = [taxonomies["gcm"][n] for n in action["gcm"]]
                page.gcr_areas = [taxonomies["gcr"][c] for c in action["gcr"]]
                classify(page, action, taxonomies)
                page.sdgs = [taxonomies["sdg"][n] for n in action["sdg"]]
                page.population_groups = [taxonomies["groups"][s] for s in action["groups"]]
                publish_child(library, page)
                # Three days apart, the last one published today.
                days = 3 * (len(actions) - action["published"])
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
            "email_confirmed_at": timezone.now(),
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
    created = 0
    for row in _data("submissions")["pending"]:
        if ActionSubmission.objects.filter(title=row["title"]).exists():
            continue
        submission = ActionSubmission.objects.create(
            government_name=row["government_name"],
            government_kind=LocalGovernment.CITY,
            country=row["country"],
            contact_name=row["contact_name"],
            contact_email=f"contact@{slugify(row['government_name'])}.example.org",
            share_contact=True,
            email_confirmed_at=timezone.now(),
            action_status=LocalActionPage.ONGOING,
            **{
                field: row[field]
                for field in (
                    "title",
                    "summary",
                    "challenge",
                    "action",
                    "results",
                    "how_to_replicate",
                    "start_year",
                )
            },
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


def seed_translations(ctx, library, actions, pages):
    """The case studies ``actions.yaml`` translates, with the library page in their languages."""
    practices = _data("practices")["practices"]
    illustrations = _data("illustrations")
    for action, page in zip(actions, pages, strict=True):
        for code, words in action["translations"].items():
            translate_missing(ctx, library.specific, {code: {}})
            practice = {
                field: text.format(government=words["government"], since=words["since"])
                for field, text in practices[action["practice"]]["translations"][code].items()
            }
            alt = illustrations[action["illustration"]]
            quote = action["quote"] or {}
            strings = {
                page.title: _title(code, words["government"], practice["name"]),
                alt["alt"]: alt["translations"][code],
                action["summary"]: words["summary"],
                action["partners"]: words.get("partners"),
                action["how_to_replicate"]: practice.get("how_to_replicate"),
                action["contact_role"]: practice.get("contact_role"),
                quote.get("text"): words.get("quote"),
                **{action["story"][part]: words[part] for part in STORY},
            }
            translate_missing(
                ctx, page, {code: {source: text for source, text in strings.items() if text}}
            )


def plan_originals():
    """The case studies of ``originals.yaml`` with their words filled in. Pure, no database.

    Nothing is drawn: an original's classification and contact are in its record.
    """
    originals = []
    for record in _data("originals"):
        government = record.get("government_name", record["government"])
        values = {"government": government, "since": record["since"]}
        words = {
            field: record[field].format(**values)
            for field in ("name", "partners", "summary", *STORY, "how_to_replicate")
        }
        quote = record.get("quote")
        originals.append(
            {
                **{key: record[key] for key in ("language", "slug", "illustration", "status")},
                **{key: record[key] for key in ("themes", "groups", "gcm", "sdg", "gcr")},
                "government": slugify(record["government"]),
                "title": _title(record["language"], government, words["name"]),
                "start_year": record["since"],
                "summary": words["summary"],
                "partners": words["partners"],
                "story": {part: words[part] for part in STORY},
                "how_to_replicate": words["how_to_replicate"],
                "quote": quote and {"text": quote["text"], "attribution": quote["attribution"]},
                "contact_name": record["contact"]["name"],
                "contact_role": record["contact"]["role"],
                "translations": {
                    code: _translated(fields, record["government"], record["since"])
                    for code, fields in record.get("translations", {}).items()
                },
            }
        )
    return originals


def seed_originals(ctx, library, originals, governments, illustrations):
    """The originals, each in its language's library, then in English where they have it.

    The library's translation into the original's language is created if
    missing. Published a week apart, the newest five days ago, so they are
    among the recent practices without hiding the English ones.
    """
    alts = _data("illustrations")
    taxonomies = _taxonomy_maps()
    created = 0
    for position, original in enumerate(originals):
        code = original["language"]
        translate_missing(ctx, library.specific, {code: {}})
        parent = library.get_translation(Locale.objects.get(language_code=code))
        page = LocalActionPage.objects.child_of(parent).filter(slug=original["slug"]).first()
        image = illustrations[original["illustration"]]
        alt = alts[original["illustration"]]["translations"][code]
        if page is None:
            with transaction.atomic():
                page = LocalActionPage(
                    locale=parent.locale,
                    title=original["title"],
                    slug=original["slug"],
                    summary=original["summary"],
                    listing_image=image,
                    local_government=governments[original["government"]],
                    status=original["status"],
                    start_year=original["start_year"],
                    partners=original["partners"],
                    body=_body(original, image, alt),
                    contact_name=original["contact_name"],
                    contact_role=original["contact_role"],
                    contact_email=_original_email(original),
                    contact_is_public=True,
                )
                page.themes = [taxonomies["themes"][s] for s in original["themes"]]
                page.gcm_objectives = [taxonomies["gcm"][n] for n in original["gcm"]]
                page.gcr_areas = [taxonomies["gcr"][c] for c in original["gcr"]]
                classify(page, original, taxonomies)
                page.sdgs = [taxonomies["sdg"][n] for n in original["sdg"]]
                page.population_groups = [taxonomies["groups"][s] for s in original["groups"]]
                publish_child(parent, page)
                when = timezone.now() - timezone.timedelta(days=5 + 7 * position)
                LocalActionPage.objects.filter(pk=page.pk).update(
                    first_published_at=when, last_published_at=when
                )
            created += 1
        for target, words in original["translations"].items():
            quote = original["quote"] or {}
            strings = {
                page.title: _title(target, words["government"], words["name"]),
                alt: alts[original["illustration"]]["alt"] if target == "en" else None,
                original["summary"]: words["summary"],
                original["partners"]: words["partners"],
                original["how_to_replicate"]: words["how_to_replicate"],
                original["contact_role"]: words["contact_role"],
                quote.get("text"): words.get("quote"),
                quote.get("attribution"): words.get("attribution"),
                **{original["story"][part]: words[part] for part in STORY},
            }
            translate_missing(
                ctx, page, {target: {source: text for source, text in strings.items() if text}}
            )
    if created:
        ctx.log(f"{created} local actions written in French, Spanish or Arabic")


def _original_email(original):
    """The contact's address: the LRG's demo domain, the office rather than the person."""
    return f"practices@{original['government']}.example.org"
