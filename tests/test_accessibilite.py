"""Audit automatique d'accessibilité (axe-core, dans Chromium) de chaque page du kit : la page
d'accueil, le planificateur et chaque séance du catalogue en mode apprenant, quelques pages en mode
projection et en mode formateur, et une réponse de simulateur. Aucune violation « serious » ou
« critical » n'est admise ; les autres sont affichées pour qu'on les voie."""

from __future__ import annotations

import pytest
from conftest import ouvrir

from widgets import catalogue

pytest.importorskip("playwright")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.navigateur

SEANCES = [s.chemin for m in catalogue.modules() for s in m.seances]
PAGES = ["index.ipynb", "planificateur.ipynb", *SEANCES]
PROJECTION = ["index.ipynb", *[m.seances[0].chemin for m in catalogue.modules() if m.seances]]
GRAVES = ("serious", "critical")


def _auditer(page) -> list[str]:
    page.wait_for_function("() => { const c = document.querySelector('#rendered_cells');"
                           " return c && c.style.display !== 'none'; }", timeout=120_000)
    resultat = axe_playwright.Axe().run(page)
    graves, autres = [], []
    for v in resultat.response["violations"]:
        ligne = f"{v['impact']} {v['id']} ({len(v['nodes'])}) : {v['help']} — ex. {v['nodes'][0]['target']}"
        (graves if v["impact"] in GRAVES else autres).append(ligne)
    if autres:
        print("\n".join(["Violations mineures :", *autres]))
    return graves


@pytest.mark.parametrize("chemin", PAGES)
def test_page_sans_violation_grave(page, voila, chemin):
    ouvrir(page, f"{voila}/voila/render/{chemin}", ".kit-seance")
    graves = _auditer(page)
    assert not graves, "\n".join(graves)


@pytest.mark.parametrize("chemin", PROJECTION)
def test_mode_projection_sans_violation_grave(page, voila, chemin):
    ouvrir(page, f"{voila}/voila/render/{chemin}?mode=projection", ".kit-seance")
    graves = _auditer(page)
    assert not graves, "\n".join(graves)


def test_mode_formateur_sans_violation_grave(page, voila):
    ouvrir(page, f"{voila}/voila/render/modules/droit-etrangers/03-regroupement-familial.ipynb?mode=formateur",
           ".kit-notes-formateur")
    graves = _auditer(page)
    assert not graves, "\n".join(graves)


def test_reponse_d_un_simulateur_sans_violation_grave(page, voila):
    ouvrir(page, f"{voila}/voila/render/modules/droit-etrangers/01-parcours-integration.ipynb", ".kit-persona")
    page.locator(".kit-persona", has_text="Amina").click()
    expect(page.locator('.kit-decision[data-statut="obligatoire"]')).to_be_visible(timeout=30_000)
    graves = _auditer(page)
    assert not graves, "\n".join(graves)
