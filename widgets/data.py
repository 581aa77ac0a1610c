"""Chargement et validation des jeux de données de ``datasets/``.

Chaque fichier CSV est lu ligne par ligne et chaque ligne validée par un modèle pydantic ; une
erreur nomme le fichier, la ligne (numérotée comme dans un tableur, en-tête = ligne 1), la colonne
et la valeur fautive. Les contrôles croisés (codes INS uniques, CRI connus, coordonnées en
Wallonie...) suivent. Les tables sont chargées une fois par processus puis servies depuis la
mémoire ; on ne modifie jamais ``datasets/``.
"""

from __future__ import annotations

import csv
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

DOSSIER_DONNEES = Path(os.environ.get("KIT_DATASETS", Path(__file__).resolve().parent.parent / "datasets"))

REGIONS = ("Région wallonne", "Région flamande", "Région de Bruxelles-Capitale")
CRI_SIGLES = ("CIMB", "CRIC", "CERAIC", "CRIPEL", "CRVI", "CAI", "CRIBW", "CRILUX")
COMMUNAUTE_GERMANOPHONE = "DG"
CONFIANCES = ("confirmé", "déduit", "non confirmé")

# Rectangle qui contient la Wallonie (avec une marge d'environ 2 km).
WALLONIE_LAT = (49.48, 50.83)
WALLONIE_LON = (2.83, 6.42)
BELGIQUE_LAT = (49.48, 51.52)
BELGIQUE_LON = (2.53, 6.42)


class DonneesInvalides(Exception):
    """Un jeu de données invalide. Le message nomme fichier, ligne, colonne et valeur.

    Volontairement pas une ``ValueError`` : levée pendant la validation d'une situation, elle ne
    doit pas être prise pour une erreur de saisie de l'utilisateur."""

    def __init__(self, fichier: Path | str, ligne: int | None, colonne: str | None, valeur: str | None, message: str):
        self.fichier, self.ligne, self.colonne, self.valeur = str(fichier), ligne, colonne, valeur
        lieu = [self.fichier]
        if ligne is not None:
            lieu.append(f"ligne {ligne}")
        if colonne:
            lieu.append(f"colonne « {colonne} »")
        val = f" (valeur « {valeur} »)" if valeur not in (None, "") else ""
        super().__init__(f"{', '.join(lieu)}{val} : {message}")


def _vide_en_none(v):
    return None if isinstance(v, str) and v.strip() == "" else v


def _booleen(v):
    if isinstance(v, str):
        t = v.strip().lower()
        if t in ("oui", "vrai", "true", "1"):
            return True
        if t in ("non", "faux", "false", "0", ""):
            return False
    return v


Texte = Annotated[str, Field(min_length=1)]
TexteOpt = Annotated[str | None, BeforeValidator(_vide_en_none)]
FloatOpt = Annotated[float | None, BeforeValidator(_vide_en_none)]
Booleen = Annotated[bool, BeforeValidator(_booleen)]


def _motif_opt(regex: str):
    """Un texte facultatif (case vide = None) qui, s'il est là, suit ``regex``."""
    return Annotated[Annotated[str, Field(pattern=regex)] | None, BeforeValidator(_vide_en_none)]


