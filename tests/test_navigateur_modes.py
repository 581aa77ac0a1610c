"""Les quatre usages du kit dans un vrai navigateur : le mode projection (adresse et bouton, un
bloc par écran, aucun petit caractère sur un projecteur 1280x720), le mode formateur (notes et
corrigés, avec la clé quand le kit est servi à une salle), la progression d'une apprenante sur son
ordinateur (et son absence en salle), la navigation au clavier dans un formulaire et un quiz."""

from __future__ import annotations

import re

import pytest
from conftest import RACINE, _arreter, _demarrer_voila, ouvrir

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.navigateur

TRESORERIE = "voila/render/modules/gestion-asbl/03-tresorerie.ipynb"
REGROUPEMENT = "voila/render/modules/droit-etrangers/03-regroupement-familial.ipynb"
PARCOURS = "voila/render/modules/droit-etrangers/01-parcours-integration.ipynb"
CLE = "cle-essai-formateur"


def _page_affichee(page) -> None:
    """Attend la fin de l'exécution de la page (Voilà montre alors les cellules)."""
    page.wait_for_function("() => { const c = document.querySelector('#rendered_cells');"
                           " return c && c.style.display !== 'none'; }", timeout=120_000)


@pytest.fixture
def projecteur(navigateur):
    """Une page de la taille d'un projecteur 1280x720."""
    contexte = navigateur.new_context(locale="fr-BE", viewport={"width": 1280, "height": 720})
    p = contexte.new_page()
    yield p
    p.close(run_before_unload=True)
    contexte.close()


@pytest.fixture(scope="module")
def voila_salle():
    """Le kit tel que « make serve-classe » le sert (mode salle, clé du formateur), sans le jeton."""
    proc, base = _demarrer_voila(RACINE, env_en_plus={"KIT_SALLE": "1", "KIT_CLE_FORMATEUR": CLE})
    yield base
    _arreter(proc)


# --- Projection ---------------------------------------------------------------------------------

def test_mode_projection_par_l_adresse(projecteur, voila):
    page = projecteur
    ouvrir(page, f"{voila}/{TRESORERIE}?mode=projection", ".kit-seance")
    _page_affichee(page)
    expect(page.locator("body")).to_have_class(re.compile(r"\bkit-mode-projection\b"))
    expect(page.locator(".kit-bouton-projection")).to_have_attribute("aria-pressed", "true")
    # Aucun petit caractère : le plus petit texte visible de la leçon reste lisible du fond de la salle.
    plus_petit = page.evaluate("""() => {
        let min = 1000;
        for (const el of document.querySelectorAll('#rendered_cells *')) {
            if (!el.offsetParent && el.tagName !== 'BODY') continue;
            const texte = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim().length > 1);
            if (!texte) continue;
            min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min; }""")
    assert plus_petit >= 22, f"le plus petit texte visible fait {plus_petit}px en mode projection"
    # Rien ne déborde sur le côté d'un écran de 1280 pixels.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1281
    # Un bloc par écran : chaque partie commence en haut d'un nouvel écran, Page suivante y mène.
    debuts = page.locator(".jp-Cell.kit-debut-ecran")
    assert debuts.count() >= 5
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("PageDown")
    page.wait_for_function("() => { const d = document.querySelectorAll('.jp-Cell.kit-debut-ecran')[1];"
                           " return Math.abs(d.getBoundingClientRect().top) < 3; }", timeout=10_000)
    ecart = page.evaluate("""() => { const d = document.querySelectorAll('.jp-Cell.kit-debut-ecran');
        return d[2].getBoundingClientRect().top; }""")
    assert ecart >= 720 - 3, "la partie suivante doit rester hors de l'écran (un bloc par écran)"
    page.locator(".kit-ecran-precedent").click()
    page.wait_for_function("() => Math.abs(document.querySelectorAll('.jp-Cell.kit-debut-ecran')[0].getBoundingClientRect().top) < 3",
                           timeout=10_000)


def test_bouton_projection_au_clavier(page, voila):
    ouvrir(page, f"{voila}/", ".kit-catalogue")
    _page_affichee(page)
    bouton = page.locator(".kit-bouton-projection")
    expect(bouton).to_have_attribute("aria-pressed", "false")
    bouton.focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_class(re.compile(r"\bkit-mode-projection\b"))
    expect(bouton).to_have_attribute("aria-pressed", "true")
    assert "mode=projection" in page.url, "l'adresse garde le mode (à recopier pour la salle)"
    assert float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kit-catalogue p')).fontSize)")) >= 22
    page.keyboard.press("Space")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bkit-mode-projection\b"))
    assert "mode=projection" not in page.url


# --- Formateur ----------------------------------------------------------------------------------

