"""English and Khmer ship complete: every server-side message has a Khmer translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KM_CATALOG = ROOT / "locale" / "km" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None, "ngettext_lazy": (1, 2)}


def load_catalog() -> dict[str, str | tuple[str, ...]]:
    with KM_CATALOG.open("rb") as file:
        catalog = read_po(file, locale="km")
    assert not catalog.fuzzy, "the Khmer catalog header is marked fuzzy, so it would not be compiled"
    messages: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if message.id and not message.fuzzy:
            source = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            messages[str(source)] = message.string if isinstance(message.string, tuple) else str(message.string or "")
    return messages


def test_every_khmer_message_is_translated_with_the_same_placeholders() -> None:
    for source, translation in load_catalog().items():
        text = translation[0] if isinstance(translation, tuple) else translation
        assert text, f"untranslated: {source!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            f"placeholders differ: {source!r}"
        )


def test_every_message_in_the_python_code_is_in_the_khmer_catalog() -> None:
    catalog = load_catalog()
    missing = []
    for app in ("workspace", "groups", "advocacy", "policybank"):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / app, method_map=[("**/migrations/**", "ignore"), ("**.py", "python")], keywords=KEYWORDS
        ):
            source = message[0] if isinstance(message, tuple) else message
            if source and source not in catalog:
                missing.append(f"{app}/{filename}: {source}")
    assert not missing, "run `manage.py makemessages -l km` and translate:\n" + "\n".join(missing)
