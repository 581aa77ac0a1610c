"""Lecture et validation des fichiers YAML que les formateurs et les juristes modifient (paramètres,
quiz, glossaires, cas, grilles, fiches) : chaque erreur devient un message français qui nomme le
fichier, la **ligne** (et la colonne pour une faute de syntaxe), l'élément et le champ.

C'est le seul endroit du kit qui sait faire cela ; les modules de règles s'en servent ainsi :

- ``lire(chemin, Erreur)`` lit le fichier **en une passe** et rend une ``Lecture`` : les données
  (``donnees``) et l'arbre des nœuds PyYAML (``racine``), qui garde la ligne de chaque élément. Elle
  refuse un fichier absent, qui n'est pas en UTF-8, un YAML illisible (ligne, colonne et conseil en
  français) et une clé répétée dans un même bloc (PyYAML garderait la dernière sans prévenir) ;
- ``Lecture.ligne(loc)`` : la ligne d'un élément désigné par son chemin, celui des erreurs de
  pydantic (``("cas", 2, "etapes", "e2", "choix", 0)``) ; ``Lecture.message(loc, texte, lieu)``
  compose « fichier, ligne 12 (lieu) : texte. » ;
- ``en_francais(erreur, modele)`` : une erreur pydantic (un élément de ``exc.errors()``), dite en
  français ;
- ``decrire_lieu(donnees, loc, modele, noms)`` : « cas n° 3 (id « x »), étape « e2 », champ
  « retour » » ;
- ``valider(chemin, modele, Erreur, noms)`` fait le tout : lecture, fichier vide ou mal construit,
  validation, et une erreur par champ fautif ; ``Erreur`` reçoit la liste des messages.

``lire_yaml(chemin, erreur)`` reste la lecture simple des fichiers de paramètres (sans contrôle des
clés répétées) : elle ne rend que les données.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NamedTuple, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

__all__ = [
    "CleRepetee", "FichierInvalide", "Lecture", "decrire_lieu", "en_francais", "lire", "lire_yaml", "valider",
]

M = TypeVar("M", bound=BaseModel)

# Le chargeur en C (libyaml) s'il est installé : même résultat que ``yaml.SafeLoader``, en plus rapide.
_CHARGEUR = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FichierInvalide(ValueError):
    """Un fichier invalide. ``erreurs`` : les messages (en français), chacun nommant le fichier, la
    ligne, l'élément et le champ. Chaque module de règles en dérive la sienne."""

    def __init__(self, erreurs: str | Iterable[str]):
        self.erreurs = [erreurs] if isinstance(erreurs, str) else list(erreurs)
        super().__init__("\n".join(self.erreurs))


class CleRepetee(NamedTuple):
    """Une clé écrite deux fois dans le même bloc : sa ligne, son nom et la ligne de la première."""

    ligne: int
    cle: str
    premiere: int


# --- La lecture ---------------------------------------------------------------------------------

# Les messages de PyYAML les plus fréquents, et ce que la personne qui corrige le fichier doit faire.
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
    ("undefined alias", "« * » en début de texte désigne une ancre « & » : mettez le texte entre guillemets"),
    ("could not determine a constructor", "étiquette « ! » inconnue : mettez le texte entre guillemets"),
)


def _conseil_yaml(probleme: str) -> str:
    for anglais, francais in _PROBLEMES_YAML:
        if anglais in probleme:
            return francais
    return "vérifiez l'indentation (des espaces, pas de tabulations) et les guillemets"


def _lever(erreur: type[Exception], messages: list[str]) -> Exception:
    """L'exception à lever : une ``FichierInvalide`` reçoit la liste des messages, toute autre
    exception un seul texte (les messages, une ligne chacun)."""
    if isinstance(erreur, type) and issubclass(erreur, FichierInvalide):
        return erreur(messages)
    return erreur("\n".join(messages))


