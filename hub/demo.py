"""Demo content for the site-wide parts: home, About, partners, menus, users."""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

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

CREDENTIALS_FILE = settings.DEMO_CREDENTIALS_FILE

HOME = {
    "title": "Local Action Hub",
    "hero_title": "A Call to Local Action for Migrants and Refugees",
    "hero_text": (
        "Local and regional governments are at the heart of migration and displacement "
        "governance. Endorse the Marrakech Mayors Declaration, share your local action, "
        "and learn from peers around the world."
    ),
    "summary": (
        "The campaign and knowledge hub where local and regional governments act for "
        "migrants and refugees."
    ),
    "intro": (
        "It is at the local level where we see pragmatic, principled and people-centered "
        "approaches that spearhead and exceed the commitments of global frameworks such as "
        "the Global Compact for Safe, Orderly and Regular Migration, the Global Compact on "
        "Refugees, as well the 2030 Agenda on Sustainable Development."
    ),
}

HOME_TRANSLATIONS = {
    "fr": {
        HOME["title"]: "Plateforme d'action locale",
        HOME["hero_title"]: "Un appel à l'action locale pour les migrants et les réfugiés",
        HOME["hero_text"]: (
            "Les collectivités locales et régionales sont au cœur de la gouvernance des "
            "migrations et des déplacements. Souscrivez à la Déclaration des maires de "
            "Marrakech, partagez votre action locale et apprenez de vos pairs du monde entier."
        ),
        HOME["summary"]: (
            "La plateforme de campagne et de connaissances où les collectivités locales et "
            "régionales agissent pour les migrants et les réfugiés."
        ),
        HOME["intro"]: (
            "C'est au niveau local que l'on voit des approches pragmatiques, fondées sur des "
            "principes et centrées sur les personnes, qui devancent et dépassent les "
            "engagements des cadres mondiaux tels que le Pacte mondial pour des migrations "
            "sûres, ordonnées et régulières, le Pacte mondial sur les réfugiés et le "
            "Programme de développement durable à l'horizon 2030."
        ),
    },
    "es": {
        HOME["title"]: "Plataforma de acción local",
        HOME["hero_title"]: "Un llamado a la acción local por las personas migrantes y refugiadas",
        HOME["hero_text"]: (
            "Los gobiernos locales y regionales están en el centro de la gobernanza de la "
            "migración y el desplazamiento. Adhiera a la Declaración de Alcaldes de Marrakech, "
            "comparta su acción local y aprenda de sus pares en todo el mundo."
        ),
        HOME["summary"]: (
            "La plataforma de campaña y conocimiento donde los gobiernos locales y regionales "
            "actúan por las personas migrantes y refugiadas."
        ),
        HOME["intro"]: (
            "Es en el nivel local donde vemos enfoques pragmáticos, basados en principios y "
            "centrados en las personas, que anticipan y superan los compromisos de marcos "
            "mundiales como el Pacto Mundial para una Migración Segura, Ordenada y Regular, el "
            "Pacto Mundial sobre los Refugiados y la Agenda 2030 para el Desarrollo Sostenible."
        ),
    },
    "ar": {
        HOME["title"]: "منصة العمل المحلي",
        HOME["hero_title"]: "نداء إلى العمل المحلي من أجل المهاجرين واللاجئين",
        HOME["hero_text"]: (
            "الحكومات المحلية والإقليمية في صميم حوكمة الهجرة والنزوح. أيّدوا إعلان رؤساء "
            "بلديات مراكش، وشاركوا عملكم المحلي، وتعلّموا من نظرائكم حول العالم."
        ),
        HOME["summary"]: (
            "منصة الحملة والمعرفة التي تعمل فيها الحكومات المحلية والإقليمية من أجل المهاجرين "
            "واللاجئين."
        ),
        HOME["intro"]: (
            "على المستوى المحلي نرى مقاربات عملية ومبدئية تضع الإنسان في المركز، تسبق "
            "التزامات الأطر العالمية وتتجاوزها، مثل الميثاق العالمي من أجل الهجرة الآمنة "
            "والمنظمة والنظامية، والميثاق العالمي بشأن اللاجئين، وخطة التنمية المستدامة لعام 2030."
        ),
    },
}

