"""Des champs de formulaire avec leur message d'erreur juste en dessous, en français."""

from __future__ import annotations

import html

import ipywidgets as w

LARGEUR_LIBELLE = "16em"
STYLE_LIBELLE = {"description_width": LARGEUR_LIBELLE}
LARGEUR = w.Layout(width="auto", max_width="44em")


class Champ:
    """Un widget de saisie, son libellé, une aide facultative et une zone d'erreur.

    ``nom`` est le nom du champ dans la situation (celui que citent les messages d'erreur).
    """

    def __init__(self, nom: str, widget: w.ValueWidget, libelle: str, aide: str = ""):
        self.nom, self.widget = nom, widget
        widget.description = libelle
        widget.style = STYLE_LIBELLE
        widget.layout = LARGEUR
        widget.add_class(f"kit-champ-{nom.replace('_', '-')}")
        self.erreur = w.HTML("", layout=w.Layout(margin=f"0 0 0 {LARGEUR_LIBELLE}"))
        self.erreur.add_class("kit-erreur")
        self.erreur.add_class(f"kit-erreur-{nom.replace('_', '-')}")
        enfants = [widget]
        if aide:
            aide_w = w.HTML(f'<span class="kit-ref">{html.escape(aide)}</span>', layout=w.Layout(margin=f"0 0 0 {LARGEUR_LIBELLE}"))
            enfants.append(aide_w)
        enfants.append(self.erreur)
        self.boite = w.VBox(enfants, layout=w.Layout(margin="0 0 0.35em 0"))

    @property
    def valeur(self):
        return self.widget.value

    @valeur.setter
    def valeur(self, v) -> None:
        self.widget.value = v

    def signaler(self, message: str | None) -> None:
        self.erreur.value = f"⚠ {html.escape(message)}" if message else ""


def formulaire(champs: list[Champ]) -> w.VBox:
    boite = w.VBox([c.boite for c in champs])
    boite.add_class("kit-formulaire")
    return boite
