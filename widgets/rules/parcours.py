"""Le parcours d'intégration des primo-arrivants en Wallonie : qui doit le suivre, quand, où.

``evaluer(situation, date_reference)`` rend une ``Decision`` dont le statut est l'un de :

- ``obligatoire`` : primo-arrivant au sens du CWASS, sans dispense ;
- ``dispense`` : primo-arrivant, mais dispensé (toutes les dispenses qui s'appliquent sont citées) ;
- ``non_concerne`` : pas primo-arrivant (belge, citoyen UE+ ou membre de sa famille, titre de
  séjour de 3 mois au plus, 3 ans de séjour ou plus, titre antérieur à l'obligation) ;
- ``autre_entite`` : domicilié là où s'applique le parcours d'une autre entité (Communauté
  germanophone, Bruxelles, Flandre).

Chaque durée, âge, volume horaire et date vient de ``parametres/parcours.yaml``, lu à la date de
référence (ou, pour le délai d'attestation, à la date de commande du titre de séjour). La
décision cite la référence de chaque motif et signale les valeurs incertaines.

En ligne de commande : ``python -m widgets.rules.parcours situation.json --date 2026-11-22``.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets import data
from widgets.rules import entrees, legislation, pays
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Echeance, Etape, Motif, date_fr
from widgets.rules.validation import (
    DateISO,
    ErreurChamp,
    ErreurSituation,
    valider_modele,
)

STATUTS = ("obligatoire", "dispense", "non_concerne", "autre_entite")
STATUTS_ETUDE = ("etudiant", "echange", "doctorant_boursier", "enseignant_superieur")

LIBELLES = {
    "nationalite": "nationalité (code ISO à deux lettres, ex. MA)",
    "date_debut_sejour": "date du début du séjour en Belgique",
    "commune": "commune de résidence (nom ou code INS)",
    "date_naissance": "date de naissance",
    "titre_sejour_plus_3_mois": "titre de séjour de plus de 3 mois",
    "date_titre_sejour": "date de commande du titre de séjour",
    "membre_famille_ue": "membre de la famille d'un citoyen UE, EEE ou suisse",
    "protection_temporaire": "bénéficiaire de la protection temporaire",
    "certificat_medical": "certificat médical d'impossibilité",
    "diplome_belge": "certificat ou diplôme de l'enseignement belge",
    "mois_emploi_mi_temps": "mois de travail continu au moins à mi-temps",
    "statut_etude": "études ou enseignement supérieur",
    "attestation_autre_entite": "attestation de parcours déjà obtenue",
}

LIBELLES_STATUT = {
    "obligatoire": "La personne doit suivre le parcours d'intégration",
    "dispense": "La personne est dispensée de l'obligation",
    "non_concerne": "La personne n'est pas concernée par l'obligation",
    "autre_entite": "La personne relève du parcours d'une autre entité que la Wallonie",
}

LIBELLES_ETUDE = {
    "etudiant": "étudiant régulier",
    "echange": "étudiant d'échange",
    "doctorant_boursier": "boursier de doctorat",
    "enseignant_superieur": "enseignant dans un établissement d'enseignement supérieur reconnu par la Fédération Wallonie-Bruxelles",
}

REF_DEFINITION = "CWASS, art. 150, 4° (définition du primo-arrivant)"
REF_DISPENSES = "Liste des dispenses publiée par les CRI (CRIBW ; FAQ parcoursintegration.be)"
REF_VOLONTAIRE = "CWASS : le parcours est ouvert, gratuitement, aux personnes étrangères non soumises à l'obligation"


class Situation(BaseModel):
    """La situation d'une personne, telle qu'un agent la décrit. Seuls les trois premiers champs
    sont obligatoires ; les booléens absents valent « non »."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nationalite: Annotated[str, Field(min_length=1, max_length=40)]
    date_debut_sejour: DateISO
    commune: Annotated[str, Field(min_length=1, max_length=80)] | StrictInt
    date_naissance: DateISO = None
    titre_sejour_plus_3_mois: StrictBool | None = None
    date_titre_sejour: DateISO = None
    membre_famille_ue: StrictBool = False
    protection_temporaire: StrictBool = False
    certificat_medical: StrictBool = False
    diplome_belge: StrictBool = False
    mois_emploi_mi_temps: Annotated[StrictInt, Field(ge=0, le=1200)] = 0
    statut_etude: Literal[STATUTS_ETUDE] | None = None  # type: ignore[valid-type]
    attestation_autre_entite: StrictBool = False

    @field_validator("nationalite")
    @classmethod
    def _nationalite(cls, v: str) -> str:
        return entrees.code_pays(v)

    @field_validator("date_debut_sejour")
    @classmethod
    def _debut_requis(cls, v):
        if v is None:
            raise PydanticCustomError("kit", "ce champ est obligatoire.")
        return v

    @field_validator("date_debut_sejour", "date_naissance", "date_titre_sejour")
    @classmethod
    def _pas_dans_le_futur(cls, v: dt.date | None, info: ValidationInfo):
        return entrees.date_passee(v, info)

    @field_validator("commune")
    @classmethod
    def _commune(cls, v):
        return entrees.commune_connue(v)

    @model_validator(mode="after")
    def _coherence(self):
        if self.date_naissance and self.date_debut_sejour and self.date_naissance > self.date_debut_sejour:
            raise ErreurChamp("date_naissance", "la date de naissance ne peut pas être postérieure à la date d'arrivée en Belgique.")
        if self.date_titre_sejour and self.date_debut_sejour and self.date_titre_sejour < self.date_debut_sejour:
            raise ErreurChamp("date_titre_sejour", "le titre de séjour ne peut pas être commandé avant l'arrivée en Belgique.")
        return self


