"""Addresses under the language prefix (/en/, /fr/ ...), before Wagtail's pages."""

from django.urls import path

from search.views import site_search_view

urlpatterns = [path("search/", site_search_view, name="site_search")]
