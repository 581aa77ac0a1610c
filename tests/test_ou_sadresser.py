"""Séance « Où s'adresser ? » : codes postaux et localités, recherche d'une commune, services
utiles, fichiers cassés, et le simulateur (construit et utilisé en Python, sans navigateur)."""

from __future__ import annotations

import csv
import shutil

import pytest

from widgets import cartes, data
from widgets.simulateurs import ou_sadresser

DATASETS = data.DOSSIER_DONNEES


@pytest.fixture(scope="module")
def jeux():
    return data.charger()


def _un(texte: str) -> dict:
    resultats = data.chercher_communes(texte)
    assert len(resultats) == 1, [r["nom"] for r in resultats]
    return resultats[0]


# --- Recherche -------------------------------------------------------------------------------

@pytest.mark.parametrize("texte,commune,cri", [
    ("7330", "Saint-Ghislain", "CIMB"),
    ("1301", "Wavre", "CRIBW"),          # Bierges
    ("6686", "Bastogne", "CRILUX"),      # Flamierge, ex-Bertogne
    ("6687", "Bastogne", "CRILUX"),      # Bertogne : fusion du 2 décembre 2024
    ("6688", "Bastogne", "CRILUX"),      # Longchamps, ex-Bertogne
    ("4700", "Eupen", "DG"),
    ("Jemappes", "Mons", "CIMB"),
    ("namur", "Namur", "CAI"),
    ("JAMBES", "Namur", "CAI"),          # 5100 : pas de ligne « commune » dans la source, corrigé à la main
    ("53053", "Mons", "CIMB"),           # code INS
    ("7330 Saint-Ghislain", "Saint-Ghislain", "CIMB"),
    ("Bertogne", "Bastogne", "CRILUX"),
    ("court saint étienne", "Court-Saint-Etienne", "CRIBW"),
])
def test_recherche(texte, commune, cri):
    r = _un(texte)
    assert (r["nom"], r["cri"]) == (commune, cri)


def test_recherche_par_localite_donne_la_localite_et_son_code():
    r = _un("Jemappes")
    assert (r["trouve_par"], r["localite"], r["code_postal"]) == ("localite", "Jemappes", "7012")
    assert "7000" in r["codes_postaux"] and "7012" in r["codes_postaux"]
    r = _un("1301")
    assert (r["trouve_par"], r["localite"], r["localites"]) == ("code_postal", "Bierges", ["Bierges"])
    r = _un("7330")
    assert r["localite"] is None and r["localites"] == ["Saint-Ghislain"]


def test_plusieurs_communes_pour_un_meme_nom():
    noms = [r["nom"] for r in data.chercher_communes("Celles")]
    assert noms[0] == "Celles" and {"Faimes", "Houyet"} <= set(noms)
    # La commune wallonne avant son homonyme flamande.
    noms = [r["nom"] for r in data.chercher_communes("Saint-Nicolas")]
    assert noms[0] == "Saint-Nicolas (Liège)" and len(noms) == 2


@pytest.mark.parametrize("texte", ["9999", "Atlantide", "", "   ", "123", "7010"])
def test_rien_trouve(texte):
    assert data.chercher_communes(texte) == []


def test_messages_quand_rien_n_est_trouve():
    m = ou_sadresser.message_introuvable("9999")
    assert "n'est pas un code wallon" in m and "1300 à 1499 et 4000 à 7999" in m and "Exemples" in m
    m = ou_sadresser.message_introuvable("Atlantide")
    assert m.startswith("Aucune commune ni localité ne s'appelle « Atlantide »") and "Exemples" in m
    m = ou_sadresser.message_introuvable("Jemape")
    assert "Vouliez-vous dire" in m and "Jemappes (Mons)" in m
    m = ou_sadresser.message_introuvable("Charelroi")
    assert "Charleroi" in m
    m = ou_sadresser.message_introuvable("7010")  # SHAPE : un code réservé, écarté
    assert "Codes proches : 7000 (Mons), 7011 (Mons), 7012 (Mons)" in m


# --- Le fichier des codes postaux dit vrai ----------------------------------------------------

