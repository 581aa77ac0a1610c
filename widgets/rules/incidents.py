"""Les incidents critiques : le format des cas à embranchements, leur validation et leur parcours.

La méthode des incidents critiques (ou des « chocs culturels ») de Margalit Cohen-Emerique part
d'une situation où un professionnel se sent heurté, choqué ou démuni face à une personne d'un autre
cadre de référence. On l'analyse en trois temps : la **décentration** (prendre conscience de son
propre cadre), la **découverte du cadre de référence de l'autre**, puis la **négociation /
médiation** (chercher une solution acceptable par les deux).

Un fichier YAML, qu'un formateur écrit sans Python, décrit des cas : un récit, des étapes, à chaque
étape une question et des choix ; chaque choix porte un retour (les cadres de référence en jeu) et
une qualité, puis mène à une autre étape (``suite``) ou termine le cas (``fin: true``). Le cas se
clôt sur une synthèse en trois temps.

Ce module est pur (ni ipywidgets, ni IPython) :

- ``charger(chemin)`` lit et valide un fichier ; toute erreur devient ``FichierInvalide``, dont le
  message (en français) nomme le fichier, la **ligne** du YAML et le champ ;
- ``Parcours(cas)`` joue un cas pas à pas (``choisir``, ``termine``, ``chemin``, ``recommencer``) ;
- ``branches(cas)`` énumère tous les chemins possibles d'un cas, du départ à une fin.

En ligne de commande, pour vérifier un fichier avant la séance ::

    python -m widgets.rules.incidents modules/communication-interculturelle/cas/incidents-critiques.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets import fichiers
from widgets.fichiers import Lecture

# --- Le vocabulaire ---------------------------------------------------------------------------

# La qualité d'un choix : où il se situe par rapport à la démarche interculturelle.
QUALITES: dict[str, tuple[str, str]] = {
    "decentre": (
        "Réponse décentrée",
        ("Le professionnel repère ce qui, dans son propre cadre de référence, le heurte ; il cherche "
         "à comprendre le cadre de la personne en le lui demandant, et ouvre une solution acceptable "
         "par les deux, dans le respect des règles du service."),
    ),
    "partiel": (
        "Réponse en partie décentrée",
        ("Une intention juste, mais un des trois temps manque : on comprend sans vérifier auprès de "
         "la personne, on cède sans négocier, on explique la règle sans écouter, ou l'on règle le "
         "problème du jour sans comprendre ce qui s'est passé."),
    ),
    "ethnocentre": (
        "Réponse ethnocentrée",
        ("Le professionnel juge la situation avec son seul cadre de référence, pris pour « la » "
         "normalité : il interprète, sanctionne ou fait la leçon sans chercher ce que la situation "
         "signifie pour la personne."),
    ),
    "culturaliste": (
        "Réponse culturaliste",
        ("Le professionnel explique tout par une « culture » supposée de la personne, qu'il lui "
         "attribue d'après son origine, sa langue ou sa religion, sans le lui demander : un "
         "stéréotype remplace la rencontre, même avec de bonnes intentions."),
    ),
}

# Les zones sensibles : les domaines où les cadres de référence se heurtent le plus souvent.
ZONES_SENSIBLES: dict[str, str] = {
    "temps": "le rapport au temps (ponctualité, rendez-vous, délais, rythme de l'entretien)",
    "espace": "le rapport à l'espace (distance entre les personnes, lieux publics et privés)",
    "corps": "le corps et les gestes (saluer, toucher, regarder, soigner)",
    "famille": "la famille (qui décide, qui accompagne, place des enfants et des aînés)",
    "autorite": "le rapport à l'autorité et aux institutions (confiance, méfiance, hiérarchie)",
    "genre": "les rôles attribués aux femmes et aux hommes",
    "religion": "la religion et les convictions",
    "communication": "les façons de communiquer (dire oui ou non, le silence, le tutoiement, l'implicite)",
    "aide": "le rapport à l'aide et à l'échange (dons, contre-dons, droit ou faveur)",
    "education": "l'éducation des enfants et l'école",
    "sante": "la santé, la maladie et les soins",
}

PLACES = ("decentration", "cadre_de_l_autre", "negociation")
TITRES_SYNTHESE = {
    "decentration": "1. La décentration : mon cadre de référence",
    "cadre_de_l_autre": "2. Le cadre de référence de l'autre",
    "negociation": "3. La négociation, la médiation",
}

Texte = Annotated[str, Field(min_length=1)]
Identifiant = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class FichierInvalide(fichiers.FichierInvalide):
    """Un fichier de cas invalide. ``erreurs`` : les messages, chacun nommant fichier, ligne et champ."""


# --- Le format ----------------------------------------------------------------------------------

class Personnage(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    nom: Texte
    role: Texte


class Choix(BaseModel):
    """Une réponse possible : son libellé, sa qualité, son retour, puis une ``suite`` ou la ``fin``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    libelle: Texte
    qualite: str
    retour: Texte
    suite: str | None = None
    fin: bool = False

    @field_validator("qualite")
    @classmethod
    def _qualite_connue(cls, v: str) -> str:
        if v not in QUALITES:
            raise ValueError(f"qualité « {v} » inconnue (valeurs permises : {', '.join(QUALITES)})")
        return v

    @model_validator(mode="after")
    def _suite_ou_fin(self):
        if self.fin and self.suite:
            raise ValueError("un choix a soit « suite » (l'étape suivante), soit « fin: true », pas les deux")
        if not self.fin and not self.suite:
            raise ValueError("il manque « suite » (l'id de l'étape suivante) ou « fin: true » (le cas se termine)")
        return self


