"""Ce que partagent les tests : Voilà démarré sur un port libre, Chromium sans tête (Debian),
une page par test. Chromium absent : les tests navigateur sont ignorés, sauf en CI (CI=true) où
c'est une erreur. On attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

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
# La progression des apprenants (widgets.progression) ne doit jamais s'écrire dans le dossier de
# données de la personne qui lance les tests : un dossier temporaire, hérité par les noyaux de
# nbval, de papermill et de Voilà.
if "KIT_PROGRESSION" not in os.environ:
    import tempfile
    os.environ["KIT_PROGRESSION"] = tempfile.mkdtemp(prefix="kit-progression-tests-")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demarrer_voila(racine: Path, *options: str, env_en_plus: dict | None = None):
    """Voilà tel que ``make serve`` le lance (voila.json lu dans le dossier du kit), sur un port libre."""
    port = _port_libre()
    env = {**os.environ, "JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env_en_plus or {})}
    journal = open(RACINE / "build" / "voila-test.log", "w") if (RACINE / "build").is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "widgets.serveur", f"--Voila.root_dir={racine}", "--no-browser", f"--port={port}",
         "--Voila.port_retries=0", *options],
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


@pytest.fixture(scope="session")
def voila():
    proc, base = _demarrer_voila(RACINE)
    yield base
    _arreter(proc)


@pytest.fixture(scope="session")
def navigateur():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium est introuvable : .ci/run doit l'installer (apt-get install chromium).")
        pytest.skip("Chromium n'est pas installé (apt-get install chromium) : tests navigateur ignorés.")
    from playwright.sync_api import sync_playwright

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


def ouvrir(page, url: str, selecteur: str) -> None:
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
