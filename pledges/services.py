"""The campaign's rules: figures, endorsements, submissions, case studies."""

from django.conf import settings
from django.db.models import Count, Q

from pledges.models import LocalActionPage, Theme


def campaign_figures():
    """Headline figures from published case studies (translations counted once); 2 queries.

    Returns ``{"actions", "governments", "countries", "themes": [(theme, count), ...]}``.
    """
    totals = LocalActionPage.objects.live().aggregate(
        actions=Count("translation_key", distinct=True),
        governments=Count("local_government", distinct=True),
        countries=Count("local_government__country", distinct=True),
    )
    themes = (
        Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            action_count=Count(
                "local_actions__translation_key",
                filter=Q(local_actions__live=True),
                distinct=True,
            )
        )
        .order_by("sort_order")
    )
    return {**totals, "themes": list(themes)}
