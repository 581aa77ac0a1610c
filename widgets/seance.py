"""Le début et la fin de chaque séance : le mode de la page, les notes du formateur, la progression.

Une séance s'ouvre en mode « apprenant ». Deux autres modes :
- « projection » (``?mode=projection`` dans l'adresse, l'interrupteur en haut de la page, ou le
  paramètre ``mode`` du carnet avec papermill) : grandes polices, fort contraste, un bloc par écran ;
- « formateur » (``?mode=formateur``, ou ``mode="formateur"`` avec papermill) : un cadre en haut de la
  page montre les notes du formateur (minutage, questions à poser, pièges) et les corrigés, que la
  page ne montre jamais aux apprenants (Voilà retire ces cellules, voir ``voila.json``). Quand le kit
  est servi à une salle, ce mode demande en plus la clé du formateur affichée au lancement du serveur
  (``&cle=…``), que les apprenants n'ont pas.

Dans le carnet : ``seance.preparer(mode)`` dans la deuxième cellule, ``seance.conclure()`` dans la
dernière cellule de code. Avec des noyaux préchauffés, Voilà exécute la page avant que quelqu'un la
demande : l'adresse (et donc ``?mode=``) n'est connue qu'après ``voila.utils.wait_for_request()``.
``conclure`` l'attend donc à la fin de la page, pour que le préchauffage garde tout son effet, puis
remplit le cadre préparé par ``preparer``.
"""

from __future__ import annotations

import json
import os
import secrets
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, unquote

import ipywidgets as w
import mistune

from widgets.ui import theme

RACINE = Path(__file__).resolve().parent.parent
CLE_FORMATEUR = "KIT_CLE_FORMATEUR"  # posée par « make serve-classe » : le mode formateur la demande alors
_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


class _Page:
    """Ce que ``preparer`` a affiché et que ``conclure`` complète (une page = un noyau)."""

    def __init__(self):
        self.mode = "apprenant"
        self.style: w.HTML | None = None
        self.cadre: w.Box | None = None


_PAGE = _Page()


# --- La page : quel carnet, quel mode ----------------------------------------------------------

def carnet_courant() -> Path | None:
    """Le fichier du carnet exécuté : d'après l'adresse demandée à Voilà, sinon d'après la session
    Jupyter (JupyterLab), sinon inconnu (papermill, nbval)."""
    adresse = os.environ.get("SCRIPT_NAME", "")
    if "/voila/render/" in adresse:
        relatif = unquote(adresse.split("/voila/render/", 1)[1])
        for candidat in (RACINE / relatif, Path.cwd() / Path(relatif).name):
            if candidat.is_file():
                return candidat.resolve()
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        for candidat in (Path(session), Path.cwd() / Path(session).name):
            if candidat.is_file():
                return candidat.resolve()
    return None


def seance_courante() -> str | None:
    """Le chemin de la séance relatif à la racine du kit (la clé de la progression), ou ``None``
    hors de Voilà ou pour une page qui n'est pas une séance (page d'accueil, planificateur)."""
    from widgets.catalogue import a_des_metadonnees_kit

    carnet = carnet_courant()
    if carnet is None or not a_des_metadonnees_kit(carnet):
        return None
    try:
        return carnet.relative_to(RACINE).as_posix()
    except ValueError:
        return None


def parametres_adresse() -> dict[str, str]:
    """Les paramètres de l'adresse de la page (``?mode=projection``) ; vide hors de Voilà."""
    return {k: v[-1] for k, v in parse_qs(os.environ.get("QUERY_STRING", "")).items()}


def _attendre_la_demande() -> None:
    try:
        from voila.utils import wait_for_request
    except ImportError:  # pragma: no cover - Voilà est une dépendance du kit
        return
    wait_for_request()


# --- Les notes du formateur -------------------------------------------------------------------

def notes_formateur(carnet: Path) -> tuple[list[str], list[str]]:
    """Le Markdown des cellules « notes-formateur » et « solution » du carnet, dans l'ordre de la page."""
    cellules = json.loads(Path(carnet).read_text(encoding="utf-8")).get("cells", [])
    def texte(c):
        return "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
    notes = [texte(c) for c in cellules if "notes-formateur" in c.get("metadata", {}).get("tags", [])]
    corriges = [texte(c) for c in cellules if "solution" in c.get("metadata", {}).get("tags", [])]
    return notes, corriges


