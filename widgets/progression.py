"""La progression d'une apprenante autonome : séances ouvertes, terminées, scores des quiz.

Elle est gardée dans un seul fichier JSON du dossier de données de l'utilisatrice sur cet
ordinateur (``platformdirs`` : ``~/.local/share/kit-integration-wallonie`` sous Linux,
``%LOCALAPPDATA%\\kit-integration-wallonie`` sous Windows, ``~/Library/Application Support/…``
sous macOS). Pas de compte, rien n'est envoyé : le fichier ne quitte pas l'ordinateur, et
« Effacer ma progression » le supprime.

Quand le kit est servi à une salle (``make serve-classe``, variable ``KIT_SALLE``), la
progression n'est ni lue ni écrite : tous les apprenants partagent alors le même ordinateur
serveur. ``KIT_PROGRESSION`` désigne un autre dossier (tests, clé USB) ; ``KIT_PROGRESSION=0``
la coupe.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

APPLICATION = "kit-integration-wallonie"
FICHIER = "progression.json"
VARIABLE = "KIT_PROGRESSION"
VERSION = 1


def active() -> bool:
    """Vrai quand la progression est gardée : pas en salle de formation, pas coupée."""
    return not os.environ.get("KIT_SALLE") and os.environ.get(VARIABLE) != "0"


def dossier() -> Path:
    autre = os.environ.get(VARIABLE)
    return Path(autre) if autre and autre != "0" else user_data_path(APPLICATION, appauthor=False)


def chemin() -> Path:
    return dossier() / FICHIER


def _vide() -> dict[str, Any]:
    return {"version": VERSION, "seances": {}}


def lire() -> tuple[dict[str, Any], str]:
    """La progression et, s'il y a lieu, un message français sur un fichier abîmé (mis de côté, pas effacé)."""
    f = chemin()
    if not f.exists():
        return _vide(), ""
    try:
        donnees = json.loads(f.read_text(encoding="utf-8"))
        if not isinstance(donnees, dict) or not isinstance(donnees.get("seances"), dict):
            raise ValueError("structure inattendue")
        return donnees, ""
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        # Rien n'est perdu : le fichier illisible est renommé à côté, et l'on repart de zéro.
        copie = f.with_name(f"progression-illisible-{dt.datetime.now():%Y%m%d-%H%M%S}.json")
        try:
            f.replace(copie)
            ou = f"Il a été mis de côté sous le nom {copie.name}."
        except OSError:
            ou = "Il n'a pas pu être mis de côté."
        return _vide(), f"Le fichier de progression {f} était illisible ({exc}). {ou} La progression repart de zéro."


def _ecrire(donnees: dict[str, Any]) -> None:
    f = chemin()
    f.parent.mkdir(parents=True, exist_ok=True)
    # Écriture atomique : un fichier à côté, puis un renommage (jamais un fichier à moitié écrit).
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=f.parent, suffix=".tmp", delete=False) as t:
        json.dump(donnees, t, ensure_ascii=False, indent=1)
    os.replace(t.name, f)


def _maintenant() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _maj(seance: str, modifier) -> dict[str, Any] | None:
    if not active() or not seance:
        return None
    donnees, _ = lire()
    fiche = donnees["seances"].setdefault(seance, {})
    modifier(fiche)
    try:
        _ecrire(donnees)
    except OSError:
        return None  # disque plein, dossier protégé : la séance continue, sans progression
    return fiche


def ouverte(seance: str) -> dict[str, Any] | None:
    """Note qu'une séance (chemin relatif à la racine du kit) a été ouverte."""
    return _maj(seance, lambda f: (f.setdefault("ouverte", _maintenant()), f.__setitem__("vue", _maintenant())))


def terminee(seance: str, oui: bool = True) -> dict[str, Any] | None:
    def maj(f):
        if oui:
            f["terminee"] = _maintenant()
        else:
            f.pop("terminee", None)
    return _maj(seance, maj)


def quiz(seance: str, fichier: str, score: int, verifiees: int, total: int) -> dict[str, Any] | None:
    """Le dernier état d'un quiz (fichier de questions) d'une séance : bonnes réponses, questions
    vérifiées, total, et le meilleur score atteint."""
    def maj(f):
        tous = f.setdefault("quiz", {})
        ancien = tous.get(fichier, {}) if isinstance(tous.get(fichier), dict) else {}
        tous[fichier] = {"score": score, "verifiees": verifiees, "total": total, "date": _maintenant(),
                         "meilleur": max(score, int(ancien.get("meilleur", 0)))}
    return _maj(seance, maj)


def effacer() -> bool:
    """Supprime le fichier de progression ; vrai s'il y en avait un."""
    f = chemin()
    if f.exists():
        f.unlink()
        return True
    return False
