"""A small registry through which apps add sections to the home page.

The hub does not import the apps; each app registers its section in its
``AppConfig.ready()``. A section is a template and a function returning its
context; it must run a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    get_context: Callable
    order: int = 100


_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(key, template, get_context, order=100):
    """Add (or replace) a home-page section."""
    _SECTIONS[key] = HomeSection(key, template, get_context, order)


def home_sections(request, page):
    """The registered sections with their context, in order."""
    sections = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        context = section.get_context(request, page)
        if context is not None:
            sections.append({"template": section.template, "context": context, "key": section.key})
    return sections
