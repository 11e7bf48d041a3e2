"""An editor renames a taxonomy term: the library's filters and the API say the new name at once."""

import pytest

from pledges.models import GCMPrinciple
from tests.search.conftest import english, publish_practice

LIBRARY = "/en/practices/"
API = "/api/practices/"


@pytest.mark.django_db
def test_renaming_a_guiding_principle_relabels_the_library_at_once(client, library):
    publish_practice(library, title="Welcome desk", principles=["a"])
    client.get(LIBRARY)  # this server now holds the labels of the current index version
    principle = english(GCMPrinciple, code="a")
    principle.title = "People at the centre"
    principle.save()
    facet = client.get(API, {"principle": "a"}).json()["facets"]["principle"]
    assert "People at the centre" in [value["label"] for value in facet if value["value"] == "a"][0]
    assert "People at the centre" in client.get(LIBRARY).content.decode()
