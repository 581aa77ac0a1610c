"""Le module « Communication interculturelle » dans un vrai navigateur : le simulateur d'incidents
critiques (séance 2) joué jusqu'à la synthèse, et le générateur de scénarios du guichet (séance 4)
rejoué avec la même graine. On attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import pytest
from conftest import ouvrir
from playwright.sync_api import expect

pytestmark = pytest.mark.navigateur

INCIDENTS = "voila/render/modules/communication-interculturelle/02-incidents-critiques.ipynb"


def test_incident_critique_joue_jusqu_a_la_synthese(page, voila):
    ouvrir(page, f"{voila}/{INCIDENTS}", ".kit-incidents .kit-incidents-choix")
    contenu = page.content()
    assert "Traceback" not in contenu and "from widgets" not in contenu
    outil = page.locator(".kit-incidents")
    expect(outil.locator(".kit-incidents-entete")).not_to_be_empty(timeout=30_000)

    # Valider sans choisir : un message, pas d'erreur.
    outil.locator(".kit-incidents-valider").click()
    expect(outil.locator(".kit-incidents-retour")).to_contain_text("Choisissez d'abord", timeout=30_000)

    # Une réponse par étape (la première proposée), jusqu'à la fin du cas : chaque choix a son retour.
    fin = outil.locator(".kit-incidents-fin")
    for _ in range(12):
        outil.locator(".kit-incidents-choix input[type=radio]").first.check()
        outil.locator(".kit-incidents-valider").click()
        expect(outil.locator(".kit-incidents-retour")).not_to_contain_text("Choisissez d'abord", timeout=30_000)
        expect(outil.locator(".kit-incidents-retour")).not_to_be_empty()
        outil.locator(".kit-incidents-continuer").click()
        # soit l'étape suivante (retour vidé), soit la synthèse du cas
        page.wait_for_function("""() => {
            const f = document.querySelector('.kit-incidents-fin'), r = document.querySelector('.kit-incidents-retour');
            return (f && f.innerText.trim() !== '') || (r && r.innerText.trim() === '');
        }""", timeout=30_000)
        if fin.inner_text().strip():
            break
    expect(fin).not_to_be_empty(timeout=30_000)

    # Recommencer remet le cas à son début.
    outil.locator(".kit-incidents-recommencer").click()
    expect(fin).to_be_empty(timeout=30_000)
