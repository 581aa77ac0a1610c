"""Reconstruit ``communes.csv``, ``cri.csv`` et ``bureaux.csv`` à partir des sources.

Les sources brutes (non versionnées, voir ``datasets/README.md``) :
- ``refnis.csv`` : codes REFNIS de Statbel (hiérarchie région > province > arrondissement >
  commune, avec dates de validité), tel que repris dans le dépôt public
  gehuybre/embuild-analyses (packages/embuild-shared/src/data/nis/refnis.csv, commit 1e6bf143) ;
- ``coords.csv`` : un point central approximatif par commune (même dépôt,
  packages/embuild-shared/src/data/geo/municipality_coordinates_for_conley.csv), en codes
  d'avant les fusions de 2025 ;
- ``fusies-2025.csv`` : les fusions de communes du 2 décembre 2024 et du 1er janvier 2025
  (même dépôt, d'après Statbel).

Le rattachement des communes aux CRI suit ``docs/faits-verifies.md`` §1.2 à §1.5 ; chaque ligne dit si
ce rattachement est confirmé, déduit ou non confirmé.

    python datasets/outils/construire.py DOSSIER_DES_SOURCES
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from widgets.data import normaliser as cle

ICI = Path(__file__).resolve().parent.parent
ACTIF = "31/12/9999"

REGIONS = {"02000": "Région flamande", "03000": "Région wallonne", "04000": "Région de Bruxelles-Capitale"}

# --- Rattachement des communes aux CRI (docs/faits-verifies.md §1.3 à §1.5) ----------------------------------
CIMB = ["Boussu", "Colfontaine", "Dour", "Frameries", "Hensies", "Honnelles", "Jurbise", "Lens", "Mons", "Quaregnon",
        "Quévy", "Quiévrain", "Saint-Ghislain", "Antoing", "Ath", "Beloeil", "Bernissart", "Brugelette", "Brunehaut",
        "Chièvres", "Leuze-en-Hainaut", "Péruwelz", "Rumes", "Tournai"]
CRIC = ["Charleroi", "Châtelet", "Courcelles", "Farciennes", "Fleurus", "Fontaine-l'Évêque", "Gerpinnes", "Les Bons Villers",
        "Montigny-le-Tilleul", "Pont-à-Celles", "Aiseau-Presles", "Beaumont", "Chimay", "Froidchapelle",
        "Ham-sur-Heure-Nalinnes", "Lobbes", "Momignies", "Sivry-Rance", "Thuin"]
CERAIC_CONFIRMEES = ["La Louvière", "Binche", "Estinnes", "Morlanwelz", "Anderlues", "Erquelinnes", "Merbes-le-Château",
                     "Chapelle-lez-Herlaimont", "Manage", "Seneffe", "Écaussinnes", "Soignies", "Braine-le-Comte", "Enghien",
                     "Silly", "Lessines", "Flobecq", "Frasnes-lez-Anvaing", "Celles", "Pecq", "Mouscron", "Comines-Warneton"]
CERAIC_PAR_ELIMINATION = ["Le Rœulx", "Ellezelles", "Estaimpuis", "Mont-de-l'Enclus"]
CRVI = ["Aubel", "Baelen", "Dison", "Herve", "Jalhay", "Lierneux", "Limbourg", "Malmedy", "Olne", "Pepinster", "Plombières",
        "Spa", "Stavelot", "Stoumont", "Theux", "Thimister-Clermont", "Trois-Ponts", "Verviers", "Waimes", "Welkenraedt"]
GERMANOPHONES = {"63001", "63012", "63013", "63087", "63023", "63040", "63048", "63061", "63067"}

NOTE_HAINAUT = "Aucune liste officielle des communes par CRI trouvée ; répartition du Hainaut déduite (docs/faits-verifies.md §1.3)."
NOTE_LIEGE = "Répartition de la province de Liège non confirmée par une page de CRI (docs/faits-verifies.md §1.4)."

CRI = [
    # sigle, nom, marque, adresse, code_postal, localite, telephone, email, site_web, confiance, source, note
    ("CIMB", "Centre Interculturel de Mons et du Borinage", "", "Rue Grande 38", "7330", "Saint-Ghislain", "065 61 18 50", "",
     "https://cimb.be", "non confirmé", "Brochure du CIMB (document source, non datée) ; téléphone : lettre d'information du CIMB, mai 2013",
     "Téléphone confirmé par une source de 2013 seulement ; adresse tirée de la brochure. Rendez-vous : 065 61 18 53 (brochure)."),
    ("CRIC", "Centre Régional d'Intégration de Charleroi", "CRI Charleroi", "", "", "Charleroi", "", "",
     "https://www.cricharleroi.be", "confirmé", "https://www.cricharleroi.be/2025/02/10/le-cric-devient-cri-charleroi-et-developpe-encore-ses-missions-dintegration/",
     "Adresse du siège non confirmée : consultez le site du CRI."),
    ("CERAIC", "Centre Régional d'Action Interculturelle du Centre", "", "", "", "La Louvière", "", "",
     "https://ceraic.be", "confirmé", "Réponse du ministre Prévot au Parlement de Wallonie, 21 décembre 2015 ; https://ceraic.be/projets/pcs",
     "Adresse du siège non confirmée : consultez le site du CRI."),
    ("CRIPEL", "Centre Régional pour l'Intégration des Personnes Étrangères ou d'origine étrangère de Liège", "", "", "", "Liège", "", "",
     "", "confirmé", "https://www.resettlement.eu/page/begium-relaxing-integration-obligations-and-maintaining-funding-public-integration-services",
     "Adresse et site du CRIPEL non confirmés dans les sources du kit."),
    ("CRVI", "Centre Régional de Verviers pour l'Intégration", "", "", "", "Verviers", "", "",
     "http://crvi.be", "confirmé", "http://crvi.be/missions-et-objectifs/",
     "Adresse du siège non confirmée : consultez le site du CRI."),
    ("CAI", "Centre d'Action Interculturelle de la province de Namur", "", "", "", "Namur", "081 71 35 18", "accompagnement@cainamur.be",
     "https://cainamur.be", "non confirmé", "Page « accompagnement » du CAI (document source, non datée) ; https://cainamur.be/notre-histoire",
     "Téléphone et courriel tirés d'une page du CAI de l'époque du COVID-19 : à revérifier."),
    ("CRIBW", "Centre Régional d'Intégration du Brabant wallon", "", "Rue de l'Industrie 17A", "1400", "Nivelles", "", "",
     "https://cribw.be", "confirmé", "Rapport d'activités 2015 du CRIBW",
     "Adresse confirmée par une source de 2015 seulement : à revérifier."),
    ("CRILUX", "Centre Régional d'Intégration de la province de Luxembourg", "", "", "", "Province de Luxembourg", "", "",
     "https://www.crilux.be", "non confirmé", "https://archives.vivre-ensemble.be/le-crilux",
     "Siège non confirmé : Marche-en-Famenne selon une source de 2014, Libramont selon une rencontre de 2019."),
]

# Bureaux d'accueil : id, cri, nom, adresse, code_postal, localite, commune (nom REFNIS), confiance, source, note.
# Sans coordonnées géocodées, le point est le centre de la commune (coordonnees_approx = oui).
BROCHURE_CIMB = "Brochure du CIMB (document source, non datée)"
PAGE_CAI = "Page « accompagnement » du CAI (document source, non datée)"
BUREAUX = [
    ("cimb-saint-ghislain", "CIMB", "CIMB (siège)", "Rue Grande 38", "7330", "Saint-Ghislain", "Saint-Ghislain", "non confirmé", BROCHURE_CIMB, ""),
    ("cimb-colfontaine", "CIMB", "Guichet social de Colfontaine", "Rue du Pont d'Arcole 14", "", "Colfontaine", "Colfontaine", "non confirmé", BROCHURE_CIMB, ""),
    ("cimb-mons", "CIMB", "Inforjeunes Mons", "Rue des Tuileries 7", "", "Mons", "Mons", "non confirmé", BROCHURE_CIMB, ""),
    ("cimb-dour", "CIMB", "Maison de quartier d'Elouges", "Rue du Commerce 143", "", "Elouges (Dour)", "Dour", "non confirmé", BROCHURE_CIMB, ""),
    ("cimb-frameries", "CIMB", "Maison de la Citoyenneté, cité Bellevue", "Clos des Bouvreuils 22", "", "Frameries", "Frameries", "non confirmé", BROCHURE_CIMB, ""),
    ("cimb-tournai", "CIMB", "Maison internationale de Tournai", "Quai des Salines 11", "", "Tournai", "Tournai", "non confirmé", BROCHURE_CIMB, ""),
    ("cai-namur", "CAI", "CAI, bureau d'accueil de Namur", "", "", "Namur", "Namur", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-andenne", "CAI", "CAI, bureau décentralisé d'Andenne", "", "", "Andenne", "Andenne", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-ciney", "CAI", "CAI, bureau décentralisé de Ciney", "", "", "Ciney", "Ciney", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-beauraing", "CAI", "CAI, bureau décentralisé de Beauraing", "", "", "Beauraing", "Beauraing", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-sambreville", "CAI", "CAI, bureau décentralisé de Sambreville", "", "", "Sambreville", "Sambreville", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-gembloux", "CAI", "CAI, bureau décentralisé de Gembloux", "", "", "Gembloux", "Gembloux", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-philippeville", "CAI", "CAI, bureau décentralisé de Philippeville", "", "", "Philippeville", "Philippeville", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cai-dinant", "CAI", "CAI, bureau décentralisé de Dinant", "", "", "Dinant", "Dinant", "non confirmé", PAGE_CAI, "Sur rendez-vous : 081 71 35 18."),
    ("cribw-nivelles", "CRIBW", "CRIBW (siège)", "Rue de l'Industrie 17A", "1400", "Nivelles", "Nivelles", "confirmé", "Rapport d'activités 2015 du CRIBW", "Adresse de 2015 : à revérifier."),
    ("cric-charleroi", "CRIC", "CRI Charleroi (siège)", "", "", "Charleroi", "Charleroi", "confirmé", "https://www.cricharleroi.be", "Adresse non confirmée : point placé au centre de la commune."),
    ("ceraic-la-louviere", "CERAIC", "Ce.R.A.I.C. (siège)", "", "", "La Louvière", "La Louvière", "confirmé", "Réponse du ministre Prévot, 21 décembre 2015", "Adresse non confirmée : point placé au centre de la commune."),
    ("cripel-liege", "CRIPEL", "CRIPEL (siège)", "", "", "Liège", "Liège", "confirmé", "https://www.resettlement.eu/page/begium-relaxing-integration-obligations-and-maintaining-funding-public-integration-services", "Adresse non confirmée : point placé au centre de la commune."),
    ("crvi-verviers", "CRVI", "CRVI (siège)", "", "", "Verviers", "Verviers", "confirmé", "http://crvi.be/missions-et-objectifs/", "Adresse non confirmée : point placé au centre de la commune."),
]


def lire_refnis(chemin: Path) -> tuple[dict, dict]:
    lignes = list(csv.DictReader(chemin.open(encoding="utf-8")))
    actifs = [l for l in lignes if l["DT_VLDT_END"] == ACTIF]
    niveaux = {l["CD_REFNIS"]: l for l in actifs if l["LVL_REFNIS"] in ("1", "2", "3")}
    communes = {l["CD_REFNIS"]: l for l in actifs if l["LVL_REFNIS"] == "4"}
    return niveaux, communes


def sans_qualificatif(noms: list[str]) -> dict[str, str]:
    """« Neufchâteau (Neufchâteau) » -> « Neufchâteau » quand le nom court reste unique."""
    courts = [re.sub(r"\s*\([^)]*\)$", "", n) for n in noms]
    return {n: (c if courts.count(c) == 1 else n) for n, c in zip(noms, courts)}


def rattacher(nis: str, nom: str, arrondissement: str, province: str) -> tuple[str, str, str]:
    """(cri, confiance, note) pour une commune wallonne."""
    k = cle(nom)
    if nis in GERMANOPHONES:
        return "DG", "", "Région de langue allemande : parcours de la Communauté germanophone."
    if province == "20002":
        return "CRIBW", "confirmé", "Toute la province du Brabant wallon (source de 2015)."
    if province == "90000":
        return "CAI", "confirmé", "Toute la province de Namur."
    if province == "80000":
        return "CRILUX", "confirmé", "Toute la province de Luxembourg."
    if province == "50000":
        if k in {cle(n) for n in CIMB}:
            return "CIMB", "confirmé", "Liste des 24 communes de la brochure du CIMB."
        if k in {cle(n) for n in CRIC}:
            return "CRIC", "déduit", NOTE_HAINAUT
        if k in {cle(n) for n in CERAIC_CONFIRMEES}:
            return "CERAIC", "confirmé", "Commune citée sur la page PCS du Ce.R.A.I.C."
        if k in {cle(n) for n in CERAIC_PAR_ELIMINATION}:
            return "CERAIC", "déduit", "Rattachée par élimination. " + NOTE_HAINAUT
        raise SystemExit(f"Commune du Hainaut sans CRI : {nom} ({nis})")
    if province == "60000":
        if k in {cle(n) for n in CRVI}:
            return "CRVI", "non confirmé", NOTE_LIEGE
        if arrondissement in ("61000", "62000", "64000"):
            return "CRIPEL", "non confirmé", NOTE_LIEGE
        raise SystemExit(f"Commune de Liège sans CRI : {nom} ({nis})")
    raise SystemExit(f"Commune wallonne hors province connue : {nom} ({nis})")


def construire(sources: Path) -> None:
    niveaux, communes = lire_refnis(sources / "refnis.csv")
    coords = {l["nis_code"]: (float(l["latitude"]), float(l["longitude"])) for l in csv.DictReader((sources / "coords.csv").open(encoding="utf-8"))}
    # Fusions du 2 décembre 2024 et du 1er janvier 2025 : refnis.csv (avant 2025) ne les connaît
    # pas encore. On retire les anciennes communes et on ajoute les nouvelles ; le point central
    # d'une commune nouvelle est la moyenne de ceux des anciennes (approximation).
    fusions = {}
    for ligne in (sources / "fusies-2025.csv").read_text(encoding="utf-8").splitlines()[1:]:
        anciennes, nouvelle = (x.strip() for x in ligne.split(",\t"))
        codes = re.findall(r"\((\d{5})\)", anciennes)
        (code_nouveau,) = re.findall(r"\((\d{5})\)", nouvelle)
        nom_nouveau = re.sub(r"\s*\(voorlopige naam\)", "", nouvelle.rsplit(" (", 1)[0]).strip()
        points = [coords[c] for c in codes]
        base = dict(communes[code_nouveau]) if code_nouveau in communes else {
            "TX_REFNIS_FR": nom_nouveau, "TX_REFNIS_NL": nom_nouveau, "TX_REFNIS_DE": nom_nouveau,
            "CD_SUP_REFNIS": code_nouveau[:2] + "000"}
        for c in codes:
            communes.pop(c, None)
        communes[code_nouveau] = {**base, "CD_REFNIS": code_nouveau}
        coords[code_nouveau] = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        fusions[code_nouveau] = (nom_nouveau, codes)

    noms = sans_qualificatif([c["TX_REFNIS_FR"] for c in communes.values()])
    lignes = []
    for nis, c in sorted(communes.items()):
        arr = niveaux[c["CD_SUP_REFNIS"]]
        parent = arr["CD_SUP_REFNIS"]
        if parent in REGIONS:  # Bruxelles : l'arrondissement dépend directement de la région
            region, province_nom, province = REGIONS[parent], "", ""
        else:
            prov = niveaux[parent]
            region, province_nom, province = REGIONS[prov["CD_SUP_REFNIS"]], prov["TX_REFNIS_FR"].removeprefix("Province "), parent
        province_nom = re.sub(r"^(de la |du |de |d')", "", province_nom)
        nom = noms[c["TX_REFNIS_FR"]]
        lat, lon = coords[nis]
        cri, confiance, note = ("", "", "")
        if region == "Région wallonne":
            cri, confiance, note = rattacher(nis, nom, c["CD_SUP_REFNIS"], province)
        if nis in fusions:
            anciennes = " + ".join(fusions[nis][1])
            date_fusion = "2 décembre 2024" if nis == "82039" else "1er janvier 2025"
            note = (note + " " if note else "") + f"Fusion du {date_fusion} ({anciennes}) ; point central approximatif (moyenne des anciennes communes)."
            if nis not in ("11002", "82039"):
                note += " Nom français officiel non vérifié : nom néerlandais repris."
        lignes.append({
            "nis": nis, "nom": nom,
            "nom_nl": c["TX_REFNIS_NL"] if c["TX_REFNIS_NL"] != c["TX_REFNIS_FR"] else "",
            "nom_de": c["TX_REFNIS_DE"] if c["TX_REFNIS_DE"] not in (c["TX_REFNIS_FR"], c["TX_REFNIS_NL"]) else "",
            "region": region, "province": province_nom,
            "arrondissement": arr["TX_REFNIS_FR"].removeprefix("Arrondissement ").removeprefix("de ").removeprefix("d'"),
            "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}",
            "cri": cri, "cri_confiance": confiance, "note": note,
        })
    ecrire(ICI / "communes.csv", lignes)

    ecrire(ICI / "cri.csv", [dict(zip(("sigle", "nom", "marque", "adresse", "code_postal", "localite", "telephone", "email",
                                       "site_web", "confiance", "source", "note"), r)) for r in CRI])
    par_nom = {cle(l["nom"]): l for l in lignes if l["region"] == "Région wallonne"}
    bureaux = []
    for (ident, cri, nom, adresse, cp, localite, commune, confiance, source, note) in BUREAUX:
        c = par_nom[cle(commune)]
        bureaux.append({"id": ident, "cri": cri, "nom": nom, "adresse": adresse, "code_postal": cp, "localite": localite,
                        "nis": c["nis"], "latitude": c["latitude"], "longitude": c["longitude"], "coordonnees_approx": "oui",
                        "confiance": confiance, "source": source, "note": note})
    ecrire(ICI / "bureaux.csv", bureaux)


def ecrire(chemin: Path, lignes: list[dict]) -> None:
    with chemin.open("w", encoding="utf-8", newline="") as f:
        ecrivain = csv.DictWriter(f, fieldnames=list(lignes[0]), lineterminator="\n")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
    print(f"{chemin.name} : {len(lignes)} lignes")


if __name__ == "__main__":
    construire(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/raw"))
