"""The campaign demo's data files, checked without a database: the plan they make is sound."""

import json
import random
import re
from collections import Counter

import pytest

from hub.seeding import load
from pledges import demo
from pledges.demo.illustrations import MOTIFS, render

LANGUAGES = ("fr", "es")


@pytest.fixture(scope="module")
def governments():
    return demo._governments()


@pytest.fixture(scope="module")
def actions(governments):
    return demo.plan_actions(random.Random(2022), governments)


def test_the_plan_has_the_report_figures(governments, actions):
    assert len(actions) == 70
    per_government = Counter(action["government"] for action in actions)
    assert len(per_government) == len(governments) == 47
    assert set(per_government.values()) == {1, 2}
    assert len({g["country"] for g in governments}) == 33
    themes = Counter(slug for action in actions for slug in action["themes"])
    assert dict(themes) == demo._report_counts()
    assert all(action["gcm"] and action["sdg"] and action["gcr"] for action in actions)


def test_the_plan_is_reproducible(governments, actions):
    again = demo.plan_actions(random.Random(2022), governments)
    assert again == actions
    assert sorted(action["published"] for action in actions) == list(range(1, 71))


def test_every_case_study_tells_its_own_story(actions):
    slugs = [action["slug"] for action in actions]
    assert len(set(slugs)) == len(slugs)
    assert all(len(slug) <= 80 and not slug.endswith("-") for slug in slugs)
    for field in ("summary", "partners"):
        texts = [action[field] for action in actions]
        assert len(set(texts)) == len(texts), field
    for part in demo.STORY:
        texts = [action["story"][part] for action in actions]
        assert len(set(texts)) == len(texts), part
    for action in actions:
        words = [action["summary"], *action["story"].values(), action["how_to_replicate"]]
        assert not any(re.search(r"[{}]", text) for text in words), action["slug"]
        assert len(action["summary"]) <= 500


def test_contacts_have_names_from_their_region(governments, actions):
    pools = load("pledges", "people")["pools"]
    by_slug = {government["slug"]: government for government in governments}
    for action in actions:
        pool = pools[by_slug[action["government"]]["names"]]
        first = next(name for name in pool["first"] if action["contact_name"].startswith(name))
        assert action["contact_name"].removeprefix(first + " ") in pool["last"]


def test_translated_case_studies_are_complete(actions):
    practices = load("pledges", "practices")["practices"]
    illustrations = load("pledges", "illustrations")
    translated = Counter(code for action in actions for code in action["translations"])
    assert translated["fr"] >= 5
    assert translated["es"] >= 1
    assert translated["ar"] >= 3  # by the Arabic-speaking LRGs: Marrakech, Rabat, Amman, Tyre
    for action in actions:
        for code, words in action["translations"].items():
            assert set(demo.STORY) | {"summary", "partners"} <= set(words), action["slug"]
            practice = practices[action["practice"]]["translations"][code]
            assert {"name", "how_to_replicate", "contact_role"} <= set(practice), action["slug"]
            assert illustrations[action["illustration"]]["translations"][code]
    for practice in practices.values():
        assert all(practice["translations"][code]["name"] for code in LANGUAGES)


def test_illustrations_are_drawn_for_every_practice(actions):
    illustrations = load("pledges", "illustrations")
    assert {action["illustration"] for action in actions} <= set(illustrations)
    titles = [spec["title"] for spec in illustrations.values()]
    assert len(set(titles)) == len(titles)
    for spec in illustrations.values():
        assert spec["motif"] in MOTIFS
        assert len(spec["alt"]) > 40
    png = render("doorway", illustrations["doorway"]["colours"])
    assert png.startswith(b"\x89PNG")
    assert png == render("doorway", illustrations["doorway"]["colours"])


@pytest.fixture(scope="module")
def originals():
    return demo.plan_originals()


def test_originals_are_written_in_french_spanish_and_arabic(governments, actions, originals):
    """On top of the report's 70 English actions: a few written in another language."""
    languages = Counter(original["language"] for original in originals)
    assert set(languages) == {"fr", "es", "ar"}
    assert all(count >= 2 for count in languages.values())
    # Some are also published in English: "an original translated into English".
    assert {o["language"] for o in originals if "en" in o["translations"]} >= {"fr", "ar"}
    slugs = [original["slug"] for original in originals]
    assert len(set(slugs)) == len(slugs)
    assert not set(slugs) & {action["slug"] for action in actions}
    assert all(re.fullmatch(r"[a-z0-9-]{1,80}", slug) for slug in slugs)
    # By LRGs of the demo, so the report's 47 LRGs in 33 countries stay true.
    assert {o["government"] for o in originals} <= {g["slug"] for g in governments}


def test_originals_are_classified_and_complete(originals):
    taxonomies = json.loads(demo.TAXONOMIES.read_text(encoding="utf-8"))
    known = {
        "themes": {t["slug"] for t in taxonomies["themes"]},
        "groups": {g["slug"] for g in taxonomies["population_groups"]},
        "gcm": {o["number"] for o in taxonomies["gcm_objectives"]},
        "sdg": {s["number"] for s in taxonomies["sdgs"]},
        "gcr": {a["code"] for a in taxonomies["gcr_areas"]},
    }
    illustrations = load("pledges", "illustrations")
    for original in originals:
        for field, values in known.items():
            assert original[field] and set(original[field]) <= values, (original["slug"], field)
        # The picture is described in the page's language.
        assert illustrations[original["illustration"]]["translations"][original["language"]]
        words = [original["summary"], *original["story"].values(), original["how_to_replicate"]]
        assert not any(re.search(r"[{}]", text) for text in words), original["slug"]
        assert len(original["summary"]) <= 500
        assert original["contact_name"] and original["contact_role"]
        for words in original["translations"].values():
            expected = {"name", "summary", "partners", "how_to_replicate", "contact_role"}
            assert expected | set(demo.STORY) <= set(words), original["slug"]
            if original["quote"]:
                assert words["quote"] and words["attribution"]


def test_originals_are_in_their_own_language(originals):
    arabic = re.compile(r"[\u0600-\u06ff]")
    for original in originals:
        in_arabic = bool(arabic.search(original["title"] + original["summary"]))
        assert in_arabic == (original["language"] == "ar"), original["slug"]
        for words in original["translations"].values():
            assert not arabic.search(words["summary"])
