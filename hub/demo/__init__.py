"""Demo content for the site-wide parts: home, About, partners, menus, users.

The words and records are in ``site.yaml``, ``navigation.yaml`` and
``users.yaml`` beside this file; the functions below build what is missing.
"""

import json
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from hub.localization import translate
from hub.models import (
    FooterText,
    HomePage,
    NavigationItem,
    NavigationMenu,
    Partner,
    SiteSettings,
    StandardPage,
)
from hub.seeding import (
    ensure_child_page,
    load,
    other_languages,
    paragraphs,
    publish_child,
    record_translations,
    translate_missing,
)

# Tests point this elsewhere; the functions below read it when they run.
CREDENTIALS_FILE = settings.DEMO_CREDENTIALS_FILE


def ensure_locales():
    """A locale for every language of the site."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _ensure_home(ctx, data):
    """The English home page, replacing Wagtail's placeholder "Welcome" page."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        root = Page.get_first_root_node()
        for placeholder in root.get_children().filter(depth=2).not_type(HomePage):
            placeholder.delete()
        home = publish_child(
            root,
            HomePage(
                title=data["title"],
                slug=data["slug"],
                hero_title=data["hero_title"],
                hero_text=data["hero_text"],
                summary=data["summary"],
                body=paragraphs([data["intro"]]),
            ),
        )
        ctx.log("home page")
    return home


def _ensure_site(home, data):
    """The default site, rooted at the home page, at the address in ``SITE_URL``.

    Canonical links, hreflang, the sitemap and JSON-LD are built from the
    Site's root URL, so it must be the address the demo is served at.
    """
    address = urlsplit(settings.SITE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    wanted = {"hostname": address.hostname, "port": port, "root_page": home}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(**wanted, site_name=data["site_name"], is_default_site=True)
    if any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.site_name = data["site_name"]
        site.save()
    return site


@transaction.atomic
def seed_site(ctx):
    """Home page (with fr/es/ar translations), About, Privacy, partners, settings."""
    data = load("hub", "site")
    ensure_locales()
    home = _ensure_home(ctx, data["home"])
    site = _ensure_site(home, data["site"])
    ctx.home = home
    translate_missing(ctx, home, record_translations(data["home"]))

    for spec in data["pages"]:
        ensure_child_page(
            ctx,
            home,
            StandardPage,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=paragraphs(spec["body"]),
            show_in_menus=spec["show_in_menus"],
        )

    default_locale = Locale.get_default()
    for order, partner in enumerate(data["partners"]):
        Partner.objects.get_or_create(
            name=partner["name"],
            locale=default_locale,
            defaults={
                "short_name": partner["short_name"],
                "url": partner["url"],
                "sort_order": order,
            },
        )
    footer = FooterText.objects.filter(locale=default_locale).first()
    if footer is None:
        footer = FooterText.objects.create(body=data["footer"]["body"], locale=default_locale)
    translate_missing(ctx, footer, record_translations(data["footer"]))

    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:
        for name, value in data["settings"].items():
            setattr(site_settings, name, value)
        site_settings.save()


@transaction.atomic
def seed_navigation(ctx):
    """Main menu: the home page's children shown in menus; footer: About and Privacy.

    Also the site's default share image, an image the other steps drew.
    """
    _ensure_default_share_image(ctx)
    data = load("hub", "navigation")
    labels = data["labels"]
    home = ctx.home
    order = {slug: i for i, slug in enumerate(data["main_order"])}
    in_menu = sorted(
        home.get_children().live().in_menu(), key=lambda page: order.get(page.slug, len(order))
    )
    wanted = {
        NavigationMenu.MAIN: in_menu,
        NavigationMenu.FOOTER: list(home.get_children().live().filter(slug__in=data["footer"])),
    }
    default_locale = Locale.get_default()
    for slot, pages in wanted.items():
        menu, _ = NavigationMenu.objects.get_or_create(slot=slot, locale=default_locale)
        current = [(item.link_page_id, item.label) for item in menu.items.all()]
        menu_labels = [labels.get(page.slug, {}).get(settings.LANGUAGE_CODE, "") for page in pages]
        changed = current != [
            (page.id, label) for page, label in zip(pages, menu_labels, strict=True)
        ]
        if changed:
            menu.items = [
                NavigationItem(link_page=page, sort_order=i, label=label)
                for i, (page, label) in enumerate(zip(pages, menu_labels, strict=True))
            ]
            menu.save()
            ctx.log(f"{menu.get_slot_display()}: {len(pages)} links")
        for code in other_languages():
            locale = Locale.objects.get(language_code=code)
            if changed or not menu.has_translation(locale):
                translated = {
                    names[settings.LANGUAGE_CODE]: names[code]
                    for names in labels.values()
                    if code in names
                }
                translate(menu, code, translated)


def _ensure_default_share_image(ctx):
    """The site's default share image, when none is set and the image exists."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    site_settings = SiteSettings.for_site(site)
    if site_settings.default_share_image_id:
        return
    title = load("hub", "site")["default_share_image"]
    image = get_image_model().objects.filter(title=title).first()
    if image is not None:
        site_settings.default_share_image = image
        site_settings.save()
        ctx.log(f"default share image: {title}")


def _stored_credentials():
    if CREDENTIALS_FILE.exists():
        return json.loads(CREDENTIALS_FILE.read_text())
    return {}


def ensure_user(ctx, username, *, superuser=False, groups=(), last_name="User"):
    """A demo login with a generated password, kept (outside git) across runs.

    Apps call this for their own roles (moderator, event manager).
    """
    data = load("hub", "users")
    stored = ctx.credentials or _stored_credentials()
    password = stored.get(username)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None or not password or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@{data['email_domain']}")
        user.set_password(password)
    user.is_staff = True
    user.is_superuser = superuser
    user.first_name = data["first_name"]
    user.last_name = last_name
    user.save()
    for name in groups:
        group = Group.objects.filter(name=name).first()
        if group:
            user.groups.add(group)
    ctx.credentials[username] = password
    ctx.users[username] = user
    return user


def ensure_users(ctx):
    """The site's own logins: an administrator and a Communications editor."""
    ctx.credentials.update(_stored_credentials())
    for login in load("hub", "users")["logins"]:
        ensure_user(ctx, **login)


def save_credentials(ctx):
    """Write this run's logins to ``CREDENTIALS_FILE`` (readable by its owner only)."""
    known = {name: ctx.credentials[name] for name in ctx.users}
    CREDENTIALS_FILE.write_text(json.dumps(known, indent=2))
    CREDENTIALS_FILE.chmod(0o600)
    return known


def format_credentials(credentials):
    """The logins as lines for the console."""
    lines = ["", f"Admin logins ({settings.WAGTAILADMIN_BASE_URL}/admin/):"]
    for username, password in credentials.items():
        lines.append(f"  {username:<14} {password}")
    lines.append(f"(kept in {CREDENTIALS_FILE.name}, outside git)")
    return "\n".join(lines)
