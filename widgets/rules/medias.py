"""Médias et représentations : la grille d'analyse, les exemples fictifs et leur corrigé.

Un fichier YAML, qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/grille-medias.yaml``), décrit :

- la **grille** : des rubriques (qui parle, quels mots, quelles images, quel cadrage, ce qui manque,
  les sources et les chiffres, le titre et le contenu), chacune avec ses questions et leurs options ;
  une question accepte plusieurs réponses (cases à cocher) ou une seule (``multiple: false``) ;
- des **exemples** d'articles, de titres ou de publications, tous écrits pour le kit et signalés
  « exemple fictif écrit pour le kit », chacun avec son **corrigé pour l'animateur** : pour chaque
  rubrique, les options que la grille fait apparaître et un commentaire.

Ce module est pur (ni ipywidgets, ni IPython) :

- ``charger(chemin)`` lit et valide le fichier ; toute erreur devient ``FichierInvalide``, dont
  chaque message (en français) nomme le fichier, la ligne du YAML, l'élément et le champ ;
- ``comparer(grille, exemple, reponses)`` confronte les réponses d'un participant ou d'un groupe
  au corrigé : ce qui est repéré, ce qui reste à regarder, ce qui est à discuter ;

En ligne de commande, pour vérifier un fichier avant la séance ::

    python -m widgets.rules.medias modules/communication-interculturelle/donnees/grille-medias.yaml
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets import fichiers
from widgets.fichiers import Lecture

MENTION_FICTIF = "exemple fictif écrit pour le kit"

FORMATS: dict[str, str] = {
    "article": "article",
    "breve": "brève",
    "titre": "titre",
    "comparaison": "deux titres à comparer",
    "portrait": "portrait",
    "reportage": "reportage",
    "reseau_social": "publication sur un réseau social",
    "video": "vidéo courte",
}

PUBLICS: dict[str, str] = {"adolescents": "adolescents (dès 15 ans)", "adultes": "adultes"}

Texte = Annotated[str, Field(min_length=1)]
Identifiant = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_-]*$")]


class FichierInvalide(fichiers.FichierInvalide):
    """Une grille invalide. ``erreurs`` : les messages, chacun nommant fichier, ligne, élément et champ."""


# --- Le format ----------------------------------------------------------------------------------

class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(_Modele):
    id: Identifiant
    libelle: Texte


class Question(_Modele):
    id: Identifiant
    texte: Texte
    multiple: bool = True
    options: Annotated[list[Option], Field(min_length=2)]

    def option(self, ident: str) -> Option:
        for o in self.options:
            if o.id == ident:
                return o
        raise KeyError(ident)


class Rubrique(_Modele):
    id: Identifiant
    titre: Texte
    aide: Texte
    questions: Annotated[list[Question], Field(min_length=1)]


class CorrigeRubrique(_Modele):
    """Pour une rubrique : les options attendues de chaque question et le commentaire de l'animateur."""

    reponses: dict[str, list[str]]
    commentaire: Texte


class Exemple(_Modele):
    id: Identifiant
    titre: Texte
    format: str
    publics: Annotated[list[str], Field(min_length=1)]
    mention: Texte
    support: Texte
    titre_media: Texte
    texte: Texte
    image: str = ""
    corrige: dict[str, CorrigeRubrique]
    reecriture: Texte
    a_retenir: Texte
    questions_groupe: list[Texte] = []
    precaution: str = ""

    @field_validator("format")
    @classmethod
    def _format_connu(cls, v: str) -> str:
        if v not in FORMATS:
            raise ValueError(f"format « {v} » inconnu (valeurs permises : {', '.join(FORMATS)})")
        return v

    @field_validator("publics")
    @classmethod
    def _publics_connus(cls, v: list[str]) -> list[str]:
        for p in v:
            if p not in PUBLICS:
                raise ValueError(f"public « {p} » inconnu (valeurs permises : {', '.join(PUBLICS)})")
        return v

    @field_validator("mention")
    @classmethod
    def _fictif(cls, v: str) -> str:
        if MENTION_FICTIF not in v.lower():
            raise ValueError(f"chaque exemple doit être signalé « {MENTION_FICTIF} » (jamais un texte copié d'un vrai média)")
        return v


