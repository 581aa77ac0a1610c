"""Les titres de séjour : un catalogue des documents et l'exercice « quel document pour cette situation ? ».

- **Catalogue** : on choisit une carte ou une annexe ; le kit dit ce qu'elle est (séjour limité ou
  illimité, registre, pour qui, validité) et ce qu'elle signifie pour la personne (travail, CPAS,
  parcours d'intégration, vote, nationalité), avec la référence et ce qui reste à vérifier. Une vue
  d'ensemble (tableau court) suit, repliée.
- **Exercice** : une situation à la fois (personnages fictifs), le choix du document, « Vérifier »,
  l'explication avec sa source, et le score (la première réponse vérifiée de chaque situation compte).

::

    from widgets.simulateurs import titres
    titres.afficher()

La table des documents est dans ``widgets/rules/parametres/titres.yaml`` et les situations dans
``modules/droit-etrangers/donnees/situations-titres.yaml`` ; la logique est dans
``widgets.rules.titres``. Tout est en ipywidgets (aucun JavaScript) et se pilote au clavier (Tab,
flèches, Entrée).
"""

from __future__ import annotations

import datetime as dt
import random
from html import escape
from pathlib import Path

import ipywidgets as w

from widgets.rules import titres as regles
from widgets.rules.decision import Decision, date_fr
from widgets.rules.titres import (
    Fiche,
    FichierSituations,
    SituationsInvalides,
    SituationTitre,
    TableInvalide,
)
from widgets.ui.decision import motifs_html, trace

_STYLE = """<style>
.kit-titres { max-width: 56em; }
.kit-titres .widget-radio-box label { height: auto; white-space: normal; line-height: 1.35; margin: 0 0 0.45em 0; }
.kit-titres .widget-radio-box { width: 100%; }
.kit-titres-fiche { border: 2px solid #1d4e89; border-radius: 8px; padding: 0.3em 1em 0.6em 1em; margin: 0.5em 0; line-height: 1.45; }
.kit-titres-fiche h4 { color: #1d4e89; margin: 0.7em 0 0.3em 0; }
.kit-titres-fiche th { width: 13em; }
.kit-titres-situation { border-left: 5px solid #1d4e89; background: #f3f7fc; color: #111; padding: 0.4em 1em; line-height: 1.5; margin: 0.4em 0; }
.kit-titres-retour-boite { border: 2px solid #4a4a4a; border-radius: 8px; padding: 0.3em 1em; margin: 0.4em 0; line-height: 1.45; }
.kit-titres-score { font-weight: 600; }
</style>"""

ENTETE_CATALOGUE = ("<h3>Le catalogue des titres et documents de séjour</h3>"
                    "<p>Choisissez une carte ou un document : le kit dit ce qu'il est et ce qu'il signifie pour la personne. "
                    "Les points non confirmés sont signalés « À vérifier ».</p>")
ENTETE_EXERCICE = ("<h3>Exercice : quel document pour cette situation ?</h3>"
                   '<p class="kit-ref">Situations et personnes fictives, inspirées de situations de terrain '
                   '<span class="kit-fictif">données fictives</span>. Choisissez une réponse (flèches du clavier ou clic), '
                   "puis « Vérifier ».</p>")


def ordre_choix(situation: SituationTitre) -> list[str]:
    """Les documents proposés dans un ordre mélangé, toujours le même pour une situation donnée (la
    bonne réponse n'est pas toujours en tête, et une salle voit le même ordre sur tous les écrans)."""
    ordre = list(situation.choix)
    random.Random(situation.id).shuffle(ordre)
    return ordre


# --- Rendu HTML (testable sans navigateur) ------------------------------------------------------

def _incertain(texte: str | None) -> str:
    return f'<div class="kit-incertain"><strong>À vérifier :</strong> {escape(texte)}</div>' if texte else ""


