"""Séance 5 « Médias et représentations » : la grille d'analyse et ses exemples fictifs (le vrai
fichier est valide et complet), la comparaison avec le corrigé, les fichiers cassés (un message
français qui nomme fichier, ligne, élément et champ), la ligne de commande et le widget, utilisé
en Python sans navigateur."""

from __future__ import annotations

import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from widgets.rules import medias as regles
from widgets.rules.medias import FichierInvalide
from widgets.simulateurs import medias

RACINE = Path(__file__).resolve().parent.parent
FICHIER = RACINE / "modules" / "communication-interculturelle" / "donnees" / "grille-medias.yaml"


@pytest.fixture(scope="module")
def grille():
    return regles.charger(FICHIER)


def corrige_complet(exemple) -> dict[str, list[str]]:
    return {qid: ids for c in exemple.corrige.values() for qid, ids in c.reponses.items()}


# --- Le vrai fichier -----------------------------------------------------------------------------

def test_le_fichier_du_module_est_valide_et_complet(grille):
    assert [r.id for r in grille.rubriques] == ["voix", "mots", "images", "cadrage", "manque", "sources", "titre"]
    mots = {o.id for o in grille.question("mots-termes").options}
    assert {"migrant", "refugie", "illegal", "sans_papiers", "expat"} <= mots  # les mots demandés par l'issue
    cadrages = {o.id for o in grille.question("cadrage-quel").options}
    assert {"menace", "victime", "chiffres", "reussite"} <= cadrages
    assert len(grille.exemples) >= 6
    assert len({e.id for e in grille.exemples}) == len(grille.exemples)


def test_chaque_exemple_est_fictif_et_corrige(grille):
    for e in grille.exemples:
        assert regles.MENTION_FICTIF in e.mention.lower(), e.id
        assert set(e.corrige) == {r.id for r in grille.rubriques}, e.id
        for r, q in grille.questions():
            attendues = e.corrige[r.id].reponses[q.id]
            assert attendues and set(attendues) <= {o.id for o in q.options}, (e.id, q.id)
            assert q.multiple or len(attendues) == 1, (e.id, q.id)
        assert len(e.corrige["voix"].commentaire) > 40 and e.reecriture and e.a_retenir


def test_les_exemples_couvrent_les_publics_formats_et_cadrages(grille):
    assert all({"adolescents", "adultes"} <= set(e.publics) for e in grille.exemples)
    assert {"reseau_social", "video", "breve"} <= {e.format for e in grille.exemples}
    vus = {o for e in grille.exemples for o in e.corrige["cadrage"].reponses["cadrage-quel"]}
    assert {"menace", "victime", "chiffres", "reussite"} <= vus
    termes = {o for e in grille.exemples for o in e.corrige["mots"].reponses["mots-termes"]}
    assert {"migrant", "refugie", "illegal", "sans_papiers", "expat"} <= termes
    assert any(e.precaution for e in grille.exemples)


# --- La comparaison avec le corrigé ---------------------------------------------------------------

def test_comparer_reponses_parfaites_vides_et_partielles(grille):
    ex = grille.exemple("afflux")
    parfait = regles.comparer(grille, ex, corrige_complet(ex))
    reperes, attendus = regles.bilan(parfait)
    assert reperes == attendus > 0 and all(e.complet for e in parfait)

    vide = regles.comparer(grille, ex, {})
    assert regles.bilan(vide) == (0, attendus) and not any(e.repondu for e in vide)

    partiel = regles.comparer(grille, ex, {"voix-qui": ["politiques", "personne"], "titre-contenu": "fidele"})
    voix = next(e for e in partiel if e.question.id == "voix-qui")
    assert [o.id for o in voix.reperes] == ["politiques"]
    assert [o.id for o in voix.oublies] == ["habitants"]
    assert [o.id for o in voix.en_plus] == ["personne"]
    titre = next(e for e in partiel if e.question.id == "titre-contenu")
    assert [o.id for o in titre.oublies] == ["contredit"] and [o.id for o in titre.en_plus] == ["fidele"]


def test_comparer_refuse_les_reponses_impossibles(grille):
    ex = grille.exemples[0]
    with pytest.raises(ValueError, match="question « inconnue » inconnue"):
        regles.comparer(grille, ex, {"inconnue": ["x"]})
    with pytest.raises(ValueError, match="option"):
        regles.comparer(grille, ex, {"voix-qui": ["martien"]})
    with pytest.raises(ValueError, match="une seule réponse"):
        regles.comparer(grille, ex, {"titre-contenu": ["fidele", "exagere"]})


