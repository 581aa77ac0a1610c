"""Le kit dans un vrai navigateur : Voilà démarré par le test sur 127.0.0.1, Chromium de Debian
sans tête piloté par Playwright (jamais « playwright install »), un formulaire rempli, la décision
relue. On attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEANCE = "voila/render/modules/droit-etrangers/01-parcours-integration.ipynb"

pytestmark = pytest.mark.navigateur

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium est introuvable : .ci/run doit l'installer (apt-get install chromium).")
    pytest.skip("Chromium n'est pas installé (apt-get install chromium) : tests navigateur ignorés.", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demarrer_voila(racine: Path):
    """Voilà tel que ``make serve`` le lance (voila.json lu dans le dossier du kit), sur un port libre."""
    port = _port_libre()
    env = {**os.environ, "JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    journal = open(RACINE / "build" / "voila-test.log", "w") if (RACINE / "build").is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "widgets.serveur", f"--Voila.root_dir={racine}", "--no-browser", f"--port={port}",
         "--Voila.port_retries=0"],
        cwd=RACINE, env=env, stdout=journal, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    limite = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/voila/static/voila.js", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > limite:
                proc.kill()
                pytest.fail("Voilà n'a pas démarré dans les 60 secondes.")
            time.sleep(0.3)
    return proc, base


def _arreter(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def voila():
    proc, base = _demarrer_voila(RACINE)
    yield base
    _arreter(proc)


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


@pytest.fixture(scope="module")
def navigateur():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        time.sleep(1)  # laisse partir la demande d'arrêt du noyau de la dernière page
        b.close()


@pytest.fixture
def page(navigateur):
    contexte = navigateur.new_context(locale="fr-BE", viewport={"width": 1280, "height": 900})
    p = contexte.new_page()
    yield p
    p.close(run_before_unload=True)
    contexte.close()


def ouvrir(page: Page, url: str, selecteur: str) -> None:
    """Ouvre une page Voilà et attend un widget ; un rechargement si l'exécution s'est figée
    (voir STACK-NOTES : rare blocage de l'exécuteur de Voilà)."""
    for essai in range(2):
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_selector(selecteur, state="attached", timeout=90_000)
            return
        except Exception:
            if essai == 1:
                raise


def test_page_d_accueil_et_catalogue(page, voila):
    ouvrir(page, f"{voila}/", ".kit-catalogue")
    assert page.url.endswith("/voila/render/index.ipynb")
    expect(page.locator(".kit-module")).to_have_count(4)
    lien = page.locator(".kit-seance-disponible a", has_text="Le parcours d'intégration")
    expect(lien).to_be_visible()
    assert page.locator(".kit-seance-annoncee").count() >= 20
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
    page.locator(".kit-persona", has_text="Oleksandr").click()
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