def fiche_html(f: Fiche, noms: dict[str, str] | None = None) -> str:
    """La fiche d'un document : ce qu'il est, ce qu'il permet, la référence, ce qui reste à vérifier.
    ``noms`` : le nom de chaque document, pour nommer l'ancien ou le nouveau modèle."""
    noms = noms or {}
    d = f.document
    lignes = [("Séjour", regles.SEJOURS[d.sejour]), ("Registre de la commune", regles.REGISTRES[d.registre]),
              ("Pour qui ?", d.pour_qui), ("Validité", d.validite or "Non précisée par le kit : lisez la date imprimée sur le document.")]
    description = "".join(f"<tr><th>{escape(t)}</th><td>{escape(v)}</td></tr>" for t, v in lignes)
    complements = "".join(f"<p>{escape(c.texte)}<span class=\"kit-ref\">Référence : {escape(c.reference)}</span>{_incertain(c.incertain)}</p>"
                          for c in f.complements)
    droits = []
    for aspect, libelle in regles.ASPECTS.items():
        droit = getattr(d.droits, aspect)
        prefixe = ""
        if aspect == "nationalite":
            prefixe = {True: "✓ ", False: "✗ ", None: "? "}[droit.admise]
        droits.append(f'<tr data-aspect="{aspect}"><th>{escape(libelle)}</th><td>{escape(prefixe + droit.texte)}{_incertain(droit.incertain)}</td></tr>')
    liens = []
    if d.remplace:
        liens.append(f"Elle remplace l'ancien modèle « {escape(noms.get(d.remplace, d.remplace))} » (délivré jusqu'au 10 octobre 2021).")
    if d.remplace_par:
        liens.append(f"Ancien modèle : depuis le 11 octobre 2021, la commune délivre « {escape(noms.get(d.remplace_par, d.remplace_par))} ».")
    return (f'<div class="kit-titres-fiche" data-document="{escape(f.id)}">'
            f'<h4>{escape(d.nom)} <span class="kit-badge">{escape(f.famille)}</span></h4>'
            f'<p class="kit-ref">Intitulé : {escape(d.intitule)}</p>'
            + (f"<p>{' '.join(liens)}</p>" if liens else "")
            + f'<table class="kit-table">{description}</table>{complements}'
            f"<h4>Ce que cela signifie pour la personne</h4>"
            f'<table class="kit-table">{"".join(droits)}</table>'
            f'<p class="kit-ref">Référence : {escape(f.reference)} (description en vigueur depuis le {date_fr(f.depuis)}).</p>'
            f"{_incertain(f.incertain)}"
            '<p class="kit-ref">Pour une personne réelle, le document lui-même (lettre, date de fin, mention « marché du travail ») '
            "et le service compétent font foi.</p></div>")


def vue_ensemble_html(fiches: dict[str, Fiche]) -> str:
    """Un tableau court de tous les documents, par famille (lisible au projecteur)."""
    lignes = []
    for famille, groupe in regles.par_famille(fiches).items():
        lignes.append(f'<tr><th colspan="4">{escape(regles.FAMILLES[famille][0])}</th></tr>')
        for f in groupe:
            nat = {True: "oui", False: "non", None: "à vérifier"}[f.document.droits.nationalite.admise]
            lignes.append(f"<tr><td>{escape(f.document.lettre)}</td><td>{escape(f.document.nom)}</td>"
                          f"<td>{escape(regles.SEJOURS[f.document.sejour])}</td><td>{escape(nat)}</td></tr>")
    return ('<table class="kit-table kit-titres-ensemble"><thead><tr><th>Lettre</th><th>Document</th><th>Séjour</th>'
            "<th>Admis pour la nationalité</th></tr></thead><tbody>" + "".join(lignes) + "</tbody></table>")


def situation_html(s: SituationTitre) -> str:
    return (f'<p class="kit-ref">Lieu : {escape(s.lieu)}</p>'
            f'<div class="kit-titres-situation"><p><strong>{escape(s.personnage)}</strong></p><p>{escape(s.recit)}</p></div>'
            f"<p><strong>{escape(s.question)}</strong></p>")


def retour_html(decision: Decision) -> str:
    """L'explication d'une réponse : juste ou faux, pourquoi, la référence, ce qui reste à vérifier."""
    juste = decision.statut == "juste"
    titre = (f'<strong class="kit-juste">✓ {escape(decision.libelle)}</strong>' if juste
             else f'<strong class="kit-faux">✗ {escape(decision.libelle)}</strong>')
    avertissements = "".join(_incertain(a) for a in decision.avertissements)
    return (f'<div class="kit-titres-retour-boite" data-statut="{decision.statut}" role="status" aria-live="polite">'
            f"<p>{titre}</p>{motifs_html(decision)}{avertissements}"
            f"{trace(decision, 'Le raisonnement, étape par étape')}</div>")