def valider(situation: dict[str, Any] | Situation, date_reference: dt.date, aujourdhui: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    bareme = legislation.charger("parcours")
    if date_reference < bareme.couverture_debut:
        raise ErreurSituation([("date_reference", f"le kit ne couvre pas les règles antérieures au {date_fr(bareme.couverture_debut)}.")], LIBELLES)
    return valider_modele(Situation, situation, LIBELLES, contexte={"date_reference": date_reference, "aujourdhui": aujourdhui})


# --- L'évaluation ----------------------------------------------------------------------------

class _Evaluation:
    """Accumule la trace, les motifs et les avertissements pendant l'examen d'une situation."""

    def __init__(self, s: Situation, date_reference: dt.date):
        self.s, self.date = s, date_reference
        self.bareme = legislation.charger("parcours")
        self.trace: list[Etape] = []
        self.avertissements: list[str] = []
        self.hypotheses: list[str] = []

    def param(self, nom: str, date: dt.date | None = None) -> legislation.ValeurDatee:
        v = self.bareme.valeur(nom, date or self.date)
        if v is None:  # le kit ne connaît aucune valeur à cette date : il ne l'invente pas
            raise LookupError(nom)
        return v

    def avertir(self, texte: str) -> None:
        if texte not in self.avertissements:
            self.avertissements.append(texte)

    def etape(self, code: str, question: str, oui: bool, reference: str, reponse: str | None = None, decisive: bool = False) -> bool:
        self.trace.append(Etape(code, question, reponse or ("oui" if oui else "non"), reference, decisive))
        return oui


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date, aujourdhui: dt.date | None = None) -> Decision:
    """Décide, pour la situation et la date de référence, si le parcours est obligatoire."""
    s = valider(situation, date_reference, aujourdhui)
    ev = _Evaluation(s, date_reference)
    commune = data.trouver_commune(s.commune)
    statut, motifs = _statut(ev, commune)
    details = _details(ev, commune, statut)
    if ev.bareme.peut_etre_perime(date_reference):
        ev.avertir(f"Les règles du kit ont été revues le {date_fr(ev.bareme.derniere_revue)} ; pour une date postérieure au "
                   f"{date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")
    return Decision(
        statut=statut,
        libelle=LIBELLES_STATUT[statut],
        motifs=tuple(motifs),
        trace=tuple(ev.trace),
        date_reference=date_reference,
        avertissements=tuple(ev.avertissements),
        details=details,
    )


