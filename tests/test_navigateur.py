"""Le kit dans un vrai navigateur : Voilà démarré par le test sur 127.0.0.1, Chromium de Debian
sans tête piloté par Playwright (jamais « playwright install »), un formulaire rempli, la décision
relue. On attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import json
import urllib.request

import pytest
from conftest import _arreter, _demarrer_voila, ouvrir
from playwright.sync_api import expect

from widgets import catalogue

SEANCE = "voila/render/modules/droit-etrangers/01-parcours-integration.ipynb"

pytestmark = pytest.mark.navigateur


def test_une_erreur_ne_montre_aucune_trace_python(tmp_path):
    """Une cellule qui échoue : ni trace d'erreur ni source envoyées, un message en français."""
    carnet = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
              "cells": [{"cell_type": "code", "id": "a1", "metadata": {}, "execution_count": None, "outputs": [],
                         "source": "donnee_secrete = 42\n1 / 0"}]}
    (tmp_path / "erreur.ipynb").write_text(json.dumps(carnet), encoding="utf-8")
    proc, base = _demarrer_voila(tmp_path)
    try:
        page_html = urllib.request.urlopen(f"{base}/voila/render/erreur.ipynb", timeout=120).read().decode("utf-8")
    finally:
        _arreter(proc)
    assert "ZeroDivisionError" not in page_html and "Traceback" not in page_html
    assert "donnee_secrete" not in page_html
    assert "signalez-le à la personne qui anime la formation" in page_html


def test_page_d_accueil_et_catalogue(page, voila):
    ouvrir(page, f"{voila}/", ".kit-catalogue")
    assert page.url.endswith("/voila/render/index.ipynb")
    expect(page.locator(".kit-module")).to_have_count(4)
    lien = page.locator(".kit-seance-disponible a", has_text="Le parcours d'intégration")
    expect(lien).to_be_visible()
    modules = catalogue.modules()
    expect(page.locator(".kit-seance-disponible")).to_have_count(sum(len(m.seances) for m in modules))
    assert page.locator(".kit-seance-annoncee").count() == sum(
        1 for m in modules for a in m.meta.seances_annoncees if a.numero not in {s.meta.numero for s in m.seances})
    lien.click()
    page.wait_for_selector(".kit-simulateur-parcours", state="attached", timeout=90_000)
    assert page.url.endswith(SEANCE)


