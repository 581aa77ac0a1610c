"""Les jeux de rôle « Accueillir au guichet » : le format des ingrédients, leur validation et le
générateur de scénarios.

Un fichier YAML, qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/scenarios-guichet.yaml``), décrit des **lieux**
(guichet d'une commune, accueil d'un CPAS…), des **personnes** fictives (âge, situation, langues,
niveau de français indicatif A0 à B2, état émotionnel), des **demandes** (chacune dit dans quels
lieux elle a du sens), des **complications** (file d'attente, colère, enfant qui traduit…), les
consignes générales des trois rôles et une **grille d'observation**.

``generer(donnees, graine, niveau_difficulte)`` compose un ``Scenario`` **reproductible** : le
tirage ne dépend que de la graine et des données (``random.Random(graine)``, jamais le hasard
global). Le même numéro redonne donc le même scénario, dans une autre salle ou l'année suivante,
tant que le fichier n'a pas changé : on peut rejouer un scénario ou le partager en donnant son
numéro.

Ce module est pur (ni ipywidgets, ni IPython) :

- ``charger(chemin)`` lit et valide un fichier ; toute erreur devient ``FichierInvalide``, dont
  chaque message (en français) nomme le fichier, la ligne du YAML, l'élément et le champ ;
- ``lire_graine(valeur)`` lit un numéro de scénario saisi (texte ou entier) ; ``GraineInvalide``
  sinon, avec un message français ;
- ``generer(donnees, graine, niveau_difficulte)`` rend le ``Scenario``.

En ligne de commande ::

    python -m widgets.rules.guichet                      # vérifie le fichier du kit
    python -m widgets.rules.guichet --graine 4821 --difficulte exigeant
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from widgets import fichiers
from widgets.fichiers import Lecture

RACINE = Path(__file__).resolve().parent.parent.parent
CHEMIN_PAR_DEFAUT = RACINE / "modules" / "communication-interculturelle" / "donnees" / "scenarios-guichet.yaml"

# --- Le vocabulaire ---------------------------------------------------------------------------

NIVEAUX_FRANCAIS = ("A0", "A1", "A2", "B1", "B2")

TRAITS: dict[str, str] = {
    "parent": "a au moins un enfant mineur qui vit avec elle ou lui",
    "titre-de-sejour": "n'est pas de nationalité belge et a un titre de séjour en Belgique",
    "primo-arrivant": "est primo-arrivant·e au sens du parcours d'intégration wallon",
    "lecture-difficile": "lit et écrit difficilement",
}

INTENSITES: dict[str, str] = {"legere": "légère", "forte": "forte"}

# niveau de difficulté -> (libellé, explication)
NIVEAUX_DIFFICULTE: dict[str, tuple[str, str]] = {
    "decouverte": ("Découverte", "une complication légère"),
    "intermediaire": ("Intermédiaire", "une complication, légère ou forte"),
    "exigeant": ("Exigeant", "deux complications, dont au moins une forte"),
}

# Les critères que toute grille d'observation doit contenir.
CRITERES_OBLIGATOIRES: dict[str, str] = {
    "communication-verbale": "communication verbale",
    "communication-non-verbale": "communication non verbale",
    "langage-clair": "langage clair",
    "verification-comprehension": "vérification de la compréhension",
    "reformulation": "reformulation",
}

GRAINE_MAX = 999_999
ROLES = ("agent", "usager", "observateurs")

Texte = Annotated[str, Field(min_length=1)]
Identifiant = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class FichierInvalide(fichiers.FichierInvalide):
    """Un fichier d'ingrédients invalide. ``erreurs`` : les messages, chacun nommant le fichier, la
    ligne, l'élément et le champ."""


class GraineInvalide(ValueError):
    """Un numéro de scénario (graine) ou un niveau de difficulté invalide ; message en français."""


# --- Le format ----------------------------------------------------------------------------------

class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _verifier_niveaux(v: list[str] | None) -> list[str] | None:
    for n in v or []:
        if n not in NIVEAUX_FRANCAIS:
            raise ValueError(f"niveau de français « {n} » inconnu (valeurs permises : {', '.join(NIVEAUX_FRANCAIS)})")
    return v