ABOUT_PARAGRAPHS = [
    (
        "In 2018, UN member states adopted a Global Compact on Refugees (GCR) and a Global "
        "Compact for Safe, Regular and Orderly Migration (GCM) to set international standards "
        "and a pathway forward to achieving common goals on migration and refugee protection. "
        "Reviewed every four years, they serve as the roadmap for the years to come."
    ),
    (
        "Upon the adoption of the Compacts, mayors endorsed the Marrakech Mayors Declaration, "
        "pledging to advance the principles and objectives of the Compacts, to continue to "
        "participate internationally, and to take direct action within their communities to "
        "improve the lives of migrants and refugees. Critically, mayors agreed it was essential "
        "to advance both Compacts in unison rather than addressing migrants and refugees as "
        "fundamentally separate populations."
    ),
    (
        "The Call to Local Action for Migrants and Refugees was launched at the first "
        "International Migration Review Forum (IMRF) in 2022 by the GFMD Mayors Mechanism "
        "partners (the Mayors Migration Council, United Cities and Local Governments and the "
        "International Organization for Migration) together with UNHCR. It creates an official "
        "track for cities and regions to commit to the Global Compacts."
    ),
    (
        "Mayors were historically excluded from national and international policymaking. City "
        "diplomacy elevates mayors and their local actions to global stages, delivers joint "
        "city advocacy campaigns, and creates bridges for cities to influence national and "
        "global change-makers."
    ),
]

PRIVACY_PARAGRAPHS = [
    (
        "We collect the personal data you give us in our forms (endorsements, local-action "
        "submissions and event registrations) only to process your request and to contact you "
        "about it."
    ),
    (
        "Endorsers are listed publicly only with their consent. Event registrations are seen "
        "only by the event managers and are deleted a few months after the event. You can "
        "cancel a registration at any time with the link in your confirmation email."
    ),
]

PARTNERS = [
    ("Mayors Migration Council", "MMC", "https://www.mayorsmigrationcouncil.org/"),
    ("United Cities and Local Governments", "UCLG", "https://www.uclg.org/"),
    ("International Organization for Migration", "IOM", "https://www.iom.int/"),
    ("UN Refugee Agency", "UNHCR", "https://www.unhcr.org/"),
    ("GFMD Mayors Mechanism", "GFMD MM", "https://www.gfmd.org/"),
]

FOOTER = (
    "Local Action Hub runs the Call to Local Action for Migrants and Refugees, with local and "
    "regional governments and their partners."
)
FOOTER_TRANSLATIONS = {
    "fr": (
        "La Plateforme d'action locale porte l'Appel à l'action locale pour les migrants et les "
        "réfugiés, avec les collectivités locales et régionales et leurs partenaires."
    ),
    "es": (
        "La Plataforma de acción local impulsa el Llamado a la acción local por las personas "
        "migrantes y refugiadas, con los gobiernos locales y regionales y sus socios."
    ),
    "ar": (
        "تدير منصة العمل المحلي النداء إلى العمل المحلي من أجل المهاجرين واللاجئين، مع "
        "الحكومات المحلية والإقليمية وشركائها."
    ),
}


