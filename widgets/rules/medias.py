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
- ``valider_yaml`` et ``ligne`` sont génériques : ``widgets.rules.fiches_fle`` s'en sert aussi.

En ligne de commande, pour vérifier un fichier avant la séance ::

    python -m widgets.rules.medias modules/communication-interculturelle/donnees/grille-medias.yaml
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
M = TypeVar("M", bound=BaseModel)


class FichierInvalide(ValueError):
    """Un fichier invalide. ``erreurs`` : les messages, chacun nommant fichier, ligne, élément et champ."""

    def __init__(self, erreurs: Iterable[str]):
        self.erreurs = list(erreurs)
        super().__init__("\n".join(self.erreurs))


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


# --- Validation générique d'un fichier YAML (partagée avec fiches_fle) ---------------------------

def _noeud(racine: yaml.Node | None, chemin: list[Any]) -> yaml.Node | None:
    """Le nœud YAML atteint en suivant ``chemin`` ; s'il s'interrompt (champ absent), le dernier atteint."""
    noeud = racine
    for pas in chemin:
        if isinstance(noeud, yaml.MappingNode):
            for k, v in noeud.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(pas):
                    noeud = v
                    break
            else:
                return noeud
        elif isinstance(noeud, yaml.SequenceNode) and isinstance(pas, int) and 0 <= pas < len(noeud.value):
            noeud = noeud.value[pas]
        else:
            return noeud
    return noeud


def ligne(racine: yaml.Node | None, chemin: list[Any]) -> int:
    """La ligne (à partir de 1) du YAML où se trouve l'élément désigné par ``chemin``."""
    noeud = _noeud(racine, chemin)
    return noeud.start_mark.line + 1 if noeud is not None else 1


def _cles_repetees(racine: yaml.Node | None) -> list[tuple[int, str, int]]:
    trouvees: list[tuple[int, str, int]] = []
    a_voir = [racine] if racine is not None else []
    while a_voir:
        noeud = a_voir.pop()
        if isinstance(noeud, yaml.MappingNode):
            vues: dict[str, int] = {}
            for k, v in noeud.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in vues:
                        trouvees.append((k.start_mark.line + 1, k.value, vues[k.value]))
                    else:
                        vues[k.value] = k.start_mark.line + 1
                a_voir.append(v)
        elif isinstance(noeud, yaml.SequenceNode):
            a_voir.extend(noeud.value)
    return sorted(trouvees)


def decrire_lieu(brut: Any, loc: list[Any], elements: Mapping[str, str]) -> str:
    """« exemple n° 2 (id « x »), champ « corrige.voix » » : les listes nommées dans ``elements``
    (clé YAML -> nom de l'élément) deviennent des éléments numérotés ; le reste forme le champ."""
    morceaux: list[str] = []
    champ: list[str] = []
    courant = brut
    i = 0
    while i < len(loc):
        pas = loc[i]
        suivant = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(pas, str) and pas in elements and isinstance(suivant, int):
            try:
                element = courant[pas][suivant]
            except (KeyError, IndexError, TypeError):
                element = None
            ident = element.get("id") if isinstance(element, dict) else None
            if champ:  # un champ intermédiaire (rare) reste lisible
                morceaux.append(f"champ « {'.'.join(champ)} »")
                champ = []
            morceaux.append(f"{elements[pas]} n° {suivant + 1}" + (f" (id « {ident} »)" if ident else ""))
            courant = element
            i += 2
            continue
        if isinstance(pas, int):
            champ.append(f"élément n° {pas + 1}")
        elif pas != "[key]":
            champ.append(str(pas))
        try:
            courant = courant[pas]
        except (KeyError, IndexError, TypeError):
            courant = None
        i += 1
    if champ:
        morceaux.append(f"champ « {'.'.join(champ)} »")
    return ", ".join(morceaux)