class Grille(_Modele):
    titre: Texte
    introduction: Texte
    rubriques: Annotated[list[Rubrique], Field(min_length=1)]
    exemples: Annotated[list[Exemple], Field(min_length=1)]

    def questions(self) -> list[tuple[Rubrique, Question]]:
        return [(r, q) for r in self.rubriques for q in r.questions]

    def question(self, ident: str) -> Question:
        for _r, q in self.questions():
            if q.id == ident:
                return q
        raise KeyError(ident)

    def exemple(self, ident: str) -> Exemple:
        for e in self.exemples:
            if e.id == ident:
                return e
        raise KeyError(ident)


# --- Le chargement de la grille -----------------------------------------------------------------

# Les éléments que les messages d'erreur nomment (« rubrique n° 1 (id « voix »), question n° 2 »).
NOMS = {Rubrique: "rubrique", Question: "question", Option: "option", Exemple: "exemple"}


def charger(chemin: Path | str) -> Grille:
    """Lit et valide une grille et ses exemples ; lève ``FichierInvalide`` (fichier, ligne, élément, champ)."""
    grille, lecture = fichiers.valider(chemin, Grille, FichierInvalide, NOMS)
    erreurs = _controles(grille, lecture)
    if erreurs:
        raise FichierInvalide(erreurs)
    return grille


def _controles(grille: Grille, lecture: Lecture) -> list[str]:
    """Ce que le schéma ne voit pas : identifiants uniques, corrigé complet et cohérent avec la grille."""
    erreurs: list[str] = []

    def dire(pas: list[Any], lieu: str, message: str) -> None:
        erreurs.append(lecture.message(pas, message, lieu))

    vues_r: dict[str, int] = {}
    vues_q: dict[str, str] = {}
    for i, r in enumerate(grille.rubriques):
        lieu_r = f"rubrique n° {i + 1} (id « {r.id} »)"
        if r.id in vues_r:
            dire(["rubriques", i, "id"], lieu_r, f"champ « id » : l'identifiant « {r.id} » est déjà pris par la rubrique n° {vues_r[r.id] + 1}")
        vues_r.setdefault(r.id, i)
        for j, q in enumerate(r.questions):
            lieu_q = f"{lieu_r}, question n° {j + 1} (id « {q.id} »)"
            if q.id in vues_q:
                dire(["rubriques", i, "questions", j, "id"], lieu_q,
                     f"champ « id » : l'identifiant « {q.id} » est déjà pris dans la rubrique « {vues_q[q.id]} »")
            vues_q.setdefault(q.id, r.id)
            vues_o: set[str] = set()
            for k, o in enumerate(q.options):
                if o.id in vues_o:
                    dire(["rubriques", i, "questions", j, "options", k, "id"], f"{lieu_q}, option n° {k + 1}",
                         f"champ « id » : l'option « {o.id} » apparaît deux fois dans la question")
                vues_o.add(o.id)

    rubriques = {r.id: r for r in grille.rubriques}
    vues_e: dict[str, int] = {}
    for n, ex in enumerate(grille.exemples):
        lieu_e = f"exemple n° {n + 1} (id « {ex.id} »)"
        base = ["exemples", n]
        if ex.id in vues_e:
            dire([*base, "id"], lieu_e, f"champ « id » : l'identifiant « {ex.id} » est déjà pris par l'exemple n° {vues_e[ex.id] + 1}")
        vues_e.setdefault(ex.id, n)
        for rid in ex.corrige:
            if rid not in rubriques:
                dire([*base, "corrige", rid], lieu_e,
                     f"champ « corrige.{rid} » : la rubrique « {rid} » n'existe pas (rubriques : {', '.join(rubriques)})")
        for rid, r in rubriques.items():
            if rid not in ex.corrige:
                dire([*base, "corrige"], lieu_e, f"champ « corrige » : il manque le corrigé de la rubrique « {rid} »")
                continue
            cr = ex.corrige[rid]
            questions = {q.id: q for q in r.questions}
            for qid in cr.reponses:
                if qid not in questions:
                    dire([*base, "corrige", rid, "reponses", qid], lieu_e,
                         f"champ « corrige.{rid}.reponses.{qid} » : la question « {qid} » n'est pas dans la rubrique "
                         f"« {rid} » (questions : {', '.join(questions)})")
            for qid, q in questions.items():
                champ = f"corrige.{rid}.reponses.{qid}"
                if qid not in cr.reponses:
                    dire([*base, "corrige", rid, "reponses"], lieu_e, f"champ « {champ} » : réponse attendue absente")
                    continue
                attendues = cr.reponses[qid]
                options = [o.id for o in q.options]
                for oid in attendues:
                    if oid not in options:
                        dire([*base, "corrige", rid, "reponses", qid], lieu_e,
                             f"champ « {champ} » : l'option « {oid} » n'existe pas (options : {', '.join(options)})")
                if not attendues:
                    dire([*base, "corrige", rid, "reponses", qid], lieu_e, f"champ « {champ} » : indiquez au moins une option")
                elif not q.multiple and len(attendues) != 1:
                    dire([*base, "corrige", rid, "reponses", qid], lieu_e,
                         f"champ « {champ} » : la question n'accepte qu'une réponse ; il en faut exactement une")
                elif len(set(attendues)) != len(attendues):
                    dire([*base, "corrige", rid, "reponses", qid], lieu_e, f"champ « {champ} » : une option est répétée")
    return erreurs


