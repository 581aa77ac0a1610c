"""Le simulateur de trésorerie dans un vrai navigateur : Voilà démarré par le test, Chromium sans
tête, le premier mois négatif relu, puis un retard modifié et la réponse relue. Le carnet de test
(tests/carnets/tresorerie.ipynb, deux lignes, sans sorties) ne dépend pas des séances du module.
On attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import pytest
from conftest import ouvrir
from playwright.sync_api import expect

CARNET = "voila/render/tests/carnets/tresorerie.ipynb"

pytestmark = pytest.mark.navigateur


def test_tresorerie_premier_mois_negatif_et_retard_modifie(page, voila):
    ouvrir(page, f"{voila}/{CARNET}", ".kit-tresorerie-premier-negatif")
    premier = page.locator(".kit-tresorerie-premier-negatif")
    expect(premier).to_have_text("mars 2027", timeout=30_000)
    expect(page.locator(".kit-tresorerie-besoin")).to_contain_text("9\u202f700,00", timeout=30_000)
    expect(page.locator(".kit-tresorerie-graphique")).to_be_visible()
    expect(page.locator(".kit-fictif").first).to_contain_text("données fictives")
    contenu = page.content()
    assert "Traceback" not in contenu and "from widgets" not in contenu

    # L'avance arrive à l'heure (retard 0) : le compte ne passe sous zéro qu'en novembre.
    retard = page.locator(".kit-champ-subsides-0-tranches-0-retard-mois input")
    retard.fill("0")
    retard.press("Tab")
    expect(premier).to_have_text("novembre 2027", timeout=30_000)
    expect(page.locator(".kit-tresorerie-besoin")).to_contain_text("5\u202f000,00")

    # Une tranche de 120 % : le message est à côté du champ, la page reste utilisable.
    part = page.locator(".kit-champ-subsides-0-tranches-1-pourcentage input")
    part.fill("120")
    part.press("Tab")
    expect(page.locator(".kit-erreur-subsides-0-tranches-1-pourcentage")).to_contain_text("entre 0 et 100", timeout=30_000)
    expect(page.locator(".kit-tresorerie-synthese")).to_contain_text("Corrigez")
    part.fill("20")
    part.press("Tab")
    expect(premier).to_have_text("novembre 2027", timeout=30_000)
