"""Construit ``datasets/demo/population-demo.csv`` : un PETIT fichier de démonstration, au format
du fichier de Statbel « Population par lieu de résidence, nationalité, état civil, âge et sexe »
(``TF_SOC_POP_STRUCT``), pour quatre communes du CIMB. **Les effectifs sont inventés** (données
fictives), à une échelle volontairement réduite (environ un dixième) pour qu'on ne les prenne pas
pour de vrais chiffres.

Ce qui reprend le format réel (voir ``datasets/README.md``) : les 21 colonnes dans leur ordre, le
séparateur « | », l'UTF-8, une ligne par commune, sexe, nationalité, état civil et âge.
Ce qui s'en écarte, et pourquoi :
- une première ligne de commentaire « # données fictives... » (que ``widgets.statistiques`` lit
  pour afficher le bandeau « données fictives ») ;
- ``CD_NATLTY`` détaille la nationalité par un code ISO 3166-1 à trois lettres (« BEL » pour les
  Belges, comme dans le fichier réel) : le fichier réel ne distingue que « BEL » et « ETR » ; sans ce
  détail, la séance ne pourrait pas montrer le top des nationalités ni la part hors UE ;
- les libellés des états civils 1 (célibataire) et 2 (marié) ne sont pas vérifiés dans un fichier
  de Statbel (3 « Veuf » et 4 « Divorcé » le sont).

    .venv/bin/python datasets/outils/population_demo.py

La graine est fixe : deux exécutions donnent le même fichier.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
SORTIE = RACINE / "datasets" / "demo" / "population-demo.csv"
GRAINE = 20250101

COLONNES = (
    "CD_REFNIS", "TX_DESCR_NL", "TX_DESCR_FR", "CD_DSTR_REFNIS", "TX_ADM_DSTR_DESCR_NL", "TX_ADM_DSTR_DESCR_FR",
    "CD_PROV_REFNIS", "TX_PROV_DESCR_NL", "TX_PROV_DESCR_FR", "CD_RGN_REFNIS", "TX_RGN_DESCR_NL", "TX_RGN_DESCR_FR",
    "CD_SEX", "CD_NATLTY", "TX_NATLTY_NL", "TX_NATLTY_FR", "CD_CIV_STS", "TX_CIV_STS_NL", "TX_CIV_STS_FR",
    "CD_AGE", "MS_POPULATION",
)
COMMENTAIRE = ("# données fictives — fichier de démonstration du kit, au format Statbel TF_SOC_POP_STRUCT ; "
               "effectifs inventés (échelle réduite), à ne jamais citer comme des chiffres réels")

# Quatre communes du CIMB (arrondissement de Mons) ; population fictive (échelle réduite) et part d'étrangers fictive.
COMMUNES = [
    # nis, nom NL, nom FR, population fictive, part d'étrangers fictive
    ("53053", "Bergen", "Mons", 9600, 0.13),
    ("53065", "Quaregnon", "Quaregnon", 1900, 0.15),
    ("53082", "Colfontaine", "Colfontaine", 2100, 0.09),
    ("53083", "Honnelles", "Honnelles", 520, 0.015),
]
ARRONDISSEMENT = ("53000", "Arrondissement Bergen", "Arrondissement de Mons")
PROVINCE = ("50000", "Provincie Henegouwen", "Province de Hainaut")
REGION = ("3000", "Waals Gewest", "Région wallonne")

# Nationalités étrangères de la démonstration : code ISO alpha-3, nom NL, nom FR, poids (inventé),
# profil d'âge ("ancien" : immigration ancienne, plus âgée ; "jeune" : arrivées récentes).
NATIONALITES = [
    ("ITA", "Italië", "Italie", 30, "ancien"),
    ("FRA", "Frankrijk", "France", 14, "mixte"),
    ("MAR", "Marokko", "Maroc", 12, "mixte"),
    ("ROU", "Roemenië", "Roumanie", 9, "jeune"),
    ("TUR", "Turkije", "Turquie", 7, "mixte"),
    ("ESP", "Spanje", "Espagne", 6, "ancien"),
    ("SYR", "Syrië", "Syrie", 6, "jeune"),
    ("COD", "Congo-Kinshasa", "Congo-Kinshasa", 6, "jeune"),
    ("UKR", "Oekraïne", "Ukraine", 5, "jeune"),
    ("AFG", "Afghanistan", "Afghanistan", 5, "jeune"),
]
BELGES = ("BEL", "Belgen", "Belges")
ETATS_CIVILS = {1: ("Ongehuwd", "Célibataire"), 2: ("Gehuwd", "Marié"), 3: ("Weduwstaat", "Veuf"), 4: ("Gescheiden", "Divorcé")}

CLASSES = list(range(0, 95, 5))  # débuts des classes de cinq ans, 90 = 90 ans et plus


def poids_age(profil: str) -> list[float]:
    """Un profil d'âge inventé, par classe de cinq ans."""
    if profil == "belge":
        base = [5.5, 5.8, 5.9, 5.8, 6.0, 6.2, 6.3, 6.4, 6.6, 6.9, 7.0, 6.6, 6.0, 5.3, 4.6, 3.4, 2.4, 1.5, 0.9]
    elif profil == "jeune":
        base = [9, 8, 7, 8, 11, 12, 11, 9, 7, 5, 4, 3, 2, 1.5, 1, 0.6, 0.3, 0.1, 0.05]
    elif profil == "ancien":
        base = [2, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 9, 9, 8, 7, 6, 4, 2]
    else:  # mixte
        base = [6, 6, 5, 6, 8, 9, 9, 8, 7, 7, 6, 5, 5, 4, 3, 2.5, 2, 1, 0.5]
    return base


