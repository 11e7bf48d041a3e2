"""Site-wide admin views: the translation status report and its filters."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hub import translation_status


class TranslationStatusFilterForm(forms.Form):
    """The report's filters: title, page type, status."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)
    page_type = forms.TypedChoiceField(
        label=_("Page type"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=translation_status.STATUS_FILTERS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_type"].choices = [
            ("", _("All page types")),
            *translation_status.page_type_choices(),
        ]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """For every page: which languages exist, which are out of date, with links to act."""

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
        filters = form.cleaned_data if form.is_valid() else {}
        content_type = None
        if filters.get("page_type"):
            content_type = ContentType.objects.filter(pk=filters["page_type"]).first()
        report = translation_status.status_report(
            status=filters.get("status", ""),
            content_type=content_type,
            query=filters.get("q", ""),
            page_number=self.request.GET.get("p", 1),
            next_url=self.request.get_full_path(),
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            report,
            filter_form=form,
            base_query=query.urlencode(),
            index_url=reverse("hub_translation_status"),
        )
        return context


class TranslationStatusMenuItem(MenuItem):
    """The report's entry in the main menu, shown to users who may submit and sync translations."""

    def is_shown(self, request):
        return request.user.has_perm(TranslationStatusView.permission)
