"""Lecture des fichiers YAML que les formateurs et les juristes modifient (paramètres, quiz, cas) :
une erreur de syntaxe devient un message français qui nomme le fichier, la ligne et la colonne."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def lire_yaml_avec_lignes(chemin: Path, erreur: type[Exception]) -> tuple[Any, Callable[[Sequence[Any]], int | None]]:
    """Le contenu de ``chemin`` et une fonction qui rend la ligne (à partir de 1) d'un élément
    désigné par son chemin (``("cas", 3, "etapes", "e2", "choix", 0)``, celui des erreurs de
    pydantic), pour qu'un message puisse dire « ligne 42 » à la personne qui corrige le fichier.
    Un chemin qui s'arrête en route (champ manquant) donne la ligne de l'élément qui le contient."""
    contenu = lire_yaml(chemin, erreur)
    try:
        racine = yaml.compose(chemin.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # pragma: no cover - lire_yaml a déjà refusé un fichier illisible
        racine = None

    def ligne(loc: Sequence[Any]) -> int | None:
        noeud = racine
        if noeud is None:
            return None
        for cle in loc:
            suivant = None
            if isinstance(noeud, yaml.MappingNode):
                suivant = next((v for k, v in noeud.value if isinstance(k, yaml.ScalarNode) and k.value == str(cle)), None)
            elif isinstance(noeud, yaml.SequenceNode) and isinstance(cle, int) and 0 <= cle < len(noeud.value):
                suivant = noeud.value[cle]
            if suivant is None:
                break
            noeud = suivant
        return noeud.start_mark.line + 1

    return contenu, ligne
