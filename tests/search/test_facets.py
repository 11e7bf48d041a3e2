"""Facet correctness: every count shown is what selecting that value gives.

Checked on hand-made case studies, on the demo site and on random data, and
against a brute-force computation from the pages' own relations.
"""

import random
import re
from collections import defaultdict

import pytest

from django.utils.html import strip_tags

from pledges.models import LocalActionPage
from search.engines.database import DatabaseEngine
from search.facets import FACET_NAMES
from search.forms import PracticeFilter
from search.services import search_practices


def counts_of(result):
    return {facet.name: {v.value: v.count for v in facet.values} for facet in result.facets}


def run(language="en", q="", **selected):
    return search_practices(PracticeFilter.build(language, q=q, selected=selected))


def assert_facets_consistent(language, q="", selected=None):
    """The four properties of disjunctive facets, for one filter."""
    selected = selected or {}
    before = run(language, q, **selected)
    before_counts = counts_of(before)
    for facet in before.facets:
        for value in facet.values:
            # Selecting exactly this value in its facet gives the count shown.
            narrowed = {**selected, facet.name: [value.value]}
            after = run(language, q, **narrowed)
            assert after.count == value.count, (facet.name, value.value)
            after_counts = counts_of(after)
            if selected.get(facet.name):
                continue  # swapping one selection for another is not a narrowing
            # The facet's own counts do not change (the others stay selectable).
            assert after_counts[facet.name] == before_counts[facet.name], facet.name
            # Other facets are narrowed, never widened.
            for other in FACET_NAMES:
                if other == facet.name:
                    continue
                for other_value, count in after_counts[other].items():
                    assert count <= before_counts[other].get(other_value, 0), (other, other_value)
    return before


@pytest.mark.django_db
def test_counts_on_hand_made_practices(practices):
    result = run()
    counts = counts_of(result)
    assert result.count == 6
    assert counts["theme"] == {
        "access-to-services": 2,
        "inclusive-governance": 2,
        "employment-entrepreneurship": 2,
        "children-youth": 1,
    }
    assert counts["country"] == {"MA": 2, "FR": 2, "ES": 2}
    assert counts["region"] == {"africa": 2, "europe": 4}
    assert counts["gcm"]["16"] == 5
    assert counts["lrg_type"] == {"city": 4, "region": 2}
    assert counts["status"] == {"ongoing": 3, "completed": 2, "planned": 1}
    assert counts["year"]["2023"] == 1
    assert_facets_consistent("en")


@pytest.mark.django_db
def test_values_of_one_facet_are_or_ed_and_facets_and_ed(practices):
    both = run(theme=["employment-entrepreneurship", "children-youth"])
    assert both.count == 3
    narrowed = run(theme=["employment-entrepreneurship", "children-youth"], country=["MA"])
    assert [hit.title for hit in narrowed.results] == ["Job mentoring for refugees"]
    # With a theme selected, the theme facet still counts every theme (disjunctive);
    # a selected value stays listed, even at 0, so it can be unticked.
    counts = counts_of(narrowed)
    assert counts["theme"] == {
        "employment-entrepreneurship": 1,
        "access-to-services": 1,
        "children-youth": 0,
    }
    # ... while the country facet counts within the selected themes.
    assert counts_of(both)["country"] == {"MA": 1, "FR": 1, "ES": 1}


@pytest.mark.django_db
def test_query_narrows_every_count(practices):
    everything = counts_of(run())
    words = run(q="employers mentors")
    assert [hit.title for hit in words.results] == ["Job mentoring for refugees"]
    for facet, values in counts_of(words).items():
        for value, count in values.items():
            assert count <= everything[facet][value]
    assert_facets_consistent("en", q="migrants")


@pytest.mark.django_db
def test_full_text_covers_title_summary_body_government_and_country(practices):
    assert run(q="football").count == 1  # title
    assert run(q="teenagers").count == 1  # body
    assert run(q="catalonia").count == 2  # government's name
    assert run(q="morocco").count == 2  # country name
    assert run(q="maroc").count == 0  # not in English


def shown_pages(language):
    """(page shown, original) of every live practice in a language's library, from the pages.

    The rule, independently of the index: the practice's page in that language
    if it has one (not an alias), else its original (the English page, else the
    first created).
    """
    pages = (
        LocalActionPage.objects.live()
        .filter(alias_of__isnull=True)
        .select_related("local_government", "locale")
        .prefetch_related(
            "themes",
            "gcm_objectives",
            "gcm_principles",
            "gcr_areas",
            "gcr_objectives",
            "sdgs",
            "population_groups",
        )
    )
    groups = defaultdict(list)
    for page in pages:
        groups[page.translation_key].append(page)
    shown = []
    for members in groups.values():
        original = min(members, key=lambda page: (page.locale.language_code != "en", page.pk))
        translated = [page for page in members if page.locale.language_code == language]
        shown.append((translated[0] if translated else original, original))
    return shown


def _words(page):
    text = " ".join([page.title, strip_tags(" ".join(str(block.value) for block in page.body))])
    return set(re.findall(r"\w+", text.lower()))