def _statut(ev: _Evaluation, commune: dict) -> tuple[str, list[Motif]]:
    s, date = ev.s, ev.date

    # 1. L'entité compétente, selon la commune de résidence.
    entite = entite_competente(commune)
    if ev.etape("entite", f"La commune ({commune['nom']}) relève-t-elle du parcours wallon (région de langue française) ?",
                entite is None, "CWASS, art. 150 et suivants ; ressort des CRI (art. 153/1 CWASS)",
                reponse="oui" if entite is None else "non", decisive=entite is not None) is False:
        return "autre_entite", [entite]

    # 2. Qui n'est pas primo-arrivant : chaque condition, dans l'ordre ; la première qui s'applique tranche.
    definition = ev.param("duree_sejour_primo_arrivant")
    if ev.etape("belge", "La personne est-elle de nationalité belge ?", s.nationalite == "BE", REF_DEFINITION,
                decisive=s.nationalite == "BE"):
        return "non_concerne", [Motif("belge", "Une personne de nationalité belge n'est pas une personne étrangère : le parcours ne la vise pas.", REF_DEFINITION)]

    ue = ev.bareme.valeur("pays_ue_plus", date)
    if s.nationalite == "GB" and ue.incertain:
        ev.avertir(ue.incertain)
    if ev.etape("citoyen_ue_plus", f"La personne est-elle citoyenne de l'UE, de l'EEE ou de la Suisse ({pays.nom(s.nationalite)}) ?",
                s.nationalite in ue.valeur, ue.source(), decisive=s.nationalite in ue.valeur):
        return "non_concerne", [Motif("citoyen_ue_plus", f"Les citoyens de l'Union européenne, de l'Espace économique européen et de la Suisse (nationalité déclarée : {pays.nom(s.nationalite)}) ne sont pas des primo-arrivants au sens du décret.", ue.source())]

    if ev.etape("membre_famille_ue_plus", "La personne est-elle membre de la famille d'un citoyen UE, EEE ou suisse ?",
                s.membre_famille_ue, REF_DEFINITION, decisive=s.membre_famille_ue):
        return "non_concerne", [Motif("membre_famille_ue_plus", "Les membres de la famille d'un citoyen de l'UE, de l'EEE ou de la Suisse sont exclus de la définition du primo-arrivant.", REF_DEFINITION)]

    duree_titre = ev.param("duree_titre_sejour")
    titre_long = s.titre_sejour_plus_3_mois
    if titre_long is None:
        titre_long = True
        ev.hypotheses.append(f"Titre de séjour de plus de {duree_titre.valeur} mois : non précisé, supposé acquis.")
    if ev.etape("titre_court", f"La personne a-t-elle un titre de séjour de plus de {duree_titre.valeur} mois ?", titre_long,
                duree_titre.source(), decisive=not titre_long) is False:
        return "non_concerne", [Motif("titre_court", f"Sans titre de séjour de plus de {duree_titre.valeur} mois (séjour court, demande de protection internationale en cours, séjour irrégulier...), la personne n'est pas primo-arrivante.", duree_titre.source())]

    limite = s.date_debut_sejour + relativedelta(years=definition.valeur)
    sejour_long = date >= limite
    annees = relativedelta(date, s.date_debut_sejour)
    if ev.etape("sejour_3_ans", f"La personne séjourne-t-elle en Belgique depuis moins de {definition.valeur} ans ?", not sejour_long,
                definition.source(), reponse=f"{'non' if sejour_long else 'oui'} ({_duree(annees)} au {date_fr(date)})", decisive=sejour_long) is False:
        return "non_concerne", [Motif("sejour_3_ans", f"Au {date_fr(date)}, la personne séjourne en Belgique depuis {_duree(annees)} : au-delà de {definition.valeur} ans, elle ne répond plus à la définition du primo-arrivant. Si elle y répondait auparavant et n'a pas terminé le parcours, le kit ne peut pas dire si l'obligation subsiste : interrogez le CRI.", definition.source())]

    debut = ev.param("debut_obligation")
    date_titre = s.date_titre_sejour
    if date_titre is None:
        date_titre = s.date_debut_sejour
        ev.hypotheses.append("Date de commande du titre de séjour : non précisée, remplacée par la date d'arrivée.")
    anterieur = date_titre < debut.valeur
    if ev.etape("titre_anterieur_obligation", f"Le titre de séjour a-t-il été commandé le {date_fr(debut.valeur)} ou après ?", not anterieur,
                debut.source(), decisive=anterieur) is False:
        return "non_concerne", [Motif("titre_anterieur_obligation", f"Le titre de séjour date du {date_fr(date_titre)}, avant le {date_fr(debut.valeur)}, date que le kit retient pour le début de l'obligation du parcours d'intégration. L'ancien parcours d'accueil (décret de 2014), dont le module d'accueil était déjà obligatoire, n'est pas couvert par le kit.", debut.source(), debut.incertain)]

    # 3. Primo-arrivant : les dispenses (toutes celles qui s'appliquent sont citées).
    dispenses = _dispenses(ev)
    if dispenses:
        return "dispense", dispenses
    return "obligatoire", [Motif("primo_arrivant", f"Personne étrangère hors UE+, titre de séjour de plus de {duree_titre.valeur} mois, en Belgique depuis moins de {definition.valeur} ans, domiciliée en Wallonie de langue française, sans dispense : c'est une primo-arrivante, obligée de suivre le parcours.", definition.source())]


