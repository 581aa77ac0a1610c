"""Le catalogue des fiches d'activités FLE : filtrer, choisir, imprimer.

Trois filtres (niveau, thème du module, durée maximale), la liste des fiches qui conviennent, puis
la fiche choisie en version imprimable : un HTML propre, affiché dans la séance et téléchargeable
comme page autonome (la fiche seule), à imprimer avec la commande du navigateur (Ctrl+P) ::

    from widgets.simulateurs import fiches_fle
    fiches_fle.afficher()

Les fiches sont dans un fichier YAML qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/fiches-fle.yaml``) ; le format, la validation et le
filtre sont dans ``widgets.rules.fiches_fle``. Un fichier mal formé donne un message français qui
nomme le fichier, la ligne, la fiche et le champ. Tout est en ipywidgets (Voilà bloque le
JavaScript) et se pilote au clavier : Tab pour passer d'un filtre à l'autre, flèches pour choisir.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import ipywidgets as w

from widgets.rules import fiches_fle as regles
from widgets.rules.fiches_fle import Catalogue, Fiche, FichierInvalide

RACINE = Path(__file__).resolve().parent.parent.parent
DOSSIER_MODULE = RACINE / "modules" / "communication-interculturelle"
CHEMIN_PAR_DEFAUT = "donnees/fiches-fle.yaml"

DUREES = [("Toutes les durées", 0), ("45 minutes au plus", 45), ("60 minutes au plus", 60),
          ("75 minutes au plus", 75), ("90 minutes au plus", 90)]

# La feuille de style de la fiche : la même dans le kit et dans la page téléchargée.
CSS_FICHE = """
.kit-fiche-fle { max-width: 48em; background: #fff; color: #111; border: 1px solid #bbb; border-radius: 8px;
  padding: 0.6em 1.4em 1em 1.4em; margin: 0.6em 0; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; line-height: 1.45; }
