"""Les fiches imprimables des séances (``make fiches``) : chaque séance du catalogue donne une page
HTML autonome, sans code, avec « À retenir », les sources, le quiz (réponses en fin de fiche) et les
textes clés ; ni notes du formateur ni corrigés, sauf en version formateur ; la ligne de commande
produit un vrai PDF et refuse une séance inconnue ou une sortie sous ``datasets/``.

Les attendus sont lus dans les carnets et les fichiers YAML eux-mêmes (expressions régulières sur
les cellules, chargement des fichiers), pas dans le code qui produit les fiches."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from widgets import catalogue, fiches, imprimer
from widgets.ui import glossaire, langage, quiz

RACINE = Path(__file__).resolve().parent.parent
SEANCES = [s for m in catalogue.modules() for s in m.seances]
IDS = [s.chemin for s in SEANCES]
JOUR = dt.date(2026, 11, 30)
RESERVEES = ("notes-formateur", "solution")
# Les appels qu'une fiche traduit elle-même ; tout autre appel devient une « activité interactive ».
TRADUITS = re.compile(r"^\s*(seance\.(preparer|conclure)|langage\.(bascule|encadre)|quiz\.afficher|glossaire\.afficher)\(")
PNG_1PX = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _plat(texte: str) -> str:
    return " ".join(texte.split())


def _texte(html: str) -> str:
    return _plat(BeautifulSoup(html, "html.parser").get_text(" "))


def _cellules(chemin: str) -> list[dict]:
    cellules = json.loads((RACINE / chemin).read_text(encoding="utf-8"))["cells"]
    for c in cellules:
        c["texte"] = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        c["tags"] = set(c.get("metadata", {}).get("tags", []))
    return cellules


def _code(chemin: str) -> str:
    return "\n".join(c["texte"] for c in _cellules(chemin) if c["cell_type"] == "code" and "parameters" not in c["tags"])


@lru_cache(maxsize=None)
def _fiche(chemin: str, formateur: bool = False) -> BeautifulSoup:
    return BeautifulSoup(fiches.fiche_html(RACINE / chemin, formateur, JOUR).html, "html.parser")


def _avant_et_apres_reponses(soupe: BeautifulSoup) -> tuple[str, str]:
    """Le texte de la fiche avant la section « Réponses du quiz », et celui de cette section."""
    copie = BeautifulSoup(str(soupe), "html.parser")
    section = copie.select_one("section.kit-reponses")
    reponses = _plat(section.get_text(" ")) if section else ""
    if section:
        section.decompose()
    return _plat(copie.get_text(" ")), reponses


def _paragraphes(markdown: str) -> list[str]:
    """Les paragraphes d'une cellule, en texte (au moins 40 caractères : assez pour être distinctifs)."""
    soupe = BeautifulSoup(fiches.markdown_html(markdown), "html.parser")
    return [t for t in (_plat(p.get_text(" ")) for p in soupe.find_all(["p", "li"])) if len(t) >= 40]


# --- Les séances elles-mêmes --------------------------------------------------------------------

@pytest.mark.parametrize("chemin", IDS)
def test_chaque_seance_a_a_retenir_et_sources(chemin):
    titres = [ligne.strip() for c in _cellules(chemin) if c["cell_type"] == "markdown" and not c["tags"] & set(RESERVEES)
              for ligne in c["texte"].splitlines() if ligne.startswith("#")]
    assert "## À retenir" in titres, f"{chemin} : pas de section « À retenir »"
    assert "## Sources" in titres, f"{chemin} : pas de section « Sources »"


def test_le_catalogue_a_des_seances_dans_chaque_module():
    assert len(SEANCES) >= 20
    assert {s.meta.module for s in SEANCES} == {m.dossier for m in catalogue.modules()}


# --- Une fiche par séance -----------------------------------------------------------------------

