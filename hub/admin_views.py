"""Site-wide admin views: the translation status report and its filters."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from hub import translation_status


class TranslationStatusFilterForm(forms.Form):
    """The report's filters: title, type (a page type or a kind of snippet), language, status."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)
    page_type = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=translation_status.STATUS_FILTERS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_type"].choices = [
            ("", _("Pages and snippets")),
            (_("Pages"), translation_status.page_type_choices()),
            (
                _("Menus, footer, partners and lists"),
                [
                    (f"snippet:{value}", label)
                    for value, label in translation_status.snippet_type_choices()
                ],
            ),
        ]
        self.fields["language"].choices = [
            ("", _("All languages")),
            *[
                (locale.language_code, locale.get_display_name())
                for locale in translation_status.report_locales()
            ],
        ]

    def selection(self):
        """(content type or None, snippet type or "", show pages, show snippets)."""
        value = self.cleaned_data.get("page_type") or ""
        if value.startswith("snippet:"):
            return None, value.removeprefix("snippet:"), False, True
        if value.isdigit():
            return ContentType.objects.filter(pk=int(value)).first(), "", True, False
        return None, "", True, True


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """For every page and translatable snippet: which languages exist, which are out of date,
    which fields are still in the original language, with links to act."""

    template_name = "hub/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"
    permission = "wagtail_localize.submit_translation"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = TranslationStatusFilterForm(self.request.GET)
        valid = form.is_valid()
        filters = form.cleaned_data if valid else {}
        content_type, snippet_type, show_pages, show_snippets = (
            form.selection() if valid else (None, "", True, True)
        )
        language = None
        if filters.get("language"):
            language = Locale.objects.filter(language_code=filters["language"]).first()
        report = translation_status.status_report(
            status=filters.get("status", ""),
            content_type=content_type,
            query=filters.get("q", ""),
            page_number=self.request.GET.get("p", 1),
            next_url=self.request.get_full_path(),
            language=language,
        )
        if show_snippets:
            report.update(
                translation_status.snippet_report(
                    snippet_type=snippet_type,
                    query=filters.get("q", ""),
                    status=filters.get("status", ""),
                    language=language,
                    page_number=self.request.GET.get("sp", 1),
                )
            )
        query = self.request.GET.copy()
        query.pop("p", None)
        snippet_query = self.request.GET.copy()
        snippet_query.pop("sp", None)
        context.update(
            report,
            show_pages=show_pages,
            show_snippets=show_snippets,
            filter_form=form,
            base_query=query.urlencode(),
            snippet_base_query=snippet_query.urlencode(),
            index_url=reverse("hub_translation_status"),
        )
        return context


class TranslationStatusMenuItem(MenuItem):
    """The report's entry in the main menu, shown to users who may submit and sync translations."""

    def is_shown(self, request):
        return request.user.has_perm(TranslationStatusView.permission)