# --- La comparaison avec le corrigé -------------------------------------------------------------

@dataclass(frozen=True)
class Ecart:
    """Pour une question : ce qui est repéré (attendu et coché), oublié (attendu, pas coché) et en plus
    (coché, le corrigé ne le retient pas : à discuter, pas forcément faux)."""

    rubrique: Rubrique
    question: Question
    reperes: tuple[Option, ...]
    oublies: tuple[Option, ...]
    en_plus: tuple[Option, ...]

    @property
    def repondu(self) -> bool:
        return bool(self.reperes or self.en_plus)

    @property
    def complet(self) -> bool:
        return not self.oublies and not self.en_plus


def attendues(exemple: Exemple, rubrique: Rubrique, question: Question) -> list[Option]:
    """Les options que le corrigé retient pour cette question, dans l'ordre de la grille."""
    ids = set(exemple.corrige[rubrique.id].reponses.get(question.id, []))
    return [o for o in question.options if o.id in ids]


def comparer(grille: Grille, exemple: Exemple, reponses: Mapping[str, Iterable[str] | str | None]) -> list[Ecart]:
    """Confronte ``reponses`` (id de question -> id d'option(s) cochée(s)) au corrigé de l'exemple.
    Une question absente compte comme sans réponse ; une question ou une option inconnue lève
    ``ValueError`` (message en français)."""
    connues = {q.id for _r, q in grille.questions()}
    for qid in reponses:
        if qid not in connues:
            raise ValueError(f"question « {qid} » inconnue dans la grille")
    ecarts = []
    for r, q in grille.questions():
        brut = reponses.get(q.id)
        choisies = {brut} if isinstance(brut, str) else set(brut or ())
        ids = {o.id for o in q.options}
        inconnues = choisies - ids
        if inconnues:
            raise ValueError(f"question « {q.id} » : option(s) inconnue(s) {', '.join(sorted(inconnues))}")
        if not q.multiple and len(choisies) > 1:
            raise ValueError(f"question « {q.id} » : une seule réponse possible")
        att = {o.id for o in attendues(exemple, r, q)}
        ecarts.append(Ecart(
            rubrique=r, question=q,
            reperes=tuple(o for o in q.options if o.id in att & choisies),
            oublies=tuple(o for o in q.options if o.id in att - choisies),
            en_plus=tuple(o for o in q.options if o.id in choisies - att),
        ))
    return ecarts


def bilan(ecarts: Iterable[Ecart]) -> tuple[int, int]:
    """(points repérés, points attendus) sur l'ensemble de la grille."""
    ecarts = list(ecarts)
    return sum(len(e.reperes) for e in ecarts), sum(len(e.reperes) + len(e.oublies) for e in ecarts)


# --- Ligne de commande --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie une grille d'analyse des médias et ses exemples.")
    parser.add_argument("fichier", nargs="?", default="modules/communication-interculturelle/donnees/grille-medias.yaml")
    args = parser.parse_args(argv)
    try:
        grille = charger(args.fichier)
    except FichierInvalide as exc:
        print(f"{len(exc.erreurs)} erreur(s) à corriger :", file=sys.stderr)
        for e in exc.erreurs:
            print(f"- {e}", file=sys.stderr)
        return 1
    print(f"Fichier valide : {len(grille.rubriques)} rubriques, {len(grille.questions())} questions, "
          f"{len(grille.exemples)} exemples fictifs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
