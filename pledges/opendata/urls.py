"""``/open-data/<file>``: the same address in every language (outside the language prefix)."""

from django.urls import path

from pledges.opendata.views import open_data_file

app_name = "opendata"

urlpatterns = [path("open-data/<str:name>", open_data_file, name="file")]
