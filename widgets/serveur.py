"""Lance Voilà sur le kit, la page d'accueil (``index.ipynb``) à la racine du site.

Voilà, en mode dossier, montre à la racine la liste des fichiers ; le kit redirige ``/`` vers
sa page d'accueil. Tout le reste (``voila.json`` : adresse, ports, masquage des sources,
absence de traces d'erreur, nettoyage des noyaux) est la configuration de Voilà elle-même.

    python -m widgets.serveur [options de Voilà]
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila

PAGE_ACCUEIL = "voila/render/index.ipynb"


class VoilaKit(Voila):
    def init_handlers(self):
        accueil = url_path_join(self.server_url, PAGE_ACCUEIL)
        return [(self.server_url, RedirectHandler, {"url": accueil})] + super().init_handlers()


main = VoilaKit.launch_instance

if __name__ == "__main__":
    main()