@dataclass(frozen=True)
class Lecture:
    """Un fichier YAML lu : ``donnees`` (dictionnaires, listes, textes…) et ``racine``, l'arbre des
    nœuds PyYAML d'où viennent les numéros de ligne (``None`` pour un fichier vide)."""

    chemin: Path
    donnees: Any
    racine: yaml.Node | None

    def noeud(self, loc: Sequence[Any], cle: bool = False) -> yaml.Node | None:
        """Le nœud atteint en suivant ``loc`` (clés et index, comme un chemin d'erreur pydantic).
        Si le chemin s'interrompt (champ absent), le dernier nœud atteint : pour un champ absent d'un
        bloc, la clé de ce bloc (« synthese: ») ; pour un élément de liste, son début. ``[key]``
        (erreur sur le nom d'une clé) désigne la clé elle-même. ``cle`` : pour le dernier pas dans un
        bloc, le nœud de la clé plutôt que celui de sa valeur."""
        loc = list(loc)
        noeud, derniere_cle = self.racine, None
        for n, pas in enumerate(loc):
            if pas == "[key]":
                return derniere_cle or noeud
            if isinstance(noeud, yaml.MappingNode):
                trouve = next(((k, v) for k, v in noeud.value if isinstance(k, yaml.ScalarNode) and k.value == str(pas)), None)
                if trouve is None:
                    return derniere_cle or noeud
                k, v = trouve
                noeud, derniere_cle = (k if cle and n == len(loc) - 1 else v), k
            elif isinstance(noeud, yaml.SequenceNode) and isinstance(pas, int) and 0 <= pas < len(noeud.value):
                noeud, derniere_cle = noeud.value[pas], None
            else:
                return derniere_cle or noeud
        return noeud

    def ligne(self, loc: Sequence[Any] = (), cle: bool = False) -> int:
        """La ligne (à partir de 1) de l'élément désigné par ``loc`` (voir ``noeud``) ; 1 pour un
        fichier vide."""
        noeud = self.noeud(loc, cle)
        return noeud.start_mark.line + 1 if noeud is not None else 1

    def message(self, loc: Sequence[Any], texte: str, lieu: str = "", cle: bool = False) -> str:
        """« chemin, ligne 12 (lieu) : texte. », la forme de tous les messages d'erreur des fichiers."""
        ou = f" ({lieu})" if lieu else ""
        return f"{self.chemin}, ligne {self.ligne(loc, cle)}{ou} : {texte}."

    def cles_repetees(self) -> list[CleRepetee]:
        """Les clés écrites deux fois dans un même bloc, dans l'ordre du fichier."""
        trouvees: list[CleRepetee] = []
        a_voir = [self.racine] if self.racine is not None else []
        deja: set[int] = set()  # une ancre (« &a ») réutilisée n'est visitée qu'une fois
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
                            trouvees.append(CleRepetee(k.start_mark.line + 1, k.value, vues[k.value]))
                        else:
                            vues[k.value] = k.start_mark.line + 1
                    a_voir.append(v)
            elif isinstance(noeud, yaml.SequenceNode):
                a_voir.extend(noeud.value)
        return sorted(trouvees)


