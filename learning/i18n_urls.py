"""Addresses under the language prefix (/en/, /fr/ ...), before Wagtail's pages.

Wagtail serves only addresses ending in "/", so the report's PDFs are routed
here and resolved through the page tree: ``…/call-to-local-action/report.pdf``
(the live report under that call-to-action page) and
``…/report/editions/<slug>/report.pdf`` (one edition).
"""

from django.urls import re_path

from learning.report.views import edition_pdf_by_path, live_report_pdf_by_path

app_name = "learning"

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)editions/(?P<slug>[\w\-]+)/report\.pdf$",
        edition_pdf_by_path,
        name="edition_pdf",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)report\.pdf$", live_report_pdf_by_path, name="report_pdf"),
]