def repartir(total: int, poids: list[float], alea: random.Random) -> list[int]:
    """``total`` personnes réparties au hasard selon ``poids`` (somme exacte)."""
    somme = sum(poids)
    parts = [total * p / somme for p in poids]
    entiers = [int(p) for p in parts]
    reste = total - sum(entiers)
    ordre = sorted(range(len(parts)), key=lambda i: (parts[i] - entiers[i], alea.random()), reverse=True)
    for i in ordre[:reste]:
        entiers[i] += 1
    # Un peu de bruit qui garde la somme : on déplace quelques personnes d'une classe à une voisine.
    for _ in range(len(entiers)):
        i = alea.randrange(len(entiers))
        j = min(len(entiers) - 1, max(0, i + alea.choice((-1, 1))))
        if entiers[i] > 1:
            entiers[i] -= 1
            entiers[j] += 1
    return entiers


def etat_civil(debut: int, alea: random.Random) -> int:
    if debut < 20:
        return 1
    if debut >= 75:
        return alea.choice((2, 3, 3, 4))
    return alea.choice((1, 2, 2, 4))


def lignes(alea: random.Random) -> list[list[str]]:
    resultat = []
    for nis, nom_nl, nom_fr, population, part in COMMUNES:
        etrangers = round(population * part)
        for sexe, facteur in (("F", 0.51), ("M", 0.49)):
            groupes = [(BELGES, round((population - etrangers) * facteur), "belge")]
            par_nat = repartir(round(etrangers * facteur), [n[3] for n in NATIONALITES], alea)
            groupes += [((code, nl, fr), n, profil) for (code, nl, fr, _, profil), n in zip(NATIONALITES, par_nat)]
            for (code, nat_nl, nat_fr), total, profil in groupes:
                par_classe = repartir(total, poids_age(profil), alea)
                # Pour garder le fichier petit : une ligne par classe de cinq ans pour les Belges, par tranche
                # de dix ans pour les autres nationalités (un âge tiré au hasard dans la classe ou la tranche).
                pas = 1 if code == "BEL" else 2
                for i in range(0, len(CLASSES), pas):
                    nombre = sum(par_classe[i:i + pas])
                    if nombre <= 0:
                        continue
                    debut = CLASSES[i]
                    fin = 100 if i + pas >= len(CLASSES) else CLASSES[i] + 5 * pas - 1
                    age = alea.randint(debut, fin)
                    etat = etat_civil(debut, alea)
                    resultat.append([nis, nom_nl, nom_fr, *ARRONDISSEMENT, *PROVINCE, *REGION, sexe, code, nat_nl, nat_fr,
                                     str(etat), *ETATS_CIVILS[etat], str(age), str(nombre)])
    # Pas deux lignes pour une même combinaison : on les fusionne.
    fusion: dict[tuple, list[str]] = {}
    for l in resultat:
        cle = (l[0], l[12], l[13], l[16], l[19])
        if cle in fusion:
            fusion[cle][20] = str(int(fusion[cle][20]) + int(l[20]))
        else:
            fusion[cle] = l
    return sorted(fusion.values(), key=lambda l: (l[0], l[12], l[13] != "BEL", l[13], int(l[19]), l[16]))


def main() -> None:
    alea = random.Random(GRAINE)
    contenu = [COMMENTAIRE, "|".join(COLONNES)] + ["|".join(l) for l in lignes(alea)]
    SORTIE.parent.mkdir(parents=True, exist_ok=True)
    SORTIE.write_text("\n".join(contenu) + "\n", encoding="utf-8")
    print(f"{SORTIE.relative_to(RACINE)} : {len(contenu) - 2} lignes de données (données fictives)", file=sys.stderr)


if __name__ == "__main__":
    main()
