"""Lance Voilà sur le kit, la page d'accueil (``index.ipynb``) à la racine du site.

Deux ajouts à Voilà, rien d'autre :
- ``/`` redirige vers la page d'accueil (Voilà, en mode dossier, y listerait les fichiers) ;
- le gabarit ``widgets/gabarit`` (celui de Voilà plus un bandeau « page en pause, recharger »
  quand le noyau a été libéré).
Tout le reste est la configuration de Voilà et de Jupyter Server dans ``voila.json`` : adresse,
noyaux préchauffés, masquage des sources, pas de traces d'erreur, nettoyage des noyaux inactifs,
types de messages admis depuis le navigateur (aucune exécution de code).

    python -m widgets.serveur [options de Voilà]            # sur cet ordinateur (127.0.0.1)
    python -m widgets.serveur --classe [options de Voilà]   # pour une salle, sur le réseau local
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets import Enum, Integer, List, Unicode
from voila.app import Voila

PAGE_ACCUEIL = "voila/render/index.ipynb"
CLE_FORMATEUR = "KIT_CLE_FORMATEUR"  # lue par widgets.seance
MODE_SALLE = "KIT_SALLE"
RESERVE_APRES_ARRIVEE = 2
GABARIT = Path(__file__).with_name("gabarit")


def motif_exclusion(racine: str | Path, prechauffer: str = "accueil", aussi: list[str] | tuple[str, ...] = ()) -> str:
    """L'expression de « preheat_denylist » : tout carnet est exclu du préchauffage, sauf la page
    d'accueil, les carnets de ``aussi`` (chemins relatifs) et, si ``prechauffer == "seances"``,
    chaque séance (``modules/<module>/NN-*.ipynb``)."""
    dossier = re.escape(str(Path(racine).resolve()))
    autres = "".join(f"|{re.escape(c)}" for c in aussi)
    toutes = r"|modules/[^/]+/[0-9][0-9]-[^/]*\.ipynb" if prechauffer == "seances" else ""
    return rf"^(?!{dossier}/(index\.ipynb{toutes}{autres})$)"


class VoilaKit(Voila):
    prechauffer_aussi = List(Unicode(), config=True,
                             help="Autres carnets à préchauffer (chemins relatifs), par exemple le carnet blanc des mesures.")
    seance_du_jour = Unicode("", config=True, help="Séance d'une salle de formation (chemin relatif) : on lui prépare « places » noyaux d'avance.")
    places = Integer(0, config=True, help="Nombre de noyaux préparés d'avance pour la séance du jour (un par apprenant attendu).")
    prechauffer = Enum(["accueil", "seances"], "accueil", config=True,
                       help="« accueil » : la page d'accueil, la séance du jour et « prechauffer_aussi » ; « seances » : en plus, "
                            "un noyau prêt pour chaque séance (environ 130 Mo par séance : pour un serveur qui a la mémoire).")

    def init_settings(self):
        # Voilà préchauffe tous les carnets du dossier (même ceux de .venv) sauf ceux que
        # « preheat_denylist » exclut, comparés par chemin absolu. Par défaut, on n'y laisse que la
        # page d'accueil, la séance du jour et « prechauffer_aussi » : avec 25 séances, un noyau
        # d'avance pour chacune coûterait plus de 3 Go et des minutes de calcul au lancement d'un
        # portable à 2 cœurs, pour gagner moins d'une seconde à l'ouverture d'une séance
        # (bench/rendu.py). « --VoilaKit.prechauffer=seances » les préchauffe toutes.
        self.config.VoilaKernelManager.preheat_denylist = [motif_exclusion(
            self.root_dir, self.prechauffer, [*self.prechauffer_aussi, *([self.seance_du_jour] if self.seance_du_jour else [])])]
        if self.seance_du_jour and self.places > 0:
            if not (Path(self.root_dir) / self.seance_du_jour).is_file():
                raise SystemExit(f"Séance introuvable : {self.seance_du_jour} (chemin attendu : modules/<module>/NN-titre.ipynb).")
            pools = dict(self.config.VoilaKernelManager.get("kernel_pools_config", {"default": {"pool_size": 1}}))
            pools[self.seance_du_jour] = {"pool_size": self.places}
            self.config.VoilaKernelManager.kernel_pools_config = pools
        reglages = super().init_settings()
        if self.seance_du_jour and self.places > 0:
            # La réserve initiale est lancée. Voilà la remplirait ensuite à chaque page ouverte :
            # 25 arrivées, 25 nouveaux noyaux en même temps, le portable saturé au pire moment.
            # On ne garde donc plus qu'une petite réserve une fois la salle arrivée.
            pools = dict(self.kernel_manager.kernel_pools_config)
            pools[self.seance_du_jour] = {"pool_size": min(self.places, RESERVE_APRES_ARRIVEE)}
            self.kernel_manager.kernel_pools_config = pools
        return reglages

    def setup_template_dirs(self):
        super().setup_template_dirs()
        self.template_paths = [str(GABARIT), *self.template_paths]

    def init_handlers(self):
        accueil = url_path_join(self.server_url, PAGE_ACCUEIL)
        return [(self.server_url, RedirectHandler, {"url": accueil})] + super().init_handlers()


ALPHABET_JETON = "abcdefghjkmnpqrstuvwxyz23456789"  # sans 0/o, 1/l/i : se dicte et se recopie sans erreur


def jeton(longueur: int = 8) -> str:
    return "".join(secrets.choice(ALPHABET_JETON) for _ in range(longueur))


def adresses_locales() -> list[str]:
    """Les adresses IPv4 de cet ordinateur sur le réseau local, sans rien envoyer sur le réseau :
    le nom de la machine, puis ``hostname -I`` (Linux) ; les adresses de bouclage sont écartées."""
    adresses: set[str] = set()
    try:
        adresses |= {i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        pass
    try:
        sortie = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
        adresses |= {a for a in sortie.split() if a.count(".") == 3}
    except (OSError, subprocess.SubprocessError):
        pass
    return sorted(a for a in adresses if not a.startswith(("127.", "169.254.")))


def arguments_classe(argv: list[str], port: int = 8866) -> tuple[list[str], str]:
    """Les options de Voilà pour servir une salle : toutes les interfaces, un jeton de session."""
    code = jeton()
    return [*argv, "--Voila.ip=0.0.0.0", f"--Voila.token={code}", "--no-browser"], code


def annoncer_classe(code: str, port: int, cle_formateur: str = "") -> None:
    adresses = adresses_locales() or ["<adresse-de-cet-ordinateur>"]
    print("\n" + "=" * 72)
    print("  Kit de formation : mode salle de formation")
    print("  Adresse à donner aux apprenants (même réseau Wi-Fi que cet ordinateur) :")
    for a in adresses:
        print(f"      http://{a}:{port}/?token={code}")
    if not adresses_locales():
        print("  (Adresse introuvable : « ip addr » sous Linux, « ipconfig getifaddr en0 » sous macOS, « ipconfig » sous Windows.)")
    print(f"  Code de la séance (si la page le demande) : {code}")
    if cle_formateur:
        print("  Pour vous seul, le mode formateur (notes et corrigés) : ajoutez à l'adresse d'une séance")
        print(f"      ?mode=formateur&cle={cle_formateur}")
    print("  Arrêter : Ctrl+C. Un nouveau code est créé à chaque lancement.")
    print("=" * 72 + "\n", flush=True)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--classe" in argv:
        argv.remove("--classe")
        port = next((int(a.split("=", 1)[1]) for a in argv if a.startswith(("--port=", "--Voila.port="))), 8866)
        argv, code = arguments_classe(argv, port)
        cle = jeton(10)
        annoncer_classe(code, port, cle)
        # Les noyaux héritent de cet environnement : une séance sait qu'elle est servie à une salle
        # (le diagnostic n'y propose pas de lire un fichier de l'ordinateur du formateur, la
        # progression n'est pas gardée, le mode formateur demande la clé que seul le formateur a vue).
        os.environ[MODE_SALLE] = "1"
        os.environ[CLE_FORMATEUR] = cle
    VoilaKit.launch_instance(argv)


if __name__ == "__main__":
    main()
