"""Simulateur « Regroupement familial : quelle règle, quelles conditions, quel revenu ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.regroupement``) -> la règle
applicable, le montant de référence des revenus calculé pour la date de la demande (avec sa formule,
la date depuis laquelle il vaut et sa source), le tableau des conditions (remplie, non remplie, à
vérifier), les valeurs légales utilisées, la carte de décision et le calendrier. Chaque changement
de champ relance l'évaluation ; une saisie invalide s'affiche en français sous le champ. Trois
personas fictives remplissent le formulaire d'un clic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

import ipywidgets as w

from widgets.rules import regroupement as regles
from widgets.rules.decision import date_fr
from widgets.rules.montants import nombre_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import (
    Champ,
    bandeau_personas,
    formulaire,
    montant_en_texte,
    signaler_erreurs,
    texte,
)

AUCUN = ""
REPONSES = [("oui", "oui"), ("non", "non"), ("inconnu", "inconnu")]
STATUTS = [(f"{libelle[0].upper()}{libelle[1:]}", code) for code, libelle in regles.LIBELLES_REGROUPANT.items()]
LIENS = [(f"{libelle[0].upper()}{libelle[1:]}", code) for code, libelle in regles.LIBELLES_LIEN.items()]
ICONES_ETAT = {"remplie": ("✓", "kit-juste"), "non_remplie": ("✗", "kit-faux"), "a_verifier": ("?", ""), "sans_objet": ("○", "")}

# Personnages fictifs (données fictives), commentés dans la séance 3 du module « Droit des étrangers ».
PERSONAS = {
    "Samir, réfugié reconnu à Namur": {
        "date_demande": dt.date(2026, 7, 20),
        "regroupant-statut": "refugie", "regroupant-date_droit_sejour": dt.date(2026, 3, 10),
        "regroupant-logement_suffisant": "inconnu", "regroupant-assurance_maladie": "inconnu",
        "membre-lien": "conjoint", "membre-date_naissance": dt.date(1994, 5, 2), "membre-date_lien": dt.date(2015, 7, 11),
        "personnes_a_charge": 3,
    },
    "Fatima, travailleuse à Charleroi": {
        "date_demande": dt.date(2026, 11, 2),
        "regroupant-statut": "non_ue_illimite", "regroupant-date_droit_sejour": dt.date(2019, 4, 1),
        "regroupant-revenus_mensuels_nets": "1950", "regroupant-logement_suffisant": "oui", "regroupant-assurance_maladie": "oui",
        "membre-lien": "conjoint", "membre-date_naissance": dt.date(1990, 2, 14), "membre-date_lien": dt.date(2018, 6, 30),
        "personnes_a_charge": 1,
    },
    "Dawit, protection subsidiaire à Liège": {
        "date_demande": dt.date(2026, 11, 20),
        "regroupant-statut": "protection_subsidiaire", "regroupant-date_droit_sejour": dt.date(2025, 10, 6),
        "regroupant-revenus_mensuels_nets": "2500", "regroupant-logement_suffisant": "oui", "regroupant-assurance_maladie": "oui",
        "membre-lien": "conjoint", "membre-date_naissance": dt.date(1996, 9, 23), "membre-date_lien": dt.date(2019, 3, 2),
        "personnes_a_charge": 1,
    },
}

VIDE = {"date_demande": None, "regroupant-statut": "non_ue_illimite", "regroupant-date_droit_sejour": None, "regroupant-date_naissance": None,
        "regroupant-revenus_mensuels_nets": "", "regroupant-logement_suffisant": "inconnu", "regroupant-assurance_maladie": "inconnu",
        "membre-lien": "conjoint", "membre-date_naissance": None, "membre-date_lien": None, "personnes_a_charge": 1}


class SimulateurRegroupement:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        self.champs = {
            "date_demande": Champ("date_demande", w.DatePicker(value=self.aujourdhui), "Date de la demande",
                                  "Le jour où la demande est (ou serait) introduite : les montants et les règles sont ceux de ce jour-là."),
            "regroupant-statut": Champ("regroupant-statut", w.Dropdown(options=STATUTS, value="non_ue_illimite"), "Le regroupant est"),
            "regroupant-date_droit_sejour": Champ("regroupant-date_droit_sejour", w.DatePicker(), "Droit de séjour obtenu le",
                                                  "Date de la décision (Office des étrangers, CGRA ou CCE). Inutile pour un Belge ou un citoyen de l'Union."),
            "regroupant-date_naissance": Champ("regroupant-date_naissance", w.DatePicker(), "Naissance du regroupant",
                                               "Facultatif : utile quand le regroupant est mineur (ses parents veulent le rejoindre)."),
            "regroupant-revenus_mensuels_nets": Champ("regroupant-revenus_mensuels_nets", texte(placeholder="ex. 2 400"), "Revenus nets par mois (€)",
                                                      "Laisser vide si inconnus."),
            "regroupant-logement_suffisant": Champ("regroupant-logement_suffisant", w.Dropdown(options=REPONSES, value="inconnu"), "Logement suffisant"),
            "regroupant-assurance_maladie": Champ("regroupant-assurance_maladie", w.Dropdown(options=REPONSES, value="inconnu"), "Assurance maladie"),
            "membre-lien": Champ("membre-lien", w.Dropdown(options=LIENS, value="conjoint"), "Qui veut le rejoindre ?"),
            "membre-date_naissance": Champ("membre-date_naissance", w.DatePicker(), "Naissance du membre de la famille"),
            "membre-date_lien": Champ("membre-date_lien", w.DatePicker(), "Mariage ou partenariat le", "Pour un conjoint ou un partenaire."),
            "personnes_a_charge": Champ("personnes_a_charge", w.BoundedIntText(value=1, min=1, max=20), "Personnes à charge",
                                        "Toutes les personnes qui vivent avec le regroupant ou le rejoignent, le membre de la famille compris."),
        }
        self.regle = w.HTML()
        self.regle.add_class("kit-regle-regroupement")
        self.seuil = w.HTML()
        self.seuil.add_class("kit-seuil")
        self.conditions = w.HTML()
        self.conditions.add_class("kit-conditions")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self._remplissage = False
        self.derniere_decision = None

        bandeau = bandeau_personas(PERSONAS, self.remplir)
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.regle, self.seuil, self.conditions, self.resultat, self.frise])
        self.vue.add_class("kit-simulateur-regroupement")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def situation(self) -> dict:
        s: dict = {"regroupant": {}, "membre": {}}
        for nom, champ in self.champs.items():
            v = champ.valeur
            if isinstance(v, str):
                v = v.strip()
            if v is None or v == AUCUN:
                continue
            if "-" in nom:
                groupe, cle = nom.split("-", 1)
                s[groupe][cle] = v
            else:
                s[nom] = v
        return s

    def remplir(self, valeurs: dict) -> None:
        """Remplit le formulaire (persona ou formulaire vide : la date de la demande revient à aujourd'hui)."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                v = valeurs.get(nom, VIDE[nom])
                if nom == "date_demande" and v is None:
                    v = self.aujourdhui
                if nom == "regroupant-revenus_mensuels_nets":
                    v = montant_en_texte(v)
                champ.valeur = v
        finally:
            self._remplissage = False
        self.evaluer()

    def _change(self, _change) -> None:
        if not self._remplissage:
            self.evaluer()

    def evaluer(self) -> None:
        for champ in self.champs.values():
            champ.signaler(None)
        situation = self.situation()
        if "date_naissance" not in situation["membre"]:
            return self._vider("Indiquez au moins la date de naissance du membre de la famille (et, pour un regroupant non européen, la date "
                               "d'obtention de son droit de séjour), ou cliquez sur un exemple.")
        if situation.get("date_demande") is None:
            self.champs["date_demande"].signaler("choisissez la date de la demande.")
            return self._vider("Choisissez la date de la demande.")
        try:
            decision = regles.evaluer(situation, aujourdhui=self.aujourdhui)
        except ErreurSituation as exc:
            signaler_erreurs(exc, self.champs, repli=self.champs["date_demande"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la réponse.")
        self.derniere_decision = decision
        self.regle.value = regle_html(decision)
        self.seuil.value = seuil_html(decision)
        self.conditions.value = conditions_html(decision)
        self.resultat.value = carte.carte_decision(decision)
        self.frise.value = carte.chronologie(decision, titre="Calendrier du regroupement", jour="date de la demande")

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.regle.value = self.seuil.value = self.conditions.value = self.frise.value = ""
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'


def _incertain(texte: str | None) -> str:
    return f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(texte)}</div>' if texte else ""


def regle_html(decision) -> str:
    r = decision.details["regle"]
    return (f'<div class="kit-carte-cri" data-regle="{escape(r["code"])}"><h4>Règle applicable : {escape(r["libelle"])}</h4>'
            f'<p>{escape(r["raison"])}</p><p class="kit-ref">{escape(r["loi"])}, {escape(r["article"])}. Référence : {escape(r["reference"])}</p>'
            f'{_incertain(r.get("incertain"))}</div>')


def seuil_html(decision) -> str:
    """Le montant de référence calculé pour la date de la demande : montant, formule, date d'effet, source."""
    s = decision.details["seuil"]
    jour = date_fr(decision.details["date_demande"])
    if s is None:
        return ('<div class="kit-carte-cri kit-seuil-absent"><h4>Revenus : pas de montant de référence</h4><p>Pour le membre de la famille d\'un citoyen '
                'de l\'Union, la loi ne fixe pas de montant : c\'est la situation du citoyen lui-même (travail, études, ressources) qui compte. À vérifier.</p></div>')
    if s.get("montant") is None:
        return f'<div class="kit-carte-cri"><h4>Revenus : montant de référence inconnu au {jour}</h4><p>{escape(s["formule"])}</p>{_incertain(s.get("incertain"))}</div>'
    regle = "nouvelle règle" if s["regle"] == "nouvelle" else "ancienne règle"
    revenus = next((c for c in decision.details["conditions"] if c["code"] == "revenus"), None)
    note = ""
    if revenus and revenus["etat"] == "sans_objet":
        note = f'<p><em>Ce montant ne s\'applique pas ici : {escape(revenus["raison"])}</em></p>'
    supplement = f'<span class="kit-ref">Supplément par personne : {escape(s["reference_supplement"])}</span>' if s.get("reference_supplement") else ""
    pris = decision.details.get("revenus_pris_en_compte")
    return (f'<div class="kit-carte-cri" data-montant="{s["montant_arrondi"]}"><h4>Montant de référence des revenus au {jour} ({regle}) : '
            f'{escape(s["montant_texte"])} net par mois</h4>'
            f'<p>{escape(s["formule"])} ; pour {s["personnes"]} personne{"s" if s["personnes"] > 1 else ""} à charge.</p>'
            f'<p>Valeur en vigueur depuis le <strong>{date_fr(s["depuis"])}</strong>.<span class="kit-ref">Référence : {escape(s["reference"])}</span>{supplement}</p>'
            f'{note}<p>Un revenu inférieur n\'entraîne pas un refus automatique : l\'Office des étrangers examine les besoins du ménage.</p>'
            + (f'<p class="kit-ref">{escape(pris)}</p>' if pris else "") + f'{_incertain(s.get("incertain"))}</div>')


def conditions_html(decision) -> str:
    lignes = []
    for c in decision.details["conditions"]:
        icone, classe = ICONES_ETAT[c["etat"]]
        lignes.append(f'<tr data-code="{escape(c["code"])}" data-etat="{c["etat"]}"><td>{escape(c["libelle"])}</td>'
                      f'<td class="{classe}"><span aria-hidden="true">{icone}</span> {escape(regles.LIBELLES_ETAT[c["etat"]])}</td>'
                      f'<td>{escape(c["raison"])}<span class="kit-ref">Référence : {escape(c["reference"])}</span>{_incertain(c.get("incertain"))}</td></tr>')
    valeurs = []
    for p in decision.details["parametres_utilises"]:
        v = p["valeur"]
        texte_v = date_fr(v) if isinstance(v, dt.date) else (f"{nombre_fr(Decimal(v))} €" if isinstance(v, str) else f"{v} {p['unite']}")
        valeurs.append(f'<tr><td>{escape(p["description"])}</td><td>{escape(texte_v)}</td><td>{date_fr(p["depuis"])}</td>'
                       f'<td class="kit-ref">{escape(p["reference"])}</td></tr>')
    dossier = "".join(f"<li>{escape(t)}</li>" for t in decision.details["dossier"])
    return ('<h4>Les conditions, une par une</h4><table class="kit-table"><thead><tr><th>Condition</th><th>État</th><th>Pourquoi</th></tr></thead>'
            f'<tbody>{"".join(lignes)}</tbody></table>'
            '<details class="kit-trace"><summary>Valeurs légales utilisées (avec la date depuis laquelle elles valent)</summary>'
            '<table class="kit-table"><thead><tr><th>Valeur</th><th>Montant ou durée</th><th>Depuis le</th><th>Référence</th></tr></thead>'
            f'<tbody>{"".join(valeurs)}</tbody></table></details>'
            f'<h4>Autres pièces du dossier</h4><ul>{dossier}</ul><p class="kit-ref">Référence : {escape(decision.details["reference_dossier"])}</p>'
            f'<div class="kit-avertissement">{escape(decision.details["orientation"])}</div>')


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    return SimulateurRegroupement(aujourdhui).vue