def entite_competente(commune: dict) -> Motif | None:
    """Le motif « autre entité », ou ``None`` si la commune relève d'un CRI wallon."""
    if commune["cri"] == data.COMMUNAUTE_GERMANOPHONE:
        return Motif("communaute_germanophone", f"{commune['nom']} fait partie de la région de langue allemande : la Communauté germanophone organise son propre parcours d'intégration (Integrationsparcours), obligatoire pour les nouveaux arrivants majeurs hors UE inscrits depuis le 1er janvier 2018 (les ressortissants turcs en sont exemptés). S'adresser à Info-Integration.",
                     "Dekret der Deutschsprachigen Gemeinschaft vom 11. Dezember 2017 über Integration und das Zusammenleben in Vielfalt (MB 20.12.2017)")
    if commune["region"] == "Région de Bruxelles-Capitale":
        return Motif("region_bruxelles", f"{commune['nom']} est en Région de Bruxelles-Capitale, où s'applique un parcours d'accueil bruxellois distinct ; le kit n'en couvre pas les règles.",
                     "Règles bruxelloises du parcours d'accueil (non couvertes par le kit)")
    if commune["region"] == "Région flamande":
        return Motif("region_flamande", f"{commune['nom']} est en Région flamande, où s'applique le parcours d'intégration civique flamand (inburgering) ; le kit n'en couvre pas les règles.",
                     "Décret flamand relatif à l'intégration civique (non couvert par le kit)")
    return None


