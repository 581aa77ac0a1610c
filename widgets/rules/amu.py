"""L'aide médicale urgente (AMU) du CPAS : la personne y a-t-elle droit, pour quels soins, auprès de
quel CPAS, et sinon par quelle autre voie se soigner ?

``evaluer(situation, date_reference)`` rend une ``Decision`` dont le statut est l'un de :

- ``amu_possible`` : les quatre conditions cumulatives sont remplies (séjour irrégulier — ou citoyen
  de l'UE exclu de l'aide sociale, depuis l'arrêt du 30 juin 2014 —, séjour sur le territoire du
  CPAS, état de besoin établi par l'enquête sociale, attestation d'urgence d'un médecin ou d'un
  dentiste) : la personne peut obtenir l'AMU pour les soins couverts ;
- ``autre_voie`` : la personne se soigne par une autre voie que l'AMU (mutualité ou CAAMI pour une
  personne en séjour légal, Fedasil pour un demandeur de protection internationale) ;
- ``conditions_manquantes`` : au moins une des quatre conditions manque ou n'est pas encore établie
  (chacune est citée, avec ce qu'il faut faire) ;
- ``hors_amu`` : rien de ce qui est demandé n'entre dans l'AMU (aide financière, logement, aide
  matérielle, médicaments de catégorie D).

Si une des quatre conditions manque, le statut n'est jamais ``amu_possible``. Les soins non couverts
(aide non médicale, médicaments de catégorie D) sont toujours signalés, quel que soit le statut.

Chaque règle vient de ``parametres/amu.yaml``, lue à la date de la demande, avec sa date d'effet et
sa référence ; aucun montant n'est cité. Le CPAS compétent est celui de la commune où la personne
séjourne (``widgets.data.trouver_commune`` : nom ou code INS).

En ligne de commande : ``python -m widgets.rules.amu situation.json --date 2026-11-30`` (la date est
« aujourd'hui » ; la date de la demande est ``"date_demande"`` dans le JSON, aujourd'hui par défaut).
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from widgets import data
from widgets.rules import entrees, legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Echeance, Etape, Motif, date_fr
from widgets.rules.validation import DateISO, ErreurSituation, choix, valider_modele

STATUTS = ("amu_possible", "autre_voie", "conditions_manquantes", "hors_amu")
STATUTS_SEJOUR = ("irregulier", "demandeur_protection", "sejour_legal_mutualite", "sejour_legal_sans_mutualite",
                  "ue_exclu_aide_sociale", "autre")
ETATS_BESOIN = ("oui", "non", "en_cours")
SOINS_MEDICAUX = ("consultation", "hospitalisation", "medicaments", "medicaments_categorie_d", "soins_dentaires",
                  "examens", "prevention")
AIDES_NON_MEDICALES = ("aide_financiere", "logement", "aide_materielle")
SOINS = SOINS_MEDICAUX + AIDES_NON_MEDICALES
CONDITIONS = ("sejour_irregulier", "territoire_cpas", "etat_de_besoin", "attestation_urgence")

LIBELLES = {
    "statut_sejour": "statut de séjour de la personne",
    "commune": "commune où la personne séjourne (nom ou code INS)",
    "cpas_sollicite": "commune du CPAS auquel la personne s'adresse (si ce n'est pas celui de la commune où elle séjourne)",
    "etat_de_besoin": "état de besoin établi par l'enquête sociale du CPAS (oui, non, en cours)",
    "attestation_urgence": "attestation d'aide médicale urgente d'un médecin ou d'un dentiste",
    "soins_demandes": "aide ou soins demandés",
    "maladie_contagieuse": "maladie contagieuse reconnue, soumise à des mesures de prophylaxie",
    "date_demande": "date de la demande",
}

LIBELLES_STATUT = {
    "amu_possible": "L'aide médicale urgente est possible : les quatre conditions sont remplies",
    "autre_voie": "La personne se soigne par une autre voie que l'aide médicale urgente",
    "conditions_manquantes": "L'aide médicale urgente n'est pas (encore) possible : une ou plusieurs conditions manquent",
    "hors_amu": "Ce qui est demandé n'entre pas dans l'aide médicale urgente",
}

LIBELLES_SEJOUR = {
    "irregulier": "séjour irrégulier (sans titre de séjour valable)",
    "demandeur_protection": "demandeur de protection internationale (procédure en cours)",
    "sejour_legal_mutualite": "séjour légal, inscrit à une mutualité ou à la CAAMI",
    "sejour_legal_sans_mutualite": "séjour légal, pas (encore) inscrit à une mutualité",
    "ue_exclu_aide_sociale": "citoyen de l'UE (ou membre de sa famille) exclu de l'aide sociale : trois premiers mois de séjour, demandeur d'emploi",
    "autre": "autre situation, ou statut de séjour à clarifier",
}

LIBELLES_BESOIN = {"oui": "oui, établi par l'enquête sociale", "non": "non : le CPAS a conclu qu'il n'est pas établi",
                   "en_cours": "enquête sociale en cours"}

LIBELLES_SOINS = {
    "consultation": "consultation chez un médecin (généraliste ou spécialiste)",
    "hospitalisation": "hospitalisation",
    "medicaments": "médicaments remboursables (sur prescription)",
    "medicaments_categorie_d": "médicaments de catégorie D (non remboursés : certains antidouleurs, par exemple)",
    "soins_dentaires": "soins dentaires",
    "examens": "examens (prise de sang, radiographie...)",
    "prevention": "soins préventifs (vaccination, suivi de grossesse...)",
    "aide_financiere": "aide financière (argent)",
    "logement": "logement ou hébergement",
    "aide_materielle": "aide matérielle (colis alimentaire, vêtements...)",
}

LIBELLES_CONDITIONS = {
    "sejour_irregulier": "1. Séjour irrégulier en Belgique",
    "territoire_cpas": "2. Séjour sur le territoire du CPAS sollicité",
    "etat_de_besoin": "3. État de besoin établi par une enquête sociale",
    "attestation_urgence": "4. Attestation d'un médecin ou d'un dentiste : soins « urgents »",
}

REF_SECOURS = "Numéros d'urgence : 112 (ambulance, pompiers) — https://www.112.be/fr/"


class Situation(BaseModel):
    """La situation telle qu'un travailleur social la décrit. Le statut de séjour, la commune et les
    soins demandés sont obligatoires ; les autres champs ont une valeur par défaut que la décision
    signale comme une hypothèse quand elle n'a pas été donnée."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    statut_sejour: Annotated[Literal[STATUTS_SEJOUR], choix(STATUTS_SEJOUR)]  # type: ignore[valid-type]
    commune: Annotated[str, Field(min_length=1, max_length=80)] | StrictInt
    soins_demandes: list[Annotated[Literal[SOINS], choix(SOINS)]]  # type: ignore[valid-type]
    cpas_sollicite: Annotated[str, Field(max_length=80)] | StrictInt | None = None
    etat_de_besoin: Annotated[Literal[ETATS_BESOIN], choix(ETATS_BESOIN)] = "en_cours"  # type: ignore[valid-type]
    attestation_urgence: StrictBool = False
    maladie_contagieuse: StrictBool = False
    date_demande: DateISO = None

    @field_validator("commune", "cpas_sollicite")
    @classmethod
    def _commune(cls, v):
        return entrees.commune_connue(v)

    @field_validator("soins_demandes")
    @classmethod
    def _soins(cls, v: list[str]) -> list[str]:
        if not v:
            raise PydanticCustomError("kit", "choisissez au moins une aide ou un soin demandé (consultation, hospitalisation, médicaments, logement...).")
        return list(dict.fromkeys(v))  # sans doublons, dans l'ordre donné

    @field_validator("date_demande")
    @classmethod
    def _date(cls, v: dt.date | None, info: ValidationInfo):
        if v is None:
            return v
        ctx = info.context or {}
        aujourdhui = ctx.get("aujourdhui") or dt.date.today()
        debut = ctx.get("couverture_debut")
        if v > aujourdhui:
            raise PydanticCustomError("kit", "la date du {d} est dans le futur (aujourd'hui : {a}).", {"d": date_fr(v), "a": date_fr(aujourdhui)})
        if debut and v < debut:
            raise PydanticCustomError("kit", "le kit ne décrit les règles de l'aide médicale urgente qu'à partir du {d} : choisissez une date ultérieure.",
                                      {"d": date_fr(debut)})
        return v


