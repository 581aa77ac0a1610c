"""Les jeux de données : ils se valident, ils disent vrai sur le territoire, et un fichier cassé
donne une erreur qui nomme le fichier, la ligne, la colonne et la valeur."""

from __future__ import annotations

import shutil

import pytest

from widgets import data

DATASETS = data.DOSSIER_DONNEES


@pytest.fixture(scope="module")
def jeux():
    return data.charger()


def test_les_jeux_de_donnees_se_valident(jeux):
    assert len(jeux.communes) == 565  # après les fusions du 2/12/2024 et du 1/1/2025
    assert len(jeux.cri) == 8
    assert not jeux.bureaux.empty


def test_la_wallonie_compte_261_communes_dont_9_germanophones(jeux):
    c = jeux.communes
    wallonnes = c[c["region"] == "Région wallonne"]
    assert len(wallonnes) == 261
    assert (wallonnes["cri"] == "DG").sum() == 9
    assert wallonnes["province"].value_counts().to_dict() == {"Liège": 84, "Hainaut": 69, "Luxembourg": 43, "Namur": 38, "Brabant wallon": 27}
    assert len(c[c["region"] == "Région de Bruxelles-Capitale"]) == 19


@pytest.mark.parametrize("sigle,nombre", [("CIMB", 24), ("CRIC", 19), ("CERAIC", 26), ("CRIPEL", 55), ("CRVI", 20),
                                          ("CAI", 38), ("CRIBW", 27), ("CRILUX", 43)])
def test_territoire_de_chaque_cri(jeux, sigle, nombre):
    """docs/faits-verifies.md §1.2 à §1.4 : 24 + 19 + 26 (Hainaut), 55 + 20 (Liège), 38, 27, 43."""
    assert (jeux.communes["cri"] == sigle).sum() == nombre


def test_fusion_de_bastogne_et_bertogne(jeux):
    assert "82039" in jeux.communes.index
    assert "82003" not in jeux.communes.index and "82005" not in jeux.communes.index
    assert data.trouver_commune("Bastogne")["nis"] == "82039"


def test_chaque_rattachement_wallon_dit_sa_fiabilite(jeux):
    c = jeux.communes
    cri = c[c["cri"].isin(data.CRI_SIGLES)]
    assert cri["cri_confiance"].isin(data.CONFIANCES).all()
    # Les quatre communes du Ce.R.A.I.C. rattachées par élimination sont dites « déduites ».
    for nom in ("Le Roeulx", "Ellezelles", "Estaimpuis", "Mont-de-l'Enclus"):
        assert data.trouver_commune(nom)["cri_confiance"] == "déduit"


def test_recherche_de_commune():
    assert data.trouver_commune("saint ghislain")["nom"] == "Saint-Ghislain"
    assert data.trouver_commune("LE RŒULX")["nis"] == "55035"
    assert data.trouver_commune("Luik")["nom"] == "Liège"  # nom néerlandais
    assert data.trouver_commune(62063)["nom"] == "Liège"  # code INS
    assert data.trouver_commune("Atlantis") is None
    assert data.suggestions("Charelroi") == ["Charleroi"]


# --- Fichiers cassés -----------------------------------------------------------------------------

@pytest.fixture
def copie(tmp_path):
    for nom in ("communes.csv", "cri.csv", "bureaux.csv"):
        shutil.copy(DATASETS / nom, tmp_path / nom)
    return tmp_path


def _remplacer(chemin, ancien, nouveau, n=1):
    texte = chemin.read_text(encoding="utf-8")
    assert ancien in texte
    chemin.write_text(texte.replace(ancien, nouveau, n), encoding="utf-8")


def _ligne_de(chemin, debut):
    for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), start=1):
        if ligne.startswith(debut):
            return numero
    raise AssertionError(debut)


def _changer_latitude(f, debut: str, valeur: str) -> int:
    """Remplace la latitude (8e colonne) de la ligne qui commence par ``debut`` ; rend son numéro."""
    numero = _ligne_de(f, debut)
    lignes = f.read_text(encoding="utf-8").splitlines()
    champs = lignes[numero - 1].split(",")
    champs[7] = valeur
    lignes[numero - 1] = ",".join(champs)
    f.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return numero


def test_latitude_illisible(copie):
    f = copie / "communes.csv"
    numero = _changer_latitude(f, "53053,", "cinquante")
    with pytest.raises(data.DonneesInvalides) as exc:
        data.charger(copie)
    e = exc.value
    assert (e.ligne, e.colonne, e.valeur) == (numero, "latitude", "cinquante")
    assert str(e).startswith(f"{f}, ligne {numero}, colonne « latitude » (valeur « cinquante ») : ")


def test_code_ins_en_double(copie):
    f = copie / "communes.csv"
    lignes = f.read_text(encoding="utf-8").splitlines()
    f.write_text("\n".join(lignes + [lignes[5]]) + "\n", encoding="utf-8")
    with pytest.raises(data.DonneesInvalides, match=r"ligne 567, colonne « nis ».*en double \(déjà à la ligne 6\)"):
        data.charger(copie)


def test_cri_inconnu(copie):
    f = copie / "communes.csv"
    numero = _ligne_de(f, "53053,")
    _remplacer(f, ",CIMB,confirmé,", ",CIMX,confirmé,")
    with pytest.raises(data.DonneesInvalides) as exc:
        data.charger(copie)
    assert exc.value.colonne == "cri" and exc.value.valeur == "CIMX" and exc.value.ligne <= numero


def test_coordonnee_hors_de_wallonie(copie):
    numero = _changer_latitude(copie / "communes.csv", "53053,", "51.20000")  # au nord de la Wallonie, encore en Belgique
    with pytest.raises(data.DonneesInvalides, match=rf"ligne {numero}, colonne « latitude ».*hors de Wallonie"):
        data.charger(copie)


def test_colonne_manquante_et_ligne_trop_courte(copie):
    f = copie / "cri.csv"
    _remplacer(f, "sigle,", "acronyme,")
    with pytest.raises(data.DonneesInvalides, match=r"ligne 1, colonne « sigle ».*absente"):
        data.charger(copie)
    shutil.copy(DATASETS / "cri.csv", f)
    with f.open("a", encoding="utf-8") as sortie:
        sortie.write("CIMB,trop court\n")
    with pytest.raises(data.DonneesInvalides, match=r"ligne 10 : 2 valeurs pour 12 colonnes"):
        data.charger(copie)


def test_bureau_dans_une_commune_inconnue(copie):
    f = copie / "bureaux.csv"
    _remplacer(f, ",53070,", ",99999,")
    with pytest.raises(data.DonneesInvalides, match=r"bureaux.csv, ligne 2, colonne « nis » \(valeur « 99999 »\)"):
        data.charger(copie)


def test_fichier_absent_ou_pas_en_utf8(copie):
    (copie / "bureaux.csv").unlink()
    with pytest.raises(data.DonneesInvalides, match="fichier introuvable"):
        data.charger(copie)
    (copie / "bureaux.csv").write_bytes("id,cri\nb\xe9\n".encode("latin-1"))
    with pytest.raises(data.DonneesInvalides, match="pas en UTF-8"):
        data.charger(copie)
