"""L'apparence commune des séances : une feuille de style, en mode normal ou projection.

Le mode « projection » agrandit tout et renforce les contrastes pour une salle équipée d'un
projecteur 1280x720. Les classes ``kit-*`` servent aussi d'ancres stables aux tests.
"""

from __future__ import annotations

MODES = ("apprenant", "formateur", "projection")

_BASE = """
.kit-seance { --kit-bleu: #1d4e89; --kit-vert: #1b6e3a; --kit-orange: #8a4b00; --kit-rouge: #a3242b; --kit-gris: #4a4a4a; }
.kit-decision { border: 2px solid var(--kit-gris, #4a4a4a); border-radius: 8px; padding: 0.8em 1.1em; margin: 0.6em 0; background: #fff; color: #111; line-height: 1.45; }
.kit-decision h3 { margin: 0 0 0.3em 0; font-size: 1.35em; }
.kit-decision h4 { margin: 0.9em 0 0.3em 0; font-size: 1.05em; }
.kit-decision ul { margin: 0.2em 0 0.2em 1.2em; padding: 0; }
.kit-ton-action { border-color: #1d4e89; } .kit-ton-action h3 { color: #1d4e89; }
.kit-ton-positif { border-color: #1b6e3a; } .kit-ton-positif h3 { color: #1b6e3a; }
.kit-ton-neutre { border-color: #4a4a4a; } .kit-ton-neutre h3 { color: #333; }
.kit-ton-attention { border-color: #8a4b00; } .kit-ton-attention h3 { color: #8a4b00; }
.kit-ton-negatif { border-color: #a3242b; } .kit-ton-negatif h3 { color: #a3242b; }
.kit-ref { display: block; color: #4a4a4a; font-size: 0.88em; }
.kit-incertain, .kit-avertissement { background: #fff4d6; border-left: 4px solid #8a4b00; padding: 0.35em 0.6em; margin: 0.35em 0; color: #3d2600; }
.kit-fictif { display: inline-block; background: #eee; color: #333; border: 1px dashed #666; border-radius: 4px; padding: 0 0.4em; font-size: 0.85em; }
.kit-erreur { color: #a3242b; font-weight: 600; min-height: 0; }
.kit-erreur:empty { display: none; }
.kit-trace table, .kit-axes, .kit-table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
.kit-trace td, .kit-trace th, .kit-axes td, .kit-axes th, .kit-table td, .kit-table th { border-bottom: 1px solid #ccc; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
.kit-decisive { background: #e8f0fb; font-weight: 600; }
.kit-chronologie { list-style: none; margin: 0.4em 0; padding: 0 0 0 1em; border-left: 3px solid #1d4e89; }
.kit-chronologie li { margin: 0 0 0.55em 0; position: relative; }
.kit-chronologie li::before { content: ""; position: absolute; left: -1.45em; top: 0.35em; width: 0.7em; height: 0.7em; border-radius: 50%; background: #1d4e89; }
.kit-chronologie li.kit-passe { color: #5a5a5a; } .kit-chronologie li.kit-passe::before { background: #9a9a9a; }
.kit-chronologie li.kit-aujourdhui::before { background: #a3242b; }
.kit-chronologie .kit-date { font-weight: 700; }
.kit-carte-cri { border: 1px solid #bbb; border-radius: 8px; padding: 0.6em 1em; margin: 0.5em 0; }
.kit-carte iframe { width: 100%; height: 360px; border: 1px solid #bbb; }
.kit-quiz-question { margin: 0.8em 0 0.2em 0; font-weight: 600; }
.kit-juste { color: #1b6e3a; } .kit-faux { color: #a3242b; }
.kit-formulaire .widget-label { min-width: 17em; }
.kit-formulaire .widget-inline-hbox .widget-label { white-space: normal; }
.kit-personas .widget-button { height: auto; white-space: normal; }
.kit-langage { border: 1px solid #bbb; border-radius: 8px; padding: 0.4em 0.8em; margin: 0.4em 0 0.8em 0; }
.kit-langage-aide { color: #4a4a4a; font-size: 0.9em; }
.kit-encadre-texte { margin: 0.8em 0; }
.kit-texte-cle { border-left: 5px solid #1d4e89; background: #f3f7fc; color: #111; padding: 0.5em 1em; line-height: 1.5; }
.kit-texte-cle h4 { margin: 0.2em 0 0.4em 0; color: #1d4e89; }
.kit-texte-cle[data-version="simplifie"] { border-left-color: #1b6e3a; background: #f1f8f3; font-size: 1.08em; }
.kit-badge { display: inline-block; font-size: 0.75em; font-weight: 600; color: #fff; background: #1b6e3a; border-radius: 4px; padding: 0 0.4em; margin-left: 0.4em; vertical-align: middle; }
.kit-glossaire { margin: 0.3em 0; }
.kit-glossaire dt { font-weight: 700; color: #1d4e89; margin-top: 0.6em; }
.kit-glossaire dd { margin: 0.1em 0 0.4em 1.2em; line-height: 1.45; }
.kit-glossaire dd p { margin: 0.1em 0; }
.kit-encadre-texte .kit-langage-bascule .widget-toggle-button { font-size: 0.85em; }
.jupyter-widget-Collapse-header { color: #111 !important; background: #eef1f5 !important; }
.jupyter-widget-Collapse-open > .jupyter-widget-Collapse-header { color: #111 !important; background: #dde6f2 !important; }
.kit-notes-formateur { border: 3px dashed #1d4e89; background: #f3f7fc; color: #111; border-radius: 8px; padding: 0.5em 1em; margin: 0.5em 0 1em 0; }
.kit-notes-formateur summary { font-weight: 700; color: #1d4e89; cursor: pointer; margin: 0.4em 0; }
.kit-notes-formateur .kit-note { border-top: 1px solid #c5d3e6; padding-top: 0.3em; }
.kit-progression-seance { border-top: 2px solid #1d4e89; margin-top: 1em; padding-top: 0.5em; }
.kit-progression-module caption { text-align: left; padding: 0.6em 0 0.3em 0; }
.kit-etat-terminee { color: #1b6e3a; font-weight: 600; }
"""