class Etape(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    texte: Texte
    question: Texte
    choix: Annotated[list[Choix], Field(min_length=2)]


class Synthese(BaseModel):
    """Les trois temps de la méthode, appliqués au cas."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    decentration: Texte
    cadre_de_l_autre: Texte
    negociation: Texte


class Cas(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: Identifiant
    titre: Texte
    lieu: Texte
    zones_sensibles: Annotated[list[str], Field(min_length=1)]
    personnages: Annotated[list[Personnage], Field(min_length=1)]
    recit: Texte
    depart: Texte
    etapes: Annotated[dict[str, Etape], Field(min_length=1)]
    synthese: Synthese
    source: Texte

    @field_validator("zones_sensibles")
    @classmethod
    def _zones_connues(cls, v: list[str]) -> list[str]:
        for z in v:
            if z not in ZONES_SENSIBLES:
                raise ValueError(f"zone sensible « {z} » inconnue (valeurs permises : {', '.join(ZONES_SENSIBLES)})")
        return v


class FichierIncidents(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    titre: Texte
    cas: Annotated[list[Cas], Field(min_length=1)]

    def cas_par_id(self, ident: str) -> Cas:
        for c in self.cas:
            if c.id == ident:
                return c
        raise KeyError(ident)


# Les éléments que les messages d'erreur nomment (« cas n° 2 (id « x »), étape « e », choix n° 3 »).
NOMS = {Cas: "cas", Personnage: "personnage", Etape: "étape", Choix: "choix", Synthese: "synthèse"}


# --- Le chargement ----------------------------------------------------------------------------

def charger(chemin: Path | str) -> FichierIncidents:
    """Lit et valide un fichier de cas ; lève ``FichierInvalide`` dont chaque message nomme le
    fichier, la ligne du YAML et le champ."""
    fichier, lecture = fichiers.valider(chemin, FichierIncidents, FichierInvalide, NOMS)
    erreurs = _controles(fichier, lecture)
    if erreurs:
        raise FichierInvalide(erreurs)
    return fichier


def _controles(fichier: FichierIncidents, lecture: Lecture) -> list[str]:
    """Ce que le schéma ne voit pas : ids uniques, suites qui existent, étapes atteignables, pas de
    boucle, au moins une réponse décentrée par étape."""
    erreurs: list[str] = []
    vus: dict[str, int] = {}
    for n, cas in enumerate(fichier.cas):
        base = ["cas", n]
        nom = f"cas n° {n + 1} (id « {cas.id} »)"

        def dire(pas: list[Any], lieu: str, message: str, cle: bool = False, base=base, nom=nom) -> None:
            erreurs.append(lecture.message(base + pas, message, f"{nom}, {lieu}", cle))

        if cas.id in vus:
            dire(["id"], "champ « id »", f"l'identifiant « {cas.id} » est déjà utilisé par le cas n° {vus[cas.id] + 1}")
        vus.setdefault(cas.id, n)
        ids = list(cas.etapes)
        if cas.depart not in cas.etapes:
            dire(["depart"], "champ « depart »", f"l'étape « {cas.depart} » n'existe pas (étapes du cas : {', '.join(ids)})")
        for eid, etape in cas.etapes.items():
            for j, ch in enumerate(etape.choix):
                if ch.suite is not None and ch.suite not in cas.etapes:
                    dire(["etapes", eid, "choix", j, "suite"], f"étape « {eid} », choix n° {j + 1}, champ « suite »",
                         f"l'étape « {ch.suite} » n'existe pas (étapes du cas : {', '.join(ids)})")
            if not any(ch.qualite == "decentre" for ch in etape.choix):
                dire(["etapes", eid, "choix"], f"étape « {eid} », champ « choix »",
                     "aucun choix n'a la qualité « decentre » ; chaque étape doit proposer au moins une réponse décentrée")
        if cas.depart not in cas.etapes:
            continue
        atteintes = etapes_atteignables(cas)
        for eid in ids:
            if eid not in atteintes:
                dire(["etapes", eid], f"étape « {eid} »", f"aucun chemin n'y mène depuis le départ « {cas.depart} » "
                     "(aucune « suite » ne la nomme) ; reliez-la ou supprimez-la", cle=True)
        for eid, j, boucle in _boucles(cas):
            sans_issue = not any(_mene_a_une_fin(cas, e) for e in boucle)
            tour = " → ".join([*boucle, boucle[0]])
            if sans_issue:
                detail = "cette boucle sans fin n'a aucune sortie : le cas ne pourrait jamais se terminer"
            else:
                detail = "une branche pourrait tourner en rond sans fin ; chaque branche doit avancer jusqu'à une fin"
            dire(["etapes", eid, "choix", j, "suite"], f"étape « {eid} », choix n° {j + 1}, champ « suite »",
                 f"retour à une étape déjà parcourue, boucle {tour} ; {detail}")
    return erreurs


# --- Le graphe d'un cas ----------------------------------------------------------------------

def _suites(cas: Cas, eid: str) -> list[str]:
    return [c.suite for c in cas.etapes[eid].choix if c.suite is not None and c.suite in cas.etapes]


def etapes_atteignables(cas: Cas) -> set[str]:
    """Les étapes qu'on peut atteindre depuis le départ en suivant les « suite »."""
    if cas.depart not in cas.etapes:
        return set()
    vues, a_voir = {cas.depart}, [cas.depart]
    while a_voir:
        for s in _suites(cas, a_voir.pop()):
            if s not in vues:
                vues.add(s)
                a_voir.append(s)
    return vues


def _mene_a_une_fin(cas: Cas, depart: str) -> bool:
    vues, a_voir = {depart}, [depart]
    while a_voir:
        eid = a_voir.pop()
        if any(c.fin for c in cas.etapes[eid].choix):
            return True
        for s in _suites(cas, eid):
            if s not in vues:
                vues.add(s)
                a_voir.append(s)
    return False


def _boucles(cas: Cas) -> list[tuple[str, int, list[str]]]:
    """Chaque choix qui ramène à une étape en cours de parcours : (étape, n° du choix, boucle)."""
    trouvees: list[tuple[str, int, list[str]]] = []
    etat: dict[str, int] = {}  # 1 : en cours, 2 : terminé
    pile: list[str] = []

    def visiter(eid: str) -> None:
        etat[eid] = 1
        pile.append(eid)
        for j, ch in enumerate(cas.etapes[eid].choix):
            s = ch.suite
            if s is None or s not in cas.etapes:
                continue
            if etat.get(s) == 1:
                trouvees.append((eid, j, pile[pile.index(s):]))
            elif s not in etat:
                visiter(s)
        pile.pop()
        etat[eid] = 2

    for eid in [cas.depart, *cas.etapes]:
        if eid in cas.etapes and eid not in etat:
            visiter(eid)
    return trouvees


def branches(cas: Cas) -> list[list[tuple[str, int]]]:
    """Tous les chemins du départ à une fin : chacun est la liste des (étape, n° du choix).
    Suppose le cas validé par ``charger`` (sans boucle)."""
    resultat: list[list[tuple[str, int]]] = []

    def suivre(eid: str, chemin: list[tuple[str, int]]) -> None:
        for j, ch in enumerate(cas.etapes[eid].choix):
            pas = [*chemin, (eid, j)]
            if ch.fin:
                resultat.append(pas)
            else:
                suivre(ch.suite, pas)

    suivre(cas.depart, [])
    return resultat


# --- Jouer un cas ----------------------------------------------------------------------------

def ordre_affichage(cas: Cas, etape: str) -> list[int]:
    """L'ordre dans lequel montrer les choix d'une étape : mélangé, pour que la réponse décentrée
    (souvent écrite en premier dans le fichier) ne soit pas toujours à la même place, mais stable
    (tiré de l'id du cas et de l'étape) : toute la salle et le formateur voient le même ordre."""
    indices = list(range(len(cas.etapes[etape].choix)))
    random.Random(f"{cas.id}:{etape}").shuffle(indices)
    return indices


@dataclass
class Pas:
    """Un choix fait pendant le parcours."""

    etape: str
    indice: int
    choix: Choix


@dataclass
class Parcours:
    """Un cas joué pas à pas : ``choisir(i)`` à l'étape courante jusqu'à ``termine``."""

    cas: Cas
    chemin: list[Pas] = field(default_factory=list)
    etape_courante: str | None = None

    def __post_init__(self) -> None:
        self.recommencer()

    def recommencer(self) -> None:
        self.chemin = []
        self.etape_courante = self.cas.depart

    @property
    def etape(self) -> Etape | None:
        return self.cas.etapes[self.etape_courante] if self.etape_courante is not None else None

    @property
    def termine(self) -> bool:
        return self.etape_courante is None

    def choisir(self, indice: int) -> Choix:
        """Choisit la réponse n° ``indice`` (à partir de 0) de l'étape courante ; rend le choix."""
        if self.termine:
            raise ValueError("le cas est terminé : recommencez-le pour rejouer")
        etape = self.etape
        if not 0 <= indice < len(etape.choix):
            raise ValueError(f"il n'y a pas de choix n° {indice + 1} à l'étape « {self.etape_courante} »")
        choix = etape.choix[indice]
        self.chemin.append(Pas(self.etape_courante, indice, choix))
        self.etape_courante = None if choix.fin else choix.suite
        return choix

    def bilan(self) -> dict[str, int]:
        """Le nombre de choix de chaque qualité dans le chemin parcouru."""
        compte = dict.fromkeys(QUALITES, 0)
        for p in self.chemin:
            compte[p.choix.qualite] += 1
        return compte


# --- Ligne de commande ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.rules.incidents",
                                     description="Vérifie un fichier d'incidents critiques (YAML).")
    parser.add_argument("fichier", help="le fichier YAML des cas")
    args = parser.parse_args(argv)
    try:
        fichier = charger(args.fichier)
    except FichierInvalide as exc:
        for e in exc.erreurs:
            print(f"Erreur : {e}", file=sys.stderr)
        return 2
    n_etapes = sum(len(c.etapes) for c in fichier.cas)
    n_chemins = sum(len(branches(c)) for c in fichier.cas)
    print(f"{args.fichier} : fichier valide, {len(fichier.cas)} cas, {n_etapes} étapes, {n_chemins} chemins possibles.")
    for c in fichier.cas:
        print(f"- {c.id} : {c.titre} ({len(c.etapes)} étapes, {len(branches(c))} chemins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
