"""Devenir belge par déclaration (Code de la nationalité belge, art. 12bis, § 1er, tel que réformé
par la loi du 4 décembre 2012) : quelles voies sont ouvertes, lesquelles s'ouvriront et quand ?

``evaluer(situation, date_reference)`` examine d'abord les conditions générales (âge, carte de
séjour illimité), puis CHACUNE des cinq voies de l'art. 12bis, § 1er :

- 1° née en Belgique et y séjournant légalement depuis sa naissance ;
- 2° 5 ans de séjour + langue + intégration sociale + participation économique ;
- 3° 5 ans de séjour + langue + intégration sociale + conjoint belge (3 ans de vie commune en
  Belgique) ou parent d'un enfant belge mineur ;
- 4° 5 ans de séjour + incapacité de travailler (âge de la pension, handicap ou invalidité) ;
- 5° 10 ans de séjour + langue + participation économique ou socioculturelle.

Chaque voie est ``ouverte`` (toutes les conditions remplies à la date de référence),
``pas_encore`` (il manque une durée, un âge ou une preuve que la personne peut encore réunir ; la
date la plus proche où les durées seront atteintes est donnée, avec les preuves qui restent à
apporter) ou ``fermee`` (la situation de la personne ne correspond pas à cette voie, ou sa carte
n'est pas un séjour illimité). Le statut de la ``Decision`` résume les cinq :

- ``voie_ouverte`` : au moins une voie est ouverte, la déclaration est possible ;
- ``voie_a_venir`` : aucune voie n'est ouverte, mais une voie s'ouvrira à une date connue, par le
  seul écoulement du temps (si la situation ne change pas) ;
- ``preuves_a_apporter`` : une voie reste possible, mais il manque des preuves (langue,
  intégration, travail) que le temps seul n'apporte pas ;
- ``aucune_voie`` : aucune voie en vue (par exemple une carte A ou H).

Chaque âge, durée, seuil et montant vient de ``parametres/nationalite.yaml``, lu à la date de
référence. La réforme fédérale annoncée en 2025 (1 000 €, niveau B1, test de citoyenneté) n'est
PAS appliquée : elle est seulement signalée comme incertaine.

En ligne de commande : ``python -m widgets.rules.nationalite situation.json --date 2026-11-30``.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets.rules import entrees, legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Echeance, Etape, Motif, date_fr
from widgets.rules.validation import (
    DateISO,
    ErreurChamp,
    ErreurSituation,
    valider_modele,
)

STATUTS = ("voie_ouverte", "voie_a_venir", "preuves_a_apporter", "aucune_voie")
STATUTS_VOIE = ("ouverte", "pas_encore", "fermee")
CARTES = ("A", "B", "C", "D", "E", "E+", "EU", "EU+", "F", "F+", "H", "K", "L", "aucune")
PREUVES_INTEGRATION = ("aucune", "diplome", "formation_400h", "parcours_integration", "travail_5_ans")
INCAPACITES = ("aucune", "age_pension", "handicap", "invalidite")

LIBELLES = {
    "date_naissance": "date de naissance",
    "ne_en_belgique": "née en Belgique",
    "carte": "carte de séjour actuelle (lettre : B, C, K, F+...)",
    "date_debut_sejour_legal": "début du séjour légal ininterrompu en Belgique",
    "langue_prouvee": "connaissance d'une langue nationale prouvée",
    "preuve_integration": "preuve d'intégration sociale",
    "jours_travail_salarie": "jours de travail salarié sur les 5 dernières années",
    "trimestres_independant": "trimestres d'indépendant sur les 5 dernières années",
    "conjoint_belge": "mariée ou en couple avec une personne belge",
    "date_debut_vie_commune": "début de la vie commune en Belgique avec le conjoint belge",
    "parent_enfant_belge_mineur": "parent d'un enfant belge mineur",
    "incapacite_travail": "incapacité de travailler (pension, handicap, invalidité)",
    "participation_socioculturelle": "participation socioculturelle prouvée",
    "date_reference": "date de référence",
}

LIBELLES_STATUT = {
    "voie_ouverte": "Au moins une voie est ouverte : la personne peut faire sa déclaration de nationalité",
    "voie_a_venir": "Aucune voie n'est encore ouverte, mais une voie s'ouvrira à une date connue",
    "preuves_a_apporter": "Aucune voie n'est ouverte : il manque des preuves que le temps seul n'apportera pas",
    "aucune_voie": "Aucune voie de déclaration n'est en vue pour l'instant",
}

LIBELLES_STATUT_VOIE = {"ouverte": "ouverte", "pas_encore": "pas encore", "fermee": "fermée"}

LIBELLES_CARTE = {
    "A": "carte A — séjour limité",
    "B": "carte B — séjour illimité",
    "C": "carte C — carte d'identité d'étranger (établissement)",
    "D": "carte D — résident de longue durée",
    "E": "carte E — citoyen de l'Union (ancien modèle)",
    "E+": "carte E+ — séjour permanent d'un citoyen de l'Union (ancien modèle)",
    "EU": "carte EU — citoyen de l'Union",
    "EU+": "carte EU+ — séjour permanent d'un citoyen de l'Union",
    "F": "carte F — membre de la famille d'un citoyen de l'Union",
    "F+": "carte F+ — séjour permanent d'un membre de la famille d'un citoyen de l'Union",
    "H": "carte H — carte bleue européenne",
    "K": "carte K — établissement (remplace la carte C)",
    "L": "carte L — résident de longue durée (remplace la carte D)",
    "aucune": "aucune carte (annexe, attestation d'immatriculation, séjour de 3 mois au plus...)",
}

LIBELLES_INTEGRATION = {
    "aucune": "aucune preuve pour l'instant",
    "diplome": "diplôme ou certificat au moins de l'enseignement secondaire supérieur (Communauté ou École royale militaire)",
    "formation_400h": "formation professionnelle d'au moins 400 heures",
    "parcours_integration": "parcours d'intégration (ou d'accueil) suivi, par exemple l'attestation wallonne",
    "travail_5_ans": "5 ans de travail ininterrompu",
}

LIBELLES_INCAPACITE = {
    "aucune": "aucune",
    "age_pension": "âge de la pension atteint",
    "handicap": "handicap d'au moins 66 % qui empêche de travailler",
    "invalidite": "invalidité d'au moins 66 % qui empêche de travailler",
}

TITRES_VOIES = {
    "1": "Née en Belgique, séjour légal depuis la naissance",
    "2": "5 ans de séjour, langue, intégration sociale, participation économique",
    "3": "5 ans de séjour, langue, intégration sociale, conjoint belge ou enfant belge mineur",
    "4": "5 ans de séjour et incapacité de travailler (pension, handicap, invalidité)",
    "5": "10 ans de séjour, langue, participation économique ou socioculturelle",
}

REF_ART = "Code de la nationalité belge, art. 12bis, § 1er"
URL_JUSTICE = "https://justice.belgium.be/fr/themes_et_dossiers/personnes_et_familles/nationalite/devenir_belge/declaration_dacquisition/declaration_de_nationalite"
REF_VOIES = f"{REF_ART} (loi du 4 décembre 2012) — {URL_JUSTICE}"
REF_ATTESTATION_WALLONNE = f"L'attestation du parcours d'intégration wallon compte comme preuve d'intégration sociale (« prévu par l'autorité compétente de sa résidence principale ») — {URL_JUSTICE}"


def _carte(v: Any) -> Any:
    if v is None:
        raise PydanticCustomError("kit", "ce champ est obligatoire : indiquez la lettre de la carte de séjour (ou « aucune »).")
    if not isinstance(v, str):
        raise PydanticCustomError("kit", "un texte est attendu : la lettre de la carte (B, C, K, F+...).")
    texte = v.strip()
    code = "aucune" if texte.lower() == "aucune" else texte.upper().replace(" ", "")
    if code not in CARTES:
        raise PydanticCustomError(
            "kit", "carte « {v} » non prise en charge par le kit ; cartes connues : {c}. Pour une autre carte (I, J, M, N...), renseignez-vous à la commune.",
            {"v": texte[:20], "c": ", ".join(CARTES)})
    return code


class Situation(BaseModel):
    """La situation d'une personne à la date de référence. La date de naissance et la carte sont
    obligatoires, le début du séjour aussi (sauf pour une personne née en Belgique) ; les autres
    champs absents valent « non », « aucune » ou 0."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date_naissance: DateISO
    ne_en_belgique: StrictBool = False
    carte: Annotated[str, BeforeValidator(_carte)]
    date_debut_sejour_legal: DateISO = None
    langue_prouvee: StrictBool = False
    preuve_integration: Literal[PREUVES_INTEGRATION] = "aucune"  # type: ignore[valid-type]
    jours_travail_salarie: Annotated[StrictInt, Field(le=1827)] = 0
    trimestres_independant: Annotated[StrictInt, Field(le=20)] = 0
    conjoint_belge: StrictBool = False
    date_debut_vie_commune: DateISO = None
    parent_enfant_belge_mineur: StrictBool = False
    incapacite_travail: Literal[INCAPACITES] = "aucune"  # type: ignore[valid-type]
    participation_socioculturelle: StrictBool = False

    @field_validator("date_naissance")
    @classmethod
    def _naissance_requise(cls, v):
        if v is None:
            raise PydanticCustomError("kit", "ce champ est obligatoire (l'âge de 18 ans en dépend).")
        return v

    @field_validator("date_naissance", "date_debut_sejour_legal", "date_debut_vie_commune")
    @classmethod
    def _pas_dans_le_futur(cls, v: dt.date | None, info: ValidationInfo):
        return entrees.date_passee(v, info)

    @field_validator("jours_travail_salarie", "trimestres_independant")
    @classmethod
    def _pas_negatif(cls, v: int):
        if v < 0:
            raise PydanticCustomError("kit", "la valeur ne peut pas être négative (reçu : {v}) ; indiquez 0 si la personne n'a pas travaillé.", {"v": v})
        return v

    @model_validator(mode="after")
    def _coherence(self):
        if self.date_debut_sejour_legal is None and not self.ne_en_belgique:
            raise ErreurChamp("date_debut_sejour_legal", "ce champ est obligatoire (sauf pour une personne née en Belgique) : les durées de 5 et 10 ans se comptent à partir de cette date.")
        for champ in ("date_debut_sejour_legal", "date_debut_vie_commune"):
            d = getattr(self, champ)
            if d and d < self.date_naissance:
                raise ErreurChamp(champ, "cette date précède la date de naissance.")
        if self.date_debut_vie_commune and not self.conjoint_belge:
            raise ErreurChamp("date_debut_vie_commune", "une date de vie commune est indiquée, mais pas de conjoint belge : cochez « mariée ou en couple avec une personne belge » ou videz ce champ.")
        if self.conjoint_belge and self.date_debut_vie_commune is None:
            raise ErreurChamp("date_debut_vie_commune", "indiquez depuis quand le couple vit ensemble en Belgique (la voie 3° demande 3 ans de vie commune).")
        return self


