"""Les statistiques de population de Statbel, pour le diagnostic du territoire d'un CRI.

Le fichier lu est le jeu ouvert de Statbel « Population par lieu de résidence, nationalité, état
civil, âge et sexe » (fichiers ``TF_SOC_POP_STRUCT_AAAA`` : ``.zip`` contenant un ``.txt``, ou
``.xlsx``), décrit dans ``datasets/README.md`` (section « demo/population-demo.csv »), avec ce qui
a été vérifié et ce qui ne l'a pas été. Une ligne du fichier = un groupe de personnes d'une commune,
d'un sexe, d'une nationalité, d'un état civil et d'un âge ; ``MS_POPULATION`` en donne le nombre.

Ce module est pur : pandas, la table des communes (``widgets.data``) et la liste datée des pays de
l'Union européenne (``widgets.rules.legislation``, fichier ``vote.yaml``). Aucun widget.

- ``charger_population(chemin)`` lit, valide et rend un tableau normalisé : ``nis``, ``commune``,
  ``sexe`` (F/M), ``belge``, ``nationalite`` (code ISO à deux lettres, ou ``ETR`` quand le fichier ne
  détaille pas la nationalité), ``nationalite_nom``, ``age``, ``classe_age``, ``effectif`` ;
  une erreur (``DonneesInvalides``) nomme le fichier, la ligne, la colonne et la valeur ;
- ``totaux``, ``part_hors_ue``, ``top_nationalites``, ``pyramide``, ``par_commune`` : les calculs
  pour les communes d'un CRI (``cri`` de ``datasets/communes.csv``).

**Nationalité.** Toutes les versions du fichier vues dans les sources ne distinguent que deux
groupes : ``BEL`` (Belges) et ``ETR`` (non-Belges). Le kit lit aussi une variante où ``CD_NATLTY``
détaille la nationalité par un code ISO 3166-1 à trois lettres (``BEL`` est justement celui de la
Belgique) : c'est le format du fichier de démonstration ; aucune publication de Statbel dans ce
format n'a été vue (à vérifier). Avec un fichier BEL/ETR, le top des nationalités et la part des
étrangers hors Union européenne ne peuvent pas être calculés : les fonctions le disent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from widgets import data
from widgets.data import DonneesInvalides

# --- Le format du fichier -------------------------------------------------------------------

# Les 21 colonnes des fichiers récents (2019 et après), dans l'ordre du fichier.
COLONNES = (
    "CD_REFNIS", "TX_DESCR_NL", "TX_DESCR_FR", "CD_DSTR_REFNIS", "TX_ADM_DSTR_DESCR_NL", "TX_ADM_DSTR_DESCR_FR",
    "CD_PROV_REFNIS", "TX_PROV_DESCR_NL", "TX_PROV_DESCR_FR", "CD_RGN_REFNIS", "TX_RGN_DESCR_NL", "TX_RGN_DESCR_FR",
    "CD_SEX", "CD_NATLTY", "TX_NATLTY_NL", "TX_NATLTY_FR", "CD_CIV_STS", "TX_CIV_STS_NL", "TX_CIV_STS_FR",
    "CD_AGE", "MS_POPULATION",
)
# Les noms des fichiers plus anciens (jusqu'à 2017 environ) et de la description des colonnes de Statbel.
ALIAS = {"CD_MUNTY_REFNIS": "CD_REFNIS", "TX_MUNTY_DESCR_NL": "TX_DESCR_NL", "TX_MUNTY_DESCR_FR": "TX_DESCR_FR"}
FACULTATIVES = ("CD_YEAR",)
# Les colonnes que le kit garde (les autres sont vérifiées présentes, puis ignorées).
UTILES = ("CD_REFNIS", "TX_DESCR_FR", "CD_SEX", "CD_NATLTY", "CD_CIV_STS", "CD_AGE", "MS_POPULATION")

EXTENSIONS_TEXTE = (".txt", ".csv")
EXTENSIONS_EXCEL = (".xlsx", ".xlsm")
SEPARATEURS = ("|", ";", "\t", ",")
MARQUE_FICTIF = "données fictives"

BELGE = "BEL"
ETRANGER_NON_DETAILLE = "ETR"
AGE_MAX = 120  # Statbel regroupe les 100 ans et plus sous 100 ; le kit admet jusqu'à 120.

# Classes d'âge de dix ans pour les pyramides, la dernière ouverte : à l'échelle d'une commune, des
# classes plus fines donnent des nombres trop petits pour être interprétés.
CLASSES_AGE = tuple(f"{a}-{a + 9}" for a in range(0, 90, 10)) + ("90+",)

# Seuil choisi par le kit (pas une règle de Statbel) : en dessous, un nombre est signalé « petit effectif ».
PETIT_EFFECTIF = 10

LIBELLES_SEXE = {"F": "femmes", "M": "hommes"}


def classe_age(age: int) -> str:
    return CLASSES_AGE[min(int(age) // 10, len(CLASSES_AGE) - 1)]


# --- Codes de nationalité -------------------------------------------------------------------

@lru_cache(maxsize=1)
def codes_alpha3() -> dict[str, str]:
    """{code ISO 3166-1 alpha-3: code alpha-2}, d'après les alias de territoires de CLDR (Babel).
    Les anciens codes qui désignent plusieurs États (URSS, Yougoslavie...) sont exclus : ambigus."""
    from babel.core import get_global

    from widgets.rules import pays

    connus = pays.noms()
    table = {a3: cibles[0] for a3, cibles in get_global("territory_aliases").items()
             if len(a3) == 3 and a3.isalpha() and len(cibles) == 1 and cibles[0] in connus}
    table["XKX"] = "XK"  # Kosovo : code provisoire, absent de la norme
    return table


def nom_nationalite(code: str) -> str:
    """Le nom français du pays d'un code à deux lettres (« MA » -> « Maroc »)."""
    if code == ETRANGER_NON_DETAILLE:
        return "Non-Belges (nationalité non détaillée)"
    from widgets.rules import pays

    return pays.nom(code)