class LigneCommune(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nis: Annotated[str, Field(pattern=r"^\d{5}$")]
    nom: Texte
    nom_nl: TexteOpt = None
    nom_de: TexteOpt = None
    region: Literal[REGIONS]  # type: ignore[valid-type]
    province: TexteOpt = None
    arrondissement: Texte
    latitude: Annotated[float, Field(ge=BELGIQUE_LAT[0], le=BELGIQUE_LAT[1])]
    longitude: Annotated[float, Field(ge=BELGIQUE_LON[0], le=BELGIQUE_LON[1])]
    cri: Annotated[Literal[CRI_SIGLES + (COMMUNAUTE_GERMANOPHONE,)] | None, BeforeValidator(_vide_en_none)] = None  # type: ignore[valid-type]
    cri_confiance: Annotated[Literal[CONFIANCES] | None, BeforeValidator(_vide_en_none)] = None  # type: ignore[valid-type]
    note: TexteOpt = None


class LigneCri(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sigle: Literal[CRI_SIGLES]  # type: ignore[valid-type]
    nom: Texte
    marque: TexteOpt = None
    adresse: TexteOpt = None
    code_postal: _motif_opt(r"^\d{4}$") = None
    localite: Texte
    telephone: TexteOpt = None
    email: _motif_opt(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$") = None
    site_web: _motif_opt(r"^https?://") = None
    confiance: Literal[CONFIANCES]  # type: ignore[valid-type]
    source: Texte
    note: TexteOpt = None


class LigneBureau(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    cri: Literal[CRI_SIGLES]  # type: ignore[valid-type]
    nom: Texte
    adresse: TexteOpt = None
    code_postal: _motif_opt(r"^\d{4}$") = None
    localite: Texte
    nis: Annotated[str, Field(pattern=r"^\d{5}$")]
    latitude: Annotated[float, Field(ge=WALLONIE_LAT[0], le=WALLONIE_LAT[1])]
    longitude: Annotated[float, Field(ge=WALLONIE_LON[0], le=WALLONIE_LON[1])]
    coordonnees_approx: Booleen
    confiance: Literal[CONFIANCES]  # type: ignore[valid-type]
    source: Texte
    note: TexteOpt = None


_MESSAGES = {
    "missing": "valeur manquante",
    "string_too_short": "valeur vide",
    "string_pattern_mismatch": "format inattendu",
    "float_parsing": "un nombre décimal est attendu (point comme séparateur)",
    "float_type": "un nombre décimal est attendu",
    "greater_than_equal": "valeur trop petite (minimum {ge})",
    "less_than_equal": "valeur trop grande (maximum {le})",
    "literal_error": "valeur non admise ; valeurs possibles : {expected}",
    "bool_parsing": "« oui » ou « non » attendu",
    "bool_type": "« oui » ou « non » attendu",
}


def _lire(chemin: Path, modele: type[BaseModel]) -> list[tuple[int, BaseModel]]:
    """Lit un CSV et valide chaque ligne ; rend [(numéro de ligne, ligne validée)]."""
    colonnes = list(modele.model_fields)
    try:
        texte = chemin.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DonneesInvalides(chemin, None, None, None, "fichier introuvable.") from None
    except UnicodeDecodeError as exc:
        raise DonneesInvalides(chemin, None, None, None, f"le fichier n'est pas en UTF-8 (octet {exc.start}).") from None
    lecteur = csv.reader(texte.splitlines())
    try:
        entete = next(lecteur)
    except StopIteration:
        raise DonneesInvalides(chemin, 1, None, None, "fichier vide : l'en-tête est attendu.") from None
    manquantes = [c for c in colonnes if c not in entete and modele.model_fields[c].is_required()]
    if manquantes:
        raise DonneesInvalides(chemin, 1, manquantes[0], None, f"colonne obligatoire absente de l'en-tête ({', '.join(manquantes)}).")
    inconnues = [c for c in entete if c not in colonnes]
    if inconnues:
        raise DonneesInvalides(chemin, 1, inconnues[0], None, f"colonne inconnue ; colonnes admises : {', '.join(colonnes)}.")
    lignes = []
    for numero, champs in enumerate(lecteur, start=2):
        if not champs or all(c.strip() == "" for c in champs):
            continue
        if len(champs) != len(entete):
            raise DonneesInvalides(chemin, numero, None, None, f"{len(champs)} valeurs pour {len(entete)} colonnes (virgule en trop ou guillemet non fermé ?).")
        brut = dict(zip(entete, champs))
        try:
            lignes.append((numero, modele.model_validate(brut)))
        except ValidationError as exc:
            e = exc.errors(include_url=False)[0]
            colonne = str(e["loc"][0]) if e["loc"] else None
            modele_msg = _MESSAGES.get(e["type"], e["msg"])
            try:
                msg = modele_msg.format(**(e.get("ctx") or {}))
            except (KeyError, IndexError):
                msg = modele_msg
            raise DonneesInvalides(chemin, numero, colonne, brut.get(colonne or "", None), msg + ".") from None
    return lignes


def _unique(chemin: Path, lignes, colonne: str) -> None:
    vus: dict[str, int] = {}
    for numero, ligne in lignes:
        valeur = getattr(ligne, colonne)
        if valeur in vus:
            raise DonneesInvalides(chemin, numero, colonne, valeur, f"valeur en double (déjà à la ligne {vus[valeur]}).")
        vus[valeur] = numero


@dataclass(frozen=True)
class Jeux:
    """Les tables, validées ensemble. ``codes_postaux`` est ``None`` quand le dossier n'a pas de
    ``codes-postaux.csv`` (fichier facultatif : voir ``charger``)."""

    communes: pd.DataFrame
    cri: pd.DataFrame
    bureaux: pd.DataFrame
    codes_postaux: pd.DataFrame | None = None


def _signature(dossier: Path) -> tuple:
    return tuple((n, (dossier / n).stat().st_mtime_ns if (dossier / n).exists() else 0)
                 for n in ("communes.csv", "cri.csv", "bureaux.csv", "codes-postaux.csv"))


def charger(dossier: Path | str | None = None) -> Jeux:
    """Charge et valide ``communes.csv``, ``cri.csv`` et ``bureaux.csv`` (obligatoires) et
    ``codes-postaux.csv`` (facultatif), le tout mis en cache.

    ``codes-postaux.csv`` est facultatif pour qu'un dossier de données plus ancien ou un dossier de
    test (``KIT_DATASETS``) qui n'a que les trois tables historiques serve encore tout le kit : seule
    la recherche par code postal ou par localité manque alors, et ``chercher_communes`` le dit en
    clair. Présent, il est validé comme les autres (une erreur nomme fichier, ligne et colonne)."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    return _charger(dossier, _signature(dossier))


@lru_cache(maxsize=4)
def _charger(dossier: Path, _signature: tuple) -> Jeux:
    f_communes, f_cri, f_bureaux = dossier / "communes.csv", dossier / "cri.csv", dossier / "bureaux.csv"
    communes = _lire(f_communes, LigneCommune)
    cri = _lire(f_cri, LigneCri)
    bureaux = _lire(f_bureaux, LigneBureau)
    _unique(f_communes, communes, "nis")
    _unique(f_cri, cri, "sigle")
    _unique(f_bureaux, bureaux, "id")

    sigles = {l.sigle for _, l in cri}
    for numero, c in communes:
        if c.region == "Région wallonne":
            if c.cri is None:
                raise DonneesInvalides(f_communes, numero, "cri", "", "une commune wallonne doit avoir un CRI (ou DG pour la Communauté germanophone).")
            if c.cri != COMMUNAUTE_GERMANOPHONE and c.cri not in sigles:
                raise DonneesInvalides(f_communes, numero, "cri", c.cri, "CRI absent de cri.csv.")
            if c.cri != COMMUNAUTE_GERMANOPHONE and c.cri_confiance is None:
                raise DonneesInvalides(f_communes, numero, "cri_confiance", "", "indiquez le degré de confiance du rattachement au CRI.")
            for col, (bas, haut) in (("latitude", WALLONIE_LAT), ("longitude", WALLONIE_LON)):
                v = getattr(c, col)
                if not bas <= v <= haut:
                    raise DonneesInvalides(f_communes, numero, col, str(v), "coordonnée hors de Wallonie.")
        elif c.cri is not None:
            raise DonneesInvalides(f_communes, numero, "cri", c.cri, "seules les communes wallonnes ont un CRI.")
    nis_connus = {c.nis for _, c in communes}
    for numero, b in bureaux:
        if b.cri not in sigles:
            raise DonneesInvalides(f_bureaux, numero, "cri", b.cri, "CRI absent de cri.csv.")
        if b.nis not in nis_connus:
            raise DonneesInvalides(f_bureaux, numero, "nis", b.nis, "code INS absent de communes.csv.")

    def table(lignes, cle):
        # dtype objet : une case vide reste None (et non NaN) ; seules les coordonnées sont des nombres.
        df = pd.DataFrame([l.model_dump() for _, l in lignes], dtype=object)
        for colonne in ("latitude", "longitude"):
            if colonne in df:
                df[colonne] = df[colonne].astype(float)
        return df.set_index(cle, drop=False)

    f_codes = dossier / FICHIER_CODES_POSTAUX
    codes = _valider_codes_postaux(f_codes, communes) if f_codes.exists() else None
    return Jeux(communes=table(communes, "nis"), cri=table(cri, "sigle"), bureaux=table(bureaux, "id"), codes_postaux=codes)


def _ligne(table: pd.DataFrame, cle: str) -> dict | None:
    """Une ligne en dictionnaire, les cases vides en ``None`` (jamais NaN)."""
    if cle not in table.index:
        return None
    return {k: (None if not isinstance(v, (list, dict)) and pd.isna(v) else v) for k, v in table.loc[cle].items()}


# --- Recherche d'une commune ---------------------------------------------------------------

def normaliser(texte: str) -> str:
    """Forme de comparaison : sans accents, en minuscules, tirets et apostrophes unifiés."""
    texte = texte.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii").lower()
    for signe in "-'’`.":
        t = t.replace(signe, " ")
    return " ".join(t.split())


@lru_cache(maxsize=4)
def _index_noms(signature: tuple, dossier: Path) -> dict[str, str]:
    communes = charger(dossier).communes
    index: dict[str, str] = {}
    # Le nom français d'abord : il l'emporte sur un nom néerlandais ou allemand identique.
    for colonne in ("nom", "nom_nl", "nom_de"):
        for nis, nom in communes[colonne].dropna().items():
            index.setdefault(normaliser(nom), nis)
    return index


def trouver_commune(texte: str | int, dossier: Path | str | None = None) -> dict | None:
    """La commune désignée par un nom (français, néerlandais ou allemand) ou un code INS."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    communes = charger(dossier).communes
    cle = str(texte).strip()
    if cle.isdigit():
        return _ligne(communes, cle)
    nis = _index_noms(_signature(dossier), dossier).get(normaliser(cle))
    return _ligne(communes, nis) if nis else None


def suggestions(texte: str, n: int = 3, dossier: Path | str | None = None) -> list[str]:
    """Des noms de communes proches de ``texte`` (pour « Vouliez-vous dire... ? »)."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    index = _index_noms(_signature(dossier), dossier)
    communes = charger(dossier).communes
    proches = difflib.get_close_matches(normaliser(str(texte)), list(index), n=n, cutoff=0.75)
    return list(dict.fromkeys(communes.loc[index[p], "nom"] for p in proches))


def cri(sigle: str, dossier: Path | str | None = None) -> dict | None:
    return _ligne(charger(dossier).cri, sigle)


def bureaux_du_cri(sigle: str, dossier: Path | str | None = None) -> pd.DataFrame:
    table = charger(dossier).bureaux
    return table[table["cri"] == sigle]


# --- Budget d'exemple du module « Gestion d'ASBL et de projets » ----------------------------
# Ajouté après le reste : réutilise ``_lire`` (erreurs qui nomment fichier, ligne, colonne).
# Les montants restent des ``Decimal`` (jamais des ``float``) ; les messages sont en français
# (validateurs « kit » : ``_lire`` reprend leur texte tel quel).

FICHIER_BUDGET_EXEMPLE = "budget-exemple.csv"
TYPES_BUDGET = ("charge", "produit")
NATURES_BUDGET = ("fonds_propres", "subside", "recette", "don", "en_nature")
_MONTANT_CSV = re.compile(r"\d+(\.\d{1,2})?")


def _parmi(valeurs: tuple[str, ...], facultatif: bool = False):
    def _verifier(v):
        if facultatif and (v is None or (isinstance(v, str) and v.strip() == "")):
            return None
        if v not in valeurs:
            raise PydanticCustomError("kit", "valeur non admise ; valeurs possibles : {c}", {"c": ", ".join(valeurs)})
        return v
    return BeforeValidator(_verifier)


def erreur_nature(genre: str | None, nature: str | None) -> str | None:
    """La règle d'une ligne de budget, une seule fois pour le fichier et pour les règles : un produit a
    une nature ; une charge n'en a pas, sauf la contrepartie d'un apport en nature. ``None`` si c'est bon."""
    if genre == "produit" and nature is None:
        return f"un produit a une nature : {', '.join(NATURES_BUDGET)}"
    if genre == "charge" and nature not in (None, "en_nature"):
        return "une charge n'a pas de nature, sauf « en_nature » (contrepartie d'un apport en nature)"
    return None


def _montant_csv(v):
    texte = v.strip() if isinstance(v, str) else v
    if not isinstance(texte, str) or not _MONTANT_CSV.fullmatch(texte):
        raise PydanticCustomError("kit", "montant attendu en euros, positif, avec un point décimal et au plus deux décimales (ex. 1250.50)")
    return Decimal(texte)


class LigneBudgetCsv(BaseModel):
    """Une ligne de ``budget-exemple.csv`` (et des budgets exportés par le simulateur)."""

    model_config = ConfigDict(extra="forbid")
    type: Annotated[str, _parmi(TYPES_BUDGET)]
    categorie: Texte
    libelle: Texte
    montant: Annotated[Decimal, BeforeValidator(_montant_csv)]
    nature: Annotated[str | None, _parmi(NATURES_BUDGET, facultatif=True)] = Field(default=None, validate_default=True)
    financeur: TexteOpt = None
    source: TexteOpt = None

    @field_validator("nature")
    @classmethod
    def _nature_selon_le_type(cls, v, info: ValidationInfo):
        probleme = erreur_nature(info.data.get("type"), v)
        if probleme:
            raise PydanticCustomError("kit", "{m}", {"m": probleme})  # _lire ajoute le point final
        return v


def charger_budget(chemin: Path | str | None = None) -> pd.DataFrame:
    """Le budget d'exemple (ou un budget exporté), validé : une ligne par charge ou produit,
    ``montant`` en ``Decimal``. Lève ``DonneesInvalides`` (fichier, ligne, colonne, valeur)."""
    chemin = Path(chemin) if chemin else DOSSIER_DONNEES / FICHIER_BUDGET_EXEMPLE
    lignes = _lire(chemin, LigneBudgetCsv)
    colonnes = list(LigneBudgetCsv.model_fields)
    df = pd.DataFrame([l.model_dump() for _, l in lignes], columns=colonnes, dtype=object)
    df.index = pd.Index([n for n, _ in lignes], name="ligne_csv")
    return df


def budget_exemple(chemin: Path | str | None = None) -> list[dict]:
    """Les lignes du budget d'exemple, prêtes pour ``widgets.rules.budget.evaluer``."""
    df = charger_budget(chemin)
    return [{k: v for k, v in ligne.items() if v is not None} for ligne in df.to_dict(orient="records")]


# --- Codes postaux, localités et services utiles (séance « Où s'adresser ? ») -----------------
# Ajouté après le reste. ``codes-postaux.csv`` est chargé par ``charger`` (facultatif) ;
# ``services.csv`` par ``charger_services`` (il ne sert qu'aux séances qui l'affichent).

FICHIER_CODES_POSTAUX = "codes-postaux.csv"
FICHIER_SERVICES = "services.csv"
PLAGES_CODES_WALLONS = ((1300, 1499), (4000, 7999))
THEMES_SERVICES = ("administration", "aide sociale", "logement", "santé", "emploi", "enseignement",
                   "cours de français", "interprétariat", "discriminations")
MARQUE_EXEMPLE = "exemple à vérifier"


def _oui_non_strict(v):
    t = v.strip().lower() if isinstance(v, str) else v
    if t == "oui":
        return True
    if t == "non":
        return False
    raise PydanticCustomError("kit", "« oui » ou « non » attendu")


OuiNon = Annotated[bool, BeforeValidator(_oui_non_strict)]


class LigneCodePostal(BaseModel):
    """Une localité de ``codes-postaux.csv`` et la commune dont elle fait partie."""

    model_config = ConfigDict(extra="forbid")
    code_postal: Annotated[str, Field(pattern=r"^\d{4}$")]
    localite: Texte
    nis: Annotated[str, Field(pattern=r"^\d{5}$")]
    commune: Texte
    principale: OuiNon


def code_postal_wallon(code: str | int) -> bool:
    """Le code postal est-il dans les plages de la Wallonie (1300-1499, 4000-7999) ?"""
    texte = str(code).strip()
    return texte.isdigit() and len(texte) == 4 and any(bas <= int(texte) <= haut for bas, haut in PLAGES_CODES_WALLONS)


def _valider_codes_postaux(chemin: Path, communes: list[tuple[int, LigneCommune]]) -> pd.DataFrame:
    lignes = _lire(chemin, LigneCodePostal)
    wallonnes = {c.nis: c for _, c in communes if c.region == "Région wallonne"}
    vus: dict[tuple[str, str], int] = {}
    for numero, l in lignes:
        if not code_postal_wallon(l.code_postal):
            raise DonneesInvalides(chemin, numero, "code_postal", l.code_postal, "code postal hors de Wallonie (1300 à 1499, 4000 à 7999).")
        commune = wallonnes.get(l.nis)
        if commune is None:
            raise DonneesInvalides(chemin, numero, "nis", l.nis, "code INS absent de communes.csv ou commune hors de Wallonie.")
        if normaliser(l.commune) != normaliser(commune.nom):
            raise DonneesInvalides(chemin, numero, "commune", l.commune, f"ne correspond pas au code INS {l.nis} ({commune.nom} dans communes.csv).")
        cle = (l.code_postal, normaliser(l.localite))
        if cle in vus:
            raise DonneesInvalides(chemin, numero, "localite", l.localite, f"localité en double pour ce code postal (déjà à la ligne {vus[cle]}).")
        vus[cle] = numero
    sans_principale = sorted(set(wallonnes) - {l.nis for _, l in lignes if l.principale})
    if sans_principale:
        noms = ", ".join(wallonnes[n].nom for n in sans_principale[:5])
        raise DonneesInvalides(chemin, None, "principale", None,
                               f"{len(sans_principale)} commune(s) wallonne(s) sans ligne « principale = oui » (par exemple : {noms}).")
    df = pd.DataFrame([l.model_dump() for _, l in lignes], columns=list(LigneCodePostal.model_fields), dtype=object)
    df["principale"] = df["principale"].astype(bool)
    return df


@lru_cache(maxsize=4)
def _index_lieux(signature: tuple, dossier: Path) -> tuple[dict, dict, dict]:
    """(localité normalisée -> lignes, code postal -> lignes, nom de commune sans qualificatif ->
    codes INS) ; les lignes sont des dictionnaires de ``codes-postaux.csv``."""
    jeux = charger(dossier)
    par_localite: dict[str, list[dict]] = {}
    par_code: dict[str, list[dict]] = {}
    if jeux.codes_postaux is not None:
        for ligne in jeux.codes_postaux.to_dict(orient="records"):
            par_localite.setdefault(normaliser(ligne["localite"]), []).append(ligne)
            par_code.setdefault(ligne["code_postal"], []).append(ligne)
    sans_qualificatif: dict[str, list[str]] = {}
    for colonne in ("nom", "nom_nl", "nom_de"):
        for nis, nom in jeux.communes[colonne].dropna().items():
            court = re.sub(r"\s*\([^)]*\)$", "", nom)
            if court != nom and nis not in sans_qualificatif.get(normaliser(court), []):
                sans_qualificatif.setdefault(normaliser(court), []).append(nis)
    return par_localite, par_code, sans_qualificatif


def codes_postaux_de(nis: str, dossier: Path | str | None = None) -> list[str]:
    """Les codes postaux d'une commune wallonne (liste vide si le fichier est absent)."""
    codes = charger(dossier).codes_postaux
    if codes is None:
        return []
    return sorted(set(codes.loc[codes["nis"] == str(nis), "code_postal"]))


def chercher_communes(texte: str | int, dossier: Path | str | None = None) -> list[dict]:
    """Les communes que désigne ``texte`` : un nom de commune (français, néerlandais ou allemand),
    un nom de localité (« Jemappes » -> Mons), un code postal (« 7330 », « 7330 Saint-Ghislain »)
    ou un code INS (« 53053 »), sans tenir compte des accents ni de la casse.

    Chaque résultat est la ligne de ``communes.csv`` (dictionnaire, cases vides en ``None``) plus :
    ``trouve_par`` (« nom », « localite », « code_postal » ou « code_ins »), ``localite`` (la
    localité cherchée, ou ``None``), ``code_postal`` (celui de la recherche ou de la localité),
    ``localites`` (pour un code postal : les localités qu'il dessert dans cette commune) et
    ``codes_postaux`` (tous les codes de la commune). Liste vide : rien trouvé.

    Sans ``codes-postaux.csv``, une recherche par code postal lève ``DonneesInvalides`` (message
    clair) ; les noms de communes et les codes INS restent cherchables."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    jeux = charger(dossier)
    brut = " ".join(str(texte).split())
    if not brut:
        return []
    par_localite, par_code, sans_qualificatif = _index_lieux(_signature(dossier), dossier)
    resultats: dict[str, dict] = {}

    def ajouter(nis: str, trouve_par: str, localite: str | None = None, code: str | None = None, localites=()):
        if nis in resultats:
            return
        ligne = _ligne(jeux.communes, nis)
        if ligne is None:
            return
        resultats[nis] = {**ligne, "trouve_par": trouve_par, "localite": localite, "code_postal": code,
                          "localites": list(localites), "codes_postaux": codes_postaux_de(nis, dossier)}

    code = re.fullmatch(r"(\d{4})(?:\s*[,-]?\s*(\D.*))?", brut)
    if code:
        if jeux.codes_postaux is None:
            raise DonneesInvalides(dossier / FICHIER_CODES_POSTAUX, None, None, None,
                                   "fichier introuvable : la recherche par code postal n'est pas disponible. "
                                   "Cherchez par nom de commune ou par code INS.")
        lignes = par_code.get(code[1], [])
        if code[2]:  # « 7330 Saint-Ghislain » : le nom départage les communes d'un même code
            nom = normaliser(code[2])
            lignes = [l for l in lignes if nom in (normaliser(l["localite"]), normaliser(l["commune"]))] or lignes
        for nis in dict.fromkeys(l["nis"] for l in lignes):
            locs = [l["localite"] for l in lignes if l["nis"] == nis]
            precise = next((l["localite"] for l in lignes if l["nis"] == nis and not l["principale"]), None) if len(locs) == 1 else None
            ajouter(nis, "code_postal", localite=precise, code=code[1], localites=locs)
        return list(resultats.values())
    if re.fullmatch(r"\d{5}", brut):
        ajouter(brut, "code_ins")
        return list(resultats.values())
    if brut.isdigit():
        return []

    cle = normaliser(brut)
    nis = _index_noms(_signature(dossier), dossier).get(cle)
    if nis:
        ajouter(nis, "nom")
    for nis in sans_qualificatif.get(cle, []):  # « Saint-Nicolas » : Saint-Nicolas (Liège) et Saint-Nicolas (Sint-Niklaas)
        ajouter(nis, "nom")
    for ligne in par_localite.get(cle, []):
        if ligne["principale"]:
            ajouter(ligne["nis"], "nom")
        else:
            ajouter(ligne["nis"], "localite", localite=ligne["localite"], code=ligne["code_postal"])
    # Les communes wallonnes d'abord (« Saint-Nicolas » : celle de Liège avant celle de Flandre).
    return sorted(resultats.values(), key=lambda r: r["region"] != "Région wallonne")


def suggestions_lieux(texte: str, n: int = 4, dossier: Path | str | None = None) -> list[str]:
    """Des noms proches de ``texte`` pour « Vouliez-vous dire... ? » : communes (``suggestions``)
    puis localités, présentées avec leur commune (« Jemappes (Mons) »)."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    proposes = suggestions(texte, n=n, dossier=dossier)
    par_localite = _index_lieux(_signature(dossier), dossier)[0]
    for cle in difflib.get_close_matches(normaliser(str(texte)), list(par_localite), n=n, cutoff=0.75):
        for ligne in par_localite[cle]:
            libelle = ligne["localite"] if ligne["principale"] else f"{ligne['localite']} ({ligne['commune']})"
            if ligne["localite"] not in proposes and libelle not in proposes:
                proposes.append(libelle)
    return proposes[:n]


def codes_proches(code: str, n: int = 3, dossier: Path | str | None = None) -> list[tuple[str, str]]:
    """Les codes postaux wallons les plus proches de ``code`` (en valeur), avec leur commune
    principale : pour « 7010 » (un code réservé), [("7011", "Mons"), ...]."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    par_code = _index_lieux(_signature(dossier), dossier)[1]
    if not str(code).isdigit() or not par_code:
        return []
    proches = sorted(par_code, key=lambda c: (abs(int(c) - int(code)), c))[:n]
    return [(c, par_code[c][0]["commune"]) for c in sorted(proches)]


class LigneService(BaseModel):
    """Un service utile de ``services.csv`` (organisme réel, ou ligne d'exemple signalée)."""

    model_config = ConfigDict(extra="forbid")
    commune: _motif_opt(r"^\d{5}$") = None
    theme: Annotated[str, _parmi(THEMES_SERVICES)]
    nom: Texte
    adresse: TexteOpt = None
    telephone: _motif_opt(r"^\+?[0-9][0-9 ./]{5,}[0-9]$") = None
    site_web: _motif_opt(r"^https?://[^\s]+$") = None
    source: Texte
    date_verification: Annotated[str, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    exemple: OuiNon


@lru_cache(maxsize=4)
def _charger_services(chemin: Path, _mtime: int, dossier: Path) -> pd.DataFrame:
    lignes = _lire(chemin, LigneService)
    wallonnes = set(charger(dossier).communes.query("region == 'Région wallonne'").index)
    vus: dict[tuple, int] = {}
    for numero, l in lignes:
        if l.commune is not None and l.commune not in wallonnes:
            raise DonneesInvalides(chemin, numero, "commune", l.commune, "code INS absent de communes.csv ou commune hors de Wallonie (case vide = toute la Wallonie).")
        if l.exemple and MARQUE_EXEMPLE not in l.source.lower():
            raise DonneesInvalides(chemin, numero, "source", l.source, f"une ligne d'exemple le dit dans sa source (« {MARQUE_EXEMPLE} »).")
        if not l.exemple and l.site_web is None:
            raise DonneesInvalides(chemin, numero, "site_web", "", "un organisme réel est donné avec son site officiel.")
        cle = (l.commune, normaliser(l.nom))
        if cle in vus:
            raise DonneesInvalides(chemin, numero, "nom", l.nom, f"service en double pour cette commune (déjà à la ligne {vus[cle]}).")
        vus[cle] = numero
    df = pd.DataFrame([l.model_dump() for _, l in lignes], columns=list(LigneService.model_fields), dtype=object)
    df["exemple"] = df["exemple"].astype(bool)
    df.index = pd.Index([n for n, _ in lignes], name="ligne_csv")
    return df


def charger_services(dossier: Path | str | None = None) -> pd.DataFrame:
    """``services.csv``, validé (une erreur nomme fichier, ligne, colonne et valeur) : une ligne par
    service, ``commune`` à ``None`` pour un service de toute la Wallonie, ``exemple`` booléen."""
    dossier = Path(dossier) if dossier else DOSSIER_DONNEES
    chemin = dossier / FICHIER_SERVICES
    mtime = chemin.stat().st_mtime_ns if chemin.exists() else 0
    return _charger_services(chemin, mtime, dossier)


def services_pour(nis: str | None, dossier: Path | str | None = None) -> pd.DataFrame:
    """Les services utiles pour une commune : ceux de toute la Wallonie et ceux de la commune,
    dans l'ordre des thèmes, les lignes d'exemple à la fin de leur thème."""
    df = charger_services(dossier)
    choisis = df[df["commune"].isna() | (df["commune"] == nis)].copy()
    choisis["_ordre"] = choisis["theme"].map(THEMES_SERVICES.index)
    return choisis.sort_values(["_ordre", "exemple"], kind="stable").drop(columns="_ordre")
