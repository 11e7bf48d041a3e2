"""Admin screen: import practices from a spreadsheet (dry run first), download the template.

The file checked by the dry run is kept in the editor's session (the
database, so any app server can finish the import), with its digest in the
import form: the import runs on exactly the file that was checked.
"""

import base64
import hashlib

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from pledges import importer
from pledges.services import practice_library

SESSION_KEY = "practice_import"


def can_import(user):
    """Those who may add case studies under the practice library may import them."""
    if not user.is_active:
        return False
    library = practice_library()
    return library is not None and library.permissions_for_user(user).can_add_subpage()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv (UTF-8) or .xlsx file with the columns of the template, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > importer.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB: split it into smaller files.")
                % {"size": importer.MAX_BYTES // (1024 * 1024)}
            )
        return upload


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _context(viewset, **extra):
    return {
        "page_title": _("Import practices"),
        "header_icon": viewset.icon,
        "columns": importer.COLUMNS,
        "required": importer.REQUIRED,
        "coded": list(importer.CODED),
        "template_csv_url": reverse(viewset.get_url_name("template"), args=["csv"]),
        "template_xlsx_url": reverse(viewset.get_url_name("template"), args=["xlsx"]),
        "check_url": reverse(viewset.get_url_name("index")),
        "import_url": reverse(viewset.get_url_name("run")),
        **extra,
    }


TEMPLATE = "pledges/admin/import_practices.html"


@require_http_methods(["GET", "HEAD", "POST"])
def check_view(request, *, viewset):
    """GET: the upload form; POST: the dry run of the uploaded file, row by row."""
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, _context(viewset, form=form))
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        report = importer.check_file(data, upload.name)
    except importer.ImportFileError as error:
        form.add_error("file", str(error))
        return TemplateResponse(request, TEMPLATE, _context(viewset, form=form))
    digest = _digest(data)
    if not report.errors and report.counts["ready"]:
        request.session[SESSION_KEY] = {
            "name": upload.name,
            "data": base64.b64encode(data).decode("ascii"),
            "digest": digest,
        }
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(viewset, form=ImportForm(), report=report, filename=upload.name, digest=digest),
    )


@require_POST
def import_view(request, *, viewset):
    """Import the file the dry run checked (kept in the session) and show what was created."""
    if not can_import(request.user):
        raise PermissionDenied
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("digest") != request.POST.get("digest"):
        return TemplateResponse(
            request,
            TEMPLATE,
            _context(
                viewset,
                form=ImportForm(),
                session_error=_(
                    "The checked file is no longer available: upload it again and check it."
                ),
            ),
        )
    data = base64.b64decode(stored["data"])
    report = importer.import_file(data, stored["name"], user=request.user)
    del request.session[SESSION_KEY]
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(viewset, form=ImportForm(), report=report, filename=stored["name"]),
    )


def template_view(request, fmt, *, viewset):
    """The import template: the header and one example row, as CSV or XLSX."""
    if not can_import(request.user):
        raise PermissionDenied
    if fmt == "xlsx":
        response = HttpResponse(
            importer.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="practices-template.{fmt}"'
    return response


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ImportPracticesViewSet(ViewSet):
    """The "Import practices" screen, in the campaign's menu beside the submissions."""

    name = "import-practices"
    icon = "upload"
    menu_label = _("Import practices")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", self.check, name="index"),
            path("import/", self.run, name="run"),
            path("template.<str:fmt>", self.template, name="template"),
        ]

    def check(self, request):
        return check_view(request, viewset=self)

    def run(self, request):
        return import_view(request, viewset=self)

    def template(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return template_view(request, fmt, viewset=self)
