"""Addresses outside the language prefix: the practice library as JSON."""

from django.urls import path

from search.views import practices_api

app_name = "search_api"

urlpatterns = [path("api/practices/", practices_api, name="practices")]
