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

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

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


class FichierInvalide(ValueError):
    """Un fichier de cas invalide. ``erreurs`` : les messages, chacun nommant fichier, ligne et champ."""

    def __init__(self, erreurs: list[str]):
        self.erreurs = erreurs
        super().__init__("\n".join(erreurs))


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


_CHAMPS = {
    "fichier": FichierIncidents, "cas": Cas, "personnage": Personnage, "etape": Etape,
    "choix": Choix, "synthese": Synthese,
}


# --- Les lignes du YAML -----------------------------------------------------------------------

def _noeud(racine: yaml.Node | None, chemin: list[Any], cle: bool = False) -> yaml.Node | None:
    """Le nœud YAML atteint en suivant ``chemin`` (clés et index) ; s'il s'interrompt (champ
    absent), le dernier nœud atteint. ``cle`` : pour le dernier pas d'un dictionnaire, le nœud de la
    clé plutôt que celui de la valeur."""
    noeud, derniere_cle = racine, None
    for n, pas in enumerate(chemin):
        if isinstance(noeud, yaml.MappingNode):
            for k, v in noeud.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(pas):
                    noeud, derniere_cle = (k if (cle and n == len(chemin) - 1) else v), k
                    break
            else:  # champ absent : la ligne du bloc qui devait le contenir (« synthese: »)
                return derniere_cle or noeud
        elif isinstance(noeud, yaml.SequenceNode) and isinstance(pas, int) and 0 <= pas < len(noeud.value):
            noeud, derniere_cle = noeud.value[pas], None
        else:
            return derniere_cle or noeud
    return noeud


def _ligne(racine: yaml.Node | None, chemin: list[Any], cle: bool = False) -> int:
    noeud = _noeud(racine, chemin, cle)
    return noeud.start_mark.line + 1 if noeud is not None else 1


def _cles_repetees(racine: yaml.Node | None) -> list[tuple[int, str, int]]:
    """Les clés répétées d'un même bloc (PyYAML garderait la dernière sans prévenir) :
    (ligne, clé, ligne de la première)."""
    trouvees: list[tuple[int, str, int]] = []
    a_voir = [racine] if racine is not None else []
    deja: set[int] = set()
    while a_voir:
        noeud = a_voir.pop()
        if id(noeud) in deja:
            continue
        deja.add(id(noeud))
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


# --- Les messages -----------------------------------------------------------------------------

def _lieu(brut: Any, loc: list[Any]) -> tuple[str, str]:
    """(« cas n° 2 (id « x »), étape « e », choix n° 3 », nom du modèle où l'on s'arrête)."""
    morceaux: list[str] = []
    modele = "fichier"
    champ: list[str] = []
    i = 0
    while i < len(loc):
        pas = loc[i]
        suivant = loc[i + 1] if i + 1 < len(loc) else None
        if pas == "cas" and modele == "fichier" and isinstance(suivant, int):
            ident = None
            try:
                ident = brut["cas"][suivant].get("id")
            except (AttributeError, IndexError, KeyError, TypeError):
                pass
            morceaux.append(f"cas n° {suivant + 1}" + (f" (id « {ident} »)" if ident else ""))
            modele, i = "cas", i + 2
        elif pas == "etapes" and modele == "cas" and suivant is not None and suivant != "[key]":
            morceaux.append(f"étape « {suivant} »")
            modele, i = "etape", i + 2
            if i < len(loc) and loc[i] == "[key]":
                champ.append("identifiant de l'étape")
                i += 1
        elif pas == "choix" and modele == "etape" and isinstance(suivant, int):
            morceaux.append(f"choix n° {suivant + 1}")
            modele, i = "choix", i + 2
        elif pas == "personnages" and modele == "cas" and isinstance(suivant, int):
            morceaux.append(f"personnage n° {suivant + 1}")
            modele, i = "personnage", i + 2
        elif pas == "synthese" and modele == "cas" and suivant is not None:
            morceaux.append("synthèse")
            modele, i = "synthese", i + 1
        else:
            champ.append(str(pas) if not isinstance(pas, int) else f"élément n° {pas + 1}")
            i += 1
    if champ:
        morceaux.append(f"champ « {'.'.join(champ)} »")
    return ", ".join(morceaux), modele


