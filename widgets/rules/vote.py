"""Le droit de vote d'une personne étrangère aux élections communales : peut-elle voter, que
doit-elle faire et avant quand ?

``evaluer(situation, election, aujourdhui)`` rend une ``Decision`` dont le statut est l'un de :

- ``belge`` : électeur belge, inscrit d'office (aucune démarche) ;
- ``inscrit`` : déjà inscrit comme électeur et conditions remplies : il vote (obligatoirement en
  Wallonie et à Bruxelles) ;
- ``peut_demander`` : toutes les conditions seront remplies : la demande d'inscription est à faire
  avant la date limite (ou à partir d'une date, quand les 5 ans de séjour ne sont pas encore
  atteints) ;
- ``trop_tard`` : conditions remplies mais la date limite de la demande est passée ;
- ``non_remplies`` : au moins une condition manque pour cette élection (chacune est citée, avec la
  date à laquelle elle le sera quand on peut la calculer) ;
- ``exclu`` : privé ou suspendu de ses droits politiques.

``election`` est le jour d'une élection connue de ``parametres/vote.yaml`` (ou ``None`` : la
prochaine après ``aujourdhui``). Chaque âge, durée et date vient de ce fichier, avec sa référence.

En ligne de commande : ``python -m widgets.rules.vote situation.json --date 2024-06-01`` (la date
est « aujourd'hui » ; l'élection est la prochaine, ou celle de ``"election"`` dans le JSON).
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

STATUTS = ("belge", "inscrit", "peut_demander", "trop_tard", "non_remplies", "exclu")
REGISTRES = ("population", "etrangers", "attente", "aucun")

LIBELLES = {
    "nationalite": "nationalité (code ISO à deux lettres, ex. MA)",
    "date_naissance": "date de naissance",
    "commune": "commune de résidence (nom ou code INS)",
    "registre": "registre où la personne est inscrite à la commune",
    "date_inscription_registre": "date d'inscription au registre de la commune",
    "date_debut_sejour_legal": "début du séjour légal ininterrompu en Belgique",
    "deja_inscrit_electeur": "déjà inscrit comme électeur pour une élection communale précédente",
    "prive_droits_politiques": "privé ou suspendu de ses droits politiques (décision de justice)",
    "election": "élection communale",
}

LIBELLES_STATUT = {
    "belge": "Électeur belge : inscrit d'office",
    "inscrit": "La personne est inscrite comme électrice : elle vote à cette élection",
    "peut_demander": "La personne peut demander son inscription comme électrice",
    "trop_tard": "Trop tard pour cette élection : la date limite de la demande est passée",
    "non_remplies": "La personne ne remplit pas encore toutes les conditions pour cette élection",
    "exclu": "La personne ne peut pas voter : elle est privée de ses droits politiques",
}

LIBELLES_REGISTRE = {
    "population": "registre de la population",
    "etrangers": "registre des étrangers",
    "attente": "registre d'attente (demande de protection internationale en cours)",
    "aucun": "aucun registre (pas de domicile inscrit en Belgique)",
}

SITE_INSCRIPTION = "www.inscription.elections.fgov.be"
REF_CONDITIONS = "Conditions de l'électorat communal des personnes étrangères — https://www.walcourt.be/election13-octobre-2024-qui-peut-voter/ ; https://ceraic.be/elections2024"
REF_PROVINCIALES = "Les élections provinciales sont réservées aux Belges — https://www.walcourt.be/election13-octobre-2024-qui-peut-voter/"


class Situation(BaseModel):
    """La situation d'une personne le jour où l'on se pose la question."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nationalite: Annotated[str, Field(min_length=1, max_length=40)]
    date_naissance: DateISO
    commune: Annotated[str, Field(min_length=1, max_length=80)] | StrictInt
    registre: Literal[REGISTRES] = "etrangers"  # type: ignore[valid-type]
    date_inscription_registre: DateISO = None
    date_debut_sejour_legal: DateISO = None
    deja_inscrit_electeur: StrictBool = False
    prive_droits_politiques: StrictBool = False
    election: DateISO = None

    @field_validator("nationalite")
    @classmethod
    def _nationalite(cls, v: str) -> str:
        return entrees.code_pays(v)

    @field_validator("date_naissance")
    @classmethod
    def _naissance_requise(cls, v):
        if v is None:
            raise PydanticCustomError("kit", "ce champ est obligatoire (l'âge le jour de l'élection en dépend).")
        return v

    @field_validator("date_naissance", "date_inscription_registre", "date_debut_sejour_legal")
    @classmethod
    def _pas_dans_le_futur(cls, v: dt.date | None, info: ValidationInfo):
        return entrees.date_passee(v, info)

    @field_validator("commune")
    @classmethod
    def _commune(cls, v):
        return entrees.commune_connue(v)

    @model_validator(mode="after")
    def _coherence(self):
        for champ in ("date_inscription_registre", "date_debut_sejour_legal"):
            d = getattr(self, champ)
            if d and self.date_naissance and d < self.date_naissance:
                raise ErreurChamp(champ, "cette date précède la date de naissance.")
        return self


