"""Ce que rend un jeu de règles : une décision qui s'explique.

Une ``Decision`` porte un statut, ses motifs (code, texte français, référence), la trace
ordonnée des conditions examinées (laquelle a tranché), les avertissements (valeurs incertaines
ou à revoir) et des détails propres au jeu de règles. Aucun booléen nu n'arrive à l'apprenant.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def date_fr(d: dt.date) -> str:
    """« 1er mars 2026 », « 23 novembre 2026 »."""
    return f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"


@dataclasses.dataclass(frozen=True)
class Motif:
    code: str
    texte: str
    reference: str
    incertain: str | None = None


@dataclasses.dataclass(frozen=True)
class Etape:
    """Une condition examinée, dans l'ordre : sa question, la réponse et si elle a tranché."""

    code: str
    question: str
    reponse: str
    reference: str
    decisive: bool = False


@dataclasses.dataclass(frozen=True)
class Echeance:
    date: dt.date
    libelle: str
    reference: str
    approximative: bool = False
    incertain: str | None = None


@dataclasses.dataclass(frozen=True)
class Decision:
    statut: str
    libelle: str
    motifs: tuple[Motif, ...]
    trace: tuple[Etape, ...]
    date_reference: dt.date
    avertissements: tuple[str, ...] = ()
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    def en_dict(self) -> dict[str, Any]:
        return _jsonable(dataclasses.asdict(self))

    def en_json(self) -> str:
        return json.dumps(self.en_dict(), ensure_ascii=False, indent=2)


def _jsonable(valeur: Any) -> Any:
    if isinstance(valeur, dict):
        return {k: _jsonable(v) for k, v in valeur.items()}
    if isinstance(valeur, (list, tuple)):
        return [_jsonable(v) for v in valeur]
    if dataclasses.is_dataclass(valeur) and not isinstance(valeur, type):
        return _jsonable(dataclasses.asdict(valeur))
    if isinstance(valeur, (dt.date, dt.datetime)):
        return valeur.isoformat()
    return valeur
