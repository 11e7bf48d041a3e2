"""The admin's "Prepare for registries": three records per practice, downloads, statuses.

Whoever may edit a case study (Communications editors, moderators) may
prepare its records and record where it was sent or published.
"""

from collections import Counter

from laces.components import Component

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from hub.visibility import public_pages
from pledges import registries
from pledges.models import LocalActionPage, RegistryPublication

FORMATS = {"json": "application/json", "csv": "text/csv"}


def can_prepare(user, page):
    """Editors and moderators who may edit the case study."""
    return page.permissions_for_user(user).can_edit()


def may_use_registries(user):
    """Whether the user may edit some page (and so some case study)."""
    return user.is_active and PagePermissionPolicy().user_has_permission(user, "change")


def _case_study(request, page_id):
    page = get_object_or_404(LocalActionPage.objects.select_related("locale"), pk=page_id)
    if not can_prepare(request.user, page):
        raise PermissionDenied
    return page


class RegistryStatusForm(forms.ModelForm):
    """Not sent · sent on a date · published at an address."""

    url = forms.URLField(
        label=_("Address on the registry"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The public address of the practice on the registry, once published."),
    )

    class Meta:
        model = RegistryPublication
        fields = ["status", "sent_on", "url", "notes"]
        widgets = {
            "status": forms.RadioSelect,
            "sent_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == RegistryPublication.PUBLISHED and not data.get("url"):
            self.add_error(
                "url", ValidationError(_("Give the address of the practice on the registry."))
            )
        if status in (RegistryPublication.SENT, RegistryPublication.PUBLISHED) and not data.get(
            "sent_on"
        ):
            data["sent_on"] = timezone.localdate()
        if data.get("sent_on") and data["sent_on"] > timezone.localdate():
            self.add_error("sent_on", ValidationError(_("The date cannot be in the future.")))
        return data


def _forms(page, records, data=None, only=None):
    found = {p.registry: p for p in RegistryPublication.objects.for_practice(page)}
    forms_by_code = {}
    for record in records:
        code = record.registry.code
        instance = found.get(code) or RegistryPublication(
            translation_key=page.translation_key, registry=code
        )
        bound = data if only == code else None
        forms_by_code[code] = RegistryStatusForm(bound, instance=instance, prefix=code)
    return forms_by_code


def prepare(request, page_id):
    """GET: the three records side by side; POST: record one registry's status."""
    page = _case_study(request, page_id)
    records = registries.records_for(page)
    status = 200
    if request.method == "POST":
        code = request.POST.get("registry")
        if code not in registries.BY_CODE:
            raise Http404
        forms_by_code = _forms(page, records, request.POST, only=code)
        form = forms_by_code[code]
        if form.is_valid():
            publication = form.save(commit=False)
            publication.updated_by = request.user
            publication.save()
            messages.success(
                request,
                _("%(registry)s: %(status)s.")
                % {
                    "registry": registries.BY_CODE[code].name,
                    "status": publication.get_status_display(),
                },
            )
            return redirect(reverse("pledges_registries:prepare", args=[page.pk]) + f"#{code}")
        status = 400
    else:
        forms_by_code = _forms(page, records)
    sections = [
        {"record": record, "form": forms_by_code[record.registry.code]} for record in records
    ]
    return TemplateResponse(
        request,
        "pledges/admin/registries.html",
        {
            "page": page,
            "source_page": records[0].facts.page,
            "sections": sections,
            "page_title": _("Prepare for registries"),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
        status=status,
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download(request, page_id, registry, fmt):
    """One practice's record for one registry, as JSON or CSV."""
    page = _case_study(request, page_id)
    if registry not in registries.BY_CODE or fmt not in FORMATS:
        raise Http404
    record = registries.BY_CODE[registry].record(registries.PracticeFacts(page))
    content = registries.as_json(record) if fmt == "json" else registries.as_csv(record)
    return _download(content, FORMATS[fmt], registries.export_filename(registry, fmt, page))


def bulk_download(request, registry, fmt):
    """One registry's records for the practices ``?id=`` names, one per practice."""
    if registry not in registries.BY_CODE or fmt not in FORMATS:
        raise Http404
    ids = [value for value in request.GET.getlist("id") if value.isdigit()]
    pages = list(
        LocalActionPage.objects.filter(pk__in=ids).select_related("locale").order_by("title")
    )
    pages = [page for page in pages if can_prepare(request.user, page)]
    # One record per practice, even when both a page and its translation are selected.
    seen, unique = set(), []
    for page in pages:
        if page.translation_key not in seen:
            seen.add(page.translation_key)
            unique.append(page)
    records = registries.records_for_pages(unique, registry)
    if fmt == "json":
        content = registries.as_json(records)
    else:
        content = registries.as_csv(records, registries.BY_CODE[registry])
    return _download(content, FORMATS[fmt], registries.export_filename(registry, fmt))


def _practice_keys():
    """Translation key -> a representative live case study (English first), one query."""
    rows = public_pages(LocalActionPage.objects).values_list(
        "translation_key", "pk", "title", "locale__language_code"
    )
    practices = {}
    for key, pk, title, language in rows:
        if key not in practices or language == settings.LANGUAGE_CODE:
            practices[key] = {"pk": pk, "title": title}
    return practices


def status_counts():
    """{registry: {status: count}} over the live public practices."""
    practices = _practice_keys()
    counts = {code: Counter() for code in registries.BY_CODE}
    recorded = RegistryPublication.objects.filter(translation_key__in=list(practices)).values_list(
        "registry", "status"
    )
    for code, status in recorded:
        counts[code][status] += 1
    for code in counts:
        sent_or_published = (
            counts[code][RegistryPublication.SENT] + counts[code][RegistryPublication.PUBLISHED]
        )
        counts[code][RegistryPublication.NOT_SENT] = len(practices) - sent_or_published
    return counts


def listing(request):
    """The live practices with one status on one registry (the dashboard panel's links)."""
    if not may_use_registries(request.user):
        raise PermissionDenied
    code = request.GET.get("registry")
    status = request.GET.get("status")
    if code not in registries.BY_CODE or status not in dict(RegistryPublication.STATUS_CHOICES):
        code, status = RegistryPublication.MNH, RegistryPublication.PUBLISHED
    practices = _practice_keys()
    records = {
        p.translation_key: p
        for p in RegistryPublication.objects.filter(
            registry=code, translation_key__in=list(practices)
        )
    }
    rows = []
    for key, practice in practices.items():
        publication = records.get(key)
        current = publication.status if publication else RegistryPublication.NOT_SENT
        if current == status:
            rows.append(
                {
                    "title": practice["title"],
                    "url": reverse("pledges_registries:prepare", args=[practice["pk"]]),
                    "publication": publication,
                }
            )
    rows.sort(key=lambda row: row["title"])
    return TemplateResponse(
        request,
        "pledges/admin/registry_listing.html",
        {
            "rows": rows,
            "registry": registries.BY_CODE[code],
            "status_label": dict(RegistryPublication.STATUS_CHOICES)[status],
            "page_title": _("On each registry"),
        },
    )


class RegistriesPanel(Component):
    """Dashboard panel: how many practices are not sent, sent, published on each registry."""

    name = "registries"
    template_name = "pledges/admin/registries_panel.html"
    order = 95

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        counts = status_counts()
        list_url = reverse("pledges_registries:listing")
        rows = []
        for registry in registries.REGISTRIES:
            cells = []
            for status, label in RegistryPublication.STATUS_CHOICES:
                cells.append(
                    {
                        "label": label,
                        "count": counts[registry.code][status],
                        "url": f"{list_url}?registry={registry.code}&status={status}",
                    }
                )
            rows.append({"registry": registry, "cells": cells})
        return {"rows": rows, "statuses": RegistryPublication.STATUS_CHOICES}


class PrepareForRegistriesBulkAction(PageBulkAction):
    """On the case-study listing: one CSV or JSON per registry for the selected practices."""

    display_name = _("Prepare for registries")
    action_type = "prepare_for_registries"
    aria_label = _("Prepare the selected case studies for the global registries")
    template_name = "pledges/admin/bulk_registries.html"
    action_priority = 90

    def check_perm(self, page):
        return issubclass(page.specific_class or Page, LocalActionPage) and (
            page.permissions_for_user(self.request.user).can_edit()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = "&".join(f"id={item['item'].pk}" for item in context["items"])
        context["downloads"] = [
            {
                "registry": registry,
                "links": [
                    (
                        fmt.upper(),
                        reverse("pledges_registries:bulk_download", args=[registry.code, fmt])
                        + f"?{ids}",
                    )
                    for fmt in FORMATS
                ],
            }
            for registry in registries.REGISTRIES
        ]
        return context

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # Nothing changes: the confirmation page offers the downloads.
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d case study prepared for the registries.",
            "%(count)d case studies prepared for the registries.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


urlpatterns = [
    path("", listing, name="listing"),
    path("<int:page_id>/", prepare, name="prepare"),
    path("<int:page_id>/<str:registry>.<str:fmt>", download, name="download"),
    path("export/<str:registry>.<str:fmt>", bulk_download, name="bulk_download"),
]
