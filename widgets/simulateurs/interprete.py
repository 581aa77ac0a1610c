"""Aide à la décision « Faut-il un interprète, et lequel ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.interprete``) -> la carte de
décision (``widgets.ui.decision.carte_decision``), les gestes à faire et les modes d'intervention du
SeTIS wallon, chacun avec sa source. Chaque changement de champ relance l'évaluation ; une saisie
invalide s'affiche en français sous le champ concerné. Des exemples fictifs remplissent le
formulaire d'un clic.

    from widgets.simulateurs import interprete
    interprete.afficher()
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as w

from widgets.rules import interprete as regles
from widgets.rules.decision import Decision
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import (
    Champ,
    bandeau_personas,
    formulaire,
    message_erreur,
    signaler_erreurs,
    texte,
)

# ipywidgets montre une liste vide quand la valeur est None : le choix « vide » a donc un code texte.
AUCUN = ""
OBLIGATOIRES = ("langue", "francais_suffisant", "enjeu")
CASES = ("cadre_parcours", "document_officiel", "procedure_judiciaire")


def _options(champ: str, vide: bool = False) -> list[tuple[str, str]]:
    options = [(libelle, code) for code, libelle in regles.LIBELLES_CHOIX[champ].items()]
    return ([("— choisir —", AUCUN)] + options) if vide else options


DEFAUTS = {"francais_suffisant": AUCUN, "enjeu": AUCUN, "besoin": "entretien", "service": "public", "delai": "planifie",
           "interprete_propose": "aucun", "langue": ""}


def exemples() -> dict[str, dict]:
    """Des situations fictives (données fictives) pour remplir le formulaire d'un clic."""
    return {
        "Bilan social au CRI, la fille de 12 ans propose de traduire (dari)": {
            "langue": "dari", "francais_suffisant": "non", "enjeu": "decision_droits", "service": "public",
            "cadre_parcours": True, "delai": "planifie", "interprete_propose": "enfant"},
        "CPAS : une femme parle de violences, son mari est là (tigrinya)": {
            "langue": "tigrinya", "francais_suffisant": "non", "enjeu": "violence_sensible", "service": "public",
            "delai": "urgence", "interprete_propose": "proche_adulte"},
        "Inscription au cours de FLE d'une ASBL (ukrainien)": {
            "langue": "ukrainien", "francais_suffisant": "partiellement", "enjeu": "information_generale", "service": "non_marchand"},
        "Un courrier du CPAS à traduire (arabe)": {
            "langue": "arabe", "francais_suffisant": "non", "enjeu": "decision_droits", "service": "public", "besoin": "document"},
        "Un propriétaire veut un interprète pour la visite (russe)": {
            "langue": "russe", "francais_suffisant": "non", "enjeu": "information_generale", "service": "particulier"},
    }


