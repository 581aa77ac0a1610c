"""Mesures de vitesse du kit, dans un vrai navigateur, rapportées au carnet blanc du même passage.

Deux passages, chacun avec son propre Voilà :
- « préchauffé » : un noyau prêt par séance (``--VoilaKit.prechauffer=seances``, comme un serveur
  de CRI qui a la mémoire, ou ``make serve-classe`` pour la séance du jour) ; le carnet blanc est
  préchauffé lui aussi, pour comparer ce qui est comparable ; chaque ouverture attend qu'un noyau
  neuf soit prêt ;
- « à froid » : sans préchauffage, ce que vit l'apprenant quand la réserve est épuisée, et ce que
  vit ``make serve`` (qui ne préchauffe que la page d'accueil) à l'ouverture d'une séance.
Pour chaque carnet : le temps jusqu'au premier widget affiché, rapporté au carnet blanc ; puis la
latence d'une interaction (un changement de champ du simulateur jusqu'à la décision mise à jour,
mesurée dans la page : performance.now et MutationObserver), médiane et 95e centile ; enfin la
mémoire du serveur et par noyau.

Ce ne sont pas des tests : rien n'échoue, les chiffres sont imprimés et gardés dans
``bench/resultats/`` (non versionné).

    make bench            # ou : .venv/bin/python bench/rendu.py --repetitions 7
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from serveur_mesure import RACINE, ServeurMesure

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BLANC = ("Carnet blanc", "bench/blanc.ipynb", ".kit-blanc")
SIMULATEUR = "modules/droit-etrangers/01-parcours-integration.ipynb"


def seances() -> list[tuple[str, str, str]]:
    """Toutes les séances du kit ; le premier widget d'une séance est son thème (cellule 2)."""
    return [(p.relative_to(RACINE).as_posix().removeprefix("modules/").removesuffix(".ipynb"), p.relative_to(RACINE).as_posix(), ".kit-seance")
            for p in sorted(RACINE.glob("modules/*/[0-9][0-9]-*.ipynb"))]


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


def premier_widget(navigateur, url: str, selecteur: str) -> float:
    contexte = navigateur.new_context(locale="fr-BE")
    page = contexte.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selecteur, state="attached", timeout=120_000)
    duree = time.perf_counter() - t0
    page.close(run_before_unload=True)
    contexte.close()
    return duree


def interactions(navigateur, base: str, n: int) -> list[float]:
    contexte = navigateur.new_context(locale="fr-BE")
    page = contexte.new_page()
    page.goto(f"{base}/voila/render/{SIMULATEUR}", wait_until="commit")
    page.wait_for_selector(".kit-persona", state="visible", timeout=120_000)
    page.locator(".kit-persona").first.click()
    page.wait_for_selector('.kit-decision[data-statut="obligatoire"]', timeout=30_000)
    page.wait_for_selector(".kit-carte iframe", state="attached", timeout=30_000)
    mesures = []
    for i in range(n):
        libelle, statut = ("Italie (IT)", "non_concerne") if i % 2 == 0 else ("Maroc (MA)", "obligatoire")
        mesures.append(page.evaluate(INTERACTION_JS, [libelle, statut]) / 1000)
    page.close(run_before_unload=True)
    contexte.close()
    return mesures


def centile(valeurs: list[float], q: int) -> float:
    return statistics.quantiles(valeurs, n=100, method="inclusive")[q - 1] if len(valeurs) > 1 else valeurs[0]


def passage(navigateur, prechauffe: bool, repetitions: int, n_interactions: int) -> dict:
    options = (["--VoilaKit.prechauffer=seances", "--VoilaKit.prechauffer_aussi=['bench/blanc.ipynb']"] if prechauffe
               else ["--VoilaConfiguration.preheat_kernel=False"])
    serveur = ServeurMesure(*options)
    carnets = [BLANC, *seances()]
    temps: dict[str, list[float]] = {nom: [] for nom, _, _ in carnets}
    try:
        premier_widget(navigateur, f"{serveur.base}/voila/render/{BLANC[1]}", BLANC[2])  # échauffement
        if prechauffe:
            serveur.utilises[BLANC[1]] += 1
        for _ in range(repetitions):
            for nom, chemin, selecteur in carnets:  # en alternance : la charge pèse pareil sur chacun
                if prechauffe and not serveur.attendre_prechauffe(chemin):
                    print(f"  (pas de noyau préchauffé prêt pour {chemin} : mesure à froid)")
                serveur.attendre_repos()  # machine au repos avant chaque mesure
                temps[nom].append(premier_widget(navigateur, f"{serveur.base}/voila/render/{chemin}", selecteur))
        latences = interactions(navigateur, serveur.base, n_interactions)
        memoire = serveur.memoire()
    finally:
        serveur.arreter()
    return {"premier_widget_s": temps, "interaction_s": latences, "memoire": memoire}


def rapport(titre: str, r: dict) -> None:
    temps = r["premier_widget_s"]
    blanc = statistics.median(temps[BLANC[0]])
    print(f"\n{titre}")
    print(f"  {'carnet':<48} {'médiane':>9} {'pire':>8} {'rapport':>8}")
    for nom, valeurs in temps.items():
        med = statistics.median(valeurs)
        print(f"  {nom:<48} {med:>8.2f}s {max(valeurs):>7.2f}s {med / blanc:>7.2f}x")
    lat = r["interaction_s"]
    print(f"  Interaction (nationalité changée -> décision à jour, {len(lat)} mesures) : médiane {statistics.median(lat) * 1000:.0f} ms, "
          f"95e centile {centile(lat, 95) * 1000:.0f} ms, pire {max(lat) * 1000:.0f} ms")
    m = r["memoire"]
    par_noyau = m["noyaux_mo"] / m["noyaux"] if m["noyaux"] else 0
    print(f"  Mémoire : serveur {m['serveur_mo']:.0f} Mo ; {m['noyaux']} noyaux vivants, {par_noyau:.0f} Mo en moyenne par noyau (= par apprenant)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Temps d'affichage et de réponse des séances, contre un carnet blanc.")
    parser.add_argument("--repetitions", type=int, default=5, help="ouvertures par carnet et par passage (défaut : 5)")
    parser.add_argument("--interactions", type=int, default=30, help="changements de champ mesurés (défaut : 30)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium est introuvable : installez-le (apt-get install chromium).")
    resultats = {}
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        resultats["prechauffe"] = passage(navigateur, True, args.repetitions, args.interactions)
        resultats["a_froid"] = passage(navigateur, False, args.repetitions, args.interactions)
        navigateur.close()
    print(f"\nPremier widget affiché ({args.repetitions} ouvertures par carnet, médianes ; même machine, {os.cpu_count()} cœurs)")
    rapport("Avec noyaux préchauffés (prechauffer=seances, ou serve-classe)", resultats["prechauffe"])
    rapport("À froid (réserve de noyaux épuisée)", resultats["a_froid"])
    dossier = RACINE / "bench" / "resultats"
    dossier.mkdir(exist_ok=True)
    fichier = dossier / time.strftime("rendu-%Y%m%d-%H%M%S.json")
    fichier.write_text(json.dumps(resultats, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nDétail : {fichier.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
