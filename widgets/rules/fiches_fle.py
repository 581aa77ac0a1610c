"""Les fiches d'activités des rencontres pédagogiques FLE : leur format, leur validation, leur filtre.

Un fichier YAML, qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/fiches-fle.yaml``), décrit des fiches construites à
partir des thèmes du module « Accueil et communication interculturelle » : titre, thème, niveau(x)
visé(s) (alpha, A1, A2, B1, B2), durée, objectifs communicatifs et interculturels, matériel, déroulé
en étapes (dont la somme des durées fait la durée de la fiche), variantes pour un niveau plus bas
ou plus haut, évaluation.

Ce module est pur (ni ipywidgets, ni IPython) :

- ``charger(chemin)`` lit et valide le fichier ; toute erreur devient ``FichierInvalide``, dont
  chaque message (en français) nomme le fichier, la ligne, la fiche et le champ ;
- ``filtrer(fiches, niveau=..., theme=..., duree_max=...)`` garde les fiches qui conviennent.

En ligne de commande ::

    python -m widgets.rules.fiches_fle --niveau A2 --theme guichet --duree-max 60
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets import fichiers

__all__ = ["NIVEAUX", "THEMES", "Catalogue", "Fiche", "FichierInvalide", "charger", "filtrer"]

# Les niveaux, du plus bas au plus haut. « alpha » n'est pas un niveau du CECRL : il désigne les
# apprenants peu ou pas scolarisés qui apprennent en même temps l'oral et l'écrit. Les descriptions
# sont un résumé du kit, pas les descripteurs officiels (à lire sur le site du Conseil de l'Europe).
NIVEAUX: dict[str, str] = {
    "alpha": "alpha : apprenants peu ou pas scolarisés, qui découvrent l'écrit (pas un niveau du CECRL)",
    "A1": "A1 : utilisateur élémentaire ; mots et phrases très simples sur soi et ses besoins immédiats",
    "A2": "A2 : utilisateur élémentaire ; échanges simples et courants sur des sujets familiers",
    "B1": "B1 : utilisateur indépendant ; se débrouiller au quotidien, raconter, donner brièvement son avis",
    "B2": "B2 : utilisateur indépendant ; argumenter, discuter avec aisance de sujets concrets ou abstraits",
}

THEMES: dict[str, str] = {
    "stereotypes": "Stéréotypes et préjugés (séance 1)",
    "incidents-critiques": "Incidents critiques (séance 2)",
    "interprete": "Travailler avec un interprète (séance 3)",
    "guichet": "Accueillir au guichet (séance 4)",
    "medias": "Médias et représentations (séance 5)",
}

Texte = Annotated[str, Field(min_length=1)]
Identifiant = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Minutes = Annotated[int, Field(ge=1, le=240)]


class FichierInvalide(fichiers.FichierInvalide):
    """Un catalogue de fiches invalide. ``erreurs`` : les messages, chacun nommant fichier, ligne, fiche et champ."""


class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Etape(_Modele):
    titre: Texte
    duree_minutes: Minutes
    consigne: Texte


class Variantes(_Modele):
    plus_bas: Texte
    plus_haut: Texte


class Fiche(_Modele):
    id: Identifiant
    titre: Texte
    theme: str
    niveaux: Annotated[list[str], Field(min_length=1)]
    duree_minutes: Annotated[int, Field(ge=10, le=240)]
    public: Texte
    objectifs_communicatifs: Annotated[list[Texte], Field(min_length=1)]
    objectifs_interculturels: Annotated[list[Texte], Field(min_length=1)]
    materiel: Annotated[list[Texte], Field(min_length=1)]
    deroule: Annotated[list[Etape], Field(min_length=2)]
    variantes: Variantes
    evaluation: Texte
    precautions: list[Texte] = []

    @field_validator("theme")
    @classmethod
    def _theme_connu(cls, v: str) -> str:
        if v not in THEMES:
            raise ValueError(f"thème « {v} » inconnu (valeurs permises : {', '.join(THEMES)})")
        return v

    @field_validator("niveaux")
    @classmethod
    def _niveaux_connus(cls, v: list[str]) -> list[str]:
        for n in v:
            if n not in NIVEAUX:
                raise ValueError(f"niveau « {n} » inconnu (valeurs permises : {', '.join(NIVEAUX)})")
        if len(set(v)) != len(v):
            raise ValueError("un niveau est répété")
        ordre = list(NIVEAUX)
        return sorted(v, key=ordre.index)

    @model_validator(mode="after")
    def _durees_coherentes(self):
        total = sum(e.duree_minutes for e in self.deroule)
        if total != self.duree_minutes:
            raise ValueError(f"la somme des durées du déroulé ({total} min) ne correspond pas à « duree_minutes » "
                             f"({self.duree_minutes} min)")
        return self

    @property
    def libelle_niveaux(self) -> str:
        return ", ".join(self.niveaux)


class Catalogue(_Modele):
    titre: Texte
    fiches: Annotated[list[Fiche], Field(min_length=1)]

    def fiche(self, ident: str) -> Fiche:
        for f in self.fiches:
            if f.id == ident:
                return f
        raise KeyError(ident)


# Les éléments que les messages d'erreur nomment (« fiche n° 2 (id « x »), étape du déroulé n° 3 »).
NOMS = {Fiche: "fiche", Etape: "étape du déroulé"}


def charger(chemin: Path | str) -> Catalogue:
    """Lit et valide un catalogue de fiches ; lève ``FichierInvalide`` (fichier, ligne, fiche, champ)."""
    catalogue, lecture = fichiers.valider(chemin, Catalogue, FichierInvalide, NOMS)
    erreurs = []
    vus: dict[str, int] = {}
    for n, f in enumerate(catalogue.fiches):
        if f.id in vus:
            erreurs.append(lecture.message(["fiches", n, "id"], f"champ « id » : l'identifiant « {f.id} » est déjà pris "
                                           f"par la fiche n° {vus[f.id] + 1}", f"fiche n° {n + 1} (id « {f.id} »)"))
        vus.setdefault(f.id, n)
    if erreurs:
        raise FichierInvalide(erreurs)
    return catalogue


def filtrer(fiches: Iterable[Fiche], niveau: str | None = None, theme: str | None = None,
            duree_max: int | None = None) -> list[Fiche]:
    """Les fiches qui visent ``niveau``, portent sur ``theme`` et durent au plus ``duree_max`` minutes
    (un critère à ``None`` ou vide ne filtre pas). Un niveau ou un thème inconnu lève ``ValueError``."""
    if niveau and niveau not in NIVEAUX:
        raise ValueError(f"niveau « {niveau} » inconnu (valeurs permises : {', '.join(NIVEAUX)})")
    if theme and theme not in THEMES:
        raise ValueError(f"thème « {theme} » inconnu (valeurs permises : {', '.join(THEMES)})")
    if duree_max is not None and (isinstance(duree_max, bool) or not isinstance(duree_max, int) or duree_max < 0):
        raise ValueError("la durée maximale est un nombre entier de minutes")
    return [f for f in fiches
            if (not niveau or niveau in f.niveaux)
            and (not theme or f.theme == theme)
            and (not duree_max or f.duree_minutes <= duree_max)]


# --- Ligne de commande --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Liste (et vérifie) les fiches d'activités FLE du module.")
    parser.add_argument("fichier", nargs="?", default="modules/communication-interculturelle/donnees/fiches-fle.yaml")
    parser.add_argument("--niveau", choices=list(NIVEAUX))
    parser.add_argument("--theme", choices=list(THEMES))
    parser.add_argument("--duree-max", type=int, dest="duree_max")
    parser.add_argument("--json", action="store_true", help="les fiches retenues, complètes, en JSON")
    args = parser.parse_args(argv)
    try:
        catalogue = charger(args.fichier)
    except FichierInvalide as exc:
        print(f"{len(exc.erreurs)} erreur(s) à corriger :", file=sys.stderr)
        for e in exc.erreurs:
            print(f"- {e}", file=sys.stderr)
        return 1
    retenues = filtrer(catalogue.fiches, args.niveau, args.theme, args.duree_max)
    if args.json:
        print(json.dumps([f.model_dump() for f in retenues], ensure_ascii=False, indent=2))
    else:
        for f in retenues:
            print(f"{f.id} : {f.titre} ({THEMES[f.theme]} ; {f.libelle_niveaux} ; {f.duree_minutes} min)")
        print(f"{len(retenues)} fiche(s) sur {len(catalogue.fiches)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
