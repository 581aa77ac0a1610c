"""Le planificateur de session dans un vrai navigateur : Voilà démarré par le test, Chromium de Debian
sans tête. On choisit un public, une durée, des thèmes ; le tableau change ; « Programme HTML » et
« Programme PDF » préparent des liens que l'on télécharge vraiment. On attend des classes ``kit-*``
stables, jamais une durée fixe."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import RACINE, _arreter, _demarrer_voila, ouvrir
from playwright.sync_api import expect

from widgets import programme

PAGE = "voila/render/planificateur.ipynb"
OUTIL = ".kit-planificateur"

pytestmark = pytest.mark.navigateur


def _choisir(page, public: str, duree: str, themes: list[str]) -> None:
    outil = page.locator(OUTIL)
    outil.locator(".kit-champ-public select").select_option(label=public)
    outil.locator(".kit-champ-duree select").select_option(label=duree)
    for t in themes:
        outil.locator(f".kit-theme-{t} input[type=checkbox]").check()


def test_composer_puis_telecharger_html_et_pdf(page, voila, tmp_path):
    ouvrir(page, f"{voila}/{PAGE}", f"{OUTIL} .kit-programme")
    contenu = page.content()
    assert "Traceback" not in contenu and "from widgets" not in contenu
    outil = page.locator(OUTIL)
    tableau = outil.locator(".kit-programme")
    expect(tableau).to_contain_text("Aucun thème choisi")
    expect(outil.locator(".kit-programme-html")).to_be_disabled()
    # les exemples commentés de la page sont affichés, eux aussi
    expect(page.locator(".kit-programme-exemple")).to_have_count(2)

    # Un public, une durée, des thèmes : le tableau suit.
    _choisir(page, "Personnel des CPAS", "Journée", ["droit-etrangers", "citoyennete"])
    attendu = programme.composer("cpas", "journee", ["droit-etrangers", "citoyennete"])
    bilan = tableau.locator(".kit-programme-bilan")
    expect(bilan).to_have_attribute("data-seances", str(len(attendu.seances)), timeout=30_000)
    expect(bilan).to_have_attribute("data-libre", str(attendu.temps_libre))
    lignes = tableau.locator(".kit-creneau-seance")
    expect(lignes).to_have_count(len(attendu.seances))
    expect(lignes.first).to_contain_text(attendu.seances[0].titre)
    expect(tableau.locator(".kit-creneau-repas")).to_contain_text("12 h 30 – 13 h 30")
    expect(tableau.locator(".kit-programme-laissees li")).to_have_count(len(attendu.laissees))

    # Une heure de début incohérente : le message est sous le champ, en français.
    heure = outil.locator(".kit-champ-heure-debut input")
    heure.fill("06:00")
    heure.press("Tab")
    expect(outil.locator(".kit-erreur-heure-debut")).to_contain_text("Commencez entre 8 h 00 et 10 h 30", timeout=30_000)
    expect(tableau).to_contain_text("Corrigez le champ")
    heure.fill("09:30")
    heure.press("Tab")
    expect(lignes.first).to_contain_text("9 h 30 – 11 h 00", timeout=30_000)
    expect(outil.locator(".kit-erreur-heure-debut")).to_be_empty()

    # L'intitulé et le lieu du formateur, échappés dans la page produite.
    intitule = outil.locator(".kit-champ-intitule input")
    intitule.fill("Journée <b>CPAS</b> & accueil")
    intitule.press("Tab")
    lieu = outil.locator(".kit-champ-lieu input")
    lieu.fill("CPAS de Namur, salle 2")
    lieu.press("Tab")

    outil.locator(".kit-programme-html").click()
    lien = outil.locator(".kit-programme-lien-html")
    expect(lien).to_be_visible(timeout=30_000)
    with page.expect_download() as attente:
        lien.click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "programme-journee-b-cpas-b-accueil.html"
    html = Path(telechargement.path()).read_text(encoding="utf-8")
    assert "<h1>Journée &lt;b&gt;CPAS&lt;/b&gt; &amp; accueil</h1>" in html and "CPAS de Namur, salle 2" in html
    assert "9 h 30 – 11 h 00" in html and attendu.seances[0].titre.replace("'", "&#x27;") in html
    assert "repères pédagogiques du kit" in html and "Programme produit le" in html

    outil.locator(".kit-programme-pdf").click()
    lien_pdf = outil.locator(".kit-programme-lien-pdf")
    expect(lien_pdf).to_be_visible(timeout=90_000)
    expect(outil.locator(".kit-programme-erreur")).to_be_empty()
    with page.expect_download() as attente:
        lien_pdf.click()
    pdf = attente.value
    assert pdf.suggested_filename == "programme-journee-b-cpas-b-accueil.pdf"
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"

    # Le programme change : les liens préparés disparaissent (jamais un programme périmé).
    outil.locator(".kit-theme-communication-interculturelle input[type=checkbox]").check()
    expect(outil.locator(".kit-programme-lien-pdf")).to_have_count(0, timeout=30_000)
    expect(tableau.locator(".kit-creneau-seance[data-module=communication-interculturelle]")).to_have_count(1)


def test_rien_ne_correspond_message_francais(page, voila):
    ouvrir(page, f"{voila}/{PAGE}", f"{OUTIL} .kit-programme")
    _choisir(page, "Personnel des communes", "Demi-journée", ["gestion-asbl"])
    outil = page.locator(OUTIL)
    expect(outil.locator(".kit-programme-message")).to_contain_text(
        "Aucune séance du thème « Gestion d'ASBL et de projets » ne convient au public « Personnel des communes »", timeout=30_000)
    expect(outil.locator(".kit-programme-pdf")).to_be_disabled()
    expect(outil.locator(".kit-theme-gestion-asbl")).to_contain_text("aucune séance pour ce public")


def test_accessibilite_axe(page, voila):
    """axe-core sur le planificateur rempli : chaque contrôle a une étiquette, les contrastes tiennent."""
    from axe_playwright_python.sync_playwright import Axe

    ouvrir(page, f"{voila}/{PAGE}", f"{OUTIL} .kit-programme")
    _choisir(page, "Équipes et bénévoles d'associations", "Deux journées", ["gestion-asbl", "citoyennete"])
    expect(page.locator(f"{OUTIL} .kit-creneau-seance").first).to_be_visible(timeout=30_000)
    resultats = Axe().run(page, context=OUTIL)
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in resultats.response["violations"]]
    assert not violations, violations


def test_pdf_impossible_message_a_cote_du_bouton(page, tmp_path):
    """Sans navigateur pour imprimer : le message français est à côté du bouton, le HTML reste possible."""
    proc, base = _demarrer_voila(RACINE, "--VoilaConfiguration.preheat_kernel=False",
                                 env_en_plus={"KIT_NAVIGATEUR": str(tmp_path / "pas-de-chromium")})
    try:
        ouvrir(page, f"{base}/{PAGE}", f"{OUTIL} .kit-programme")
        _choisir(page, "Personnel des communes", "Demi-journée", ["droit-etrangers"])
        outil = page.locator(OUTIL)
        expect(outil.locator(".kit-creneau-seance").first).to_be_visible(timeout=30_000)
        outil.locator(".kit-programme-pdf").click()
        erreur = outil.locator(".kit-programme-exports .kit-programme-erreur")
        expect(erreur).to_contain_text("aucun navigateur Chromium, Google Chrome ou Microsoft Edge", timeout=30_000)
        expect(erreur).to_contain_text("Enregistrer au format PDF")
        expect(outil.locator(".kit-programme-lien-pdf")).to_have_count(0)
        outil.locator(".kit-programme-html").click()
        expect(outil.locator(".kit-programme-lien-html")).to_be_visible(timeout=30_000)
        assert "Traceback" not in page.content()
    finally:
        _arreter(proc)


def test_mesure_changement_de_champ(page, voila, capsys):
    """Pas un test chronométré : imprime le temps entre un clic sur un thème et le tableau à jour
    (aller-retour navigateur -> noyau -> navigateur), pour le rapport."""
    ouvrir(page, f"{voila}/{PAGE}", f"{OUTIL} .kit-programme")
    outil = page.locator(OUTIL)
    outil.locator(".kit-champ-public select").select_option(label="Personnel des CPAS")
    outil.locator(".kit-champ-duree select").select_option(label="Deux journées")
    mesures = []
    for theme in ("droit-etrangers", "citoyennete", "communication-interculturelle"):
        debut = time.perf_counter()
        outil.locator(f".kit-theme-{theme} input[type=checkbox]").check()
        page.wait_for_function(
            """t => document.querySelectorAll('.kit-planificateur .kit-creneau-seance[data-module="' + t + '"]').length > 0""",
            arg=theme, timeout=30_000)
        mesures.append(time.perf_counter() - debut)
    with capsys.disabled():
        print(f"\n[mesure] case à cocher -> tableau à jour : {', '.join(f'{1000 * m:.0f} ms' for m in mesures)}")
