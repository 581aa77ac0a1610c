"""Lecture des fichiers YAML que les formateurs et les juristes modifient (paramètres, quiz, cas) :
une erreur de syntaxe devient un message français qui nomme le fichier, la ligne et la colonne."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def lire_yaml(chemin: Path, erreur: type[Exception]) -> Any:
    """Le contenu de ``chemin`` ; lève ``erreur`` (message en français) s'il est absent ou illisible."""
    try:
        return yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise erreur(f"Fichier introuvable : {chemin}") from None
    except UnicodeDecodeError as exc:
        raise erreur(f"{chemin} : le fichier n'est pas en UTF-8 (octet {exc.start}).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ou = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        raise erreur(f"{chemin}{ou} : YAML illisible ({getattr(exc, 'problem', None) or exc}).") from None