.kit-fiche-fle h2 { font-size: 1.45em; margin: 0.3em 0 0.2em 0; color: #1d4e89; }
.kit-fiche-fle h3 { font-size: 1.08em; margin: 1em 0 0.3em 0; color: #1d4e89; border-bottom: 1px solid #ccd; padding-bottom: 0.1em; }
.kit-fiche-fle table { border-collapse: collapse; width: 100%; margin: 0.3em 0; }
.kit-fiche-fle th, .kit-fiche-fle td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
.kit-fiche-fle th { background: #f3f7fc; width: 12em; }
.kit-fiche-fle ul, .kit-fiche-fle ol { margin: 0.2em 0 0.4em 1.3em; padding: 0; }
.kit-fiche-fle li { margin: 0 0 0.25em 0; }
.kit-fiche-fle .kit-fiche-pied { color: #4a4a4a; font-size: 0.85em; margin-top: 1em; }
@media print {
  .kit-fiche-fle { border: none; max-width: none; margin: 0; padding: 0; }
  .kit-fiche-fle h3 { break-after: avoid; }
  .kit-fiche-fle tr, .kit-fiche-fle li { break-inside: avoid; }
}
"""

_STYLE = f"""<style>
.kit-fiches-fle {{ max-width: 56em; }}
.kit-fiches-fle .widget-select select {{ font-size: 1em; }}
{CSS_FICHE}
</style>"""


def _resoudre(chemin: Path | str) -> Path:
    """Le chemin tel quel s'il existe (relatif au dossier de la séance), sinon relatif au module."""
    chemin = Path(chemin)
    if chemin.exists() or chemin.is_absolute():
        return chemin
    candidat = DOSSIER_MODULE / chemin
    return candidat if candidat.exists() else chemin


def charger(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> Catalogue:
    return regles.charger(_resoudre(chemin))


def _erreur(exc: FichierInvalide) -> w.HTML:
    lignes = "".join(f"<li>{escape(e)}</li>" for e in exc.erreurs)
    n = len(exc.erreurs)
    boite = w.HTML('<div class="kit-avertissement"><strong>Ce contenu ne peut pas s\'afficher :</strong> le fichier '
                   f"des fiches contient {'une erreur' if n == 1 else f'{n} erreurs'} à corriger.<ul>{lignes}</ul></div>")
    boite.add_class("kit-erreur-fichier")
    return boite


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def fiche_html(fiche: Fiche) -> str:
    """La fiche, prête à imprimer : en-tête, objectifs, matériel, déroulé minuté, variantes, évaluation."""
    niveaux = "".join(f"<li>{escape(regles.NIVEAUX[n])}</li>" for n in fiche.niveaux)
    etapes = []
    debut = 0
    for e in fiche.deroule:
        etapes.append(f"<tr><td>{debut}–{debut + e.duree_minutes} min</td><td><strong>{escape(e.titre)}</strong><br>"
                      f"{escape(e.consigne)}</td></tr>")
        debut += e.duree_minutes
    precautions = f"<h3>Précautions</h3>{_ul(fiche.precautions)}" if fiche.precautions else ""
    return (f'<div class="kit-fiche-fle" data-fiche="{escape(fiche.id)}">'
            f"<h2>{escape(fiche.titre)}</h2>"
            "<table>"
            f"<tr><th>Thème du module</th><td>{escape(regles.THEMES[fiche.theme])}</td></tr>"
            f"<tr><th>Niveau(x) visé(s)</th><td><ul>{niveaux}</ul></td></tr>"
            f"<tr><th>Durée</th><td>{fiche.duree_minutes} minutes</td></tr>"
            f"<tr><th>Public</th><td>{escape(fiche.public)}</td></tr>"
            "</table>"
            f"<h3>Objectifs communicatifs</h3>{_ul(fiche.objectifs_communicatifs)}"
            f"<h3>Objectifs interculturels</h3>{_ul(fiche.objectifs_interculturels)}"
            f"<h3>Matériel</h3>{_ul(fiche.materiel)}"
            f"<h3>Déroulé</h3><table><tr><th style='width:7em'>Minutage</th><th style='width:auto'>Étape et consigne</th></tr>{''.join(etapes)}</table>"
            "<h3>Variantes</h3><ul>"
            f"<li><strong>Pour un niveau plus bas :</strong> {escape(fiche.variantes.plus_bas)}</li>"
            f"<li><strong>Pour un niveau plus haut :</strong> {escape(fiche.variantes.plus_haut)}</li></ul>"
            f"<h3>Évaluation</h3><p>{escape(fiche.evaluation)}</p>{precautions}"
            '<p class="kit-fiche-pied">Kit de formation du secteur de l\'intégration en Wallonie — module « Accueil et '
            "communication interculturelle », séance 6. Situations et personnages fictifs.</p></div>")


def document_imprimable(fiche: Fiche) -> str:
    """La fiche seule, en page HTML autonome (à ouvrir puis imprimer, sans le reste du kit)."""
    return (f'<!DOCTYPE html><html lang="fr-BE"><head><meta charset="utf-8"><title>{escape(fiche.titre)}</title>'
            f"<style>body {{ margin: 1.5em; }}{CSS_FICHE}</style></head><body>{fiche_html(fiche)}</body></html>")


def lien_telechargement(fiche: Fiche) -> str:
    """Un lien HTML simple (sans JavaScript) qui enregistre la fiche comme page autonome."""
    donnees = base64.b64encode(document_imprimable(fiche).encode("utf-8")).decode("ascii")
    return (f'<p><a class="kit-fiche-telecharger" download="fiche-fle-{escape(fiche.id)}.html" '
            f'href="data:text/html;charset=utf-8;base64,{donnees}">Télécharger cette fiche (page HTML à imprimer)</a> '
            '<span class="kit-ref" style="display:inline">: la page ne contient que la fiche ; ouvrez-la dans le '
            "navigateur et imprimez-la (Ctrl+P).</span></p>")


class Simulateur:
    """Le catalogue filtrable ; ``vue`` est le widget à afficher."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        largeur = {"description_width": "initial"}
        self.niveau = w.Dropdown(options=[("Tous les niveaux", "")] + [(regles.NIVEAUX[n].split(" :")[0], n) for n in regles.NIVEAUX],
                                 value="", description="Niveau :", style=largeur, layout=w.Layout(width="auto"))
        self.theme = w.Dropdown(options=[("Tous les thèmes", "")] + [(v, k) for k, v in regles.THEMES.items()],
                                value="", description="Thème :", style=largeur, layout=w.Layout(width="auto"))
        self.duree = w.Dropdown(options=DUREES, value=0, description="Durée :", style=largeur, layout=w.Layout(width="auto"))
        self.niveau.add_class("kit-fiches-niveau")
        self.theme.add_class("kit-fiches-theme")
        self.duree.add_class("kit-fiches-duree")
        self.compte = w.HTML()
        self.compte.add_class("kit-fiches-compte")
        self.liste = w.Select(options=[], rows=6, description="Fiches :", style=largeur,
                              layout=w.Layout(width="100%", max_width="56em"))
        self.liste.add_class("kit-fiches-liste")
        self.fiche = w.HTML()
        self.fiche.add_class("kit-fiches-fiche")
        self.telecharger = w.HTML()
        self.telecharger.add_class("kit-fiches-telecharger")

        for filtre in (self.niveau, self.theme, self.duree):
            filtre.observe(lambda _c: self.filtrer(), names="value")
        self.liste.observe(lambda _c: self.montrer(), names="value")

        self.vue = w.VBox([
            w.HTML(f"{_STYLE}<h3>{escape(catalogue.titre)}</h3>"
                   f'<p class="kit-ref">{len(catalogue.fiches)} fiches. Choisissez un niveau, un thème ou une durée, '
                   "puis une fiche dans la liste (flèches du clavier). Situations et personnages fictifs "
                   '<span class="kit-fictif">données fictives</span></p>'),
            w.HBox([self.niveau, self.theme, self.duree], layout=w.Layout(flex_flow="row wrap", grid_gap="0.5em")),
            self.compte, self.liste, self.telecharger, self.fiche,
        ])
        self.vue.add_class("kit-fiches-fle")
        self.filtrer()

    @property
    def retenues(self) -> list[Fiche]:
        return regles.filtrer(self.catalogue.fiches, self.niveau.value or None, self.theme.value or None, self.duree.value or None)

    def filtrer(self) -> None:
        fiches = self.retenues
        avant = self.liste.value
        self.liste.options = [(f"{f.titre} — {f.libelle_niveaux} — {f.duree_minutes} min", f.id) for f in fiches]
        n = len(fiches)
        self.compte.value = (f"<p><strong>{n} fiche{'s' if n > 1 else ''}</strong> sur {len(self.catalogue.fiches)}.</p>" if n else
                             '<p class="kit-avertissement">Aucune fiche ne correspond à ces filtres : élargissez le niveau, '
                             "le thème ou la durée. Une fiche proche peut aussi s'adapter (voir ses variantes).</p>")
        ids = [f.id for f in fiches]
        self.liste.value = avant if avant in ids else (ids[0] if ids else None)
        self.montrer()

    def montrer(self) -> None:
        if self.liste.value is None:
            self.fiche.value = ""
            self.telecharger.value = ""
            return
        fiche = self.catalogue.fiche(self.liste.value)
        self.fiche.value = fiche_html(fiche)
        self.telecharger.value = lien_telechargement(fiche)


def afficher(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> w.Widget:
    """Le catalogue des fiches ; un fichier invalide donne un message, pas une trace d'erreur."""
    try:
        catalogue = charger(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    return Simulateur(catalogue).vue