# Le mode projection : pour une salle équipée d'un projecteur 1280x720, lisible du fond de la salle.
# Grandes polices partout (aucun petit caractère), noir sur blanc, bordures épaisses, un bloc par
# écran (chaque partie de la leçon commence en haut d'un nouvel écran, voir le gabarit). « {p} »
# est le sélecteur du mode : « body » quand le carnet est exécuté en mode projection (papermill),
# « body.kit-mode-projection » dans la page d'une séance ordinaire, où l'interrupteur du gabarit ou
# l'adresse « ?mode=projection » posent cette classe sans recharger la page.
_PROJECTION = """
{p} { --jp-widgets-font-size: 24px; --jp-widgets-inline-height: 46px; --jp-widgets-inline-label-width: 14em;
      --jp-content-font-size1: 24px; --jp-ui-font-size1: 24px; background: #fff; color: #000; }
{p} .jp-RenderedHTMLCommon, {p} .jp-RenderedHTMLCommon p, {p} .jp-RenderedHTMLCommon li, {p} .widget-label,
{p} .widget-html-content, {p} .widget-button, {p} .widget-toggle-button, {p} select, {p} input, {p} textarea,
{p} .widget-radio-box label, {p} .widget-checkbox label { font-size: 24px !important; line-height: 1.45 !important; color: #000; }
{p} .jp-RenderedHTMLCommon h1 { font-size: 2em !important; } {p} .jp-RenderedHTMLCommon h2 { font-size: 1.6em !important; }
{p} .jp-RenderedHTMLCommon h3, {p} .kit-decision h3 { font-size: 1.3em !important; }
{p} .kit-ref, {p} .kit-fictif, {p} .kit-badge, {p} .kit-langage-aide, {p} small, {p} sub, {p} sup, {p} figcaption,
{p} .kit-table, {p} .kit-axes, {p} .kit-trace table, {p} .jp-RenderedHTMLCommon table, {p} em { font-size: 1em !important; }
{p} .kit-ref { color: #000; }
{p} a { color: #0b3d91; text-decoration: underline; }
{p} .kit-decision { border-width: 4px; }
{p} .widget-radio-box input, {p} .widget-checkbox input { width: 1.2em; height: 1.2em; }
{p} .jp-Cell.kit-debut-ecran { scroll-snap-align: start; padding-top: 0.5em; }
{p} .jp-Cell.kit-debut-ecran ~ .jp-Cell.kit-debut-ecran { margin-top: 100vh; }
"""


def _projection(portee: str) -> str:
    return _PROJECTION.replace("{p}", portee)


def css(mode: str = "apprenant") -> str:
    if mode not in MODES:
        raise ValueError(f"Mode inconnu : « {mode} ». Modes possibles : {', '.join(MODES)}.")
    # La page ordinaire garde les règles du mode projection, rattachées à la classe que pose
    # l'interrupteur : passer en projection devant la salle ne recharge rien.
    return _BASE + (_projection("body") if mode == "projection" else _projection("body.kit-mode-projection"))
