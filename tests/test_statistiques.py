"""Séance « Diagnostic du territoire » : le chargeur du fichier de population de Statbel
(``widgets.statistiques``) sur de petits fichiers écrits par le test au format réel, ses messages
d'erreur sur des fichiers cassés, les calculs exacts, le fichier de démonstration et le simulateur
(construit et utilisé en Python, sans navigateur)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import zipfile
from pathlib import Path

import pytest

from widgets import statistiques as st
from widgets.data import DonneesInvalides
from widgets.rules import legislation

RACINE = Path(__file__).resolve().parent.parent

# Les noms des communes, arrondissements... tels que le fichier de Statbel les écrit (NL puis FR).
LIEUX = {
    "53053": ("Bergen", "Mons", "53000", "Arrondissement Bergen", "Arrondissement de Mons"),
    "53014": ("Boussu", "Boussu", "53000", "Arrondissement Bergen", "Arrondissement de Mons"),
    "82003": ("Bastenaken", "Bastogne", "82000", "Arrondissement Bastenaken", "Arrondissement de Bastogne"),
    "82005": ("Bertogne", "Bertogne", "82000", "Arrondissement Bastenaken", "Arrondissement de Bastogne"),
    "92094": ("Namen", "Namur", "92000", "Arrondissement Namen", "Arrondissement de Namur"),
}
NATIONALITES = {"BEL": ("Belgen", "Belges"), "ETR": ("niet-Belgen", "non-Belges"), "MAR": ("Marokko", "Maroc"),
                "ITA": ("Italië", "Italie"), "SYR": ("Syrië", "Syrie"), "FRA": ("Frankrijk", "France"), "CHE": ("Zwitserland", "Suisse")}
ETATS = {"1": ("Ongehuwd", "Célibataire"), "2": ("Gehuwd", "Marié"), "3": ("Weduwstaat", "Veuf"), "4": ("Gescheiden", "Divorcé")}


def ligne(nis: str, sexe: str, nat: str, age, n, etat: str = "1") -> list[str]:
    nl, fr, arr, arr_nl, arr_fr = LIEUX.get(nis, ("X", "X", "00000", "X", "X"))
    prov = ("50000", "Provincie Henegouwen", "Province de Hainaut") if nis.startswith("5") else ("90000", "Provincie Namen", "Province de Namur")
    nat_nl, nat_fr = NATIONALITES.get(nat, (nat, nat))
    return [nis, nl, fr, arr, arr_nl, arr_fr, *prov, "3000", "Waals Gewest", "Région wallonne", sexe, nat, nat_nl, nat_fr,
            etat, *ETATS[etat], str(age), str(n)]


# Un petit fichier à nationalités détaillées : Mons, Boussu (CIMB) et Namur (CAI).
DETAILLE = [
    ligne("53053", "F", "BEL", 34, 100), ligne("53053", "M", "BEL", 34, 90, "2"), ligne("53053", "M", "BEL", 71, 40, "3"),
    ligne("53053", "F", "MAR", 25, 12), ligne("53053", "M", "MAR", 41, 8, "2"), ligne("53053", "F", "ITA", 82, 20, "3"),
    ligne("53053", "M", "ITA", 67, 5), ligne("53053", "F", "SYR", 8, 6), ligne("53053", "M", "CHE", 50, 3),
    ligne("53014", "F", "BEL", 15, 50), ligne("53014", "M", "BEL", 15, 45), ligne("53014", "M", "FRA", 33, 7),
    ligne("53014", "F", "MAR", 100, 1, "3"),
    ligne("92094", "F", "BEL", 30, 500), ligne("92094", "M", "SYR", 30, 30),
]
# Le même territoire dans le format vu chez Statbel : Belges / non-Belges seulement.
GROUPES = [
    ligne("53053", "F", "BEL", 34, 100), ligne("53053", "M", "BEL", 34, 90, "2"), ligne("53053", "M", "BEL", 71, 40, "3"),
    ligne("53053", "F", "ETR", 25, 12), ligne("53053", "M", "ETR", 41, 8, "2"), ligne("53053", "F", "ETR", 82, 20, "3"),
    ligne("53053", "M", "ETR", 67, 5), ligne("53053", "F", "ETR", 8, 6), ligne("53053", "M", "ETR", 50, 3),
    ligne("53014", "F", "BEL", 15, 50), ligne("53014", "M", "BEL", 15, 45), ligne("53014", "M", "ETR", 33, 7),
    ligne("53014", "F", "ETR", 100, 1, "3"),
    ligne("92094", "F", "BEL", 30, 500), ligne("92094", "M", "ETR", 30, 30),
]


def ecrire(dossier: Path, lignes: list[list[str]], nom: str = "TF_SOC_POP_STRUCT_2025.txt", entete=st.COLONNES,
           sep: str = "|", encodage: str = "utf-8") -> Path:
    chemin = dossier / nom
    texte = "\n".join(sep.join(l) for l in [list(entete), *lignes]) + "\n"
    chemin.write_bytes(texte.encode(encodage))
    return chemin


@pytest.fixture
def detaille(tmp_path):
    return st.charger_population(ecrire(tmp_path, DETAILLE))


# --- Lecture du format réel ------------------------------------------------------------------

def test_lit_le_format_reel_et_normalise(detaille):
    assert list(detaille.columns) == ["nis", "commune", "sexe", "belge", "nationalite", "nationalite_nom", "age", "classe_age", "effectif"]
    assert detaille.attrs["annee"] == 2025 and detaille.attrs["nationalites_detaillees"] and not detaille.attrs["fictif"]
    assert int(detaille["effectif"].sum()) == 917
    maroc = detaille[(detaille["nis"] == "53053") & (detaille["nationalite"] == "MA")]
    assert set(maroc["nationalite_nom"]) == {"Maroc"} and int(maroc["effectif"].sum()) == 20
    assert detaille.loc[detaille["age"] == 100, "classe_age"].tolist() == ["90+"]
    assert st.classe_age(0) == "0-9" and st.classe_age(89) == "80-89" and st.classe_age(95) == "90+"


def test_le_format_belges_non_belges(tmp_path):
    pop = st.charger_population(ecrire(tmp_path, GROUPES))
    assert not pop.attrs["nationalites_detaillees"]
    assert set(pop["nationalite"]) == {"BE", "ETR"}
    t = st.totaux(pop, "CIMB")
    assert t["population"] == 100 + 90 + 40 + 12 + 8 + 20 + 5 + 6 + 3 + 50 + 45 + 7 + 1
    assert t["etrangers"] == 12 + 8 + 20 + 5 + 6 + 3 + 7 + 1
    hors = st.part_hors_ue(pop, "CIMB")
    assert not hors["disponible"] and "Belges et les non-Belges" in hors["raison"]
    top = st.top_nationalites(pop, "CIMB")
    assert top.empty and "ne détaille pas" in top.attrs["raison"]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_autres_separateurs(tmp_path, sep):
    pop = st.charger_population(ecrire(tmp_path, DETAILLE, nom="export.csv", sep=sep))
    assert int(pop["effectif"].sum()) == 917 and pop.attrs["annee"] is None


def test_champs_entre_guillemets(tmp_path):
    """Un export de tableur peut mettre des guillemets (et un séparateur dans un nom) : lu comme un CSV."""
    lignes = [[f'"{v}"' if i == 5 else v for i, v in enumerate(l)] for l in DETAILLE]
    lignes[0][5] = '"Arrondissement de Mons; Borinage"'
    pop = st.charger_population(ecrire(tmp_path, lignes, nom="guillemets.csv", sep=";"))
    assert int(pop["effectif"].sum()) == 917


def test_bom_utf8_et_lignes_vides(tmp_path):
    chemin = ecrire(tmp_path, DETAILLE)
    chemin.write_bytes(b"\xef\xbb\xbf" + chemin.read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    assert int(st.charger_population(chemin)["effectif"].sum()) == 917


def test_archive_zip_de_statbel(tmp_path):
    txt = ecrire(tmp_path, DETAILLE)
    archive = tmp_path / "TF_SOC_POP_STRUCT_2025.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(txt, "TF_SOC_POP_STRUCT_2025.txt")
    pop = st.charger_population(archive)
    assert int(pop["effectif"].sum()) == 917 and "TF_SOC_POP_STRUCT_2025.txt" in pop.attrs["fichier"]


def test_classeur_excel(tmp_path):
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    feuille.append(list(st.COLONNES))
    for l in DETAILLE:
        # Comme dans le classeur de Statbel lu par pandas : des nombres, pas du texte.
        feuille.append([int(v) if v.isdigit() else v for v in l])
    chemin = tmp_path / "TF_SOC_POP_STRUCT_2025.xlsx"
    classeur.save(chemin)
    pop = st.charger_population(chemin)
    assert int(pop["effectif"].sum()) == 917 and pop.attrs["annee"] == 2025


def test_anciens_noms_de_colonnes_et_annee(tmp_path):
    """Les fichiers anciens (CD_MUNTY_REFNIS, TX_MUNTY_DESCR_*, CD_YEAR) restent lisibles."""
    entete = ["CD_MUNTY_REFNIS", "TX_MUNTY_DESCR_NL", "TX_MUNTY_DESCR_FR", *st.COLONNES[3:], "CD_YEAR"]
    pop = st.charger_population(ecrire(tmp_path, [l + ["2017"] for l in DETAILLE], nom="ancien.txt", entete=entete))
    assert pop.attrs["annee"] == 2017 and int(pop["effectif"].sum()) == 917


def test_anciens_codes_ins_ramenes_a_la_commune_fusionnee(tmp_path):
    """Bastogne (82003) et Bertogne (82005) forment Bastogne (82039) depuis le 2 décembre 2024."""
    pop = st.charger_population(ecrire(tmp_path, [ligne("82003", "F", "BEL", 30, 10), ligne("82005", "F", "BEL", 30, 4)],
                                       nom="TF_SOC_POP_STRUCT_2024.txt"))
    assert pop.attrs["communes_fusionnees"] == {"82003": "82039", "82005": "82039"}
    assert pop[["nis", "commune", "effectif"]].values.tolist() == [["82039", "Bastogne", 14]]


# --- Fichiers cassés : message en français, fichier, ligne, colonne ---------------------------

def _erreur(chemin) -> str:
    with pytest.raises(DonneesInvalides) as exc:
        st.charger_population(chemin)
    return str(exc.value)


def test_colonne_manquante(tmp_path):
    entete = [c for c in st.COLONNES if c != "CD_AGE"]
    lignes = [[v for c, v in zip(st.COLONNES, l) if c != "CD_AGE"] for l in DETAILLE]
    message = _erreur(ecrire(tmp_path, lignes, entete=entete))
    assert "TF_SOC_POP_STRUCT_2025.txt, ligne 1" in message and "colonne(s) manquante(s) : CD_AGE" in message


def test_colonne_en_trop(tmp_path):
    message = _erreur(ecrire(tmp_path, [l + ["x"] for l in DETAILLE], entete=[*st.COLONNES, "COMMENTAIRE"]))
    assert "ligne 1" in message and "colonne(s) en trop" in message and "COMMENTAIRE" in message


@pytest.mark.parametrize("valeur,attendu", [
    ("-3", "effectif négatif"),
    ("douze", "nombre entier de personnes attendu"),
    ("", "nombre entier de personnes attendu"),
    ("12,5", "nombre entier de personnes attendu"),
])
def test_effectif_invalide(tmp_path, valeur, attendu):
    lignes = [list(l) for l in DETAILLE]
    lignes[4][20] = valeur  # 5e ligne de données = ligne 6 du fichier
    message = _erreur(ecrire(tmp_path, lignes))
    assert "TF_SOC_POP_STRUCT_2025.txt, ligne 6, colonne « MS_POPULATION »" in message and attendu in message


def test_code_ins_inconnu(tmp_path):
    lignes = [list(l) for l in DETAILLE]
    lignes[2][0] = "99999"
    message = _erreur(ecrire(tmp_path, lignes))
    assert "ligne 4, colonne « CD_REFNIS » (valeur « 99999 »)" in message and "code INS inconnu" in message


@pytest.mark.parametrize("colonne,rang,valeur,attendu", [
    ("CD_SEX", 12, "X", "« F » ou « M » attendu"),
    ("CD_AGE", 19, "trente", "âge attendu"),
    ("CD_AGE", 19, "130", "âge hors des limites"),
    ("CD_NATLTY", 13, "ZZZ", "code de nationalité inconnu"),
    ("CD_REFNIS", 0, "Mons", "code INS de commune attendu"),
])
def test_autres_valeurs_invalides(tmp_path, colonne, rang, valeur, attendu):
    lignes = [list(l) for l in DETAILLE]
    lignes[0][rang] = valeur
    message = _erreur(ecrire(tmp_path, lignes))
    assert f"ligne 2, colonne « {colonne} »" in message and attendu in message


def test_fichier_vide(tmp_path):
    vide = tmp_path / "vide.txt"
    vide.write_text("", encoding="utf-8")
    message = _erreur(vide)
    assert "vide.txt" in message and "fichier vide" in message
    entete_seule = ecrire(tmp_path, [], nom="entete.txt")
    assert "aucune ligne de données" in _erreur(entete_seule)


def test_mauvais_encodage(tmp_path):
    """Un fichier réenregistré en Windows-1252 : la ligne et la colonne du premier caractère illisible."""
    message = _erreur(ecrire(tmp_path, DETAILLE, encodage="cp1252"))
    assert "TF_SOC_POP_STRUCT_2025.txt, ligne 2, colonne « TX_RGN_DESCR_FR »" in message
    assert "UTF-8" in message and "Windows-1252" in message
    utf16 = ecrire(tmp_path, DETAILLE, nom="utf16.txt", encodage="utf-16")
    assert "UTF-16" in _erreur(utf16)


def test_nombre_de_valeurs_et_doublons(tmp_path):
    lignes = [list(l) for l in DETAILLE]
    lignes[3] = lignes[3][:-1]
    assert "ligne 5" in (m := _erreur(ecrire(tmp_path, lignes))) and "20 valeurs pour 21 colonnes" in m
    message = _erreur(ecrire(tmp_path, DETAILLE + [DETAILLE[1]], nom="double.txt"))
    assert f"ligne {len(DETAILLE) + 2}" in message and "qu'à la ligne 3" in message


def test_melange_etr_et_nationalites_detaillees(tmp_path):
    message = _erreur(ecrire(tmp_path, DETAILLE + [ligne("53053", "F", "ETR", 20, 4)]))
    assert "colonne « CD_NATLTY »" in message and "comptés deux fois" in message


def test_chemins_et_formats_refuses(tmp_path):
    assert "fichier introuvable" in _erreur(tmp_path / "absent.zip")
    assert "c'est un dossier" in _erreur(tmp_path)
    (tmp_path / "page.html").write_text("<html>", encoding="utf-8")
    assert "format non reconnu" in _erreur(tmp_path / "page.html")
    (tmp_path / "ancien.xls").write_bytes(b"x")
    assert "ancien format Excel" in _erreur(tmp_path / "ancien.xls")
    (tmp_path / "casse.zip").write_bytes(b"pas un zip")
    assert "archive zip illisible" in _erreur(tmp_path / "casse.zip")
    double = tmp_path / "double.zip"
    with zipfile.ZipFile(double, "w") as z:
        z.writestr("a.txt", "x")
        z.writestr("b.txt", "y")
    assert "plusieurs fichiers (a.txt, b.txt)" in _erreur(double)
    faux = tmp_path / "faux.csv"
    faux.write_bytes(double.read_bytes())
    assert "archive (zip ou Excel) malgré son nom" in _erreur(faux)
    sans_sep = tmp_path / "sans.txt"
    sans_sep.write_text("CD_REFNIS\n53053\n", encoding="utf-8")
    assert "sans.txt, ligne 1" in _erreur(sans_sep) and "aucun séparateur" in _erreur(sans_sep)


# --- Calculs exacts --------------------------------------------------------------------------

def test_totaux_du_cimb(detaille):
    t = st.totaux(detaille, "CIMB")
    assert (t["population"], t["belges"], t["etrangers"]) == (387, 325, 62)
    assert (t["femmes"], t["hommes"], t["etrangers_femmes"]) == (189, 198, 39)
    assert t["part_etrangers"] == pytest.approx(62 / 387)
    assert (t["communes_attendues"], t["communes_presentes"]) == (24, 2) and "Mons" not in t["communes_absentes"]
    assert st.totaux(detaille, "CAI")["population"] == 530
    assert st.totaux(detaille)["population"] == 917


def test_part_hors_ue_avec_la_liste_datee(detaille):
    res = st.part_hors_ue(detaille, "CIMB")
    assert res["disponible"] and res["date"] == dt.date(2025, 1, 1)
    # UE : Italie (25) et France (7) ; hors UE : Maroc (21), Syrie (6), Suisse (3, hors UE : ni l'EEE ni la Suisse n'en font partie).
    assert (res["etrangers"], res["ue"], res["hors_ue"]) == (62, 32, 30)
    assert res["part_hors_ue_etrangers"] == pytest.approx(30 / 62) and res["part_hors_ue_population"] == pytest.approx(30 / 387)
    # Avant le Brexit, la liste datée contient le Royaume-Uni ; avant 2018-10-15, le kit n'a pas de liste.
    assert "GB" in st.part_hors_ue(detaille, "CIMB", dt.date(2019, 1, 1))["liste_ue"]
    assert not st.part_hors_ue(detaille, "CIMB", dt.date(2010, 1, 1))["disponible"]


def test_les_codes_de_vote_yaml_concordent():
    """La liste des pays de l'UE (codes ISO à deux lettres de vote.yaml) se lit avec les codes du
    fichier (ISO à trois lettres, convertis par la table de CLDR)."""
    bareme = legislation.charger("vote")
    alpha2 = set(st.codes_alpha3().values())
    for v in bareme.parametres["pays_ue"].valeurs:
        assert set(v.valeur) <= alpha2
    table = st.codes_alpha3()
    assert (table["BEL"], table["GRC"], table["GBR"], table["MAR"], table["COD"], table["XKX"]) == ("BE", "GR", "GB", "MA", "CD", "XK")
    assert "ETR" not in table and "SUN" not in table  # non-Belges ; URSS (plusieurs États)


def test_top_des_nationalites(detaille):
    top = st.top_nationalites(detaille, "CIMB", n=3)
    assert top[["nationalite", "nom", "effectif"]].values.tolist() == [["IT", "Italie", 25], ["MA", "Maroc", 21], ["FR", "France", 7]]
    assert top["part_etrangers"].tolist() == pytest.approx([25 / 62, 21 / 62, 7 / 62])
    assert top["ue"].tolist() == [True, False, True]


def test_pyramides(detaille):
    etr = st.pyramide(detaille, "CIMB", "etrangers")
    assert list(etr.index) == list(st.CLASSES_AGE) and list(etr.columns) == ["hommes", "femmes"]
    assert etr.loc["20-29"].tolist() == [0, 12] and etr.loc["60-69"].tolist() == [5, 0] and etr.loc["90+"].tolist() == [0, 1]
    assert int(etr.to_numpy().sum()) == 62
    bel = st.pyramide(detaille, "CIMB", "belges")
    assert bel.loc["30-39"].tolist() == [90, 100] and bel.loc["10-19"].tolist() == [45, 50] and int(bel.to_numpy().sum()) == 285 + 40
    tous = st.pyramide(detaille, "CIMB")
    assert (tous == etr + bel).all().all()
    with pytest.raises(ValueError, match="groupe inconnu"):
        st.pyramide(detaille, "CIMB", "autres")


def test_par_commune(detaille):
    pc = st.par_commune(detaille, "CIMB").set_index("nis")
    assert len(pc) == 24 and pc["present"].sum() == 2
    mons, boussu = pc.loc["53053"], pc.loc["53014"]
    assert (mons["population"], mons["etrangers"]) == (284, 54)
    assert mons["hors_ue"] == 12 + 8 + 6 + 3  # Maroc, Syrie, Suisse
    assert (boussu["population"], boussu["etrangers"], boussu["hors_ue"]) == (103, 8, 1)
    assert boussu["petit_effectif"] and not mons["petit_effectif"]
    assert not pc.loc["53070", "present"] and pc.loc["53070", "population"] == 0  # Saint-Ghislain : pas dans le fichier


# --- Le fichier de démonstration -------------------------------------------------------------

def test_demo_marquee_fictive_et_reproductible():
    pop = st.charger_demo()
    assert pop.attrs["fictif"] and pop.attrs["nationalites_detaillees"]
    assert set(pop["nis"]) <= set(st.communes_du_cri("CIMB").index)
    assert st.FICHIER_DEMO.stat().st_size < 150_000
    premiere = st.FICHIER_DEMO.read_text(encoding="utf-8").splitlines()[0]
    assert premiere.startswith("#") and "données fictives" in premiere
    # Le script régénère exactement le fichier (graine fixe).
    spec = importlib.util.spec_from_file_location("population_demo", RACINE / "datasets" / "outils" / "population_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import random

    attendu = [module.COMMENTAIRE, "|".join(module.COLONNES)] + ["|".join(l) for l in module.lignes(random.Random(module.GRAINE))]
    assert st.FICHIER_DEMO.read_text(encoding="utf-8") == "\n".join(attendu) + "\n"
    assert tuple(module.COLONNES) == st.COLONNES


# --- Le simulateur ---------------------------------------------------------------------------

def test_le_simulateur_se_construit_sur_la_demo():
    from widgets.simulateurs import diagnostic

    d = diagnostic.Diagnostic()
    assert "kit-simulateur-diagnostic" in d.vue._dom_classes
    assert "DONNÉES FICTIVES" in d.bandeau.value
    assert "4 commune(s) sur 24 du territoire du CIMB" in d.totaux.value and "Saint-Ghislain" in d.totaux.value
    assert "kit-top-nationalites" in d.top.value and "Italie" in d.top.value
    assert "kit-hors-ue" in d.hors_ue.value
    assert d.image.png[:4] == b"\x89PNG"
    assert "srcdoc=" in d.carte.value and "type choroplèthe" in d.carte.value
    assert "Honnelles" in d.communes.value and "petit effectif" in d.communes.value
    assert "Nationalité n'est pas origine" in d.prudence.value
    d.cri.value = "CAI"
    assert "aucune commune du territoire du CAI" in d.totaux.value


def test_le_simulateur_lit_un_vrai_fichier_et_signale_les_erreurs(tmp_path):
    from widgets.simulateurs import diagnostic

    d = diagnostic.Diagnostic()
    d.source.value = "fichier"
    assert d.champ.boite.layout.display == "flex"
    d.saisie.value = str(tmp_path / "absent.zip")
    assert "fichier introuvable" in d.champ.erreur.value and "DONNÉES FICTIVES" in d.bandeau.value  # la démo reste affichée
    d.saisie.value = str(ecrire(tmp_path, GROUPES))
    assert d.champ.erreur.value == "" and "DONNÉES FICTIVES" not in d.bandeau.value
    assert "population au 1er janvier 2025" in d.bandeau.value and "kit-hors-ue-indisponible" in d.hors_ue.value
    assert "kit-top-indisponible" in d.top.value
    d.source.value = "demo"
    assert "DONNÉES FICTIVES" in d.bandeau.value and d.champ.erreur.value == ""
    # Un chemin passé à afficher() : le fichier est lu ; cassé, l'erreur est sous le champ et la démo s'affiche.
    casse = ecrire(tmp_path, DETAILLE, nom="casse.txt", encodage="cp1252")
    d2 = diagnostic.Diagnostic(casse)
    assert "UTF-8" in d2.champ.erreur.value and "DONNÉES FICTIVES" in d2.bandeau.value
    assert "kit-simulateur-diagnostic" in diagnostic.afficher(ecrire(tmp_path, DETAILLE))._dom_classes


def test_pourcentages_et_couleurs():
    from widgets.simulateurs import diagnostic

    assert diagnostic.pourcent(0.1234) == "12,3 %" and diagnostic.pourcent(None) == "—"
    assert diagnostic.nombre(12345) == "12 345"
    assert diagnostic.couleur(0.02) != diagnostic.couleur(0.2) and diagnostic.couleur(None) == diagnostic.COULEUR_ABSENTE
    assert diagnostic.libelle_classe(0) == "de 0 % à moins de 5 %" and diagnostic.libelle_classe(3) == "15 % et plus"


def test_en_salle_le_diagnostic_ne_lit_aucun_fichier_du_serveur(monkeypatch, tmp_path):
    from widgets.simulateurs import diagnostic

    monkeypatch.setenv("KIT_SALLE", "1")
    d = diagnostic.Diagnostic(chemin=tmp_path / "secret.csv")
    assert d.source.layout.display == "none" and d.champ.boite not in d.vue.children
    assert any("En salle" in getattr(c, "value", "") for c in d.vue.children)
    assert d.source.value == "demo"  # le chemin demandé est ignoré, la démonstration s'affiche