@pytest.mark.parametrize("chemin", IDS)
def test_en_tete_sections_et_pied(chemin):
    meta = catalogue.lire_seance(RACINE / chemin)
    soupe = _fiche(chemin)
    assert meta.titre in soupe.h1.get_text()
    assert soupe.title.get_text() == f"Séance {meta.numero} — {meta.titre}"
    entete = _plat(soupe.select_one("header.kit-fiche-entete").get_text(" "))
    for objectif in meta.objectifs:
        assert _plat(objectif) in entete
    assert ", ".join(meta.public) in entete
    titres = [_plat(h.get_text()) for h in soupe.find_all("h2")]
    assert "À retenir" in titres and "Sources" in titres
    assert len(soupe.find_all("h1")) == 1, "le titre du carnet ne doit pas s'ajouter à celui de la fiche"
    pied = _plat(soupe.select_one("footer.kit-pied").get_text(" "))
    assert "30 novembre 2026" in pied and "fictives" in pied and "données fictives" in pied
    assert "vérifiez" in pied and "licence MIT" in pied and chemin in pied
    # autonome : ni script, ni feuille de style, ni image chargés d'ailleurs
    assert not soupe.find("script") and not soupe.find("link")
    assert all(img["src"].startswith("data:") for img in soupe.find_all("img"))


@pytest.mark.parametrize("chemin", IDS)
def test_aucun_code(chemin):
    texte = _plat(_fiche(chemin).get_text(" "))
    assert not re.search(r"\bimport\s+\w", texte)
    assert "from widgets" not in texte and "seance." not in texte and "mode = " not in texte
    assert not re.search(r"\b\w+\.(afficher|encadre|bascule|preparer|conclure|cas_pratiques)\(", texte)
    assert not _fiche(chemin).find("pre")


@pytest.mark.parametrize("chemin", IDS)
def test_notes_du_formateur_et_corriges_seulement_en_version_formateur(chemin):
    reservees = [c for c in _cellules(chemin) if c["tags"] & set(RESERVEES)]
    assert any("notes-formateur" in c["tags"] for c in reservees), f"{chemin} : pas de notes du formateur"
    apprenants = _plat(_fiche(chemin).get_text(" "))
    formateur = _fiche(chemin, formateur=True)
    texte_formateur = _plat(formateur.get_text(" "))
    for cellule in reservees:
        paragraphes = _paragraphes(cellule["texte"])
        assert paragraphes
        for p in paragraphes:
            assert p in texte_formateur
            assert p not in apprenants, f"{chemin} : texte réservé au formateur dans la fiche des apprenants : {p[:80]}"
    encadres = formateur.select("aside.kit-formateur")
    assert len(encadres) == len(reservees)
    assert all("réservé au formateur" in e.get_text() for e in encadres)
    assert formateur.select_one(".kit-version-formateur") and not _fiche(chemin).select_one(".kit-version-formateur")


@pytest.mark.parametrize("chemin", IDS)
def test_quiz_questions_dans_la_fiche_reponses_a_la_fin(chemin):
    fichiers = re.findall(r"quiz\.afficher\(\s*[\"']([^\"']+)[\"']", _code(chemin))
    assert fichiers, f"{chemin} : aucun quiz"
    soupe = _fiche(chemin)
    avant, reponses = _avant_et_apres_reponses(soupe)
    assert reponses.startswith("Réponses du quiz")
    assert "kit-reponses" in soupe.article.find_all(recursive=False)[-1]["class"]  # la dernière section de la fiche
    for fichier in fichiers:
        banque = quiz.charger_questions((RACINE / chemin).parent / fichier)
        assert banque.titre in avant and banque.titre in reponses
        for q in banque.questions:
            assert _plat(q.question) in avant
            assert all(_plat(c) in avant for c in q.choix)
            assert _plat(q.explication) in reponses and _plat(q.explication) not in avant
            assert _plat(q.source) in reponses
            assert f"{'ABCDEFGH'[q.reponse]}. {_plat(q.choix[q.reponse])}" in reponses
    assert len(soupe.select(".kit-question")) == sum(len(quiz.charger_questions((RACINE / chemin).parent / f).questions) for f in fichiers)
    assert len(soupe.select(".kit-question .kit-case")) == sum(len(q.select(".kit-choix li")) for q in soupe.select(".kit-question"))


