"""Le module « Droit des étrangers » dans un vrai navigateur : un simulateur ou un exercice par
séance (la séance 1 est dans test_navigateur.py). Voilà démarré par le test, Chromium sans tête ;
on attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import pytest
from conftest import ouvrir
from playwright.sync_api import expect

pytestmark = pytest.mark.navigateur


def _seance(nom: str) -> str:
    return f"voila/render/modules/droit-etrangers/{nom}.ipynb"


def _sans_fuite(page) -> None:
    contenu = page.content()
    assert "Traceback" not in contenu and "from widgets" not in contenu


def test_titres_exercice_et_glossaire(page, voila):
    ouvrir(page, f"{voila}/{_seance('02-titres-de-sejour')}", ".kit-titres-exercice .kit-titres-choix")
    _sans_fuite(page)
    exercice = page.locator(".kit-titres-exercice")
    expect(exercice.locator(".kit-titres-enonce")).to_contain_text("Oksana")
    exercice.locator(".kit-titres-choix label", has_text="protection temporaire").click()
    exercice.locator(".kit-titres-verifier").click()
    expect(exercice.locator(".kit-titres-retour")).to_contain_text("carte A", timeout=30_000)
    expect(exercice.locator(".kit-titres-score")).to_contain_text("1")

    # Le glossaire du module, ouvert et interrogé depuis la séance.
    glossaire = page.locator(".kit-glossaire-module")
    glossaire.get_by_text("termes)").first.click()
    recherche = glossaire.locator(".kit-glossaire-recherche input")
    recherche.fill("annexe 26")
    expect(glossaire.locator(".kit-glossaire dt").first).to_contain_text("Annexe 26", timeout=30_000)


def test_regroupement_seuil_date_et_persona(page, voila):
    ouvrir(page, f"{voila}/{_seance('03-regroupement-familial')}", ".kit-simulateur-regroupement .kit-persona")
    _sans_fuite(page)
    page.locator(".kit-simulateur-regroupement .kit-persona", has_text="Fatima").click()
    expect(page.locator('.kit-simulateur-regroupement .kit-decision[data-statut="a_verifier"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-seuil")).to_contain_text("2\u202f131,28")  # 120 % du RIS au 1er février 2025 (docs/faits-verifies.md § 4.1)
    page.locator(".kit-simulateur-regroupement .kit-persona", has_text="Dawit").click()
    expect(page.locator('.kit-simulateur-regroupement .kit-decision[data-statut="conditions_non_remplies"]')).to_be_visible(timeout=30_000)


def test_nationalite_cinq_voies(page, voila):
    ouvrir(page, f"{voila}/{_seance('04-nationalite-belge')}", ".kit-simulateur-nationalite .kit-persona")
    _sans_fuite(page)
    page.locator(".kit-simulateur-nationalite .kit-persona", has_text="Priya").click()
    expect(page.locator('.kit-simulateur-nationalite .kit-decision[data-statut="aucune_voie"]')).to_be_visible(timeout=30_000)
    page.locator(".kit-simulateur-nationalite .kit-persona", has_text="Zineb").click()
    expect(page.locator('.kit-simulateur-nationalite .kit-decision[data-statut="voie_ouverte"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-voies-nationalite")).to_contain_text("5 ans de séjour")


def test_amu_conditions_et_cpas(page, voila):
    ouvrir(page, f"{voila}/{_seance('05-acces-aux-soins-amu')}", ".kit-simulateur-amu .kit-persona")
    _sans_fuite(page)
    page.locator(".kit-simulateur-amu .kit-persona", has_text="Mamadou").click()
    expect(page.locator('.kit-simulateur-amu .kit-decision[data-statut="amu_possible"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-simulateur-amu")).to_contain_text("catégorie D")
    page.locator(".kit-simulateur-amu .kit-persona", has_text="Samira").click()
    expect(page.locator('.kit-simulateur-amu .kit-decision[data-statut="autre_voie"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-simulateur-amu")).to_contain_text("Fedasil")


def test_travail_permis_unique(page, voila):
    ouvrir(page, f"{voila}/{_seance('06-travail-et-diplomes')}", ".kit-simulateur-travail .kit-persona")
    _sans_fuite(page)
    page.locator(".kit-simulateur-travail .kit-persona", has_text="Ravi").click()
    expect(page.locator('.kit-simulateur-travail .kit-decision[data-statut="permis_unique"]')).to_be_visible(timeout=30_000)
    page.locator(".kit-simulateur-travail .kit-persona", has_text="Dima").click()
    expect(page.locator('.kit-simulateur-travail .kit-decision[data-statut="peut_travailler"]')).to_be_visible(timeout=30_000)
