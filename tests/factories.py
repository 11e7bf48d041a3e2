"""Factories for the site-wide models; app factories live beside their tests."""

import factory
import wagtail_factories

from django.contrib.auth import get_user_model

from hub.models import HomePage, Partner, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
    is_staff = True

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Local Action Hub"
    hero_title = "A Call to Local Action for Migrants and Refugees"
    hero_text = "Endorse, submit your action, learn from peers."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = "A plain page."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Plain content.</p>")])

    class Meta:
        model = StandardPage


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    url = "https://partner.example.org/"

    class Meta:
        model = Partner


def publish(page):
    """Publish a factory-made page through a revision, as an editor does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