def _verifier_traits(v: list[str]) -> list[str]:
    for t in v:
        if t not in TRAITS:
            raise ValueError(f"trait « {t} » inconnu (valeurs permises : {', '.join(TRAITS)})")
    return v


class NiveauFrancais(_Modele):
    description: Texte
    pour_jouer: Texte


class Lieu(_Modele):
    id: Identifiant
    nom: Texte
    description: Texte
    agent: Texte


class Personne(_Modele):
    id: Identifiant
    nom: Texte
    age: Annotated[StrictInt, Field(ge=16, le=110)]
    situation: Texte
    langues: Annotated[list[Texte], Field(min_length=1)]
    niveau_francais: str
    etat_emotionnel: Texte
    traits: list[str] = []

    verifier_niveau = field_validator("niveau_francais")(lambda v: _verifier_niveaux([v])[0])
    verifier_traits = field_validator("traits")(_verifier_traits)


class Demande(_Modele):
    id: Identifiant
    intitule: Texte
    lieux: Annotated[list[Identifiant], Field(min_length=1)]
    besoin: Texte
    pour_agent: Texte
    documents: list[Texte] = []
    mots_difficiles: list[Texte] = []
    exige: list[str] = []
    niveaux_francais: list[str] | None = None

    verifier_traits = field_validator("exige")(_verifier_traits)
    verifier_niveaux = field_validator("niveaux_francais")(_verifier_niveaux)


class Complication(_Modele):
    id: Identifiant
    intitule: Texte
    public: Texte | None = None
    pour_agent: Texte | None = None
    pour_usager: Texte | None = None
    a_observer: Texte
    intensite: str
    lieux: list[Identifiant] | None = None
    exige: list[str] = []
    niveaux_francais: list[str] | None = None
    incompatible_avec: list[Identifiant] = []
    criteres: list[Identifiant] = []

    verifier_traits = field_validator("exige")(_verifier_traits)
    verifier_niveaux = field_validator("niveaux_francais")(_verifier_niveaux)

    @field_validator("intensite")
    @classmethod
    def _intensite_connue(cls, v: str) -> str:
        if v not in INTENSITES:
            raise ValueError(f"intensité « {v} » inconnue (valeurs permises : {', '.join(INTENSITES)})")
        return v


class Consignes(_Modele):
    agent: Annotated[list[Texte], Field(min_length=1)]
    usager: Annotated[list[Texte], Field(min_length=1)]
    observateurs: Annotated[list[Texte], Field(min_length=1)]


class Critere(_Modele):
    id: Identifiant
    critere: Texte
    question: Texte
    indicateurs: Annotated[list[Texte], Field(min_length=1)]


class DonneesGuichet(_Modele):
    titre: Texte
    deroule: list[Texte] = []
    niveaux_francais: dict[str, NiveauFrancais]
    lieux: Annotated[list[Lieu], Field(min_length=1)]
    personnes: Annotated[list[Personne], Field(min_length=1)]
    demandes: Annotated[list[Demande], Field(min_length=1)]
    complications: Annotated[list[Complication], Field(min_length=1)]
    consignes: Consignes
    grille: Annotated[list[Critere], Field(min_length=1)]

    @field_validator("niveaux_francais")
    @classmethod
    def _tous_les_niveaux(cls, v: dict[str, NiveauFrancais]) -> dict[str, NiveauFrancais]:
        inconnus = [n for n in v if n not in NIVEAUX_FRANCAIS]
        if inconnus:
            raise ValueError(f"niveau « {inconnus[0]} » inconnu (valeurs permises : {', '.join(NIVEAUX_FRANCAIS)})")
        manquants = [n for n in NIVEAUX_FRANCAIS if n not in v]
        if manquants:
            raise ValueError(f"il manque la description du ou des niveaux {', '.join(manquants)}")
        return v

    def lieu(self, ident: str) -> Lieu:
        return next(x for x in self.lieux if x.id == ident)

    def critere(self, ident: str) -> Critere:
        return next(x for x in self.grille if x.id == ident)


# Les listes d'éléments : clé YAML -> (nom de l'élément au singulier, modèle).
_LISTES: dict[str, tuple[str, type[BaseModel]]] = {
    "lieux": ("lieu", Lieu),
    "personnes": ("personne", Personne),
    "demandes": ("demande", Demande),
    "complications": ("complication", Complication),
    "grille": ("critère de la grille", Critere),
}

