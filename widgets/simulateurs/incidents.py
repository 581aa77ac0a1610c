"""Simulateur d'incidents critiques : un cas à embranchements, joué étape par étape.

On choisit un cas, on lit le récit, on choisit une réponse à chaque étape et on lit le retour (les
cadres de référence en jeu et l'effet du choix), jusqu'à la fin ; on voit alors la synthèse en trois
temps (décentration, cadre de référence de l'autre, négociation) et le chemin parcouru. « Recommencer
ce cas » permet d'explorer les autres branches ::

    from widgets.simulateurs import incidents
    incidents.afficher()

Les cas sont dans un fichier YAML qu'un formateur modifie sans Python
(``modules/communication-interculturelle/cas/incidents-critiques.yaml``) ; le format, la validation
et le parcours sont dans ``widgets.rules.incidents``. Un fichier mal formé donne un message français
qui nomme le fichier, la ligne et le champ. Tout est en ipywidgets (Voilà bloque le JavaScript) et se
pilote au clavier (Tab, flèches, Entrée).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from widgets.rules import incidents as regles
from widgets.rules.incidents import Cas, FichierIncidents, FichierInvalide, Parcours

RACINE = Path(__file__).resolve().parent.parent.parent
DOSSIER_MODULE = RACINE / "modules" / "communication-interculturelle"
CHEMIN_PAR_DEFAUT = "cas/incidents-critiques.yaml"

_CLASSES_QUALITE = {"decentre": "kit-juste", "partiel": "kit-incidents-partiel", "ethnocentre": "kit-faux", "culturaliste": "kit-faux"}

_STYLE = """<style>
.kit-incidents { max-width: 52em; }
.kit-incidents .widget-radio-box label { display: flex; flex-direction: row-reverse; justify-content: flex-end;
  align-items: flex-start; gap: 0.5em; height: auto; white-space: normal;
  line-height: 1.35; margin: 0 0 0.5em 0; }