def test_les_regles_n_importent_aucun_widget():
    code = "import sys, widgets.rules.medias; print(sorted(m for m in ('ipywidgets', 'IPython', 'folium') if m in sys.modules))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=RACINE).stdout.strip()
    assert sortie == "[]"


# --- Les fichiers cassés ---------------------------------------------------------------------------

GRILLE_MINI = """\
titre: Essai
introduction: Lisez.
rubriques:
  - id: voix
    titre: Qui parle ?
    aide: Relevez.
    questions:
      - id: voix-qui
        texte: Qui ?
        options:
          - {id: a, libelle: A}
          - {id: b, libelle: B}
      - id: titre-contenu
        texte: Le titre ?
        multiple: false
        options:
          - {id: fidele, libelle: Fidèle}
          - {id: exagere, libelle: Exagéré}
exemples:
  - id: ex1
    titre: Exemple
    format: titre
    publics: [adultes]
    mention: "Exemple fictif écrit pour le kit."
    support: Un média fictif
    titre_media: Un titre
    texte: Un texte.
    corrige:
      voix:
        reponses: {voix-qui: [a], titre-contenu: [fidele]}
        commentaire: Un commentaire.
    reecriture: Un autre titre
    a_retenir: Une idée.
"""


def ecrire(tmp_path, texte: str) -> Path:
    f = tmp_path / "grille.yaml"
    f.write_text(texte, encoding="utf-8")
    return f


def erreurs(tmp_path, texte: str) -> list[str]:
    with pytest.raises(FichierInvalide) as exc:
        regles.charger(ecrire(tmp_path, texte))
    return exc.value.erreurs


def test_le_mini_fichier_est_valide(tmp_path):
    g = regles.charger(ecrire(tmp_path, GRILLE_MINI))
    assert g.exemples[0].id == "ex1"


@pytest.mark.parametrize("avant, apres, attendu", [
    ('mention: "Exemple fictif écrit pour le kit."', 'mention: "Article du Soir"',
     r"grille.yaml, ligne 24 \(exemple n° 1 \(id « ex1 »\), champ « mention »\) : chaque exemple doit être signalé « exemple fictif écrit pour le kit »"),
    ("format: titre", "format: journal",
     r"ligne 22 \(exemple n° 1 \(id « ex1 »\), champ « format »\) : format « journal » inconnu"),
    ("reponses: {voix-qui: [a], titre-contenu: [fidele]}", "reponses: {voix-qui: [z], titre-contenu: [fidele]}",
     r"ligne 30 \(exemple n° 1 \(id « ex1 »\)\) : champ « corrige.voix.reponses.voix-qui » : l'option « z » n'existe pas \(options : a, b\)"),
    ("reponses: {voix-qui: [a], titre-contenu: [fidele]}", "reponses: {voix-qui: [a], titre-contenu: [fidele, exagere]}",
     r"champ « corrige.voix.reponses.titre-contenu » : la question n'accepte qu'une réponse"),
    ("reponses: {voix-qui: [a], titre-contenu: [fidele]}", "reponses: {voix-qui: [a]}",
     r"champ « corrige.voix.reponses.titre-contenu » : réponse attendue absente"),
    ("    corrige:\n      voix:", "    corrige:\n      voxi:",
     r"champ « corrige.voxi » : la rubrique « voxi » n'existe pas"),
    ("    a_retenir: Une idée.\n", "    a_retenir: Une idée.\n    auteur: moi\n",
     r"ligne 34 \(exemple n° 1 \(id « ex1 »\), champ « auteur »\) : champ inconnu"),
    ("        texte: Qui ?\n", "",
     r"ligne 8 \(rubrique n° 1 \(id « voix »\), question n° 1 \(id « voix-qui »\), champ « texte »\) : champ obligatoire absent"),
    ("          - {id: b, libelle: B}", "          - {id: a, libelle: B}",
     r"option n° 2\) : champ « id » : l'option « a » apparaît deux fois"),
    ("    titre: Exemple\n", "    titre: Exemple\n    titre: Encore\n",
     r"ligne 22 : la clé « titre » apparaît deux fois dans le même bloc \(première fois ligne 21\)"),
])
def test_fichier_casse_message_precis(tmp_path, avant, apres, attendu):
    assert avant in GRILLE_MINI
    messages = erreurs(tmp_path, GRILLE_MINI.replace(avant, apres))
    assert any(re.search(attendu, m) for m in messages), messages