@pytest.mark.parametrize("chemin", IDS)
def test_textes_cles_glossaire_et_activites(chemin):
    code = _code(chemin)
    soupe = _fiche(chemin)
    texte = _plat(soupe.get_text(" "))
    for fichier, ident in re.findall(r"langage\.encadre\(\s*[\"']([^\"']+)[\"']\s*,\s*[\"']([^\"']+)[\"']", code):
        cle = langage.charger((RACINE / chemin).parent / fichier).texte(ident)
        encadre = soupe.select_one(f'.kit-texte-cle[data-texte="{ident}"]')
        assert encadre is not None, f"{chemin} : texte clé « {ident} » absent"
        contenu = _plat(encadre.get_text(" "))
        assert cle.titre in contenu and _texte(langage.en_html(cle.courant)) in contenu
        assert _texte(langage.en_html(cle.simplifie)) not in texte  # la version courante seulement
    if re.search(r"glossaire\.afficher\(", code):
        renvoi = soupe.select_one(".kit-glossaire-renvoi")
        assert renvoi is not None and "glossaire" in renvoi.get_text()
    autres = [ligne for ligne in code.splitlines() if re.match(r"^\s*\w+\.\w+\(", ligne) and not TRADUITS.match(ligne)]
    activites = soupe.select(".kit-activite")
    assert len(activites) == len(autres), f"{chemin} : {len(autres)} activités interactives, {len(activites)} encadrés"
    for a in activites:
        contenu = _plat(a.get_text(" "))
        assert "Activité interactive dans le kit" in contenu and chemin in contenu
        assert re.search(r"Activité « [^»]+ »", contenu), "l'activité doit être nommée par le titre qui la précède"


def test_un_texte_cle_de_la_citoyennete_en_encadre():
    chemin = "modules/citoyennete/01-belgique-federale.ipynb"
    cle = langage.charger(RACINE / "modules/citoyennete/textes/01-belgique-federale.yaml").texte("etat-federal")
    encadre = _fiche(chemin).select_one('.kit-encadre.kit-texte-cle[data-texte="etat-federal"]')
    assert encadre.h4.get_text() == "Un État fédéral" == cle.titre
    assert "article 1er de la Constitution" in encadre.get_text()
    assert "Cela veut dire : il y a plusieurs niveaux de pouvoir" not in _fiche(chemin).get_text()  # version simplifiée


def test_le_glossaire_n_est_pas_recopie():
    chemin = "modules/droit-etrangers/01-parcours-integration.ipynb"
    termes = glossaire.charger(RACINE / "modules/droit-etrangers/glossaire.yaml").termes
    assert len(termes) > 20
    texte = _plat(_fiche(chemin).get_text(" "))
    assert f"{len(termes)} termes" in texte
    recopiees = [t.terme for t in termes if _texte(langage.en_html(t.definition)) in texte]
    assert not recopiees


def test_l_activite_est_nommee_par_sa_section():
    soupe = _fiche("modules/droit-etrangers/01-parcours-integration.ipynb")
    noms = [_plat(a.get_text(" ")) for a in soupe.select(".kit-activite")]
    assert any("« Le simulateur : la personne doit-elle suivre le parcours ? »" in n for n in noms)
    assert any("« Cas pratiques : à vous de décider »" in n for n in noms)


# --- Le Markdown : HTML échappé, tableaux, images intégrées ---------------------------------------

def _carnet(dossier: Path, cellules: list[dict], nom: str = "01-essai.ipynb") -> Path:
    meta = {"module": "essai", "numero": 1, "titre": "Séance d'essai", "public": ["formateurs"], "duree_minutes": 60,
            "objectifs": ["Vérifier les fiches"], "cibles": ["fle"]}
    carnet = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kit": meta}, "cells": cellules}
    chemin = dossier / nom
    chemin.write_text(json.dumps(carnet), encoding="utf-8")
    return chemin


def _md(texte: str, tags: list[str] | None = None, **autres) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": tags or []}, "source": texte, **autres}


def _py(texte: str, tags: list[str] | None = None) -> dict:
    return {"cell_type": "code", "metadata": {"tags": tags or []}, "source": texte, "outputs": [], "execution_count": None}


