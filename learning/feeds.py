"""RSS 2.0 and Atom feeds of one language's news, built on Django's syndication framework."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from learning import services


class NewsRssFeed(Feed):
    """The news of one news index (so one language), newest first, as RSS 2.0."""

    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.seo_title or self.index.title

    def link(self):
        return self.index.get_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return self.index.intro or self.index.summary or self.index.title

    def items(self):
        return services.feed_items(self.index)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.authors or None

    def item_categories(self, item):
        return [item.get_topic_display()] if item.topic else []


class NewsAtomFeed(NewsRssFeed):
    """The same items as an Atom 1.0 feed."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