def valider(situation: dict[str, Any] | Situation, aujourdhui: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    bareme = legislation.charger("amu")
    aujourdhui = aujourdhui or dt.date.today()
    if not isinstance(aujourdhui, dt.date) or isinstance(aujourdhui, dt.datetime):
        raise ErreurSituation([("date_demande", "la date de référence doit être une date (AAAA-MM-JJ).")], LIBELLES)
    contexte = {"aujourdhui": aujourdhui, "couverture_debut": bareme.couverture_debut}
    s = valider_modele(Situation, situation, LIBELLES, contexte=contexte)
    if s.date_demande is None and aujourdhui < bareme.couverture_debut:
        raise ErreurSituation([("date_demande", (f"sans date, la demande est datée d'aujourd'hui ({date_fr(aujourdhui)}) ; le kit ne décrit "
                                                f"les règles de l'aide médicale urgente qu'à partir du {date_fr(bareme.couverture_debut)}."))], LIBELLES)
    return s


def nom_cpas(commune: dict) -> str:
    """Le nom usuel du CPAS de la commune (OCMW en Flandre, ÖSHZ en région de langue allemande)."""
    nom = commune["nom"]
    de = "d'" if nom[0] in "AEIOUYÉÈÂÎaeiouyéè" else "de "
    if commune.get("cri") == data.COMMUNAUTE_GERMANOPHONE:
        return f"ÖSHZ (CPAS) {de}{nom}"
    if commune["region"] == "Région flamande":
        return f"OCMW {commune.get('nom_nl') or nom} (CPAS)"
    if commune["region"] == "Région de Bruxelles-Capitale" and commune.get("nom_nl") and commune["nom_nl"] != nom:
        return f"CPAS {de}{nom} (OCMW {commune['nom_nl']})"
    return f"CPAS {de}{nom}"


# --- L'évaluation ----------------------------------------------------------------------------

class _Evaluation:
    """Accumule la trace, les motifs, les avertissements, les règles datées utilisées."""

    def __init__(self, s: Situation, date: dt.date):
        self.s, self.date = s, date
        self.bareme = legislation.charger("amu")
        self.trace: list[Etape] = []
        self.motifs: list[Motif] = []
        self.avertissements: list[str] = []
        self.hypotheses: list[str] = []
        self.regles: dict[str, legislation.ValeurDatee] = {}
        self.a_faire: list[str] = []
        self.documents: list[str] = []
        self.non_couvert: list[dict[str, str]] = []
        self.conditions: list[dict[str, Any]] = []

    def param(self, nom: str) -> legislation.ValeurDatee:
        v = self.bareme.valeur(nom, self.date)
        if v is None:  # le kit ne connaît aucune valeur à cette date : il ne l'invente pas
            raise LookupError(nom)
        if v.incertain:
            self.avertir(v.incertain)
        self.regles.setdefault(nom, v)
        return v

    def avertir(self, texte: str) -> None:
        if texte not in self.avertissements:
            self.avertissements.append(texte)

    def etape(self, code: str, question: str, reponse: str, reference: str, decisive: bool = False) -> None:
        self.trace.append(Etape(code, question, reponse, reference, decisive))

    def condition(self, code: str, etat: str, reponse: str, reference: str) -> None:
        self.conditions.append({"code": code, "libelle": LIBELLES_CONDITIONS[code], "etat": etat, "reponse": reponse, "reference": reference})


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None) -> Decision:
    """La personne peut-elle obtenir l'aide médicale urgente, pour quels soins, et sinon comment se soigner ?

    ``date_reference`` est « aujourd'hui » (par défaut la date du jour) : la date de la demande ne peut
    pas être dans le futur et vaut aujourd'hui quand la situation ne la donne pas."""
    aujourdhui = date_reference if date_reference is not None else dt.date.today()
    s = valider(situation, aujourdhui)
    date = s.date_demande or aujourdhui
    ev = _Evaluation(s, date)
    commune = data.trouver_commune(s.commune)
    cpas = nom_cpas(commune)
    details: dict[str, Any] = {
        "date_demande": date,
        "statut_sejour": LIBELLES_SEJOUR[s.statut_sejour],
        "cpas": {"nom": cpas, "commune": commune["nom"], "nis": commune["nis"], "region": commune["region"]},
    }
    _hypotheses(ev)
    _lieu(ev, commune)
    statut = _statut(ev, cpas)
    _non_couverts(ev)
    if s.statut_sejour == "demandeur_protection":
        details["orientation"] = "Fedasil (accueil et accompagnement médical des demandeurs de protection internationale)"
    elif statut == "autre_voie":
        details["orientation"] = "une mutualité au choix ou la CAAMI"
    elif statut == "hors_amu" and s.statut_sejour.startswith("sejour_legal"):
        details["orientation"] = f"le {cpas}, pour une aide sociale (pas l'AMU)"
    elif statut == "hors_amu":
        details["orientation"] = "les services d'hébergement d'urgence, d'aide alimentaire et les associations (l'AMU ne couvre pas cette demande)"
    else:
        details["orientation"] = cpas
    examinees = {c["code"] for c in ev.conditions}
    for code in CONDITIONS:
        if code not in examinees:
            ev.condition(code, "non examinée", "sans objet dans cette situation", ev.param("conditions_amu").source())
    if ev.bareme.peut_etre_perime(aujourdhui):
        ev.avertir(f"Les règles du kit ont été revues le {date_fr(ev.bareme.derniere_revue)} ; après le "
                   f"{date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")
    if date < ev.bareme.derniere_revue:
        ev.hypotheses.append(f"La pratique décrite (nomenclature INAMI, catégorie D, carte médicale, MediPrima) est celle vérifiée le "
                             f"{date_fr(ev.bareme.derniere_revue)} ; pour une demande du {date_fr(date)}, vérifiez la pratique de l'époque.")
    couverts = [x for x in s.soins_demandes if x in SOINS_MEDICAUX and x != "medicaments_categorie_d"]
    details.update({
        "conditions": ev.conditions,
        "couvert": [LIBELLES_SOINS[x] for x in couverts] if statut == "amu_possible" else [],
        "non_couvert": ev.non_couvert,
        "a_faire": ev.a_faire,
        "documents": ev.documents,
        "regles": [{"nom": nom, "description": ev.bareme.parametres[nom].description, "depuis": v.depuis,
                    "reference": v.source(), "incertain": v.incertain} for nom, v in ev.regles.items()],
        "echeances": sorted((Echeance(v.depuis, ev.bareme.parametres[nom].description, v.source(), incertain=v.incertain)
                             for nom, v in ev.regles.items()), key=lambda e: e.date),
        "hypotheses": ev.hypotheses,
    })
    return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(ev.motifs), trace=tuple(ev.trace),
                    date_reference=date, avertissements=tuple(ev.avertissements), details=details)