# --- Lecture --------------------------------------------------------------------------------

def _apercu(valeur) -> str:
    texte = "" if valeur is None else str(valeur)
    return texte if len(texte) <= 60 else texte[:57] + "..."


def _erreur(nom: str, ligne: int | None, colonne: str | None, valeur, message: str) -> DonneesInvalides:
    return DonneesInvalides(nom, ligne, colonne, _apercu(valeur) if valeur is not None else None, message)


def _separateur(entete: str) -> str | None:
    comptes = {s: entete.count(s) for s in SEPARATEURS}
    meilleur = max(comptes, key=lambda s: comptes[s])
    return meilleur if comptes[meilleur] else None


def _decoder(octets: bytes, nom: str) -> str:
    if octets.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _erreur(nom, 1, None, None, "le fichier est en UTF-16 ; le kit attend de l'UTF-8, l'encodage des fichiers de "
                      "Statbel. Téléchargez à nouveau le fichier, ou réenregistrez-le en « CSV UTF-8 ».")
    if octets.startswith(b"PK\x03\x04"):
        raise _erreur(nom, None, None, None, "ce fichier est une archive (zip ou Excel) malgré son nom : donnez-lui "
                      "l'extension .zip ou .xlsx, selon ce que Statbel a fourni.")
    try:
        return octets.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        debut = octets.rfind(b"\n", 0, exc.start) + 1
        numero = octets.count(b"\n", 0, exc.start) + 1
        premiere = octets.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip()
        sep = _separateur(premiere)
        colonne = None
        if sep:
            entete = [c.strip() for c in premiere.split(sep)]
            rang = octets[debut:exc.start].count(sep.encode())
            colonne = entete[rang] if rang < len(entete) else None
        fautif = octets[exc.start:exc.start + 1].hex(" ").upper()
        raise _erreur(nom, numero, colonne, None, f"caractère illisible en UTF-8 (octet 0x{fautif}). Le fichier a sans doute "
                      "été réenregistré par un tableur dans un autre encodage (Windows-1252 ?). Téléchargez à nouveau le "
                      "fichier de Statbel, ou réenregistrez-le en « CSV UTF-8 ».") from None


@dataclass
class _Source:
    """Un fichier ouvert : son nom à citer, son en-tête et le numéro de sa ligne, ses lignes de
    données (itérateur de (numéro de ligne, champs), lu une seule fois) et ses commentaires."""

    nom: str
    entete: list[str]
    ligne_entete: int
    lignes: Iterator[tuple[int, list[str]]]
    commentaires: list[str] = field(default_factory=list)


def _est_commentaire(ligne: str) -> bool:
    return ligne.lstrip().startswith("#")