def valider(situation: dict[str, Any] | Situation, date_reference: dt.date, aujourdhui: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    bareme = legislation.charger("nationalite")
    if date_reference < bareme.couverture_debut:
        raise ErreurSituation([("date_reference", f"le kit ne couvre que les règles en vigueur depuis le {date_fr(bareme.couverture_debut)} (réforme du Code de la nationalité par la loi du 4 décembre 2012).")], LIBELLES)
    return valider_modele(Situation, situation, LIBELLES, contexte={"date_reference": date_reference, "aujourdhui": aujourdhui})


class _Evaluation:
    """Lit les paramètres à la date de référence et note ceux qui servent (pour les afficher)."""

    def __init__(self, date_reference: dt.date):
        self.date = date_reference
        self.bareme = legislation.charger("nationalite")
        self.avertissements: list[str] = []
        self.utilises: dict[str, dict[str, Any]] = {}

    def param(self, nom: str, signaler: bool = True) -> legislation.ValeurDatee:
        v = self.bareme.valeur(nom, self.date)
        if v is None:
            raise LookupError(f"parametres/nationalite.yaml : aucune valeur de « {nom} » au {self.date}")
        p = self.bareme.parametres[nom]
        self.utilises.setdefault(nom, {"nom": nom, "description": p.description, "valeur": v.valeur, "unite": p.unite,
                                       "depuis": v.depuis, "reference": v.source(), "incertain": v.incertain})
        if signaler and v.incertain and v.incertain not in self.avertissements:
            self.avertissements.append(v.incertain)
        return v


def _condition(code: str, texte: str, remplie: bool, reference: str, date: dt.date | None = None,
               temporelle: bool = False, fermante: bool = False, incertain: str | None = None) -> dict[str, Any]:
    """Une condition d'une voie. ``temporelle`` : le temps suffit à la remplir (à ``date``) ;
    ``fermante`` : non remplie, elle ferme la voie ; sinon c'est une preuve à apporter."""
    return {"code": code, "texte": texte, "remplie": remplie, "reference": reference, "date": date,
            "temporelle": temporelle, "fermante": fermante, "incertain": incertain}


def _plus(d: dt.date, annees: int) -> dt.date:
    return d + relativedelta(years=annees)


def _voie(numero: str, conditions: list[dict[str, Any]], date_reference: dt.date) -> dict[str, Any]:
    manques = [c for c in conditions if not c["remplie"]]
    fermantes = [c for c in manques if c["fermante"]]
    if fermantes:
        statut, possible, reserve = "fermee", None, []
    elif not manques:
        statut, possible, reserve = "ouverte", date_reference, []
    else:
        statut = "pas_encore"
        dates = [c["date"] for c in manques if c["temporelle"]]
        possible = max([date_reference, *dates])
        reserve = [c["texte"] for c in manques if not c["temporelle"]]
    return {"numero": numero, "titre": TITRES_VOIES[numero], "statut": statut, "libelle_statut": LIBELLES_STATUT_VOIE[statut],
            "conditions": conditions, "manques": [c["texte"] for c in manques], "possible_a_partir_du": possible,
            "sous_reserve": reserve, "date_ferme": statut == "pas_encore" and not reserve, "reference": REF_VOIES}


def _resume_voie(v: dict[str, Any]) -> str:
    if v["statut"] == "ouverte":
        return "ouverte : toutes les conditions sont remplies"
    if v["statut"] == "fermee":
        return "fermée : " + " ; ".join(c["texte"] for c in v["conditions"] if not c["remplie"] and c["fermante"])
    quand = f"au plus tôt le {date_fr(v['possible_a_partir_du'])}"
    if v["sous_reserve"]:
        return f"pas encore ({quand}) ; manque : " + " ; ".join(v["manques"])
    return f"pas encore : possible à partir du {date_fr(v['possible_a_partir_du'])} ; " + " ; ".join(v["manques"])


def _resume_court(v: dict[str, Any]) -> str:
    if v["statut"] == "ouverte":
        return "ouverte"
    if v["date_ferme"]:
        return f"possible à partir du {date_fr(v['possible_a_partir_du'])}"
    return f"au plus tôt le {date_fr(v['possible_a_partir_du'])}, à condition d'apporter : {' ; '.join(v['sous_reserve'])}"


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None, aujourdhui: dt.date | None = None) -> Decision:
    """Les cinq voies de la déclaration de nationalité, pour cette personne, à cette date."""
    date_reference = date_reference or dt.date.today()
    s = valider(situation, date_reference, aujourdhui)
    ev = _Evaluation(date_reference)
    ref = date_reference
    trace: list[Etape] = []
    hypotheses: list[str] = []
    echeances: list[Echeance] = []

    # --- Les paramètres en vigueur à la date de référence ----------------------------------
    age = ev.param("age_minimum")
    admises = ev.param("cartes_admises", signaler=s.carte in ("EU", "EU+", "K", "L"))
    non_admises = ev.param("cartes_non_admises")
    titres = ev.param("duree_titres_anterieurs")
    cinq = ev.param("duree_sejour_5_ans")
    dix = ev.param("duree_sejour_10_ans")
    vie_commune = ev.param("duree_vie_commune")
    jours = ev.param("jours_travail_salarie")
    trimestres = ev.param("trimestres_independant")
    periode = ev.param("periode_participation_economique")
    heures = ev.param("heures_formation")
    annees_travail = ev.param("annees_travail_integration")
    taux = ev.param("taux_invalidite")
    langue = ev.param("niveau_langue", signaler=False)
    droit = ev.param("droit_enregistrement")
    parquet = ev.param("delai_avis_parquet", signaler=False)
    reforme = ev.bareme.valeur("reforme_annoncee", ref)

    # --- 1. Conditions générales : âge, puis carte de séjour --------------------------------
    majeur_le = _plus(s.date_naissance, age.valeur)
    majeur = majeur_le <= ref
    etape_age = Etape("age", f"La personne a-t-elle {age.valeur} ans à la date de référence ?",
                      f"{'oui' if majeur else 'non'} ({age.valeur} ans le {date_fr(majeur_le)})", age.source())
    carte_ok = s.carte in admises.valeur
    if carte_ok:
        rep_carte = f"oui ({LIBELLES_CARTE[s.carte]})"
    elif s.carte in non_admises.valeur:
        rep_carte = f"non ({LIBELLES_CARTE[s.carte]} : séjour limité)"
    else:
        rep_carte = f"non ({LIBELLES_CARTE[s.carte]})"
    etape_carte = Etape("carte", f"La carte de séjour atteste-t-elle un séjour illimité (cartes {', '.join(admises.valeur)}) ?", rep_carte, admises.source())

    debut = s.date_debut_sejour_legal or s.date_naissance  # né en Belgique sans date : depuis la naissance
    if s.date_debut_sejour_legal is None:
        hypotheses.append(f"Début du séjour légal non précisé : le kit suppose un séjour légal ininterrompu depuis la naissance ({date_fr(s.date_naissance)}).")
    hypotheses.append(f"Le kit suppose que le séjour légal est ininterrompu depuis le {date_fr(debut)}, couvert par des titres de séjour de plus de {titres.valeur} mois, "
                      "et qu'il le restera : une interruption (carte expirée non renouvelée, radiation) fait repartir le compte.")

    cond_age = _condition("age", f"avoir {age.valeur} ans ({date_fr(majeur_le)})", majeur, age.source(), majeur_le, temporelle=True)
    cond_carte = _condition("carte", f"avoir une carte de séjour illimité au moment de la déclaration ({', '.join(admises.valeur)}) : "
                            f"la personne a une {LIBELLES_CARTE[s.carte]}", carte_ok, admises.source(), fermante=True)

    cinq_le, dix_le = _plus(debut, cinq.valeur), _plus(debut, dix.valeur)

    def cond_sejour(annees: legislation.ValeurDatee, le: dt.date) -> dict[str, Any]:
        return _condition(f"sejour_{annees.valeur}_ans", f"{annees.valeur} ans de séjour légal ininterrompu (le {date_fr(le)})", le <= ref, annees.source(), le, temporelle=True)

    cond_langue = _condition("langue", f"prouver la connaissance d'une des trois langues nationales (niveau {langue.valeur})", s.langue_prouvee, langue.source(),
                             incertain=langue.incertain)
    integration_ok = s.preuve_integration != "aucune"
    ref_integration = heures.source() if s.preuve_integration == "formation_400h" else annees_travail.source() if s.preuve_integration == "travail_5_ans" else (
        REF_ATTESTATION_WALLONNE if s.preuve_integration == "parcours_integration" else REF_VOIES)
    cond_integration = _condition(
        "integration", ("intégration sociale prouvée : " + LIBELLES_INTEGRATION[s.preuve_integration]) if integration_ok else
        f"prouver l'intégration sociale (diplôme du secondaire supérieur, formation de {heures.valeur} h, parcours d'intégration ou {annees_travail.valeur} ans de travail ininterrompu)",
        integration_ok, ref_integration)
    eco_ok = s.jours_travail_salarie >= jours.valeur or s.trimestres_independant >= trimestres.valeur
    if eco_ok:
        texte_eco = (f"participation économique : {s.jours_travail_salarie} jours de travail salarié (au moins {jours.valeur})" if s.jours_travail_salarie >= jours.valeur
                     else f"participation économique : {s.trimestres_independant} trimestres d'indépendant (au moins {trimestres.valeur})")
    else:
        texte_eco = (f"prouver la participation économique : {jours.valeur} jours de travail salarié ou {trimestres.valeur} trimestres d'indépendant sur les "
                     f"{periode.valeur} dernières années (la personne a {s.jours_travail_salarie} jours, il en manque {jours.valeur - s.jours_travail_salarie} ; "
                     f"{s.trimestres_independant} trimestres d'indépendant)")
        if s.jours_travail_salarie and s.trimestres_independant:
            hypotheses.append("Le kit ne cumule pas les jours de salarié et les trimestres d'indépendant : pour un parcours mixte, renseignez-vous à la commune.")
    cond_eco = _condition("participation_economique", texte_eco, eco_ok, f"{jours.source()} ; {trimestres.source()}")
    if s.jours_travail_salarie or s.trimestres_independant:
        hypotheses.append(f"Les jours et trimestres indiqués sont supposés compris dans les {periode.valeur} années qui précèdent la déclaration : "
                          "en attendant, des périodes anciennes peuvent sortir de cette fenêtre.")

    # --- 2. Les cinq voies -----------------------------------------------------------------
    depuis_naissance = s.ne_en_belgique and debut <= s.date_naissance
    if not s.ne_en_belgique:
        texte_1 = "être née en Belgique : la personne n'y est pas née"
    elif not depuis_naissance:
        texte_1 = f"séjourner légalement en Belgique depuis la naissance : le séjour légal commence le {date_fr(debut)}, après la naissance"
    else:
        texte_1 = "née en Belgique, séjour légal depuis la naissance"
    voie1 = [cond_age, cond_carte, _condition("ne_en_belgique", texte_1, depuis_naissance, REF_VOIES, fermante=True)]

    voie2 = [cond_age, cond_carte, cond_sejour(cinq, cinq_le), cond_langue, cond_integration, cond_eco]

    liens: list[dict[str, Any]] = []
    if s.conjoint_belge:
        vc_le = _plus(s.date_debut_vie_commune, vie_commune.valeur)
        liens.append(_condition("vie_commune", f"{vie_commune.valeur} ans de vie commune en Belgique avec le conjoint belge (le {date_fr(vc_le)})",
                                vc_le <= ref, vie_commune.source(), vc_le, temporelle=True))
    if s.parent_enfant_belge_mineur:
        liens.append(_condition("enfant_belge", "parent d'un enfant belge mineur", True, REF_VOIES))
        hypotheses.append("L'enfant belge doit encore être mineur au moment de la déclaration : vérifiez sa date de naissance.")
    if not liens:
        lien = _condition("lien_belge", "avoir un conjoint belge (3 ans de vie commune en Belgique) ou être parent d'un enfant belge mineur : ce n'est pas le cas",
                          False, REF_VOIES, fermante=True)
    else:
        lien = min(liens, key=lambda c: (not c["remplie"], c["date"] or ref))  # le lien rempli, sinon le plus proche
    voie3 = [cond_age, cond_carte, cond_sejour(cinq, cinq_le), cond_langue, cond_integration, lien]

    if s.incapacite_travail == "aucune":
        cond_incap = _condition("incapacite", f"ne pas pouvoir travailler (âge de la pension, handicap ou invalidité d'au moins {taux.valeur} %) : ce n'est pas le cas",
                                False, taux.source(), fermante=True)
    else:
        texte_incap = LIBELLES_INCAPACITE[s.incapacite_travail].replace("66", str(taux.valeur))
        cond_incap = _condition("incapacite", f"incapacité de travailler : {texte_incap}", True, taux.source())
    voie4 = [cond_age, cond_carte, cond_sejour(cinq, cinq_le), cond_incap]

    participation_ok = s.participation_socioculturelle or eco_ok
    texte_part = ("participation à la vie de la communauté d'accueil : " + ("socioculturelle prouvée" if s.participation_socioculturelle else "économique (travail)")) if participation_ok else (
        "prouver sa participation économique ou socioculturelle à la vie de la communauté d'accueil")
    voie5 = [cond_age, cond_carte, cond_sejour(dix, dix_le), cond_langue, _condition("participation", texte_part, participation_ok, REF_VOIES)]
    if carte_ok and not participation_ok:
        hypotheses.append(f"Voie 5° : sans participation socioculturelle indiquée, le kit ne tient pour prouvée que la participation économique qui atteint les seuils de la voie 2° "
                          f"({jours.valeur} jours ou {trimestres.valeur} trimestres) ; un travail en dessous de ces seuils peut suffire : à apprécier par la commune et le parquet.")

    voies = [_voie(n, c, ref) for n, c in (("1", voie1), ("2", voie2), ("3", voie3), ("4", voie4), ("5", voie5))]

    # --- 3. Le statut d'ensemble -----------------------------------------------------------
    ouvertes = [v for v in voies if v["statut"] == "ouverte"]
    datees = sorted((v for v in voies if v["date_ferme"]), key=lambda v: v["possible_a_partir_du"])
    a_completer = [v for v in voies if v["statut"] == "pas_encore" and v["sous_reserve"]]
    motifs: list[Motif] = []
    details_si: dict[str, Any] | None = None
    if ouvertes:
        statut, libelle, decisives = "voie_ouverte", LIBELLES_STATUT["voie_ouverte"], {v["numero"] for v in ouvertes}
        for v in ouvertes:
            motifs.append(Motif(f"voie_{v['numero']}", f"Voie {v['numero']}° ({v['titre']}) : toutes les conditions sont remplies au {date_fr(ref)}.",
                                f"{REF_ART}, {v['numero']}° — {URL_JUSTICE}", cond_langue["incertain"] if any(c["code"] == "langue" for c in v["conditions"]) else None))
    elif datees:
        premiere = datees[0]
        quand = premiere["possible_a_partir_du"]
        statut, libelle = "voie_a_venir", f"Aucune voie n'est encore ouverte : une déclaration sera possible à partir du {date_fr(quand)}"
        decisives = {v["numero"] for v in datees if v["possible_a_partir_du"] == quand}
        for v in datees:
            attente = " ; ".join(v["manques"])
            motifs.append(Motif(f"voie_{v['numero']}", f"Voie {v['numero']}° ({v['titre']}) : possible à partir du {date_fr(v['possible_a_partir_du'])}, "
                                f"si la situation ne change pas. Reste à atteindre : {attente}.", f"{REF_ART}, {v['numero']}° — {URL_JUSTICE}"))
    elif a_completer:
        statut, libelle, decisives = "preuves_a_apporter", LIBELLES_STATUT["preuves_a_apporter"], {v["numero"] for v in a_completer}
        for v in a_completer:
            motifs.append(Motif(f"voie_{v['numero']}", f"Voie {v['numero']}° ({v['titre']}) : au plus tôt le {date_fr(v['possible_a_partir_du'])}, "
                                f"à condition d'apporter : {' ; '.join(v['sous_reserve'])}.", f"{REF_ART}, {v['numero']}° — {URL_JUSTICE}"))
    else:
        statut, libelle, decisives = "aucune_voie", LIBELLES_STATUT["aucune_voie"], set()
        if not carte_ok:
            motifs.append(Motif("carte", f"La déclaration demande un séjour illimité au moment où on la fait (cartes {', '.join(admises.valeur)}). "
                                f"Avec une {LIBELLES_CARTE[s.carte]}, aucune voie n'est ouverte : il faut d'abord obtenir un séjour illimité. "
                                "Les années passées sous cette carte peuvent compter ensuite, si elles sont couvertes par des titres de plus de "
                                f"{titres.valeur} mois sans interruption.", admises.source(), admises.incertain if s.carte in ("EU", "EU+", "K", "L") else None))
            # Pour préparer la suite : ce que donneraient les mêmes faits avec un séjour illimité.
            simule = evaluer(s.model_copy(update={"carte": "B"}), ref, aujourdhui)
            resume = " ; ".join(f"voie {v['numero']}° {_resume_court(v)}" for v in simule.details["voies"] if v["statut"] != "fermee") or "aucune voie non plus"
            details_si = {"statut": simule.statut, "libelle": simule.libelle, "date_la_plus_proche": simule.details["date_la_plus_proche"]}
            motifs.append(Motif("si_sejour_illimite", f"Avec les mêmes faits et un séjour illimité (par exemple une carte B), le kit trouverait : {resume}. "
                                "Ce n'est qu'une indication pour préparer la suite, pas un droit.", REF_VOIES))
        else:
            motifs.append(Motif("aucune_voie", "Aucune des cinq voies ne correspond à la situation décrite. La naturalisation, devenue exceptionnelle, n'est pas traitée par le kit.", REF_VOIES))

    # --- 4. La trace : conditions générales, puis chaque voie --------------------------------
    trace.append(Etape(etape_age.code, etape_age.question, etape_age.reponse, etape_age.reference))
    trace.append(Etape(etape_carte.code, etape_carte.question, etape_carte.reponse, etape_carte.reference, decisive=statut == "aucune_voie" and not carte_ok))
    for v in voies:
        trace.append(Etape(f"voie_{v['numero']}", f"Voie {v['numero']}° — {v['titre']} : la déclaration est-elle possible ?", _resume_voie(v),
                           f"{REF_ART}, {v['numero']}°", decisive=v["numero"] in decisives))

    # --- 5. Le calendrier ------------------------------------------------------------------
    if carte_ok:
        if majeur_le > ref:
            echeances.append(Echeance(majeur_le, f"{age.valeur} ans : condition d'âge remplie.", age.source()))
        echeances.append(Echeance(cinq_le, f"{cinq.valeur} ans de séjour légal ininterrompu (voies 2°, 3° et 4°).", cinq.source()))
        echeances.append(Echeance(dix_le, f"{dix.valeur} ans de séjour légal ininterrompu (voie 5°).", dix.source()))
        if s.conjoint_belge:
            vc_le = _plus(s.date_debut_vie_commune, vie_commune.valeur)
            echeances.append(Echeance(vc_le, f"{vie_commune.valeur} ans de vie commune en Belgique avec le conjoint belge (voie 3°).", vie_commune.source()))
        for v in voies:
            if v["statut"] == "pas_encore" and v["possible_a_partir_du"] > ref:
                suffixe = "" if v["date_ferme"] else " (si les preuves manquantes sont réunies)"
                echeances.append(Echeance(v["possible_a_partir_du"], f"Voie {v['numero']}° : déclaration possible{suffixe}.", f"{REF_ART}, {v['numero']}°"))
    echeances.sort(key=lambda e: e.date)

    # --- 6. Avertissements et détails ------------------------------------------------------
    if reforme is not None:
        ev.utilises["reforme_annoncee"] = {"nom": "reforme_annoncee", "description": ev.bareme.parametres["reforme_annoncee"].description,
                                           "valeur": reforme.valeur, "unite": "description", "depuis": reforme.depuis,
                                           "reference": reforme.source(), "incertain": reforme.incertain}
        r = reforme.valeur
        montant = f"{r['droit_enregistrement']:,}".replace(",", " ")
        ev.avertissements.append(f"Réforme fédérale annoncée (accord « Arizona », 2025 : droit de {montant} €, niveau {r['niveau_langue']}"
                                 f"{', test de citoyenneté' if r.get('test_citoyennete') else ''}), non appliquée par le kit. {reforme.incertain}")
    if ev.bareme.peut_etre_perime(ref):
        ev.avertissements.append(f"Les règles du kit ont été revues le {date_fr(ev.bareme.derniere_revue)} ; après le {date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")

    details: dict[str, Any] = {
        "voies": voies,
        "si_sejour_illimite": details_si,
        "conditions_generales": {"age": {"remplie": majeur, "date": majeur_le, "reference": age.source()},
                                 "carte": {"remplie": carte_ok, "carte": s.carte, "libelle": LIBELLES_CARTE[s.carte], "reference": admises.source()}},
        "date_la_plus_proche": ref if ouvertes else (datees[0]["possible_a_partir_du"] if datees else None),
        "echeances": echeances,
        "hypotheses": hypotheses,
        "parametres": list(ev.utilises.values()),
        "demarche": [
            {"texte": "La déclaration se fait auprès de l'officier de l'état civil de la commune de résidence principale, avec les preuves de chaque condition.", "reference": f"{REF_ART} ; https://www.jeminforme.be/je-suis-majeur-e-etranger-ere-je-vis-en-belgique-depuis-10-ans/", "incertain": None},
            {"texte": f"Droit d'enregistrement : {droit.valeur} € (en vigueur depuis le {date_fr(droit.depuis)}) ; la commune peut y ajouter une taxe communale.", "reference": droit.source(), "incertain": droit.incertain},
            {"texte": f"L'officier de l'état civil transmet le dossier au parquet (procureur du Roi), qui rend un avis ; délai souvent cité : {parquet.valeur} mois.", "reference": parquet.source(), "incertain": parquet.incertain},
        ],
    }
    return Decision(statut=statut, libelle=libelle, motifs=tuple(motifs), trace=tuple(trace), date_reference=ref,
                    avertissements=tuple(ev.avertissements), details=details)


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.nationalite",
                        "Quelles voies de déclaration de nationalité belge sont ouvertes ? Situation en JSON, décision en JSON ; --date = date de référence.",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