def _hypotheses(ev: _Evaluation) -> None:
    donnes = ev.s.model_fields_set
    if "date_demande" not in donnes or ev.s.date_demande is None:
        ev.hypotheses.append(f"Date de la demande non précisée : le kit retient le {date_fr(ev.date)}.")


def _hypotheses_conditions(ev: _Evaluation) -> None:
    donnes = ev.s.model_fields_set
    if "etat_de_besoin" not in donnes:
        ev.hypotheses.append("État de besoin non précisé : le kit suppose que l'enquête sociale est en cours.")
    if "attestation_urgence" not in donnes:
        ev.hypotheses.append("Attestation non précisée : le kit suppose que la personne n'a pas encore d'attestation d'urgence.")


def _lieu(ev: _Evaluation, commune: dict) -> None:
    if commune.get("cri") == data.COMMUNAUTE_GERMANOPHONE:
        ev.avertir(f"{commune['nom']} est en région de langue allemande : le CPAS s'y appelle ÖSHZ. L'AMU est une règle fédérale, "
                   "mais le kit n'a pas vérifié les formulaires ni les pratiques de ce CPAS.")
    elif commune["region"] != "Région wallonne":
        ev.avertir(f"{commune['nom']} n'est pas en Wallonie : l'AMU est une règle fédérale, la même partout, mais le kit n'a vérifié "
                   "ni les pratiques ni les documents des CPAS (OCMW) hors de Wallonie.")