# --- Le catalogue --------------------------------------------------------------------------------

class Catalogue:
    """Choisir un document, lire sa fiche ; ``vue`` est le widget à afficher."""

    def __init__(self, date_reference: dt.date | None = None):
        self.fiches = regles.table(date_reference)
        options = []
        for famille, groupe in regles.par_famille(self.fiches).items():
            options += [(f"{regles.FAMILLES[famille][0]} · {f.document.nom}", f.id) for f in groupe]
        self.choix = w.Dropdown(options=options, value=options[0][1], description="Document :",
                                style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="52em"))
        self.choix.add_class("kit-titres-choix-document")
        self.fiche = w.HTML()
        self.fiche.add_class("kit-titres-fiche-widget")
        ensemble = w.HTML(vue_ensemble_html(self.fiches))
        self.ensemble = w.Accordion(children=[ensemble], titles=("Vue d'ensemble : tous les documents en un tableau",), selected_index=None)
        self.ensemble.add_class("kit-titres-ensemble-repli")
        self.choix.observe(lambda change: self.montrer(change["new"]), names="value")
        self.vue = w.VBox([w.HTML(ENTETE_CATALOGUE), self.choix, self.fiche, self.ensemble])
        self.vue.add_class("kit-titres-catalogue")
        self.montrer(self.choix.value)

    def montrer(self, ident: str) -> None:
        if self.choix.value != ident:
            self.choix.value = ident  # rappelle montrer() par l'observateur
            return
        self.fiche.value = fiche_html(self.fiches[ident], {i: f.document.nom for i, f in self.fiches.items()})


# --- L'exercice --------------------------------------------------------------------------------

