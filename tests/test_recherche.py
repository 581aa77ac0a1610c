"""La recherche de la page d'accueil : sur le vrai kit (un terme, une question rattachée à la bonne
séance, une séance par ses objectifs, accents, début de mot, requête vide ou sans résultat, HTML
échappé) et sur un faux kit construit dans un dossier temporaire (rien n'est tenu à la main ; un
fichier YAML invalide est signalé sans empêcher de chercher dans le reste)."""

from __future__ import annotations

import json
import os
import re
from html import escape
from pathlib import Path

import pytest

from widgets import catalogue, recherche
from widgets.ui import quiz

RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index():
    return recherche.index(RACINE)


def _chemins(entrees) -> list[str]:
    return [e.seances[0].chemin if e.seances else None for e in entrees]


# --- Le vrai kit ---------------------------------------------------------------------------------

def test_l_index_couvre_tout_le_kit(index):
    assert not index.problemes, index.problemes
    assert len(index.seances) == sum(len(m.seances) for m in catalogue.modules(RACINE))
    assert len(index.glossaire) >= 45
    assert len(index.questions) >= 200


def test_un_terme_connu_du_glossaire(index):
    r = index.chercher("aide médicale urgente")
    assert r.glossaire and r.glossaire[0].titre == "Aide médicale urgente"
    html = recherche.html_resultats(r)
    assert 'class="kit-resultat-glossaire"' in html
    assert "Glossaire — Droit des étrangers" in html
    # Le lien mène à une séance qui affiche le glossaire, la plus proche des mots cherchés.
    assert '<a href="modules/droit-etrangers/05-acces-aux-soins-amu.ipynb">' in html


@pytest.mark.parametrize("fichier, seance", [
    ("modules/droit-etrangers/questions/03-regroupement-familial.yaml", "modules/droit-etrangers/03-regroupement-familial.ipynb"),
    # des noms de fichiers qui ne disent pas la séance : seul le carnet qui les affiche le dit
    ("modules/gestion-asbl/questions/qui-decide.yaml", "modules/gestion-asbl/01-asbl-en-belgique.ipynb"),
    ("modules/citoyennete/questions/07-diagnostic-territoire.yaml", "modules/citoyennete/diagnostic-territoire.ipynb"),
    ("modules/droit-etrangers/questions/parcours-integration.yaml", "modules/droit-etrangers/01-parcours-integration.ipynb"),
])
def test_une_question_connue_est_rattachee_a_sa_seance(index, fichier, seance):
    question = quiz.charger_questions(RACINE / fichier).questions[0]
    r = index.chercher(question.question)
    trouvee = next(e for e in r.questions if e.titre == question.question)
    assert trouvee.seances[0].chemin == seance
    html = recherche.html_resultats(r)
    assert f'<a href="{seance}">' in html
    # jamais la réponse : ni l'explication, ni le bon choix (quand il n'est pas un mot banal)
    assert question.explication not in html and escape(question.explication) not in html
    bon_choix = question.choix[question.reponse]
    if len(bon_choix) > 40:
        assert bon_choix not in html and escape(bon_choix) not in html


def test_une_seance_par_un_mot_de_ses_objectifs(index):
    asbl = next(s for m in catalogue.modules(RACINE) for s in m.seances if s.chemin == "modules/gestion-asbl/01-asbl-en-belgique.ipynb")
    assert "UBO" in " ".join(asbl.meta.objectifs) and "UBO" not in asbl.meta.titre
    r = index.chercher("ubo")
    assert asbl.chemin in _chemins(r.seances)
    html = recherche.html_resultats(r)
    assert '<li class="kit-resultat-seance"><a href="modules/gestion-asbl/01-asbl-en-belgique.ipynb">' in html
    assert "Objectif : Tenir à jour le registre UBO" in html


def test_accents_et_casse_ignores(index):
    sans = index.chercher("securite sociale")
    assert sans.total > 0
    assert any("sécurité sociale" in e.titre for e in sans.questions)
    for variante in ("Sécurité Sociale", "SÉCURITÉ SOCIALE", "sécurite sociale"):
        assert index.chercher(variante) == recherche.Resultats(variante, sans.mots, sans.seances, sans.glossaire, sans.questions)
    assert recherche.mots("L'Œuvre, SÉCURITÉ & Trésorerie") == ["l", "oeuvre", "securite", "tresorerie"]