def cadre_formateur_html(carnet: Path | None) -> str:
    if carnet is None:
        # papermill, nbval : le carnet exécuté contient lui-même ses notes, rien à répéter ici.
        return ('<div class="kit-notes-formateur"><p><strong>Mode formateur.</strong> Dans ce carnet, les notes du '
                "formateur et les corrigés sont les cellules marquées « notes-formateur » et « solution ».</p></div>")
    try:
        notes, corriges = notes_formateur(carnet)
    except (OSError, ValueError) as exc:
        return f'<div class="kit-avertissement">Les notes du formateur ne peuvent pas être lues : {escape(str(exc))}</div>'
    def bloc(titre: str, textes: list[str], vide: str, ouvert: bool) -> str:
        corps = "".join(f'<div class="kit-note">{_markdown(t)}</div>' for t in textes) or f"<p>{vide}</p>"
        return f'<details{" open" if ouvert else ""}><summary>{titre}</summary>{corps}</details>'
    return ('<section class="kit-notes-formateur" aria-label="Notes du formateur">'
            "<p><strong>Mode formateur.</strong> Ce cadre n'apparaît que pour vous : la page des apprenants ne "
            "contient ni ces notes ni les corrigés.</p>"
            + bloc("Notes pour le formateur : minutage, questions à poser, pièges", notes,
                   "Cette séance n'a pas de notes pour le formateur.", True)
            + bloc("Corrigés des exercices", corriges, "Cette séance n'a pas de corrigé.", False)
            + "</section>")


def _montrer_notes() -> None:
    if _PAGE.cadre is not None:
        vue = w.HTML(cadre_formateur_html(carnet_courant()))
        vue.add_class("kit-cadre-formateur")
        _PAGE.cadre.children = [vue]


def _refuser_formateur() -> None:
    if _PAGE.cadre is not None:
        vue = w.HTML('<div class="kit-avertissement">Le mode formateur demande la clé du formateur, affichée '
                     "au lancement du kit pour la salle (ajoutez « &amp;cle=… » à l'adresse). La page reste en mode apprenant.</div>")
        vue.add_class("kit-formateur-refuse")
        _PAGE.cadre.children = [vue]


# --- Les deux appels des carnets --------------------------------------------------------------

def preparer(mode: str = "apprenant") -> w.Widget:
    """La feuille de style du mode choisi et un cadre, vide, pour les notes du formateur."""
    avertissement = ""
    if mode not in theme.MODES:
        avertissement = (f'<div class="kit-avertissement">Mode inconnu : « {escape(str(mode))} ». Modes possibles : '
                         f"{', '.join(theme.MODES)}. Le mode « apprenant » est utilisé.</div>")
        mode = "apprenant"
    _PAGE.mode = mode
    _PAGE.style = w.HTML(f"<style>{theme.css(mode)}</style>{avertissement}")
    _PAGE.style.add_class("kit-style")
    _PAGE.cadre = w.VBox([])
    _PAGE.cadre.add_class("kit-cadre-mode")
    if mode == "formateur":  # papermill : le mode est connu tout de suite, sans adresse
        _montrer_notes()
    page = w.VBox([_PAGE.style, _PAGE.cadre])
    page.add_class("kit-seance")
    page.add_class(f"kit-seance-{mode}")
    return page


def conclure() -> w.Widget:
    """Dernière cellule d'une séance : applique le mode demandé dans l'adresse, puis, pour une
    apprenante sur son ordinateur, la case « J'ai terminé cette séance »."""
    _attendre_la_demande()
    demande = parametres_adresse()
    mode = demande.get("mode", "")
    if _PAGE.mode == "apprenant" and mode in theme.MODES and mode != "apprenant":
        if mode == "formateur":
            cle = os.environ.get(CLE_FORMATEUR)
            if cle and not secrets.compare_digest(demande.get("cle", ""), cle):
                _refuser_formateur()
            else:
                _PAGE.mode = "formateur"
                _montrer_notes()
        # « projection » : le gabarit pose la classe kit-mode-projection dès l'arrivée de la page.
    from widgets.ui import (
        suivi,  # évite une importation circulaire (suivi lit le catalogue)
    )
    return suivi.case_terminee(seance_courante())