def test_toutes_les_localites_pointent_vers_une_commune_wallonne(jeux):
    cp, c = jeux.codes_postaux, jeux.communes
    assert cp is not None and len(cp) > 1500
    wallonnes = c[c["region"] == "Région wallonne"]
    assert set(cp["nis"]) == set(wallonnes.index)  # les 261, germanophones comprises
    assert all(c.loc[n, "nom"] == nom for n, nom in zip(cp["nis"], cp["commune"]))
    assert cp["code_postal"].map(data.code_postal_wallon).all()
    assert set(cp.loc[cp["principale"], "nis"]) == set(wallonnes.index)


def test_communes_germanophones_et_fusion(jeux):
    cp = jeux.codes_postaux
    assert set(cp.loc[cp["nis"].isin(["63023", "63040", "63067"]), "code_postal"]) >= {"4700", "4701", "4720", "4721", "4780"}
    assert not cp["nis"].isin(["82003", "82005"]).any()
    bertogne = cp[cp["localite"] == "Bertogne"].iloc[0]
    assert (bertogne["nis"], bool(bertogne["principale"])) == ("82039", False)


def test_le_script_rapproche_les_noms_de_la_source():
    import importlib.util

    spec = importlib.util.spec_from_file_location("codes_postaux", DATASETS.parent / "datasets" / "outils" / "codes_postaux.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    assert script.joli("JUPILLE-SUR-MEUSE") == "Jupille-sur-Meuse"
    assert script.joli("Bois-D'Haine") == "Bois-d'Haine"
    assert script.joli("L'Ecluse") == "L'Ecluse"
    assert script.sans_qualificatif("Saint-Nicolas (Liège)") == "Saint-Nicolas"
    assert script.est_wallon("1348") and script.est_wallon("7973") and not script.est_wallon("1000")


# --- Fichiers cassés -------------------------------------------------------------------------

@pytest.fixture
def copie(tmp_path):
    for nom in ("communes.csv", "cri.csv", "bureaux.csv", "codes-postaux.csv", "services.csv"):
        shutil.copy(DATASETS / nom, tmp_path / nom)
    return tmp_path


def _modifier(chemin, debut: str, colonne: str, valeur: str) -> int:
    """Change une case de la ligne qui commence par ``debut`` ; rend le numéro de la ligne."""
    with chemin.open(encoding="utf-8") as f:
        lignes = list(csv.reader(f))
    entete = lignes[0]
    for numero, ligne in enumerate(lignes, start=1):
        if ",".join(ligne).startswith(debut):
            ligne[entete.index(colonne)] = valeur
            with chemin.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(lignes)
            return numero
    raise AssertionError(debut)


@pytest.mark.parametrize("debut,colonne,valeur,message", [
    ("7012,Jemappes,", "nis", "99999", "code INS absent de communes.csv"),
    ("7012,Jemappes,", "nis", "11002", "commune hors de Wallonie"),
    ("7012,Jemappes,", "code_postal", "9000", "code postal hors de Wallonie"),
    ("7012,Jemappes,", "code_postal", "70a2", "format inattendu"),
    ("7012,Jemappes,", "commune", "Saint-Ghislain", "ne correspond pas au code INS 53053"),
    ("7012,Jemappes,", "principale", "peut-être", "« oui » ou « non » attendu"),
    ("7012,Jemappes,", "localite", "Flénu", "localité en double"),
])
def test_codes_postaux_casses(copie, debut, colonne, valeur, message):
    f = copie / "codes-postaux.csv"
    numero = _modifier(f, debut, colonne, valeur)
    with pytest.raises(data.DonneesInvalides) as exc:
        data.charger(copie)
    e = exc.value
    assert (e.ligne, e.colonne) == (numero, colonne) and message in str(e)
    assert str(e).startswith(f"{f}, ligne {numero}, colonne « {colonne} »")


def test_commune_sans_ligne_principale(copie):
    f = copie / "codes-postaux.csv"
    _modifier(f, "1310,La Hulpe,", "principale", "non")
    with pytest.raises(data.DonneesInvalides, match=r"colonne « principale ».*sans ligne « principale = oui » \(par exemple : La Hulpe\)"):
        data.charger(copie)


def test_dossier_sans_codes_postaux_le_fichier_est_facultatif(copie):
    (copie / "codes-postaux.csv").unlink()
    jeux = data.charger(copie)  # les trois tables suffisent au reste du kit
    assert jeux.codes_postaux is None and len(jeux.communes) == 565
    assert data.chercher_communes("Namur", dossier=copie)[0]["nom"] == "Namur"
    assert data.chercher_communes("53053", dossier=copie)[0]["nom"] == "Mons"
    assert data.chercher_communes("Jemappes", dossier=copie) == []
    with pytest.raises(data.DonneesInvalides, match=r"codes-postaux.csv : fichier introuvable : la recherche par code postal n'est pas disponible"):
        data.chercher_communes("7330", dossier=copie)


@pytest.mark.parametrize("debut,colonne,valeur,message", [
    (",discriminations,Unia", "theme", "sport", "valeur non admise"),
    (",discriminations,Unia", "commune", "99999", "code INS absent de communes.csv"),
    (",discriminations,Unia", "commune", "21004", "hors de Wallonie"),
    (",discriminations,Unia", "site_web", "", "un organisme réel est donné avec son site officiel"),
    (",discriminations,Unia", "site_web", "www.unia.be", "format inattendu"),
    (",discriminations,Unia", "telephone", "appeler Unia", "format inattendu"),
    (",discriminations,Unia", "date_verification", "novembre", "format inattendu"),
    (",discriminations,Unia", "exemple", "", "« oui » ou « non » attendu"),
    ("53053,aide sociale,CPAS de Mons", "source", "Brochure", "exemple à vérifier"),
    ("53053,cours de français,Lire et", "nom", "CPAS de Mons", "service en double pour cette commune (déjà à la ligne 18)"),
])
def test_services_casses(copie, debut, colonne, valeur, message):
    f = copie / "services.csv"
    numero = _modifier(f, debut, colonne, valeur)
    with pytest.raises(data.DonneesInvalides) as exc:
        data.charger_services(copie)
    assert (exc.value.ligne, exc.value.colonne) == (numero, colonne) and message in str(exc.value)


# --- services.csv -----------------------------------------------------------------------------

def test_services_valides():
    df = data.charger_services()
    assert set(df["theme"]) == set(data.THEMES_SERVICES)  # chaque thème a au moins un organisme
    reels = df[~df["exemple"]]
    assert reels["commune"].isna().all() and reels["site_web"].str.startswith("https://").all()
    exemples = df[df["exemple"]]
    assert 2 <= len(exemples) <= 3 and set(exemples["commune"]) == {"53053"}
    assert exemples["source"].str.lower().str.contains("exemple à vérifier").all()
    assert (df["date_verification"] == "2026-11").all()
    for nom in ("Forem", "SeTIS wallon", "Unia", "AViQ", "ONE", "Office des étrangers", "SPP Intégration sociale",
                "Société wallonne du logement", "Lire et Écrire"):
        assert reels["nom"].str.contains(nom, regex=False).any(), nom
    assert len(data.services_pour("53053")) == len(df) and len(data.services_pour("62063")) == len(reels)


# --- Cartes -----------------------------------------------------------------------------------

def test_carte_de_la_commune_et_tableau_equivalent():
    mons = data.trouver_commune("Mons")
    html = cartes.carte_commune_html("53053")
    assert "<iframe" in html and "Votre commune : Mons" in html and "Anneau rouge : Mons" in html
    tableau = cartes.tableau_bureaux_commune(data.bureaux_du_cri("CIMB"), mons)
    assert tableau.index("Inforjeunes Mons") < tableau.index("Maison internationale de Tournai")  # du plus proche au plus loin
    assert "dans la commune" in tableau and "environ" in tableau
    assert cartes.carte_commune_html("63023") == ""  # Eupen : pas de CRI
    # Les bulles de folium appellent jQuery, que la carte hors ligne ne charge pas : le kit fournit
    # le seul usage nécessaire, avant le script de la carte (sinon elle s'arrête à la première bulle).
    import base64

    document = cartes.carte_commune(mons, data.bureaux_du_cri("CIMB")).get_root().render()
    assert document.index(base64.b64encode(cartes._SANS_JQUERY.encode()).decode()) < document.index("$(`<div")
    assert document.count("fitBounds") >= 1
    assert round(cartes.distance_km(50.45, 3.95, 50.45, 3.95), 3) == 0


# --- Le simulateur ----------------------------------------------------------------------------

@pytest.fixture
def simulateur():
    return ou_sadresser.OuSAdresser()


def test_le_widget_se_construit(simulateur):
    vue = ou_sadresser.afficher()
    assert "kit-simulateur-ou-sadresser" in vue._dom_classes
    assert simulateur.champ.widget.description == "Commune ou code postal"
    assert simulateur.bouton.description == "Chercher"
    assert "kit-attente" in simulateur.commune.value


def test_recherche_par_la_touche_entree_affiche_le_cri_et_ses_bureaux(simulateur):
    simulateur.saisie.value = "7330"  # continuous_update=False : la valeur change à l'Entrée
    assert simulateur.champ.erreur.value == ""
    assert 'data-cri="CIMB"' in simulateur.commune.value and "Saint-Ghislain" in simulateur.commune.value
    assert "Rattachement de la commune à ce CRI : confirmé" in simulateur.commune.value
    assert "065 61 18 50" in simulateur.commune.value  # téléphone de cri.csv
    assert "<iframe" in simulateur.carte.value and "kit-bureaux-commune" in simulateur.carte.value
    assert "Autres services utiles" in simulateur.services.value and "Unia" in simulateur.services.value


def test_bouton_chercher_et_localite(simulateur):
    simulateur.saisie.value = "Jemappes"
    simulateur.bouton.click()
    assert "est une localité de la commune de <strong>Mons</strong>" in simulateur.commune.value
    assert simulateur.services.value.count("exemple à vérifier") >= 2  # les exemples de Mons


def test_rattachement_non_confirme_averti(simulateur):
    simulateur.saisie.value = "4800"
    assert 'data-cri="CRVI"' in simulateur.commune.value and "À vérifier" in simulateur.commune.value


def test_commune_germanophone_bruxelloise_flamande(simulateur):
    for texte, entite in (("4700", "communaute_germanophone"), ("Anderlecht", "region_bruxelles"), ("Gand", "region_flamande")):
        simulateur.saisie.value = texte
        assert f'data-entite="{entite}"' in simulateur.commune.value, texte
        assert "data-cri" not in simulateur.commune.value and simulateur.carte.value == ""
    simulateur.saisie.value = "Eupen"
    assert "Info-Integration" in simulateur.commune.value and "Communauté germanophone" in simulateur.services.value


def test_rien_trouve_message_sous_le_champ(simulateur):
    simulateur.saisie.value = "7330"
    simulateur.saisie.value = "Atlantide"
    assert "Aucune commune ni localité" in simulateur.champ.erreur.value
    assert "kit-erreur" in simulateur.champ.erreur._dom_classes
    assert simulateur.commune.value == "" and simulateur.carte.value == "" and simulateur.commune_affichee is None
    simulateur.saisie.value = "9999"
    assert "pas un code wallon" in simulateur.champ.erreur.value
    simulateur.saisie.value = "Jemape"
    assert "Jemappes (Mons)" in simulateur.champ.erreur.value


def test_plusieurs_communes_une_liste_pour_choisir(simulateur):
    simulateur.saisie.value = "Celles"
    assert simulateur.choix.layout.display == "flex" and len(simulateur.choix.options) == 3
    assert simulateur.commune_affichee["nom"] == "Celles"
    simulateur.choix.value = 2
    assert simulateur.commune_affichee["nom"] == "Houyet" and 'data-cri="CAI"' in simulateur.commune.value
    simulateur.saisie.value = "Namur"
    assert simulateur.choix.layout.display == "none"


def test_donnees_cassees_le_simulateur_le_dit(monkeypatch, tmp_path):
    for nom in ("cri.csv", "bureaux.csv"):
        shutil.copy(DATASETS / nom, tmp_path / nom)
    monkeypatch.setattr(data, "DOSSIER_DONNEES", tmp_path)  # communes.csv absent
    vue = ou_sadresser.afficher()
    assert "kit-erreur-fichier" in vue._dom_classes and "communes.csv : fichier introuvable" in vue.value
