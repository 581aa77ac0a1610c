"""Simulateur « Travail et diplômes : aide à l'orientation ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.travail``) -> le droit de
travailler (carte de décision, chaque condition avec sa référence), les démarches recommandées pour
le diplôme ou l'expérience (chacune avec sa raison et sa référence), les services vers lesquels
orienter, le rôle de l'employeur, et les règles datées appliquées (date d'effet et référence).
Chaque changement de champ relance l'évaluation ; une saisie invalide s'affiche en français sous le
champ. Trois personas fictives remplissent le formulaire d'un clic.

    from widgets.simulateurs import travail
    travail.afficher()
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import ipywidgets as w

from widgets.rules import pays
from widgets.rules import travail as regles
from widgets.rules.decision import Decision, date_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import (
    Champ,
    bandeau_personas,
    formulaire,
    signaler_erreurs,
    texte,
)

AUCUN = ""
CASES = ("decision_negative_notifiee", "pendant_vacances_scolaires", "diplome_hors_belgique", "profession_reglementee", "experience_sans_diplome")
OUI_NON = {"oui": True, "non": False}

# Personnages fictifs (données fictives), commentés dans la séance 6 du module « Droit des étrangers ».
PERSONAS = {
    "Dima, réfugiée syrienne, infirmière": {
        "nationalite": "SY", "titre_sejour": "refugie", "mention_marche_travail": "illimite", "diplome_hors_belgique": True,
        "niveau_diplome": "superieur", "diplome_eee": "non", "profession_reglementee": True,
    },
    "Ravi, informaticien en Inde, recruté à Liège": {
        "nationalite": "IN", "titre_sejour": "a_l_etranger", "diplome_hors_belgique": True, "niveau_diplome": "superieur",
    },
    "Grace, étudiante camerounaise à Namur": {
        "nationalite": "CM", "titre_sejour": "etudiant", "heures_par_semaine": "24", "experience_sans_diplome": True,
    },
}


class SimulateurTravail:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        options_pays = [("— choisir —", AUCUN)] + [(f"{nom} ({code})", code) for code, nom in pays.noms().items()]
        titres = [("— choisir —", AUCUN)] + [(libelle, code) for code, libelle in regles.LIBELLES_TITRE.items()]
        mentions = [("pas lue ou pas de carte", AUCUN)] + [(libelle, code) for code, libelle in regles.LIBELLES_MENTION.items()]
        niveaux = [("— choisir —", AUCUN)] + [(libelle, code) for code, libelle in regles.LIBELLES_NIVEAU.items()]
        self.champs = {
            "date_reference": Champ("date_reference", w.DatePicker(value=self.aujourdhui), "Date de la situation",
                                    "Les règles appliquées sont celles en vigueur ce jour-là (depuis le 3 janvier 2019)."),
            "nationalite": Champ("nationalite", w.Dropdown(options=options_pays, value=AUCUN), "Nationalité"),
            "titre_sejour": Champ("titre_sejour", w.Dropdown(options=titres, value=AUCUN), "Titre de séjour ou statut",
                                  "La lettre de la carte, ou le statut si la personne n'a pas (encore) de carte."),
            "mention_marche_travail": Champ("mention_marche_travail", w.Dropdown(options=mentions, value=AUCUN), "Mention « marché du travail »",
                                            "Imprimée sur la carte : c'est elle qui fait foi."),
            "date_demande_protection": Champ("date_demande_protection", w.DatePicker(), "Date de la demande de protection",
                                             "Pour un demandeur de protection internationale seulement."),
            "decision_negative_notifiee": Champ("decision_negative_notifiee", w.Checkbox(indent=True), "Décision négative du CGRA déjà notifiée"),
            "heures_par_semaine": Champ("heures_par_semaine", texte(placeholder="ex. 16"), "Heures par semaine (étudiant)",
                                        "En période de cours ; laisser vide si inconnu."),
            "pendant_vacances_scolaires": Champ("pendant_vacances_scolaires", w.Checkbox(indent=True), "Travail pendant les vacances scolaires (étudiant)"),
            "diplome_hors_belgique": Champ("diplome_hors_belgique", w.Checkbox(indent=True), "Diplôme obtenu hors de Belgique"),
            "niveau_diplome": Champ("niveau_diplome", w.Dropdown(options=niveaux, value=AUCUN), "Niveau du diplôme"),
            "diplome_eee": Champ("diplome_eee", w.Dropdown(options=[("ne sait pas", AUCUN), ("oui", "oui"), ("non", "non")], value=AUCUN),
                                 "Diplôme obtenu dans l'EEE ou en Suisse"),
            "profession_reglementee": Champ("profession_reglementee", w.Checkbox(indent=True), "Profession visée réglementée (santé, architecte, enseignant...)"),
            "experience_sans_diplome": Champ("experience_sans_diplome", w.Checkbox(indent=True), "Expérience professionnelle sans le diplôme correspondant"),
        }
        self.a_faire = w.HTML()
        self.a_faire.add_class("kit-a-faire")
        self.demarches = w.HTML()
        self.demarches.add_class("kit-demarches")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.orientation = w.HTML()
        self.orientation.add_class("kit-orientation")
        self.regles = w.HTML()
        self.regles.add_class("kit-regles-datees")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self._remplissage = False
        self.derniere_decision: Decision | None = None

        bandeau = bandeau_personas(PERSONAS, self.remplir, mention="personnages fictifs, données fictives")
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.a_faire, self.resultat, self.demarches,
                           self.orientation, self.regles, self.frise])
        self.vue.add_class("kit-simulateur-travail")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def situation(self) -> dict:
        s: dict = {}
        for nom, champ in self.champs.items():
            if nom == "date_reference":
                continue
            v = champ.valeur
            if isinstance(v, str):
                v = v.strip()
            if v is None or v == AUCUN or (v is False and nom in CASES):
                continue
            if nom == "diplome_eee":
                v = OUI_NON[v]
            elif nom == "heures_par_semaine" and re.fullmatch(r"-?\d{1,6}", v):
                v = int(v)  # sinon le texte est transmis tel quel : la règle répond « un nombre entier est attendu »
            s[nom] = v
        return s

    def remplir(self, valeurs: dict) -> None:
        """Remplit le formulaire (persona ou formulaire vide), puis évalue une seule fois ; la date reste."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                if nom == "date_reference":
                    continue
                defaut = False if nom in CASES else None if nom == "date_demande_protection" else AUCUN
                champ.valeur = valeurs.get(nom, defaut)
        finally:
            self._remplissage = False
        self.evaluer()

    def _change(self, _change) -> None:
        if not self._remplissage:
            self.evaluer()

    def evaluer(self) -> None:
        for champ in self.champs.values():
            champ.signaler(None)
        date = self.champs["date_reference"].valeur
        if date is None:
            self.champs["date_reference"].signaler("choisissez la date de la situation.")
            return self._vider("Choisissez la date de la situation.")
        if date > dt.date.today():
            self.champs["date_reference"].signaler(f"la date du {date_fr(date)} est dans le futur.")
            return self._vider("La date de la situation ne peut pas être dans le futur.")
        situation = self.situation()
        if "nationalite" not in situation:
            if situation:
                self.champs["nationalite"].signaler("ce champ est obligatoire.")
                return self._vider("Choisissez la nationalité pour voir la réponse.")
            return self._vider("Choisissez la nationalité et le titre de séjour, ou cliquez sur un exemple.")
        try:
            decision = regles.evaluer(situation, date)
        except ErreurSituation as exc:
            signaler_erreurs(exc, self.champs, repli=self.champs["nationalite"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la réponse.")
        self.derniere_decision = decision
        self.a_faire.value = a_faire_html(decision)
        self.resultat.value = carte.carte_decision(decision)
        self.demarches.value = demarches_html(decision)
        self.orientation.value = orientation_html(decision)
        self.regles.value = carte.regles_datees(decision)
        self.frise.value = carte.chronologie(decision, titre="Les dates qui comptent dans cette situation", jour="date de la situation")

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        for boite in (self.a_faire, self.demarches, self.orientation, self.regles, self.frise):
            boite.value = ""
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'


def a_faire_html(decision: Decision) -> str:
    """La situation examinée, en une phrase, et le rôle de l'employeur."""
    d = decision.details
    e = d["employeur"]
    return (f'<div class="kit-carte-cri" data-statut="{escape(decision.statut)}"><p><strong>{escape(d["nationalite"])}</strong> — '
            f'{escape(d["titre_sejour"])} — situation au {date_fr(decision.date_reference)}.</p>'
            f'<p><strong>Et l\'employeur ?</strong> {escape(e["texte"])}<span class="kit-ref">Référence : {escape(e["reference"])}</span></p></div>')


def demarches_html(decision: Decision) -> str:
    """Les démarches recommandées pour le diplôme ou l'expérience, chacune avec sa raison et sa référence."""
    demarches = decision.details["demarches"]
    if not demarches:
        return ('<div class="kit-carte-cri kit-demarches-vide"><h4>Diplôme et expérience</h4><p>D\'après vos réponses, aucune démarche de reconnaissance '
                "n'est à conseiller (pas de diplôme obtenu hors de Belgique, pas d'expérience à faire valider).</p></div>")
    items = []
    for x in demarches:
        incertain = f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(x["incertain"])}</div>' if x["incertain"] else ""
        lien = (f' — <a href="{escape(x["url"])}" target="_blank" rel="noopener">{escape(x["url"])}</a>'
                if x.get("url") and x["url"] not in x["reference"] else "")
        items.append(f'<li data-demarche="{escape(x["code"])}"><strong>{escape(x["titre"])}</strong> '
                     f'<em>({escape(x["organisme"])})</em><br>{escape(x["raison"])}'
                     f'<span class="kit-ref">Référence : {escape(x["reference"])}{lien}</span>{incertain}</li>')
    return f'<div class="kit-carte-cri"><h4>Démarches recommandées pour le diplôme ou l\'expérience</h4><ol>{"".join(items)}</ol></div>'


def orientation_html(decision: Decision) -> str:
    """Les services vers lesquels orienter, avec la raison et la source."""
    items = "".join(
        f'<li data-service="{escape(o["code"])}"><strong>{escape(o["organisme"])}</strong> : {escape(o["quand"])}'
        f'<span class="kit-ref">Référence : {escape(o["reference"])}</span>'
        + (f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(o["incertain"])}</div>' if o.get("incertain") else "")
        + "</li>" for o in decision.details["orientation"])
    return f'<details class="kit-trace" open><summary>Vers qui orienter ?</summary><ul>{items}</ul></details>'


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    return SimulateurTravail(aujourdhui).vue