def _statut(ev: _Evaluation, cpas: str) -> str:
    s = ev.s
    nature = ev.param("nature_aide")
    prestations = ev.param("prestations_couvertes")
    medicaux = [x for x in s.soins_demandes if x in SOINS_MEDICAUX]
    couvrables = [x for x in medicaux if x not in prestations.valeur["exclus"]]
    demandes = ", ".join(LIBELLES_SOINS[x] for x in s.soins_demandes)

    # 1. Ce qui est demandé : l'AMU ne donne que des soins.
    if not couvrables:
        ev.etape("nature", "Ce qui est demandé est-il un soin que l'AMU peut couvrir ?", f"non ({demandes})",
                 f"{nature.source()} ; {prestations.source()}", decisive=True)
        _hors_amu(ev, cpas, nature, prestations)
        return "hors_amu"
    ev.etape("nature", "Ce qui est demandé est-il un soin que l'AMU peut couvrir ?",
             f"oui ({', '.join(LIBELLES_SOINS[x] for x in couvrables)})", nature.source())

    # 2. Le statut de séjour : une autre voie, ou la condition n° 1 de l'AMU.
    if s.statut_sejour == "demandeur_protection":
        _fedasil(ev)
        return "autre_voie"
    if s.statut_sejour in ("sejour_legal_mutualite", "sejour_legal_sans_mutualite"):
        _mutualite(ev, cpas)
        return "autre_voie"
    return _quatre_conditions(ev, cpas)


