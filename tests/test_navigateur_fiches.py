"""Une fiche imprimable ouverte dans Chromium sans tête (fixture ``page`` de conftest, ``file://``),
avec le média « print » émulé : elle est lisible (titres, quiz, texte clé), ne montre pas de code,
ne charge rien d'Internet, et la section des réponses du quiz commence une nouvelle page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets import fiches

pytestmark = pytest.mark.navigateur

SEANCE = fiches.RACINE / "modules" / "citoyennete" / "01-belgique-federale.ipynb"


@pytest.fixture(scope="module")
def fiche(tmp_path_factory):
    sortie = tmp_path_factory.mktemp("fiches")
    bilan = fiches.produire([SEANCE], sortie, pdf=False, dire=lambda _m: None)
    assert len(bilan.html) == 1 and not bilan.avertissements
    return bilan.html[0]


def test_fiche_imprimee_lisible_et_reponses_sur_une_nouvelle_page(page, fiche):
    demandes: list[str] = []
    page.on("request", lambda r: demandes.append(r.url))
    page.goto(fiche.as_uri())
    page.emulate_media(media="print")

    expect(page.locator("h1")).to_have_text("Séance 1 — La Belgique fédérale")
    titres = [t.strip() for t in page.locator("h2").all_inner_texts()]
    for attendu in ("Objectifs", "À retenir", "Sources", "Réponses du quiz"):
        assert attendu in titres, f"titre « {attendu} » absent : {titres}"
    expect(page.locator(".kit-texte-cle h4", has_text="Un État fédéral")).to_be_visible()
    expect(page.locator(".kit-quiz-papier .kit-question").first).to_be_visible()
    expect(page.locator(".kit-activite").first).to_contain_text("Activité interactive dans le kit")
    expect(page.locator("footer.kit-pied")).to_contain_text("données fictives")

    texte = page.locator("body").inner_text()
    assert "from widgets" not in texte and "seance." not in texte and not re.search(r"\bimport\s+\w", texte)
    assert "Notes pour le formateur" not in texte
    assert page.locator("pre, script").count() == 0

    reponses = page.locator("section.kit-reponses")
    assert reponses.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    # Les questions restent entières sur une page ; à l'écran, pas de saut (la règle est celle de l'impression).
    assert page.locator(".kit-question").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")
    assert reponses.evaluate("e => getComputedStyle(e).breakBefore") == "auto"

    assert [u for u in demandes if not u.startswith("file://")] == []  # la fiche est autonome
