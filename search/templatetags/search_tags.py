"""Template helpers of the practice library."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

OPTION = (
    '<li><input type="checkbox" name="{name}" value="{value}" id="f-{name}-{index}"{checked}>'
    ' <label for="f-{name}-{index}">{label} <span class="facet__count">({count})</span>'
    "</label></li>"
)


@register.simple_tag
def facet_options(facet):
    """The checkboxes of one facet's values, every piece of text escaped.

    Built with plain string formatting rather than template tags: the library
    shows every value of ten facets (some 300 checkboxes), which the template
    engine and ``format_html`` render twenty times slower.
    """
    name = escape(facet.name)
    items = "\n".join(
        OPTION.format(
            name=name,
            value=escape(value.value),
            index=index,
            checked=" checked" if value.selected else "",
            label=escape(str(value.label)),
            count=int(value.count),
        )
        for index, value in enumerate(facet.values, start=1)
    )
    return mark_safe(f'<ul class="facet__values">{items}</ul>')  # noqa: S308 (escaped above)


@register.simple_tag
def load_card_images(hits):
    """Give the hits their listing images (``with_card_images``) where the cards are drawn.

    Called inside the results' cached fragment, so a library page whose
    results come from the cache does not load images it will not draw.
    """
    from search.services import with_card_images

    with_card_images(hits)
    return ""
