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
"""

_PROJECTION = """
body, .jp-RenderedHTMLCommon, .widget-label, .widget-html-content, .widget-button, select, input { font-size: 22px !important; }
.jp-RenderedHTMLCommon h1 { font-size: 2.1em !important; } .jp-RenderedHTMLCommon h2 { font-size: 1.7em !important; }
.kit-decision { border-width: 4px; font-size: 1.1em; }
.kit-ref { font-size: 0.95em; color: #222; }
body { background: #fff; color: #000; }
"""


def css(mode: str = "apprenant") -> str:
    if mode not in MODES:
        raise ValueError(f"Mode inconnu : « {mode} ». Modes possibles : {', '.join(MODES)}.")
    return _BASE + (_PROJECTION if mode == "projection" else "")
