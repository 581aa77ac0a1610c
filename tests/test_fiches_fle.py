"""Séance 6 « Rencontres pédagogiques FLE » : le catalogue de fiches (le vrai fichier est valide et
couvre les thèmes et les niveaux), le filtre (table de cas et propriété), les fichiers cassés (un
message français qui nomme fichier, ligne, fiche et champ), la ligne de commande et le widget,
utilisé en Python sans navigateur."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import fiches_fle as regles
from widgets.rules.fiches_fle import FichierInvalide
from widgets.simulateurs import fiches_fle

RACINE = Path(__file__).resolve().parent.parent
FICHIER = RACINE / "modules" / "communication-interculturelle" / "donnees" / "fiches-fle.yaml"


@pytest.fixture(scope="module")
def catalogue():
    return regles.charger(FICHIER)


# --- Le vrai fichier -----------------------------------------------------------------------------

def test_le_fichier_du_module_est_valide_et_couvre_themes_et_niveaux(catalogue):
    fiches = catalogue.fiches
    assert len(fiches) >= 8
    assert len({f.id for f in fiches}) == len(fiches)
    assert {f.theme for f in fiches} == set(regles.THEMES)  # chaque thème du module a au moins une fiche
    assert {n for f in fiches for n in f.niveaux} == set(regles.NIVEAUX)  # alpha, A1, A2, B1, B2
    for f in fiches:
        assert sum(e.duree_minutes for e in f.deroule) == f.duree_minutes, f.id
        assert f.objectifs_communicatifs and f.objectifs_interculturels and f.materiel, f.id
        assert f.variantes.plus_bas and f.variantes.plus_haut and f.evaluation, f.id
        assert 30 <= f.duree_minutes <= 120, f.id


def test_les_niveaux_sont_dans_l_ordre(catalogue):
    ordre = list(regles.NIVEAUX)
    for f in catalogue.fiches:
        assert f.niveaux == sorted(f.niveaux, key=ordre.index), f.id


def test_les_regles_n_importent_aucun_widget():
    code = "import sys, widgets.rules.fiches_fle; print(sorted(m for m in ('ipywidgets', 'IPython', 'folium') if m in sys.modules))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=RACINE).stdout.strip()
    assert sortie == "[]"


# --- Le filtre ---------------------------------------------------------------------------------

@pytest.mark.parametrize("niveau, theme, duree_max, attendus", [
    (None, None, None, None),  # aucun filtre : toutes les fiches
    ("alpha", None, None, {"fleur-appartenances", "demander-comprendre", "photo-langage"}),
    ("B2", "medias", None, {"deux-titres"}),
    (None, "guichet", 60, {"rendez-vous-commune"}),
    ("A2", None, 45, {"photo-langage"}),
    ("B2", "medias", 45, set()),
    ("", "", 0, None),  # critères vides : pas de filtre
])
def test_table_de_filtres(catalogue, niveau, theme, duree_max, attendus):
    ids = {f.id for f in regles.filtrer(catalogue.fiches, niveau, theme, duree_max)}
    assert ids == (attendus if attendus is not None else {f.id for f in catalogue.fiches})


def test_filtre_refuse_les_criteres_inconnus(catalogue):
    with pytest.raises(ValueError, match="niveau « C1 » inconnu"):
        regles.filtrer(catalogue.fiches, niveau="C1")
    with pytest.raises(ValueError, match="thème « cuisine » inconnu"):
        regles.filtrer(catalogue.fiches, theme="cuisine")
    with pytest.raises(ValueError, match="nombre entier"):
        regles.filtrer(catalogue.fiches, duree_max=-5)


@settings(max_examples=60, deadline=None)
@given(niveau=st.sampled_from([None, *regles.NIVEAUX]), theme=st.sampled_from([None, *regles.THEMES]),
       duree_max=st.one_of(st.none(), st.integers(min_value=1, max_value=200)))
def test_propriete_le_filtre_respecte_chaque_critere(niveau, theme, duree_max):
    fiches = regles.charger(FICHIER).fiches
    retenues = regles.filtrer(fiches, niveau, theme, duree_max)
    for f in retenues:
        assert niveau is None or niveau in f.niveaux
        assert theme is None or f.theme == theme
        assert duree_max is None or f.duree_minutes <= duree_max
    # ... et n'en oublie aucune.
    assert len(retenues) == sum(1 for f in fiches if (niveau is None or niveau in f.niveaux)
                                and (theme is None or f.theme == theme)
                                and (duree_max is None or f.duree_minutes <= duree_max))


# --- Les fichiers cassés ---------------------------------------------------------------------------

MINI = """\
titre: Essai
fiches:
  - id: essai
    titre: Une fiche
    theme: guichet
    niveaux: [A1, A2]
    duree_minutes: 30
    public: Des adultes.
    objectifs_communicatifs: [Saluer.]
    objectifs_interculturels: [Oser demander.]
    materiel: [Un ticket.]
    deroule:
      - {titre: Début, duree_minutes: 10, consigne: On commence.}
      - {titre: Fin, duree_minutes: 20, consigne: On termine.}
    variantes:
      plus_bas: Plus simple.
      plus_haut: Plus riche.
    evaluation: Une observation.
