"""What the open-data page shows: the files with their columns, the licence, the JSON-LD."""

from django.urls import reverse
from django.utils.translation import gettext as _

from hub.fragments import cached
from hub.models import SiteSettings
from hub.seo import json_ld
from pledges.opendata import datapackage
from pledges.opendata.columns import (
    DATAPACKAGE_PATH,
    ENDORSERS,
    JSON_PATH,
    LINK_FILES,
    PRACTICES,
    TAXONOMIES,
    ZIP_PATH,
)


def file_url(request, name):
    return request.build_absolute_uri(reverse("opendata:file", kwargs={"name": name}))


def _file_entry(request, data_file):
    return {
        "name": data_file.name,
        "path": data_file.path,
        "url": file_url(request, data_file.path),
        "title": str(data_file.title),
        "description": str(data_file.description),
        "filtered": data_file.filtered,
        "columns": [
            {
                "name": column.name,
                "description": str(column.description),
                "multiple": column.multiple,
            }
            for column in data_file.columns
        ],
    }


def _counts():
    from pledges.opendata.export import endorser_rows
    from search.models import PracticeRecord

    return {
        "practices": PracticeRecord.objects.filter(language="en").count(),
        "endorsers": len(endorser_rows()),
    }


def dataset_json_ld(page, request, files, site_settings, licence):
    """schema.org ``Dataset`` with one ``DataDownload`` per file."""
    distribution = [
        {
            "@type": "DataDownload",
            "name": entry["path"],
            "description": entry["description"],
            "encodingFormat": "text/csv",
            "contentUrl": entry["url"],
        }
        for entry in files
    ]
    distribution += [
        {
            "@type": "DataDownload",
            "name": JSON_PATH,
            "encodingFormat": "application/json",
            "contentUrl": file_url(request, JSON_PATH),
        },
        {
            "@type": "DataDownload",
            "name": DATAPACKAGE_PATH,
            "description": _("Frictionless Data Package describing every file"),
            "encodingFormat": "application/json",
            "contentUrl": file_url(request, DATAPACKAGE_PATH),
        },
        {
            "@type": "DataDownload",
            "name": ZIP_PATH,
            "encodingFormat": "application/zip",
            "contentUrl": file_url(request, ZIP_PATH),
        },
    ]
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": page.title,
            "description": page.summary
            or page.search_description
            or _(
                "Local and regional governments' actions for migrants and refugees, coded "
                "against the Global Compacts and the Sustainable Development Goals."
            ),
            "url": page.get_full_url(request),
            "inLanguage": page.locale.language_code,
            "isAccessibleForFree": True,
            "license": licence["path"],
            "keywords": ["migration", "refugees", "local government", "GCM", "GCR", "SDG"],
            "creator": {"@type": "Organization", "name": site_settings.organisation_name},
            "distribution": distribution,
        }
    )


def open_data_context(page, request):
    site_settings = SiteSettings.for_request(request)
    licence = datapackage.licence(site_settings.open_data_licence)
    files = [
        _file_entry(request, data_file)
        for data_file in (PRACTICES, *LINK_FILES, TAXONOMIES, ENDORSERS)
    ]
    counts = cached(request, "open-data-counts", _counts)
    return {
        "files": files,
        "practices_file": files[0],
        "link_files": files[1 : 1 + len(LINK_FILES)],
        "taxonomies_file": files[-2],
        "endorsers_file": files[-1],
        "json_url": file_url(request, JSON_PATH),
        "datapackage_url": file_url(request, DATAPACKAGE_PATH),
        "zip_url": file_url(request, ZIP_PATH),
        "api_url": request.build_absolute_uri(reverse("search_api:practices")),
        "licence": licence,
        "counts": counts,
        "json_ld": dataset_json_ld(page, request, files, site_settings, licence),
    }
