"""Chaque statut que rend un jeu de règles a un ton (couleur de la carte) et une icône : un jeu de
règles ajouté sans compléter ``widgets.ui.decision.TONS`` s'afficherait en gris, sans icône."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import widgets.rules
from widgets.ui import decision

MODULES = [importlib.import_module(f"widgets.rules.{m.name}") for m in pkgutil.iter_modules(widgets.rules.__path__)]
AVEC_STATUTS = [m for m in MODULES if isinstance(getattr(m, "STATUTS", None), tuple)]


def test_on_trouve_les_jeux_de_regles():
    noms = {m.__name__.rsplit(".", 1)[1] for m in AVEC_STATUTS}
    assert {"parcours", "vote", "interprete"} <= noms


@pytest.mark.parametrize("module", AVEC_STATUTS, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_chaque_statut_a_un_ton_et_une_icone(module):
    manquants = [s for s in module.STATUTS if s not in decision.TONS]
    assert not manquants, f"à ajouter dans widgets/ui/decision.py, TONS : {manquants}"
