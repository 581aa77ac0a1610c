"""Simulateur « Cette personne doit-elle suivre le parcours d'intégration ? ».

Un formulaire (``widgets.ui.champs``) -> les règles (``widgets.rules.parcours``) -> la carte de
décision, la fiche du CRI compétent avec la carte de ses bureaux, et la frise des échéances.
Chaque changement de champ relance l'évaluation ; une saisie invalide s'affiche en français à côté
du champ concerné. Trois personas fictives remplissent le formulaire d'un clic.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape

import ipywidgets as w
from dateutil.relativedelta import relativedelta

from widgets import cartes, data
from widgets.rules import parcours as regles
from widgets.rules import pays
from widgets.rules.validation import ErreurSituation
from widgets.ui import decision as carte
from widgets.ui.champs import Champ, bandeau_personas, formulaire, signaler_erreurs

# ipywidgets montre une liste vide quand la valeur est None : les choix « vides » ont donc un code
# texte, traduit en None au moment de construire la situation.
AUCUN = ""
OUI_NON_INCONNU = [("oui", "oui"), ("non", "non"), ("je ne sais pas", AUCUN)]
VERS_BOOLEEN = {"oui": True, "non": False, AUCUN: None}
ETUDES = [("aucun de ces statuts", AUCUN)] + [(libelle, code) for code, libelle in regles.LIBELLES_ETUDE.items()]
OBLIGATOIRES = ("nationalite", "date_debut_sejour", "commune")


def personas(aujourdhui: dt.date) -> dict[str, dict]:
    """Trois personnes fictives, datées par rapport à aujourd'hui pour rester valables."""
    il_y_a = lambda **kw: aujourdhui - relativedelta(**kw)  # noqa: E731
    return {
        "Amina, arrivée du Maroc à Charleroi": {
            "nationalite": "MA", "commune": "Charleroi", "date_naissance": dt.date(1996, 3, 14),
            "date_debut_sejour": il_y_a(months=8), "date_titre_sejour": il_y_a(months=7, days=20),
            "titre_sejour_plus_3_mois": True,
        },
        "Olena, protection temporaire à Namur": {
            "nationalite": "UA", "commune": "Namur", "date_naissance": dt.date(1983, 11, 2),
            "date_debut_sejour": il_y_a(months=14), "date_titre_sejour": il_y_a(months=14),
            "titre_sejour_plus_3_mois": True, "protection_temporaire": True,
        },
        "Giulia, Italienne installée à Liège": {
            "nationalite": "IT", "commune": "Liège", "date_naissance": dt.date(1991, 6, 30),
            "date_debut_sejour": il_y_a(months=5), "date_titre_sejour": il_y_a(months=4),
            "titre_sejour_plus_3_mois": True,
        },
    }


