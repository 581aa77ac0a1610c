"""Vitesse des « Passeports du migrant » (``python -m widgets.passeports``), rapportée à un carnet vide.

Deux mesures, dans le même passage :
- un passeport (Mons), en série : l'exécution papermill du modèle et l'export HTML, chacune
  comparée à l'exécution papermill d'un carnet vide (une cellule ``pass``) ; les deux carnets
  alternent, pour que la charge de la machine pèse pareil sur chacun ;
- le débit : les 24 communes du CIMB produites comme le fait ``make passeports CRI=CIMB`` (un
  processus par cœur), en passeports par minute.

Ce ne sont pas des tests : rien n'échoue, les chiffres sont imprimés et gardés dans
``bench/resultats/`` (non versionné). La charge de la machine (moyenne sur une minute) est notée
avant et après : sur une machine partagée, elle explique bien des écarts.

    make bench-passeports     # ou : .venv/bin/python bench/passeports.py --repetitions 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from widgets import data, passeports  # noqa: E402

COMMUNE = "53053"  # Mons
CRI = "CIMB"


def carnet_vide(dossier: Path) -> Path:
    import nbformat

    chemin = dossier / "vide.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")],
                                  metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    nbformat.write(nb, chemin)
    return chemin


def executer_vide(chemin: Path, dossier: Path) -> float:
    import papermill

    t0 = time.perf_counter()
    papermill.execute_notebook(str(chemin), str(dossier / "vide-execute.ipynb"), kernel_name="python3",
                               progress_bar=False, cwd=str(dossier), execution_timeout=passeports.DELAI)
    return time.perf_counter() - t0


def un_passeport(dossier: Path) -> tuple[float, float]:
    """(exécution papermill du modèle, export HTML), en secondes."""
    t0 = time.perf_counter()
    carnet = passeports.executer(COMMUNE, dossier)
    t1 = time.perf_counter()
    passeports.exporter_html(carnet, "Passeport du migrant — Mons")
    return t1 - t0, time.perf_counter() - t1


def charge() -> float:
    return os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description="Temps d'un passeport et passeports par minute, contre un carnet vide.")
    parser.add_argument("--repetitions", type=int, default=5, help="exécutions de chaque carnet, en série (défaut : 5)")
    parser.add_argument("--processus", type=int, default=None, help="processus pour le débit (défaut : un par cœur)")
    args = parser.parse_args()
    passeports._environnement()
    resultat: dict = {"date": dt.datetime.now().isoformat(timespec="seconds"), "coeurs": os.cpu_count(), "charge_avant": charge()}

    with tempfile.TemporaryDirectory(prefix="bench-passeports-") as tmp:
        dossier = Path(tmp)
        vide = carnet_vide(dossier)
        print("Échauffement (imports de papermill et de nbconvert, premier noyau)...")
        executer_vide(vide, dossier)
        un_passeport(dossier)
        temps_vide, temps_exec, temps_export = [], [], []
        for i in range(args.repetitions):  # en alternance
            temps_vide.append(executer_vide(vide, dossier))
            e, x = un_passeport(dossier)
            temps_exec.append(e)
            temps_export.append(x)
            print(f"  {i + 1}/{args.repetitions} : carnet vide {temps_vide[-1]:.2f} s ; passeport {e:.2f} s + export {x:.2f} s")
        resultat["serie"] = {"carnet_vide_s": temps_vide, "passeport_execution_s": temps_exec, "passeport_export_s": temps_export}

        communes, _ = passeports.choisir(cri=[CRI])
        print(f"\nDébit : les {len(communes)} communes du {CRI}...")
        bilan = passeports.generer(communes, dossier / "sortie", processus=args.processus)
        resultat["debit"] = {"communes": len(communes), "reussis": len(bilan.reussis), "echecs": len(bilan.echecs),
                             "duree_s": bilan.duree_s, "processus": min(args.processus or os.cpu_count() or 1, len(communes)),
                             "par_commune_s": [r["duree_s"] for r in bilan.reussis]}
    resultat["charge_apres"] = charge()

    med_vide, med_exec, med_export = (statistics.median(v) for v in (temps_vide, temps_exec, temps_export))
    d = resultat["debit"]
    print(f"\nPasseport de Mons, en série ({args.repetitions} mesures, médianes) :")
    print(f"  carnet vide (papermill)        {med_vide:6.2f} s   (pire {max(temps_vide):.2f} s)")
    print(f"  passeport : exécution          {med_exec:6.2f} s   (pire {max(temps_exec):.2f} s)   {med_exec / med_vide:.1f}x le carnet vide")
    print(f"  passeport : export HTML        {med_export:6.2f} s")
    print(f"  passeport complet              {med_exec + med_export:6.2f} s   {(med_exec + med_export) / med_vide:.1f}x le carnet vide")
    print(f"Débit : {d['reussis']}/{d['communes']} passeports du {CRI} en {d['duree_s']:.1f} s avec {d['processus']} processus, "
          f"soit {60 * d['reussis'] / d['duree_s']:.1f} passeports par minute ({d['echecs']} échec(s)).")
    if d["par_commune_s"]:
        print(f"  par commune (dans un processus, import compris) : médiane {statistics.median(d['par_commune_s']):.2f} s, pire {max(d['par_commune_s']):.2f} s")
    print(f"Charge de la machine (moyenne sur 1 min) : {resultat['charge_avant']:.1f} avant, {resultat['charge_apres']:.1f} après, pour {resultat['coeurs']} cœurs.")

    sortie = RACINE / "bench" / "resultats"
    sortie.mkdir(parents=True, exist_ok=True)
    fichier = sortie / f"passeports-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    fichier.write_text(json.dumps(resultat, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"Résultats : {fichier.relative_to(RACINE)}")


if __name__ == "__main__":
    data.charger()
    main()