# Les éléments que les messages d'erreur nomment (« personne n° 3 (id « x ») », « niveau de français « A2 » »).
NOMS: dict[type[BaseModel], str] = {
    **{modele: nom for nom, modele in _LISTES.values()},
    NiveauFrancais: "niveau de français",
    Consignes: "consignes",
}


# --- Le chargement ----------------------------------------------------------------------------

def charger(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> DonneesGuichet:
    """Lit et valide un fichier d'ingrédients ; lève ``FichierInvalide`` dont chaque message nomme
    le fichier, la ligne du YAML, l'élément et le champ."""
    donnees, lecture = fichiers.valider(chemin, DonneesGuichet, FichierInvalide, NOMS)
    erreurs = _controles(donnees, lecture)
    if erreurs:
        raise FichierInvalide(erreurs)
    return donnees


def _controles(d: DonneesGuichet, lecture: Lecture) -> list[str]:
    """Ce que le schéma ne voit pas : ids uniques, renvois qui existent, chaque lieu a au moins une
    demande, chaque demande au moins une personne possible, grille complète."""
    erreurs: list[str] = []

    def dire(liste: str, n: int, ident: str, champ: str | None, message: str, pas: Iterable[Any] = ()) -> None:
        nom = _LISTES[liste][0]
        loc = [liste, n, *([champ] if champ else []), *pas]
        quoi = f"{nom} n° {n + 1} (id « {ident} »)" + (f", champ « {champ} »" if champ else "")
        erreurs.append(lecture.message(loc, message, quoi))

    for liste in _LISTES:
        vus: dict[str, int] = {}
        for n, el in enumerate(getattr(d, liste)):
            if el.id in vus:
                dire(liste, n, el.id, "id", f"l'identifiant « {el.id} » est déjà utilisé par l'élément n° {vus[el.id] + 1}")
            vus.setdefault(el.id, n)

    ids_lieux = [x.id for x in d.lieux]
    ids_complications = [x.id for x in d.complications]
    ids_criteres = [x.id for x in d.grille]
    for n, dem in enumerate(d.demandes):
        for j, li in enumerate(dem.lieux):
            if li not in ids_lieux:
                dire("demandes", n, dem.id, "lieux", f"le lieu « {li} » n'existe pas (lieux du fichier : {', '.join(ids_lieux)})", [j])
        if not any(personne_convient(p, dem) for p in d.personnes):
            dire("demandes", n, dem.id, None, "aucune personne du fichier ne convient à cette demande "
                 "(vérifiez « exige » et « niveaux_francais », ou ajoutez une personne)")
    for n, c in enumerate(d.complications):
        for j, li in enumerate(c.lieux or []):
            if li not in ids_lieux:
                dire("complications", n, c.id, "lieux", f"le lieu « {li} » n'existe pas (lieux du fichier : {', '.join(ids_lieux)})", [j])
        for j, autre in enumerate(c.incompatible_avec):
            if autre == c.id:
                dire("complications", n, c.id, "incompatible_avec", "une complication ne peut pas être incompatible avec elle-même", [j])
            elif autre not in ids_complications:
                dire("complications", n, c.id, "incompatible_avec", f"la complication « {autre} » n'existe pas", [j])
        for j, crit in enumerate(c.criteres):
            if crit not in ids_criteres:
                dire("complications", n, c.id, "criteres", f"le critère « {crit} » n'existe pas dans la grille "
                     f"(critères : {', '.join(ids_criteres)})", [j])
    for n, lieu in enumerate(d.lieux):
        if not any(lieu.id in dem.lieux for dem in d.demandes):
            dire("lieux", n, lieu.id, None, "aucune demande n'a de sens dans ce lieu (ajoutez son id aux « lieux » "
                 "d'au moins une demande, ou supprimez le lieu)")
    manquants = [f"« {i} » ({nom})" for i, nom in CRITERES_OBLIGATOIRES.items() if i not in ids_criteres]
    if manquants:
        erreurs.append(lecture.message(["grille"], f"il manque le ou les critères {', '.join(manquants)} ; "
                                       "la grille d'observation doit les contenir", "grille", cle=True))
    return erreurs


# --- Les compatibilités -----------------------------------------------------------------------

def personne_convient(p: Personne, element: Demande | Complication) -> bool:
    """La personne a les traits exigés et un niveau de français pour lequel l'élément a du sens."""
    if not set(element.exige) <= set(p.traits):
        return False
    return element.niveaux_francais is None or p.niveau_francais in element.niveaux_francais


def complication_possible(c: Complication, lieu: Lieu, personne: Personne) -> bool:
    return (c.lieux is None or lieu.id in c.lieux) and personne_convient(personne, c)


def incompatibles(a: Complication, b: Complication) -> bool:
    return a.id == b.id or a.id in b.incompatible_avec or b.id in a.incompatible_avec


# --- La graine et le niveau -------------------------------------------------------------------

_FOURCHETTE = f"de 0 à {GRAINE_MAX:,}".replace(",", " ")


def lire_graine(valeur: Any) -> int:
    """Le numéro de scénario saisi (« 4821 », « 123 456 », 4821) ; ``GraineInvalide`` sinon."""
    if isinstance(valeur, bool):
        raise GraineInvalide(f"Le numéro du scénario doit être un nombre entier {_FOURCHETTE}.")
    if isinstance(valeur, int):
        texte = str(valeur)
    elif isinstance(valeur, str):
        texte = valeur
    elif valeur is None:
        texte = ""
    else:
        raise GraineInvalide(f"Le numéro du scénario doit être un nombre entier {_FOURCHETTE}.")
    # Les espaces (aussi insécables) séparent les milliers, à la belge : « 123 456 ».
    texte = re.sub(r"[\s\u00a0\u202f]+", "", texte)
    if not texte:
        raise GraineInvalide(f"Indiquez un numéro de scénario : un nombre entier {_FOURCHETTE}.")
    if not re.fullmatch(r"[+-]?[0-9]+", texte):
        court = texte if len(texte) <= 20 else texte[:20] + "…"
        if re.fullmatch(r"[+-]?[0-9]*[.,][0-9]*", texte):
            raise GraineInvalide(f"« {court} » n'est pas un nombre entier : tapez seulement des chiffres, sans virgule ni point.")
        raise GraineInvalide(f"« {court} » n'est pas un nombre : tapez seulement des chiffres ({_FOURCHETTE}).")
    chiffres = texte.lstrip("+-").lstrip("0") or "0"
    if texte.startswith("-") and chiffres != "0":
        raise GraineInvalide(f"Le numéro ne peut pas être négatif : choisissez un nombre {_FOURCHETTE}.")
    if len(chiffres) > len(str(GRAINE_MAX)) or int(chiffres) > GRAINE_MAX:
        court = chiffres if len(chiffres) <= 20 else chiffres[:20] + "…"
        raise GraineInvalide(f"« {court} » est trop grand : le numéro va {_FOURCHETTE}.")
    return int(chiffres)


def lire_niveau(valeur: Any) -> str:
    """Le code du niveau de difficulté (« decouverte », « intermediaire », « exigeant ») ; accepte
    aussi le libellé (« Exigeant ») ; ``GraineInvalide`` sinon."""
    if isinstance(valeur, str):
        v = valeur.strip().lower().replace("é", "e").replace("è", "e")
        if v in NIVEAUX_DIFFICULTE:
            return v
    permis = ", ".join(f"« {code} »" for code in NIVEAUX_DIFFICULTE)
    raise GraineInvalide(f"Niveau de difficulté « {valeur} » inconnu (valeurs permises : {permis}).")


# --- Le scénario ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rubrique:
    """Une rubrique d'une fiche de rôle : un titre et ses phrases."""

    titre: str
    lignes: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    """Un jeu de rôle tiré au sort. ``fiches`` : pour chaque rôle (agent, usager, observateurs), ses
    rubriques ; ``a_suivre`` : les critères de la grille que les complications mettent en jeu."""

    graine: int
    niveau: str
    lieu: Lieu
    personne: Personne
    niveau_francais: NiveauFrancais
    demande: Demande
    complications: tuple[Complication, ...]
    fiches: dict[str, tuple[Rubrique, ...]]
    grille: tuple[Critere, ...]
    a_suivre: tuple[str, ...]
    deroule: tuple[str, ...]

    @property
    def niveau_libelle(self) -> str:
        return NIVEAUX_DIFFICULTE[self.niveau][0]

    @property
    def titre(self) -> str:
        return f"Scénario n° {self.graine} · {self.niveau_libelle}"

    def consignes(self, role: str) -> list[str]:
        """Toutes les phrases de la fiche d'un rôle, à plat."""
        return [ligne for r in self.fiches[role] for ligne in r.lignes]

    def signature(self) -> tuple[str, ...]:
        """Ce qui distingue deux scénarios : les identifiants tirés."""
        return (self.lieu.id, self.personne.id, self.demande.id, *(c.id for c in self.complications))

    def en_texte(self) -> str:
        """Le scénario en texte brut (ligne de commande, impression)."""
        p = self.personne
        lignes = [self.titre, "=" * len(self.titre), "",
                  f"Lieu : {self.lieu.nom}. {self.lieu.description}",
                  f"Personne (personnage fictif) : {p.nom}, {p.age} ans.",
                  f"Demande : {self.demande.intitule}.",
                  "Complications : " + (" ; ".join(f"{c.intitule} ({INTENSITES[c.intensite]})" for c in self.complications) or "aucune"),
                  ""]
        for role, titre in TITRES_FICHES.items():
            lignes += [titre, "-" * len(titre)]
            for r in self.fiches[role]:
                lignes += [f"{r.titre} :", *(f"  - {x}" for x in r.lignes)]
            lignes.append("")
        lignes += ["Grille d'observation", "-" * 20]
        for c in self.grille:
            marque = " (à suivre de près)" if c.id in self.a_suivre else ""
            lignes.append(f"* {c.critere}{marque} : {c.question}")
            lignes += [f"    - {i}" for i in c.indicateurs]
        if self.deroule:
            lignes += ["", "Déroulé", "-" * 7, *(f"- {x}" for x in self.deroule)]
        return "\n".join(lignes)


TITRES_FICHES = {"agent": "Fiche de l'agent", "usager": "Fiche de l'usager", "observateurs": "Fiche des observateurs"}


def _tirer_complications(rng: random.Random, d: DonneesGuichet, lieu: Lieu, personne: Personne,
                         niveau: str) -> list[Complication]:
    candidates = [c for c in d.complications if complication_possible(c, lieu, personne)]
    if not candidates:
        return []
    if niveau == "decouverte":
        legeres = [c for c in candidates if c.intensite == "legere"]
        return [rng.choice(legeres or candidates)]
    if niveau == "intermediaire":
        return [rng.choice(candidates)]
    fortes = [c for c in candidates if c.intensite == "forte"]
    premiere = rng.choice(fortes or candidates)
    reste = [c for c in candidates if not incompatibles(c, premiere)]
    return [premiere, rng.choice(reste)] if reste else [premiere]


def _fiches(d: DonneesGuichet, lieu: Lieu, personne: Personne, niveau_fr: NiveauFrancais,
            demande: Demande, complications: list[Complication]) -> dict[str, tuple[Rubrique, ...]]:
    def rubriques(*paires: tuple[str, Iterable[str | None]]) -> tuple[Rubrique, ...]:
        return tuple(Rubrique(t, tuple(x for x in lignes if x)) for t, lignes in paires if any(lignes))

    agent = rubriques(
        ("Votre rôle", [f"Vous êtes {lieu.agent}.", lieu.description]),
        ("Ce que vous savez (règles du service, simplifiées pour le jeu)", [demande.pour_agent]),
        ("Documents utiles pour cette démarche", demande.documents),
        ("Pendant le jeu", [c.pour_agent for c in complications]),
        ("Vos consignes", d.consignes.agent),
    )
    usager = rubriques(
        ("Votre personnage", [f"{personne.nom} (personnage fictif), {personne.age} ans.", personne.situation]),
        ("Langues et français", [f"Vous parlez : {', '.join(personne.langues)}.",
                                 f"Votre français (indicatif) : niveau {personne.niveau_francais}. {niveau_fr.description}",
                                 f"Comment le jouer : {niveau_fr.pour_jouer}"]),
        ("État d'esprit", [personne.etat_emotionnel]),
        ("Ce que vous venez chercher", [demande.besoin]),
        ("Pendant le jeu", [c.pour_usager for c in complications]),
        ("Vos consignes", d.consignes.usager),
    )
    mots = (["Mots à surveiller (l'agent les évite-t-il, les explique-t-il ?) : "
             + ", ".join(f"« {m} »" for m in demande.mots_difficiles) + "."] if demande.mots_difficiles else [])
    observateurs = rubriques(
        ("La scène", [f"{lieu.nom}.", (f"{personne.nom} (personnage fictif), {personne.age} ans, parle "
                                       f"{', '.join(personne.langues)} ; français de niveau {personne.niveau_francais} (indicatif)."),
                      f"État d'esprit : {personne.etat_emotionnel}", f"Demande : {demande.intitule}."]),
        ("Les complications", [c.intitule + (f" : {c.public}" if c.public else " (l'agent ne le sait pas à l'avance)")
                               for c in complications]),
        ("À observer en particulier", [*(c.a_observer for c in complications), *mots]),
        ("Vos consignes", d.consignes.observateurs),
    )
    return {"agent": agent, "usager": usager, "observateurs": observateurs}


def generer(donnees: DonneesGuichet, graine: Any, niveau_difficulte: str = "intermediaire") -> Scenario:
    """Le scénario n° ``graine`` au niveau donné. Reproductible : mêmes données + même graine +
    même niveau = même scénario (un ``random.Random(graine)`` propre, jamais le hasard global).
    Une demande n'est jamais associée à un lieu que son champ « lieux » ne cite pas."""
    graine = lire_graine(graine)
    niveau = lire_niveau(niveau_difficulte)
    rng = random.Random(graine)
    lieux = [li for li in donnees.lieux if any(li.id in dem.lieux for dem in donnees.demandes)]
    lieu = rng.choice(lieux)
    demande = rng.choice([dem for dem in donnees.demandes if lieu.id in dem.lieux])
    personne = rng.choice([p for p in donnees.personnes if personne_convient(p, demande)])
    complications = _tirer_complications(rng, donnees, lieu, personne, niveau)
    niveau_fr = donnees.niveaux_francais[personne.niveau_francais]
    a_suivre = tuple(dict.fromkeys(crit for c in complications for crit in c.criteres))
    return Scenario(
        graine=graine, niveau=niveau, lieu=lieu, personne=personne, niveau_francais=niveau_fr, demande=demande,
        complications=tuple(complications),
        fiches=_fiches(donnees, lieu, personne, niveau_fr, demande, complications),
        grille=tuple(donnees.grille), a_suivre=a_suivre, deroule=tuple(donnees.deroule),
    )


def tirer_graine(alea: random.Random, sauf: Iterable[int] = ()) -> int:
    """Un nouveau numéro au hasard (par le générateur ``alea`` qu'on lui passe), différent de ``sauf``."""
    exclus = set(sauf)
    while True:
        g = alea.randint(0, GRAINE_MAX)
        if g not in exclus:
            return g


# --- Ligne de commande ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.rules.guichet",
                                     description="Vérifie le fichier des jeux de rôle « Accueillir au guichet » "
                                                 "ou affiche un scénario.")
    parser.add_argument("fichier", nargs="?", default=str(CHEMIN_PAR_DEFAUT), help="le fichier YAML des ingrédients")
    parser.add_argument("--graine", help=f"le numéro du scénario ({_FOURCHETTE})")
    parser.add_argument("--difficulte", default="intermediaire", help="decouverte, intermediaire ou exigeant")
    args = parser.parse_args(argv)
    try:
        donnees = charger(args.fichier)
    except FichierInvalide as exc:
        for e in exc.erreurs:
            print(f"Erreur : {e}", file=sys.stderr)
        return 2
    if args.graine is None:
        print(f"{args.fichier} : fichier valide — {len(donnees.lieux)} lieux, {len(donnees.personnes)} personnes, "
              f"{len(donnees.demandes)} demandes, {len(donnees.complications)} complications, "
              f"{len(donnees.grille)} critères d'observation.")
        return 0
    try:
        scenario = generer(donnees, args.graine, args.difficulte)
    except GraineInvalide as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(scenario.en_texte())
    return 0


if __name__ == "__main__":
    sys.exit(main())
