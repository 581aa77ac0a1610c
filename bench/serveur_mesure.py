"""Voilà lancé pour les mesures : port libre, journal lu au fil de l'eau (pour savoir quand un
noyau préchauffé est prêt), mémoire du serveur et de ses noyaux lue dans /proc (Linux)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
POOL = re.compile(r"Kernel pool of (.+?) is filled")


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeurMesure:
    def __init__(self, *options: str):
        self.port = port_libre()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "widgets.serveur", f"--Voila.root_dir={RACINE}", "--no-browser", f"--port={self.port}", *options],
            cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.prets: Counter[str] = Counter()
        self.utilises: Counter[str] = Counter()
        self._verrou = threading.Condition()
        threading.Thread(target=self._lire_journal, daemon=True).start()
        limite = time.monotonic() + 90
        while time.monotonic() < limite:
            try:
                urllib.request.urlopen(f"{self.base}/voila/static/voila.js", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.arreter()
        raise SystemExit("Voilà n'a pas démarré dans les 90 secondes.")

    def _lire_journal(self) -> None:
        for ligne in self.proc.stdout:
            trouve = POOL.search(ligne)
            if trouve:
                with self._verrou:
                    self.prets[trouve.group(1)] += 1
                    self._verrou.notify_all()

    def attendre_prechauffe(self, carnet: str, delai: float = 120) -> bool:
        """Attend qu'un noyau préchauffé neuf soit prêt pour ``carnet`` (chemin relatif)."""
        with self._verrou:
            ok = self._verrou.wait_for(lambda: self.prets[carnet] > self.utilises[carnet], timeout=delai)
            self.utilises[carnet] += 1
            return ok

    def attendre_repos(self, delai: float = 600, calme: float = 2.0) -> float:
        """Attend que les noyaux ne calculent plus (un noyau préchauffé « prêt » exécute encore
        son carnet) : leur temps processeur ne doit plus bouger pendant ``calme`` secondes."""
        t0 = time.monotonic()
        precedent, depuis = self._cpu_noyaux(), time.monotonic()
        while time.monotonic() - t0 < delai:
            time.sleep(0.5)
            actuel = self._cpu_noyaux()
            if actuel - precedent > 0.05:
                precedent, depuis = actuel, time.monotonic()
            elif time.monotonic() - depuis >= calme:
                break
        return time.monotonic() - t0

    def _cpu_noyaux(self) -> float:
        total = 0.0
        for pid in self._noyaux():
            try:
                champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
        return total

    def _noyaux(self) -> list[int]:
        enfants: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                champs = stat.read_text().rsplit(")", 1)[1].split()
                enfants.setdefault(int(champs[1]), []).append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue
        return [pid for pid in _descendants(self.proc.pid, enfants) if "ipykernel" in _cmdline(pid)]

    def memoire(self) -> dict[str, float]:
        """Mémoire résidente (Mo) du serveur et de ses noyaux."""
        def rss(pid: int) -> float:
            try:
                for ligne in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if ligne.startswith("VmRSS:"):
                        return int(ligne.split()[1]) / 1024
            except OSError:
                pass
            return 0.0

        noyaux = self._noyaux()
        return {"serveur_mo": rss(self.proc.pid), "noyaux": len(noyaux), "noyaux_mo": sum(rss(p) for p in noyaux)}

    def arreter(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _descendants(pid: int, enfants: dict[int, list[int]]) -> list[int]:
    resultat, pile = [], list(enfants.get(pid, []))
    while pile:
        p = pile.pop()
        resultat.append(p)
        pile.extend(enfants.get(p, []))
    return resultat


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""
