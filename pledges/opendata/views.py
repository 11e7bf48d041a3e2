"""``/open-data/<file>``: the open-data files, at addresses that do not depend on the language.

The practice files take the practice library's query parameters (``?theme=…
&region=…``) and hold exactly the library's results; unknown values are
ignored (listed in the ``X-Ignored-Parameters`` header), never an error.
Anonymous responses are kept by the page cache (``hub.pagecache``) until the
next change to published content.
"""

import io
import json
import zipfile

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from hub.models import SiteSettings
from pledges.opendata import datapackage, export
from pledges.opendata.columns import DATAPACKAGE_PATH, FILES_BY_PATH, JSON_PATH, ZIP_PATH

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "zip": "application/zip",
}


def _homepage(request):
    from pledges.models import OpenDataPage

    page = OpenDataPage.objects.live().filter(locale__language_code="en").first()
    url = page.get_url(request) if page else ""
    return request.build_absolute_uri(url) if url else ""


def _descriptor(request, query):
    site_settings = SiteSettings.for_request(request)
    return datapackage.descriptor(
        licence_code=site_settings.open_data_licence,
        organisation=site_settings.organisation_name,
        homepage=_homepage(request),
        query=query,
    )


def _response(content, name):
    extension = name.rsplit(".", 1)[-1]
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    if extension in ("csv", "zip"):
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def build_zip(files, descriptor):
    """A ZIP of every file and its datapackage.json (paths relative to it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
        info = zipfile.ZipInfo(DATAPACKAGE_PATH, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, json.dumps(descriptor, ensure_ascii=False, indent=2))
    return buffer.getvalue()


@require_safe
def open_data_file(request, name):
    """One open-data file, for the library filter in the query string."""
    known = {*FILES_BY_PATH, JSON_PATH, DATAPACKAGE_PATH, ZIP_PATH}
    if name not in known:
        raise Http404
    data_file = FILES_BY_PATH.get(name)
    filtered = data_file is None or data_file.filtered
    filters, ignored, vocabulary = export.library_filter(request.GET)
    query = filters.params() if filtered else []
    if name == DATAPACKAGE_PATH:
        content = json.dumps(_descriptor(request, query), ensure_ascii=False, indent=2)
    elif name == ZIP_PATH:
        files = export.all_files(request, filters, vocabulary)
        content = build_zip(files, _descriptor(request, ()))
    elif name == JSON_PATH:
        records = export.practice_records(request, filters, vocabulary)
        content = json.dumps(export.practice_json(records), ensure_ascii=False, indent=1)
    elif data_file.name == "taxonomies":
        content = export.csv_text(data_file.header, export.taxonomy_rows())
    elif data_file.name == "endorsers":
        content = export.csv_text(data_file.header, export.endorser_rows())
    else:
        records = export.practice_records(request, filters, vocabulary)
        if data_file.name == "practices":
            rows = export.practice_rows(records)
        else:
            rows = export.link_rows(records)[data_file.name]
        content = export.csv_text(data_file.header, rows)
    response = _response(content, name)
    if filtered and ignored:
        text = "; ".join(f"{item.parameter}={item.shown_value} ({item.reason})" for item in ignored)
        response["X-Ignored-Parameters"] = "".join(
            character if character.isprintable() and character.isascii() else "?"
            for character in text[:1000]
        )
    return response