def test_le_debut_d_un_mot_suffit(index):
    r = index.chercher("regroup")
    termes = [e.titre for e in r.glossaire]
    assert {"Regroupement familial", "Regroupant", "Regroupé"} <= set(termes)
    assert "modules/droit-etrangers/03-regroupement-familial.ipynb" in _chemins(r.seances)
    # un début de mot, pas un morceau au milieu : « groupement » ne trouve pas « regroupement »
    assert "Regroupement familial" not in [e.titre for e in index.chercher("groupement").glossaire]


def test_chaque_mot_doit_apparaitre(index):
    seul = index.chercher("carte")
    deux = index.chercher("carte orange")
    assert 0 < deux.total < seul.total
    assert all(" orange" in e.cherchable_titre + e.cherchable_corps for e in deux.glossaire)


def test_le_titre_passe_avant_le_texte(index):
    r = index.chercher("regroupement")
    assert r.glossaire[0].titre == "Regroupement familial"
    rangs = [0 if " regroupement" in e.cherchable_titre else 1 for e in r.glossaire]
    assert rangs == sorted(rangs) and rangs[-1] == 1, "des termes qui n'en parlent que dans leur définition viennent après"


@pytest.mark.parametrize("requete", ["", "   ", "!!! … «»"])
def test_requete_vide(index, requete):
    r = index.chercher(requete)
    assert r.total == 0 and not r.mots
    html = recherche.html_resultats(r)
    assert "Tapez un mot" in html and "kit-resultat" not in html


def test_aucun_resultat_un_message_qui_aide(index):
    r = index.chercher("zzqqxx")
    assert r.total == 0
    html = recherche.html_resultats(r)
    assert "Aucun résultat pour « zzqqxx »" in html
    assert "plus court" in html and 'role="status"' in html


def test_au_plus_huit_par_groupe(index):
    r = index.chercher("carte")
    assert len(r.glossaire) > recherche.MAX_PAR_GROUPE
    html = recherche.html_resultats(r)
    glossaire = re.search(r'data-groupe="glossaire">(.*?)</section>', html).group(1)
    assert glossaire.count('<li class="kit-resultat-glossaire">') == recherche.MAX_PAR_GROUPE
    assert f"<h3>Glossaire ({len(r.glossaire)})</h3>" in glossaire
    assert f"et {len(r.glossaire) - recherche.MAX_PAR_GROUPE} autres : précisez la recherche." in glossaire


def test_html_echappe(index):
    r = index.chercher('<img src=x onerror="alert(1)"> regroup')
    html = recherche.html_resultats(r)
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    # un apostrophe des fichiers est échappé aussi
    assert "d&#x27;" in recherche.html_resultats(index.chercher("regroupement"))


def test_le_widget_se_met_a_jour_a_chaque_frappe():
    boite = recherche.afficher(RACINE)
    assert "kit-recherche" in boite._dom_classes
    _style, champ, zone = boite.children
    assert "kit-recherche-champ" in champ._dom_classes and "kit-recherche-resultats" in zone._dom_classes
    assert champ.description == recherche.ETIQUETTE and champ.continuous_update
    assert "Tapez un mot" in zone.value
    champ.value = "tresor"
    assert "Séances (" in zone.value and "Questions de quiz (" in zone.value
    champ.value = "regroupant"
    assert "Glossaire (" in zone.value and "kit-resultat-glossaire" in zone.value


# --- Un faux kit : rien n'est tenu à la main -------------------------------------------------------

def _carnet(dossier: Path, nom: str, numero: int, titre: str, objectifs: list[str], cellules: list[str | tuple[str, list[str]]]) -> None:
    cells = []
    for i, c in enumerate(cellules):
        source, tags = (c, []) if isinstance(c, str) else c
        cells.append({"cell_type": "code", "id": f"c{i}", "metadata": {"tags": tags} if tags else {}, "execution_count": None,
                      "outputs": [], "source": source})
    kit = {"module": dossier.name, "numero": numero, "titre": titre, "public": ["bénévoles"], "cibles": ["associations"],
           "duree_minutes": 60, "objectifs": objectifs}
    (dossier / nom).write_text(json.dumps({"cells": cells, "metadata": {"kit": kit}, "nbformat": 4, "nbformat_minor": 5},
                                          ensure_ascii=False), encoding="utf-8")


