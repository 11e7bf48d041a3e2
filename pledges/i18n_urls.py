"""Addresses under the language prefix (/en/, /fr/ ...), before Wagtail's pages."""

urlpatterns = []
