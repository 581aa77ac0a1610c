"""Simulateur « Peut-elle voter aux élections communales ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.vote``) -> ce qu'il faut faire
et avant quand, la carte de décision (chaque condition avec sa référence) et le calendrier. Chaque
changement de champ relance l'évaluation ; une saisie invalide s'affiche en français sous le champ.
Trois personas fictives remplissent le formulaire d'un clic ; l'élection et la date de la démarche
restent celles que l'on a choisies, pour rejouer un même cas en 2024 et pour l'élection suivante.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as w

from widgets import data
from widgets.rules import pays
from widgets.rules import vote as regles
from widgets.rules.decision import date_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import Champ, bandeau_personas, formulaire, signaler_erreurs

AUCUN = ""
OBLIGATOIRES = ("nationalite", "date_naissance", "commune")
REGISTRES = [(libelle, code) for code, libelle in regles.LIBELLES_REGISTRE.items()]

# Personnages fictifs (données fictives) : dates fixes, commentées dans la séance 5 du module Citoyenneté.
PERSONAS = {
    "Sofia, Portugaise à Namur": {
        "nationalite": "PT", "date_naissance": dt.date(1992, 4, 18), "commune": "Namur", "registre": "etrangers",
        "date_inscription_registre": dt.date(2019, 9, 2),
    },
    "Youssef, Marocain à Liège": {
        "nationalite": "MA", "date_naissance": dt.date(1985, 1, 9), "commune": "Liège", "registre": "etrangers",
        "date_inscription_registre": dt.date(2015, 6, 15), "date_debut_sejour_legal": dt.date(2015, 6, 15),
    },
    "Ana, Brésilienne à Mons": {
        "nationalite": "BR", "date_naissance": dt.date(1997, 7, 3), "commune": "Mons", "registre": "etrangers",
        "date_inscription_registre": dt.date(2022, 3, 21), "date_debut_sejour_legal": dt.date(2022, 3, 21),
    },
}


def _libelle_election(e: dict) -> str:
    return f"{date_fr(e['jour'])}" + (" (dates à confirmer)" if e["incertain"] else "")


class SimulateurVote:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        communes = data.charger().communes
        noms_communes = sorted(communes["nom"], key=data.normaliser)
        options_pays = [("— choisir —", AUCUN)] + [(f"{nom} ({code})", code) for code, nom in pays.noms().items()]
        elections = regles.elections()
        prochaine = regles.election_suivante(self.aujourdhui) or elections[-1]
        self.champs = {
            "election": Champ("election", w.Dropdown(options=[(_libelle_election(e), e["jour"]) for e in elections], value=prochaine["jour"]),
                              "Élection communale"),
            "aujourdhui": Champ("aujourdhui", w.DatePicker(value=self.aujourdhui), "Date de la démarche",
                                "Le jour où la personne se renseigne (changez-la pour rejouer l'élection de 2024)."),
            "nationalite": Champ("nationalite", w.Dropdown(options=options_pays, value=AUCUN), "Nationalité"),
            "date_naissance": Champ("date_naissance", w.DatePicker(), "Date de naissance"),
            "commune": Champ("commune", w.Combobox(options=noms_communes, placeholder="ex. Namur, Liège, 53053", ensure_option=False),
                             "Commune de résidence", "Nom de la commune ou code INS."),
            "registre": Champ("registre", w.Dropdown(options=REGISTRES, value="etrangers"), "Inscrite à la commune au"),
            "date_inscription_registre": Champ("date_inscription_registre", w.DatePicker(), "Depuis le",
                                               "Date d'inscription au registre (laisser vide si inconnue)."),
            "date_debut_sejour_legal": Champ("date_debut_sejour_legal", w.DatePicker(), "Début du séjour légal ininterrompu",
                                             "Pour une personne qui n'est pas citoyenne de l'Union européenne."),
            "deja_inscrit_electeur": Champ("deja_inscrit_electeur", w.Checkbox(indent=True), "Déjà inscrite comme électrice (élection précédente)"),
            "prive_droits_politiques": Champ("prive_droits_politiques", w.Checkbox(indent=True), "Privée de ses droits politiques (décision de justice)"),
        }
        self.a_faire = w.HTML()
        self.a_faire.add_class("kit-a-faire")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self._remplissage = False
        self.derniere_decision = None

        bandeau = bandeau_personas(PERSONAS, self.remplir)
        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, formulaire(list(self.champs.values())), self.a_faire, self.resultat, self.frise])
        self.vue.add_class("kit-simulateur-vote")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def situation(self) -> dict:
        s = {}
        for nom, champ in self.champs.items():
            if nom in ("election", "aujourdhui"):
                continue
            v = champ.valeur
            if isinstance(v, str):
                v = v.strip()
            if v is None or v == AUCUN or (v is False and isinstance(champ.widget, w.Checkbox)):
                continue
            s[nom] = v
        return s

    def remplir(self, valeurs: dict) -> None:
        """Remplit la personne (persona ou formulaire vide) ; l'élection et la date de la démarche restent."""
        self._remplissage = True
        try:
            for nom, champ in self.champs.items():
                if nom in ("election", "aujourdhui"):
                    continue
                defaut = False if isinstance(champ.widget, w.Checkbox) else None if isinstance(champ.widget, w.DatePicker) else AUCUN
                if nom == "registre":
                    defaut = "etrangers"
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
        jour_demarche = self.champs["aujourdhui"].valeur
        if jour_demarche is None:
            self.champs["aujourdhui"].signaler("choisissez la date de la démarche.")
            return self._vider("Choisissez la date de la démarche.")
        if jour_demarche > dt.date.today():
            self.champs["aujourdhui"].signaler(f"la date du {date_fr(jour_demarche)} est dans le futur.")
            return self._vider("La date de la démarche ne peut pas être dans le futur.")
        situation = self.situation()
        if not any(n in situation for n in OBLIGATOIRES):
            return self._vider("Remplissez au moins la nationalité, la date de naissance et la commune, ou cliquez sur un exemple.")
        try:
            decision = regles.evaluer(situation, self.champs["election"].valeur, aujourdhui=jour_demarche)
        except ErreurSituation as exc:
            signaler_erreurs(exc, self.champs, repli=self.champs["election"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la réponse.")
        except data.DonneesInvalides as exc:
            return self._vider(f"Les données du kit sont invalides : {exc}")
        self.derniere_decision = decision
        self.a_faire.value = a_faire_html(decision)
        self.resultat.value = carte.carte_decision(decision)
        self.frise.value = carte.chronologie(decision, titre="Calendrier de l'élection", jour="date de la démarche")

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.a_faire.value = ""
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'
        self.frise.value = ""


def a_faire_html(decision) -> str:
    """L'élection examinée et ce que la personne doit faire, en tête de la réponse."""
    e = decision.details["election"]
    etapes = decision.details.get("a_faire") or []
    liste = ("<h4>Que faire ?</h4><ol>" + "".join(f"<li>{escape(t)}</li>" for t in etapes) + "</ol>") if etapes else ""
    return (f'<div class="kit-carte-cri"><p><strong>Élection communale du {date_fr(e["jour"])}</strong> — '
            f'demande d\'inscription au plus tard le {date_fr(e["limite_demande"])}, inscription au registre au {date_fr(e["registres"])}.'
            f'<span class="kit-ref">Référence : {escape(e["reference"])}</span></p>{liste}'
            f'<p class="kit-ref">{escape(decision.details["provinciales"])}</p></div>')


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    try:
        return SimulateurVote(aujourdhui).vue
    except data.DonneesInvalides as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