def _question(ident: str, texte: str, reponse: str = "Oui") -> str:
    return (f'  - id: {ident}\n    question: "{texte}"\n    choix: ["{reponse}", "Non"]\n    reponse: 0\n'
            f'    explication: "Parce que {reponse.lower()} (explication secrète)."\n    source: "Source inventée pour le test"\n')


@pytest.fixture
def faux_kit(tmp_path):
    module = tmp_path / "modules" / "zeta"
    (module / "questions").mkdir(parents=True)
    (module / "module.yaml").write_text("titre: Module Zêta\nresume: Un module inventé.\npublics: [tous]\n", encoding="utf-8")
    (module / "glossaire.yaml").write_text(
        'titre: "Glossaire — Zêta"\ntermes:\n'
        '  - terme: "Brimborion"\n    definition: "Objet de peu de valeur, souvent rangé avec un **zorglub**."\n    source: "Test"\n'
        '  - terme: "Zorglub"\n    variantes: ["zorglubs"]\n    definition: "Machine <img src=x onerror=alert(1)> à trier les brimborions."\n    source: "Test"\n',
        encoding="utf-8")
    (module / "questions" / "bidules.yaml").write_text(
        'titre: "Quiz — Bidules"\nquestions:\n' + _question("b1", "Faut-il déclarer un zorglub à la mairie ?", "Oui, toujours au guichet"),
        encoding="utf-8")
    (module / "questions" / "alias.yaml").write_text(
        'titre: "Quiz — Alias"\nquestions:\n' + _question("a1", "Le trombinoscope sécurisé est-il obligatoire ?"), encoding="utf-8")
    (module / "questions" / "secret.yaml").write_text(
        'titre: "Réservé au formateur"\nquestions:\n' + _question("s1", "Question confidentielle sur le grimoire ?"), encoding="utf-8")
    (module / "questions" / "casse.yaml").write_text(
        'titre: "Quiz cassé"\nquestions:\n  - id: c1\n    question: "Quelle est la couleur du flibustier ?\n    choix: [a, b]\n',
        encoding="utf-8")
    _carnet(module, "01-premiere.ipynb", 1, "Les zorglubs au quotidien", ["Ranger un brimborion sans le casser"], [
        "mode = \"apprenant\"",
        "from widgets.ui import glossaire, quiz",
        "glossaire.afficher()",
        "quiz.afficher(\"questions/bidules.yaml\")",
        ("quiz.afficher(\"questions/secret.yaml\")", ["notes-formateur"]),
    ])
    _carnet(module, "02-seconde.ipynb", 2, "Le trombinoscope", ["Tenir un registre à jour"], [
        "%matplotlib inline\nfrom widgets.ui import quiz as q",
        "q.afficher(chemin=\"questions/alias.yaml\")",
        "q.afficher(\"questions/casse.yaml\")",
    ])
    return tmp_path


def test_faux_kit_tout_vient_des_fichiers(faux_kit):
    idx = recherche.construire_index(faux_kit)
    assert [e.titre for e in idx.seances] == ["Séance 1 — Les zorglubs au quotidien", "Séance 2 — Le trombinoscope"]
    # une séance par son objectif, un terme par une variante, une question par un mot de son texte
    assert _chemins(idx.chercher("brimbor").seances) == ["modules/zeta/01-premiere.ipynb"]
    assert [e.titre for e in idx.chercher("zorglubs").glossaire] == ["Zorglub"]  # par sa variante
    r = idx.chercher("zorglub")
    assert [e.titre for e in r.glossaire] == ["Zorglub", "Brimborion"]  # le terme avant celui qui le cite
    assert r.glossaire[0].texte == "Machine <img src=x onerror=alert(1)> à trier les brimborions."
    assert [e.titre for e in idx.chercher("declarer zorglub").questions] == ["Faut-il déclarer un zorglub à la mairie ?"]
    assert _chemins(idx.chercher("declarer zorglub").questions) == ["modules/zeta/01-premiere.ipynb"]
    # l'import sous un autre nom et le chemin passé par son nom de paramètre sont suivis
    assert _chemins(idx.chercher("trombinoscope securise").questions) == ["modules/zeta/02-seconde.ipynb"]
    # le glossaire est affiché par la séance 1 seulement (appel sans argument : « glossaire.yaml »)
    assert [s.chemin for s in r.glossaire[0].seances] == ["modules/zeta/01-premiere.ipynb"]
    html = recherche.html_resultats(r)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "secrète" not in recherche.html_resultats(idx.chercher("zorglub"))