def test_seance_persona_puis_formulaire(page, voila):
    ouvrir(page, f"{voila}/{SEANCE}", ".kit-persona")
    contenu = page.content()
    assert "from widgets" not in contenu, "les sources ne doivent pas être envoyées"
    assert "Notes pour le formateur" not in contenu, "les notes du formateur ne doivent pas être montrées aux apprenants"
    assert "Traceback" not in contenu

    # Un exemple projeté : la décision, le CRI, la carte et la frise apparaissent.
    page.locator(".kit-persona", has_text="Amina").click()
    decision = page.locator('.kit-decision[data-statut="obligatoire"]')
    expect(decision).to_be_visible(timeout=30_000)
    expect(decision).to_contain_text("Référence")
    expect(page.locator('.kit-carte-cri[data-cri="CRIC"]')).to_contain_text("CRI Charleroi")
    expect(page.locator(".kit-chronologie")).to_contain_text("Date limite pour obtenir l'attestation")
    expect(page.locator(".kit-carte iframe")).to_have_count(1)
    expect(page.locator(".kit-bureaux")).to_contain_text("CRI Charleroi (siège)")

    # Le formulaire rempli à la main : une Italienne n'est pas concernée.
    page.locator(".kit-champ-nationalite select").select_option(label="Italie (IT)")
    expect(page.locator('.kit-decision[data-statut="non_concerne"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-decision")).to_contain_text("Union européenne")

    # Domiciliée à Eupen : autre entité.
    page.locator(".kit-champ-nationalite select").select_option(label="Maroc (MA)")
    commune = page.locator(".kit-champ-commune input")
    commune.fill("Eupen")
    commune.press("Tab")
    expect(page.locator('.kit-decision[data-statut="autre_entite"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-decision")).to_contain_text("Communauté germanophone")

    # Une date dans le futur : le message est à côté du champ, la page reste utilisable.
    commune.fill("Mons")
    commune.press("Tab")
    expect(page.locator('.kit-decision[data-statut="obligatoire"]')).to_be_visible(timeout=30_000)
    page.locator(".kit-champ-date-naissance input").fill("2099-05-01")
    page.locator(".kit-champ-date-naissance input").press("Tab")
    expect(page.locator(".kit-erreur-date-naissance")).to_contain_text("dans le futur", timeout=30_000)
    expect(page.locator(".kit-attente")).to_contain_text("Corrigez")
    page.locator(".kit-persona", has_text="Olena").click()
    expect(page.locator('.kit-decision[data-statut="dispense"]')).to_contain_text("protection temporaire", timeout=30_000)
    expect(page.locator(".kit-erreur-date-naissance")).to_be_empty()


def test_cas_pratique_et_quiz(page, voila):
    ouvrir(page, f"{voila}/{SEANCE}", ".kit-quiz")
    cas = page.locator(".kit-cas-bloc")
    cas.locator("input[type=radio]").first.check()
    cas.locator(".kit-cas-verifier").click()
    expect(cas.locator(".kit-cas-retour")).to_contain_text("réponse", timeout=30_000)
    question = page.locator(".kit-quiz-bloc").first
    question.locator("input[type=radio]").first.check()
    question.locator(".kit-quiz-verifier").click()
    expect(question.locator(".kit-quiz-retour")).to_contain_text("Source", timeout=30_000)
    expect(page.locator(".kit-quiz-score")).to_contain_text("1 question vérifiée")
    page.locator(".kit-quiz-suivant").click()
    expect(page.locator(".kit-quiz-position")).to_contain_text("Question 2 / 18")
    expect(question.locator(".kit-quiz-retour")).to_be_empty()
    page.locator(".kit-quiz-precedent").click()
    expect(question.locator(".kit-quiz-retour")).to_contain_text("Source")


def test_noyau_libere_bandeau_en_francais_et_rechargement(page, voila):
    """Un noyau arrêté (inactivité, redémarrage) : la page le dit et propose de recharger."""
    ouvrir(page, f"{voila}/{SEANCE}", ".kit-persona")
    noyau = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    urllib.request.urlopen(urllib.request.Request(f"{voila}/api/kernels/{noyau}", method="DELETE"), timeout=30)
    page.evaluate("window.kitVerifierNoyau()")  # la page vérifie d'elle-même toutes les 20 secondes
    bandeau = page.locator("#kit-noyau-perdu")
    expect(bandeau).to_be_visible(timeout=30_000)
    expect(bandeau).to_contain_text("Cette page est en pause")
    page.locator(".kit-recharger").click()
    page.wait_for_selector(".kit-persona", state="visible", timeout=90_000)
    expect(page.locator("#kit-noyau-perdu")).to_have_count(0)
    page.locator(".kit-persona", has_text="Amina").click()
    expect(page.locator('.kit-decision[data-statut="obligatoire"]')).to_be_visible(timeout=30_000)


def test_saisies_absurdes_la_page_reste_utilisable(page, voila):
    ouvrir(page, f"{voila}/{SEANCE}", ".kit-persona")
    dialogues = []
    page.on("dialog", lambda d: (dialogues.append(d.message), d.dismiss()))
    commune = page.locator(".kit-champ-commune input")
    for texte in ["<img src=x onerror=alert(1)>", "💥" * 50, "'; DROP TABLE communes; --", " ", "9" * 40]:
        commune.fill(texte)
        commune.press("Tab")
    mois = page.locator(".kit-champ-mois-emploi-mi-temps input")
    mois.fill("-99999999")
    mois.press("Tab")
    for champ in ("date-naissance", "date-debut-sejour", "date-titre-sejour", "date-reference"):
        entree = page.locator(f".kit-champ-{champ} input")
        entree.fill("0001-01-01")
        entree.press("Tab")
        entree.fill("9999-12-31")
        entree.press("Tab")
    page.locator(".kit-champ-nationalite select").select_option(label="Apatride ou nationalité indéterminée (XX)")
    expect(page.locator(".kit-erreur-commune")).to_contain_text("commune inconnue", timeout=30_000)
    assert not dialogues, f"du code a été exécuté dans la page : {dialogues}"
    assert "Traceback" not in page.content()
    # La page répond toujours : un exemple la remet d'aplomb.
    page.locator(".kit-persona", has_text="Amina").click()
    expect(page.locator('.kit-decision[data-statut="obligatoire"]')).to_be_visible(timeout=30_000)


def test_donnees_cassees_message_clair_et_le_reste_du_kit_sert(page, tmp_path):
    """Un communes.csv abîmé : la séance dit quel fichier, quelle ligne ; l'accueil s'affiche."""
    import shutil

    from conftest import RACINE

    for nom in ("communes.csv", "cri.csv", "bureaux.csv"):
        shutil.copy(RACINE / "datasets" / nom, tmp_path / nom)
    lignes = (tmp_path / "communes.csv").read_text(encoding="utf-8").splitlines()
    lignes[10] = lignes[10].replace("Région", "Regio", 1)
    (tmp_path / "communes.csv").write_text("\n".join(lignes) + "\n", encoding="utf-8")
    proc, base = _demarrer_voila(RACINE, "--VoilaConfiguration.preheat_kernel=False", env_en_plus={"KIT_DATASETS": str(tmp_path)})
    try:
        ouvrir(page, f"{base}/{SEANCE}", ".kit-erreur-fichier")
        expect(page.locator(".kit-erreur-fichier")).to_contain_text("communes.csv, ligne 11, colonne « region »")
        expect(page.locator(".kit-quiz")).to_be_visible()  # le reste de la séance est là
        ouvrir(page, f"{base}/", ".kit-catalogue")
        expect(page.locator(".kit-module")).to_have_count(4)
    finally:
        _arreter(proc)