def lire(chemin: Path | str, erreur: type[Exception] = FichierInvalide, *, cles_uniques: bool = True) -> Lecture:
    """Lit ``chemin`` en une passe (le texte, l'arbre des nœuds avec leurs lignes, puis les données
    construites à partir de lui). Lève ``erreur`` (messages en français) si le fichier est absent,
    illisible, pas en UTF-8, si le YAML est mal formé (ligne, colonne et conseil) ou, avec
    ``cles_uniques``, si une clé est répétée dans un même bloc (un message par clé)."""
    chemin = Path(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _lever(erreur, [f"Fichier introuvable : {chemin}"]) from None
    except UnicodeDecodeError as exc:
        raise _lever(erreur, [f"{chemin} : le fichier n'est pas en UTF-8 (octet {exc.start})."]) from None
    except IsADirectoryError:
        raise _lever(erreur, [f"{chemin} : c'est un dossier, pas un fichier."]) from None
    except PermissionError:
        raise _lever(erreur, [f"{chemin} : lecture refusée (droits d'accès insuffisants)."]) from None
    except OSError as exc:
        raise _lever(erreur, [f"{chemin} : lecture impossible ({exc.strerror or exc})."]) from None
    chargeur = _CHARGEUR(texte)
    try:
        racine = chargeur.get_single_node()
        donnees = chargeur.construct_document(racine) if racine is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ou = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        probleme = getattr(exc, "problem", None) or str(exc)
        raise _lever(erreur, [f"{chemin}{ou} : YAML illisible, {_conseil_yaml(probleme)} ({probleme})."]) from None
    finally:
        chargeur.dispose()
    lecture = Lecture(chemin, donnees, racine)
    if cles_uniques:
        repetees = [f"{chemin}, ligne {r.ligne} : la clé « {r.cle} » apparaît deux fois dans le même bloc "
                    f"(première fois ligne {r.premiere}) ; la seconde effacerait la première."
                    for r in lecture.cles_repetees()]
        if repetees:
            raise _lever(erreur, repetees)
    return lecture


def lire_yaml(chemin: Path, erreur: type[Exception]) -> Any:
    """Les données de ``chemin`` (lecture simple, sans contrôle des clés répétées) ; lève ``erreur``
    (message en français, avec ligne et colonne pour une faute de syntaxe) s'il est absent ou illisible."""
    return lire(chemin, erreur, cles_uniques=False).donnees


# --- Les modèles pydantic, parcourus le long d'un chemin d'erreur ----------------------------------

_SEQUENCES = (list, tuple, set, frozenset, Sequence)
_DICTIONNAIRES = (dict, Mapping)


def _deplier(type_: Any) -> Any:
    """Le type sans ``Annotated`` ni ``| None`` (``None`` pour une union de plusieurs types)."""
    while True:
        origine = get_origin(type_)
        if origine is Annotated:
            type_ = get_args(type_)[0]
        elif origine is Union or origine is types.UnionType:
            autres = [a for a in get_args(type_) if a is not type(None)]
            if len(autres) != 1:
                return None
            type_ = autres[0]
        else:
            return type_


def _modele(type_: Any) -> type[BaseModel] | None:
    type_ = _deplier(type_)
    return type_ if isinstance(type_, type) and issubclass(type_, BaseModel) else None


def _type_du_pas(type_: Any, pas: Any) -> Any:
    """Le type de ce qu'on atteint depuis ``type_`` en suivant ``pas`` (champ, index, clé)."""
    type_ = _deplier(type_)
    modele = _modele(type_)
    if modele is not None:
        info = modele.model_fields.get(pas) if isinstance(pas, str) else None
        return info.annotation if info is not None else None
    origine, args = get_origin(type_), get_args(type_)
    if origine in _SEQUENCES and isinstance(pas, int) and args:
        return args[0]
    if origine in _DICTIONNAIRES and len(args) == 2:
        return args[0] if pas == "[key]" else args[1]
    return None


def _modele_du_champ(modele: type[BaseModel] | None, loc: Sequence[Any]) -> type[BaseModel] | None:
    """Le modèle qui contient le dernier pas de ``loc`` (pour citer ses champs permis)."""
    type_: Any = modele
    for pas in list(loc)[:-1]:
        type_ = _type_du_pas(type_, pas)
    return _modele(type_)


def _extraire(donnees: Any, pas: Any) -> Any:
    if pas == "[key]":
        return None
    try:
        return donnees[pas]
    except (KeyError, IndexError, TypeError):
        return None


def _identifiant(element: Any) -> str:
    ident = element.get("id") if isinstance(element, dict) else None
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or not str(ident).strip():
        return ""
    return f" (id « {ident} »)"


def decrire_lieu(donnees: Any, loc: Sequence[Any], modele: type[BaseModel] | None = None,
                 noms: Mapping[type[BaseModel], str] | None = None) -> str:
    """Le lieu d'une erreur, dit en français : « cas n° 3 (id « x »), étape « e2 », champ « retour » ».

    ``loc`` : le chemin de l'erreur (pydantic) ; ``donnees`` : les données lues (pour l'``id`` des
    éléments) ; ``modele`` : le modèle validé ; ``noms`` : le nom, au singulier, des sous-modèles
    qu'on nomme (``{Cas: "cas", Etape: "étape", Synthese: "synthèse"}``). Un élément d'une liste de
    ces modèles devient « cas n° 3 (id « x ») », une entrée d'un dictionnaire « étape « e2 » », un
    champ de ce type « synthèse » ; le reste forme le champ (« corrige.voix.reponses »)."""
    noms = noms or {}
    morceaux: list[str] = []
    champ: list[str] = []

    def fermer_champ() -> None:
        if champ:
            morceaux.append(f"champ « {'.'.join(champ)} »")
            champ.clear()

    loc = list(loc)
    courant, type_ = donnees, modele
    i = 0
    while i < len(loc):
        pas = loc[i]
        type_pas = _type_du_pas(type_, pas)
        valeur = _extraire(courant, pas)
        suivant = loc[i + 1] if i + 1 < len(loc) else None
        if suivant is not None and suivant != "[key]" and pas != "[key]":
            sous_type = _type_du_pas(type_pas, suivant)
            sous_modele = _modele(sous_type)
            origine = get_origin(_deplier(type_pas))
            if sous_modele in noms and origine in _SEQUENCES and isinstance(suivant, int):
                element = _extraire(valeur, suivant)
                fermer_champ()
                morceaux.append(f"{noms[sous_modele]} n° {suivant + 1}{_identifiant(element)}")
                courant, type_, i = element, sous_type, i + 2
                continue
            if sous_modele in noms and origine in _DICTIONNAIRES:
                fermer_champ()
                morceaux.append(f"{noms[sous_modele]} « {suivant} »")
                courant, type_, i = _extraire(valeur, suivant), sous_type, i + 2
                continue
            if _modele(type_pas) in noms and _modele(type_) is not None:  # un bloc nommé (« synthèse »)
                fermer_champ()
                morceaux.append(noms[_modele(type_pas)])
                courant, type_, i = valeur, type_pas, i + 1
                continue
        if pas == "[key]":
            champ.append("identifiant")
        elif isinstance(pas, int) and not isinstance(courant, dict):
            champ.append(f"élément n° {pas + 1}")
        else:
            champ.append(str(pas))
        courant, type_, i = valeur, type_pas, i + 1
    fermer_champ()
    return ", ".join(morceaux)


# --- Les messages -------------------------------------------------------------------------------

def _enumerer(mots: Iterable[str]) -> str:
    """« « a » », « « a » et « b » », « « a », « b » et « c » »."""
    guillemets = [f"« {m} »" for m in mots]
    return " et ".join([", ".join(guillemets[:-1]), guillemets[-1]]) if len(guillemets) > 1 else "".join(guillemets)


def _entier(valeur: Any) -> str:
    if isinstance(valeur, str) and re.fullmatch(r"\s*[+-]?\d+\s*", valeur):
        return f"il faut un nombre entier, sans guillemets (« {valeur} » est écrit comme un texte)"
    return f"il faut un nombre entier, pas « {valeur} »"


def en_francais(erreur: Mapping[str, Any], modele: type[BaseModel] | None = None) -> str:
    """Le message d'une erreur pydantic (un élément de ``exc.errors()``), dit en français. ``modele``,
    le modèle validé, permet de citer les champs permis quand un champ est inconnu."""
    type_, ctx, valeur = erreur["type"], erreur.get("ctx") or {}, erreur.get("input")
    msg = str(erreur.get("msg", ""))
    if type_ == "missing":
        return "champ obligatoire absent"
    if type_ == "extra_forbidden":
        conteneur = _modele_du_champ(modele, erreur.get("loc", ()))
        permis = f" ; champs permis : {', '.join(conteneur.model_fields)}" if conteneur is not None else ""
        return f"champ inconnu (faute de frappe ?){permis}"
    if type_ == "string_pattern_mismatch":
        motif = str(ctx.get("pattern", ""))
        if motif.startswith("^[a-z0-9]"):
            soulignes = ", tirets et soulignés" if "_" in motif else " et tirets"
            return f"identifiant invalide « {valeur} » (lettres minuscules sans accents, chiffres{soulignes})"
        return f"format invalide « {valeur} » (modèle attendu : {motif})"
    if type_ == "string_too_short":
        n = ctx.get("min_length", 1)
        return "ne doit pas être vide" if n == 1 else f"texte trop court (au moins {n} caractères)"
    if type_ == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)"
    if type_ == "too_short":
        return f"il faut au moins {ctx.get('min_length')} élément(s) ; il y en a {ctx.get('actual_length', 0)}"
    if type_ == "too_long":
        return f"il faut au plus {ctx.get('max_length')} élément(s) ; il y en a {ctx.get('actual_length', 0)}"
    if type_ == "string_type":
        return "il faut un texte"
    if type_ in ("int_type", "int_parsing", "int_from_float"):
        return _entier(valeur)
    if type_ in ("float_type", "float_parsing"):
        return f"il faut un nombre, pas « {valeur} »"
    if type_ in ("greater_than_equal", "greater_than"):
        borne = ctx.get("ge", ctx.get("gt"))
        return f"la valeur {valeur} est trop petite (minimum : {borne}{', exclu' if 'gt' in ctx else ''})"
    if type_ in ("less_than_equal", "less_than"):
        borne = ctx.get("le", ctx.get("lt"))
        return f"la valeur {valeur} est trop grande (maximum : {borne}{', exclu' if 'lt' in ctx else ''})"
    if type_ in ("bool_type", "bool_parsing"):
        return "il faut « true » ou « false »"
    if type_ in ("list_type", "tuple_type", "set_type"):
        return "il faut une liste (une ligne par élément, commençant par « - », ou entre crochets [a, b])"
    if type_ in ("model_type", "model_attributes_type", "dict_type"):
        return "il faut un bloc de champs « nom: valeur »"
    if type_ == "literal_error":
        return f"valeur « {valeur} » non permise (valeurs permises : {str(ctx.get('expected', '')).replace(' or ', ' ou ')})"
    if type_.startswith("date") or type_.startswith("datetime"):
        return f"il faut une date au format AAAA-MM-JJ, pas « {valeur} »"
    if type_ == "value_error":
        return msg.removeprefix("Value error, ")
    if type_ == "assertion_error":
        return msg.removeprefix("Assertion failed, ")
    if type_ == "kit":  # erreurs PydanticCustomError du kit : déjà en français
        return msg
    return f"valeur invalide ({msg})"


