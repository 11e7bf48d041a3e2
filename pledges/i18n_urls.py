"""Addresses under the language prefix (/en/, /fr/ ...), before Wagtail's pages."""

from django.urls import path

from pledges import views

app_name = "pledges"

urlpatterns = [
    path(
        "local-governments/<slug:slug>/",
        views.local_government_profile,
        name="local_government",
    ),
]
