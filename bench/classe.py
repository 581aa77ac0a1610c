"""Une salle de formation sur un portable : 25 apprenants ouvrent la même séance au même moment et
se servent de son simulateur, pendant qu'un vrai navigateur mesure ce que voit l'un d'eux.

Dans une vraie salle, chaque navigateur tourne sur son propre appareil : ici, les 25 apprenants
sont simulés sans navigateur (``client_voila.py`` : la page demandée à Voilà, puis le websocket
du noyau et les messages des widgets, comme un navigateur), et une seule page Chromium mesure le
temps d'affichage et la latence sous cette charge. Rapporte : pages affichées, temps d'affichage
(médiane, pire), latence des interactions (médiane, 95e centile), mémoire du serveur et des noyaux
pendant et après (les pages fermées libèrent leur noyau).

    make bench-classe      # ou : .venv/bin/python bench/classe.py --apprenants 25
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections import Counter

from client_voila import SessionVoila, choisir_nationalite, remplir_persona
from playwright.async_api import async_playwright
from rendu import ARGS, CHROMIUM, INTERACTION_JS, SIMULATEUR, centile
from serveur_mesure import RACINE, ServeurMesure
from tornado.httpclient import AsyncHTTPClient

NATIONALITES = [("Italie (IT)", "non_concerne"), ("Maroc (MA)", "obligatoire")]


async def apprenant(base: str, numero: int, interactions: int, hasard: random.Random, resultats: dict) -> None:
    s = SessionVoila(base)
    try:
        await s.ouvrir(f"voila/render/{SIMULATEUR}", delai=300)
        resultats["rendus"].append(s.duree_rendu)
        await s.charger_etats()
        resultats["premiers_clics"].append(await remplir_persona(s))
        for i in range(interactions):
            await asyncio.sleep(hasard.uniform(1.0, 3.0))  # le temps de lire et de réfléchir
            libelle, statut = NATIONALITES[i % 2]
            resultats["latences"].append(await choisir_nationalite(s, libelle, statut))
    except Exception as exc:  # une page qui échoue est comptée, pas fatale pour la mesure
        resultats["echecs"].append(f"apprenant {numero} : {type(exc).__name__} {exc}")
    finally:
        resultats["sessions"].append(s)


async def navigateur_temoin(base: str, resultats: dict) -> None:
    """Une vraie page Chromium ouverte au milieu de la salle."""
    async with async_playwright() as p:
        navigateur = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = await navigateur.new_page(locale="fr-BE")
        t0 = time.perf_counter()
        await page.goto(f"{base}/voila/render/{SIMULATEUR}", wait_until="commit")
        await page.wait_for_selector(".kit-persona", state="visible", timeout=300_000)
        resultats["temoin_rendu"] = time.perf_counter() - t0
        await page.locator(".kit-persona").first.click()
        await page.wait_for_selector('.kit-decision[data-statut="obligatoire"]', timeout=120_000)
        await page.wait_for_selector(".kit-carte iframe", state="attached", timeout=120_000)
        for i in range(10):
            await asyncio.sleep(1)
            resultats["temoin_latences"].append(await page.evaluate(INTERACTION_JS, list(NATIONALITES[i % 2])) / 1000)
        await page.close(run_before_unload=True)
        await asyncio.sleep(1)
        await navigateur.close()


async def echantillonner(serveur: ServeurMesure, resultats: dict, stop: asyncio.Event) -> None:
    while not stop.is_set():
        m = serveur.memoire()
        if m["serveur_mo"] + m["noyaux_mo"] > resultats["pic"].get("total_mo", 0):
            resultats["pic"] = {**m, "total_mo": m["serveur_mo"] + m["noyaux_mo"]}
        await asyncio.sleep(1)


async def salle(serveur: ServeurMesure, n: int, interactions: int, graine: int) -> dict:
    AsyncHTTPClient.configure(None, max_clients=n + 5)
    resultats: dict = {"rendus": [], "premiers_clics": [], "latences": [], "echecs": [], "sessions": [], "temoin_latences": [], "pic": {}}
    hasard = random.Random(graine)
    stop = asyncio.Event()
    sonde = asyncio.ensure_future(echantillonner(serveur, resultats, stop))
    t0 = time.perf_counter()
    taches = [apprenant(serveur.base, i, interactions, random.Random(hasard.random()), resultats) for i in range(n)]
    temoin = asyncio.ensure_future(navigateur_temoin(serveur.base, resultats))
    await asyncio.gather(*taches, temoin)
    resultats["duree_totale"] = time.perf_counter() - t0
    resultats["pendant"] = serveur.memoire()
    codes = await asyncio.gather(*(s.fermer() for s in resultats.pop("sessions")), return_exceptions=True)  # les onglets se ferment
    resultats["fermetures"] = dict(Counter(map(str, codes)))
    await asyncio.sleep(8)  # le temps que les noyaux s'arrêtent et que la réserve se remplisse
    stop.set()
    await sonde
    resultats["apres"] = serveur.memoire()
    return resultats


def main() -> None:
    parser = argparse.ArgumentParser(description="25 apprenants sur une séance, un navigateur témoin.")
    parser.add_argument("--apprenants", type=int, default=25)
    parser.add_argument("--interactions", type=int, default=5, help="changements de nationalité par apprenant (défaut : 5)")
    parser.add_argument("--graine", type=int, default=2026, help="graine du hasard (temps de réflexion)")
    parser.add_argument("--places", type=int, default=0,
                        help="noyaux préparés d'avance pour la séance, comme make serve-classe SEANCE=... PLACES=... (défaut : 0, la réserve de make serve)")
    args = parser.parse_args()
    options = [f"--VoilaKit.seance_du_jour={SIMULATEUR}", f"--VoilaKit.places={args.places}"] if args.places else []
    serveur = ServeurMesure(*options)
    try:
        t0 = time.perf_counter()
        serveur.attendre_prechauffe(SIMULATEUR, delai=900)  # noyaux de la réserve démarrés...
        serveur.attendre_repos(delai=900)                     # ... et leurs carnets exécutés
        preparation = time.perf_counter() - t0
        avant = serveur.memoire()
        r = asyncio.run(salle(serveur, args.apprenants, args.interactions, args.graine))
    finally:
        serveur.arreter()

    n = args.apprenants
    print(f"\nSalle de {n} apprenants sur « {SIMULATEUR} » ({args.interactions} interactions chacun, temps de réflexion 1 à 3 s)")
    print(f"  Noyaux préparés d'avance pour la séance : {max(1, args.places)} (prêts {preparation:.0f} s après le lancement du serveur)")
    print(f"  Pages affichées : {len(r['rendus'])} / {n} en {r['duree_totale']:.0f} s" + (f" ; échecs : {r['echecs']}" if r["echecs"] else ""))
    if r["rendus"]:
        print(f"  Temps d'affichage (page complète, noyau compris) : médiane {statistics.median(r['rendus']):.1f} s, pire {max(r['rendus']):.1f} s")
    if r["premiers_clics"]:
        pc = r["premiers_clics"]
        print(f"  Premier clic (un exemple, tous en même temps, avec la carte du CRI) : médiane {statistics.median(pc) * 1000:.0f} ms, pire {max(pc) * 1000:.0f} ms")
    if r["latences"]:
        print(f"  Interactions suivantes sous charge ({len(r['latences'])}) : médiane {statistics.median(r['latences']) * 1000:.0f} ms, "
              f"95e centile {centile(r['latences'], 95) * 1000:.0f} ms, pire {max(r['latences']) * 1000:.0f} ms")
    if "temoin_rendu" in r:
        lat = r["temoin_latences"]
        print(f"  Navigateur témoin : premier widget après {r['temoin_rendu']:.1f} s ; interactions médiane {statistics.median(lat) * 1000:.0f} ms, "
              f"pire {max(lat) * 1000:.0f} ms")
    print(f"  Fermeture des pages (réponse du serveur à la demande d'arrêt du noyau) : {r['fermetures']}")
    for nom, m in (("avant", avant), ("pic", r["pic"]), ("après fermeture", r["apres"])):
        if m:
            print(f"  Mémoire {nom} : serveur {m['serveur_mo']:.0f} Mo, {m['noyaux']} noyaux, {m['noyaux_mo']:.0f} Mo de noyaux")
    dossier = RACINE / "bench" / "resultats"
    dossier.mkdir(exist_ok=True)
    fichier = dossier / time.strftime("classe-%Y%m%d-%H%M%S.json")
    fichier.write_text(json.dumps({**r, "avant": avant, "apprenants": n, "places": args.places}, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print(f"\nDétail : {fichier.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
