"""Les textes clés d'une séance en deux versions : texte courant et langage simplifié.

Un groupe FLE de niveau débutant n'a pas besoin d'une autre leçon, mais des mêmes idées dites en
phrases courtes et en mots courants. Les deux versions sont écrites côte à côte dans un fichier YAML
(``textes/NN-xxx.yaml``) qu'un formateur modifie sans Python ::

    titre: "Textes clés — La Belgique fédérale"
    textes:
      - id: niveaux
        titre: "Les niveaux de pouvoir"
        courant: |
          La Belgique est un **État fédéral**...
        simplifie: |
          La Belgique a plusieurs niveaux de pouvoir...

Dans le carnet : ``langage.bascule()`` une fois en haut de page, puis
``langage.encadre("textes/NN-xxx.yaml", "niveaux")`` là où le texte doit paraître. Tous les encadrés
de la page suivent le même interrupteur ; chacun porte aussi le sien, pour qu'on puisse changer de
version sans remonter la page. Un fichier mal formé ou un identifiant inconnu donne un message
français qui nomme le fichier, la ligne et le texte, à la place de l'encadré.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Annotated

import ipywidgets as w
import mistune
import traitlets
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from widgets.fichiers import Lecture, en_francais, lire

COURANT, SIMPLIFIE = "courant", "simplifie"
LIBELLES = {COURANT: "Texte courant", SIMPLIFIE: "Langage simplifié"}
_markdown = mistune.create_markdown(escape=True)  # le HTML brut des fichiers est affiché tel quel, jamais interprété


class TextesInvalides(ValueError):
    """Un fichier de textes clés invalide ; le message nomme le fichier, le texte et le champ."""


class TexteCle(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    titre: Annotated[str, Field(min_length=1)]
    courant: Annotated[str, Field(min_length=1)]
    simplifie: Annotated[str, Field(min_length=1)]


class FichierTextes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: Annotated[str, Field(min_length=1)]
    textes: Annotated[list[TexteCle], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids_uniques(self):
        vus: set[str] = set()
        for t in self.textes:
            if t.id in vus:
                raise ValueError(f"l'identifiant « {t.id} » est utilisé deux fois")
            vus.add(t.id)
        return self

    def texte(self, ident: str) -> TexteCle | None:
        return next((t for t in self.textes if t.id == ident), None)


def _message(lecture: Lecture, exc: ValidationError) -> str:
    e = exc.errors(include_url=False)[0]
    loc = list(e["loc"])
    brut = lecture.donnees
    lieu = "le fichier"
    if len(loc) >= 2 and loc[0] == "textes" and isinstance(loc[1], int):
        textes = brut.get("textes") if isinstance(brut, dict) else None
        ident = textes[loc[1]].get("id") if isinstance(textes, list) and loc[1] < len(textes) and isinstance(textes[loc[1]], dict) else None
        lieu = f"le texte n° {loc[1] + 1}" + (f" (« {ident} »)" if ident else "")
        if len(loc) > 2:
            lieu += f", champ « {loc[2]} »"
    elif loc:
        lieu = f"le champ « {loc[0]} »"
    detail = "champ manquant" if e["type"] == "missing" else en_francais(e, FichierTextes)
    return f"{lecture.chemin}, ligne {lecture.ligne(loc)} : {lieu} : {detail}."


@lru_cache(maxsize=32)
def _charger(chemin: Path, _mtime: float) -> FichierTextes:
    lecture = lire(chemin, TextesInvalides)
    try:
        return FichierTextes.model_validate(lecture.donnees)
    except ValidationError as exc:
        raise TextesInvalides(_message(lecture, exc)) from None


def charger(chemin: str | Path) -> FichierTextes:
    """Lit et valide un fichier de textes clés (relu s'il a changé depuis la dernière lecture)."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise TextesInvalides(f"{chemin} : fichier de textes clés introuvable.")
    return _charger(chemin, chemin.stat().st_mtime)


def en_html(markdown: str) -> str:
    return _markdown(markdown)


class _Etat(traitlets.HasTraits):
    """La version choisie pour toute la page (un noyau Voilà = une page)."""

    version = traitlets.Unicode(COURANT)


ETAT = _Etat()


def _interrupteur() -> w.ToggleButtons:
    bouton = w.ToggleButtons(
        options=[(LIBELLES[COURANT], COURANT), (LIBELLES[SIMPLIFIE], SIMPLIFIE)],
        value=ETAT.version,
        tooltips=["Le texte de la leçon", "Les mêmes idées en phrases courtes et en mots courants (groupes FLE)"],
        style={"button_width": "auto"},
    )
    bouton.add_class("kit-langage-bascule")
    w.link((bouton, "value"), (ETAT, "version"))
    return bouton


def bascule() -> w.Widget:
    """L'interrupteur de la page, avec une phrase qui dit à quoi il sert."""
    aide = w.HTML('<span class="kit-langage-aide">Les encadrés « texte clé » de cette séance existent en deux versions : '
                  "choisissez celle qui convient à votre groupe.</span>")
    boite = w.VBox([w.HTML("<strong>Version des textes clés</strong>"), _interrupteur(), aide])
    boite.add_class("kit-langage")
    return boite


def encadre(chemin: str | Path, ident: str) -> w.Widget:
    """Le texte clé ``ident`` du fichier ``chemin``, dans la version choisie par l'interrupteur."""
    try:
        texte = charger(chemin).texte(ident)
        if texte is None:
            connus = ", ".join(t.id for t in charger(chemin).textes)
            raise TextesInvalides(f"{chemin} : aucun texte clé « {ident} » (textes connus : {connus}).")
    except TextesInvalides as exc:
        return w.HTML(f'<div class="kit-erreur" role="alert">Texte clé indisponible — {escape(str(exc))}</div>')

    contenu = w.HTML()
    contenu.add_class("kit-texte-cle-corps")

    def montrer(_=None):
        version = ETAT.version
        marque = ' <span class="kit-badge">langage simplifié</span>' if version == SIMPLIFIE else ""
        corps = texte.simplifie if version == SIMPLIFIE else texte.courant
        contenu.value = (f'<div class="kit-texte-cle" lang="fr" data-version="{version}">'
                         f"<h4>{escape(texte.titre)}{marque}</h4>{en_html(corps)}</div>")

    montrer()
    ETAT.observe(montrer, names="version")
    boite = w.VBox([contenu, _interrupteur()])
    boite.add_class("kit-encadre-texte")
    return boite