def _lignes_physiques(texte: str) -> Iterator[tuple[int, str]]:
    """(numéro, ligne sans fin de ligne), sans copier le texte ni en faire une liste."""
    debut, taille, numero = 0, len(texte), 1
    while debut < taille:
        fin = texte.find("\n", debut)
        if fin == -1:
            fin = taille
        yield numero, texte[debut:fin].rstrip("\r")
        debut, numero = fin + 1, numero + 1


def _source_texte(texte: str, nom: str) -> _Source:
    """Les lignes vides sont ignorées ; celles qui commencent par « # » sont des commentaires (le
    fichier de démonstration en a un). Les lignes sont découpées au fil de la lecture : un fichier
    de Statbel (près d'un demi-million de lignes) ne tient jamais en mémoire champ par champ."""
    commentaires: list[str] = []
    physiques = _lignes_physiques(texte)
    entete_brute, ligne_entete = None, None
    for numero, ligne in physiques:
        if not ligne.strip():
            continue
        if _est_commentaire(ligne):
            commentaires.append(ligne.lstrip()[1:].strip())
            continue
        entete_brute, ligne_entete = ligne, numero
        break
    if entete_brute is None:
        raise _erreur(nom, None, None, None, "fichier vide : l'en-tête (CD_REFNIS, TX_DESCR_FR...) et des lignes de données sont attendus.")
    sep = _separateur(entete_brute)
    if sep is None:
        raise _erreur(nom, ligne_entete, None, entete_brute, "en-tête illisible : aucun séparateur (| ; tabulation ou virgule). "
                      "Le fichier de Statbel sépare ses colonnes par « | ».")
    entete = [c.strip() for c in next(csv.reader([entete_brute], delimiter=sep))]
    numeros: list[int] = []

    def donnees():
        for numero, ligne in physiques:
            if not ligne.strip():
                continue
            if _est_commentaire(ligne):
                commentaires.append(ligne.lstrip()[1:].strip())
                continue
            numeros.append(numero)
            yield ligne

    def lignes():
        lecteur = csv.reader(donnees(), delimiter=sep)
        for champs in lecteur:
            yield numeros[lecteur.line_num - 1], champs

    def lignes_sans_guillemets():
        # Le cas du fichier de Statbel : aucun guillemet, un simple découpage suffit (bien plus rapide).
        for numero, ligne in physiques:
            if not ligne.strip():
                continue
            if _est_commentaire(ligne):
                commentaires.append(ligne.lstrip()[1:].strip())
                continue
            yield numero, ligne.split(sep)

    return _Source(nom, entete, ligne_entete, lignes() if '"' in texte else lignes_sans_guillemets(), commentaires)


def _texte_excel(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur)


