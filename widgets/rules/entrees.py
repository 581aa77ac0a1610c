"""Les contrôles d'entrée que partagent les jeux de règles : un code de pays, une commune belge,
une date qui n'est pas dans le futur. Chacun lève une erreur pydantic en français (type « kit »),
que ``widgets.rules.validation`` rattache au champ fautif."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationInfo
from pydantic_core import PydanticCustomError

from widgets import data
from widgets.rules import pays
from widgets.rules.decision import date_fr


def code_pays(v: str) -> str:
    """Le code ISO à deux lettres, en majuscules ; XX pour une personne apatride."""
    code = v.upper()
    if not pays.est_connu(code):
        raise PydanticCustomError(
            "kit", "« {v} » n'est pas un code de pays connu : utilisez le code ISO à deux lettres (MA, SY, UA, PT, BR...) "
            "ou XX pour une personne apatride.", {"v": v[:40]})
    return code


def commune_connue(v: Any) -> str | None:
    """Le nom ou le code INS d'une commune belge que le kit connaît ; vide → ``None``."""
    if v is None or v == "":
        return None
    texte = str(v)
    if data.trouver_commune(texte) is None:
        proches = data.suggestions(texte)
        aide = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else " Indiquez le nom d'une commune belge ou son code INS (5 chiffres)."
        raise PydanticCustomError("kit", "commune inconnue : « {v} ».{aide}", {"v": texte[:80], "aide": aide})
    return texte


def date_passee(v: dt.date | None, info: ValidationInfo) -> dt.date | None:
    """Une date au plus tard aujourd'hui (``aujourdhui`` du contexte de validation, sinon la vraie
    date), au plus tard la date de référence si le contexte en donne une, et après 1900."""
    if v is None:
        return v
    contexte = info.context or {}
    aujourdhui = contexte.get("aujourdhui") or dt.date.today()
    reference = contexte.get("date_reference")
    if v > aujourdhui:
        raise PydanticCustomError("kit", "la date du {d} est dans le futur (aujourd'hui : {a}).", {"d": date_fr(v), "a": date_fr(aujourdhui)})
    if reference and v > reference:
        raise PydanticCustomError("kit", "la date du {d} est postérieure à la date de référence ({r}).", {"d": date_fr(v), "r": date_fr(reference)})
    if v.year < 1900:
        raise PydanticCustomError("kit", "la date du {d} est invraisemblable (avant 1900).", {"d": date_fr(v)})
    return v
