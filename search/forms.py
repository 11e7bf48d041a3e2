"""The practice library's query string turned into a clean, typed filter.

Nothing a visitor puts in the address is an error: unknown facet values,
malformed numbers, an unknown sort, a page out of range, an over-long search
are dropped (or shortened) and reported, so the page can say what it ignored.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from search.facets import FACET_NAMES, FACETS

Q_MAX_LENGTH = 200
MAX_VALUES_PER_FACET = 50
MAX_PAGE = 10_000
SORTS = ("relevance", "newest", "title")
SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("title", _("Title (A to Z)")),
]
# NUL and other control characters (tab and newline become spaces).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PracticeFilter:
    """What to search: words, selected facet values, sort and page. Hashable, comparable."""

    language: str
    q: str = ""
    selected: tuple = ()  # ((facet, (value, ...)), ...) in FACET_NAMES order
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def build(cls, language, q="", selected=None, sort=None, page=1):
        """Build a filter from a plain ``{facet: [values]}`` mapping (tests, demo, bench)."""
        selected = selected or {}
        pairs = tuple(
            (name, tuple(str(v) for v in selected[name]))
            for name in FACET_NAMES
            if selected.get(name)
        )
        return cls(language=language, q=q, selected=pairs, sort=sort or default_sort(q), page=page)

    @property
    def selections(self):
        return dict(self.selected)

    def values(self, facet):
        return self.selections.get(facet, ())

    def params(self):
        """The query parameters that reproduce this filter (page 1 omitted)."""
        items = []
        if self.q:
            items.append(("q", self.q))
        for name, values in self.selected:
            items.extend((name, value) for value in values)
        if self.sort != default_sort(self.q):
            items.append(("sort", self.sort))
        if self.page > 1:
            items.append(("page", str(self.page)))
        return items

    def query_string(self, **changes):
        """``?...`` for a link to this filter with some parts changed (``page=2`` ...)."""
        data = {
            "q": self.q,
            "selected": self.selected,
            "sort": self.sort,
            "page": self.page,
            **changes,
        }
        other = PracticeFilter(language=self.language, **data)
        encoded = urlencode(other.params())
        return f"?{encoded}" if encoded else "?"

    def toggled(self, facet, value):
        """The query string with one facet value added or removed (back to page 1)."""
        selections = dict(self.selected)
        values = list(selections.get(facet, ()))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        selections[facet] = tuple(values)
        pairs = tuple((n, selections[n]) for n in FACET_NAMES if selections.get(n))
        return self.query_string(selected=pairs, page=1)


def default_sort(q):
    return "relevance" if q else "newest"


@dataclass(frozen=True)
class IgnoredValue:
    """A query parameter value that was dropped or changed, and why."""

    parameter: str
    value: str
    reason: str

    @property
    def shown_value(self):
        """The value as the page shows it: at most 60 characters."""
        return self.value if len(self.value) <= 60 else self.value[:59] + "…"

    def as_dict(self):
        return {"parameter": self.parameter, "value": self.value, "reason": str(self.reason)}


class PracticeQueryForm(forms.Form):
    """The library's search form: parses ``request.GET`` into a ``PracticeFilter``.

    ``cleaned_filter`` is always available: the raw values are sanitised before
    Django's fields see them, so the form is always valid, and ``ignored``
    lists whatever was dropped or shortened.
    """

    q = forms.CharField(
        label=_("Search practices"), required=False, max_length=Q_MAX_LENGTH, strip=True
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data, *, vocabulary, **kwargs):
        self.vocabulary = vocabulary
        self.ignored = []
        self.raw = data
        self.facet_values = {}
        super().__init__(self._sanitise(data), **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "maxlength": Q_MAX_LENGTH})

    def _ignore(self, parameter, value, reason):
        self.ignored.append(IgnoredValue(parameter, str(value), reason))

    def _sanitise(self, data):
        clean = {}
        q_values = data.getlist("q") if hasattr(data, "getlist") else [data.get("q", "")]
        q = " ".join(v for v in q_values if v)
        if CONTROL_CHARACTERS.search(q):
            q = CONTROL_CHARACTERS.sub(" ", q)
            self._ignore("q", "", _("control characters were removed from the search"))
        q = " ".join(q.split())
        if len(q) > Q_MAX_LENGTH:
            self._ignore(
                "q",
                q,
                _("the search was shortened to %(n)s characters") % {"n": Q_MAX_LENGTH},
            )
            q = q[:Q_MAX_LENGTH].rstrip()
        clean["q"] = q

        sort = (data.get("sort") or "").strip()
        if sort and sort not in SORTS:
            self._ignore("sort", sort, _("unknown sort order"))
            sort = ""
        clean["sort"] = sort

        page = (data.get("page") or "").strip()
        if page:
            if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_PAGE:
                self._ignore("page", page, _("not a page number"))
                page = ""
            else:
                page = str(int(page))
        clean["page"] = page

        for facet in FACETS:
            raw_values = data.getlist(facet.name) if hasattr(data, "getlist") else []
            kept = []
            for raw in raw_values:
                value = CONTROL_CHARACTERS.sub("", raw).strip()
                if facet.name == "country":
                    value = value.upper()
                if facet.name == "principle":
                    value = value.lower()
                if (
                    facet.name in ("gcm", "gcr_objective", "sdg", "year")
                    and value.isascii()
                    and value.isdigit()
                ):
                    value = str(int(value))
                if not value:
                    continue
                if not self.vocabulary.accepts(facet.name, value):
                    self._ignore(facet.name, raw, _("unknown value"))
                elif value in kept:
                    continue
                elif len(kept) >= MAX_VALUES_PER_FACET:
                    self._ignore(facet.name, raw, _("too many values"))
                else:
                    kept.append(value)
            self.facet_values[facet.name] = tuple(kept)
        return clean

    @property
    def cleaned_filter(self):
        """The typed filter (the form is always valid once sanitised)."""
        if not self.is_valid():  # pragma: no cover - sanitising makes this unreachable
            return PracticeFilter(language=self.vocabulary.language)
        q = self.cleaned_data["q"] or ""
        return PracticeFilter(
            language=self.vocabulary.language,
            q=q,
            selected=tuple((n, v) for n in FACET_NAMES if (v := self.facet_values.get(n))),
            sort=self.cleaned_data["sort"] or default_sort(q),
            page=self.cleaned_data["page"] or 1,
        )

    def ignore(self, parameter, value, reason):
        """Report one more ignored value found later (a page past the last one)."""
        self._ignore(parameter, value, reason)