def _en_francais(erreur: dict, modele: str) -> str:
    """Le message pydantic, dit en français."""
    type_, ctx, valeur = erreur["type"], erreur.get("ctx") or {}, erreur.get("input")
    if type_ == "missing":
        return "champ obligatoire absent"
    if type_ == "extra_forbidden":
        permis = ", ".join(_CHAMPS[modele].model_fields) if modele in _CHAMPS else ""
        return "champ inconnu (faute de frappe ?)" + (f" ; champs permis : {permis}" if permis else "")
    if type_ == "string_pattern_mismatch":
        return f"identifiant invalide « {valeur} » (lettres minuscules sans accents, chiffres et tirets)"
    if type_ == "string_too_short":
        return "ne doit pas être vide"
    if type_ == "too_short":
        return f"il faut au moins {ctx.get('min_length')} élément(s) ; il y en a {ctx.get('actual_length', 0)}"
    if type_ == "string_type":
        return "il faut un texte"
    if type_ in ("bool_type", "bool_parsing"):
        return "il faut « true » ou « false »"
    if type_ == "list_type":
        return "il faut une liste (une ligne par élément, commençant par « - »)"
    if type_ in ("model_type", "model_attributes_type", "dict_type"):
        if modele == "fichier" and not erreur["loc"]:
            return "le fichier doit contenir « titre » et « cas »"
        return "il faut un bloc de champs « nom: valeur »"
    if type_ == "value_error":
        return erreur["msg"].removeprefix("Value error, ")
    return f"valeur invalide ({erreur['msg']})"


# --- Le chargement ----------------------------------------------------------------------------

_PROBLEMES_YAML = (
    ("mapping values are not allowed", ("deux-points inattendu : un texte qui contient « : » s'écrit après « >- » "
                                        "(à la ligne suivante) ou entre guillemets ; sinon, l'indentation est décalée")),
    ("could not find expected ':'", "il manque « : » après un nom de champ, ou un guillemet n'est pas refermé"),
    ("cannot start any token", "caractère interdit à cet endroit (une tabulation ? utilisez des espaces)"),
    ("tab character", "tabulation interdite : indentez avec des espaces"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur les champs du même bloc"),
    ("did not find expected key", "indentation incohérente : alignez cette ligne sur les champs du même bloc"),
    ("end of stream", "fin de fichier inattendue : un guillemet ou un crochet n'est pas refermé"),
    ("expected ',' or ']'", "liste entre crochets mal formée : il manque « , » ou « ] »"),
)


def _probleme_yaml(probleme: str) -> str:
    for anglais, francais in _PROBLEMES_YAML:
        if anglais in probleme:
            return francais
    return "vérifiez l'indentation (des espaces, pas de tabulations) et les guillemets"


def _lire(chemin: Path) -> tuple[Any, yaml.Node | None]:
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FichierInvalide([f"Fichier introuvable : {chemin}"]) from None
    except UnicodeDecodeError as exc:
        raise FichierInvalide([f"{chemin} : le fichier n'est pas en UTF-8 (octet {exc.start})."]) from None
    # Une seule lecture : l'arbre des nœuds (avec leurs lignes) puis les données construites à partir de lui.
    chargeur = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(texte)
    try:
        racine = chargeur.get_single_node()
        brut = chargeur.construct_document(racine) if racine is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ou = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        probleme = getattr(exc, "problem", None) or str(exc)
        raise FichierInvalide([f"{chemin}{ou} : YAML illisible, {_probleme_yaml(probleme)} ({probleme})."]) from None
    finally:
        chargeur.dispose()
    return brut, racine


def charger(chemin: Path | str) -> FichierIncidents:
    """Lit et valide un fichier de cas ; lève ``FichierInvalide`` dont chaque message nomme le
    fichier, la ligne du YAML et le champ."""
    chemin = Path(chemin)
    brut, racine = _lire(chemin)
    if brut is None:
        raise FichierInvalide([f"{chemin}, ligne 1 : le fichier est vide (il faut « titre » et « cas »)."])
    erreurs = [f"{chemin}, ligne {ligne} : la clé « {cle} » apparaît deux fois dans le même bloc "
               f"(première fois ligne {premiere}) ; la seconde effacerait la première."
               for ligne, cle, premiere in _cles_repetees(racine)]
    if erreurs:
        raise FichierInvalide(erreurs)
    try:
        fichier = FichierIncidents.model_validate(brut)
    except ValidationError as exc:
        for e in exc.errors(include_url=False):
            loc = list(e["loc"])
            lieu, modele = _lieu(brut, loc)
            lieu = f" ({lieu})" if lieu else ""
            erreurs.append(f"{chemin}, ligne {_ligne(racine, loc)}{lieu} : {_en_francais(e, modele)}.")
        raise FichierInvalide(erreurs) from None
    erreurs = _controles(fichier, racine, chemin)
    if erreurs:
        raise FichierInvalide(erreurs)
    return fichier


def _controles(fichier: FichierIncidents, racine: yaml.Node | None, chemin: Path) -> list[str]:
    """Ce que le schéma ne voit pas : ids uniques, suites qui existent, étapes atteignables, pas de
    boucle, au moins une réponse décentrée par étape."""
    erreurs: list[str] = []
    vus: dict[str, int] = {}
    for n, cas in enumerate(fichier.cas):
        base = ["cas", n]
        nom = f"cas n° {n + 1} (id « {cas.id} »)"

        def dire(pas: list[Any], lieu: str, message: str, cle: bool = False, base=base, nom=nom) -> None:
            erreurs.append(f"{chemin}, ligne {_ligne(racine, base + pas, cle)} ({nom}, {lieu}) : {message}.")

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
