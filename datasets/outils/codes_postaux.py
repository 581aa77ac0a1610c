"""Construit ``datasets/codes-postaux.csv`` : les codes postaux de Wallonie et leurs localités,
chacune rattachée à sa commune (code INS de ``communes.csv``).

Source brute (non versionnée, voir ``datasets/README.md``) : la liste des codes postaux de bpost,
telle que copiée dans le dépôt public ``jief/zipcode-belgium``, fichier ``zipcodes_num_fr.csv``
(commit d823af980325038cecc330050082b4d329e29321). Une ligne par localité, sans en-tête :

    code,localité,sous-commune (Oui/Non),province

- « Non » : la ligne désigne une commune (nom en majuscules) ;
- « Oui » : une localité (section de commune, hameau) ;
- sans « Oui »/« Non » ni province : un code réservé (entreprise, centre de tri, institution),
  écarté.

Règle de rattachement d'une localité « Oui » (vérifiée sur toute la Wallonie, exceptions plus bas) :
la commune qui a le même code postal ; sinon la commune du code « Non » le plus proche en dessous,
dans la même province. La liste est antérieure au 2 décembre 2024 : Bertogne y est encore une
commune ; elle est rattachée ici à Bastogne (82039), comme ses localités.

    python datasets/outils/codes_postaux.py [/tmp/raw/zipcodes_num_fr.csv]

Le script affiche les noms qui n'ont pas été rapprochés de ``communes.csv`` (il s'arrête s'il en
reste), les corrections faites à la main et les cas douteux gardés tels quels.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from widgets.data import normaliser as cle

ICI = Path(__file__).resolve().parent.parent
SOURCE_PAR_DEFAUT = Path("/tmp/raw/zipcodes_num_fr.csv")
COLONNES = ("code_postal", "localite", "nis", "commune", "principale")

# Codes postaux de Wallonie : Brabant wallon (1300-1499) et provinces de Liège, Namur, Luxembourg
# et Hainaut (4000-7999).
PLAGES_WALLONNES = ((1300, 1499), (4000, 7999))

# Noms des provinces dans la source -> colonne « province » de communes.csv.
PROVINCES = {"Brabant Wallon": "Brabant wallon", "Liège": "Liège", "Namur": "Namur", "Hainaut": "Hainaut",
             "Luxembourg": "Luxembourg"}

# --- Résolutions à la main ------------------------------------------------------------------
# Communes de la source qu'on ne rapproche pas par le nom (tous les autres noms se rapprochent
# de communes.csv sans accents ni casse : « COURT-SAINT-ETIENNE », « ECAUSSINNES », « LE ROEULX »...).
COMMUNES_A_LA_MAIN = {
    # La source nomme la commune d'après son village principal ; la commune (fusion de 1977)
    # s'appelle Ham-sur-Heure-Nalinnes (REFNIS 56086).
    # Ham-sur-Heure-Nalinnes n'a pas d'autre ligne « Non » : elle reçoit sa ligne principale sous 6120.
    ("6120", "HAM-SUR-HEURE"): ("56086", True),
    # Fusion du 2 décembre 2024 : Bertogne (82005) fait partie de Bastogne (82039).
    # Bastogne a déjà sa ligne principale (6600) : Bertogne devient une localité de Bastogne.
    ("6687", "BERTOGNE"): ("82039", False),
}

# Localités que la règle « code Non le plus proche en dessous » rattacherait à la mauvaise commune
# (il n'y a pas de ligne « Non » pour leur code, et la commune juste en dessous n'est pas la leur).
# Rattachement selon les sections de commune (fusions de 1977), connaissance générale : à vérifier
# sur la liste officielle des sections (Statbel, secteurs statistiques) avant publication.
LOCALITES_A_LA_MAIN = {
    # 5100 et 5101 : pas de ligne « Non » ; la règle donnerait La Bruyère (5080).
    ("5100", "Dave"): "92094", ("5100", "Jambes"): "92094", ("5100", "Naninne"): "92094",
    ("5100", "Wépion"): "92094", ("5100", "Wierde"): "92094",
    ("5101", "Erpent"): "92094", ("5101", "Lives-Sur-Meuse"): "92094", ("5101", "Loyers"): "92094",
    # Saint-André est une section de Dalhem (4607), pas de Visé (4600).
    ("4606", "Saint-André"): "62027",
    # Froidfontaine est une section de Beauraing (5570), pas de Gedinne (5575).
    ("5576", "Froidfontaine"): "91013",
    # Flamierge était une section de Bertogne (6687), pas de Sainte-Ode (6680) : Bastogne depuis 2024.
    ("6686", "Flamierge"): "82039",
}

# Cas douteux gardés tels que la source les donne : une même localité sous deux codes postaux de
# deux communes (un village à cheval sur deux communes, ou une erreur de la source).
DOUTEUX = {
    ("4800", "Polleur"): "Polleur est une section de Theux (4910) ; la source le place aussi sous 4800 (Verviers).",
    ("4920", "Louveigné"): "Louveigné est une section de Sprimont (4141) ; la source le place aussi sous 4920 (Aywaille).",
    ("4120", "Ehein"): "Ehein apparaît sous 4120 (Neupré) et 4480 (Engis) : deux hameaux du même nom ou un village partagé.",
    ("4480", "Ehein"): "Ehein apparaît sous 4120 (Neupré) et 4480 (Engis) : deux hameaux du même nom ou un village partagé.",
}

# Mots qui restent en minuscules dans un nom composé (« Jupille-sur-Meuse », « Bois-d'Haine »).
PARTICULES = {"sur", "sous", "lez", "lès", "les", "le", "la", "en", "de", "des", "du", "aux", "au", "et", "à", "par", "delà"}


def est_wallon(code: str) -> bool:
    n = int(code)
    return any(bas <= n <= haut for bas, haut in PLAGES_WALLONNES)


def joli(nom: str) -> str:
    """« JUPILLE-SUR-MEUSE » ou « Jupille-Sur-Meuse » -> « Jupille-sur-Meuse » ; « Bois-D'Haine » -> « Bois-d'Haine »."""
    morceaux = re.split(r"([- ])", nom.strip())
    sortie = []
    for rang, m in enumerate(morceaux):
        bas = m.lower()
        apostrophe = re.match(r"^([dl]')(.+)$", bas)
        if m in ("-", " ", ""):
            sortie.append(m)
        elif apostrophe:
            prefixe = apostrophe.group(1).capitalize() if rang == 0 else apostrophe.group(1)
            sortie.append(prefixe + apostrophe.group(2).capitalize())
        elif rang > 0 and bas in PARTICULES:
            sortie.append(bas)
        else:
            sortie.append(bas.capitalize())
    return "".join(sortie)


def sans_qualificatif(nom: str) -> str:
    """« Saint-Nicolas (Liège) » -> « Saint-Nicolas » (la source ne met pas le qualificatif)."""
    return re.sub(r"\s*\([^)]*\)$", "", nom)


def lire_communes() -> dict[str, dict]:
    with (ICI / "communes.csv").open(encoding="utf-8") as f:
        return {l["nis"]: l for l in csv.DictReader(f) if l["region"] == "Région wallonne"}


def construire(source: Path) -> None:
    communes = lire_communes()
    par_nom: dict[tuple[str, str], str] = {}
    for nis, c in communes.items():
        for nom in (c["nom"], c["nom_nl"], c["nom_de"]):
            if nom:
                par_nom.setdefault((c["province"], cle(nom)), nis)
                par_nom.setdefault((c["province"], cle(sans_qualificatif(nom))), nis)

    ecartees, non_rapprochees, lignes = [], [], []
    with source.open(encoding="utf-8") as f:
        for code, nom, statut, province in csv.reader(f):
            if not re.fullmatch(r"\d{4}", code) or not est_wallon(code):
                continue
            if statut not in ("Oui", "Non") or province not in PROVINCES:
                ecartees.append(f"{code} {nom}")
                continue
            lignes.append((code, nom.strip(), statut, PROVINCES[province]))

    # 1. Les communes (« Non ») : rapprochement par le nom, dans la même province.
    communes_par_code: dict[tuple[str, str], str] = {}  # (province, code) -> nis
    for code, nom, statut, province in lignes:
        if statut != "Non":
            continue
        nis = COMMUNES_A_LA_MAIN[(code, nom)][0] if (code, nom) in COMMUNES_A_LA_MAIN else par_nom.get((province, cle(nom)))
        if nis is None:
            non_rapprochees.append(f"{code} {nom} ({province})")
            continue
        communes_par_code[(province, code)] = nis
    if non_rapprochees:
        raise SystemExit("Communes non rapprochées de communes.csv (à résoudre dans COMMUNES_A_LA_MAIN) :\n  "
                         + "\n  ".join(non_rapprochees))

    # 2. Chaque ligne -> (code, localité, nis, principale).
    sortie: dict[tuple[str, str], dict] = {}
    corrections = []
    for code, nom, statut, province in lignes:
        if statut == "Non":
            nis = communes_par_code[(province, code)]
            commune = communes[nis]["nom"]
            noms_commune = {cle(f(n)) for n in (commune, communes[nis]["nom_nl"], communes[nis]["nom_de"]) if n
                            for f in (str, sans_qualificatif)}
            if cle(nom) in noms_commune:
                sortie[(code, cle(commune))] = {"code_postal": code, "localite": commune, "nis": nis, "commune": commune,
                                                "principale": "oui"}
                continue
            # Nom de la source différent de celui de la commune (Ham-sur-Heure, Bertogne) : la localité
            # garde le nom de la source ; la commune reçoit sa propre ligne si elle n'en a pas d'autre.
            sortie[(code, cle(nom))] = {"code_postal": code, "localite": joli(nom), "nis": nis, "commune": commune,
                                        "principale": "non"}
            if COMMUNES_A_LA_MAIN[(code, nom)][1]:
                sortie[(code, cle(commune))] = {"code_postal": code, "localite": commune, "nis": nis, "commune": commune,
                                                "principale": "oui"}
            continue
        regle = communes_par_code.get((province, code))
        if regle is None:
            dessous = [c for (p, c) in communes_par_code if p == province and c < code]
            regle = communes_par_code[(province, max(dessous))] if dessous else None
        nis = LOCALITES_A_LA_MAIN.get((code, nom), regle)
        if (code, nom) in LOCALITES_A_LA_MAIN:
            corrections.append(f"{code} {nom} : {communes[regle]['nom'] if regle else '—'} -> {communes[nis]['nom']}")
        if nis is None:
            raise SystemExit(f"Localité sans commune : {code} {nom} ({province})")
        localite = joli(nom)
        cle_ligne = (code, cle(localite))
        if cle_ligne in sortie:  # « Ottignies » sous 1340 comme la commune : on garde la ligne la plus précise
            continue
        sortie[cle_ligne] = {"code_postal": code, "localite": localite, "nis": nis, "commune": communes[nis]["nom"],
                             "principale": "non"}

    lignes_csv = sorted(sortie.values(), key=lambda l: (l["code_postal"], l["principale"] != "oui", cle(l["localite"])))
    couvertes = {l["nis"] for l in lignes_csv}
    manquantes = sorted(set(communes) - couvertes)
    if manquantes:
        raise SystemExit(f"Communes wallonnes sans code postal : {', '.join(communes[n]['nom'] for n in manquantes)}")
    sans_principale = sorted(set(communes) - {l["nis"] for l in lignes_csv if l["principale"] == "oui"})
    if sans_principale:
        raise SystemExit(f"Communes sans ligne principale : {', '.join(communes[n]['nom'] for n in sans_principale)}")

    with (ICI / "codes-postaux.csv").open("w", encoding="utf-8", newline="") as f:
        ecrivain = csv.DictWriter(f, fieldnames=COLONNES, lineterminator="\n")
        ecrivain.writeheader()
        ecrivain.writerows(lignes_csv)

    print(f"codes-postaux.csv : {len(lignes_csv)} lignes, {len({l['code_postal'] for l in lignes_csv})} codes postaux, "
          f"{len(couvertes)} communes")
    print(f"Codes réservés écartés ({len(ecartees)}) : {', '.join(ecartees)}")
    print("Communes résolues à la main : " + ", ".join(f"{c} {n} -> {communes[nis]['nom']}" for (c, n), (nis, _) in COMMUNES_A_LA_MAIN.items()))
    print("Localités corrigées à la main (la règle se trompait) :\n  " + "\n  ".join(corrections))
    print("Cas douteux gardés tels quels :\n  " + "\n  ".join(f"{c} {n} : {t}" for (c, n), t in DOUTEUX.items()))


if __name__ == "__main__":
    construire(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE_PAR_DEFAUT)