def _source_excel(octets: bytes, nom: str) -> _Source:
    from openpyxl import load_workbook

    try:
        classeur = load_workbook(io.BytesIO(octets), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl lève des erreurs variées pour un fichier abîmé
        raise _erreur(nom, None, None, None, "classeur Excel illisible (fichier abîmé ou d'un autre format).") from None
    rangees = enumerate(classeur.worksheets[0].iter_rows(values_only=True), start=1)
    commentaires: list[str] = []

    def champs_de(valeurs) -> list[str]:
        champs = [_texte_excel(v) for v in valeurs]
        while champs and champs[-1] == "":
            champs.pop()
        return champs

    entete, ligne_entete = None, None
    for numero, valeurs in rangees:
        champs = champs_de(valeurs)
        if not champs:
            continue
        if _est_commentaire(champs[0]):
            commentaires.append(champs[0].lstrip()[1:].strip())
            continue
        entete, ligne_entete = [c.strip() for c in champs], numero
        break
    if entete is None:
        classeur.close()
        raise _erreur(nom, None, None, None, "classeur vide : l'en-tête (CD_REFNIS, TX_DESCR_FR...) est attendu sur la première feuille.")
    largeur = len(entete)

    def lignes():
        try:
            for numero, valeurs in rangees:
                champs = champs_de(valeurs)
                if not champs or _est_commentaire(champs[0]):
                    continue
                # Une case vide en fin de ligne reste une valeur (vide) de la colonne.
                yield numero, champs + [""] * (largeur - len(champs))
        finally:
            classeur.close()

    return _Source(nom, entete, ligne_entete, lignes(), commentaires)


def _ouvrir(chemin: Path) -> _Source:
    """Le fichier (.txt, .csv, .zip ou .xlsx) prêt à être lu ligne par ligne."""
    nom = str(chemin)
    if not chemin.exists():
        raise _erreur(nom, None, None, None, "fichier introuvable. Vérifiez le chemin (dossier et nom du fichier téléchargé).")
    if chemin.is_dir():
        raise _erreur(nom, None, None, None, "c'est un dossier : indiquez le fichier lui-même (.zip, .txt, .csv ou .xlsx).")
    extension = chemin.suffix.lower()
    if extension == ".xls":
        raise _erreur(nom, None, None, None, "l'ancien format Excel (.xls) n'est pas lu : utilisez le .zip de Statbel ou enregistrez le classeur en .xlsx.")
    if extension not in EXTENSIONS_TEXTE + EXTENSIONS_EXCEL + (".zip",):
        raise _erreur(nom, None, None, None, "format non reconnu : le kit lit le .zip de Statbel, le fichier .txt qu'il contient, un .csv ou un .xlsx.")
    octets = chemin.read_bytes()
    if extension == ".zip":
        try:
            archive = zipfile.ZipFile(io.BytesIO(octets))
        except zipfile.BadZipFile:
            raise _erreur(nom, None, None, None, "archive zip illisible (téléchargement interrompu ?). Téléchargez à nouveau le fichier.") from None
        membres = [m for m in archive.namelist() if not m.endswith("/") and not m.startswith("__MACOSX")
                   and Path(m).suffix.lower() in EXTENSIONS_TEXTE + EXTENSIONS_EXCEL]
        if not membres:
            raise _erreur(nom, None, None, None, "l'archive ne contient aucun fichier .txt, .csv ou .xlsx.")
        if len(membres) > 1:
            raise _erreur(nom, None, None, None, f"l'archive contient plusieurs fichiers ({', '.join(membres)}) : extrayez celui à lire.")
        membre = membres[0]
        nom = f"{chemin} (fichier « {membre} » de l'archive)"
        octets, extension = archive.read(membre), Path(membre).suffix.lower()
    if not octets.strip():
        raise _erreur(nom, None, None, None, "fichier vide : l'en-tête (CD_REFNIS, TX_DESCR_FR...) et des lignes de données sont attendus.")
    if extension in EXTENSIONS_EXCEL:
        return _source_excel(octets, nom)
    return _source_texte(_decoder(octets, nom), nom)


def _verifier_entete(entete: list[str], nom: str, ligne_entete: int) -> dict[str, int]:
    """{colonne du kit: rang dans le fichier} ; lève une erreur qui nomme les colonnes manquantes
    et celles en trop."""
    rangs: dict[str, int] = {}
    inconnues, doubles = [], []
    for rang, brut in enumerate(entete):
        cle = brut.upper()
        cle = ALIAS.get(cle, cle)
        if cle in COLONNES or cle in FACULTATIVES:
            if cle in rangs:
                doubles.append(brut)
            rangs[cle] = rang
        elif brut:
            inconnues.append(brut)
    manquantes = [c for c in COLONNES if c not in rangs]
    morceaux = []
    if manquantes:
        morceaux.append(f"colonne(s) manquante(s) : {', '.join(manquantes)}")
    if inconnues:
        morceaux.append(f"colonne(s) en trop, inconnues du format de Statbel : {', '.join(inconnues)}")
    if doubles:
        morceaux.append(f"colonne(s) en double : {', '.join(doubles)}")
    if morceaux:
        raise _erreur(nom, ligne_entete, None, None, " ; ".join(morceaux) + ". Le fichier attendu est « Population par lieu "
                      "de résidence, nationalité, état civil, âge et sexe » de Statbel (TF_SOC_POP_STRUCT), sans colonne ajoutée ni retirée.")
    return rangs


_ENTIER = re.compile(r"^-?\d+(?:\.0+)?$")


class _Invalide(ValueError):
    """Une valeur refusée ; le message complète « fichier, ligne, colonne (valeur) : »."""


@lru_cache(maxsize=2)
def _anciens_codes(_signature: tuple) -> dict[str, str]:
    """{ancien code INS: code de la commune fusionnée}, d'après les notes de ``communes.csv``
    (« Fusion du 1er janvier 2025 (11002 + 11007) ») : un fichier d'avant les fusions reste lisible."""
    anciens = {}
    for nis, note in data.charger().communes["note"].dropna().items():
        m = re.search(r"[Ff]usion[^(]*\(([\d +]+)\)", note)
        if m:
            for code in re.findall(r"\d{5}", m[1]):
                if code != nis:
                    anciens[code] = nis
    return anciens


def _convertisseurs() -> dict:
    """Pour chaque colonne gardée, la fonction qui vérifie et convertit une valeur (appelée une seule
    fois par valeur distincte : un fichier de Statbel répète sans cesse les mêmes codes)."""
    communes = data.charger().communes
    anciens = _anciens_codes(data._signature(data.DOSSIER_DONNEES))
    alpha3 = codes_alpha3()

    def nis(v: str) -> str:
        # Un tableur a pu écrire 11001.0 ou retirer le zéro initial d'un code.
        code = re.sub(r"\.0+$", "", v)
        if not re.fullmatch(r"\d{4,5}", code):
            raise _Invalide("code INS de commune attendu (5 chiffres).")
        code = code.zfill(5)
        if code not in communes.index and code not in anciens:
            raise _Invalide("code INS inconnu de datasets/communes.csv (communes au 1er janvier 2025).")
        return code

    def nom(v: str) -> str:
        if not v:
            raise _Invalide("nom de la commune manquant.")
        return v

    def sexe(v: str) -> str:
        if v.upper() not in LIBELLES_SEXE:
            raise _Invalide("« F » ou « M » attendu.")
        return v.upper()

    def nationalite(v: str) -> str:
        code = v.upper()
        if code not in (BELGE, ETRANGER_NON_DETAILLE) and code not in alpha3:
            raise _Invalide("code de nationalité inconnu : « BEL » (Belges), « ETR » (non-Belges) ou un code ISO 3166-1 "
                            "à trois lettres (MAR, ITA...).")
        return code

    def age(v: str) -> int:
        if not _ENTIER.fullmatch(v):
            raise _Invalide("âge attendu en années entières (0 à 100 ; 100 = 100 ans et plus).")
        n = int(float(v))
        if not 0 <= n <= AGE_MAX:
            raise _Invalide(f"âge hors des limites (0 à {AGE_MAX}).")
        return n

    def effectif(v: str) -> int:
        if not _ENTIER.fullmatch(v):
            raise _Invalide("nombre entier de personnes attendu (chiffres seulement).")
        n = int(float(v))
        if n < 0:
            raise _Invalide("effectif négatif : un nombre de personnes est positif ou nul.")
        return n

    def tel_quel(v: str) -> str:
        return v

    return {"CD_REFNIS": nis, "TX_DESCR_FR": nom, "CD_SEX": sexe, "CD_NATLTY": nationalite, "CD_CIV_STS": tel_quel,
            "CD_AGE": age, "MS_POPULATION": effectif, "CD_YEAR": tel_quel}


def charger_population(chemin: Path | str) -> pd.DataFrame:
    """Lit et valide un fichier de population de Statbel ; rend le tableau normalisé (une ligne par
    commune, sexe, nationalité et âge ; l'état civil est additionné).

    ``attrs`` du tableau : ``fichier``, ``fictif`` (une ligne « # données fictives »),
    ``nationalites_detaillees``, ``annee`` (année du 1er janvier, si le nom du fichier ou
    ``CD_YEAR`` la donne), ``communes_fusionnees`` (anciens codes INS ramenés à la commune fusionnée).
    Lève ``DonneesInvalides`` à la première valeur fautive (fichier, ligne, colonne, valeur, message
    en français)."""
    chemin = Path(chemin).expanduser()
    source = _ouvrir(chemin)
    nom = source.nom
    rangs = _verifier_entete(source.entete, nom, source.ligne_entete)
    attendu = len(source.entete)
    gardees = list(UTILES) + (["CD_YEAR"] if "CD_YEAR" in rangs else [])
    conversions = _convertisseurs()
    colonnes = [(c, rangs[c], conversions[c], {}, []) for c in gardees]  # (nom, rang, conversion, cache, valeurs)
    numeros: list[int] = []
    for numero, champs in source.lignes:
        if len(champs) != attendu:
            raise _erreur(nom, numero, None, None, f"{len(champs)} valeurs pour {attendu} colonnes (séparateur en trop ou manquant ?).")
        numeros.append(numero)
        for colonne, rang, conversion, cache, valeurs in colonnes:
            brute = champs[rang].strip()
            try:
                valeur = cache[brute]
            except KeyError:
                try:
                    valeur = cache[brute] = conversion(brute)
                except _Invalide as exc:
                    raise _erreur(nom, numero, colonne, brute, str(exc)) from None
            valeurs.append(valeur)
    if not numeros:
        raise _erreur(nom, source.ligne_entete, None, None, "l'en-tête est là, mais aucune ligne de données ne suit.")
    brut = pd.DataFrame({c: valeurs for c, _r, _f, _c, valeurs in colonnes})
    del colonnes

    code_nat = brut["CD_NATLTY"]
    alpha3 = codes_alpha3()
    codes = set(code_nat.unique())
    detaille = bool(codes - {BELGE, ETRANGER_NON_DETAILLE})
    if detaille and ETRANGER_NON_DETAILLE in codes:
        i = int(code_nat.index[code_nat == ETRANGER_NON_DETAILLE][0])
        raise _erreur(nom, numeros[i], "CD_NATLTY", ETRANGER_NON_DETAILLE, "le fichier mélange le groupe « ETR » (non-Belges) et des "
                      "nationalités détaillées : les étrangers seraient comptés deux fois.")

    # Une combinaison en double (cherchée sur le code INS du fichier, avant le regroupement des communes fusionnées).
    cle = ["CD_REFNIS", "CD_SEX", "CD_NATLTY", "CD_CIV_STS", "CD_AGE"]
    doublons = brut.duplicated(subset=cle, keep=False)
    if doublons.any():
        groupe = brut[doublons].groupby(cle, sort=False).head(2).index[:2]
        premier, second = int(groupe[0]), int(groupe[1])
        raise _erreur(nom, numeros[second], "CD_REFNIS", brut.at[second, "CD_REFNIS"],
                      f"même commune, sexe, nationalité, état civil et âge qu'à la ligne {numeros[premier]} : ligne en double ?")

    communes = data.charger().communes
    anciens = _anciens_codes(data._signature(data.DOSSIER_DONNEES))
    fusionnes = sorted(set(brut["CD_REFNIS"].unique()) - set(communes.index))
    nis = brut["CD_REFNIS"].map(lambda c: anciens.get(c, c) if c in fusionnes else c) if fusionnes else brut["CD_REFNIS"]

    annee = None
    if "CD_YEAR" in brut:
        annees = set(brut["CD_YEAR"]) - {""}
        if len(annees) == 1 and next(iter(annees)).isdigit():
            annee = int(next(iter(annees)))
    if annee is None:
        m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", chemin.stem)
        annee = int(m[1]) if m else None

    table = pd.DataFrame({"nis": nis, "sexe": brut["CD_SEX"], "code": code_nat, "age": brut["CD_AGE"], "effectif": brut["MS_POPULATION"]})
    table = table.groupby(["nis", "sexe", "code", "age"], as_index=False, sort=True)["effectif"].sum()
    # Le nom de la commune : celui de communes.csv (le même dans tout le kit, et celui de la commune
    # fusionnée pour un ancien code INS).
    table.insert(1, "commune", table["nis"].map(communes["nom"]))
    table.insert(3, "belge", table["code"] == BELGE)
    nationalite = {c: ("BE" if c == BELGE else c if c == ETRANGER_NON_DETAILLE else alpha3[c]) for c in codes}
    table["nationalite"] = table["code"].map(nationalite)
    noms = {n: ("Belgique" if n == "BE" else nom_nationalite(n)) for n in nationalite.values()}
    table["nationalite_nom"] = table["nationalite"].map(noms)
    table["classe_age"] = pd.Categorical(table["age"].map(classe_age), categories=CLASSES_AGE, ordered=True)
    table = table[["nis", "commune", "sexe", "belge", "nationalite", "nationalite_nom", "age", "classe_age", "effectif"]]
    table.attrs.update({
        "fichier": nom,
        "fictif": any(MARQUE_FICTIF in c.lower() for c in source.commentaires),
        "commentaires": list(source.commentaires),
        "nationalites_detaillees": detaille,
        "annee": annee,
        "communes_fusionnees": {c: anciens[c] for c in fusionnes},
    })
    return table


# --- Le territoire d'un CRI -----------------------------------------------------------------

def communes_du_cri(sigle: str) -> pd.DataFrame:
    """Les communes de ``datasets/communes.csv`` dont le CRI est ``sigle`` (nis, nom, coordonnées)."""
    communes = data.charger().communes
    return communes.loc[communes["cri"] == sigle, ["nis", "nom", "latitude", "longitude", "cri_confiance"]]


def du_territoire(pop: pd.DataFrame, sigle: str | None) -> pd.DataFrame:
    """Les lignes des communes du CRI ``sigle`` (toutes si ``sigle`` est ``None``)."""
    if sigle is None:
        return pop
    return pop[pop["nis"].isin(communes_du_cri(sigle).index)]


def _part(numerateur: int, denominateur: int) -> float | None:
    return None if not denominateur else numerateur / denominateur


def totaux(pop: pd.DataFrame, sigle: str | None = None) -> dict:
    """Population, Belges, étrangers, part d'étrangers, femmes et hommes du territoire, et les
    communes du CRI absentes du fichier."""
    t = du_territoire(pop, sigle)
    population = int(t["effectif"].sum())
    etrangers = int(t.loc[~t["belge"], "effectif"].sum())
    attendues = communes_du_cri(sigle) if sigle else None
    presentes = set(t["nis"])
    return {
        "population": population,
        "belges": population - etrangers,
        "etrangers": etrangers,
        "part_etrangers": _part(etrangers, population),
        "femmes": int(t.loc[t["sexe"] == "F", "effectif"].sum()),
        "hommes": int(t.loc[t["sexe"] == "M", "effectif"].sum()),
        "etrangers_femmes": int(t.loc[~t["belge"] & (t["sexe"] == "F"), "effectif"].sum()),
        "communes_attendues": len(attendues) if attendues is not None else t["nis"].nunique(),
        "communes_presentes": len(presentes),
        "communes_absentes": [] if attendues is None else [n for nis, n in attendues["nom"].items() if nis not in presentes],
    }


def date_reference(pop: pd.DataFrame) -> dt.date | None:
    """Le 1er janvier de l'année du fichier (les chiffres de Statbel décrivent la population au
    1er janvier), ou ``None`` si le fichier ne dit pas son année."""
    annee = pop.attrs.get("annee")
    return dt.date(annee, 1, 1) if annee else None


def pays_ue(date: dt.date):
    """La liste datée des États membres de l'UE (``vote.yaml`` -> ``pays_ue``) en vigueur à ``date``."""
    from widgets.rules import legislation

    return legislation.charger("vote").valeur("pays_ue", date)


def part_hors_ue(pop: pd.DataFrame, sigle: str | None = None, date: dt.date | None = None) -> dict:
    """Les étrangers citoyens de l'UE et hors UE du territoire, à la date ``date`` (par défaut la
    date du fichier, sinon aujourd'hui). ``disponible`` est faux, avec la ``raison``, quand le
    fichier ne détaille pas les nationalités ou que la liste de l'UE n'est pas connue à cette date."""
    date = date or date_reference(pop) or dt.date.today()
    resultat = {"disponible": False, "raison": "", "date": date, "reference": "", "incertain": None,
                "etrangers": 0, "ue": 0, "hors_ue": 0, "part_hors_ue_population": None, "part_hors_ue_etrangers": None}
    if not pop.attrs.get("nationalites_detaillees"):
        resultat["raison"] = ("Le fichier ne distingue que les Belges et les non-Belges (code « ETR ») : il ne dit pas qui est "
                              "citoyen de l'Union européenne. La part des étrangers hors UE ne peut pas être calculée avec ce fichier.")
        return resultat
    valeur = pays_ue(date)
    if valeur is None:
        resultat["raison"] = f"Le kit ne connaît pas la liste des États membres de l'UE au {date:%d/%m/%Y} (vote.yaml commence plus tard)."
        return resultat
    ue = set(valeur.valeur) - {"BE"}
    t = du_territoire(pop, sigle)
    etr = t[~t["belge"]]
    n_ue = int(etr.loc[etr["nationalite"].isin(ue), "effectif"].sum())
    n_etr = int(etr["effectif"].sum())
    population = int(t["effectif"].sum())
    resultat.update({
        "disponible": True, "reference": valeur.source(), "incertain": valeur.incertain, "liste_ue": sorted(ue | {"BE"}),
        "etrangers": n_etr, "ue": n_ue, "hors_ue": n_etr - n_ue,
        "part_hors_ue_population": _part(n_etr - n_ue, population), "part_hors_ue_etrangers": _part(n_etr - n_ue, n_etr),
    })
    return resultat


def top_nationalites(pop: pd.DataFrame, sigle: str | None = None, n: int = 10, date: dt.date | None = None) -> pd.DataFrame:
    """Les ``n`` nationalités étrangères les plus nombreuses : code, nom, effectif, part parmi les
    étrangers, citoyenneté de l'UE (à la date du fichier). Tableau vide si le fichier ne détaille pas
    les nationalités (``attrs["raison"]`` le dit)."""
    colonnes = ["nationalite", "nom", "effectif", "part_etrangers", "ue"]
    if not pop.attrs.get("nationalites_detaillees"):
        vide = pd.DataFrame(columns=colonnes)
        vide.attrs["raison"] = "Le fichier ne détaille pas les nationalités (Belges / non-Belges seulement)."
        return vide
    t = du_territoire(pop, sigle)
    etr = t[~t["belge"]]
    total = int(etr["effectif"].sum())
    groupes = (etr.groupby(["nationalite", "nationalite_nom"], as_index=False)["effectif"].sum()
               .sort_values(["effectif", "nationalite_nom"], ascending=[False, True], kind="stable").head(n))
    valeur = pays_ue(date or date_reference(pop) or dt.date.today())
    ue = set(valeur.valeur) if valeur else set()
    top = pd.DataFrame({
        "nationalite": groupes["nationalite"].to_numpy(),
        "nom": groupes["nationalite_nom"].to_numpy(),
        "effectif": groupes["effectif"].astype(int).to_numpy(),
        "part_etrangers": [(e / total if total else None) for e in groupes["effectif"]],
        "ue": [c in ue for c in groupes["nationalite"]],
    })
    return top.reset_index(drop=True)


GROUPES = {"etrangers": "étrangers", "belges": "Belges", "tous": "toute la population"}


def pyramide(pop: pd.DataFrame, sigle: str | None = None, groupe: str = "tous") -> pd.DataFrame:
    """Hommes et femmes par classe d'âge de dix ans (toutes les classes, zéros compris) pour
    ``groupe`` : ``"etrangers"``, ``"belges"`` ou ``"tous"``."""
    if groupe not in GROUPES:
        raise ValueError(f"groupe inconnu : {groupe!r} ; groupes possibles : {', '.join(GROUPES)}")
    t = du_territoire(pop, sigle)
    if groupe == "etrangers":
        t = t[~t["belge"]]
    elif groupe == "belges":
        t = t[t["belge"]]
    tableau = (t.groupby(["classe_age", "sexe"], observed=False)["effectif"].sum().unstack("sexe")
               .reindex(index=list(CLASSES_AGE), columns=["M", "F"]).fillna(0).astype(int))
    tableau.columns = ["hommes", "femmes"]
    tableau.index.name = "classe_age"
    return tableau


def par_commune(pop: pd.DataFrame, sigle: str, date: dt.date | None = None) -> pd.DataFrame:
    """Une ligne par commune du CRI (présente ou non dans le fichier) : population, Belges,
    étrangers, part d'étrangers, étrangers hors UE (si les nationalités sont détaillées),
    coordonnées du point central, ``present`` et ``petit_effectif`` (moins de ``PETIT_EFFECTIF``
    étrangers : à interpréter avec prudence)."""
    communes = communes_du_cri(sigle)
    t = du_territoire(pop, sigle)
    total = t.groupby("nis")["effectif"].sum()
    etrangers = t[~t["belge"]].groupby("nis")["effectif"].sum()
    hors = part_hors_ue(pop, sigle, date)
    lignes = []
    for nis, c in communes.iterrows():
        present = nis in total.index
        n_pop = int(total.get(nis, 0))
        n_etr = int(etrangers.get(nis, 0))
        ligne = {"nis": nis, "commune": c["nom"], "present": present, "population": n_pop, "belges": n_pop - n_etr,
                 "etrangers": n_etr, "part_etrangers": _part(n_etr, n_pop), "hors_ue": None,
                 "latitude": float(c["latitude"]), "longitude": float(c["longitude"]),
                 "petit_effectif": present and n_etr < PETIT_EFFECTIF}
        if hors["disponible"]:
            ue = set(hors["liste_ue"])
            sel = t[(t["nis"] == nis) & ~t["belge"] & ~t["nationalite"].isin(ue)]
            ligne["hors_ue"] = int(sel["effectif"].sum())
        lignes.append(ligne)
    return pd.DataFrame(lignes, columns=["nis", "commune", "present", "population", "belges", "etrangers", "part_etrangers",
                                         "hors_ue", "latitude", "longitude", "petit_effectif"])


# --- Le fichier de démonstration ------------------------------------------------------------

FICHIER_DEMO = data.DOSSIER_DONNEES / "demo" / "population-demo.csv"


def charger_demo() -> pd.DataFrame:
    """Le fichier de démonstration du kit (données fictives, quatre communes du CIMB)."""
    return charger_population(FICHIER_DEMO)
