"""Ce qu'une séance appelle en premier : le thème du mode choisi (apprenant, formateur, projection)."""

from __future__ import annotations

import ipywidgets as w

from widgets.ui import theme


def preparer(mode: str = "apprenant") -> w.Widget:
    """La feuille de style du kit pour ce mode (dernière expression de la cellule : elle s'affiche)."""
    avertissement = ""
    try:
        feuille = theme.css(mode)
    except ValueError as exc:
        feuille = theme.css("apprenant")
        avertissement = f'<div class="kit-avertissement">{exc} Le mode « apprenant » est utilisé.</div>'
    style = w.HTML(f"<style>{feuille}</style>{avertissement}")
    style.add_class("kit-seance")
    return style
