"""Factories for the campaign's models (taxonomies come from the data migrations)."""

import factory
import wagtail_factories

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from pledges.models import (
    ActionSubmission,
    CallToActionPage,
    Endorsement,
    LocalActionPage,
    LocalGovernment,
    Theme,
)


def english(model, **lookup):
    return model.objects.get(locale__language_code=settings.LANGUAGE_CODE, **lookup)


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test City {n}")
    slug = factory.Sequence(lambda n: f"test-city-{n}")
    kind = LocalGovernment.CITY
    country = "MA"
    population = 100_000
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = LocalGovernment


class CallToActionPageFactory(wagtail_factories.PageFactory):
    title = "A Call to Local Action for Migrants and Refugees"
    slug = "call-to-local-action"
    summary = "Endorse, submit, engage."
    intro = "<p>Local and regional governments are at the heart of migration governance.</p>"
    benefits_title = "Through the Call to Local Action, your government can"
    steps = factory.LazyFunction(
        lambda: [
            (
                "step",
                {
                    "verb": "Endorse",
                    "text": "the Marrakech Mayors Declaration",
                    "target": "endorse",
                    "page": None,
                    "button_label": "Endorse the Declaration",
                },
            ),
            (
                "step",
                {
                    "verb": "Submit",
                    "text": "your action",
                    "target": "submit",
                    "page": None,
                    "button_label": "Submit your action",
                },
            ),
            (
                "step",
                {
                    "verb": "Engage",
                    "text": "through peer learning",
                    "target": "engage",
                    "page": None,
                    "button_label": "",
                },
            ),
        ]
    )
    benefits = factory.LazyFunction(
        lambda: [
            ("benefit", {"title": title, "text": f"{title} text."})
            for title in (
                "Get recognition",
                "Gain knowledge",
                "Gain access and visibility",
                "Influence others",
            )
        ]
    )

    class Meta:
        model = CallToActionPage


class LocalActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Local action {n}")
    slug = factory.Sequence(lambda n: f"local-action-{n}")
    summary = "A local action for migrants and refugees."
    local_government = factory.SubFactory(LocalGovernmentFactory)
    status = LocalActionPage.ONGOING
    start_year = 2020
    body = factory.LazyFunction(
        lambda: [
            ("challenge", "<p>Newcomers could not find services.</p>"),
            ("action", "<p>A welcome desk opened.</p>"),
            ("results", "<p>2,000 people helped.</p>"),
            ("how_to_replicate", "<p>Start with one district.</p>"),
        ]
    )
    contact_name = "Amina Benali"
    contact_email = "amina@example.org"
    contact_is_public = True

    class Meta:
        model = LocalActionPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()


class EndorsementFactory(factory.django.DjangoModelFactory):
    government_name = factory.Sequence(lambda n: f"Endorsing City {n}")
    government_kind = LocalGovernment.CITY
    country = "FR"
    signatory_name = "Lena Schmidt"
    signatory_title = "Mayor"
    email = factory.Sequence(lambda n: f"mayor{n}@example.org")
    consent_to_list = True
    status = Endorsement.APPROVED
    reviewed_at = factory.LazyFunction(timezone.now)
    email_confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Endorsement


class ActionSubmissionFactory(factory.django.DjangoModelFactory):
    government_name = "Lisbon"
    country = "PT"
    contact_name = "Sofía García"
    contact_email = "sofia@example.org"
    share_contact = True
    title = factory.Sequence(lambda n: f"Submitted action {n}")
    summary = "Residents welcome newcomers."
    challenge = "Newcomers were alone."
    action = "Volunteers welcomed them."
    results = "Hundreds welcomed."
    how_to_replicate = "Recruit volunteers."
    start_year = 2021
    email_confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ActionSubmission
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        self.themes.set(extracted or [english(Theme, slug="access-to-services")])


def bulk_local_actions(library, count, *, government, themes=(), start=0):
    """Publish ``count`` case studies under ``library`` in a few queries (for query-count tests).

    Pages are inserted straight into the tree (paths computed here), without
    revisions or search indexing: what the page views read, nothing more.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(LocalActionPage)
    first_step = library.numchild + 1 + start
    now = timezone.now()
    pages = []
    for i in range(count):
        slug = f"bulk-action-{start + i}"
        pages.append(
            LocalActionPage(
                title=f"Bulk action {start + i}",
                draft_title=f"Bulk action {start + i}",
                slug=slug,
                summary="A local action created in bulk.",
                content_type=content_type,
                path=Page._get_path(library.path, library.depth + 1, first_step + i),
                depth=library.depth + 1,
                url_path=f"{library.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=library.locale_id,
                translation_key=uuid.uuid4(),
                local_government=government,
                status=LocalActionPage.ONGOING,
                start_year=2019,
                body=[("challenge", "<p>Bulk.</p>")],
            )
        )
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    LocalActionPage._base_manager._insert(
        pages, fields=LocalActionPage._meta.local_concrete_fields, using="default"
    )
    Through = LocalActionPage.themes.through
    Through.objects.bulk_create(
        [Through(localactionpage_id=p.pk, theme_id=t.pk) for p in pages for t in themes]
    )
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + start + count)
    library.refresh_from_db()
    return pages