.kit-incidents .widget-radio-box input { flex: none; margin-top: 0.2em; }
.kit-incidents .widget-radio-box { width: 100%; }
.kit-incidents-recit { border-left: 5px solid #1d4e89; background: #f3f7fc; color: #111; padding: 0.5em 1em; line-height: 1.5; margin: 0.4em 0; }
.kit-incidents-etape { border: 1px solid #bbb; border-radius: 8px; padding: 0.2em 1em; margin: 0.5em 0 0.3em 0; line-height: 1.45; }
.kit-incidents-question { font-weight: 600; }
.kit-incidents-retour-boite { border: 2px solid #4a4a4a; border-radius: 8px; padding: 0.3em 1em; margin: 0.4em 0; line-height: 1.45; }
.kit-incidents-partiel { color: #8a4b00; }
.kit-incidents-synthese { border: 2px solid #1d4e89; border-radius: 8px; padding: 0.3em 1em; margin: 0.5em 0; line-height: 1.45; }
.kit-incidents-synthese h4 { color: #1d4e89; margin: 0.8em 0 0.2em 0; }
.kit-incidents-chemin li { margin: 0 0 0.4em 0; }
</style>"""


def _resoudre(chemin: Path | str) -> Path:
    """Le chemin tel quel s'il existe (relatif au dossier de la séance), sinon relatif au module."""
    chemin = Path(chemin)
    if chemin.exists() or chemin.is_absolute():
        return chemin
    candidat = DOSSIER_MODULE / chemin
    return candidat if candidat.exists() else chemin


def _erreur(exc: FichierInvalide) -> w.HTML:
    lignes = "".join(f"<li>{escape(e)}</li>" for e in exc.erreurs)
    boite = w.HTML('<div class="kit-avertissement"><strong>Ce contenu ne peut pas s\'afficher :</strong> le fichier '
                   f"des cas contient {'une erreur' if len(exc.erreurs) == 1 else f'{len(exc.erreurs)} erreurs'}"
                   f" à corriger.<ul>{lignes}</ul></div>")
    boite.add_class("kit-erreur-fichier")
    return boite


def qualite_html(qualite: str) -> str:
    libelle = regles.QUALITES[qualite][0]
    return f'<strong class="{_CLASSES_QUALITE[qualite]}">{escape(libelle)}</strong>'


def entete_html(cas: Cas) -> str:
    """Le titre, le lieu, les zones sensibles, les personnages et le récit d'un cas."""
    personnages = "".join(f"<li><strong>{escape(p.nom)}</strong> : {escape(p.role)}</li>" for p in cas.personnages)
    zones = ", ".join(escape(regles.ZONES_SENSIBLES[z]) for z in cas.zones_sensibles)
    return (f'<h4>{escape(cas.titre)} <span class="kit-fictif">personnages fictifs</span></h4>'
            f'<p class="kit-ref">Lieu : {escape(cas.lieu)}</p>'
            f"<p><strong>Personnages</strong></p><ul>{personnages}</ul>"
            f'<div class="kit-incidents-recit">{escape(cas.recit)}</div>'
            f'<p class="kit-ref">Zones sensibles en jeu : {zones}</p>')


def etape_html(parcours: Parcours) -> str:
    etape = parcours.etape
    numero = len(parcours.chemin) + 1
    return (f'<div class="kit-incidents-etape"><p class="kit-ref">Étape {numero}</p>'
            f"<p>{escape(etape.texte)}</p>"
            f'<p class="kit-incidents-question">{escape(etape.question)}</p></div>')


def retour_html(choix: regles.Choix, termine: bool) -> str:
    suite = ("Le cas s'arrête ici : lisez la synthèse, puis recommencez pour explorer une autre branche."
             if termine else "Le cas continue : passez à l'étape suivante.")
    return (f'<div class="kit-incidents-retour-boite"><p>{qualite_html(choix.qualite)} — '
            f'<span class="kit-ref" style="display:inline">{escape(regles.QUALITES[choix.qualite][1])}</span></p>'
            f"<p>{escape(choix.retour)}</p><p class=\"kit-ref\">{suite}</p></div>")


def fin_html(parcours: Parcours) -> str:
    """La synthèse en trois temps, le chemin parcouru, le bilan et la source."""
    cas = parcours.cas
    temps = "".join(f"<h4>{escape(regles.TITRES_SYNTHESE[p])}</h4><p>{escape(getattr(cas.synthese, p))}</p>"
                    for p in regles.PLACES)
    pas = []
    for n, p in enumerate(parcours.chemin, start=1):
        question = cas.etapes[p.etape].question
        pas.append(f"<li>Étape {n} — {escape(question)}<br>Votre réponse : « {escape(p.choix.libelle)} » "
                   f"({qualite_html(p.choix.qualite)})</li>")
    bilan = parcours.bilan()
    resume = " ; ".join(f"{regles.QUALITES[q][0].lower()} : {n}" for q, n in bilan.items() if n)
    return (f'<div class="kit-incidents-synthese"><h3>Synthèse du cas : les trois temps de la méthode</h3>{temps}'
            f'<h4>Votre chemin</h4><ol class="kit-incidents-chemin">{"".join(pas)}</ol>'
            f"<p>Bilan de vos réponses : {escape(resume)}.</p>"
            f'<p class="kit-ref">Sources et note : {escape(cas.source)}</p></div>')


class Simulateur:
    """Le simulateur d'un fichier de cas ; ``vue`` est le widget à afficher."""

    def __init__(self, fichier: FichierIncidents):
        self.fichier = fichier
        self.parcours = Parcours(fichier.cas[0])
        self.selection = w.Dropdown(
            options=[(f"{n}. {c.titre} ({c.lieu})", c.id) for n, c in enumerate(fichier.cas, start=1)],
            value=fichier.cas[0].id, description="Cas à étudier :",
            style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="52em"))
        self.selection.add_class("kit-incidents-selection")
        self.recommencer_b = w.Button(description="Recommencer ce cas", tooltip="Reprendre ce cas depuis le début",
                                      icon="refresh", layout=w.Layout(width="auto"))
        self.recommencer_b.add_class("kit-incidents-recommencer")
        self.entete = w.HTML()
        self.entete.add_class("kit-incidents-entete")
        self.etape = w.HTML()
        self.etape.add_class("kit-incidents-etape-texte")
        self.choix = w.RadioButtons(options=[], value=None, layout=w.Layout(width="100%"))
        self.choix.add_class("kit-incidents-choix")
        self.valider_b = w.Button(description="Valider ma réponse", button_style="primary",
                                  tooltip="Valider la réponse choisie et lire le retour",
                                  layout=w.Layout(width="auto", align_self="flex-start"))
        self.valider_b.add_class("kit-incidents-valider")
        self.retour = w.HTML()
        self.retour.add_class("kit-incidents-retour")
        self.continuer_b = w.Button(description="Étape suivante ▶", layout=w.Layout(width="auto", align_self="flex-start"))
        self.continuer_b.add_class("kit-incidents-continuer")
        self.fin = w.HTML()
        self.fin.add_class("kit-incidents-fin")
        self.bloc_etape = w.VBox([self.etape, self.choix, self.valider_b, self.retour, self.continuer_b])
        self.bloc_etape.add_class("kit-incidents-bloc-etape")

        self.selection.observe(self._changer_cas, names="value")
        self.recommencer_b.on_click(lambda _b: self.recommencer())
        self.valider_b.on_click(lambda _b: self.valider())
        self.continuer_b.on_click(lambda _b: self.continuer())

        self.vue = w.VBox([
            w.HTML(f"{_STYLE}<h3>{escape(fichier.titre)}</h3>"
                   '<p class="kit-ref">Situations et personnes fictives, inspirées de situations de terrain '
                   '<span class="kit-fictif">données fictives</span></p>'),
            w.HBox([self.selection, self.recommencer_b], layout=w.Layout(flex_flow="row wrap", grid_gap="0.5em")),
            self.entete, self.bloc_etape, self.fin,
        ])
        self.vue.add_class("kit-incidents")
        self.recommencer()

    # --- Actions ---

    def _changer_cas(self, change) -> None:
        self.parcours = Parcours(self.fichier.cas_par_id(change["new"]))
        self.recommencer()

    def recommencer(self) -> None:
        self.parcours.recommencer()
        self.entete.value = entete_html(self.parcours.cas)
        self.fin.value = ""
        self.fin.layout.display = "none"
        self.bloc_etape.layout.display = None
        self._montrer_etape()

    def _montrer_etape(self) -> None:
        etape = self.parcours.etape
        self.etape.value = etape_html(self.parcours)
        ordre = regles.ordre_affichage(self.parcours.cas, self.parcours.etape_courante)
        self.choix.options = [(etape.choix[n].libelle, n) for n in ordre]
        self.choix.value = None
        self.choix.disabled = False
        self.valider_b.disabled = False
        self.retour.value = ""
        self.continuer_b.layout.display = "none"

    def valider(self) -> None:
        if self.choix.value is None:
            self.retour.value = '<p class="kit-erreur">Choisissez d\'abord une réponse (flèches du clavier ou clic), puis validez.</p>'
            return
        choix = self.parcours.choisir(self.choix.value)
        self.choix.disabled = True
        self.valider_b.disabled = True
        self.retour.value = retour_html(choix, self.parcours.termine)
        self.continuer_b.description = "Voir la synthèse ▶" if self.parcours.termine else "Étape suivante ▶"
        self.continuer_b.tooltip = self.continuer_b.description.removesuffix(" ▶")
        self.continuer_b.layout.display = None
        self.continuer_b.focus()

    def continuer(self) -> None:
        if self.parcours.termine:
            self.bloc_etape.layout.display = "none"
            self.fin.value = fin_html(self.parcours)
            self.fin.layout.display = None
            self.recommencer_b.focus()
        elif self.choix.disabled:  # la réponse de l'étape a été validée
            self._montrer_etape()
            self.choix.focus()


def charger(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> FichierIncidents:
    return regles.charger(_resoudre(chemin))


def afficher(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> w.Widget:
    """Le simulateur des cas du fichier ; un fichier invalide donne un message, pas une trace d'erreur."""
    try:
        fichier = charger(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    return Simulateur(fichier).vue
