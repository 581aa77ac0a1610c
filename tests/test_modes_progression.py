"""Les modes d'une séance (apprenant, formateur, projection) et la progression d'une apprenante,
sans navigateur : ce que ``seance.preparer`` / ``seance.conclure`` montrent selon l'adresse et le
mode du serveur, et ce que ``widgets.progression`` écrit (et n'écrit pas) sur l'ordinateur."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets import progression, seance
from widgets.ui import quiz, suivi, theme

RACINE = Path(__file__).resolve().parent.parent
REGROUPEMENT = "modules/droit-etrangers/03-regroupement-familial.ipynb"


@pytest.fixture
def kit(monkeypatch, tmp_path):
    """Une page de séance « servie par Voilà » : le chemin demandé et un dossier de progression à soi."""
    monkeypatch.setenv("KIT_PROGRESSION", str(tmp_path))
    monkeypatch.delenv("KIT_SALLE", raising=False)
    monkeypatch.delenv(seance.CLE_FORMATEUR, raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("SCRIPT_NAME", f"/voila/render/{REGROUPEMENT}")
    monkeypatch.setenv("QUERY_STRING", "")
    return tmp_path


def _notes_et_corriges(chemin: str) -> tuple[str, str]:
    notes, corriges = seance.notes_formateur(RACINE / chemin)
    assert notes and corriges
    return notes[0], corriges[0]


def _phrase(markdown: str) -> str:
    """Le titre de la cellule (sa première ligne, sans les « # »), pour le chercher dans le HTML rendu."""
    return markdown.strip().splitlines()[0].lstrip("#").strip().replace("'", "&#x27;")


# --- Modes -------------------------------------------------------------------------------------

def test_une_seance_s_ouvre_en_mode_apprenant_sans_notes(kit):
    page = seance.preparer("apprenant")
    seance.conclure()
    assert seance._PAGE.mode == "apprenant"
    assert page.children[1].children == ()  # le cadre du formateur reste vide


def test_mode_formateur_par_l_adresse_montre_notes_et_corriges(kit, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "mode=formateur")
    page = seance.preparer("apprenant")
    seance.conclure()
    html = page.children[1].children[0].value
    note, corrige = _notes_et_corriges(REGROUPEMENT)
    assert "kit-notes-formateur" in html
    assert _phrase(note) in html and _phrase(corrige) in html
    assert "<script" not in html


def test_en_salle_le_mode_formateur_demande_la_cle(kit, monkeypatch):
    monkeypatch.setenv("KIT_SALLE", "1")
    monkeypatch.setenv(seance.CLE_FORMATEUR, "cle-du-formateur")
    monkeypatch.setenv("QUERY_STRING", "mode=formateur&cle=devinette")
    page = seance.preparer("apprenant")
    seance.conclure()
    assert seance._PAGE.mode == "apprenant"
    assert "demande la clé du formateur" in page.children[1].children[0].value
    monkeypatch.setenv("QUERY_STRING", "mode=formateur&cle=cle-du-formateur")
    page = seance.preparer("apprenant")
    seance.conclure()
    assert seance._PAGE.mode == "formateur" and "kit-notes-formateur" in page.children[1].children[0].value


def test_mode_inconnu_dans_l_adresse_reste_apprenant(kit, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "mode=<script>")
    page = seance.preparer("apprenant")
    seance.conclure()
    assert seance._PAGE.mode == "apprenant" and page.children[1].children == ()


def test_mode_inconnu_en_parametre_le_dit_en_francais():
    page = seance.preparer("cinema")
    assert "Mode inconnu : « cinema »" in page.children[0].value and seance._PAGE.mode == "apprenant"


def test_mode_formateur_avec_papermill_renvoie_aux_cellules_du_carnet(monkeypatch):
    for variable in ("SCRIPT_NAME", "JPY_SESSION_NAME"):
        monkeypatch.delenv(variable, raising=False)
    page = seance.preparer("formateur")
    assert "notes-formateur" in page.children[1].children[0].value


@pytest.mark.parametrize("chemin", sorted(p.relative_to(RACINE).as_posix() for p in RACINE.glob("modules/*/[0-9][0-9]-*.ipynb")))
def test_chaque_seance_a_des_notes_pour_le_formateur(chemin):
    notes, _ = seance.notes_formateur(RACINE / chemin)
    assert notes and all(n.strip() for n in notes)


def test_carnet_courant_d_apres_l_adresse_encodee(monkeypatch):
    monkeypatch.setenv("SCRIPT_NAME", "/base/voila/render/modules/citoyennete/06-ou-s-adresser.ipynb".replace("-", "%2D"))
    assert seance.seance_courante() == "modules/citoyennete/06-ou-s-adresser.ipynb"
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/modules/inconnu.ipynb")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert seance.seance_courante() is None


def test_le_mode_projection_ne_laisse_aucun_petit_caractere():
    css = theme.css("projection")
    for petit in (".kit-ref", ".kit-fictif", "small", ".kit-table"):
        assert f"body {petit}" in css
    assert "font-size: 1em !important" in css


# --- Progression --------------------------------------------------------------------------------

def test_la_fin_de_seance_note_l_ouverture_et_la_case_terminee(kit):
    seance.preparer("apprenant")
    case = seance.conclure().children[0]
    donnees, message = progression.lire()
    assert not message and "ouverte" in donnees["seances"][REGROUPEMENT]
    case.value = True
    assert "terminee" in progression.lire()[0]["seances"][REGROUPEMENT]
    case.value = False
    assert "terminee" not in progression.lire()[0]["seances"][REGROUPEMENT]
    assert not list(kit.glob("*.tmp")), "écriture atomique : aucun fichier temporaire ne reste"


def test_le_quiz_note_son_score(kit, monkeypatch):
    monkeypatch.chdir(RACINE / "modules/droit-etrangers")
    vue = quiz.afficher("questions/03-regroupement-familial.yaml")
    bloc = vue.children[1]
    choix, boutons = bloc.children[2], bloc.children[3]
    banque = quiz.charger_questions("questions/03-regroupement-familial.yaml")
    choix.value = banque.questions[0].reponse
    boutons.children[1].click()
    resultat = progression.lire()[0]["seances"][REGROUPEMENT]["quiz"]["questions/03-regroupement-familial.yaml"]
    assert resultat["score"] == 1 and resultat["verifiees"] == 1 and resultat["total"] == len(banque.questions)
    tableau = suivi.tableau_html(progression.lire()[0], __import__("widgets.catalogue").catalogue.modules())
    assert f"1 / {len(banque.questions)} bonne réponse (1 question vérifiée)" in tableau


def test_en_salle_rien_n_est_ecrit(kit, monkeypatch):
    monkeypatch.setenv("KIT_SALLE", "1")
    seance.preparer("apprenant")
    assert "kit-progression-absente" in seance.conclure()._dom_classes
    progression.quiz(REGROUPEMENT, "q.yaml", 1, 1, 3)
    assert not progression.chemin().exists()
    assert "salle de formation" in suivi.afficher().children[0].value


def test_un_fichier_abime_est_mis_de_cote_et_pas_perdu(kit):
    progression.chemin().write_text("{ pas du json", encoding="utf-8")
    donnees, message = progression.lire()
    assert donnees == {"version": progression.VERSION, "seances": {}}
    assert "illisible" in message and "mis de côté" in message
    copies = list(kit.glob("progression-illisible-*.json"))
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == "{ pas du json"


def test_effacer_la_progression_depuis_la_page_d_accueil(kit):
    progression.terminee(REGROUPEMENT)
    vue = suivi.afficher()
    contenu, _question, boutons = vue.children
    assert "✔ Terminée le" in contenu.value and "1 séance terminée sur 6" in contenu.value
    boutons.children[0].click()  # « Effacer ma progression »
    assert [b.description for b in boutons.children] == ["Oui, tout effacer", "Annuler"]
    assert progression.chemin().exists(), "rien n'est effacé avant la confirmation"
    boutons.children[0].click()
    assert not progression.chemin().exists()
    assert "a été effacée" in contenu.value and "✔ Terminée" not in contenu.value


def test_la_progression_reste_dans_le_dossier_de_donnees_de_l_utilisatrice(monkeypatch):
    monkeypatch.delenv("KIT_PROGRESSION", raising=False)
    dossier = progression.dossier()
    assert dossier.name == progression.APPLICATION
    assert json.dumps(str(dossier))  # un chemin local, sans adresse réseau
    assert "http" not in str(dossier)
