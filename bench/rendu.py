"""Mesures de vitesse du kit, dans un vrai navigateur, rapportées au carnet blanc du même passage.

- temps jusqu'au premier widget : carnet blanc (``bench/blanc.ipynb``) contre chaque séance,
  en alternant les deux pour que la charge de la machine pèse pareil sur chacun ;
- latence d'une interaction : un changement de champ du simulateur jusqu'à la décision mise à
  jour, mesurée dans la page (performance.now et MutationObserver), médiane et 95e centile.

Ce ne sont pas des tests : rien n'échoue, les chiffres sont imprimés et gardés dans
``bench/resultats/`` (non versionné).

    make bench            # ou : .venv/bin/python bench/rendu.py --repetitions 7
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

RACINE = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BLANC = ("Carnet blanc", "voila/render/bench/blanc.ipynb", ".kit-blanc")
SEANCES = [
    ("Droit des étrangers 1 — parcours (simulateur)", "voila/render/modules/droit-etrangers/01-parcours-integration.ipynb", ".kit-persona"),
]

# Bascule la nationalité du simulateur et attend, dans la page, la décision attendue.
INTERACTION_JS = """
async ([libelle, statut]) => {
  const select = document.querySelector('.kit-champ-nationalite select');
  const index = [...select.options].findIndex(o => o.value === libelle);
  return await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const fini = () => {
      const d = document.querySelector('.kit-decision');
      if (d && d.dataset.statut === statut) { obs.disconnect(); resolve(performance.now() - t0); return true; }
      return false;
    };
    const obs = new MutationObserver(fini);
    obs.observe(document.querySelector('.kit-resultat'), {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { obs.disconnect(); reject(new Error('pas de décision après 10 s')); }, 10000);
    select.selectedIndex = index;
    select.dispatchEvent(new Event('change', {bubbles: true}));
  });
}
"""


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demarrer_voila(port: int) -> subprocess.Popen:
    env = {**os.environ, "JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "widgets.serveur", f"--Voila.root_dir={RACINE}", "--no-browser", f"--port={port}"],
                            cwd=RACINE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("Voilà n'a pas démarré dans les 60 secondes.")


def premier_widget(navigateur, url: str, selecteur: str) -> float:
    contexte = navigateur.new_context(locale="fr-BE")
    page = contexte.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selecteur, state="visible", timeout=120_000)
    duree = time.perf_counter() - t0
    page.close(run_before_unload=True)
    contexte.close()
    time.sleep(0.5)  # laisse Voilà arrêter le noyau de la page fermée
    return duree


def interactions(navigateur, base: str, n: int) -> list[float]:
    contexte = navigateur.new_context(locale="fr-BE")
    page = contexte.new_page()
    page.goto(f"{base}/{SEANCES[0][1]}", wait_until="commit")
    page.wait_for_selector(".kit-persona", state="visible", timeout=120_000)
    page.locator(".kit-persona").first.click()
    page.wait_for_selector('.kit-decision[data-statut="obligatoire"]', timeout=30_000)
    mesures = []
    for i in range(n):
        libelle, statut = ("Italie (IT)", "non_concerne") if i % 2 == 0 else ("Maroc (MA)", "obligatoire")
        mesures.append(page.evaluate(INTERACTION_JS, [libelle, statut]) / 1000)
    page.close(run_before_unload=True)
    contexte.close()
    return mesures


def centile(valeurs: list[float], q: float) -> float:
    return statistics.quantiles(valeurs, n=100, method="inclusive")[int(q) - 1] if len(valeurs) > 1 else valeurs[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=5, help="pages ouvertes par carnet (défaut : 5)")
    parser.add_argument("--interactions", type=int, default=30, help="changements de champ mesurés (défaut : 30)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium est introuvable : installez-le (apt-get install chromium).")

    port = port_libre()
    voila = demarrer_voila(port)
    base = f"http://127.0.0.1:{port}"
    resultats: dict[str, list[float]] = {nom: [] for nom, _, _ in [BLANC, *SEANCES]}
    try:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            premier_widget(navigateur, f"{base}/{BLANC[1]}", BLANC[2])  # échauffement (caches, imports)
            for _ in range(args.repetitions):
                for nom, chemin, selecteur in [BLANC, *SEANCES]:
                    resultats[nom].append(premier_widget(navigateur, f"{base}/{chemin}", selecteur))
            latences = interactions(navigateur, base, args.interactions)
            navigateur.close()
    finally:
        voila.terminate()
        voila.wait(timeout=15)

    blanc = statistics.median(resultats[BLANC[0]])
    print(f"\nPremier widget affiché ({args.repetitions} ouvertures par carnet, médianes ; même passage, même machine)")
    print(f"{'carnet':<52} {'médiane':>9} {'pire':>8} {'rapport':>8}")
    for nom, valeurs in resultats.items():
        med = statistics.median(valeurs)
        print(f"{nom:<52} {med:>8.2f}s {max(valeurs):>7.2f}s {med / blanc:>7.2f}x")
    print(f"\nInteraction (changement de nationalité -> décision à jour, {len(latences)} mesures dans la page)")
    print(f"  médiane {statistics.median(latences) * 1000:.0f} ms · 95e centile {centile(latences, 95) * 1000:.0f} ms · pire {max(latences) * 1000:.0f} ms")

    dossier = RACINE / "bench" / "resultats"
    dossier.mkdir(exist_ok=True)
    fichier = dossier / time.strftime("rendu-%Y%m%d-%H%M%S.json")
    fichier.write_text(json.dumps({"premier_widget_s": resultats, "interaction_s": latences,
                                   "machine": {"coeurs": os.cpu_count()}}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nDétail : {fichier.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