def test_faux_kit_une_cellule_cachee_n_est_pas_indexee(faux_kit):
    idx = recherche.construire_index(faux_kit)
    assert idx.chercher("grimoire").total == 0
    assert idx.non_affiches == ("modules/zeta/questions/secret.yaml",)


def test_faux_kit_yaml_invalide_signale_sans_casser_le_reste(faux_kit):
    (faux_kit / "modules" / "zeta" / "glossaire.yaml").write_text('titre: "Glossaire"\ntermes:\n  - terme: [Zorglub\n', encoding="utf-8")
    idx = recherche.construire_index(faux_kit)
    assert len(idx.problemes) == 2
    quiz_casse = next(p for p in idx.problemes if "casse.yaml" in p)
    assert quiz_casse.startswith("modules/zeta/questions/casse.yaml, ligne ")
    assert "YAML illisible" in quiz_casse and str(faux_kit) not in quiz_casse
    gloss = next(p for p in idx.problemes if "glossaire.yaml" in p)
    assert re.search(r"glossaire\.yaml, ligne \d+", gloss)
    # le reste est cherché normalement
    assert idx.chercher("flibustier").total == 0
    assert idx.chercher("trombinoscope").questions and idx.chercher("declarer zorglub").questions
    assert idx.chercher("zorglubs").seances and not idx.chercher("zorglubs").glossaire
    # et la page le dit, en français, avec le fichier et la ligne
    boite = recherche.afficher(faux_kit)
    assert "Certains fichiers n'ont pas pu être lus" in boite.children[0].value
    assert "modules/zeta/questions/casse.yaml, ligne " in boite.children[0].value


def test_faux_kit_fichier_affiche_mais_absent(faux_kit):
    (faux_kit / "modules" / "zeta" / "questions" / "alias.yaml").unlink()
    idx = recherche.construire_index(faux_kit)
    assert "modules/zeta/02-seconde.ipynb affiche le fichier modules/zeta/questions/alias.yaml, qui est introuvable." in idx.problemes
    assert idx.chercher("zorglub").questions


def test_index_en_cache_et_relu_quand_un_fichier_change(faux_kit):
    premier = recherche.index(faux_kit)
    assert recherche.index(faux_kit) is premier
    bidules = faux_kit / "modules" / "zeta" / "questions" / "bidules.yaml"
    bidules.write_text(bidules.read_text(encoding="utf-8") + _question("b2", "Un hippocampe peut-il voter ?"), encoding="utf-8")
    os.utime(bidules, ns=(bidules.stat().st_mtime_ns + 10**9,) * 2)
    nouveau = recherche.index(faux_kit)
    assert nouveau is not premier and nouveau.chercher("hippocampe").questions


def test_kit_sans_dossier_modules(tmp_path):
    idx = recherche.construire_index(tmp_path)
    assert idx.chercher("zorglub").total == 0
    assert idx.problemes and "séances ne peuvent pas être lues" in idx.problemes[0]


def test_definition_courte():
    longue = "Première phrase assez longue pour compter, avec **du gras**. " * 3 + "Fin."
    courte = recherche.definition_courte(longue, 130)
    assert courte == "Première phrase assez longue pour compter, avec du gras. Première phrase assez longue pour compter, avec du gras."
    sans_point = recherche.definition_courte("mot " * 100, 50)
    assert len(sans_point) <= 51 and sans_point.endswith("mot…")
    assert recherche.definition_courte("Court & <b>net</b>.") == "Court & <b>net</b>."  # le HTML brut reste du texte
