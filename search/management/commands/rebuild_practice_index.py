"""Rebuild the practice library's index from the live local actions."""

from django.core.management.base import BaseCommand

from search.indexing import rebuild_practice_index


class Command(BaseCommand):
    help = (
        "Rebuild the practice library's index (database tables, and Elasticsearch when "
        "ELASTICSEARCH_URL is set) from the live local actions. Publishing keeps it up to "
        "date; run this after a restore or when switching engines."
    )

    def handle(self, *args, **options):
        count = rebuild_practice_index()
        self.stdout.write(self.style.SUCCESS(f"{count} practices indexed."))