def _dispenses(ev: _Evaluation) -> list[Motif]:
    s, date = ev.s, ev.date
    motifs: list[Motif] = []

    def examiner(code: str, question: str, applicable: bool, texte: str, reference: str, reponse: str | None = None, incertain: str | None = None):
        """Une dispense : une étape de la trace et, si elle s'applique, un motif."""
        ev.etape(code, question, applicable, reference, reponse=reponse, decisive=applicable)
        if applicable:
            motifs.append(Motif(code, texte, reference, incertain))

    examiner("attestation", "La personne a-t-elle déjà une attestation de parcours (Wallonie ou autre communauté ou région) ?",
             s.attestation_autre_entite, "Une attestation de fréquentation du parcours, ou une attestation équivalente d'une autre communauté ou région, dispense de le refaire.", REF_DISPENSES)
    examiner("certificat_medical", "La personne présente-t-elle un certificat médical d'impossibilité (maladie grave ou handicap) ?",
             s.certificat_medical, "Un certificat médical attestant que la personne ne peut pas suivre le parcours (maladie grave, handicap) la dispense.", REF_DISPENSES)
    examiner("diplome_belge", "La personne a-t-elle un certificat ou un diplôme de l'enseignement belge ?",
             s.diplome_belge, "Un certificat ou un diplôme obtenu dans l'enseignement belge dispense du parcours.", REF_DISPENSES)

    age_min, age_max = ev.param("age_minimum"), ev.param("age_maximum")
    if s.date_naissance is None:
        ev.hypotheses.append(f"Date de naissance : non précisée ; la dispense d'âge (moins de {age_min.valeur} ans ou {age_max.valeur} ans et plus) n'a pas pu être examinée.")
        ev.etape("age", f"La personne a-t-elle moins de {age_min.valeur} ans ou {age_max.valeur} ans et plus ?", False, age_min.source(), reponse="inconnu (date de naissance non précisée)")
    else:
        age = relativedelta(date, s.date_naissance).years
        hors_ages = age < age_min.valeur or age >= age_max.valeur
        examiner("age", f"La personne a-t-elle moins de {age_min.valeur} ans ou {age_max.valeur} ans et plus ?", hors_ages,
                 f"À {age} ans au {date_fr(date)}, la personne est en dehors de la tranche d'âge visée ({age_min.valeur} à {age_max.valeur - 1} ans).",
                 age_min.source(), reponse=f"{'oui' if hors_ages else 'non'} ({age} ans)")

    emploi = ev.param("emploi_mois_minimum")
    travaille = s.mois_emploi_mi_temps > emploi.valeur
    examiner("emploi", f"La personne travaille-t-elle au moins à mi-temps depuis plus de {emploi.valeur} mois sans interruption ?", travaille,
             f"Un emploi au moins à mi-temps pendant une période continue de plus de {emploi.valeur} mois ({s.mois_emploi_mi_temps} mois déclarés) dispense de l'obligation.",
             emploi.source(), reponse=f"{'oui' if travaille else 'non'} ({s.mois_emploi_mi_temps} mois)")

    etudes = s.statut_etude is not None
    examiner("etudes", "La personne est-elle étudiante régulière ou d'échange, boursière de doctorat ou enseignante dans le supérieur (FWB) ?", etudes,
             f"Statut déclaré : {LIBELLES_ETUDE.get(s.statut_etude or '', '')}. Les étudiants réguliers et d'échange, les boursiers de doctorat et les enseignants d'un établissement d'enseignement supérieur reconnu par la Fédération Wallonie-Bruxelles sont dispensés.",
             REF_DISPENSES)

    standstill = ev.bareme.valeur("nationalites_standstill", date)
    ressortissant = s.nationalite in standstill.valeur
    examiner("standstill", f"La personne est-elle ressortissante d'un État lié à l'UE par un accord d'association avec clause de standstill ({pays.nom(s.nationalite)}) ?",
             ressortissant, f"Les ressortissants de {pays.nom(s.nationalite)} sont dispensés en vertu de la clause de standstill de l'accord d'association avec l'Union européenne.",
             standstill.source(), incertain=standstill.incertain,
             reponse="oui" if ressortissant else f"non (le kit ne connaît que : {', '.join(pays.nom(c) for c in standstill.valeur)})")

    protection = ev.bareme.valeur("protection_temporaire", date)
    if protection is None:
        ev.etape("protection_temporaire", "La personne bénéficie-t-elle de la protection temporaire ?", False,
                 "AGW du 29 septembre 2022", reponse="sans effet à cette date (dispense créée en 2022)")
    else:
        examiner("protection_temporaire", "La personne (ou un membre de sa famille) bénéficie-t-elle de la protection temporaire (Ukraine) ?",
                 s.protection_temporaire and bool(protection.valeur),
                 "Les bénéficiaires de la protection temporaire (personnes fuyant la guerre en Ukraine, carte A) et les membres de leur famille sont dispensés ; ils peuvent suivre le parcours volontairement.",
                 protection.source(), incertain=protection.incertain)
    return motifs


