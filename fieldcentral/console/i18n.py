"""The console's one message catalogue: GNU gettext ``.po`` files read with Babel.

English source text is the message id (as in the app's Qt catalogues), so English needs no
catalogue and can never lack a string; Simplified Chinese, the default, is
``locale/zh_CN/LC_MESSAGES/console.po``. Messages are extracted from the templates
(``_("…")``) and from Python (``_``, ``N_``, ``ngettext``) by ``scripts/console_i18n.sh``
(``pybabel extract`` + ``update``), and ``tests/console/test_catalogue.py`` fails while any
extracted message lacks a Chinese translation or its placeholders differ. The ``.po`` is
compiled in memory at first use: no binary ``.mo`` in the repository to go stale.
Placeholders are ``str.format`` fields: ``_("Case {number} registered").format(number=n)``.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from fieldcentral.errors import CentralError, ConsoleError, Msg, Msgs, Words

LANGUAGES = ("zh_CN", "en")
DEFAULT = "zh_CN"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "console"
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


def po_path(language: str) -> Path:
    """Where the catalogue of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: the source text itself)."""
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def pick(language: str | None) -> str:
    """``language`` if the console has it, else the default (Chinese)."""
    return language if language in LANGUAGES else DEFAULT


def from_header(accept_language: str | None) -> str:
    """The language an ``Accept-Language`` header asks for first, among ours (default zh_CN)."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return DEFAULT


def gettext_for(language: str) -> gettext.NullTranslations:
    """The translations object of ``language`` (``.gettext`` / ``.ngettext``)."""
    return translations(pick(language))


def translate(language: str, msgid: str, **params: object) -> str:
    """``msgid`` in ``language``, its ``{placeholders}`` filled in."""
    catalogue = gettext_for(language)
    text = catalogue.gettext(msgid)
    if not params:
        return text
    return text.format(**{k: _param(v, language, catalogue) for k, v in params.items()})


def _param(value: object, language: str, catalogue: gettext.NullTranslations) -> object:
    """A placeholder's value in ``language`` (:class:`~fieldcentral.errors.Words` and
    :class:`~fieldcentral.errors.Msg` are words, anything else is shown as it is)."""
    if isinstance(value, Words):
        return str(value) if pick(language) == "en" else value.zh
    if isinstance(value, Msg):
        return catalogue.gettext(str(value))
    if isinstance(value, Msgs):
        return " / ".join(catalogue.gettext(str(v)) for v in value)
    return value


def error_text(language: str, exc: CentralError) -> str:
    """The message of a known failure in ``language`` (other errors keep their English)."""
    if isinstance(exc, ConsoleError):
        return translate(language, exc.msgid, **exc.params)
    return exc.message