def en_francais(erreur: dict) -> str:
    """Le message d'une erreur pydantic, dit en français."""
    type_, ctx, valeur = erreur["type"], erreur.get("ctx") or {}, erreur.get("input")
    if type_ == "missing":
        return "champ obligatoire absent"
    if type_ == "extra_forbidden":
        return "champ inconnu (faute de frappe ?)"
    if type_ == "string_pattern_mismatch":
        return f"identifiant invalide « {valeur} » (lettres minuscules sans accents, chiffres, tirets et soulignés)"
    if type_ == "string_too_short":
        return "ne doit pas être vide"
    if type_ == "too_short":
        return f"il faut au moins {ctx.get('min_length')} élément(s) ; il y en a {ctx.get('actual_length', 0)}"
    if type_ == "string_type":
        return "il faut un texte"
    if type_ in ("int_type", "int_parsing", "int_from_float"):
        return "il faut un nombre entier"
    if type_ == "greater_than_equal":
        return f"il faut un nombre au moins égal à {ctx.get('ge')}"
    if type_ == "less_than_equal":
        return f"il faut un nombre au plus égal à {ctx.get('le')}"
    if type_ in ("bool_type", "bool_parsing"):
        return "il faut « true » ou « false »"
    if type_ == "list_type":
        return "il faut une liste (une ligne par élément, commençant par « - »)"
    if type_ in ("model_type", "model_attributes_type", "dict_type"):
        return "il faut un bloc de champs « nom: valeur »"
    if type_ == "value_error":
        return erreur["msg"].removeprefix("Value error, ")
    return f"valeur invalide ({erreur['msg']})"


def valider_yaml(chemin: Path | str, modele: type[M], elements: Mapping[str, str]) -> tuple[M, yaml.Node | None]:
    """Lit ``chemin`` et le valide avec ``modele`` ; renvoie (objet, racine YAML pour les lignes).
    Lève ``FichierInvalide`` : YAML illisible (ligne, colonne), clé répétée, ou une erreur par champ,
    chacune nommant le fichier, la ligne, l'élément et le champ."""
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FichierInvalide([f"Fichier introuvable : {chemin}"]) from None
    except UnicodeDecodeError as exc:
        raise FichierInvalide([f"{chemin} : le fichier n'est pas en UTF-8 (octet {exc.start})."]) from None
    try:
        racine = yaml.compose(texte, Loader=yaml.SafeLoader)
        brut = yaml.safe_load(texte)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ou = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        probleme = getattr(exc, "problem", None) or str(exc)
        message = (f"{chemin}{ou} : YAML illisible ({probleme}). Vérifiez l'indentation "
                   "(des espaces, pas de tabulations) et les guillemets.")
        raise FichierInvalide([message]) from None
    if not isinstance(brut, dict):
        attendus = ", ".join(f"« {c} »" for c in modele.model_fields if modele.model_fields[c].is_required())
        raise FichierInvalide([f"{chemin}, ligne 1 : le fichier doit être un bloc de champs ({attendus})."])
    erreurs = [f"{chemin}, ligne {n} : la clé « {cle} » apparaît deux fois dans le même bloc "
               f"(première fois ligne {premiere}) ; la seconde effacerait la première."
               for n, cle, premiere in _cles_repetees(racine)]
    if erreurs:
        raise FichierInvalide(erreurs)
    try:
        objet = modele.model_validate(brut)
    except ValidationError as exc:
        for e in exc.errors(include_url=False):
            loc = list(e["loc"])
            lieu = decrire_lieu(brut, loc, elements)
            lieu = f" ({lieu})" if lieu else ""
            erreurs.append(f"{chemin}, ligne {ligne(racine, [p for p in loc if p != '[key]'])}{lieu} : {en_francais(e)}.")
        raise FichierInvalide(erreurs) from None
    return objet, racine


# --- Le chargement de la grille -----------------------------------------------------------------

ELEMENTS = {"rubriques": "rubrique", "questions": "question", "options": "option", "exemples": "exemple"}


def charger(chemin: Path | str) -> Grille:
    """Lit et valide une grille et ses exemples ; lève ``FichierInvalide`` (fichier, ligne, élément, champ)."""
    chemin = Path(chemin)
    grille, racine = valider_yaml(chemin, Grille, ELEMENTS)
    erreurs = _controles(grille, racine, chemin)
    if erreurs:
        raise FichierInvalide(erreurs)
    return grille


def _controles(grille: Grille, racine: yaml.Node | None, chemin: Path) -> list[str]:
    """Ce que le schéma ne voit pas : identifiants uniques, corrigé complet et cohérent avec la grille."""
    erreurs: list[str] = []

    def dire(pas: list[Any], lieu: str, message: str) -> None:
        erreurs.append(f"{chemin}, ligne {ligne(racine, pas)} ({lieu}) : {message}.")

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