class Exercice:
    """Une situation à la fois : choisir, vérifier, lire l'explication ; le score en bas."""

    def __init__(self, fichier: FichierSituations, date_reference: dt.date | None = None,
                 chemin: Path | str = regles.CHEMIN_SITUATIONS):
        self.fichier = fichier
        self.situations = fichier.situations
        self.partie = regles.Partie(fichier, date_reference, chemin)
        self.fiches = regles.table(date_reference)
        self.i = 0
        self.reponses: dict[str, str] = {}
        self.position = w.HTML()
        self.position.add_class("kit-titres-position")
        self.enonce = w.HTML()
        self.enonce.add_class("kit-titres-enonce")
        self.choix = w.RadioButtons(options=[], value=None, layout=w.Layout(width="100%"))
        self.choix.add_class("kit-titres-choix")
        self.precedent = w.Button(description="◀ Précédente", tooltip="Situation précédente", layout=w.Layout(width="auto"))
        self.verifier_b = w.Button(description="Vérifier", button_style="primary", tooltip="Vérifier le document choisi",
                                   layout=w.Layout(width="auto"))
        self.suivant = w.Button(description="Suivante ▶", tooltip="Situation suivante", layout=w.Layout(width="auto"))
        self.recommencer_b = w.Button(description="Recommencer l'exercice", icon="refresh", tooltip="Effacer les réponses et le score",
                                      layout=w.Layout(width="auto"))
        for b, classe in ((self.precedent, "precedent"), (self.verifier_b, "verifier"), (self.suivant, "suivant"),
                          (self.recommencer_b, "recommencer")):
            b.add_class(f"kit-titres-{classe}")
        self.retour = w.HTML()
        self.retour.add_class("kit-titres-retour")
        self.score_w = w.HTML()
        self.score_w.add_class("kit-titres-score")
        self.precedent.on_click(lambda _b: self.aller(self.i - 1))
        self.suivant.on_click(lambda _b: self.aller(self.i + 1))
        self.verifier_b.on_click(lambda _b: self.verifier())
        self.recommencer_b.on_click(lambda _b: self.recommencer())
        self.choix.observe(self._noter, names="value")
        self.vue = w.VBox([
            w.HTML(ENTETE_EXERCICE), self.position, self.enonce, self.choix,
            w.HBox([self.precedent, self.verifier_b, self.suivant], layout=w.Layout(flex_flow="row wrap", grid_gap="0.4em")),
            self.retour, self.score_w, self.recommencer_b,
        ])
        self.vue.add_class("kit-titres-exercice")
        self.aller(0)

    @property
    def situation(self) -> SituationTitre:
        return self.situations[self.i]

    def aller(self, i: int) -> None:
        self.i = max(0, min(i, len(self.situations) - 1))
        s = self.situation
        self.position.value = f'<p class="kit-ref">Situation {self.i + 1} sur {len(self.situations)}</p>'
        self.enonce.value = situation_html(s)
        self.choix.unobserve(self._noter, names="value")
        self.choix.options = [(self.fiches[d].document.nom, d) for d in ordre_choix(s)]
        self.choix.value = self.reponses.get(s.id)
        self.choix.observe(self._noter, names="value")
        decision = self.partie.dernieres.get(s.id)
        self.retour.value = retour_html(decision) if decision and decision.details["document_choisi"] == self.choix.value else ""
        self.precedent.disabled = self.i == 0
        self.suivant.disabled = self.i == len(self.situations) - 1
        self._montrer_score()

    def _noter(self, change) -> None:
        if change["new"] is not None:
            self.reponses[self.situation.id] = change["new"]
            self.retour.value = ""

    def choisir(self, document: str) -> None:
        """Choisit un document (comme un clic sur la réponse)."""
        self.choix.value = document

    def verifier(self) -> Decision | None:
        if self.choix.value is None:
            self.retour.value = '<p class="kit-erreur">Choisissez d\'abord un document (flèches du clavier ou clic), puis « Vérifier ».</p>'
            return None
        decision = self.partie.repondre(self.situation.id, self.choix.value)
        self.retour.value = retour_html(decision)
        self._montrer_score()
        if self.i < len(self.situations) - 1:
            self.suivant.focus()
        return decision

    def recommencer(self) -> None:
        self.partie.recommencer()
        self.reponses.clear()
        self.aller(0)

    def _montrer_score(self) -> None:
        justes, faites = self.partie.score
        total = len(self.situations)
        if not faites:
            self.score_w.value = f"<p>Score : aucune situation vérifiée pour l'instant ({total} situations).</p>"
            return
        fin = " Bravo, toutes les situations sont faites !" if faites == total else ""
        self.score_w.value = (f"<p>Score : {justes} réponse{'s' if justes > 1 else ''} juste{'s' if justes > 1 else ''} du premier coup "
                              f"sur {faites} situation{'s' if faites > 1 else ''} vérifiée{'s' if faites > 1 else ''} ({total} en tout).{fin}</p>")


# --- Point d'entrée ------------------------------------------------------------------------------

def _erreur(message: str) -> w.HTML:
    boite = w.HTML(f'<div class="kit-avertissement" role="alert"><strong>Ce contenu ne peut pas s\'afficher :</strong> {escape(message)}</div>')
    boite.add_class("kit-erreur-fichier")
    return boite


def afficher(partie: str = "tout", date_reference: dt.date | None = None, chemin: Path | str = regles.CHEMIN_SITUATIONS) -> w.Widget:
    """Le catalogue et l'exercice (``partie`` : « tout », « catalogue » ou « exercice »). Un fichier
    mal formé donne un message qui nomme le fichier et la ligne, jamais une trace d'erreur."""
    if partie not in ("tout", "catalogue", "exercice"):
        return _erreur(f"partie « {partie} » inconnue : choisissez « tout », « catalogue » ou « exercice ».")
    morceaux: list[w.Widget] = [w.HTML(_STYLE)]
    try:
        if partie in ("tout", "catalogue"):
            morceaux.append(Catalogue(date_reference).vue)
        if partie in ("tout", "exercice"):
            morceaux.append(Exercice(regles.charger_situations(chemin), date_reference, chemin).vue)
    except (TableInvalide, SituationsInvalides) as exc:
        return _erreur(str(exc))
    except regles.ErreurSituation as exc:
        return _erreur(exc.message())
    vue = w.VBox(morceaux)
    vue.add_class("kit-titres")
    return vue