def test_markdown_html_echappe_tableaux_images_integrees(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "carte.png").write_bytes(PNG_1PX)
    chemin = _carnet(tmp_path, [
        _py('mode = "apprenant"', ["parameters"]),
        _md("# Séance 1 — Séance d'essai\n\n<script>alert('x')</script> et <b>gras</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        _md("## Une carte\n\n![Carte du CRI](images/carte.png)\n\n![collée](attachment:c.png)\n\n![absente](images/rien.png)"
            "\n\n![hors du kit](../../../../etc/hosts.png)\n\n![distante](https://exemple.be/carte.png)",
            attachments={"c.png": {"image/png": base64.b64encode(PNG_1PX).decode()}}),
        _md("## À retenir\n\nUn point.\n\n## Sources\n\nUne source."),
    ])
    fiche = fiches.fiche_html(chemin, jour=JOUR)
    soupe = BeautifulSoup(fiche.html, "html.parser")
    assert not soupe.find("script") and not soupe.find("b")
    assert "<script>alert('x')</script>" in soupe.get_text()          # affiché tel quel, jamais interprété
    assert soupe.find("table") and [td.get_text() for td in soupe.find_all("td")] == ["1", "2"]
    images = soupe.find_all("img")
    assert [i["alt"] for i in images] == ["Carte du CRI", "collée"]
    assert all(i["src"] == "data:image/png;base64," + base64.b64encode(PNG_1PX).decode() for i in images)
    assert "Image introuvable : images/rien.png" in soupe.get_text()
    assert "Image introuvable : ../../../../etc/hosts.png" in soupe.get_text()
    assert "[Image : distante — https://exemple.be/carte.png]" in soupe.get_text()
    assert len(fiche.avertissements) == 3 and any("images/rien.png" in a for a in fiche.avertissements)


def test_appels_resolus_par_leurs_imports():
    alias: dict[str, str] = {}
    assert [a.nom for a in fiches.appels("from widgets.ui import quiz as q\nq.afficher('x.yaml')", alias)] == ["widgets.ui.quiz.afficher"]
    assert fiches.appels("q.afficher('y.yaml')", alias)[0].arguments == ["y.yaml"]   # l'import d'une cellule précédente
    assert fiches.appels("import widgets.ui.langage\nwidgets.ui.langage.encadre('t.yaml', 'id')", {})[0].nom == fiches.ENCADRE
    assert fiches.appels("quiz.afficher(chemin)", {"quiz": "widgets.ui.quiz"})[0].arguments == [None]
    assert fiches.appels("x = (", {})[0].nom == "?"


def test_un_appel_inconnu_ou_un_quiz_calcule_devient_une_activite(tmp_path):
    chemin = _carnet(tmp_path, [
        _md("## Le jeu des cartes"),
        _py("from widgets.ui import quiz\nquiz.afficher(FICHIER)\nimport os"),
        _md("## Sources"),
    ])
    soupe = BeautifulSoup(fiches.fiche_html(chemin, jour=JOUR).html, "html.parser")
    assert len(soupe.select(".kit-activite")) == 1 and "« Le jeu des cartes »" in soupe.select_one(".kit-activite").get_text()
    assert not soupe.select(".kit-reponses")


def test_un_quiz_ou_un_texte_cle_casse_est_signale(tmp_path):
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "q.yaml").write_text("titre: Quiz\nquestions: []\n", encoding="utf-8")
    chemin = _carnet(tmp_path, [
        _py('from widgets.ui import quiz, langage\nquiz.afficher("questions/q.yaml")\nlangage.encadre("textes/absent.yaml", "x")'),
    ])
    fiche = fiches.fiche_html(chemin, jour=JOUR)
    erreurs = BeautifulSoup(fiche.html, "html.parser").select(".kit-erreur")
    assert len(erreurs) == 2 and len(fiche.avertissements) == 2
    assert "q.yaml" in erreurs[0].get_text() and "absent.yaml" in erreurs[1].get_text()


# --- Production, sommaire et ligne de commande ----------------------------------------------------

def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "widgets.fiches", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_sommaire_par_module_avec_les_deux_versions(tmp_path):
    choisies = fiches.choisir(["modules/citoyennete/01-belgique-federale.ipynb"], ["gestion-asbl"])
    assert choisies[0].name == "01-asbl-en-belgique.ipynb" and choisies[-1].name == "01-belgique-federale.ipynb"
    bilan = fiches.produire(choisies, tmp_path, pdf=False, jour=JOUR, dire=lambda _m: None)
    fiches.produire(choisies[-1:], tmp_path, formateur=True, pdf=False, jour=JOUR, dire=lambda _m: None)
    assert len(bilan.html) == len(choisies) and not bilan.pdf and not bilan.echecs
    soupe = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s["data-module"] for s in soupe.select("section[data-module]")] == ["citoyennete", "gestion-asbl"]
    liens = {a["href"] for a in soupe.find_all("a")}
    assert "citoyennete/01-belgique-federale.html" in liens and "citoyennete/01-belgique-federale-formateur.html" in liens
    assert all((tmp_path / h).is_file() for h in liens)
    assert "version formateur" in soupe.select_one('li[data-seance="modules/citoyennete/01-belgique-federale.ipynb"]').get_text()