def _hors_amu(ev: _Evaluation, cpas: str, nature, prestations) -> None:
    s = ev.s
    non_medical = [x for x in s.soins_demandes if x in AIDES_NON_MEDICALES]
    if non_medical:
        ev.motifs.append(Motif("pas_medical", (
            "L'aide médicale urgente est une aide exclusivement médicale : elle ne donne jamais d'argent, de logement ni d'aide matérielle "
            f"({', '.join(LIBELLES_SOINS[x] for x in non_medical)})."), nature.source()))
    if "medicaments_categorie_d" in s.soins_demandes:
        ev.motifs.append(Motif("categorie_d", "Les médicaments de catégorie D ne sont pas remboursés par l'INAMI : l'AMU ne les couvre pas.",
                               prestations.source()))
    if s.statut_sejour in ("irregulier", "autre"):
        ev.a_faire += [
            "Expliquer sans détour que l'AMU ne couvre que des soins : ni argent, ni logement, ni colis.",
            "Orienter vers les services d'aide de la commune : hébergement d'urgence (abri de nuit), aide alimentaire, associations d'aide aux personnes sans papiers.",
            "Si la personne a aussi besoin de soins, revenir à l'AMU : une attestation d'urgence d'un médecin ou d'un dentiste, et une demande au " + cpas + ".",
        ]
    elif s.statut_sejour == "demandeur_protection":
        fedasil = ev.param("demandeurs_protection_fedasil")
        ev.a_faire.append("Un demandeur de protection internationale a droit à l'accueil de Fedasil (hébergement, repas, accompagnement) : "
                          "s'adresser à Fedasil ou à sa structure d'accueil.")
        ev.motifs.append(Motif("fedasil_accueil", "Pour un demandeur de protection internationale, c'est l'accueil de Fedasil, pas le CPAS, qui répond à ces besoins.",
                               fedasil.source()))
    elif s.statut_sejour == "ue_exclu_aide_sociale":
        ue = ev.param("citoyens_ue_exclus_aide_sociale")
        ev.a_faire += [
            ("Un citoyen de l'UE exclu de l'aide sociale (trois premiers mois de séjour, recherche d'emploi) n'a en principe droit qu'à l'AMU : "
            "orienter vers les services de la commune et les associations (hébergement d'urgence, aide alimentaire)."),
            "Faire vérifier sa situation par un service juridique : l'exclusion ne vise pas un citoyen de l'UE qui est ou est resté travailleur (salarié ou indépendant).",
        ]
        texte = ("Pour ce citoyen de l'UE, l'art. 57quinquies exclut l'aide sociale du CPAS ; seule l'aide médicale urgente lui reste garantie."
                 if ue.valeur else "Pour ce citoyen de l'UE, l'art. 57quinquies excluait l'aide sociale du CPAS ; à cette date, avant l'arrêt du "
                 "30 juin 2014, même l'aide médicale urgente n'était pas garantie.")
        ev.motifs.append(Motif("ue_exclu", texte, ue.source(), ue.incertain))
    else:
        ev.a_faire.append(f"Une personne en séjour légal peut demander au {cpas} une aide sociale (pas l'AMU), examinée après une enquête sociale ; "
                          "pour certains séjours, faire vérifier d'abord les effets possibles sur le droit de séjour par un service juridique.")
    if "medicaments_categorie_d" in s.soins_demandes:
        ev.a_faire.append("Médicaments de catégorie D : demander au médecin s'il existe une alternative remboursable ; sinon, voir avec une association.")


def _fedasil(ev: _Evaluation) -> None:
    fedasil = ev.param("demandeurs_protection_fedasil")
    ev.etape("statut_sejour", "La personne est-elle en séjour irrégulier ?", "non : demandeur de protection internationale", fedasil.source(), decisive=True)
    ev.condition("sejour_irregulier", "sans objet", "non : demandeur de protection internationale (autre voie)", fedasil.source())
    ev.motifs.append(Motif("fedasil", (
        "Un demandeur de protection internationale ne relève pas de l'AMU du CPAS : il a droit à l'accompagnement médical de l'accueil, "
        "organisé par Fedasil, depuis l'introduction de sa demande. Sont couverts les soins de la nomenclature INAMI, avec quelques exceptions "
        "et quelques ajouts fixés par arrêté royal."), fedasil.source()))
    ev.a_faire += [
        "Dans un centre d'accueil : s'adresser au service médical ou au médecin du centre.",
        ("Hors structure d'accueil (code 207 « no-show », par exemple une personne inscrite sur la liste d'attente) : prendre rendez-vous chez un médecin, "
        "puis demander à la Cellule frais médicaux de Fedasil un réquisitoire, en principe AVANT les soins (formulaire en ligne)."),
        "Dans une initiative locale d'accueil (ILA) organisée par un CPAS : c'est ce CPAS qui organise les soins (⚠️ à vérifier auprès de l'ILA).",
        "Après une décision négative définitive et la fin du délai de l'ordre de quitter le territoire, la personne est en séjour irrégulier : l'AMU prend le relais.",
    ]
    ev.documents += ["Annexe ou document de la procédure d'asile (preuve de la demande de protection internationale)",
                     "Pour une personne hors accueil : le réquisitoire de la Cellule frais médicaux de Fedasil"]


