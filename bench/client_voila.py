"""Un client Voilà sans navigateur : il demande la page comme un navigateur, puis parle au noyau par
le websocket (protocole Jupyter, messages JSON), widgets compris. Il sert à simuler une salle de
25 apprenants sur 2 cœurs (``bench/classe.py``) et à vérifier qu'un navigateur ne peut pas faire
exécuter du code (``tests/test_securite.py``).

Tout passe par les mêmes URL qu'un navigateur : ``/voila/render/<carnet>``,
``/api/kernels/<id>/channels``, ``/voila/api/shutdown/<id>``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
import uuid
from typing import Any, Callable

from jupyter_server.services.kernels.connection.base import deserialize_binary_message
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>', re.S)


class SessionVoila:
    """Une page Voilà ouverte : son noyau, son websocket, l'état de ses widgets."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.session = uuid.uuid4().hex
        self.kernel_id: str | None = None
        self.ws = None
        self.recus: list[dict] = []
        self._attente: list[tuple[Callable[[dict], bool], asyncio.Future]] = []
        self._lecteur: asyncio.Task | None = None
        self.etats: dict[str, dict] = {}
        self.duree_rendu: float | None = None

    # -- la page --
    async def ouvrir(self, chemin: str, delai: float = 180) -> str:
        t0 = time.perf_counter()
        reponse = await AsyncHTTPClient().fetch(f"{self.base}/{chemin}", request_timeout=delai)
        html = reponse.body.decode("utf-8")
        self.duree_rendu = time.perf_counter() - t0
        trouve = CONFIG.search(html)
        if not trouve:
            texte = re.sub(r"<[^>]+>|\s+", " ", html)[-300:].strip()
            raise RuntimeError(f"page sans noyau (HTTP {reponse.code}) : « {texte} »")
        self.kernel_id = json.loads(trouve.group(1))["kernelId"]
        url = f"{self.base.replace('http', 'ws', 1)}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = await websocket_connect(url)
        self._lecteur = asyncio.ensure_future(self._lire())
        return html

    async def fermer(self) -> int | None:
        """Comme un onglet qu'on ferme : websocket fermé, demande d'arrêt du noyau. Rend le code HTTP."""
        if self.ws is not None:
            self.ws.close()
        if self._lecteur:
            self._lecteur.cancel()
        if not self.kernel_id:
            return None
        requete = HTTPRequest(f"{self.base}/voila/api/shutdown/{self.kernel_id}", method="POST", body=b"", request_timeout=60)
        reponse = await AsyncHTTPClient().fetch(requete, raise_error=False)
        return reponse.code

    # -- les messages --
    async def _lire(self) -> None:
        while True:
            brut = await self.ws.read_message()
            if brut is None:
                return
            # Un message qui porte des tampons binaires (images...) arrive en trame binaire.
            msg = deserialize_binary_message(brut) if isinstance(brut, bytes) else json.loads(brut)
            self.recus.append(msg)
            for condition, futur in list(self._attente):
                if not futur.done() and condition(msg):
                    futur.set_result(msg)
                    self._attente.remove((condition, futur))

    def envoyer(self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "apprenant", "session": self.session, "msg_type": msg_type,
                       "version": "5.3", "date": dt.datetime.now(dt.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": [],
        }))
        return msg_id

    async def attendre(self, condition: Callable[[dict], bool], delai: float = 30) -> dict:
        for msg in self.recus:
            if condition(msg):
                return msg
        futur = asyncio.get_running_loop().create_future()
        self._attente.append((condition, futur))
        return await asyncio.wait_for(futur, delai)

    # -- les widgets --
    async def charger_etats(self) -> dict[str, dict]:
        """Demande l'état de tous les widgets, comme le gestionnaire de widgets de la page."""
        comm_id = uuid.uuid4().hex
        self.envoyer("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                     metadata={"version": "1.0.0"})
        self.envoyer("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        reponse = await self.attendre(lambda m: m["header"]["msg_type"] == "comm_msg"
                                      and m["content"].get("comm_id") == comm_id
                                      and m["content"]["data"].get("method") == "update_states", delai=60)
        self.etats = reponse["content"]["data"]["states"]
        return self.etats

    def widget(self, classe: str) -> str:
        """L'identifiant du widget qui porte la classe CSS ``classe``."""
        for model_id, etat in self.etats.items():
            if classe in etat.get("state", {}).get("_dom_classes", []):
                return model_id
        raise KeyError(classe)

    def modifier(self, model_id: str, etat: dict[str, Any]) -> None:
        self.envoyer("comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": etat, "buffer_paths": []}})

    def cliquer(self, model_id: str) -> None:
        """Un clic sur un bouton, comme le navigateur l'envoie."""
        self.envoyer("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})

    def widgets(self, classe: str) -> list[str]:
        return [m for m, e in self.etats.items() if classe in e.get("state", {}).get("_dom_classes", [])]

    async def attendre_valeur(self, model_id: str, contient: str, delai: float = 30) -> dict:
        return await self.attendre(lambda m: m["header"]["msg_type"] == "comm_msg"
                                   and m["content"].get("comm_id") == model_id
                                   and contient in str(m["content"]["data"].get("state", {}).get("value", "")), delai)


async def remplir_persona(session: SessionVoila, rang: int = 0, statut: str = "obligatoire") -> float:
    """Clique sur un exemple (persona) du simulateur du parcours et attend la décision."""
    t0 = time.perf_counter()
    session.cliquer(session.widgets("kit-persona")[rang])
    await session.attendre_valeur(session.widget("kit-resultat"), f'data-statut="{statut}"', delai=60)
    session.recus.clear()
    return time.perf_counter() - t0


async def choisir_nationalite(session: SessionVoila, libelle: str, statut: str) -> float:
    """Change la nationalité du simulateur du parcours et attend la décision : la latence, en secondes."""
    liste = session.widget("kit-champ-nationalite")
    resultat = session.widget("kit-resultat")
    index = session.etats[liste]["state"]["_options_labels"].index(libelle)
    t0 = time.perf_counter()
    session.modifier(liste, {"index": index})
    await session.attendre_valeur(resultat, f'data-statut="{statut}"')
    session.recus.clear()
    return time.perf_counter() - t0