class SimulateurInterprete:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque évaluation
        self.derniere_decision: Decision | None = None
        self._remplissage = False
        L = regles.LIBELLES
        self.champs = {
            "langue": Champ("langue", texte(placeholder="ex. arabe, dari, tigrinya, ukrainien"), "Langue de la personne",
                            "La langue qu'elle comprend le mieux (précisez la variante si vous la connaissez)."),
            "francais_suffisant": Champ("francais_suffisant", w.Dropdown(options=_options("francais_suffisant", vide=True), value=AUCUN),
                                        "Assez de français ?", L["francais_suffisant"].capitalize()),
            "enjeu": Champ("enjeu", w.Dropdown(options=_options("enjeu", vide=True), value=AUCUN), "Enjeu de l'entretien"),
            "besoin": Champ("besoin", w.Dropdown(options=_options("besoin"), value="entretien"), "Besoin"),
            "service": Champ("service", w.Dropdown(options=_options("service"), value="public"), "Qui fait la demande ?",
                             "Le service qui reçoit la personne."),
            "delai": Champ("delai", w.Dropdown(options=_options("delai"), value="planifie"), "Délai"),
            "interprete_propose": Champ("interprete_propose", w.Dropdown(options=_options("interprete_propose"), value="aucun"),
                                        "Proposé pour traduire", "Quelqu'un de l'entourage propose-t-il de traduire ?"),
            "cadre_parcours": Champ("cadre_parcours", w.Checkbox(indent=True), "Dans le cadre du parcours d'intégration"),
            "document_officiel": Champ("document_officiel", w.Checkbox(indent=True), "Document à remettre à une autorité (traduction officielle)"),
            "procedure_judiciaire": Champ("procedure_judiciaire", w.Checkbox(indent=True), "Procédure judiciaire (audience, audition)"),
        }
        bandeau = bandeau_personas(exemples(), self.remplir)
        self.resultat = w.HTML()
        self.resultat.add_class("kit-interprete-resultat")
        self.a_faire = w.HTML()
        self.a_faire.add_class("kit-interprete-a-faire")
        self.modes = w.HTML()
        self.modes.add_class("kit-interprete-modes")
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.resultat, self.a_faire, self.modes])
        self.vue.add_class("kit-simulateur-interprete")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    # -- saisie --
    def situation(self) -> dict:
        """La situation telle que le formulaire la décrit (les champs vides et les cases décochées sont omis)."""
        s: dict = {}
        for nom, champ in self.champs.items():
            v = champ.valeur
            if isinstance(v, str):
                v = v.strip()
            if v in (None, AUCUN) or (v is False and nom in CASES):
                continue
            s[nom] = v
        return s

    def remplir(self, valeurs: dict) -> None:
        """Remplit le formulaire (exemple ou vide) en une seule évaluation."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                champ.valeur = valeurs.get(nom, False if nom in CASES else DEFAUTS[nom])
        finally:
            self._remplissage = False
        self.evaluer()

    def _change(self, _change) -> None:
        if not self._remplissage:
            self.evaluer()

    # -- évaluation --
    def evaluer(self) -> None:
        for champ in self.champs.values():
            champ.signaler(None)
        situation = self.situation()
        if not any(n in situation for n in OBLIGATOIRES):
            return self._vider("Indiquez la langue, le niveau de français et l'enjeu, ou cliquez sur un exemple.")
        try:
            decision = regles.evaluer(situation, self.aujourdhui)
        except ErreurSituation as exc:
            orphelins = signaler_erreurs(exc, self.champs)
            return self._vider("Corrigez les champs signalés en rouge pour voir la recommandation."
                               + (" " + " ; ".join(orphelins) if orphelins else ""))
        except ValueError as exc:  # parametres/interprete.yaml illisible : un message, jamais une trace
            return self._vider(f"Les paramètres du kit sont invalides : {exc}")
        self.derniere_decision = decision
        self.resultat.value = carte.carte_decision(decision, titre_trace="Questions examinées, dans l'ordre")
        self.a_faire.value = a_faire_html(decision)
        self.modes.value = modes_html(decision)

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.resultat.value = message_erreur(message)
        self.a_faire.value = self.modes.value = ""


def a_faire_html(decision: Decision) -> str:
    """Les gestes concrets qui accompagnent la recommandation."""
    gestes = decision.details.get("a_faire") or []
    if not gestes:
        return ""
    return ('<div class="kit-carte-cri"><h4>Concrètement</h4><ol>' + "".join(f"<li>{escape(g)}</li>" for g in gestes) + "</ol></div>")


def modes_html(decision: Decision) -> str:
    """Ce que le SeTIS wallon propose, chaque mode avec sa source (et son incertitude)."""
    modes = decision.details.get("modes_setis") or []
    if not modes:
        return ""
    lignes = "".join(
        f'<tr data-mode="{escape(m["code"])}"><td><strong>{escape(m["titre"])}</strong></td><td>{escape(m["texte"])}'
        + (f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(m["incertain"])}</div>' if m.get("incertain") else "")
        + f'</td><td class="kit-ref">{escape(m["reference"])}</td></tr>'
        for m in modes)
    return ('<h4>Ce que propose le SeTIS wallon (pour les services publics et non marchands)</h4>'
            '<table class="kit-table"><thead><tr><th>Mode</th><th>En pratique</th><th>Source</th></tr></thead>'
            f"<tbody>{lignes}</tbody></table>")


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """L'aide à la décision, prête à afficher (dernière expression d'une cellule)."""
    try:
        return SimulateurInterprete(aujourdhui).vue
    except ValueError as exc:  # paramètres illisibles : un message, jamais une trace
        boite = w.HTML(f'<div class="kit-avertissement"><strong>L\'aide à la décision ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
