"""Des champs de formulaire avec leur message d'erreur juste en dessous, en français."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from widgets.rules.montants import lire_montant
from widgets.rules.validation import ErreurSituation

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


def champ(nom: str, widget: w.ValueWidget, libelle: str, aide: str = "", largeur: str | None = None,
          largeur_libelle: str | None = None) -> Champ:
    """Un ``Champ`` (erreur en français sous le widget) ; ``largeur`` le rend compact, pour les lignes
    de tableau. ``nom`` ne contient que lettres, chiffres, tirets et soulignés (il devient une classe CSS)."""
    c = Champ(nom, widget, libelle, aide)
    if largeur:
        widget.layout = w.Layout(width=largeur)
        widget.style = {"description_width": largeur_libelle or "initial"}
        c.erreur.layout = w.Layout(margin="0", max_width=largeur)
        c.boite.layout = w.Layout(margin="0 0.3em 0.2em 0")
    return c


def texte(valeur: Any = "", placeholder: str = "") -> w.Text:
    """Un champ texte qui ne se valide qu'à la sortie du champ (Tab, Entrée), pas à chaque touche."""
    return w.Text(value="" if valeur is None else str(valeur), placeholder=placeholder, continuous_update=False)


def montant_en_texte(montant: Any) -> str:
    """« 30000.00 » → « 30 000 » ; « 12.50 » → « 12,50 » (saisie à la belge)."""
    if montant in (None, ""):
        return ""
    d = lire_montant(montant)
    entier = d == d.to_integral_value()
    brut = f"{d:,.0f}" if entier else f"{d:,.2f}"
    return brut.replace(",", " ").replace(".", ",")


def signaler_erreurs(exc: ErreurSituation, champs: dict[str, Champ], repli: Champ | None = None) -> list[str]:
    """Affiche chaque message à côté de son champ (chemin de la règle → nom du champ) ; rend les
    messages qui n'ont trouvé aucun champ."""
    orphelins = []
    for chemin, message in exc.par_champ().items():
        cible = champs.get(chemin) or champs.get(chemin.replace(".", "-"))
        if cible is None and repli is not None:
            cible = repli
        if cible is None:
            orphelins.append(f"{chemin} : {message}")
        else:
            cible.signaler(message)
    return orphelins


def message_erreur(texte_: str, classe: str = "kit-attente") -> str:
    return f'<div class="{classe}"><p>{html.escape(texte_)}</p></div>'


def bouton(description: str, classe: str, action: Callable[[], None], style: str = "", infobulle: str = "") -> w.Button:
    b = w.Button(description=description, button_style=style, tooltip=infobulle or description, layout=w.Layout(width="auto"))
    b.add_class(classe)
    b.on_click(lambda _b: action())
    return b


def bandeau_personas(exemples: dict[str, Any], remplir: Callable[[Any], None], titre: str = "Exemples à projeter",
                     mention: str = "données fictives", precision: str = "") -> w.VBox:
    """Les boutons « un exemple remplit le formulaire » d'un simulateur, plus « Vider le formulaire »
    (``remplir({})``). ``exemples`` : {libellé du bouton : ce que reçoit ``remplir``}."""
    boutons = [bouton(nom, "kit-persona", lambda v=valeur: remplir(v), infobulle=f"Remplir le formulaire avec : {nom}")
               for nom, valeur in exemples.items()]
    boutons.append(bouton("Vider le formulaire", "kit-vider", lambda: remplir({})))
    suite = f" {html.escape(precision)}" if precision else ""
    bandeau = w.VBox([w.HTML(f'<p><strong>{html.escape(titre)}</strong> <span class="kit-fictif">{html.escape(mention)}</span>{suite}</p>'),
                      w.HBox(boutons, layout=w.Layout(flex_flow="row wrap", grid_gap="0.4em"))])
    bandeau.add_class("kit-personas")
    return bandeau
