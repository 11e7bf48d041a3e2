"""Acceptance 3: export a page's French PO file, change one string, import it, see it on the page.

Uses wagtail-localize's own admin views (download_pofile / upload_pofile) and polib.
"""

import polib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import Translation


def test_po_export_edit_import_changes_the_french_page(admin_client, article):
    french = Locale.objects.get(language_code="fr")
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=french
    )

    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("-fr.po")
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgid == "France and Senegal confirmed their co-chairmanship.")
    assert entry.msgstr == "La France et le Sénégal ont confirmé leur coprésidence."

    entry.msgstr = "La France et le Sénégal présideront ensemble le Forum mondial."
    upload = SimpleUploadedFile("article-fr.po", str(po).encode(), "text/x-gettext-translation")
    next_url = reverse("wagtailadmin_pages:edit", args=[article.get_translation(french).id])
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": upload, "next": next_url},
    )
    assert response.status_code == 302

    # Publishing the translation, as the editor's "Publish in French" button does.
    translation.save_target(publish=True)

    html = admin_client.get("/fr/news/france-et-senegal/").content.decode()
    assert "La France et le Sénégal présideront ensemble le Forum mondial." in html
    assert "ont confirmé leur coprésidence" not in html


def test_po_file_of_another_translation_is_refused(admin_client, article, news_index):
    french = Locale.objects.get(language_code="fr")
    article_translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=french
    )
    index_translation = Translation.objects.get(
        source__object_id=news_index.translation_key, target_locale=french
    )
    po = article_translation.export_po()
    for entry in po:
        entry.msgstr = "Piraté"
    upload = SimpleUploadedFile("wrong.po", str(po).encode(), "text/x-gettext-translation")
    admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[index_translation.id]), {"file": upload}
    )
    index_translation.save_target(publish=True)
    assert "Piraté" not in admin_client.get("/fr/news/").content.decode()
