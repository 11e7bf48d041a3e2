from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def latest_news_section(request, page):
    """The home page's "Latest news": the newest articles in the home page's language."""
    from learning import services
    from learning.models import NewsIndexPage

    articles = services.latest_news(page.locale)
    if not articles:
        return None
    index = NewsIndexPage.objects.live().filter(locale=page.locale).first()
    return {"articles": articles, "index_url": index.get_url(request) if index else None}


class LearningConfig(AppConfig):
    """News, reports and resources."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = _("Knowledge hub")

    def ready(self):
        from hub.home import register_home_section

        register_home_section(
            "latest-news", "learning/home_latest_news.html", latest_news_section, order=60
        )