def brute_force(language, selected, word=None):
    """Expected total and disjunctive counts computed from the pages' relations."""
    rows = []
    for page, original in shown_pages(language):
        if word and word not in _words(page) | _words(original):
            continue
        government = page.local_government
        rows.append(
            {
                "theme": {t.slug for t in page.themes.all()},
                "gcm": {str(o.number) for o in page.gcm_objectives.all()},
                "principle": {p.code for p in page.gcm_principles.all()},
                "gcr": {a.code for a in page.gcr_areas.all()},
                "gcr_objective": {str(o.number) for o in page.gcr_objectives.all()},
                "sdg": {str(g.number) for g in page.sdgs.all()},
                "group": {g.slug for g in page.population_groups.all()},
                "region": {government.region},
                "country": {government.country},
                "lrg_type": {government.kind},
                "status": {page.status},
                "year": {str(page.start_year)},
            }
        )

    def passes(row, skip=None):
        return all(row[facet] & set(values) for facet, values in selected.items() if facet != skip)

    total = sum(1 for row in rows if passes(row))
    counts = {}
    for facet in FACET_NAMES:
        counts[facet] = {}
        for row in rows:
            if passes(row, skip=facet):
                for value in row[facet]:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return total, counts


def random_selection(rng, counts):
    selected = {}
    for facet in rng.sample(FACET_NAMES, rng.randint(0, 4)):
        values = sorted(counts[facet])
        if values:
            selected[facet] = rng.sample(values, min(len(values), rng.randint(1, 3)))
    return selected


def check_against_brute_force(language, rng, words, rounds=25):
    engine = DatabaseEngine()
    _total, everything = brute_force(language, {})
    for _ in range(rounds):
        selected = random_selection(rng, everything)
        word = rng.choice([None, None, *words])
        expected_total, expected = brute_force(language, selected, word)
        filters = PracticeFilter.build(language, q=word or "", selected=selected)
        result = search_practices(filters, per_page=50)
        assert result.count == expected_total, selected
        shown = {f.name: {v.value: v.count for v in f.values if v.count} for f in result.facets}
        for facet in FACET_NAMES:
            assert shown[facet] == expected[facet], (facet, selected, word)
        # The SQL reference (one GROUP BY per facet) agrees with the bitsets.
        assert engine.counts_sql(filters) == (expected_total, expected)
        # And the hits are exactly the results, page by page.
        seen = []
        for page in range(1, result.pages + 1):
            found = search_practices(
                PracticeFilter.build(language, q=word or "", selected=selected, page=page),
                per_page=50,
            )
            seen += [hit.page_id for hit in found.results]
        assert len(seen) == len(set(seen)) == expected_total


@pytest.mark.django_db
def test_random_filters_match_brute_force_and_sql(random_practices):
    check_against_brute_force("en", random.Random(11), ["microcredit", "neighbourhood"])


@pytest.mark.django_db
def test_every_language_matches_brute_force_on_practices_in_four_languages(
    multilingual_practices,
):
    """Originals and translations in four languages: each library counts every practice once."""
    totals = set()
    for number, (language, marker) in enumerate(
        [("en", "neighbourhood"), ("fr", "quartier"), ("es", "barrio"), ("ar", "الحي")]
    ):
        words = ["microcredit", "neighbourhood", marker]
        check_against_brute_force(language, random.Random(number), words, rounds=10)
        totals.add(run(language).count)
    assert totals == {len(shown_pages("en"))}
    assert run("fr").count < len(multilingual_practices)  # translations are not extra practices


@pytest.mark.django_db
def test_random_data_facets_are_consistent(random_practices):
    rng = random.Random(3)
    _total, everything = brute_force("en", {})
    assert_facets_consistent("en", selected=random_selection(rng, everything))
    assert_facets_consistent("en", q="microcredit")


@pytest.mark.django_db
def test_demo_site_facets_are_consistent(demo_site):
    result = assert_facets_consistent("en")
    # The 2022 report's 70 actions, and the demo's practices written in other languages.
    practices = len(shown_pages("en"))
    assert result.count == practices >= 70
    assert_facets_consistent("en", selected={"region": ["africa"], "theme": ["climate"]})
    assert_facets_consistent("en", q="refugees")
    french = run("fr")
    # Every practice in every language (DESIGN.md, "Languages"), facets still consistent.
    for language in ("fr", "es", "ar"):
        assert run(language).count == practices, language
    assert_facets_consistent("ar", selected={"region": ["africa"]})
    assert_facets_consistent("fr", q="refugees")
    # Labels in the page's language, keys shared across languages.
    theme_labels = {v.value: v.label for f in french.facets if f.name == "theme" for v in f.values}
    english_labels = {
        v.value: v.label for f in result.facets if f.name == "theme" for v in f.values
    }
    assert set(theme_labels) <= set(english_labels)
    assert any(theme_labels[key] != english_labels[key] for key in theme_labels)


@pytest.mark.django_db
def test_sorting(practices):
    years = [hit.year for hit in run().results]
    assert years == sorted(years, reverse=True)
    titles = [
        hit.title for hit in search_practices(PracticeFilter.build("en", sort="title")).results
    ]
    assert titles == sorted(titles, key=str.casefold)
    relevant = run(q="migrants")
    # Title matches rank above body-only matches.
    assert relevant.results[0].title in {"Startup grants for migrants", "Migrant council"}
