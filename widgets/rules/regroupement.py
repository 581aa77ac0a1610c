"""Le regroupement familial (loi du 15 décembre 1980) : quelle règle s'applique, quelles conditions
sont remplies, et quel revenu le regroupant doit-il atteindre à la date de la demande ?

``evaluer(situation, date_reference, aujourdhui)`` rend une ``Decision`` dont le statut est l'un de :

- ``conditions_remplies`` : toutes les conditions que le kit sait examiner semblent remplies (c'est
  l'Office des étrangers qui décide : le kit n'accorde aucun droit) ;
- ``conditions_non_remplies`` : au moins une condition bloquante manque (âge du conjoint, enfant
  devenu majeur, attente de la protection subsidiaire, logement ou assurance absents...) ;
- ``a_verifier`` : rien de bloquant, mais un point dépend d'éléments que le kit ne connaît pas ou
  n'a pas pu confirmer (revenu sous le montant de référence : pas de refus automatique) ;
- ``hors_champ`` : ce lien de famille n'ouvre pas le regroupement familial pour ce regroupant.

La situation décrit le regroupant (statut, date d'obtention de son droit de séjour, revenus,
logement, assurance maladie), le membre de la famille (lien, date de naissance, date du mariage
ou du partenariat), le nombre de personnes à charge et la date de la demande. La date de la
demande est ``date_demande`` dans la situation, sinon ``date_reference``, sinon aujourd'hui : les
montants, âges et délais sont ceux de ``parametres/regroupement.yaml`` en vigueur ce jour-là.

En ligne de commande : ``python -m widgets.rules.regroupement situation.json --date 2026-11-30``
(``--date`` : la date de la demande quand la situation n'en donne pas).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from decimal import Decimal
from typing import Annotated, Any

from dateutil.relativedelta import relativedelta
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets.rules import entrees, legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Echeance, Etape, Motif, date_fr
from widgets.rules.montants import Montant, arrondi, euros, nombre_fr
from widgets.rules.validation import (
    DateISO,
    ErreurChamp,
    ErreurSituation,
    choix,
    valider_modele,
)

STATUTS = ("conditions_remplies", "conditions_non_remplies", "a_verifier", "hors_champ")
STATUTS_REGROUPANT = ("belge", "citoyen_ue", "non_ue_limite", "non_ue_illimite", "refugie", "protection_subsidiaire")
LIENS = ("conjoint", "partenaire", "enfant_mineur", "enfant_majeur_handicape", "parent", "autre")
REPONSES = ("oui", "non", "inconnu")
ETATS = ("remplie", "non_remplie", "a_verifier", "sans_objet")
NON_UE = ("non_ue_limite", "non_ue_illimite", "refugie", "protection_subsidiaire")
PROTECTION = ("refugie", "protection_subsidiaire")

LIBELLES = {
    "regroupant": "la personne qui vit en Belgique et demande à être rejointe (le regroupant)",
    "regroupant.statut": "statut du regroupant",
    "regroupant.date_droit_sejour": "date d'obtention du droit de séjour du regroupant (décision de l'Office des étrangers, du CGRA ou du CCE)",
    "regroupant.date_naissance": "date de naissance du regroupant (utile pour un regroupant mineur)",
    "regroupant.revenus_mensuels_nets": "revenus nets mensuels du regroupant (en euros)",
    "regroupant.logement_suffisant": "logement suffisant (oui, non, inconnu)",
    "regroupant.assurance_maladie": "assurance maladie pour le regroupant et sa famille (oui, non, inconnu)",
    "membre": "le membre de la famille qui veut rejoindre le regroupant",
    "membre.lien": "lien avec le regroupant",
    "membre.date_naissance": "date de naissance du membre de la famille",
    "membre.date_lien": "date du mariage ou du partenariat",
    "personnes_a_charge": "nombre total de personnes à charge (le membre qui rejoint compris)",
    "date_demande": "date de la demande de regroupement familial",
}

LIBELLES_STATUT = {
    "conditions_remplies": "Les conditions examinées par le kit semblent remplies",
    "conditions_non_remplies": "Au moins une condition n'est pas remplie à la date de la demande",
    "a_verifier": "Des conditions restent à vérifier avant d'introduire la demande",
    "hors_champ": "Ce lien de famille n'ouvre pas le regroupement familial pour ce regroupant",
}

LIBELLES_REGROUPANT = {
    "belge": "Belge",
    "citoyen_ue": "citoyen ou citoyenne de l'Union européenne",
    "non_ue_limite": "ressortissant non européen en séjour limité",
    "non_ue_illimite": "ressortissant non européen en séjour illimité",
    "refugie": "réfugié reconnu",
    "protection_subsidiaire": "bénéficiaire de la protection subsidiaire",
}

LIBELLES_LIEN = {
    "conjoint": "conjoint (mariage)",
    "partenaire": "partenaire (partenariat enregistré)",
    "enfant_mineur": "enfant mineur",
    "enfant_majeur_handicape": "enfant majeur handicapé",
    "parent": "père ou mère",
    "autre": "autre membre de la famille",
}

LE_LIEN = {"conjoint": "Le conjoint", "partenaire": "Le ou la partenaire", "enfant_mineur": "L'enfant mineur",
           "enfant_majeur_handicape": "L'enfant majeur handicapé", "parent": "Le père ou la mère", "autre": "Un autre membre de la famille"}

LIBELLES_ETAT = {"remplie": "remplie", "non_remplie": "non remplie", "a_verifier": "à vérifier", "sans_objet": "ne s'applique pas"}

LOI = "Loi du 15 décembre 1980 sur l'accès au territoire, le séjour, l'établissement et l'éloignement des étrangers"
ARTICLES = {"belge": "art. 40ter", "citoyen_ue": "art. 40bis", "non_ue_limite": "art. 10bis",
            "non_ue_illimite": "art. 10", "refugie": "art. 10", "protection_subsidiaire": "art. 10"}

URL_LOI_BASE = "https://www.reflexions.uliege.be/front/displaySimple.jsp?id=c_382285&inModal=true"
REF_BASE = f"{LOI}, art. 10 et 10bis (regroupant non européen), 40bis (citoyen de l'Union), 40ter (Belge) — {URL_LOI_BASE}"
REF_CONDITIONS_HORS_UE = ("Conditions du regroupement avec un ressortissant de pays tiers : logement suffisant, assurance maladie, moyens de subsistance "
                          "stables, réguliers et suffisants — https://oerf-vis.eu/regroupement-familial/regroupement-familial-avec-ressortissant-d-un-pays-tiers")
REF_CONDITIONS_BELGE = ("Conditions du regroupement avec un Belge (Droits Quotidiens) — "
                        "https://www.droitsquotidiens.be/fr/question/quelles-sont-les-conditions-pour-un-regroupement-familial-avec-un-belge")
REF_UE = ("Office des étrangers, « Regroupement familial entre citoyens UE » (art. 40bis) — "
          "https://5195.f2w.bosa.be/fr/themes/citizens-european-union/family-reunification/regroupement-familial-entre-citoyens-ue ; "
          "conditions du citoyen de l'Union (travailleur, indépendant, étudiant ou ressources suffisantes) — https://droit-des-etrangers-belgique.com/?p=503")
REF_MEMBRES_HORS_UE = ("Office des étrangers, membres de la famille d'un réfugié ou d'un bénéficiaire de la protection subsidiaire (art. 10) — "
                       "https://5195.f2w.bosa.be/fr/themas/onderdanen-van-derde-landen/gezinshereniging/qui-beneficie-du-statut-de-refugie-ou-dune ; "
                       "https://oerf-vis.eu/regroupement-familial/regroupement-familial-avec-ressortissant-d-un-pays-tiers")
REF_PAS_DE_REFUS_AUTOMATIQUE = ("Un revenu inférieur au montant de référence n'entraîne pas un refus automatique : l'Office des étrangers examine "
                                "les besoins propres du ménage — https://5195.f2w.bosa.be/fr/themes/faq/regroupement-familial/moyens-de-subsistance-stables-reguliers-et-suffisants ; "
                                "https://www.droitsquotidiens.be/fr/question/je-demande-le-regroupement-familial-avec-un-non-europeen-que-signifie-avoir-des-moyens-de")
REF_REVENUS_NOUVELLE = ("Loi du 18 juillet 2025 : le revenu d'intégration, l'aide sociale financière et les allocations familiales ne sont pas pris en compte ; "
                        "le chômage seulement si le regroupant cherche activement un emploi — https://www.orangeconnect.be/actualites/actualite/720858527752532748")
REF_ENFANT_SANS_REVENUS = ("Le regroupant qui ne fait venir que son enfant mineur ne doit pas prouver de moyens de subsistance (Droits Quotidiens, séjour limité) — "
                           "https://www.droitsquotidiens.be/fr/question/quelles-sont-les-conditions-pour-un-regroupement-familial-avec-un-etranger-hors-ue-en-sejour-limite")
REF_DOSSIER = ("Pièces du dossier (preuve du lien, certificat médical, extrait de casier judiciaire à partir de 18 ans) — "
               "https://www.droitsquotidiens.be/fr/question/quelles-sont-les-conditions-pour-un-regroupement-familial-avec-un-etranger-hors-ue-en-sejour-limite")
REF_PARENTS_BELGE = ("Parent d'un enfant belge mineur : autorité parentale, droit de garde et prise en charge effective (Je m'informe) — "
                     "https://www.jeminforme.be/regroupement-familial-nouvelles-regles-pour-rejoindre-sa-famille-en-belgique/")
REF_AUTRES_UE = ("Autres membres de la famille d'un citoyen de l'Union : procédure distincte (loi du 15 décembre 1980, art. 47/1) — "
                 "https://avocat-halabi.com/regroupement-familial-avec-europeen")
INCERTAIN_FAMILLE_PS = ("Le kit ne connaît pas la date d'arrivée en Belgique ; selon un commentaire de la loi (altea.be), l'article 24, § 3, de la loi du "
                        "18 juillet 2025 prévoit un régime plus favorable pour certaines familles de protégés subsidiaires, même constituées après l'arrivée : "
                        "à vérifier avec un service juridique spécialisé.")
REF_ORIENTATION = "Orientation : service juridique spécialisé en droit des étrangers (CRI, association spécialisée, avocat)"


# --- L'entrée --------------------------------------------------------------------------------

_pas_dans_le_futur = entrees.date_passee


class Regroupant(BaseModel):
    """La personne qui vit en Belgique et demande à être rejointe."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    statut: Annotated[str, choix(STATUTS_REGROUPANT)]
    date_droit_sejour: DateISO = None
    date_naissance: DateISO = None
    revenus_mensuels_nets: Montant | None = None
    logement_suffisant: Annotated[str, choix(REPONSES)] = "inconnu"
    assurance_maladie: Annotated[str, choix(REPONSES)] = "inconnu"

    _dates = field_validator("date_droit_sejour", "date_naissance")(_pas_dans_le_futur)

    @model_validator(mode="after")
    def _coherence(self):
        if self.statut in NON_UE and self.date_droit_sejour is None:
            raise ErreurChamp("date_droit_sejour", "ce champ est obligatoire pour un regroupant non européen : la règle applicable (ancienne ou nouvelle) en dépend.")
        if self.date_droit_sejour and self.date_naissance and self.date_droit_sejour < self.date_naissance:
            raise ErreurChamp("date_droit_sejour", "cette date précède la date de naissance du regroupant.")
        return self


