"""Translations for the Qt-free core and the command line.

There is one translation catalogue: Qt Linguist's ``resources/i18n/fieldapp_zh_CN.ts``. The
desktop UI loads it compiled (``.qm``) through ``QTranslator``; the core, which must not import
Qt, reads the same ``.ts`` XML here. Core messages are marked with :func:`QT_TRANSLATE_NOOP` so
``pyside6-lupdate`` collects them like any UI string. English is the source language;
Simplified Chinese is the default.

Placeholders are ``{name}`` (``str.format``) everywhere, in the core and in the UI.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fieldapp.resources import resource_path

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_language: str | None = None
_chosen = False


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; returns it unchanged."""
    return source


def set_language(language: str) -> None:
    """Choose the language of messages for this process (``zh_CN`` or ``en``)."""
    global _language, _chosen
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    _language = language
    _chosen = True


def language_was_chosen() -> bool:
    """True once :func:`set_language` was called explicitly (e.g. ``--lang``)."""
    return _chosen


def current_language() -> str:
    """The language set by :func:`set_language`, else ``$FIELDAPP_LANG``, else Chinese."""
    if _language is not None:
        return _language
    env = os.environ.get("FIELDAPP_LANG", "")
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> dict[tuple[str, str], str]:
    """The finished translations of ``language`` as ``{(context, source): translation}``."""
    if language == "en":
        return {}
    path = resource_path("i18n", f"fieldapp_{language}.ts")
    entries: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in {"unfinished", "obsolete", "vanished"}:
                continue
            entries[(name, msg.findtext("source", ""))] = tr.text or ""
    return entries


def translate(context: str, source: str, language: str | None = None, **params: Any) -> str:
    """Translate ``source`` into ``language`` (default: the current one) and fill placeholders."""
    text = catalogue(language or current_language()).get((context, source), source)
    return text.format(**params) if params else text


@dataclass(frozen=True)
class Message:
    """A user-facing message kept untranslated until shown, so each front end can pick the
    language (the UI through Qt, the command line through :func:`translate`)."""

    context: str
    source: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the current one)."""
        params = {k: _param_text(v, language) for k, v in self.params.items()}
        return translate(self.context, self.source, language, **params)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class MessageList:
    """Several messages shown as one list ("客户、故障描述" / "Customer, Fault reported"),
    each translated on its own."""

    items: tuple[Message, ...]

    def text(self, language: str | None = None) -> str:
        separator = "、" if (language or current_language()) == "zh_CN" else ", "
        return separator.join(item.text(language) for item in self.items)

    def __str__(self) -> str:
        return self.text()


def _param_text(value: Any, language: str | None) -> Any:
    return value.text(language) if isinstance(value, Message | MessageList) else value