def _duree(delta: relativedelta) -> str:
    morceaux = []
    if delta.years:
        morceaux.append(f"{delta.years} an{'s' if delta.years > 1 else ''}")
    if delta.months:
        morceaux.append(f"{delta.months} mois")
    if not morceaux:
        morceaux.append(f"{delta.days} jour{'s' if delta.days > 1 else ''}")
    return " et ".join(morceaux)


def en_mois(mois: int) -> str:
    """Une durée telle que la loi l'écrit : « 18 mois », « 3 ans »."""
    return f"{mois // 12} ans" if mois % 12 == 0 and mois >= 24 else f"{mois} mois"


# --- Les détails : CRI, axes, échéances ------------------------------------------------------

def _details(ev: _Evaluation, commune: dict, statut: str) -> dict[str, Any]:
    date = ev.date
    details: dict[str, Any] = {
        "commune": {k: commune[k] for k in ("nis", "nom", "region", "province", "arrondissement")},
        "cri": None,
        "axes": [],
        "echeances": [],
        "hypotheses": ev.hypotheses,
    }
    if commune["cri"] in data.CRI_SIGLES:
        fiche = data.cri(commune["cri"]) or {}
        details["cri"] = {**fiche, "rattachement": commune["cri_confiance"]}
        if commune["cri_confiance"] != "confirmé":
            ev.avertir(f"Rattachement de {commune['nom']} au {commune['cri']} : {commune['cri_confiance']} (aucune liste officielle "
                       "des communes par CRI n'a été trouvée). Vérifiez auprès du CRI avant de l'indiquer à la personne.")
    if statut == "autre_entite":
        return details

    details["axes"] = _axes(ev.date, ev.bareme)
    if statut == "obligatoire":
        details["echeances"] = _echeances(ev)
    details["volontaire"] = (
        "Même sans obligation, la personne peut suivre le parcours volontairement et gratuitement, interprétariat compris : "
        "elle peut s'adresser au CRI de sa commune." if statut != "obligatoire" else
        "Le parcours est gratuit, interprétariat compris (SeTIS wallon)."
    )
    details["reference_volontaire"] = REF_VOLONTAIRE
    amende = ev.bareme.valeur("amende", date)
    if statut == "obligatoire" and amende:
        details["sanction"] = {"texte": f"Ne pas suivre le parcours expose à une {amende.valeur}.", "reference": amende.source(), "incertain": amende.incertain}
    return details


def axes(date: dt.date) -> list[dict[str, Any]]:
    """Les quatre axes du parcours tels que les règles en vigueur à ``date`` les décrivent."""
    return _axes(date, legislation.charger("parcours"))