class Membre(BaseModel):
    """Le membre de la famille qui veut rejoindre le regroupant."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    lien: Annotated[str, choix(LIENS)]
    date_naissance: DateISO
    date_lien: DateISO = None

    _dates = field_validator("date_naissance", "date_lien")(_pas_dans_le_futur)

    @field_validator("date_naissance")
    @classmethod
    def _naissance_requise(cls, v):
        if v is None:
            raise PydanticCustomError("kit", "ce champ est obligatoire (l'âge le jour de la demande en dépend).")
        return v

    @model_validator(mode="after")
    def _coherence(self):
        if self.date_lien is not None:
            if self.lien not in ("conjoint", "partenaire"):
                raise ErreurChamp("date_lien", "une date de mariage ou de partenariat ne concerne que le conjoint ou le partenaire.")
            if self.date_naissance and self.date_lien < self.date_naissance:
                raise ErreurChamp("date_lien", "cette date précède la date de naissance du membre de la famille.")
        return self


class Situation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regroupant: Regroupant
    membre: Membre
    personnes_a_charge: Annotated[StrictInt, Field(ge=1, le=20)] = 1
    date_demande: DateISO = None

    @field_validator("date_demande")
    @classmethod
    def _demande_plausible(cls, v):
        if v is not None and not (1950 <= v.year <= 2100):
            raise PydanticCustomError("kit", "la date du {d} est invraisemblable pour une demande.", {"d": date_fr(v)})
        return v


def valider(situation: dict[str, Any] | Situation, aujourdhui: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    return valider_modele(Situation, situation, LIBELLES, contexte={"aujourdhui": aujourdhui or dt.date.today()})


def _verifier_dates(s: Situation, demande: dt.date) -> None:
    """Les dates qui doivent précéder la demande (la date de la demande peut venir de la ligne de commande)."""
    erreurs = []
    if s.regroupant.date_droit_sejour and s.regroupant.date_droit_sejour > demande:
        erreurs.append(("regroupant.date_droit_sejour", f"le droit de séjour doit être obtenu avant la demande ({date_fr(demande)})."))
    if s.membre.date_naissance > demande:
        erreurs.append(("membre.date_naissance", f"cette date suit la date de la demande ({date_fr(demande)})."))
    if s.membre.date_lien and s.membre.date_lien > demande:
        erreurs.append(("membre.date_lien", f"le mariage ou le partenariat doit précéder la demande ({date_fr(demande)})."))
    if s.membre.lien == "enfant_majeur_handicape" and _age(s.membre.date_naissance, demande) < 18:
        erreurs.append(("membre.date_naissance", (f"d'après cette date, l'enfant a {_age(s.membre.date_naissance, demande)} ans le jour de la demande : "
                                                  "choisissez le lien « enfant mineur ».")))
    if erreurs:
        raise ErreurSituation(erreurs, LIBELLES)


# --- L'évaluation ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Condition:
    """Une condition examinée : son état, la raison, la référence, et si son absence bloque la demande."""

    code: str
    libelle: str
    etat: str
    raison: str
    reference: str
    incertain: str | None = None
    bloquante: bool = True


def _age(naissance: dt.date, jour: dt.date) -> int:
    return relativedelta(jour, naissance).years


def _ans(n: int) -> str:
    return f"{n} an" if n == 1 else f"{n} ans"


class _Evaluation:
    def __init__(self, s: Situation, demande: dt.date):
        self.s, self.demande = s, demande
        self.bareme = legislation.charger("regroupement")
        self.conditions: list[Condition] = []
        self.avertissements: list[str] = []
        self.utilises: list[dict[str, Any]] = []
        self.echeances: list[Echeance] = []
        self.date_regle = demande  # sous l'ancienne règle : la veille de la réforme au plus tard

    def param(self, nom: str, date: dt.date | None = None) -> legislation.ValeurDatee | None:
        v = self.bareme.valeur(nom, date or self.demande)
        if v is not None and not any(u["nom"] == nom and u["depuis"] == v.depuis for u in self.utilises):
            p = self.bareme.parametres[nom]
            self.utilises.append({"nom": nom, "description": p.description, "valeur": v.valeur, "unite": p.unite,
                                  "depuis": v.depuis, "reference": v.source(), "incertain": v.incertain})
        return v

    def avertir(self, texte: str | None) -> None:
        if texte and texte not in self.avertissements:
            self.avertissements.append(texte)

    def condition(self, code, libelle, etat, raison, reference, incertain=None, bloquante=True) -> Condition:
        c = Condition(code, libelle, etat, raison, reference, incertain, bloquante)
        self.conditions.append(c)
        return c


def _regle(ev: _Evaluation) -> dict[str, Any]:
    """Quelle règle s'applique : nouvelle (loi du 18 juillet 2025), ancienne, ou celle du citoyen de l'Union."""
    r, demande = ev.s.regroupant, ev.demande
    reforme, transition = ev.param("date_reforme"), ev.param("fin_transition")
    article = ARTICLES[r.statut]
    base = {"article": article, "loi": LOI, "statut_regroupant": LIBELLES_REGROUPANT[r.statut]}
    if r.statut == "citoyen_ue":
        return {**base, "code": "ue", "libelle": f"Regroupement avec un citoyen de l'Union européenne ({article})",
                "raison": "Le membre de la famille d'un citoyen de l'Union relève des règles européennes de libre circulation, que la réforme de 2025 ne vise pas.",
                "reference": REF_UE, "incertain": None}
    if r.statut == "belge":
        if demande >= transition.valeur:
            return {**base, "code": "nouvelle", "libelle": f"Nouvelle règle (loi du 18 juillet 2025), {article}",
                    "raison": f"Demande introduite à partir du {date_fr(transition.valeur)} : la période transitoire des regroupants belges est terminée.",
                    "reference": transition.source(), "incertain": transition.incertain}
        return {**base, "code": "ancienne", "libelle": f"Ancienne règle (période transitoire), {article}",
                "raison": f"Pour un regroupant belge, les anciennes règles restent applicables aux demandes introduites avant le {date_fr(transition.valeur)}.",
                "reference": transition.source(), "incertain": None}
    if r.date_droit_sejour >= reforme.valeur:
        return {**base, "code": "nouvelle", "libelle": f"Nouvelle règle (loi du 18 juillet 2025), {article}",
                "raison": f"Droit de séjour obtenu le {date_fr(r.date_droit_sejour)}, à partir du {date_fr(reforme.valeur)} : la nouvelle loi s'applique.",
                "reference": reforme.source(), "incertain": None}
    if demande >= transition.valeur:
        return {**base, "code": "nouvelle", "libelle": f"Nouvelle règle (loi du 18 juillet 2025), {article} — à confirmer",
                "raison": (f"Droit de séjour obtenu le {date_fr(r.date_droit_sejour)}, avant le {date_fr(reforme.valeur)}, mais demande introduite à partir du "
                           f"{date_fr(transition.valeur)} : selon un commentaire de la loi, la période transitoire est alors terminée."),
                "reference": transition.source(), "incertain": transition.incertain}
    return {**base, "code": "ancienne", "libelle": f"Ancienne règle, {article}",
            "raison": f"Droit de séjour obtenu le {date_fr(r.date_droit_sejour)}, avant le {date_fr(reforme.valeur)} : les anciennes conditions restent applicables.",
            "reference": reforme.source(), "incertain": None}


def seuil_revenus(regle: str, personnes: int, date: dt.date) -> dict[str, Any] | None:
    """Le montant de référence des revenus nets mensuels, à ``date``, pour ``personnes`` à charge (le membre
    qui rejoint compris) ; ``None`` pour la règle du citoyen de l'Union. La formule et la date depuis
    laquelle chaque montant vaut accompagnent le montant."""
    return _seuil(None, regle, personnes, date)


def _seuil(ev: _Evaluation | None, regle: str, personnes: int, date: dt.date) -> dict[str, Any] | None:
    bareme = legislation.charger("regroupement")
    lire = (lambda nom: ev.param(nom, date)) if ev else (lambda nom: bareme.valeur(nom, date))
    if regle == "ue":
        return None
    if regle == "nouvelle":
        base, supplement = lire("montant_110_rmmmg"), lire("supplement_par_personne")
        pct, pct_sup = lire("pourcentage_rmmmg"), lire("pourcentage_supplement")
        if base is None or supplement is None:
            return {"montant": None, "regle": regle, "formule": f"le kit ne connaît pas le montant au {date_fr(date)}.", "depuis": None,
                    "reference": "", "incertain": "Montant inconnu du kit à cette date."}
        b, sup = Decimal(str(base.valeur)), Decimal(str(supplement.valeur))
        montant = b + sup * (personnes - 1)
        formule = f"{pct.valeur} % du RMMMG = {nombre_fr(b)} € avec un membre de la famille"
        if personnes > 1:
            formule += f", + {personnes - 1} × {nombre_fr(sup)} € ({pct_sup.valeur} % par personne supplémentaire)"
        formule += f" = {nombre_fr(montant)} € net par mois"
        return {"montant": montant, "montant_arrondi": arrondi(montant), "montant_texte": euros(arrondi(montant)), "regle": regle,
                "personnes": personnes, "formule": formule, "depuis": max(base.depuis, supplement.depuis),
                "reference": base.source(), "reference_supplement": supplement.source(),
                "incertain": base.incertain}
    valeur, pct = lire("montant_120_ris"), lire("pourcentage_ris")
    if valeur is None:
        return {"montant": None, "regle": regle, "formule": f"le kit ne connaît pas le montant de l'ancienne règle au {date_fr(date)}.",
                "depuis": None, "reference": "", "incertain": f"Montant antérieur à la couverture du kit ({date_fr(bareme.couverture_debut)}) : demandez-le à l'Office des étrangers."}
    montant = Decimal(str(valeur.valeur))
    formule = f"{pct.valeur} % du revenu d'intégration « personne avec famille à charge » = {nombre_fr(montant)} € net par mois, quel que soit le nombre de personnes"
    return {"montant": montant, "montant_arrondi": arrondi(montant), "montant_texte": euros(arrondi(montant)), "regle": regle,
            "personnes": personnes, "formule": formule, "depuis": valeur.depuis, "reference": valeur.source(), "incertain": valeur.incertain}


def _lien(ev: _Evaluation) -> str:
    """Le lien de famille est-il couvert pour ce regroupant ? Rend « remplie », « a_verifier » ou « hors_champ »."""
    r, m, demande = ev.s.regroupant, ev.s.membre, ev.demande
    lien, statut = m.lien, r.statut
    if lien == "autre":
        ref = REF_AUTRES_UE if statut == "citoyen_ue" else REF_MEMBRES_HORS_UE
        autre = (" Pour un citoyen de l'Union, d'autres membres de la famille relèvent d'une procédure distincte (art. 47/1) : orientez vers un service juridique spécialisé." if statut == "citoyen_ue"
                 else " Une demande d'autorisation de séjour (art. 9 de la loi) reste parfois possible : orientez vers un service juridique spécialisé.")
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "non_remplie",
                     "Le regroupement familial vise la famille proche (conjoint, partenaire, enfants, et dans certains cas les parents)." + autre, ref)
        return "hors_champ"
    if lien in ("conjoint", "partenaire", "enfant_mineur", "enfant_majeur_handicape"):
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "remplie",
                     f"{LE_LIEN[lien]} d'un regroupant {LIBELLES_REGROUPANT[statut]} fait partie des membres de la famille visés ({ARTICLES[statut]}).",
                     REF_UE if statut == "citoyen_ue" else (REF_CONDITIONS_BELGE if statut == "belge" else REF_MEMBRES_HORS_UE))
        if lien == "partenaire":
            ev.condition("partenariat", "Partenariat reconnu pour le regroupement familial", "a_verifier",
                         "Le partenariat doit être enregistré. Un partenariat considéré comme équivalent au mariage (conclu en Allemagne, au Danemark, en Finlande, "
                         "en Islande, en Norvège, en Suède ou au Royaume-Uni) est traité comme un mariage ; pour une cohabitation légale ou un autre partenariat "
                         "enregistré, des conditions propres s'ajoutent : à vérifier avec un service juridique spécialisé.",
                         REF_MEMBRES_HORS_UE, "Conditions propres au partenariat non détaillées par les sources du kit.", bloquante=False)
        return "remplie"
    # lien == "parent"
    regroupant_mineur = None if r.date_naissance is None else _age(r.date_naissance, demande) < 18
    if statut == "citoyen_ue":
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "a_verifier",
                     "Les ascendants d'un citoyen de l'Union (ou de son conjoint) peuvent le rejoindre s'ils sont à sa charge : la preuve de cette prise en charge est à vérifier.",
                     REF_UE, bloquante=False)
        return "a_verifier"
    if statut in ("non_ue_limite", "non_ue_illimite") or regroupant_mineur is False:
        if statut == "belge":
            raison = "Un Belge majeur ne peut pas se faire rejoindre par ses parents au titre du regroupement familial (art. 40ter) ; seul le parent d'un enfant belge mineur le peut."
            ref = REF_CONDITIONS_BELGE
        elif statut in PROTECTION:
            raison = "Seuls le père et la mère d'un réfugié ou d'un bénéficiaire de la protection subsidiaire mineur peuvent le rejoindre ; ce regroupant est majeur."
            ref = REF_MEMBRES_HORS_UE
        else:
            raison = "Les parents d'un ressortissant non européen n'entrent pas dans le regroupement familial de l'article 10 (sauf pour un mineur reconnu réfugié ou protégé subsidiaire)."
            ref = REF_MEMBRES_HORS_UE
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "non_remplie",
                     raison + " Une autre procédure (autorisation de séjour, art. 9) peut exister : orientez vers un service juridique spécialisé.", ref)
        return "hors_champ"
    if regroupant_mineur is None:
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "a_verifier",
                     "Le père ou la mère ne peut rejoindre que si le regroupant est mineur : indiquez sa date de naissance.",
                     REF_CONDITIONS_BELGE if statut == "belge" else REF_MEMBRES_HORS_UE, bloquante=False)
        return "a_verifier"
    if statut == "belge":
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "a_verifier",
                     "Le parent d'un enfant belge mineur peut le rejoindre s'il a l'autorité parentale, le droit de garde et s'occupe effectivement de l'enfant : à vérifier.",
                     REF_PARENTS_BELGE, bloquante=False)
    else:
        ev.condition("lien", "Lien de famille couvert par le regroupement familial", "a_verifier",
                     "Le père et la mère d'un mineur reconnu réfugié ou protégé subsidiaire peuvent le rejoindre ; les conditions propres à ce cas (arrivée de l'enfant, prise en charge) sont à vérifier.",
                     REF_MEMBRES_HORS_UE, bloquante=False)
    return "a_verifier"


def _age_membre(ev: _Evaluation, regle: str) -> None:
    s, m, demande = ev.s, ev.s.membre, ev.demande
    statut, age = s.regroupant.statut, _age(m.date_naissance, demande)
    if m.lien in ("conjoint", "partenaire"):
        minimum = ev.param("age_minimum_conjoint", ev.date_regle)
        anniversaire = m.date_naissance + relativedelta(years=minimum.valeur)
        libelle = f"Âge du {LIBELLES_LIEN[m.lien]} : au moins {minimum.valeur} ans le jour de la demande"
        if age >= minimum.valeur:
            ev.condition("age", libelle, "remplie", f"{age} ans le {date_fr(demande)} (minimum : {minimum.valeur} ans, valeur en vigueur depuis le {date_fr(minimum.depuis)}).",
                         minimum.source())
            return
        ev.echeances.append(Echeance(anniversaire, f"{minimum.valeur} ans du {LIBELLES_LIEN[m.lien]}.", minimum.source()))
        if regle == "nouvelle":
            ev.condition("age", libelle, "non_remplie",
                         f"{age} ans le {date_fr(demande)} : la nouvelle loi exige {minimum.valeur} ans. La condition sera remplie le {date_fr(anniversaire)}.",
                         minimum.source(), minimum.incertain)
        elif statut in ("belge", "citoyen_ue"):
            ev.condition("age", libelle, "a_verifier",
                         f"{age} ans le {date_fr(demande)} : l'âge minimum du conjoint ou du partenaire d'un regroupant {LIBELLES_REGROUPANT[statut]} n'a pas été vérifié par le kit.",
                         REF_CONDITIONS_BELGE if statut == "belge" else REF_UE, "Âge minimum non confirmé par les sources du kit pour ce regroupant.", bloquante=False)
        else:
            reduit = ev.param("age_minimum_conjoint_lien_anterieur", ev.date_regle)
            lien_apres = m.date_lien is not None and s.regroupant.date_droit_sejour is not None and m.date_lien > s.regroupant.date_droit_sejour
            if age < reduit.valeur or lien_apres:
                pourquoi = (f"moins de {reduit.valeur} ans" if age < reduit.valeur else
                            f"le mariage ou le partenariat ({date_fr(m.date_lien)}) date d'après l'obtention du droit de séjour : il n'existait donc pas à l'arrivée du regroupant")
                ev.condition("age", libelle, "non_remplie",
                             f"{age} ans le {date_fr(demande)} ({pourquoi}). La condition sera remplie le {date_fr(anniversaire)}.", minimum.source(), minimum.incertain)
            else:
                ev.condition("age", libelle, "a_verifier",
                             f"{age} ans le {date_fr(demande)} : l'ancienne règle ramène l'âge à {reduit.valeur} ans si le mariage ou le partenariat existait avant l'arrivée "
                             f"du regroupant en Belgique. Sinon, la condition sera remplie le {date_fr(anniversaire)}.", reduit.source(), minimum.incertain, bloquante=False)
        return
    if m.lien == "enfant_mineur":
        if statut in NON_UE:
            limite = ev.param("age_enfant_hors_ue")
            if age < limite.valeur:
                ev.condition("age", f"Enfant de moins de {limite.valeur} ans le jour de la demande", "remplie", f"{_ans(age)} le {date_fr(demande)}.", limite.source())
            else:
                ev.condition("age", f"Enfant de moins de {limite.valeur} ans le jour de la demande", "non_remplie",
                             f"{age} ans le {date_fr(demande)} : l'enfant n'est plus mineur. Un enfant majeur ne peut rejoindre ce regroupant que s'il est handicapé "
                             "(cas particuliers, par exemple l'enfant devenu majeur pendant la procédure d'asile de son parent : service juridique).", limite.source())
            return
        limite = ev.param("age_enfant_belge" if statut == "belge" else "age_enfant_ue")
        if age < limite.valeur:
            ev.condition("age", f"Enfant de moins de {limite.valeur} ans le jour de la demande", "remplie",
                         f"{_ans(age)} le {date_fr(demande)} (limite : {limite.valeur} ans, valeur en vigueur depuis le {date_fr(limite.depuis)}).", limite.source(), limite.incertain)
        else:
            ev.condition("age", f"Enfant de moins de {limite.valeur} ans le jour de la demande", "a_verifier",
                         f"{age} ans le {date_fr(demande)} : au-delà de {limite.valeur} ans, l'enfant doit prouver qu'il est à la charge du regroupant.",
                         limite.source(), limite.incertain, bloquante=False)
        return
    if m.lien == "enfant_majeur_handicape":
        if statut in NON_UE:
            ev.condition("handicap", "Enfant majeur handicapé", "a_verifier",
                         f"{age} ans le {date_fr(demande)} : le handicap et l'incapacité de l'enfant à subvenir à ses propres besoins doivent être prouvés (attestation d'un médecin).",
                         REF_MEMBRES_HORS_UE, bloquante=False)
        else:
            ev.condition("a_charge", "Enfant majeur à charge", "a_verifier",
                         f"{age} ans le {date_fr(demande)} : l'enfant majeur doit prouver qu'il est à la charge du regroupant.",
                         REF_UE if statut == "citoyen_ue" else REF_CONDITIONS_BELGE, bloquante=False)


def _protection(ev: _Evaluation, regle: str) -> bool:
    """Les règles propres aux réfugiés et aux protégés subsidiaires. Rend vrai si le regroupant est
    dispensé des conditions de revenus, de logement et d'assurance."""
    r, m, demande = ev.s.regroupant, ev.s.membre, ev.demande
    if r.statut not in PROTECTION or m.lien in ("autre", "parent"):
        return False
    lien_apres = m.date_lien is not None and m.date_lien > r.date_droit_sejour
    if r.statut == "protection_subsidiaire" and regle == "nouvelle":
        attente = ev.param("attente_protection_subsidiaire")
        possible = r.date_droit_sejour + relativedelta(years=attente.valeur)
        if m.lien == "enfant_mineur":
            note = " Si d'autres membres de la famille (conjoint...) rejoignent en même temps, l'attente s'applique : à vérifier." if ev.s.personnes_a_charge > 1 else ""
            ev.condition("attente", f"Attente de {_ans(attente.valeur)} depuis l'octroi de la protection subsidiaire", "sans_objet",
                         f"L'attente ne vise pas le protégé subsidiaire qui fait venir seulement ses enfants mineurs.{note}", attente.source(), attente.incertain)
        else:
            ev.echeances.append(Echeance(possible, f"Fin de l'attente de {_ans(attente.valeur)} (protection subsidiaire).", attente.source(), incertain=attente.incertain))
            if demande >= possible:
                ev.condition("attente", f"Attente de {_ans(attente.valeur)} depuis l'octroi de la protection subsidiaire", "remplie",
                             f"Protection obtenue le {date_fr(r.date_droit_sejour)} : l'attente a pris fin le {date_fr(possible)}.", attente.source(), attente.incertain)
            else:
                ev.condition("attente", f"Attente de {_ans(attente.valeur)} depuis l'octroi de la protection subsidiaire", "non_remplie",
                             f"Protection obtenue le {date_fr(r.date_droit_sejour)} : la demande ne sera possible qu'à partir du {date_fr(possible)} "
                             f"(valeur en vigueur depuis le {date_fr(attente.depuis)}).", attente.source(), attente.incertain)
        if m.lien in ("conjoint", "partenaire"):
            if lien_apres:
                ev.condition("famille_avant_arrivee", "Famille constituée avant l'arrivée en Belgique", "non_remplie",
                             f"Le mariage ou le partenariat ({date_fr(m.date_lien)}) date d'après l'octroi de la protection : selon la nouvelle loi, le protégé subsidiaire "
                             "ne peut plus constituer une famille après son arrivée.", attente.source(), INCERTAIN_FAMILLE_PS, bloquante=False)
            else:
                ev.condition("famille_avant_arrivee", "Famille constituée avant l'arrivée en Belgique", "a_verifier",
                             "Le mariage ou le partenariat doit exister avant l'arrivée en Belgique du protégé subsidiaire : vérifiez sa date et celle de l'arrivée.",
                             attente.source(), INCERTAIN_FAMILLE_PS, bloquante=False)
        return False
    # Réfugié reconnu (les deux règles) ou protégé subsidiaire sous l'ancienne règle.
    delai = ev.param("delai_refugie_sans_conditions", ev.date_regle)
    fin = r.date_droit_sejour + relativedelta(months=delai.valeur)
    qui = "réfugié reconnu" if r.statut == "refugie" else "protégé subsidiaire"
    ev.echeances.append(Echeance(fin, f"Dernier jour pour demander sans conditions de revenus, de logement et d'assurance ({delai.valeur} mois).", delai.source(),
                                 incertain=delai.incertain))
    if regle == "nouvelle":
        dossier = ev.param("delai_dossier_complet_refugie")
        ev.echeances.append(Echeance(r.date_droit_sejour + relativedelta(months=dossier.valeur), f"Dossier complet ({dossier.valeur} mois après la reconnaissance).",
                                     dossier.source(), incertain=dossier.incertain))
    libelle = f"Demande dans les {delai.valeur} mois de la reconnaissance (dispense des conditions matérielles)"
    if demande > fin:
        ev.condition("delai_protection", libelle, "non_remplie",
                     f"Statut obtenu le {date_fr(r.date_droit_sejour)} : le délai a pris fin le {date_fr(fin)}. Le {qui} doit donc remplir les conditions de revenus, "
                     "de logement et d'assurance maladie.", delai.source(), delai.incertain, bloquante=False)
        return False
    if lien_apres:
        ev.condition("delai_protection", libelle, "non_remplie",
                     f"Demande dans le délai, mais le mariage ou le partenariat ({date_fr(m.date_lien)}) date d'après l'obtention du statut : la dispense vise la famille "
                     "constituée avant l'arrivée en Belgique. Les conditions de revenus, de logement et d'assurance s'appliquent.", delai.source(), delai.incertain, bloquante=False)
        return False
    ev.condition("delai_protection", libelle, "remplie",
                 f"Statut obtenu le {date_fr(r.date_droit_sejour)}, demande le {date_fr(demande)} : dans le délai (jusqu'au {date_fr(fin)} inclus). "
                 "Le lien familial doit exister avant l'arrivée en Belgique.",
                 delai.source(), delai.incertain or "Le kit compte le délai de date à date, jour limite compris ; la dispense suppose une famille constituée avant l'arrivée.")
    return True