def elections() -> list[dict[str, Any]]:
    """Les élections communales connues du kit, dans l'ordre : jour, dates limites, source."""
    bareme = legislation.charger("vote")
    return [{**v.valeur, "reference": v.source(), "incertain": v.incertain} for v in bareme.parametres["election_communale"].valeurs]


def election_suivante(aujourdhui: dt.date) -> dict[str, Any] | None:
    """La prochaine élection à ``aujourdhui`` (le jour même compris), ou ``None`` si le kit n'en connaît pas."""
    return next((e for e in elections() if e["jour"] >= aujourdhui), None)


def valider(situation: dict[str, Any] | Situation, aujourdhui: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    return valider_modele(Situation, situation, LIBELLES, contexte={"aujourdhui": aujourdhui or dt.date.today()})


def _choisir_election(s: Situation, election: dt.date | None, aujourdhui: dt.date) -> dict[str, Any]:
    jour = election or s.election
    connues = elections()
    if jour is None:
        choisie = election_suivante(aujourdhui)
        if choisie is None:
            raise ErreurSituation([("election", f"le kit ne connaît aucune élection communale après le {date_fr(aujourdhui)} : ses paramètres sont à mettre à jour.")], LIBELLES)
        return choisie
    choisie = next((e for e in connues if e["jour"] == jour), None)
    if choisie is None:
        dates = ", ".join(date_fr(e["jour"]) for e in connues)
        raise ErreurSituation([("election", f"le kit ne connaît pas d'élection communale le {date_fr(jour)} (élections connues : {dates}).")], LIBELLES)
    return choisie


def evaluer(situation: dict[str, Any] | Situation, election: dt.date | None = None, aujourdhui: dt.date | None = None) -> Decision:
    """Peut-elle voter à cette élection communale, et que doit-elle faire avant quand ?"""
    aujourdhui = aujourdhui or dt.date.today()
    s = valider(situation, aujourdhui)
    e = _choisir_election(s, election, aujourdhui)
    jour, limite, registres = e["jour"], e["limite_demande"], e["registres"]
    bareme = legislation.charger("vote")
    commune = data.trouver_commune(s.commune)
    trace: list[Etape] = []
    avertissements: list[str] = []
    if e["incertain"]:
        avertissements.append(e["incertain"])

    def param(nom: str, date: dt.date = jour) -> legislation.ValeurDatee:
        v = bareme.valeur(nom, date)
        if v is None:
            raise LookupError(nom)
        if v.incertain and v.incertain not in avertissements and nom not in ("pays_ue", "vote_obligatoire"):
            avertissements.append(v.incertain)
        return v

    def etape(code, question, oui, reference, reponse=None, decisive=False):
        trace.append(Etape(code, question, reponse or ("oui" if oui else "non"), reference, decisive))
        return oui

    echeances: list[Echeance] = []
    details: dict[str, Any] = {
        "election": {"jour": jour, "limite_demande": limite, "registres": registres, "reference": e["reference"], "incertain": e["incertain"]},
        "commune": {k: commune[k] for k in ("nis", "nom", "region", "province")},
        "a_faire": [],
        "echeances": echeances,
        "provinciales": "Les personnes étrangères votent seulement aux élections communales : les élections provinciales, le même jour, sont réservées aux Belges.",
        "reference_provinciales": REF_PROVINCIALES,
    }

    def decision(statut: str, motifs: list[Motif]) -> Decision:
        if bareme.peut_etre_perime(aujourdhui):
            avertissements.append(f"Les règles du kit ont été revues le {date_fr(bareme.derniere_revue)} ; après le {date_fr(bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")
        echeances.sort(key=lambda x: x.date)
        return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(motifs), trace=tuple(trace),
                        date_reference=aujourdhui, avertissements=tuple(avertissements), details=details)

    echeances.append(Echeance(jour, "Jour de l'élection communale.", e["reference"], incertain=e["incertain"]))
    if commune["cri"] == data.COMMUNAUTE_GERMANOPHONE:
        avertissements.append(f"{commune['nom']} est en région de langue allemande : la Communauté germanophone y organise les élections communales ; "
                              "le kit n'a pas vérifié si ses dates et ses formalités diffèrent. Renseignez-vous à la commune.")
    elif commune["region"] != "Région wallonne":
        avertissements.append(f"{commune['nom']} n'est pas en Wallonie : les conditions de l'électorat sont les mêmes dans tout le pays, mais le kit n'a vérifié "
                              "que les formalités et les dates applicables en Wallonie. Renseignez-vous à la commune.")

    # 1. Belge : rien à faire.
    if etape("belge", "La personne est-elle de nationalité belge ?", s.nationalite == "BE", REF_CONDITIONS, decisive=s.nationalite == "BE"):
        return decision("belge", [Motif("belge", "Un Belge de 18 ans inscrit dans une commune est électeur d'office : il reçoit sa convocation sans démarche, et vote aussi aux élections provinciales.", REF_CONDITIONS)])

    # 2. Les droits politiques.
    if etape("droits_politiques", "La personne est-elle privée ou suspendue de ses droits politiques ?", s.prive_droits_politiques, REF_CONDITIONS, decisive=s.prive_droits_politiques):
        return decision("exclu", [Motif("droits_politiques", "Une personne privée ou suspendue de ses droits politiques par une décision de justice ne peut pas voter, tant que dure la privation.", REF_CONDITIONS)])

    manques: list[Motif] = []
    ue = param("pays_ue")
    citoyen_ue = s.nationalite in ue.valeur
    if s.nationalite == "GB" and ue.incertain:
        avertissements.append(ue.incertain)
    etape("citoyen_ue", f"La personne est-elle citoyenne d'un État de l'Union européenne ({pays.nom(s.nationalite)}) ?", citoyen_ue, ue.source())

    # 3. L'âge le jour de l'élection.
    age = param("age_minimum")
    majeur_le = s.date_naissance + relativedelta(years=age.valeur)
    majeur = majeur_le <= jour
    if not etape("age", f"La personne aura-t-elle {age.valeur} ans au plus tard le jour de l'élection ({date_fr(jour)}) ?", majeur, age.source(),
                 reponse=f"{'oui' if majeur else 'non'} ({age.valeur} ans le {date_fr(majeur_le)})", decisive=not majeur):
        manques.append(Motif("age", f"Il faut avoir {age.valeur} ans le jour de l'élection ; la personne les aura le {date_fr(majeur_le)}, après le {date_fr(jour)}.", age.source()))
    elif majeur_le > aujourdhui:
        echeances.append(Echeance(majeur_le, f"{age.valeur} ans : la condition d'âge est remplie.", age.source()))

    # 4. Le registre de la commune, à la date exigée.
    if s.registre == "attente":
        etape("registre", f"La personne est-elle inscrite au registre de la population ou des étrangers au {date_fr(registres)} ?", False, e["reference"],
              reponse="non (registre d'attente)", decisive=True)
        manques.append(Motif("registre", "Une personne inscrite au registre d'attente (demande de protection internationale en cours) ne peut pas être électrice : il faut être inscrit au registre de la population ou des étrangers.", e["reference"]))
    elif s.registre == "aucun":
        etape("registre", f"La personne est-elle inscrite au registre de la population ou des étrangers au {date_fr(registres)} ?", False, e["reference"],
              reponse="non (aucune inscription)", decisive=True)
        manques.append(Motif("registre", f"Il faut être inscrit dans une commune belge (registre de la population ou des étrangers) au {date_fr(registres)} : c'est la domiciliation qui fait l'électeur.", e["reference"]))
    else:
        date_inscr = s.date_inscription_registre
        a_temps = date_inscr is None or date_inscr <= registres
        reponse = f"oui ({LIBELLES_REGISTRE[s.registre]}" + (f", depuis le {date_fr(date_inscr)})" if date_inscr else ", date non précisée)")
        if date_inscr is None:
            details.setdefault("hypotheses", []).append(f"Date d'inscription au registre non précisée : le kit suppose que la personne y est inscrite au {date_fr(registres)}.")
        if not etape("registre", f"La personne est-elle inscrite au registre de la population ou des étrangers au {date_fr(registres)} ?", a_temps, e["reference"],
                     reponse=reponse if a_temps else f"non (inscrite le {date_fr(date_inscr)})", decisive=not a_temps):
            manques.append(Motif("registre", f"Il faut être inscrit au registre de la population ou des étrangers au {date_fr(registres)} ; l'inscription date du {date_fr(date_inscr)}.", e["reference"]))
    echeances.append(Echeance(registres, "Date à laquelle la personne doit être inscrite au registre de la population ou des étrangers de sa commune.", e["reference"], incertain=e["incertain"]))

    # 5. Hors UE : 5 ans de séjour légal au moment de la demande (au plus tard à la date limite).
    depuis_quand: dt.date | None = None
    if not citoyen_ue:
        duree = param("duree_sejour_hors_ue")
        if s.date_debut_sejour_legal is None:
            etape("sejour_5_ans", f"La personne aura-t-elle {duree.valeur} ans de séjour légal ininterrompu au plus tard le {date_fr(limite)} ?", False, duree.source(),
                  reponse="inconnu (début du séjour légal non précisé)", decisive=True)
            manques.append(Motif("sejour_5_ans", f"Une personne qui n'est pas citoyenne de l'UE doit avoir {duree.valeur} ans de résidence principale ininterrompue en Belgique, couverte par un séjour légal, au moment de sa demande : indiquez le début de ce séjour pour que le kit puisse le vérifier.", duree.source()))
        else:
            depuis_quand = s.date_debut_sejour_legal + relativedelta(years=duree.valeur)
            assez = depuis_quand <= limite
            if not etape("sejour_5_ans", f"La personne aura-t-elle {duree.valeur} ans de séjour légal ininterrompu au plus tard le {date_fr(limite)} (dernier jour pour la demande) ?", assez,
                         duree.source(), reponse=f"{'oui' if assez else 'non'} ({duree.valeur} ans le {date_fr(depuis_quand)})", decisive=not assez):
                manques.append(Motif("sejour_5_ans", f"Les {duree.valeur} ans de séjour légal ininterrompu seront atteints le {date_fr(depuis_quand)}, après la date limite de la demande ({date_fr(limite)}) : ce sera possible pour l'élection suivante.", duree.source()))
            if depuis_quand > aujourdhui:
                echeances.append(Echeance(depuis_quand, f"{duree.valeur} ans de séjour légal : la demande d'inscription devient possible.", duree.source()))

    if manques:
        return decision("non_remplies", manques)

    # 6. Déjà inscrit pour une élection précédente : l'inscription reste valable.
    permanente = param("inscription_permanente")
    regle_vote = param("vote_obligatoire")
    obligatoire = commune["region"] in regle_vote.valeur
    voter = ("Le vote est obligatoire : la personne vote, donne procuration à un autre électeur ou justifie son absence." if obligatoire
             else "En Flandre, le vote aux élections locales n'est pas obligatoire.")
    if commune["region"] == "Région flamande" and regle_vote.incertain:
        avertissements.append(regle_vote.incertain)
    details["vote_obligatoire"] = obligatoire
    if etape("deja_inscrit", "La personne est-elle déjà inscrite comme électrice pour une élection communale précédente ?", s.deja_inscrit_electeur,
             permanente.source(), decisive=s.deja_inscrit_electeur):
        details["a_faire"] = ["Rien à demander : l'inscription reste valable. Vérifier à la commune qu'elle est toujours inscrite (déménagement, changement de nationalité).",
                              "Attendre la convocation, qui arrive par la poste quelques semaines avant l'élection.", voter]
        return decision("inscrit", [Motif("deja_inscrit", f"L'inscription comme électeur reste valable pour les élections suivantes : la personne votera le {date_fr(jour)} sans nouvelle demande. {voter}", permanente.source(), permanente.incertain)])

    # 7. La demande d'inscription : avant la date limite.
    echeances.append(Echeance(limite, f"Date limite de la demande d'inscription (à la commune ou sur {SITE_INSCRIPTION}).", e["reference"], incertain=e["incertain"]))
    debut_possible = max(aujourdhui, depuis_quand or aujourdhui)
    if not etape("delai", f"La demande peut-elle encore être faite au plus tard le {date_fr(limite)} ?", aujourdhui <= limite, e["reference"],
                 reponse=("oui" if aujourdhui <= limite else f"non (nous sommes le {date_fr(aujourdhui)})"), decisive=aujourdhui > limite):
        suivante = election_suivante(jour + dt.timedelta(days=1))
        apres = f" La demande reste possible pour l'élection suivante ({date_fr(suivante['jour'])}, demande au plus tard le {date_fr(suivante['limite_demande'])})." if suivante else ""
        return decision("trop_tard", [Motif("delai", f"Les conditions sont remplies, mais la demande devait être faite au plus tard le {date_fr(limite)}.{apres}", e["reference"], e["incertain"])])

    quand = f"entre le {date_fr(debut_possible)} et le {date_fr(limite)}" if debut_possible > aujourdhui else f"au plus tard le {date_fr(limite)}"
    details["a_faire"] = [f"Demander son inscription comme électeur {quand} : formulaire à l'administration communale (service population) ou en ligne sur {SITE_INSCRIPTION}."]
    if not citoyen_ue:
        details["a_faire"].append("Signer, avec la demande, la déclaration par laquelle on s'engage à respecter la Constitution, les lois du peuple belge et la Convention européenne des droits de l'homme.")
    details["a_faire"] += ["La commune confirme sa décision par écrit ; puis la convocation arrive par la poste avant l'élection.", voter]
    return decision("peut_demander", [Motif("conditions", (
        f"Toutes les conditions seront remplies le {date_fr(jour)} : la personne peut demander son inscription {quand}."
        + ("" if citoyen_ue else " Comme elle n'est pas citoyenne de l'Union européenne, elle joint la déclaration d'engagement.")
        + " L'inscription vaudra aussi pour les élections communales suivantes."), REF_CONDITIONS, e["incertain"])])


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.vote",
                        "Une personne étrangère peut-elle voter aux élections communales ? Situation en JSON, décision en JSON ; --date = aujourd'hui.",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, aujourdhui=date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
