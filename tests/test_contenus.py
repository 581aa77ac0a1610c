"""Les contenus pédagogiques : carnets (sans sorties, métadonnées, cellule paramètres), catalogue,
banques de questions et cas pratiques. Les cas pratiques sont aussi des tests de scénario :
chacun dit ce que les règles doivent répondre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets import catalogue
from widgets.rules import parcours
from widgets.ui import quiz

RACINE = Path(__file__).resolve().parent.parent
CARNETS = sorted(RACINE.glob("modules/*/[0-9][0-9]-*.ipynb")) + sorted(
    c for c in RACINE.glob("modules/*/*.ipynb") if not c.name[:2].isdigit() and catalogue.a_des_metadonnees_kit(c)) + [RACINE / "index.ipynb"]
BANQUES = sorted(RACINE.glob("modules/*/questions/*.yaml"))
QUESTIONS = [b for b in BANQUES if not b.name.startswith("cas-")]
CAS = [b for b in BANQUES if b.name.startswith("cas-")]


@pytest.mark.parametrize("chemin", CARNETS, ids=lambda p: p.relative_to(RACINE).as_posix())
def test_carnet_sans_sorties_et_avec_cellule_parametres(chemin):
    nb = json.loads(chemin.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "sorties à effacer"
    assert "parameters" in code[0]["metadata"].get("tags", []), "la première cellule de code doit porter le tag « parameters »"
    assert "mode =" in "".join(code[0]["source"])
    # Une séance est une leçon : le code n'y est que des appels d'une ou deux lignes dans widgets.
    for c in code:
        lignes = [l for l in "".join(c["source"]).splitlines() if l.strip() and not l.strip().startswith("#")]
        assert len(lignes) <= 3, f"cellule trop longue, la logique doit aller dans widgets/ : {lignes}"


@pytest.mark.parametrize("chemin", CARNETS[:-1], ids=lambda p: p.relative_to(RACINE).as_posix())
def test_seance_complete(chemin):
    meta = catalogue.lire_seance(chemin)
    assert chemin.parent.name == meta.module
    assert chemin.name.startswith(f"{meta.numero:02d}-") or not chemin.name[:2].isdigit(), "le numéro du nom et celui des métadonnées diffèrent"
    nb = json.loads(chemin.read_text(encoding="utf-8"))
    texte = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for rubrique in ("À retenir", "Sources", "Quiz"):
        assert rubrique in texte, f"rubrique « {rubrique} » absente"
    assert len(texte.split()) > 1500, "une séance est une leçon, pas une page avec un titre et un widget"
    assert any("notes-formateur" in c["metadata"].get("tags", []) for c in nb["cells"]), "notes du formateur absentes"


def test_catalogue_lit_les_carnets_et_les_annonces():
    modules = catalogue.modules()
    assert [m.dossier for m in modules] == list(catalogue.ORDRE)
    droit = modules[0]
    # les séances du catalogue sont exactement les carnets numérotés du dossier, dans l'ordre
    assert [s.meta.numero for s in droit.seances] == sorted(int(c.name[:2]) for c in (RACINE / "modules" / "droit-etrangers").glob("[0-9][0-9]-*.ipynb"))
    assert not any(m.problemes for m in modules)
    html = catalogue.html_catalogue(modules)
    assert 'href="modules/droit-etrangers/01-parcours-integration.ipynb"' in html
    annoncees = sum(1 for m in modules for a in m.meta.seances_annoncees if a.numero not in {s.meta.numero for s in m.seances})
    assert html.count("(annoncée)") == annoncees


def test_module_yaml_n_annonce_pas_une_seance_deja_publiee():
    for m in catalogue.modules():
        publiees = {s.meta.numero for s in m.seances}
        assert not publiees & {a.numero for a in m.meta.seances_annoncees}, f"{m.dossier}/module.yaml : retirer des annonces {publiees}"


def test_catalogue_signale_un_carnet_sans_metadonnees(tmp_path):
    (tmp_path / "modules" / "essai").mkdir(parents=True)
    (tmp_path / "modules" / "essai" / "module.yaml").write_text("titre: Essai\nresume: r\npublics: [tous]\n", encoding="utf-8")
    (tmp_path / "modules" / "essai" / "01-vide.ipynb").write_text('{"cells": [], "metadata": {}}', encoding="utf-8")
    (mod,) = catalogue.modules(tmp_path)
    assert mod.seances == [] and "01-vide.ipynb" in mod.problemes[0]


@pytest.mark.parametrize("chemin", QUESTIONS, ids=lambda p: p.name)
def test_banque_de_questions(chemin):
    banque = quiz.charger_questions(chemin)
    assert len(banque.questions) >= 5
    assert len({q.id for q in banque.questions}) == len(banque.questions)
    assert len({q.reponse for q in banque.questions}) > 1, "la bonne réponse ne doit pas toujours être au même rang"


def _cas():
    for chemin in CAS:
        for cas in quiz.charger_cas(chemin).cas:
            yield pytest.param(cas, id=f"{chemin.name}:{cas.id}")


@pytest.mark.parametrize("cas", list(_cas()))
def test_cas_pratique_conforme_aux_regles(cas):
    decision = parcours.evaluer(cas.situation, cas.date_reference)
    assert decision.statut == cas.attendu, f"{cas.titre} : {decision.libelle} ; {[m.texte for m in decision.motifs]}"
    assert set(cas.codes_attendus) <= {m.code for m in decision.motifs}


def test_fichier_de_quiz_casse(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("titre: t\nquestions:\n  - id: a\n    question: q\n    choix: [x, y]\n    reponse: 5\n    explication: e\n    source: s\n", encoding="utf-8")
    with pytest.raises(quiz.FichierInvalide, match=r"q.yaml, ligne 3, élément n° 1 \(id « a »\) : « reponse » vaut 5 mais il n'y a que 2 choix"):
        quiz.charger_questions(f)
    # la ligne est celle du champ fautif quand il existe, celle de l'élément quand il manque
    f.write_text("titre: t\nquestions:\n  - id: a\n    question: q\n    choix: [x, y]\n    reponse: 1\n    explication: e\n    source: s\n"
                 "  - id: b\n    question: q\n    choix: x\n    reponse: 0\n    explication: e\n", encoding="utf-8")
    with pytest.raises(quiz.FichierInvalide, match=r"q.yaml, ligne 11, élément n° 2 \(id « b »\), champ « choix »"):
        quiz.charger_questions(f)
    f.write_text("titre: t\nquestions:\n  - id: a\n    question: q\n    choix: [x, y]\n    reponse: 1\n    explication: e\n", encoding="utf-8")
    with pytest.raises(quiz.FichierInvalide, match=r"q.yaml, ligne 3, élément n° 1 \(id « a »\), champ « source »"):
        quiz.charger_questions(f)
    f.write_text("titre: t\nquestions:\n  - id: a\n    question: [q\n", encoding="utf-8")
    with pytest.raises(quiz.FichierInvalide, match=r"q.yaml, ligne \d+, colonne \d+ : YAML illisible"):
        quiz.charger_questions(f)
    # Dans une séance, le fichier cassé devient un message, pas une trace d'erreur.
    widget = quiz.afficher(f)
    assert "kit-erreur-fichier" in widget._dom_classes and "YAML illisible" in widget.value


def test_catalogue_avec_module_yaml_casse(tmp_path):
    (tmp_path / "modules" / "essai").mkdir(parents=True)
    (tmp_path / "modules" / "essai" / "module.yaml").write_text("titre: [Essai\n", encoding="utf-8")
    (tmp_path / "modules" / "autre").mkdir(parents=True)
    (tmp_path / "modules" / "autre" / "module.yaml").write_text("titre: Autre\nresume: r\npublics: [tous]\n", encoding="utf-8")
    vue = catalogue.afficher(tmp_path)
    assert "module.yaml, ligne 2" in vue.value and "À corriger" in vue.value
    assert "<h2>Autre</h2>" in vue.value  # le reste du catalogue s'affiche


def test_banque_du_module_asbl_au_moins_30_questions():
    """Issue du module « Gestion d'ASBL » : une banque d'au moins 30 questions expliquées et sourcées."""
    fichiers = sorted((RACINE / "modules" / "gestion-asbl" / "questions").glob("*.yaml"))
    total = sum(len(quiz.charger_questions(f).questions) for f in fichiers)
    assert total >= 30, total
