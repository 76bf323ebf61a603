"""Vietnamese by default, English on request; the English catalog is complete and compiled."""

import ast
import gettext
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from motcua.catalog.templatetags.catalog_tags import hours, workdays

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


def _unquote(line: str) -> str:
    # A .po string is a C-style quoted string, which Python's literal syntax reads the same.
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: their flags and their msgid/msgid_plural/msgstr fields."""
    entries: list[dict] = []
    entry: dict | None = None
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            entry = None
            continue
        if entry is None:
            entry = {"flags": set(), "fields": {}}
            entries.append(entry)
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry["fields"][key] += _unquote(line)
        else:
            key, _space, rest = line.partition(" ")
            entry["fields"][key] = _unquote(rest)
    return [e for e in entries if "msgid" in e["fields"]]


@pytest.mark.django_db
def test_home_page_is_vietnamese_by_default(client):
    html = client.get("/").content.decode()
    assert 'lang="vi"' in html
    assert "Thủ tục hành chính" in html
    assert "Administrative procedures" not in html


@pytest.mark.django_db
def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=False)
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Administrative procedures" in html
    assert "Log in" in html
    assert "Thủ tục hành chính" not in html

    catalog = client.get("/thu-tuc/").content.decode()
    assert 'lang="en"' in catalog
    assert "<h1>Administrative procedures</h1>" in catalog
    assert "Search procedures" in catalog


@pytest.mark.django_db
def test_language_switch_back_to_vietnamese(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="vi"' in html and "Thủ tục hành chính" in html


def test_working_days_and_hours_take_the_english_plural():
    with translation.override("en"):
        assert workdays(Decimal("1")) == "1 working day"
        assert workdays(Decimal("5.0")) == "5 working days"
        assert workdays(Decimal("0.5")).endswith(" working days")
        assert hours(Decimal("1")) == "1 hour"
        assert hours(Decimal("16")) == "16 hours"
    with translation.override("vi"):
        assert workdays(Decimal("1")) == "1 ngày làm việc"
        assert hours(Decimal("16")) == "16 giờ"


def test_every_english_message_is_translated_and_not_fuzzy():
    entries = parse_po(PO_FILE)
    header, messages = entries[0], entries[1:]
    assert header["fields"]["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["fields"]["msgstr"]
    assert len(messages) > 100

    untranslated = []
    for entry in messages:
        fields = entry["fields"]
        strings = [v for k, v in fields.items() if k.startswith("msgstr")]
        if "fuzzy" in entry["flags"] or not strings or not all(s.strip() for s in strings):
            untranslated.append(fields["msgid"])
        if "msgid_plural" in fields:
            assert {"msgstr[0]", "msgstr[1]"} <= fields.keys(), fields["msgid"]
    assert untranslated == []


def test_compiled_catalog_matches_the_po_file():
    """The committed .mo is what the server reads; it must not lag behind the .po."""
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in parse_po(PO_FILE)[1:]:
        fields = entry["fields"]
        msgid = fields["msgid"]
        if "msgid_plural" in fields:
            plural = fields["msgid_plural"]
            assert compiled.ngettext(msgid, plural, 1) == fields["msgstr[0]"], msgid
            assert compiled.ngettext(msgid, plural, 2) == fields["msgstr[1]"], msgid
        else:
            assert compiled.gettext(msgid) == fields["msgstr"], msgid


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="vi"' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert 'lang="en"' in page.content.decode()