def _revenus(ev: _Evaluation, regle: str, seuil: dict | None, dispense: bool) -> None:
    r, m = ev.s.regroupant, ev.s.membre
    libelle = "Moyens de subsistance stables, réguliers et suffisants"
    if r.statut == "citoyen_ue":
        ev.condition("revenus", libelle, "a_verifier",
                     "Pas de montant de référence pour le citoyen de l'Union : il doit lui-même séjourner comme travailleur salarié ou indépendant, "
                     "ou disposer de ressources suffisantes et d'une assurance maladie (étudiant, pensionné...). À vérifier selon sa situation.",
                     REF_UE, "Conditions propres au citoyen de l'Union non détaillées par les sources du kit.", bloquante=False)
        return
    if dispense:
        ev.condition("revenus", libelle, "sans_objet", "Dispense : demande du réfugié reconnu dans le délai (voir plus haut).", seuil["reference"] if seuil else REF_BASE)
        return
    if m.lien == "enfant_mineur" and r.statut == "belge" and _age(m.date_naissance, ev.demande) < ev.param("age_enfant_belge").valeur:
        ev.condition("revenus", libelle, "sans_objet",
                     "Le Belge qui fait venir son enfant mineur ne doit pas prouver de moyens de subsistance (selon la source, quand l'enfant vient seul).",
                     REF_CONDITIONS_BELGE, "Portée exacte de cette dispense (enfant venant seul) à vérifier.")
        return
    if m.lien == "enfant_mineur" and r.statut in NON_UE and _age(m.date_naissance, ev.demande) < 18:
        if regle == "ancienne":
            ev.condition("revenus", libelle, "sans_objet",
                         "Le regroupant qui ne fait venir que son enfant mineur ne doit pas prouver de moyens de subsistance.",
                         REF_ENFANT_SANS_REVENUS, "Source consultée pour le regroupant en séjour limité ; si d'autres membres de la famille rejoignent, la condition s'applique.")
            return
        if r.statut != "protection_subsidiaire":
            ev.condition("revenus", libelle, "a_verifier",
                         "Sous l'ancienne règle, le regroupant qui ne fait venir que son enfant mineur ne devait pas prouver de moyens de subsistance ; "
                         "le kit n'a pas vérifié si cette dispense subsiste avec la loi du 18 juillet 2025. Montant de référence donné ci-dessous à titre indicatif.",
                         REF_ENFANT_SANS_REVENUS, "Dispense pour les enfants mineurs non vérifiée sous la nouvelle loi.", bloquante=False)
            return
    if seuil is None or seuil.get("montant") is None:
        ev.condition("revenus", libelle, "a_verifier", f"Montant de référence inconnu du kit au {date_fr(ev.demande)}.", REF_PAS_DE_REFUS_AUTOMATIQUE,
                     seuil.get("incertain") if seuil else None, bloquante=False)
        return
    montant = seuil["montant"]
    reference = seuil["reference"]
    if r.revenus_mensuels_nets is None:
        ev.condition("revenus", libelle, "a_verifier",
                     f"Revenus non indiqués : ils doivent atteindre {seuil['montant_texte']} net par mois ({seuil['formule']}).", reference, seuil["incertain"], bloquante=False)
        return
    if r.revenus_mensuels_nets >= montant:
        ev.condition("revenus", libelle, "remplie",
                     f"{euros(r.revenus_mensuels_nets)} net par mois, au moins le montant de référence de {seuil['montant_texte']} (valeur en vigueur depuis le "
                     f"{date_fr(seuil['depuis'])}). Les revenus doivent aussi être stables et réguliers.", reference, seuil["incertain"])
        return
    ecart = arrondi(montant - r.revenus_mensuels_nets)
    ev.condition("revenus", libelle, "non_remplie",
                 f"{euros(r.revenus_mensuels_nets)} net par mois, soit {euros(ecart)} de moins que le montant de référence ({seuil['montant_texte']}). "
                 "Ce n'est pas un refus automatique : l'Office des étrangers examine au cas par cas les besoins du ménage.",
                 REF_PAS_DE_REFUS_AUTOMATIQUE, seuil["incertain"], bloquante=False)


