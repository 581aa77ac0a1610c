"""Validation à l'entrée des règles : des messages français qui nomment le champ.

Les modèles pydantic des situations lèvent ``ValidationError`` (en anglais) ; ``erreurs_fr``
les traduit en ``ErreurSituation``, une liste (champ, message) que le formulaire affiche à côté
de chaque champ et que la ligne de commande imprime.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError


class ErreurSituation(ValueError):
    """Une situation invalide. ``erreurs`` : liste de (champ, message en français)."""

    def __init__(self, erreurs: list[tuple[str, str]], libelles: dict[str, str] | None = None):
        self.erreurs = erreurs
        self.libelles = libelles or {}
        super().__init__(self.message())

    def par_champ(self) -> dict[str, str]:
        champs: dict[str, str] = {}
        for champ, msg in self.erreurs:
            champs[champ] = f"{champs[champ]} {msg}" if champ in champs else msg
        return champs

    def message(self) -> str:
        lignes = []
        for champ, msg in self.erreurs:
            nom = self.libelles.get(champ, champ)
            lignes.append(f"Champ « {champ} » ({nom}) : {msg}" if nom != champ else f"Champ « {champ} » : {msg}")
        return "\n".join(lignes)


_FORMAT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_iso(valeur: Any) -> Any:
    """Accepte une date ou une chaîne AAAA-MM-JJ ; refuse le reste (nombres, dates-heures)."""
    if valeur is None or (isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime)):
        return valeur
    if isinstance(valeur, str):
        texte = valeur.strip()
        if texte == "":
            return None
        try:
            if not _FORMAT_DATE.fullmatch(texte):
                raise ValueError(texte)
            return dt.date.fromisoformat(texte)
        except ValueError:
            raise PydanticCustomError(
                "kit", "« {valeur} » n'est pas une date valable (format attendu : AAAA-MM-JJ).",
                {"valeur": valeur[:40]},
            ) from None
    return _refuser_date(valeur)


def _refuser_date(valeur: Any):
    raise PydanticCustomError(
        "kit", "une date est attendue, au format AAAA-MM-JJ (reçu : {valeur}).", {"valeur": repr(valeur)[:40]}
    )


DateISO = Annotated[dt.date | None, BeforeValidator(_date_iso)]


_MESSAGES = {
    "missing": "ce champ est obligatoire.",
    "extra_forbidden": "champ inconnu.",
    "bool_type": "réponse attendue : vrai ou faux (true ou false).",
    "bool_parsing": "réponse attendue : vrai ou faux (true ou false).",
    "int_type": "un nombre entier est attendu.",
    "int_parsing": "un nombre entier est attendu.",
    "int_from_float": "un nombre entier est attendu (sans décimale).",
    "string_type": "un texte est attendu.",
    "string_too_short": "ce champ ne peut pas être vide.",
    "string_too_long": "texte trop long.",
    "greater_than_equal": "la valeur doit être au moins {ge}.",
    "less_than_equal": "la valeur doit être au plus {le}.",
    "literal_error": "valeur non admise ; valeurs possibles : {expected}.",
    "model_type": "un objet JSON (dictionnaire de champs) est attendu.",
    "dict_type": "un objet JSON (dictionnaire de champs) est attendu.",
}


def erreurs_fr(exc: ValidationError, libelles: dict[str, str] | None = None) -> ErreurSituation:
    """Traduit une ``ValidationError`` pydantic en ``ErreurSituation`` française."""
    erreurs = []
    for e in exc.errors(include_url=False):
        champ = ".".join(str(x) for x in e["loc"]) or "situation"
        if e["type"] == "kit":
            msg = e["msg"]
        else:
            modele = _MESSAGES.get(e["type"], "valeur invalide.")
            try:
                msg = modele.format(**(e.get("ctx") or {}))
            except (KeyError, IndexError):
                msg = modele
        if e["type"] == "extra_forbidden" and libelles:
            msg = "champ inconnu. Champs admis : " + ", ".join(libelles) + "."
        erreurs.append((champ, msg))
    return ErreurSituation(erreurs, libelles)


def valider_modele(modele: type[BaseModel], contenu: Any, libelles: dict[str, str], racine: str = "situation", contexte: dict | None = None):
    """Valide ``contenu`` ; lève ``ErreurSituation`` (messages français, champ nommé par son chemin,
    par exemple ``subsides.0.tranches.1.pourcentage``)."""
    if isinstance(contenu, modele):
        return contenu
    if not isinstance(contenu, dict):
        raise ErreurSituation([(racine, "un objet JSON (dictionnaire de champs) est attendu.")], libelles)
    try:
        return modele.model_validate(contenu, context=contexte)
    except ErreurChamp as exc:
        raise ErreurSituation([(exc.champ, exc.message)], libelles) from None
    except ValidationError as exc:
        traduites = erreurs_fr(exc, libelles).erreurs
        erreurs = []
        for e, (champ, message) in zip(exc.errors(include_url=False), traduites):
            cause = (e.get("ctx") or {}).get("error")
            if isinstance(cause, ErreurChamp):  # une erreur de cohérence : le champ qu'elle nomme
                champ = f"{champ}.{cause.champ}" if e["loc"] else cause.champ
                message = cause.message
            erreurs.append((champ, message))
        raise ErreurSituation(erreurs, libelles) from None


def choix(valeurs: tuple[str, ...]):
    """Un validateur « une valeur parmi » dont le message est en français."""
    def _verifier(v: Any) -> Any:
        if v not in valeurs:
            raise PydanticCustomError("kit", "valeur non admise (reçu : « {v} ») ; valeurs possibles : {c}.",
                                      {"v": str(v)[:40], "c": ", ".join(x for x in valeurs if x is not None)})
        return v
    return BeforeValidator(_verifier)


class ErreurChamp(ValueError):
    """Levée par un validateur de modèle pour nommer le champ fautif (chemin relatif au modèle)."""

    def __init__(self, champ: str, message: str):
        self.champ, self.message = champ, message
        super().__init__(message)
