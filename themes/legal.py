"""The marketplace's legal texts as Wagtail pages: operating regulations, privacy policy, complaint policy and terms.

``ensure_legal_pages`` creates the ones missing under the home page from themes/fixtures/legal_pages.json (three
languages each), published and marked as drafts awaiting legal review: `manage.py seed_reference_data` (run by every
release and by `make run`) and the demo loader call it, so a fresh site links to real pages from its first start, and
an editor's changes survive it. The footer links to them by their slugs, without a query (``legal_url``).

The privacy policy's version, which a sign-up's consent records, is PRIVACY_POLICY_VERSION when set, else the privacy
page's published revision: an editor who publishes a new policy starts a new version.
"""

import json
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from themes.home import ensure_home_page
from themes.models import LegalPage

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "legal_pages.json"

# Where each text lives under the home page (the footer builds its links from these).
LEGAL_SLUGS = {
    LegalPage.Kind.REGULATIONS: "quy-che-hoat-dong",
    LegalPage.Kind.PRIVACY: "chinh-sach-bao-mat",
    LegalPage.Kind.COMPLAINTS: "chinh-sach-khieu-nai",
    LegalPage.Kind.TERMS: "dieu-khoan-su-dung",
}


def legal_texts():
    """The demo texts, one dict per page: kind, title, intro and body, each {"vi": ..., "en": ..., "zh_hans": ...}."""
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def localized(field, texts):
    return {f"{field}_{box}": text for box, text in texts.items() if not (field == "display_title" and box == "vi")}


def ensure_legal_pages():
    """Create and publish the legal pages that are missing (found by kind, wherever an editor moved them); returns
    how many were created."""
    home = ensure_home_page()
    created = 0
    for text in legal_texts():
        if LegalPage.objects.filter(kind=text["kind"]).exists():
            continue
        page = home.add_child(
            instance=LegalPage(
                title=text["title"]["vi"],
                slug=LEGAL_SLUGS[text["kind"]],
                kind=text["kind"],
                awaiting_legal_review=True,
                **localized("display_title", text["title"]),
                **localized("intro", text["intro"]),
                **localized("body", text["body"]),
            )
        )
        page.save_revision().publish()
        created += 1
    return created


def legal_url(kind):
    """The address of a legal page in the active language, built from its slug (no query: the footer is everywhere).
    Should an editor change the slug, Wagtail's automatic redirect keeps the old address working."""
    return reverse("wagtail_serve", args=[f"{LEGAL_SLUGS[kind]}/"])


def privacy_page():
    return LegalPage.objects.live().filter(kind=LegalPage.Kind.PRIVACY).order_by("pk").first()


def privacy_policy_version():
    """What a consent records as the policy's version: the setting, else "r<revision>/<date published>"."""
    if settings.PRIVACY_POLICY_VERSION:
        return settings.PRIVACY_POLICY_VERSION
    page = privacy_page()
    if page is None or page.live_revision_id is None:
        return "unpublished"
    published = page.last_published_at.date().isoformat() if page.last_published_at else ""
    return f"r{page.live_revision_id}/{published}"
