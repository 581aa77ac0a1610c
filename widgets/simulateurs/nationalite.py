"""Simulateur « Devenir belge : quelles voies sont ouvertes ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.nationalite``) -> le tableau
des cinq voies de l'art. 12bis, § 1er (ouverte / pas encore / fermée, ce qui manque, à partir de
quand), la carte de décision (chaque condition avec sa référence), le calendrier, les seuils
utilisés (avec la date depuis laquelle ils valent et leur référence) et la démarche à la commune.
Chaque changement de champ relance l'évaluation ; une saisie invalide s'affiche en français sous
le champ. Trois personas fictives remplissent le formulaire d'un clic (situation au 30 novembre
2026, commentée dans la séance 4 du module « Droit des étrangers »).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import ipywidgets as w

from widgets.rules import nationalite as regles
from widgets.rules.decision import Decision, date_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import Champ, bandeau_personas, formulaire, signaler_erreurs

AUCUN = ""
DATE_PERSONAS = dt.date(2026, 11, 30)

# Personnages fictifs (données fictives).
PERSONAS: dict[str, dict[str, Any]] = {
    "Zineb, Marocaine à Charleroi": {
        "date_reference": DATE_PERSONAS, "date_naissance": dt.date(1988, 5, 4), "carte": "B",
        "date_debut_sejour_legal": dt.date(2018, 9, 1), "langue_prouvee": True, "preuve_integration": "parcours_integration",
        "jours_travail_salarie": 520,
    },
    "Tarek, Syrien marié à une Belge, à Liège": {
        "date_reference": DATE_PERSONAS, "date_naissance": dt.date(1991, 2, 12), "carte": "F",
        "date_debut_sejour_legal": dt.date(2022, 6, 15), "langue_prouvee": True, "preuve_integration": "formation_400h",
        "jours_travail_salarie": 300, "conjoint_belge": True, "date_debut_vie_commune": dt.date(2022, 6, 15),
    },
    "Priya, Indienne à Mons (carte bleue)": {
        "date_reference": DATE_PERSONAS, "date_naissance": dt.date(1990, 10, 21), "carte": "H",
        "date_debut_sejour_legal": dt.date(2019, 3, 1), "langue_prouvee": True, "preuve_integration": "diplome",
        "jours_travail_salarie": 1150,
    },
}
# Le statut attendu de chaque persona (vérifié par les tests et commenté dans la séance).
ATTENDUS = {"Zineb, Marocaine à Charleroi": "voie_ouverte", "Tarek, Syrien marié à une Belge, à Liège": "voie_a_venir",
            "Priya, Indienne à Mons (carte bleue)": "aucune_voie"}

OPTIONS_CARTE = [("— choisir —", AUCUN)] + [(regles.LIBELLES_CARTE[c], c) for c in regles.CARTES]
OPTIONS_INTEGRATION = [(regles.LIBELLES_INTEGRATION[c], c) for c in regles.PREUVES_INTEGRATION]
OPTIONS_INCAPACITE = [(regles.LIBELLES_INCAPACITE[c], c) for c in regles.INCAPACITES]
DEFAUTS = {"carte": AUCUN, "preuve_integration": "aucune", "incapacite_travail": "aucune", "jours_travail_salarie": 0, "trimestres_independant": 0}

ICONES_VOIE = {"ouverte": "✓", "pas_encore": "…", "fermee": "✗"}
COULEURS_VOIE = {"ouverte": "#1b6e3a", "pas_encore": "#8a4b00", "fermee": "#a3242b"}
UNITES = {"ans": "ans", "mois": "mois", "jours": "jours", "trimestres": "trimestres", "heures": "h", "pour cent": "%", "euros": "€"}


class SimulateurNationalite:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        self.champs = {
            "date_reference": Champ("date_reference", w.DatePicker(value=self.aujourdhui), "Date de la déclaration envisagée",
                                    "Les conditions sont examinées à cette date (changez-la pour voir quand une voie s'ouvre)."),
            "date_naissance": Champ("date_naissance", w.DatePicker(), "Date de naissance"),
            "ne_en_belgique": Champ("ne_en_belgique", w.Checkbox(indent=True), "Née en Belgique"),
            "carte": Champ("carte", w.Dropdown(options=OPTIONS_CARTE, value=AUCUN), "Carte de séjour actuelle"),
            "date_debut_sejour_legal": Champ("date_debut_sejour_legal", w.DatePicker(), "Début du séjour légal ininterrompu",
                                             "Première carte ou titre de plus de 3 mois, sans interruption depuis (vide : depuis la naissance, si née en Belgique)."),
            "langue_prouvee": Champ("langue_prouvee", w.Checkbox(indent=True), "Connaissance d'une langue nationale prouvée"),
            "preuve_integration": Champ("preuve_integration", w.Dropdown(options=OPTIONS_INTEGRATION, value="aucune"), "Preuve d'intégration sociale"),
            "jours_travail_salarie": Champ("jours_travail_salarie", w.IntText(value=0), "Jours de travail salarié (5 dernières années)"),
            "trimestres_independant": Champ("trimestres_independant", w.IntText(value=0), "Trimestres d'indépendant (5 dernières années)"),
            "conjoint_belge": Champ("conjoint_belge", w.Checkbox(indent=True), "Mariée ou en couple avec une personne belge"),
            "date_debut_vie_commune": Champ("date_debut_vie_commune", w.DatePicker(), "Vie commune en Belgique depuis le"),
            "parent_enfant_belge_mineur": Champ("parent_enfant_belge_mineur", w.Checkbox(indent=True), "Parent d'un enfant belge mineur"),
            "incapacite_travail": Champ("incapacite_travail", w.Dropdown(options=OPTIONS_INCAPACITE, value="aucune"), "Ne peut pas travailler"),
            "participation_socioculturelle": Champ("participation_socioculturelle", w.Checkbox(indent=True), "Participation socioculturelle prouvée (voie 5°)",
                                                   "Ou participation économique en dessous des seuils de la voie 2° : cochez si la personne peut la prouver."),
        }
        self.voies = w.HTML()
        self.voies.add_class("kit-voies-nationalite")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self.seuils = w.HTML()
        self.seuils.add_class("kit-nationalite-seuils")
        self.demarche = w.HTML()
        self.demarche.add_class("kit-nationalite-demarche")
        self._remplissage = False
        self.derniere_decision: Decision | None = None

        bandeau = bandeau_personas(PERSONAS, self.remplir, precision=f"(situation au {date_fr(DATE_PERSONAS)})")
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.voies, self.resultat, self.frise, self.seuils, self.demarche])
        self.vue.add_class("kit-simulateur-nationalite")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def situation(self) -> dict[str, Any]:
        s: dict[str, Any] = {}
        for nom, champ in self.champs.items():
            if nom == "date_reference":
                continue
            v = champ.valeur
            if v is None or v == AUCUN or (v is False and isinstance(champ.widget, w.Checkbox)):
                continue
            s[nom] = v
        return s

    def remplir(self, valeurs: dict[str, Any]) -> None:
        """Remplit le formulaire (persona ou formulaire vide) ; la date de référence ne change que si la persona en donne une."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                if nom == "date_reference":
                    if "date_reference" in valeurs:
                        champ.valeur = valeurs["date_reference"]
                    continue
                defaut = False if isinstance(champ.widget, w.Checkbox) else None if isinstance(champ.widget, w.DatePicker) else DEFAUTS.get(nom, AUCUN)
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
        date_reference = self.champs["date_reference"].valeur
        if date_reference is None:
            self.champs["date_reference"].signaler("choisissez la date à laquelle examiner la déclaration.")
            return self._vider("Choisissez la date de la déclaration envisagée.")
        situation = self.situation()
        if "date_naissance" not in situation and "carte" not in situation:
            return self._vider("Remplissez au moins la date de naissance, la carte de séjour et le début du séjour, ou cliquez sur un exemple.")
        try:
            decision = regles.evaluer(situation, date_reference, aujourdhui=self.aujourdhui)
        except ErreurSituation as exc:
            signaler_erreurs(exc, self.champs, repli=self.champs["date_reference"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la réponse.")
        self.derniere_decision = decision
        self.voies.value = tableau_voies(decision)
        self.resultat.value = carte.carte_decision(decision, titre_trace="Conditions générales puis les cinq voies, dans l'ordre")
        self.frise.value = carte.chronologie(decision, titre="Calendrier : quand les durées seront atteintes", jour="date de la déclaration envisagée")
        self.seuils.value = tableau_seuils(decision)
        self.demarche.value = demarche_html(decision)

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.voies.value = self.frise.value = self.seuils.value = self.demarche.value = ""
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'


def tableau_voies(decision: Decision) -> str:
    """Les cinq voies : statut, ce qui manque, et la date la plus proche où la déclaration devient possible."""
    lignes = []
    for v in decision.details["voies"]:
        statut = v["statut"]
        etiquette = (f'<strong style="color:{COULEURS_VOIE[statut]}"><span aria-hidden="true">{ICONES_VOIE[statut]}</span> '
                     f'{escape(v["libelle_statut"])}</strong>')
        if statut == "ouverte":
            manque, quand = "rien", f"dès le {date_fr(v['possible_a_partir_du'])}"
        elif statut == "fermee":
            manque = "<br>".join(escape(c["texte"]) for c in v["conditions"] if not c["remplie"] and c["fermante"])
            quand = "—"
        else:
            manque = "<br>".join(escape(t) for t in v["manques"])
            quand = (f"le {date_fr(v['possible_a_partir_du'])}" if v["date_ferme"]
                     else f"au plus tôt le {date_fr(v['possible_a_partir_du'])}, si les preuves sont apportées")
        lignes.append(f'<tr data-voie="{v["numero"]}" data-statut="{statut}"><td><strong>{v["numero"]}°</strong> {escape(v["titre"])}</td>'
                      f"<td>{etiquette}</td><td>{manque}</td><td>{escape(quand)}</td></tr>")
    proche = decision.details.get("date_la_plus_proche")
    if decision.statut == "voie_ouverte":
        resume = f"La déclaration est possible dès le {date_fr(proche)}."
    elif proche:
        resume = f"Date la plus proche à laquelle une déclaration devient possible : <strong>{date_fr(proche)}</strong> (si la situation ne change pas)."
    elif decision.statut == "preuves_a_apporter":
        resume = "Aucune date certaine : une voie reste possible, mais il manque des preuves (voir le tableau)."
    else:
        resume = "Aucune voie en vue pour l'instant."
    return (f'<div class="kit-carte-cri"><h3>Les cinq voies de la déclaration (art. 12bis, § 1er)</h3><p>{resume}</p>'
            '<table class="kit-table kit-voies"><thead><tr><th>Voie</th><th>Statut</th><th>Ce qui manque</th><th>Possible à partir du</th></tr></thead>'
            f'<tbody>{"".join(lignes)}</tbody></table>'
            f'<p class="kit-ref">Référence : {escape(regles.REF_VOIES)}</p></div>')


def _valeur(p: dict[str, Any]) -> str:
    v = p["valeur"]
    if p["nom"] == "reforme_annoncee":
        montant = f"{v.get('droit_enregistrement', 0):,}".replace(",", " ")
        return (f"annoncée : {montant} € ; niveau {v.get('niveau_langue')} ; "
                f"{'test de citoyenneté' if v.get('test_citoyennete') else 'pas de test'} — NON appliquée par le kit")
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    unite = UNITES.get(p["unite"], p["unite"])
    return f"{v} {unite}" if unite not in ("niveau CECR",) else f"niveau {v}"


def tableau_seuils(decision: Decision) -> str:
    """Chaque âge, durée, seuil et montant utilisé, avec la date depuis laquelle il vaut et sa référence."""
    lignes = []
    for p in decision.details["parametres"]:
        incertain = f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(p["incertain"])}</div>' if p["incertain"] else ""
        lignes.append(f'<tr data-parametre="{escape(p["nom"])}"><td>{escape(p["description"])}</td><td><strong>{escape(_valeur(p))}</strong></td>'
                      f'<td>{date_fr(p["depuis"])}</td><td class="kit-ref">{escape(p["reference"])}{incertain}</td></tr>')
    return ("<details open><summary><strong>Les seuils utilisés, datés et sourcés</strong></summary>"
            '<table class="kit-table"><thead><tr><th>Règle</th><th>Valeur</th><th>En vigueur depuis le</th><th>Référence</th></tr></thead>'
            f"<tbody>{''.join(lignes)}</tbody></table></details>")


def demarche_html(decision: Decision) -> str:
    """Où et comment faire la déclaration (commune, droit d'enregistrement, avis du parquet)."""
    items = []
    for e in decision.details["demarche"]:
        incertain = f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(e["incertain"])}</div>' if e["incertain"] else ""
        items.append(f'<li>{escape(e["texte"])}<span class="kit-ref">Référence : {escape(e["reference"])}</span>{incertain}</li>')
    return f'<div class="kit-carte-cri"><h4>La démarche</h4><ol>{"".join(items)}</ol></div>'


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    return SimulateurNationalite(aujourdhui).vue