def _mutualite(ev: _Evaluation, cpas: str) -> None:
    s = ev.s
    assurance = ev.param("assurance_soins_sante")
    inscrit = s.statut_sejour == "sejour_legal_mutualite"
    ev.etape("statut_sejour", "La personne est-elle en séjour irrégulier ?",
             "non : séjour légal" + (", inscrite à une mutualité" if inscrit else ", pas encore inscrite à une mutualité"), assurance.source(), decisive=True)
    ev.condition("sejour_irregulier", "sans objet", "non : séjour légal (autre voie)", assurance.source())
    if inscrit:
        ev.motifs.append(Motif("mutualite", (
            "Une personne en séjour légal, inscrite à une mutualité ou à la CAAMI, est couverte par l'assurance obligatoire soins de santé : "
            "elle n'a pas besoin de l'AMU, réservée aux personnes en séjour irrégulier. Si elle ne peut pas payer sa part (ticket modérateur, "
            "médicaments), le CPAS peut lui accorder une aide sociale médicale, après enquête sociale."), assurance.source()))
        ev.a_faire += [
            "Utiliser la mutualité : carte d'identité ou de séjour électronique chez le médecin, le pharmacien et à l'hôpital.",
            "Demander à la mutualité si la personne a droit à l'intervention majorée (meilleurs remboursements, tiers payant chez le généraliste).",
            f"En cas de difficulté pour payer sa part : demander une aide sociale au {cpas} (ce n'est pas l'AMU).",
        ]
    else:
        ev.motifs.append(Motif("affiliation", (
            "Une personne en séjour légal, inscrite dans une commune, doit s'affilier à une mutualité de son choix ou à la CAAMI : c'est la voie "
            "normale pour être soignée et remboursée. L'AMU est réservée aux personnes en séjour irrégulier. En attendant, ou si elle ne "
            "peut pas payer, le CPAS peut l'aider par une aide sociale médicale, après enquête sociale."), assurance.source()))
        ev.a_faire += [
            "S'affilier dès maintenant à une mutualité ou à la CAAMI, avec la carte de séjour (qui porte le numéro de registre national).",
            "Demander à la mutualité à partir de quand les soins seront remboursés et quels documents elle demande (⚠️ selon la situation : travail, allocation, personne à charge...).",
            f"En attendant, ou si la personne ne peut pas payer : demander une aide sociale médicale au {cpas}.",
            "Pour certains séjours (étudiants, regroupement familial récent...), l'aide du CPAS peut avoir un effet sur le séjour : faire vérifier la situation par un service juridique.",
        ]
    ev.documents += ["Carte de séjour électronique (numéro de registre national)", "Pour l'affiliation : les documents demandés par la mutualité ou la CAAMI"]