def test_mode_formateur_montre_notes_et_corriges(page, voila):
    ouvrir(page, f"{voila}/{REGROUPEMENT}?mode=formateur", ".kit-notes-formateur")
    cadre = page.locator(".kit-notes-formateur")
    expect(cadre).to_be_visible()
    expect(cadre).to_contain_text("Notes pour le formateur")
    expect(cadre).to_contain_text("Minutage")
    cadre.locator("summary", has_text="Corrigés").click()
    expect(cadre).to_contain_text("Corrigé des exercices")


def test_mode_apprenant_ne_contient_ni_notes_ni_corriges(page, voila):
    ouvrir(page, f"{voila}/{REGROUPEMENT}", ".kit-progression-seance")
    _page_affichee(page)
    assert page.locator(".kit-notes-formateur").count() == 0
    source = page.content()
    assert "Corrigé des exercices" not in source and "Confusions fréquentes" not in source


def test_en_salle_le_mode_formateur_demande_la_cle(page, voila_salle):
    ouvrir(page, f"{voila_salle}/{REGROUPEMENT}?mode=formateur", ".kit-formateur-refuse")
    assert page.locator(".kit-notes-formateur").count() == 0
    ouvrir(page, f"{voila_salle}/{REGROUPEMENT}?mode=formateur&cle={CLE}", ".kit-notes-formateur")
    expect(page.locator(".kit-notes-formateur")).to_contain_text("Minutage")


# --- Progression --------------------------------------------------------------------------------

def test_progression_d_une_apprenante_puis_effacee(page, voila):
    ouvrir(page, f"{voila}/{REGROUPEMENT}", ".kit-terminee")
    page.locator(".kit-terminee input").check()
    expect(page.locator(".kit-terminee-etat")).to_contain_text("terminée le")
    page.locator(".kit-quiz-choix input").first.check()
    page.locator(".kit-quiz-verifier").click()
    expect(page.locator(".kit-quiz-score")).to_contain_text("1 question vérifiée")

    ouvrir(page, f"{voila}/", ".kit-progression")
    ligne = page.locator(".kit-progression-module tr", has_text="Le regroupement familial")
    expect(ligne).to_contain_text("Terminée le")
    expect(ligne).to_contain_text("1 question vérifiée")
    expect(page.locator('.kit-progression-module[data-module="droit-etrangers"] caption')).to_contain_text("terminée")

    page.locator(".kit-progression-effacer").click()
    page.locator(".kit-progression-confirmer").click()
    expect(page.locator(".kit-progression")).to_contain_text("Votre progression a été effacée.")
    expect(ligne).to_contain_text("Pas encore ouverte")


def test_en_salle_pas_de_progression(page, voila_salle):
    ouvrir(page, f"{voila_salle}/", ".kit-progression-off")
    expect(page.locator(".kit-progression-off")).to_contain_text("salle de formation")
    ouvrir(page, f"{voila_salle}/{REGROUPEMENT}", ".kit-progression-absente")
    assert page.locator(".kit-terminee").count() == 0


# --- Clavier ------------------------------------------------------------------------------------

def test_formulaire_au_clavier(page, voila):
    ouvrir(page, f"{voila}/{PARCOURS}", ".kit-champ-nationalite select")
    _page_affichee(page)
    page.locator(".kit-persona", has_text="Amina").focus()
    page.keyboard.press("Enter")  # un exemple rempli au clavier
    expect(page.locator('.kit-decision[data-statut="obligatoire"]')).to_be_visible(timeout=30_000)
    page.locator(".kit-champ-nationalite select").focus()
    page.keyboard.type("Italie")  # choix dans la liste en tapant le début du nom
    page.keyboard.press("Tab")
    expect(page.locator('.kit-decision[data-statut="non_concerne"]')).to_be_visible(timeout=30_000)
    # Tab mène de champ en champ dans le formulaire, sans piège ni champ inatteignable.
    vus = []
    for _ in range(6):
        vus.append(page.evaluate("document.activeElement && (document.activeElement.closest('.kit-formulaire') !== null)"))
        page.keyboard.press("Tab")
    assert any(vus), "la touche Tab doit parcourir les champs du formulaire"


def test_quiz_au_clavier(page, voila):
    ouvrir(page, f"{voila}/{REGROUPEMENT}", ".kit-quiz-choix")
    _page_affichee(page)
    page.locator(".kit-quiz-choix input").nth(1).focus()
    page.keyboard.press("Space")  # choisit la deuxième réponse
    assert page.locator(".kit-quiz-choix input").nth(1).is_checked()
    for _ in range(8):  # Tab mène au bouton « Vérifier » après les réponses
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Vérifier":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Vérifier"
    page.keyboard.press("Enter")
    expect(page.locator(".kit-quiz-retour")).to_contain_text("Source")
    page.keyboard.press("Tab")
    assert "Suivant" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator(".kit-quiz-position")).to_contain_text("Question 2 /")