# Main menu order by slug; pages not listed come last, in tree order.
MAIN_MENU_ORDER = ["call-to-local-action", "practices", "events", "news", "learning", "about"]
# Short menu labels where a page's title is too long for the menu.
MENU_LABELS = {
    "call-to-local-action": {
        "en": "Call to Local Action",
        "fr": "Appel à l'action locale",
        "es": "Llamado a la acción local",
        "ar": "النداء إلى العمل المحلي",
    },
    "about": {"en": "About", "fr": "À propos", "es": "Acerca de", "ar": "من نحن"},
}


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def ensure_locales():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def seed_site(ctx):
    """Home page (with fr/es/ar translations), About, Privacy, partners, settings."""
    ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page.
        for placeholder in root.get_children().filter(depth=2).not_type(HomePage):
            placeholder.delete()
        home = HomePage(
            title=HOME["title"],
            slug="home",
            hero_title=HOME["hero_title"],
            hero_text=HOME["hero_text"],
            summary=HOME["summary"],
            body=_paragraphs([HOME["intro"]]),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.log("home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.site_name = "Local Action Hub"
        site.save()
    ctx.home = home
    for code, strings in HOME_TRANSLATIONS.items():
        if not home.has_translation(Locale.objects.get(language_code=code)):
            translate(home, code, strings)
            ctx.log(f"home page in {code}")

    for slug, title, summary, paragraphs, in_menu in [
        (
            "about",
            "About the Call to Local Action",
            "Why local and regional governments commit to the Global Compacts, and who is "
            "behind the Call.",
            ABOUT_PARAGRAPHS,
            True,
        ),
        (
            "privacy",
            "Privacy notice",
            "How we handle the personal data you give us.",
            PRIVACY_PARAGRAPHS,
            False,
        ),
    ]:
        if not home.get_children().filter(slug=slug).exists():
            page = StandardPage(
                title=title,
                slug=slug,
                summary=summary,
                body=_paragraphs(paragraphs),
                show_in_menus=in_menu,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            ctx.log(f"{title}")

    default_locale = Locale.get_default()
    for order, (name, short, url) in enumerate(PARTNERS):
        Partner.objects.get_or_create(
            name=name,
            locale=default_locale,
            defaults={"short_name": short, "url": url, "sort_order": order},
        )
    footer = FooterText.objects.filter(locale=default_locale).first()
    if footer is None:
        footer = FooterText.objects.create(body=FOOTER, locale=default_locale)
    for code, text in FOOTER_TRANSLATIONS.items():
        if not footer.has_translation(Locale.objects.get(language_code=code)):
            translate(footer, code, {FOOTER: text})

    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:
        site_settings.organisation_name = "Local Action Hub"
        site_settings.tagline = "Call to Local Action for Migrants and Refugees"
        site_settings.contact_email = "hello@localactionhub.example"
        site_settings.newsletter_url = "https://localactionhub.example/newsletter/"
        site_settings.linkedin_url = "https://www.linkedin.com/company/localactionhub-example/"
        site_settings.save()


@transaction.atomic
def seed_navigation(ctx):
    """Main menu: the home page's children shown in menus; footer: About and Privacy."""
    home = ctx.home
    order = {slug: i for i, slug in enumerate(MAIN_MENU_ORDER)}
    in_menu = sorted(
        home.get_children().live().in_menu(), key=lambda page: order.get(page.slug, len(order))
    )
    wanted = {
        NavigationMenu.MAIN: in_menu,
        NavigationMenu.FOOTER: list(
            home.get_children().live().filter(slug__in=["about", "privacy"])
        ),
    }
    default_locale = Locale.get_default()
    for slot, pages in wanted.items():
        menu, _ = NavigationMenu.objects.get_or_create(slot=slot, locale=default_locale)
        current = [(item.link_page_id, item.label) for item in menu.items.all()]
        labels = [MENU_LABELS.get(page.slug, {}).get("en", "") for page in pages]
        if current != [(page.id, label) for page, label in zip(pages, labels, strict=True)]:
            menu.items = [
                NavigationItem(link_page=page, sort_order=i, label=label)
                for i, (page, label) in enumerate(zip(pages, labels, strict=True))
            ]
            menu.save()
            ctx.log(f"{menu.get_slot_display()}: {len(pages)} links")
            changed = True
        else:
            changed = False
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            locale = Locale.objects.get(language_code=code)
            if changed or not menu.has_translation(locale):
                translated = {
                    names["en"]: names[code] for names in MENU_LABELS.values() if code in names
                }
                translate(menu, code, translated)


def _stored_credentials():
    if CREDENTIALS_FILE.exists():
        return json.loads(CREDENTIALS_FILE.read_text())
    return {}


def ensure_user(ctx, username, *, superuser=False, groups=(), last_name="User"):
    """A demo login with a generated password, kept (outside git) across runs.

    Apps call this for their own roles (moderator, event manager).
    """
    stored = ctx.credentials or _stored_credentials()
    password = stored.get(username)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None or not password or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@localactionhub.example")
        user.set_password(password)
    user.is_staff = True
    user.is_superuser = superuser
    user.first_name = "Demo"
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
    """An administrator and a Communications editor."""
    ctx.credentials.update({k: v for k, v in _stored_credentials().items()})
    ensure_user(ctx, "admin", superuser=True, last_name="Administrator")
    ensure_user(ctx, "editor", groups=["Communications"], last_name="Editor")


def save_credentials(ctx):
    known = {name: ctx.credentials[name] for name in ctx.users}
    CREDENTIALS_FILE.write_text(json.dumps(known, indent=2))
    CREDENTIALS_FILE.chmod(0o600)
    return known


def format_credentials(credentials):
    lines = ["", f"Admin logins ({settings.WAGTAILADMIN_BASE_URL}/admin/):"]
    for username, password in credentials.items():
        lines.append(f"  {username:<14} {password}")
    lines.append(f"(kept in {CREDENTIALS_FILE.name}, outside git)")
    return "\n".join(lines)