def _axes(date: dt.date, bareme: legislation.Bareme) -> list[dict[str, Any]]:
    axes = [{
        "code": "accueil",
        "titre": "Module d'accueil au CRI",
        "contenu": "Bilan social individuel, information sur les droits et devoirs, test de français, aide aux démarches administratives ; signature d'une convention.",
        "caractere": "obligatoire",
        "heures": None, "periode_mois": None,
        "reference": "CWASS ; actionsociale.wallonie.be (axe 1 du parcours)",
        "incertain": None,
    }]

    def facultatif(nom):  # None si le kit ne connaît pas de valeur à cette date
        return bareme.valeur(nom, date)

    fr_h, fr_p = facultatif("heures_francais"), facultatif("periode_francais")
    axes.append({
        "code": "francais", "titre": "Formation à la langue française",
        "contenu": "Si le test du module d'accueil en montre le besoin.",
        "caractere": "si le besoin est constaté",
        "heures": fr_h.valeur if fr_h else None, "periode_mois": fr_p.valeur if fr_p else None,
        "reference": fr_h.source() if fr_h else "", "incertain": None,
    })
    ci_h, ci_p, ci_l = facultatif("heures_citoyennete"), facultatif("periode_citoyennete"), facultatif("citoyennete_langue_comprise")
    axes.append({
        "code": "citoyennete", "titre": "Formation à la citoyenneté",
        "contenu": "Découverte de la Belgique, de ses institutions, des droits et devoirs."
                   + (" Elle peut être suivie dans une langue que la personne comprend." if ci_l and ci_l.valeur else ""),
        "caractere": "obligatoire",
        "heures": ci_h.valeur if ci_h else None, "periode_mois": ci_p.valeur if ci_p else None,
        "reference": ci_h.source() if ci_h else "", "incertain": ci_l.incertain if ci_l and ci_l.valeur else None,
    })
    isp = facultatif("heures_orientation_isp")
    axes.append({
        "code": "isp", "titre": "Orientation socioprofessionnelle",
        "contenu": "Orientation vers l'insertion socioprofessionnelle adaptée (Forem, en lien avec le CRI).",
        "caractere": "si le besoin est constaté",
        "heures": isp.valeur if isp else None, "periode_mois": None,
        "reference": isp.source() if isp else "", "incertain": isp.incertain if isp else None,
    })
    return axes


def _echeances(ev: _Evaluation) -> list[Echeance]:
    s = ev.s
    depart = s.date_titre_sejour or s.date_debut_sejour
    bureau = ev.param("delai_bureau_accueil")
    evaluation = ev.param("intervalle_evaluation")
    delai = ev.param("delai_attestation", depart)  # la règle en vigueur à la commande du titre
    fin = depart + relativedelta(months=delai.valeur)
    echeances = [
        Echeance(depart, "Commande du titre de séjour à la commune : information sur le parcours et orientation vers le CRI.", REF_DEFINITION,
                 approximative=s.date_titre_sejour is None),
        Echeance(depart + relativedelta(months=bureau.valeur), f"Au plus tard : se présenter au bureau d'accueil du CRI ({bureau.valeur} mois après l'inscription ; compté ici depuis la commande du titre).",
                 bureau.source(), approximative=True),
    ]
    n = 1
    while (prochaine := depart + relativedelta(months=evaluation.valeur * n)) < fin:
        echeances.append(Echeance(prochaine, f"Entretien d'évaluation avec le CRI (au moins tous les {evaluation.valeur} mois).",
                                  evaluation.source(), approximative=True))
        n += 1
    echeances.append(Echeance(fin, f"Date limite pour obtenir l'attestation de fréquentation ({en_mois(delai.valeur)} après la commande du titre de séjour).",
                              delai.source(), incertain=delai.incertain))
    covid = dt.date(2020, 12, 10)
    if depart <= covid <= depart + relativedelta(months=delai.valeur):
        ev.avertir("Un arrêté du Gouvernement wallon du 10 décembre 2020 a prolongé de 12 mois les délais du parcours en raison de la crise du COVID-19 ; "
                   "le kit ne l'applique pas automatiquement : vérifiez auprès du CRI si la personne en bénéficie.")
    return echeances


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.parcours",
                        "Le parcours d'intégration est-il obligatoire pour cette personne ? Situation en JSON, décision en JSON.",
                        "fichier JSON de la situation", lambda situation, date: sortie_cli(evaluer(situation, date)))


def sortie_cli(decision: Decision) -> dict:
    """La décision pour la ligne de commande, avec les clés de premier niveau promises (statut, motifs, cri...)."""
    d = decision.en_dict()
    details = d.pop("details")
    cri = details.pop("cri")
    return {"statut": d["statut"], "libelle": d["libelle"], "motifs": d["motifs"], "cri": cri,
            "date_reference": d["date_reference"], **details, "trace": d["trace"], "avertissements": d["avertissements"]}


if __name__ == "__main__":
    sys.exit(main())
