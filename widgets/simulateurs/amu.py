"""Simulateur « Aide médicale urgente : la personne y a-t-elle droit ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.amu``) -> le CPAS compétent, ce
qu'il faut faire et apporter, ce qui est couvert ou non, les quatre conditions (chacune avec sa
référence), les règles datées appliquées (date d'effet et référence), la carte de décision et la frise
des règles. Chaque changement de champ relance l'évaluation ; une saisie invalide s'affiche en
français sous le champ. Trois personas fictives remplissent le formulaire d'un clic.

    from widgets.simulateurs import amu
    amu.afficher()
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as w

from widgets import data
from widgets.rules import amu as regles
from widgets.rules.decision import Decision, date_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import Champ, bandeau_personas, formulaire, signaler_erreurs

AUCUN = ""
CASES = ("attestation_urgence", "maladie_contagieuse")

# Personnages fictifs (données fictives), commentés dans la séance 5 du module « Droit des étrangers ».
PERSONAS = {
    "Mamadou, sans papiers à Charleroi": {
        "statut_sejour": "irregulier", "commune": "Charleroi", "etat_de_besoin": "oui", "attestation_urgence": True,
        "soins_demandes": ("consultation", "medicaments", "medicaments_categorie_d"), "date_demande": dt.date(2026, 11, 16),
    },
    "Samira, demandeuse d'asile logée chez une amie à Namur": {
        "statut_sejour": "demandeur_protection", "commune": "Namur", "etat_de_besoin": "en_cours",
        "soins_demandes": ("consultation", "examens"), "date_demande": dt.date(2026, 11, 16),
    },
    "Kofi, sans papiers, dort à Seraing et va au CPAS de Liège": {
        "statut_sejour": "irregulier", "commune": "Seraing", "cpas_sollicite": "Liège", "etat_de_besoin": "en_cours",
        "attestation_urgence": False, "soins_demandes": ("hospitalisation",), "date_demande": dt.date(2026, 11, 16),
    },
}

ETATS = {"remplie": "✓ remplie", "manquante": "✗ manquante", "en cours": "… en cours", "sans objet": "— autre voie",
         "non examinée": "— non examinée"}


class SimulateurAMU:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        communes = data.charger().communes
        noms_communes = sorted(communes["nom"], key=data.normaliser)
        statuts = [("— choisir —", AUCUN)] + [(libelle, code) for code, libelle in regles.LIBELLES_SEJOUR.items()]
        besoins = [(libelle, code) for code, libelle in regles.LIBELLES_BESOIN.items()]
        soins = [(libelle, code) for code, libelle in regles.LIBELLES_SOINS.items()]
        self.champs = {
            "date_demande": Champ("date_demande", w.DatePicker(value=self.aujourdhui), "Date de la demande",
                                  "Les règles appliquées sont celles en vigueur ce jour-là (depuis le 27 février 2012)."),
            "statut_sejour": Champ("statut_sejour", w.Dropdown(options=statuts, value=AUCUN), "Statut de séjour"),
            "commune": Champ("commune", w.Combobox(options=noms_communes, placeholder="ex. Charleroi, Liège, 52011", ensure_option=False),
                             "Commune où la personne séjourne", "Nom de la commune ou code INS : c'est elle qui désigne le CPAS compétent."),
            "cpas_sollicite": Champ("cpas_sollicite", w.Combobox(options=noms_communes, placeholder="laisser vide : le même", ensure_option=False),
                                    "CPAS auquel elle s'adresse", "À remplir seulement si la personne s'adresse au CPAS d'une autre commune."),
            "soins_demandes": Champ("soins_demandes", w.SelectMultiple(options=soins, value=(), rows=len(soins)), "Aide ou soins demandés",
                                    "Plusieurs choix possibles (Ctrl ou Cmd + clic)."),
            "etat_de_besoin": Champ("etat_de_besoin", w.Dropdown(options=besoins, value="en_cours"), "Enquête sociale : état de besoin"),
            "attestation_urgence": Champ("attestation_urgence", w.Checkbox(indent=True), "Attestation d'urgence d'un médecin ou d'un dentiste"),
            "maladie_contagieuse": Champ("maladie_contagieuse", w.Checkbox(indent=True), "Maladie contagieuse reconnue (prophylaxie)"),
        }
        self.a_faire = w.HTML()
        self.a_faire.add_class("kit-a-faire")
        self.conditions = w.HTML()
        self.conditions.add_class("kit-conditions-amu")
        self.regles = w.HTML()
        self.regles.add_class("kit-regles-datees")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self._remplissage = False
        self.derniere_decision: Decision | None = None

        bandeau = bandeau_personas(PERSONAS, self.remplir, mention="personnages fictifs, données fictives")
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.a_faire, self.conditions, self.resultat,
                           self.regles, self.frise])
        self.vue.add_class("kit-simulateur-amu")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def situation(self) -> dict:
        s: dict = {}
        for nom, champ in self.champs.items():
            v = champ.valeur
            if isinstance(v, str):
                v = v.strip()
            if v is None or v == AUCUN or (v is False and nom in CASES):
                continue
            if nom == "soins_demandes":
                v = list(v)
                if not v:
                    continue
            s[nom] = v
        if "attestation_urgence" not in s and s.get("statut_sejour") in ("irregulier", "ue_exclu_aide_sociale", "autre"):
            s["attestation_urgence"] = False  # case décochée : une réponse, pas une inconnue
        return s

    def remplir(self, valeurs: dict) -> None:
        """Remplit le formulaire (persona ou formulaire vide), puis évalue une seule fois."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                if nom in CASES:
                    defaut = False
                elif nom == "date_demande":
                    defaut = self.aujourdhui
                elif nom == "soins_demandes":
                    defaut = ()
                elif nom == "etat_de_besoin":
                    defaut = "en_cours"
                else:
                    defaut = AUCUN
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
        situation = self.situation()
        manquants = [n for n in ("statut_sejour", "commune", "soins_demandes") if n not in situation]
        if len(manquants) == 3:
            return self._vider("Choisissez le statut de séjour, la commune où la personne séjourne et l'aide demandée, ou cliquez sur un exemple.")
        if manquants:
            for n in manquants:
                self.champs[n].signaler("ce champ est obligatoire.")
            return self._vider("Complétez les champs signalés pour voir la réponse.")
        try:
            decision = regles.evaluer(situation, self.aujourdhui)
        except ErreurSituation as exc:
            cibles = dict(self.champs)
            cibles.update({f"soins_demandes.{i}": self.champs["soins_demandes"] for i in range(len(regles.SOINS) + 5)})
            signaler_erreurs(exc, cibles, repli=self.champs["statut_sejour"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la réponse.")
        except data.DonneesInvalides as exc:
            return self._vider(f"Les données du kit sont invalides : {exc}")
        self.derniere_decision = decision
        self.a_faire.value = a_faire_html(decision)
        self.conditions.value = conditions_html(decision)
        self.resultat.value = carte.carte_decision(decision)
        self.regles.value = carte.regles_datees(decision)
        self.frise.value = carte.chronologie(decision, titre="Les règles datées appliquées à cette demande", jour="date de la demande")

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        for boite in (self.a_faire, self.conditions, self.regles, self.frise):
            boite.value = ""
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'


def _liste(titre: str, elements: list[str]) -> str:
    if not elements:
        return ""
    return f"<h4>{escape(titre)}</h4><ul>" + "".join(f"<li>{escape(t)}</li>" for t in elements) + "</ul>"


def a_faire_html(decision: Decision) -> str:
    """Le CPAS compétent, ce qu'il faut faire et apporter, ce qui est couvert ou non."""
    d = decision.details
    cpas = d["cpas"]
    non_couvert = "".join(
        f'<li data-code="{escape(n["code"])}"><strong>{escape(n["soin"])}</strong> : {escape(n["raison"])}'
        f'<span class="kit-ref">Référence : {escape(n["reference"])}</span></li>' for n in d["non_couvert"])
    morceaux = [
        f'<div class="kit-carte-cri" data-nis="{escape(cpas["nis"])}">',
        (f'<p><strong>Où s\'adresser : {escape(d["orientation"])}</strong><br>La personne séjourne à {escape(cpas["commune"])} '
         f'({escape(cpas["region"])}) : le CPAS compétent pour l\'AMU est le {escape(cpas["nom"])}. '
         f'Demande du {date_fr(d["date_demande"])} ; statut : {escape(d["statut_sejour"])}.</p>'),
        _liste("Que faire ?", d["a_faire"]),
        _liste("Documents utiles", d["documents"]),
        _liste("Ce que l'AMU couvrirait", d["couvert"]),
        f'<h4>Ce qui n\'est pas couvert</h4><ul class="kit-non-couvert">{non_couvert}</ul>' if non_couvert else "",
        '<p class="kit-ref">Dans tous les cas, l\'AMU ne donne que des soins : jamais d\'argent, de logement ni d\'aide matérielle.</p>',
        "</div>",
    ]
    return "".join(morceaux)


def conditions_html(decision: Decision) -> str:
    """Les quatre conditions cumulatives, leur état et leur référence."""
    lignes = "".join(
        f'<tr data-condition="{escape(c["code"])}" data-etat="{escape(c["etat"])}"><td>{escape(c["libelle"])}</td>'
        f'<td><strong>{escape(ETATS.get(c["etat"], c["etat"]))}</strong><br>{escape(c["reponse"])}</td>'
        f'<td class="kit-ref">{escape(c["reference"])}</td></tr>' for c in decision.details["conditions"])
    return ('<h4>Les quatre conditions cumulatives de l\'AMU</h4><table class="kit-axes"><thead><tr><th>Condition</th><th>État</th>'
            f"<th>Référence</th></tr></thead><tbody>{lignes}</tbody></table>")


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    try:
        return SimulateurAMU(aujourdhui).vue
    except data.DonneesInvalides as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