class SimulateurParcours:
    def __init__(self, aujourdhui: dt.date | None = None):
        self._aujourdhui = aujourdhui  # None : la vraie date du jour, relue à chaque usage
        communes = data.charger().communes
        noms_communes = sorted(communes["nom"], key=data.normaliser)
        options_pays = [("— choisir —", AUCUN)] + [(f"{nom} ({code})", code) for code, nom in pays.noms().items()]
        self.champs = {
            "date_reference": Champ("date_reference", w.DatePicker(value=self.aujourdhui), "Date de référence",
                                    "Les règles appliquées sont celles en vigueur à cette date."),
            "nationalite": Champ("nationalite", w.Dropdown(options=options_pays, value=AUCUN), "Nationalité"),
            "commune": Champ("commune", w.Combobox(options=noms_communes, placeholder="ex. Mons, Charleroi, 62063", ensure_option=False),
                             "Commune de résidence", "Nom de la commune ou code INS."),
            "date_debut_sejour": Champ("date_debut_sejour", w.DatePicker(), "Début du séjour en Belgique"),
            "date_naissance": Champ("date_naissance", w.DatePicker(), "Date de naissance"),
            "titre_sejour_plus_3_mois": Champ("titre_sejour_plus_3_mois", w.Dropdown(options=OUI_NON_INCONNU, value="oui"),
                                              "Titre de séjour de plus de 3 mois ?"),
            "date_titre_sejour": Champ("date_titre_sejour", w.DatePicker(), "Commande du titre de séjour",
                                       "Date à laquelle la commune a commandé le titre (point de départ du délai)."),
            "membre_famille_ue": Champ("membre_famille_ue", w.Checkbox(indent=True), "Membre de la famille d'un citoyen UE, EEE ou suisse"),
            "protection_temporaire": Champ("protection_temporaire", w.Checkbox(indent=True), "Protection temporaire (Ukraine)"),
            "certificat_medical": Champ("certificat_medical", w.Checkbox(indent=True), "Certificat médical d'impossibilité"),
            "diplome_belge": Champ("diplome_belge", w.Checkbox(indent=True), "Diplôme ou certificat de l'enseignement belge"),
            "attestation_autre_entite": Champ("attestation_autre_entite", w.Checkbox(indent=True), "Attestation de parcours déjà obtenue"),
            "mois_emploi_mi_temps": Champ("mois_emploi_mi_temps", w.IntText(value=0), "Mois de travail continu (au moins à mi-temps)"),
            "statut_etude": Champ("statut_etude", w.Dropdown(options=ETUDES, value=AUCUN), "Études ou enseignement supérieur"),
        }
        self.resultat = w.HTML()
        self.resultat.add_class("kit-resultat")
        self.fiche_cri = w.HTML()
        self.fiche_cri.add_class("kit-cri")
        self.carte = w.HTML()
        self.carte.add_class("kit-carte-bureaux")
        self.frise = w.HTML()
        self.frise.add_class("kit-frise-widget")
        self._cri_affiche: str | None = None
        self._remplissage = False
        self.derniere_decision = None

        bandeau = bandeau_personas({nom: rang for rang, nom in enumerate(personas(self.aujourdhui))},
                                   lambda rang: self.remplir({}) if rang == {} else self.remplir_persona(rang))

        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        self.vue = w.VBox([
            bandeau,
            formulaire(list(self.champs.values())),
            self.resultat, self.frise, self.fiche_cri, self.carte,
        ])
        self.vue.add_class("kit-simulateur-parcours")
        self.evaluer()

    @property
    def aujourdhui(self) -> dt.date:
        """La date du jour, relue à chaque usage : un noyau préchauffé la veille doit dire aujourd'hui."""
        return self._aujourdhui or dt.date.today()

    def remplir_persona(self, rang: int) -> None:
        """Un exemple, daté par rapport à aujourd'hui, et la date de référence ramenée à aujourd'hui."""
        self.remplir(list(personas(self.aujourdhui).values())[rang], date_reference=self.aujourdhui)

    # -- saisie --
    def situation(self) -> dict:
        """La situation telle que le formulaire la décrit (les champs vides sont omis)."""
        s = {}
        for nom, champ in self.champs.items():
            v = champ.valeur
            if nom == "date_reference":
                continue
            if nom == "titre_sejour_plus_3_mois":
                v = VERS_BOOLEEN[v]
            if isinstance(v, str):
                v = v.strip()
            if v is None or v is AUCUN or v == AUCUN or (v is False and isinstance(champ.widget, w.Checkbox)):
                continue
            s[nom] = v
        return s

    def remplir(self, valeurs: dict, date_reference: dt.date | None = None) -> None:
        """Remplit le formulaire (persona ou vide) en une seule évaluation. Les personas sont datées
        par rapport à aujourd'hui : elles ramènent aussi la date de référence à aujourd'hui."""
        self._remplissage = True
        try:
            if date_reference is not None:
                self.champs["date_reference"].valeur = date_reference
            for nom, champ in self.champs.items():
                if nom == "date_reference":
                    continue
                defaut = {"titre_sejour_plus_3_mois": "oui", "mois_emploi_mi_temps": 0}.get(nom, AUCUN)
                if isinstance(champ.widget, w.Checkbox):
                    defaut = False
                elif isinstance(champ.widget, w.DatePicker):
                    defaut = None
                valeur = valeurs.get(nom, defaut)
                if nom == "titre_sejour_plus_3_mois" and isinstance(valeur, bool):
                    valeur = "oui" if valeur else "non"
                champ.valeur = valeur
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
        date_ref = self.champs["date_reference"].valeur
        if date_ref is None:
            self.champs["date_reference"].signaler("choisissez une date de référence.")
            return self._vider("Choisissez une date de référence.")
        manquants = [n for n in OBLIGATOIRES if n not in situation]
        if len(manquants) == len(OBLIGATOIRES):
            return self._vider("Remplissez au moins la nationalité, la date d'arrivée et la commune, ou cliquez sur un exemple.")
        try:
            decision = regles.evaluer(situation, date_ref, aujourdhui=self.aujourdhui)
        except ErreurSituation as exc:
            signaler_erreurs(exc, self.champs, repli=self.champs["date_reference"])
            return self._vider("Corrigez les champs signalés en rouge pour voir la décision.")
        except data.DonneesInvalides as exc:
            return self._vider(f"Les données du kit sont invalides : {exc}")
        self.derniere_decision = decision
        self.resultat.value = carte.carte_decision(decision)
        self.frise.value = carte.chronologie(decision)
        self._afficher_cri(decision)

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.resultat.value = f'<div class="kit-attente"><p>{escape(message)}</p></div>'
        self.frise.value = ""

    def _afficher_cri(self, decision) -> None:
        fiche = decision.details.get("cri")
        if not fiche:
            self.fiche_cri.value, self.carte.value, self._cri_affiche = "", "", None
            return
        self.fiche_cri.value = carte.fiche_cri(fiche, decision.details["commune"])
        if fiche["sigle"] != self._cri_affiche:  # la carte ne change qu'avec le CRI
            bureaux = data.bureaux_du_cri(fiche["sigle"])
            self.carte.value = cartes.carte_cri_html(fiche["sigle"]) + cartes.tableau_bureaux(bureaux)
            self._cri_affiche = fiche["sigle"]


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    try:
        vue = SimulateurParcours(aujourdhui).vue
        if os.environ.get("VOILA_PREHEAT") == "True":  # noyau préchauffé : personne n'attend encore
            cartes.prechauffer()
        return vue
    except data.DonneesInvalides as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
