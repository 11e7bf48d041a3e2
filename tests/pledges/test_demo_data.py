"""The campaign demo's data files, checked without a database: the plan they make is sound."""

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