def _quatre_conditions(ev: _Evaluation, cpas: str) -> str:
    """Les quatre conditions cumulatives, toutes examinées (et citées) ; la première qui manque tranche."""
    s = ev.s
    _hypotheses_conditions(ev)
    base = ev.param("base_legale_amu")
    conditions = ev.param("conditions_amu")
    ref = conditions.source()
    # (code, question, réponse, référence, état, motif si elle manque, gestes si elle manque)
    examen: list[tuple[str, str, str, str, str, Motif | None, list[str]]] = []

    # Condition 1 : le séjour irrégulier (ou, depuis 2014, le citoyen de l'UE exclu de l'aide sociale).
    q1 = "1. La personne est-elle en séjour irrégulier (ou citoyenne de l'UE exclue de l'aide sociale, depuis 2014) ?"
    if s.statut_sejour == "irregulier":
        examen.append(("sejour_irregulier", q1, "oui : séjour irrégulier", base.source(), "remplie", None, []))
    elif s.statut_sejour == "ue_exclu_aide_sociale":
        ue = ev.param("citoyens_ue_exclus_aide_sociale")
        if ue.valeur:
            examen.append(("sejour_irregulier", q1, "assimilée : citoyen de l'UE exclu de l'aide sociale (arrêt du 30 juin 2014)",
                           ue.source(), "remplie", None, []))
            ev.motifs.append(Motif("arret_2014", (
                "Depuis l'arrêt de la Cour constitutionnelle du 30 juin 2014, un citoyen de l'UE exclu de l'aide sociale par l'art. 57quinquies "
                "(et les membres de sa famille) peut obtenir l'aide médicale urgente, comme une personne en séjour irrégulier."),
                ue.source(), ue.incertain))
        else:
            examen.append(("sejour_irregulier", q1, "non : avant l'arrêt du 30 juin 2014, le CPAS n'était pas tenu de l'accorder",
                           ue.source(), "manquante", Motif("avant_2014", (
                               f"À la date de la demande ({date_fr(ev.date)}), l'art. 57quinquies permettait au CPAS de refuser l'aide sociale, aide "
                               "médicale urgente comprise, à un citoyen de l'UE pendant ses trois premiers mois de séjour. C'est l'arrêt de la Cour "
                               "constitutionnelle du 30 juin 2014 qui a garanti l'AMU à ces personnes."), ue.source()),
                           ["Pour une demande faite depuis le 30 juin 2014, l'AMU reste garantie : relancer la simulation avec une date récente."]))
    else:  # autre : le séjour irrégulier n'est pas établi
        examen.append(("sejour_irregulier", q1, "non établi : statut de séjour à clarifier", base.source(), "manquante", Motif("statut_a_clarifier", (
            "L'AMU est réservée aux personnes en séjour irrégulier (et, depuis 2014, à certains citoyens de l'UE exclus de l'aide sociale). "
            "Le statut de séjour de la personne n'est pas établi : il faut le clarifier pour savoir par quelle voie elle peut se soigner "
            "(AMU, mutualité, Fedasil...)."), base.source()),
            [("Faire clarifier le statut de séjour par un service juridique (CRI, association de défense des droits des étrangers, avocat) ; "
             "si des soins sont nécessaires tout de suite, le dire au CPAS dès la demande.")]))

    # Condition 2 : le territoire du CPAS.
    commune = data.trouver_commune(s.commune)
    sollicite = data.trouver_commune(s.cpas_sollicite) if s.cpas_sollicite else commune
    q2 = "2. La personne séjourne-t-elle sur le territoire du CPAS auquel elle s'adresse ?"
    if sollicite["nis"] == commune["nis"]:
        examen.append(("territoire_cpas", q2, f"oui : elle séjourne à {commune['nom']} et s'adresse au {cpas}", ref, "remplie", None, []))
        if s.cpas_sollicite is None:
            ev.hypotheses.append(f"Le kit suppose que la personne s'adresse au CPAS de la commune où elle séjourne ({commune['nom']}).")
    else:
        autre = nom_cpas(sollicite)
        examen.append(("territoire_cpas", q2, f"non : elle séjourne à {commune['nom']} mais s'adresse au {autre}", ref, "manquante",
                       Motif("territoire", (f"Le CPAS compétent est celui de la commune où la personne séjourne réellement : le {cpas}, pas le {autre}, "
                                            "qui peut refuser la demande faute de compétence."), ref),
                       [f"S'adresser au {cpas} (service social) ; le {autre} peut aussi transmettre la demande au CPAS compétent (⚠️ pratique à vérifier).",
                        "Cas particuliers (personne sans abri, hospitalisée dans une autre commune) : la règle de compétence peut être différente, à vérifier avec le CPAS."]))

    # Condition 3 : l'état de besoin, établi par l'enquête sociale.
    q3 = "3. L'enquête sociale du CPAS a-t-elle établi l'état de besoin ?"
    if s.etat_de_besoin == "oui":
        examen.append(("etat_de_besoin", q3, "oui", ref, "remplie", None, []))
    elif s.etat_de_besoin == "en_cours":
        delai = ev.param("delai_decision_cpas")
        examen.append(("etat_de_besoin", q3, "pas encore : enquête sociale en cours", f"{ref} ; {delai.source()}", "en cours", Motif("enquete_en_cours", (
            "L'état de besoin n'est pas encore établi : le CPAS mène son enquête sociale (entretien, souvent une visite sur le lieu de séjour). "
            f"Il doit décider dans les {delai.valeur} jours de la demande."), delai.source(), delai.incertain),
            ["Répondre aux questions du travailleur social et fournir ce qu'il demande (qui héberge la personne, qui l'aide, de quoi elle vit).",
             "Si les soins ne peuvent pas attendre, le dire dès la demande et joindre l'attestation d'urgence.",
             "Garder la preuve de la date de la demande (accusé de réception)."]))
    else:
        recours = ev.param("delai_recours")
        examen.append(("etat_de_besoin", q3, "non : le CPAS a conclu qu'il n'est pas établi", f"{ref} ; {recours.source()}", "manquante", Motif("pas_de_besoin", (
            "Le CPAS a conclu que l'état de besoin n'est pas établi (par exemple parce qu'une autre personne prend les soins en charge). "
            f"Cette décision peut être contestée devant le tribunal du travail dans les {recours.valeur} mois de sa notification ; la procédure est gratuite."),
            recours.source(), recours.incertain),
            ["Demander la décision écrite et motivée.",
             f"Si elle paraît injuste : recours au tribunal du travail dans les {recours.valeur} mois, avec l'aide d'un service juridique ou d'un avocat de l'aide juridique.",
             "Si la situation change (hébergement perdu, aide des proches arrêtée), introduire une nouvelle demande."]))

    # Condition 4 : l'attestation d'urgence d'un médecin ou d'un dentiste.
    q4 = "4. Un médecin ou un dentiste atteste-t-il que les soins sont « urgents » ?"
    if s.attestation_urgence:
        examen.append(("attestation_urgence", q4, "oui", ref, "remplie", None, []))
    else:
        examen.append(("attestation_urgence", q4, "non : pas encore d'attestation", ref, "manquante", Motif("attestation", (
            "Il faut une attestation d'aide médicale urgente signée par un médecin ou un dentiste. « Urgent » ne veut pas dire « urgence vitale » : "
            "c'est le médecin qui juge que les soins sont nécessaires, qu'ils soient préventifs ou curatifs."), ref),
            [("Demander l'attestation au médecin ou au dentiste consulté : médecin généraliste, maison médicale, consultation d'un hôpital, "
             "permanence médicale d'une association."),
             "En cas d'urgence vitale, appeler le 112 : l'hôpital soigne d'abord, le CPAS est sollicité ensuite."]))

    manques = [e for e in examen if e[4] != "remplie"]
    premier = manques[0][0] if manques else None
    for code, question, reponse, reference, etat, _motif, _gestes in examen:
        ev.condition(code, etat, reponse, reference)
        ev.etape(code, question, reponse, reference, decisive=code == premier)
    ev.documents += _documents_amu()
    if manques:
        for *_debut, motif, gestes in manques:
            ev.motifs.append(motif)
            ev.a_faire.extend(gestes)
        return "conditions_manquantes"

    # Les quatre conditions sont remplies.
    couverts = [x for x in s.soins_demandes if x in SOINS_MEDICAUX and x != "medicaments_categorie_d"]
    nature = ev.param("nature_aide")
    paiement = ev.param("paiement")
    confidentialite = ev.param("confidentialite")
    ev.etape("decision", "Les quatre conditions sont-elles toutes remplies ?", "oui", ref, decisive=True)
    ev.motifs.insert(0, Motif("quatre_conditions", (
        f"Les quatre conditions cumulatives sont remplies : la personne peut obtenir l'aide médicale urgente du {cpas} pour : "
        f"{', '.join(LIBELLES_SOINS[x] for x in couverts)}. Ce sont des soins uniquement, préventifs ou curatifs, en ambulatoire "
        "ou dans un établissement de soins ; en pratique, les prestations que l'INAMI rembourse."), f"{ref} ; {nature.source()}"))
    if s.maladie_contagieuse:
        cont = ev.param("continuite_maladies_contagieuses")
        ev.motifs.append(Motif("continuite", (
            "Maladie contagieuse reconnue qui fait l'objet de mesures de prophylaxie : l'AMU doit permettre de poursuivre les soins "
            "nécessaires à la protection de la santé publique."), cont.source(), cont.incertain))
    ev.motifs.append(Motif("confidentialite", (
        "Les données transmises pour le remboursement de l'AMU ne servent qu'à ce remboursement ; elles ne sont pas transmises à l'Office des étrangers. "
        "Le travailleur social du CPAS est par ailleurs tenu au secret professionnel."), confidentialite.source()))
    ev.a_faire += [
        f"Introduire la demande d'AMU au {cpas} (service social), avec l'attestation d'urgence.",
        ("Le CPAS décide et remet, selon ses pratiques, une carte médicale (pour une durée limitée), un réquisitoire pour un soin précis, "
        "ou une garantie de prise en charge encodée dans MediPrima, que l'hôpital ou le médecin consulte."),
        ("Se soigner chez le prestataire accepté par le CPAS (certains CPAS travaillent avec des hôpitaux ou des médecins partenaires) ; "
        "garder une copie de la décision et de l'attestation."),
        f"Paiement : {paiement.valeur}",
    ]
    return "amu_possible"


