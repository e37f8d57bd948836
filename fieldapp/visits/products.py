"""Product categories the app knows, with their names on screen and on paper.

The keys are the warranty policy's category keys (``resources/policy``); a test checks that
every category here has a policy entry.
"""

from __future__ import annotations

from fieldapp.i18n import QT_TRANSLATE_NOOP

CATEGORIES: dict[str, str] = {
    "rice_cooker": QT_TRANSLATE_NOOP("products", "Rice cooker"),
    "induction_cooker": QT_TRANSLATE_NOOP("products", "Induction cooker"),
    "electric_kettle": QT_TRANSLATE_NOOP("products", "Electric kettle"),
    "refrigerator": QT_TRANSLATE_NOOP("products", "Refrigerator"),
    "air_conditioner": QT_TRANSLATE_NOOP("products", "Air conditioner"),
    "washing_machine": QT_TRANSLATE_NOOP("products", "Washing machine"),
    "television": QT_TRANSLATE_NOOP("products", "Television"),
    "water_heater": QT_TRANSLATE_NOOP("products", "Water heater"),
}

SALES_CHANNELS: dict[str, str] = {
    "store": QT_TRANSLATE_NOOP("products", "In store"),
    "online": QT_TRANSLATE_NOOP("products", "Online"),
    "phone": QT_TRANSLATE_NOOP("products", "By phone"),
    "tv": QT_TRANSLATE_NOOP("products", "TV shopping"),
    "mail": QT_TRANSLATE_NOOP("products", "Mail order"),
}