def _materielles(ev: _Evaluation, regle: str, dispense: bool) -> None:
    r = ev.s.regroupant
    ref = REF_CONDITIONS_BELGE if r.statut == "belge" else REF_CONDITIONS_HORS_UE
    for code, champ, libelle, exigence in (
        ("logement", r.logement_suffisant, "Logement suffisant pour accueillir la famille",
         "d'un logement suffisant (bail enregistré ou titre de propriété" + (" ; la nouvelle loi insiste sur la salubrité et la sécurité" if regle == "nouvelle" else "") + ")"),
        ("assurance", r.assurance_maladie, "Assurance maladie pour le regroupant et sa famille",
         "d'une assurance maladie couvrant les risques en Belgique pour lui et sa famille (attestation de la mutualité ou assurance privée)"),
    ):
        if dispense:
            ev.condition(code, libelle, "sans_objet", "Dispense : demande du réfugié reconnu dans le délai (voir plus haut).", ref)
        elif r.statut == "citoyen_ue":
            ev.condition(code, libelle, "a_verifier",
                         "Les sources du kit ne détaillent pas cette condition pour la famille d'un citoyen de l'Union ; une assurance maladie est demandée au citoyen qui ne travaille pas.",
                         REF_UE, "Condition non confirmée pour le citoyen de l'Union.", bloquante=False)
        elif champ == "oui":
            ev.condition(code, libelle, "remplie", f"Le regroupant dispose {exigence}.", ref)
        elif champ == "non":
            ev.condition(code, libelle, "non_remplie", f"Le regroupant doit disposer {exigence}.", ref)
        else:
            ev.condition(code, libelle, "a_verifier", f"Information inconnue : le regroupant doit prouver qu'il dispose {exigence}.", ref, bloquante=False)


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None, aujourdhui: dt.date | None = None) -> Decision:
    """La règle applicable, chaque condition (remplie, non remplie, à vérifier) et le seuil de revenus."""
    aujourdhui = aujourdhui or dt.date.today()
    s = valider(situation, aujourdhui)
    demande = s.date_demande or date_reference or aujourdhui
    _verifier_dates(s, demande)
    ev = _Evaluation(s, demande)
    r = s.regroupant

    regle = _regle(ev)
    ev.avertir(regle["incertain"])
    if regle["code"] == "ancienne":
        ev.date_regle = min(demande, ev.bareme.valeur("date_reforme", demande).valeur - dt.timedelta(days=1))
    seuil = _seuil(ev, regle["code"], s.personnes_a_charge, demande)

    couverture = _lien(ev)
    dispense = False
    if couverture != "hors_champ":
        _age_membre(ev, regle["code"])
        dispense = _protection(ev, regle["code"])
        _revenus(ev, regle["code"], seuil, dispense)
        _materielles(ev, regle["code"], dispense)

    for c in ev.conditions:
        ev.avertir(c.incertain if c.etat in ("non_remplie", "a_verifier") else None)
    if seuil and seuil.get("incertain"):
        ev.avertir(seuil["incertain"])
    if ev.bareme.peut_etre_perime(demande):
        ev.avertir(f"Les règles du kit ont été revues le {date_fr(ev.bareme.derniere_revue)} ; pour une demande après le "
                   f"{date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé (montants indexés, nouvelle loi).")
    if demande < ev.bareme.couverture_debut:
        ev.avertir(f"Le kit ne couvre pas les règles antérieures au {date_fr(ev.bareme.couverture_debut)}.")

    bloquantes = [c for c in ev.conditions if c.etat == "non_remplie" and c.bloquante]
    a_verifier = [c for c in ev.conditions if c.etat == "a_verifier" or (c.etat == "non_remplie" and not c.bloquante and c.code != "delai_protection")]
    if couverture == "hors_champ":
        statut, decisives = "hors_champ", [c for c in ev.conditions if c.code == "lien"]
    elif bloquantes:
        statut, decisives = "conditions_non_remplies", bloquantes
    elif a_verifier:
        statut, decisives = "a_verifier", a_verifier
    else:
        statut, decisives = "conditions_remplies", []

    trace = [Etape("regle", "Quelle règle s'applique ?", f"{regle['libelle']} — {regle['raison']}", regle["reference"])]
    trace += [Etape(c.code, c.libelle, f"{LIBELLES_ETAT[c.etat]} — {c.raison}", c.reference, c in decisives) for c in ev.conditions]

    if statut == "conditions_remplies":
        motifs = [Motif("conditions_remplies",
                        f"Selon les informations données, les conditions examinées semblent remplies ({regle['libelle']}). Le kit n'accorde aucun droit : "
                        "c'est l'Office des étrangers qui décide, sur la base des pièces du dossier.", regle["reference"])]
    else:
        motifs = [Motif(c.code, f"{c.libelle} : {c.raison}", c.reference, c.incertain) for c in decisives]

    echeances = list(ev.echeances)
    if r.date_droit_sejour:
        echeances.append(Echeance(r.date_droit_sejour, "Obtention du droit de séjour du regroupant.", regle["reference"]))
    reforme = ev.bareme.valeur("date_reforme", demande)
    echeances.append(Echeance(reforme.valeur, "Entrée en vigueur de la loi du 18 juillet 2025 (nouvelles conditions).", reforme.source()))
    if r.statut == "belge":
        fin = ev.bareme.valeur("fin_transition", demande)
        echeances.append(Echeance(fin.valeur, "Fin de la période transitoire pour les regroupants belges : nouvelles règles.", fin.source(), incertain=fin.incertain))
    vues: set[tuple] = set()
    echeances = [e for e in sorted(echeances, key=lambda e: e.date) if not ((e.date, e.libelle) in vues or vues.add((e.date, e.libelle)))]

    details: dict[str, Any] = {
        "regle": regle,
        "seuil": seuil,
        "conditions": [dataclasses.asdict(c) for c in ev.conditions],
        "parametres_utilises": ev.utilises,
        "echeances": echeances,
        "date_demande": demande,
        "personnes_a_charge": s.personnes_a_charge,
        "revenus_pris_en_compte": REF_REVENUS_NOUVELLE if regle["code"] == "nouvelle" else None,
        "dossier": ["Preuve du lien de famille (acte de mariage, acte de naissance, jugement...), légalisée ou apostillée et traduite s'il y a lieu.",
                    "Certificat médical du membre de la famille ; extrait de casier judiciaire s'il a 18 ans ou plus.",
                    "Preuves des revenus, du logement (bail enregistré ou titre de propriété) et de l'assurance maladie, sauf dispense."],
        "reference_dossier": REF_DOSSIER,
        "orientation": ("Le kit aide à préparer un entretien : il ne remplace ni l'examen du dossier par l'Office des étrangers ni l'avis d'un service juridique "
                        "spécialisé (CRI, association spécialisée en droit des étrangers, avocat), vers lequel il faut orienter la personne."),
        "reference_orientation": REF_ORIENTATION,
    }
    return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(motifs), trace=tuple(trace), date_reference=demande,
                    avertissements=tuple(ev.avertissements), details=details)


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.regroupement",
                        "Regroupement familial : règle applicable, conditions et seuil de revenus. Situation en JSON, décision en JSON ; "
                        "--date = date de la demande si la situation n'a pas de « date_demande ».",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