"""


def ecrire(tmp_path, texte: str) -> Path:
    f = tmp_path / "fiches.yaml"
    f.write_text(texte, encoding="utf-8")
    return f


def test_le_mini_fichier_est_valide(tmp_path):
    (f,) = regles.charger(ecrire(tmp_path, MINI)).fiches
    assert f.niveaux == ["A1", "A2"] and f.precautions == []


@pytest.mark.parametrize("avant, apres, attendu", [
    ("duree_minutes: 30", "duree_minutes: 45",
     r"fiches.yaml, ligne 3 \(fiche n° 1 \(id « essai »\)\) : la somme des durées du déroulé \(30 min\) ne correspond pas à « duree_minutes » \(45 min\)"),
    ("theme: guichet", "theme: cuisine",
     r"ligne 5 \(fiche n° 1 \(id « essai »\), champ « theme »\) : thème « cuisine » inconnu \(valeurs permises : stereotypes, "),
    ("niveaux: [A1, A2]", "niveaux: [A1, C1]",
     r"ligne 6 \(fiche n° 1 \(id « essai »\), champ « niveaux »\) : niveau « C1 » inconnu"),
    ("niveaux: [A1, A2]", "niveaux: []",
     r"champ « niveaux »\) : il faut au moins 1 élément\(s\) ; il y en a 0"),
    ("    evaluation: Une observation.\n", "",
     r"ligne 3 \(fiche n° 1 \(id « essai »\), champ « evaluation »\) : champ obligatoire absent"),
    ("{titre: Fin, duree_minutes: 20,", "{titre: Fin, duree_minutes: vingt,",
     r"ligne 14 \(fiche n° 1 \(id « essai »\), étape du déroulé n° 2, champ « duree_minutes »\) : il faut un nombre entier"),
    ("      plus_haut: Plus riche.\n", "      plus_haut: Plus riche.\n      meme_niveau: Pareil.\n",
     r"ligne 18 \(fiche n° 1 \(id « essai »\), champ « variantes.meme_niveau »\) : champ inconnu"),
    ("  - id: essai", "  - id: Essai !",
     r"champ « id »\) : identifiant invalide « Essai ! »"),
])
def test_fichier_casse_message_precis(tmp_path, avant, apres, attendu):
    assert avant in MINI
    with pytest.raises(FichierInvalide) as exc:
        regles.charger(ecrire(tmp_path, MINI.replace(avant, apres)))
    assert any(re.search(attendu, m) for m in exc.value.erreurs), exc.value.erreurs


def test_identifiant_repete(tmp_path):
    double = MINI + MINI.split("fiches:\n", 1)[1]
    with pytest.raises(FichierInvalide, match=r"ligne 19 \(fiche n° 2 \(id « essai »\)\) : champ « id » : l'identifiant « essai » est déjà pris par la fiche n° 1"):
        regles.charger(ecrire(tmp_path, double))


def test_yaml_illisible(tmp_path):
    with pytest.raises(FichierInvalide, match=r"fiches.yaml, ligne \d+, colonne \d+ : YAML illisible"):
        regles.charger(ecrire(tmp_path, "titre: Essai\nfiches:\n  - id: [x\n"))


def test_ligne_de_commande(tmp_path, capsys):
    assert regles.main([str(FICHIER), "--niveau", "B2", "--theme", "medias", "--json"]) == 0
    (fiche,) = json.loads(capsys.readouterr().out)
    assert fiche["id"] == "deux-titres" and fiche["deroule"][0]["duree_minutes"] == 10
    assert regles.main([str(ecrire(tmp_path, MINI.replace("theme: guichet", "theme: cuisine")))]) == 1
    assert "thème « cuisine » inconnu" in capsys.readouterr().err


# --- Le widget ---------------------------------------------------------------------------------

def test_afficher_le_vrai_fichier():
    vue = fiches_fle.afficher()
    assert "kit-fiches-fle" in vue._dom_classes


def test_afficher_un_fichier_casse_donne_un_message(tmp_path):
    boite = fiches_fle.afficher(ecrire(tmp_path, MINI.replace("duree_minutes: 30", "duree_minutes: 45")))
    assert "kit-erreur-fichier" in boite._dom_classes and "la somme des durées du déroulé" in boite.value


def test_widget_utilisable_en_python(catalogue):
    s = fiches_fle.Simulateur(catalogue)
    assert len(s.liste.options) == len(catalogue.fiches)
    premiere = catalogue.fiches[0]
    assert s.liste.value == premiere.id and escape(premiere.titre) in s.fiche.value

    s.niveau.value = "B2"
    assert {v for _l, v in s.liste.options} == {f.id for f in catalogue.fiches if "B2" in f.niveaux}
    s.theme.value = "medias"
    assert [v for _l, v in s.liste.options] == ["deux-titres"] and s.liste.value == "deux-titres"
    assert 'data-fiche="deux-titres"' in s.fiche.value and "1 fiche</strong>" in s.compte.value

    # Aucun résultat : un message, pas de fiche.
    s.duree.value = 45
    assert s.liste.options == () and s.liste.value is None and s.fiche.value == ""
    assert "Aucune fiche ne correspond" in s.compte.value

    # On élargit : la sélection revient.
    s.duree.value = 0
    s.niveau.value = ""
    s.theme.value = ""
    s.liste.value = "photo-langage"
    assert 'data-fiche="photo-langage"' in s.fiche.value
    s.theme.value = "medias"  # la fiche choisie reste choisie si elle passe encore le filtre
    assert s.liste.value == "photo-langage"


def test_fiche_imprimable(catalogue):
    fiche = catalogue.fiche("rendez-vous-manque")
    html = fiches_fle.fiche_html(fiche)
    for rubrique in ("Objectifs communicatifs", "Objectifs interculturels", "Matériel", "Déroulé", "Variantes",
                     "Pour un niveau plus bas", "Pour un niveau plus haut", "Évaluation", "Précautions"):
        assert rubrique in html, rubrique
    assert "0–10 min" in html and "60–75 min" in html  # le minutage cumulé du déroulé
    assert "<script" not in html.lower()
    lien = fiches_fle.lien_telechargement(fiche)
    donnees = re.search(r'href="data:text/html;charset=utf-8;base64,([^"]+)"', lien).group(1)
    document = base64.b64decode(donnees).decode("utf-8")
    assert document.startswith("<!DOCTYPE html>") and '<html lang="fr-BE">' in document
    assert escape(fiche.titre) in document and "@media print" in document


def test_le_texte_de_la_fiche_est_echappe(tmp_path):
    (f,) = regles.charger(ecrire(tmp_path, MINI.replace("titre: Une fiche", 'titre: "<img src=x onerror=alert(1)>"'))).fiches
    assert "<img" not in fiches_fle.fiche_html(f)
