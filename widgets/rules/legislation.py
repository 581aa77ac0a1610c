"""La loi comme donnée : lecture des fichiers de paramètres datés (``parametres/*.yaml``).

Chaque paramètre a des valeurs indexées par leur date de prise d'effet, chacune avec sa
référence légale et, si le fait n'est pas établi, un texte ``incertain`` que le kit montre à
l'utilisateur. ``valeur(nom, date)`` rend la valeur en vigueur à cette date.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widgets.fichiers import lire_yaml

DOSSIER_PARAMETRES = Path(__file__).with_name("parametres")


class ValeurDatee(BaseModel):
    """Une valeur d'un paramètre, en vigueur à partir de ``depuis``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    depuis: dt.date
    valeur: Any
    reference: str
    url: str | None = None
    incertain: str | None = None

    def source(self) -> str:
        """La référence, suivie de l'adresse quand il y en a une."""
        return f"{self.reference} — {self.url}" if self.url else self.reference


class Parametre(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nom: str
    description: str
    unite: str
    valeurs: tuple[ValeurDatee, ...] = Field(min_length=1)

    def a_la_date(self, date: dt.date) -> ValeurDatee | None:
        """La valeur en vigueur à ``date``, ou ``None`` si le kit n'en connaît aucune."""
        en_vigueur = None
        for v in self.valeurs:  # triées par date croissante au chargement
            if v.depuis <= date:
                en_vigueur = v
        return en_vigueur


class Bareme(BaseModel):
    """Le contenu d'un fichier de paramètres."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    titre: str
    derniere_revue: dt.date
    a_revoir_apres: dt.date
    couverture_debut: dt.date
    parametres: dict[str, Parametre]

    def valeur(self, nom: str, date: dt.date) -> ValeurDatee | None:
        return self.parametres[nom].a_la_date(date)

    def peut_etre_perime(self, date: dt.date) -> bool:
        """Vrai si ``date`` dépasse la date après laquelle ces paramètres doivent être revus."""
        return date > self.a_revoir_apres


class ParametresInvalides(ValueError):
    """Un fichier de paramètres mal formé ; le message nomme le fichier et la clé."""


def _en_bareme(chemin: Path, brut: Any) -> Bareme:
    if not isinstance(brut, dict):
        raise ParametresInvalides(f"{chemin} : le fichier doit contenir un dictionnaire YAML.")
    parametres = {}
    for nom, contenu in (brut.get("parametres") or {}).items():
        if not isinstance(contenu, dict) or not isinstance(contenu.get("valeurs"), dict):
            raise ParametresInvalides(f"{chemin}, paramètre « {nom} » : il manque « valeurs ».")
        valeurs = [
            {"depuis": depuis, **(v if isinstance(v, dict) else {"valeur": v})}
            for depuis, v in contenu["valeurs"].items()
        ]
        parametres[nom] = {
            **{k: v for k, v in contenu.items() if k != "valeurs"},
            "nom": nom,
            "valeurs": sorted(valeurs, key=lambda v: str(v["depuis"])),
        }
    try:
        return Bareme.model_validate({**brut, "parametres": parametres})
    except ValidationError as exc:
        e = exc.errors()[0]
        lieu = " > ".join(str(x) for x in e["loc"])
        raise ParametresInvalides(f"{chemin}, clé « {lieu} » : valeur invalide ({e['msg']}).") from None


@lru_cache(maxsize=None)
def charger(nom: str) -> Bareme:
    """Charge ``parametres/<nom>.yaml`` (une seule fois par processus)."""
    chemin = DOSSIER_PARAMETRES / f"{nom}.yaml"
    brut = lire_yaml(chemin, ParametresInvalides)
    return _en_bareme(chemin, brut)