def _documents_amu() -> list[str]:
    return [
        "L'attestation d'aide médicale urgente, signée par un médecin ou un dentiste",
        "Un document d'identité s'il en existe un (passeport, même périmé, carte consulaire...) — ⚠️ chaque CPAS précise ce qu'il demande",
        "Ce qui montre où la personne séjourne (adresse d'hébergement, personne qui l'héberge) : le CPAS le vérifie lors de l'enquête sociale",
        "Ce qui montre de quoi la personne vit (aide de proches, ressources éventuelles)",
    ]


def _non_couverts(ev: _Evaluation) -> None:
    """Ce qui est demandé et que l'AMU ne couvre pas, avec la raison et la référence (quel que soit le statut)."""
    nature = ev.param("nature_aide")
    prestations = ev.param("prestations_couvertes")
    for x in ev.s.soins_demandes:
        if x in AIDES_NON_MEDICALES:
            ev.non_couvert.append({"code": x, "soin": LIBELLES_SOINS[x],
                                   "raison": "L'AMU est une aide exclusivement médicale : jamais d'argent, de logement ni d'aide matérielle.",
                                   "reference": nature.source()})
        elif x == "medicaments_categorie_d":
            ev.non_couvert.append({"code": x, "soin": LIBELLES_SOINS[x],
                                   "raison": "Les médicaments de catégorie D ne sont pas remboursés par l'INAMI : l'AMU ne les couvre pas.",
                                   "reference": prestations.source()})
    codes = {n["code"] for n in ev.non_couvert}
    if codes and not any(m.code in ("pas_medical", "categorie_d") for m in ev.motifs):
        textes = []
        if codes & set(AIDES_NON_MEDICALES):
            textes.append("l'aide non médicale demandée (" + ", ".join(LIBELLES_SOINS[c] for c in AIDES_NON_MEDICALES if c in codes) + ")")
        if "medicaments_categorie_d" in codes:
            textes.append("les médicaments de catégorie D")
        ev.motifs.append(Motif("non_couvert", f"Ne sont pas couverts : {' ni '.join(textes)}.",
                               f"{nature.source()} ; {prestations.source()}"))


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.amu",
                        "Aide médicale urgente du CPAS : la personne y a-t-elle droit, pour quels soins, et sinon par quelle voie se soigner ? "
                        "Situation en JSON, décision en JSON ; --date = aujourd'hui.",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