def test_cli_une_seance_produit_un_vrai_pdf(tmp_path):
    if imprimer.navigateur() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium est introuvable : .ci/run doit l'installer (apt-get install chromium).")
        pytest.skip("aucun navigateur Chromium : le PDF ne peut pas être produit ici.")
    r = _cli("--seance", "modules/gestion-asbl/04-obligations-comptables.ipynb", "--sortie", str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    html, pdf = tmp_path / "gestion-asbl" / "04-obligations-comptables.html", tmp_path / "gestion-asbl" / "04-obligations-comptables.pdf"
    assert html.is_file() and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="gestion-asbl/04-obligations-comptables.html"' in index and 'href="gestion-asbl/04-obligations-comptables.pdf"' in index
    assert "Bilan : 1 fiche HTML et 1 PDF produits en" in r.stdout and str(tmp_path) in r.stdout


def test_cli_sans_navigateur_le_html_est_produit_et_le_message_dit_une_fois(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(imprimer.VARIABLE, str(tmp_path / "pas-de-navigateur"))
    assert fiches.main(["--module", "gestion-asbl", "--sortie", str(tmp_path)]) == 0
    sortie = capsys.readouterr().out
    n = len(list((tmp_path / "gestion-asbl").glob("*.html")))
    assert n == len(next(m for m in catalogue.modules() if m.dossier == "gestion-asbl").seances) >= 2
    assert not list(tmp_path.rglob("*.pdf"))
    assert sortie.count(imprimer.SANS_NAVIGATEUR) == 1
    assert f"Bilan : {n} fiches HTML et 0 PDF" in sortie and f"{n} PDF n'ont pas pu être produits" in sortie


@pytest.mark.parametrize("demande, attendu", [
    ("modules/droit-etrangers/99-inexistante.ipynb", "Séance introuvable : « modules/droit-etrangers/99-inexistante.ipynb »"),
    ("modules/citoyennete/01-belgique-federal.ipynb", "Vouliez-vous dire : modules/citoyennete/01-belgique-federale.ipynb"),
    ("modules/citoyennete/passeport-commune.ipynb", "« modules/citoyennete/passeport-commune.ipynb » n'est pas une séance"),
    ("modules/citoyennete/module.yaml", "« modules/citoyennete/module.yaml » n'est pas une séance"),
    ("modules/citoyennete", "« modules/citoyennete » est un dossier, pas une séance"),
])
def test_cli_seance_inconnue(tmp_path, capsys, demande, attendu):
    sortie = tmp_path / "fiches"
    assert fiches.main(["--seance", "modules/droit-etrangers/01-parcours-integration.ipynb", demande, "--sortie", str(sortie)]) == 2
    assert attendu in capsys.readouterr().err
    assert not sortie.exists()  # rien n'est produit à moitié


def test_cli_module_inconnu(tmp_path, capsys):
    assert fiches.main(["--module", "droit-etranger", "--sortie", str(tmp_path / "f")]) == 2
    erreur = capsys.readouterr().err
    assert "Module inconnu : « droit-etranger »" in erreur and "droit-etrangers" in erreur


@pytest.mark.parametrize("sortie", ["datasets", "datasets/fiches", "modules/citoyennete/fiches"])
def test_cli_sortie_sous_datasets_ou_modules_refusee(sortie, capsys, monkeypatch):
    monkeypatch.chdir(RACINE)
    assert fiches.main(["--seance", "modules/citoyennete/01-belgique-federale.ipynb", "--sans-pdf", "--sortie", sortie]) == 2
    assert f"ne peut pas être dans {sortie.split('/')[0]}/" in capsys.readouterr().err
    assert not (RACINE / sortie / "index.html").exists() and not (RACINE / sortie / "citoyennete").exists()
    assert sortie.count("/") == 0 or not (RACINE / sortie).exists()


def test_cli_option_inconnue_en_francais(capsys):
    with pytest.raises(SystemExit) as fin:
        fiches.main(["--pdf-seulement"])
    assert fin.value.code == 2 and "Erreur :" in capsys.readouterr().err
