"""Graphiques et téléchargements des simulateurs : une figure matplotlib rendue en PNG dans un
``<img>`` avec son texte de remplacement (moteur Agg, sans pyplot ni JavaScript : Voilà bloque les sorties JavaScript),
un lien ``<a download>`` dont le contenu est dans l'adresse (``data:...;base64``)."""

from __future__ import annotations

import base64
import io
from html import escape

import ipywidgets as w

ROUGE, VERT, BLEU, GRIS = "#a3242b", "#1b6e3a", "#1d4e89", "#4a4a4a"


def figure(largeur: float = 8.0, hauteur: float = 3.4):
    """Une figure matplotlib sans pyplot (aucun état global, moteur Agg)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(largeur, hauteur), dpi=100, layout="constrained")
    return fig


def en_png(fig) -> bytes:
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png")
    return tampon.getvalue()


class ImagePNG(w.HTML):
    """Un graphique PNG affiché par une balise ``<img>`` qui porte son texte de remplacement
    (``alt``), lu par les lecteurs d'écran. ``ipywidgets.Image`` n'a pas d'attribut ``alt``, et son
    ``tooltip`` fait échouer l'affichage de l'image (ipywidgets 8.1.9) : d'où ce widget HTML.
    On lui donne l'image par ``.png = contenu`` (``b""`` pour la vider)."""

    def __init__(self, texte_alt: str, **kwargs):
        super().__init__(**kwargs)
        self.texte_alt = texte_alt
        self._png = b""

    @property
    def png(self) -> bytes:
        return self._png

    @png.setter
    def png(self, contenu: bytes) -> None:
        self._png = bytes(contenu or b"")
        code = base64.b64encode(self._png).decode("ascii")
        self.value = (f'<img src="data:image/png;base64,{code}" alt="{escape(self.texte_alt)}" '
                      'style="width:100%;max-width:52em;height:auto">' if self._png else "")


def image(classe: str, texte_alt: str = "Graphique : les mêmes chiffres figurent dans le tableau qui l'accompagne.") -> ImagePNG:
    """Un emplacement d'image PNG (le graphique), avec sa classe CSS stable et son texte de remplacement."""
    img = ImagePNG(texte_alt, layout=w.Layout(width="100%", max_width="52em"))
    img.add_class(classe)
    return img


def lien_telechargement(nom_fichier: str, contenu: bytes, mime: str, libelle: str, classe: str) -> str:
    """Un lien ``<a download>`` dont le contenu est dans l'adresse (``data:...;base64``)."""
    code = base64.b64encode(contenu).decode("ascii")
    return (f'<a class="{escape(classe)}" download="{escape(nom_fichier)}" href="data:{mime};base64,{code}" '
            f'style="display:inline-block;margin:0.2em 0.8em 0.2em 0;padding:0.3em 0.8em;border:1px solid {BLEU};'
            f'border-radius:4px;color:{BLEU};text-decoration:none">⬇ {escape(libelle)}</a>')