def test_yaml_illisible_et_fichier_absent(tmp_path):
    (message,) = erreurs(tmp_path, "titre: [Essai\n")
    assert "grille.yaml, ligne 2, colonne 1 : YAML illisible" in message
    (message,) = erreurs(tmp_path, "- juste\n- une liste\n")
    assert "ligne 1 : le fichier doit être un bloc de champs" in message
    with pytest.raises(FichierInvalide, match="Fichier introuvable"):
        regles.charger(tmp_path / "absent.yaml")


def test_ligne_de_commande(tmp_path, capsys):
    assert regles.main([str(FICHIER)]) == 0
    assert "Fichier valide" in capsys.readouterr().out
    casse = ecrire(tmp_path, GRILLE_MINI.replace("format: titre", "format: journal"))
    assert regles.main([str(casse)]) == 1
    assert "format « journal » inconnu" in capsys.readouterr().err


# --- Le widget ---------------------------------------------------------------------------------

def test_afficher_le_vrai_fichier():
    vue = medias.afficher()
    assert "kit-medias" in vue._dom_classes


def test_afficher_un_fichier_casse_donne_un_message(tmp_path):
    boite = medias.afficher(ecrire(tmp_path, GRILLE_MINI.replace("format: titre", "format: journal")))
    assert "kit-erreur-fichier" in boite._dom_classes
    assert "format « journal » inconnu" in boite.value and "grille.yaml, ligne 22" in boite.value


def test_widget_utilisable_en_python(grille):
    s = medias.Simulateur(grille)
    assert s.exemple.id == grille.exemples[0].id
    assert medias.regles.MENTION_FICTIF in s.texte.value and "Afflux de migrants" in s.texte.value

    # Sans réponse : le corrigé s'affiche quand même, et le dit.
    s.corriger_b.click()
    assert "Vous n'avez pas répondu" in s.corrige.value

    # Les réponses du corrigé, cochées : tout est repéré.
    ex = grille.exemple("afflux")
    s.remplir(corrige_complet(ex))
    assert s.reponses()["voix-qui"] == ["politiques", "habitants"]
    s.corriger_b.click()
    _r, total = regles.bilan(regles.comparer(grille, ex, corrige_complet(ex)))
    assert f"Points repérés : {total} sur {total}" in s.corrige.value
    assert "À regarder aussi" not in s.corrige.value and ex.reecriture in s.corrige.value

    # Une case en plus : « à discuter ».
    s.champs["voix-qui"].cases[-1].value = True  # « personne : seul l'auteur parle »
    s.corriger_b.click()
    assert "À discuter" in s.corrige.value

    # La fiche à projeter signale ce que le groupe a repéré.
    s.fiche_b.click()
    assert "kit-medias-fiche" in s.fiche.value and "✓" in s.fiche.value and escape(ex.a_retenir) in s.fiche.value

    # Changer d'exemple efface les réponses et le corrigé.
    s.selection.value = "partagez"
    assert s.exemple.id == "partagez" and s.corrige.value == "" and s.fiche.value == ""
    assert all(not ids for ids in s.reponses().values())
    s.corriger_b.click()
    assert "Précaution pour l'animation" in s.corrige.value

    # Effacer.
    s.remplir({"titre-contenu": ["exagere"]})
    s.effacer_b.click()
    assert s.reponses()["titre-contenu"] == [] and s.corrige.value == ""


def test_fiche_sans_reponses_n_a_pas_de_coche(grille):
    ex = grille.exemples[0]
    html = medias.fiche_html(grille, ex)
    assert "✓" not in html and ex.reecriture in html
    assert all(r.titre in html for r in grille.rubriques)


def test_le_texte_est_echappe(tmp_path):
    g = regles.charger(ecrire(tmp_path, GRILLE_MINI.replace("texte: Un texte.", 'texte: "<script>alert(1)</script>"')))
    assert "<script>" not in medias.exemple_html(g.exemples[0])