# --- Tout en un ---------------------------------------------------------------------------------

def valider(chemin: Path | str, modele: type[M], Erreur: type[FichierInvalide] = FichierInvalide,
            noms: Mapping[type[BaseModel], str] | None = None) -> tuple[M, Lecture]:
    """Lit ``chemin`` (voir ``lire``) et le valide avec ``modele`` ; rend (objet validé, ``Lecture``),
    la lecture servant aux contrôles qui suivent (``lecture.message(loc, texte, lieu)``).

    Lève ``Erreur`` (une sous-classe de ``FichierInvalide``, qui reçoit la liste des messages) : fichier
    absent ou illisible, YAML mal formé (ligne, colonne), clé répétée, fichier vide ou qui n'est pas
    un bloc de champs, puis une erreur par champ fautif, chacune nommant le fichier, la ligne,
    l'élément (``noms``, voir ``decrire_lieu``) et le champ."""
    lecture = lire(chemin, Erreur)
    attendus = _enumerer(c for c, info in modele.model_fields.items() if info.is_required())
    if lecture.donnees is None:
        raise Erreur([f"{lecture.chemin}, ligne 1 : le fichier est vide" + (f" (il faut {attendus})." if attendus else ".")])
    if not isinstance(lecture.donnees, dict):
        contenu = f" contenant {attendus}" if attendus else " « nom: valeur »"
        raise Erreur([lecture.message((), f"le fichier doit être un bloc de champs{contenu}")])
    try:
        objet = modele.model_validate(lecture.donnees)
    except ValidationError as exc:
        raise Erreur([lecture.message(e["loc"], en_francais(e, modele), decrire_lieu(lecture.donnees, e["loc"], modele, noms))
                      for e in exc.errors(include_url=False)]) from None
    return objet, lecture
