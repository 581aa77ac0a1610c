"""Travail et diplômes : une personne étrangère peut-elle travailler comme salariée en Wallonie, et
quelles démarches pour faire reconnaître un diplôme ou une expérience ?

``evaluer(situation, date_reference)`` rend une ``Decision`` dont le statut est l'un de :

- ``peut_travailler`` : accès illimité au marché du travail salarié, sans autorisation (citoyen de
  l'UE+, réfugié reconnu, protection subsidiaire ou temporaire, séjour illimité, demandeur de
  protection internationale sans décision après le délai, mention « illimité » sur la carte) ;
- ``acces_limite`` : accès limité ou différé (un employeur et une fonction, quelques heures par
  semaine pour un étudiant, pas avant une date pour un demandeur de protection internationale) ;
- ``permis_unique`` : la personne n'a pas de droit au travail par son séjour ; un employeur doit
  demander un permis unique (autorisation de travail et de séjour) à la Région ;
- ``a_verifier`` : le kit ne peut pas conclure (carte A sans mention connue, mention « non »,
  décision négative, titre inconnu à cette date...) : il dit quoi vérifier et auprès de qui.

La mention « marché du travail » imprimée sur le titre de séjour (« illimité », « limité », « non »),
quand elle est connue, fait foi. La décision porte aussi, dans ``details["demarches"]``, les démarches
recommandées pour un diplôme obtenu hors de Belgique ou une expérience sans diplôme (équivalence de
l'enseignement obligatoire, équivalence de niveau, équivalence à un grade spécifique, reconnaissance
professionnelle, validation des compétences), chacune avec sa raison et sa référence, et dans
``details["orientation"]`` les services vers lesquels orienter (Forem, CRI, CISP, Lire et Écrire).

Chaque délai, seuil, âge et date vient de ``parametres/travail.yaml``, lu à ``date_reference``, avec sa
référence ; aucun montant n'est cité. Module pur : ni ipywidgets, ni IPython.

En ligne de commande : ``python -m widgets.rules.travail situation.json --date 2026-11-30``.
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

from widgets.rules import entrees, legislation, pays
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Echeance, Etape, Motif, date_fr
from widgets.rules.validation import (
    DateISO,
    ErreurChamp,
    ErreurSituation,
    choix,
    valider_modele,
)

STATUTS = ("peut_travailler", "acces_limite", "permis_unique", "a_verifier")
CARTES = ("A", "B", "C", "D", "E", "E+", "EU", "EU+", "F", "F+", "H", "K", "L", "M")
STATUTS_SEJOUR = ("demandeur_protection", "etudiant", "protection_temporaire", "refugie", "protection_subsidiaire", "a_l_etranger", "autre")
TITRES = CARTES + STATUTS_SEJOUR
MENTIONS = ("illimite", "limite", "non")
NIVEAUX = ("secondaire", "superieur")
DEMARCHES = ("equivalence_secondaire", "equivalence_niveau", "equivalence_specifique", "reconnaissance_professionnelle", "validation_competences")

LIBELLES = {
    "nationalite": "nationalité (code ISO à deux lettres, ex. MA)",
    "titre_sejour": "titre de séjour (lettre de la carte) ou statut",
    "mention_marche_travail": "mention « marché du travail » imprimée sur le titre (illimite, limite, non)",
    "date_demande_protection": "date de la demande de protection internationale",
    "decision_negative_notifiee": "décision négative du CGRA déjà notifiée",
    "heures_par_semaine": "heures de travail par semaine (étudiant)",
    "pendant_vacances_scolaires": "travail pendant les vacances scolaires (étudiant)",
    "diplome_hors_belgique": "diplôme obtenu hors de Belgique",
    "niveau_diplome": "niveau du diplôme (secondaire ou supérieur)",
    "diplome_eee": "diplôme obtenu dans l'EEE ou en Suisse",
    "profession_reglementee": "profession visée réglementée (santé, architecte, enseignant...)",
    "experience_sans_diplome": "expérience professionnelle sans diplôme correspondant",
}

LIBELLES_STATUT = {
    "peut_travailler": "La personne peut travailler comme salariée, sans autorisation de travail",
    "acces_limite": "Accès limité au marché du travail (un employeur, quelques heures, ou pas avant une date)",
    "permis_unique": "Un permis unique est nécessaire : c'est l'employeur qui le demande à la Région",
    "a_verifier": "À vérifier : le kit ne peut pas conclure sans un élément de plus",
}

LIBELLES_TITRE = {
    "A": "Carte A — séjour limité",
    "B": "Carte B — séjour illimité",
    "C": "Carte C — carte d'identité d'étranger (ancien modèle, devenue K)",
    "D": "Carte D — résident de longue durée UE (ancien modèle, devenue L)",
    "E": "Carte E — citoyen de l'UE (ancien modèle, devenue EU)",
    "E+": "Carte E+ — citoyen de l'UE, séjour permanent (ancien modèle, devenue EU+)",
    "EU": "Carte EU — citoyen de l'UE",
    "EU+": "Carte EU+ — citoyen de l'UE, séjour permanent",
    "F": "Carte F — membre de la famille d'un citoyen de l'UE ou d'un Belge",
    "F+": "Carte F+ — membre de la famille, séjour permanent",
    "H": "Carte H — carte bleue européenne",
    "K": "Carte K — établissement",
    "L": "Carte L — résident de longue durée UE",
    "M": "Carte M — Britannique protégé par l'accord de retrait",
    "demandeur_protection": "Demandeur de protection internationale (procédure en cours)",
    "etudiant": "Étudiant (séjour pour études)",
    "protection_temporaire": "Bénéficiaire de la protection temporaire (Ukraine)",
    "refugie": "Réfugié reconnu",
    "protection_subsidiaire": "Bénéficiaire de la protection subsidiaire",
    "a_l_etranger": "Pas encore de titre belge : la personne vit à l'étranger et veut venir travailler",
    "autre": "Autre situation ou document",
}

LIBELLES_MENTION = {"illimite": "« Marché du travail : illimité »", "limite": "« Marché du travail : limité »", "non": "« Marché du travail : non »"}
LIBELLES_NIVEAU = {"secondaire": "enseignement secondaire", "superieur": "enseignement supérieur"}

# Les services d'orientation (organisation, pas de seuil légal) : chacun avec sa source.
ORIENTATION = (
    {"code": "forem", "organisme": "Le Forem (conseiller emploi et formation)",
     "quand": "Toujours : inscription comme demandeur d'emploi, conseil, formations, et pour un primo-arrivant l'axe « orientation socioprofessionnelle » du parcours d'intégration.",
     "reference": "docs/faits-verifies.md § 2.3 (axe 4 du parcours assuré par le Forem depuis décembre 2018) — https://www.leforem.be"},
    {"code": "cri", "organisme": "Le Centre régional d'intégration (CRI) de la commune",
     "quand": "Pour une personne hors UE+ arrivée depuis peu : le bureau d'accueil du CRI fait le bilan social et oriente vers le Forem (axe 4 du parcours d'intégration).",
     "reference": "docs/faits-verifies.md § 1.1 et § 2.3 — http://actionsociale.wallonie.be/integration/centre-regional-integration"},
    {"code": "cisp", "organisme": "Un centre d'insertion socioprofessionnelle (CISP)",
     "quand": "Pour une personne peu qualifiée ou éloignée de l'emploi : formations de base, formation par le travail, stages, dans un centre agréé par la Wallonie.",
     "reference": "Décret wallon du 10 juillet 2013 relatif aux centres d'insertion socioprofessionnelle — https://www.interfede.be/reglementations-sectorielles/"},
    {"code": "lire_et_ecrire", "organisme": "Lire et Écrire (ou un opérateur de français langue étrangère)",
     "quand": "Pour un adulte qui ne maîtrise pas la lecture et l'écriture (niveau du certificat d'études de base) ; une personne scolarisée dans sa langue qui doit apprendre le français est orientée vers le FLE.",
     "reference": "SPW Emploi, FAQ « Où un adulte peut-il apprendre à lire et à écrire en Wallonie ? » ; lire-et-ecrire.be, « Accueil des personnes étrangères » — http://www.lire-et-ecrire.be/Accueil-des-personnes-etrangeres"},
)

ROLE_EMPLOYEUR = (
    "Avant d'engager une personne qui n'est pas citoyenne de l'UE+, l'employeur regarde la mention « marché du travail » de son titre de séjour, "
    "et la revérifie à chaque renouvellement de la carte. Si la personne n'a pas de droit au travail par son séjour, c'est l'employeur (ou son mandataire) "
    "qui demande l'autorisation (permis unique) à la Région du lieu de travail ; il ne peut pas faire travailler la personne avant la décision.")
REF_EMPLOYEUR = ("SPW Emploi, FAQ (vérifier la mention « illimité » à chaque renouvellement) ; emploi.wallonie.be, « Que devez-vous faire ? » — "
                 "https://emploi.wallonie.be/home/travailleurs-etrangers/permis-de-travail/vous-etes-employeur/que-devez-vous-faire.html")


class Situation(BaseModel):
    """La situation telle qu'un conseiller la décrit. Seule la nationalité est toujours obligatoire ;
    le titre de séjour l'est pour une personne qui n'est pas citoyenne de l'UE+."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nationalite: Annotated[str, Field(min_length=1, max_length=40)]
    titre_sejour: Annotated[Literal[TITRES], choix(TITRES)] | None = None  # type: ignore[valid-type]
    mention_marche_travail: Annotated[Literal[MENTIONS], choix(MENTIONS)] | None = None  # type: ignore[valid-type]
    date_demande_protection: DateISO = None
    decision_negative_notifiee: StrictBool = False
    heures_par_semaine: Annotated[StrictInt, Field(ge=0, le=168)] | None = None
    pendant_vacances_scolaires: StrictBool = False
    diplome_hors_belgique: StrictBool = False
    niveau_diplome: Annotated[Literal[NIVEAUX], choix(NIVEAUX)] | None = None  # type: ignore[valid-type]
    diplome_eee: StrictBool | None = None
    profession_reglementee: StrictBool = False
    experience_sans_diplome: StrictBool = False

    @field_validator("nationalite")
    @classmethod
    def _nationalite(cls, v: str) -> str:
        return entrees.code_pays(v)

    @field_validator("heures_par_semaine", mode="before")
    @classmethod
    def _heures(cls, v):
        if isinstance(v, int) and not isinstance(v, bool) and v < 0:
            raise PydanticCustomError("kit", "un nombre d'heures ne peut pas être négatif (reçu : {v}).", {"v": v})
        return v

    @field_validator("date_demande_protection")
    @classmethod
    def _date(cls, v: dt.date | None, info: ValidationInfo):
        if v is None:
            return v
        jour = (info.context or {}).get("date_reference") or dt.date.today()
        if v > jour:
            raise PydanticCustomError("kit", "la date du {d} est dans le futur (date de référence : {a}).", {"d": date_fr(v), "a": date_fr(jour)})
        if v.year < 1950:
            raise PydanticCustomError("kit", "la date du {d} est invraisemblable (avant 1950).", {"d": date_fr(v)})
        return v

    @model_validator(mode="after")
    def _coherence(self):
        if not self.diplome_hors_belgique:
            if self.niveau_diplome is not None:
                raise ErreurChamp("niveau_diplome", "le niveau ne sert que pour un diplôme obtenu hors de Belgique : cochez d'abord « diplôme obtenu hors de Belgique ».")
            if self.diplome_eee is not None:
                raise ErreurChamp("diplome_eee", "ne sert que pour un diplôme obtenu hors de Belgique : cochez d'abord « diplôme obtenu hors de Belgique ».")
        elif self.niveau_diplome is None:
            raise ErreurChamp("niveau_diplome", "précisez le niveau du diplôme obtenu hors de Belgique : secondaire ou supérieur.")
        if self.titre_sejour != "demandeur_protection":
            if self.date_demande_protection is not None:
                raise ErreurChamp("date_demande_protection", "ne sert que pour un demandeur de protection internationale (choisissez ce statut, ou videz le champ).")
            if self.decision_negative_notifiee:
                raise ErreurChamp("decision_negative_notifiee", "ne sert que pour un demandeur de protection internationale.")
        if self.titre_sejour != "etudiant" and (self.heures_par_semaine is not None or self.pendant_vacances_scolaires):
            champ = "heures_par_semaine" if self.heures_par_semaine is not None else "pendant_vacances_scolaires"
            raise ErreurChamp(champ, "ne sert que pour un étudiant (choisissez ce statut, ou videz le champ).")
        return self


def valider(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    return valider_modele(Situation, situation, LIBELLES, contexte={"date_reference": date_reference or dt.date.today()})


# --- L'évaluation ----------------------------------------------------------------------------

class _Evaluation:
    """Accumule la trace, les motifs, les avertissements et les règles datées utilisées."""

    def __init__(self, s: Situation, date: dt.date):
        self.s, self.date = s, date
        self.bareme = legislation.charger("travail")
        self.trace: list[Etape] = []
        self.motifs: list[Motif] = []
        self.avertissements: list[str] = []
        self.hypotheses: list[str] = []
        self.regles: dict[str, legislation.ValeurDatee] = {}
        self.echeances: list[Echeance] = []
        self.demarches: list[dict[str, Any]] = []

    def param(self, nom: str, avertir: bool = True) -> legislation.ValeurDatee:
        v = self.bareme.valeur(nom, self.date)
        if v is None:  # le kit ne connaît aucune valeur à cette date : il ne l'invente pas
            raise LookupError(nom)
        if v.incertain and avertir:
            self.avertir(v.incertain)
        self.regles.setdefault(nom, v)
        return v

    def avertir(self, texte: str) -> None:
        if texte not in self.avertissements:
            self.avertissements.append(texte)

    def etape(self, code: str, question: str, reponse: str, reference: str, decisive: bool = False) -> None:
        self.trace.append(Etape(code, question, reponse, reference, decisive))

    def motif(self, code: str, texte: str, v: legislation.ValeurDatee | str) -> None:
        if isinstance(v, str):
            self.motifs.append(Motif(code, texte, v))
        else:
            self.motifs.append(Motif(code, texte, v.source(), v.incertain))

    def demarche(self, code: str, titre: str, organisme: str, raison: str, v: legislation.ValeurDatee, incertain: str | None = None,
                 url: str | None = None) -> None:
        self.demarches.append({"code": code, "titre": titre, "organisme": organisme, "raison": raison, "reference": v.source(),
                               "url": url or v.url, "incertain": incertain if incertain is not None else v.incertain})


def _couverture(date: dt.date) -> None:
    bareme = legislation.charger("travail")
    if date < bareme.couverture_debut:
        raise ErreurSituation([("date_reference", (
            f"le kit décrit les règles à partir du {date_fr(bareme.couverture_debut)} (mention « marché du travail » sur tous les titres, "
            f"permis unique) ; le {date_fr(date)} est antérieur."))], {"date_reference": "date à laquelle les règles sont appliquées"})


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None) -> Decision:
    """La personne peut-elle travailler, et quelles démarches pour son diplôme ou son expérience ?"""
    date = date_reference if date_reference is not None else dt.date.today()
    _couverture(date)
    s = valider(situation, date)
    ev = _Evaluation(s, date)
    statut = _statut_travail(ev)
    regles_statut = list(ev.regles)  # la frise ne montre que les règles qui ont décidé du droit de travailler
    _demarches(ev)
    if ev.bareme.peut_etre_perime(date):
        ev.avertir(f"Les règles du kit ont été revues le {date_fr(ev.bareme.derniere_revue)} ; après le "
                   f"{date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")
    regles = [{"nom": nom, "description": ev.bareme.parametres[nom].description, "depuis": v.depuis, "reference": v.source(),
               "incertain": v.incertain} for nom, v in ev.regles.items()]
    echeances = ev.echeances + [Echeance(v.depuis, ev.bareme.parametres[nom].description, v.source(), incertain=v.incertain)
                                for nom, v in ev.regles.items() if nom in regles_statut]
    details: dict[str, Any] = {
        "nationalite": pays.nom(s.nationalite),
        "titre_sejour": LIBELLES_TITRE.get(s.titre_sejour or "", "non précisé"),
        "demarches": ev.demarches,
        "orientation": _orientation(ev),
        "employeur": {"texte": ROLE_EMPLOYEUR, "reference": REF_EMPLOYEUR},
        "regles": regles,
        "echeances": sorted(echeances, key=lambda e: e.date),
        "hypotheses": ev.hypotheses,
    }
    deja_dits = {m.incertain for m in ev.motifs}  # une incertitude affichée sous son motif n'est pas répétée en avertissement
    return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(ev.motifs), trace=tuple(ev.trace), date_reference=date,
                    avertissements=tuple(a for a in ev.avertissements if a not in deja_dits), details=details)


# --- 1. Le droit de travailler ----------------------------------------------------------------

def _statut_travail(ev: _Evaluation) -> str:
    s = ev.s
    ue = ev.param("pays_ue_plus")
    citoyen = s.nationalite in ue.valeur
    ev.etape("ue_plus", f"La personne est-elle ressortissante de l'UE, de l'EEE ou de la Suisse ({pays.nom(s.nationalite)}) ?",
             "oui" if citoyen else "non", ue.source(), decisive=citoyen)
    if citoyen:
        ev.motif("ue_plus", ("Une personne ressortissante de l'Union européenne, de l'Espace économique européen ou de la Suisse travaille en Belgique "
                             "sans autorisation de travail ni permis unique, comme un travailleur belge."), ue)
        return "peut_travailler"
    if s.nationalite == "GB":
        ev.avertir("Depuis le 1er janvier 2021, un Britannique n'est plus assimilé à un citoyen de l'UE+ : s'il était installé en Belgique avant cette date, "
                   "sa carte M (accord de retrait) lui garde le droit de travailler ; sinon, il relève des règles des ressortissants hors UE+.")
    if s.titre_sejour is None:
        raise ErreurSituation([("titre_sejour", ("ce champ est obligatoire pour une personne qui n'est pas ressortissante de l'UE+ : "
                                                 "choisissez la lettre de la carte ou le statut."))], LIBELLES)
    titre = s.titre_sejour
    mention = ev.param("mention_marche_travail")
    ref_mention = mention.source()
    m = s.mention_marche_travail
    ev.etape("titre", "Quel est le titre de séjour ou le statut de la personne ?", LIBELLES_TITRE[titre], ref_mention)

    # 2. La mention « marché du travail » fait foi quand on la connaît.
    if m in ("illimite", "limite") or (m == "non" and titre != "demandeur_protection"):
        ev.etape("mention", "Que dit la mention « marché du travail » imprimée sur le titre de séjour ?", LIBELLES_MENTION[m], ref_mention, decisive=True)
        ev.hypotheses.append(f"La mention {LIBELLES_MENTION[m]} est celle que vous avez lue sur le document : le kit la suit, car c'est elle qui fait foi.")
        if m == "illimite":
            ev.motif("mention_illimite", ("La mention « illimité » donne accès au travail salarié chez n'importe quel employeur, sans autre démarche d'autorisation. "
                                          "L'employeur la revérifie à chaque renouvellement de la carte."), mention)
            return "peut_travailler"
        if m == "limite":
            ev.motif("mention_limite", ("La mention « limité » veut dire : un seul employeur et une seule fonction (c'est le permis unique), ou un nombre d'heures "
                                        "limité. Pour changer d'employeur, le nouvel employeur doit obtenir une nouvelle autorisation avant d'occuper la personne."), mention)
            return "acces_limite"
        ev.motif("mention_non", ("La mention « non » veut dire que ce document ne permet pas de travailler comme salarié. Faites vérifier la situation de séjour "
                                 "(service juridique, CRI) : selon le séjour, un employeur pourrait demander une autorisation de travail (permis unique) "
                                 "au SPW Emploi, ou la situation peut changer avec la procédure en cours."), mention)
        return "a_verifier"
    if m is None:
        ev.etape("mention", "Que dit la mention « marché du travail » imprimée sur le titre de séjour ?", "non précisée", ref_mention)
        if titre not in ("a_l_etranger",):
            ev.hypotheses.append("Mention « marché du travail » non précisée : le kit raisonne à partir du titre ou du statut. Regardez la carte : la mention fait foi.")

    # 3. Selon le titre ou le statut.
    if titre == "demandeur_protection":
        return _demandeur_protection(ev, m)
    if titre == "etudiant":
        return _etudiant(ev)
    if titre == "protection_temporaire":
        pt = ev.param("protection_temporaire")
        ev.etape("protection_temporaire", "La protection temporaire est-elle en vigueur à cette date ?", "oui" if pt.valeur else "non", pt.source(), decisive=True)
        if pt.valeur:
            ev.motif("protection_temporaire", ("Un bénéficiaire de la protection temporaire travaille sans permis unique : sa carte A (ou l'annexe 15 qui la précède) "
                                               "porte la mention « marché du travail : illimité », tant qu'elle est valable et renouvelée."), pt)
            return "peut_travailler"
        ev.motif("protection_temporaire_inexistante", "À cette date, la protection temporaire n'était pas activée en Belgique : ce statut n'existait pas.", pt)
        return "a_verifier"
    if titre == "a_l_etranger":
        return _permis_unique(ev)
    if titre == "H":
        h = ev.param("carte_h")
        ev.etape("carte_h", "La carte H (carte bleue européenne) donne-t-elle un accès libre au travail ?", "non : limité à l'emploi autorisé", h.source(), decisive=True)
        ev.motif("carte_h", ("La carte H (carte bleue européenne) est liée à l'emploi hautement qualifié pour lequel elle a été accordée : "
                             "un changement d'employeur suppose des démarches auprès de la Région."), h)
        return "acces_limite"
    if titre == "A":
        ev.etape("carte_a", "Une carte A suffit-elle à dire si la personne peut travailler ?", "non : tout dépend de la mention", ref_mention, decisive=True)
        ev.motif("carte_a", ("La carte A (séjour limité) est délivrée pour des raisons très différentes : réfugié reconnu, travailleur avec un permis unique, "
                             "étudiant, regroupement familial, régularisation... Seule la mention « marché du travail » imprimée sur la carte dit si la "
                             "personne peut travailler (illimité), chez un seul employeur (limité) ou pas (non) : lisez-la avec la personne."), mention)
        return "a_verifier"
    if titre == "autre":
        ev.etape("autre", "Le statut décrit donne-t-il un droit au travail connu du kit ?", "inconnu", ref_mention, decisive=True)
        ev.motif("autre", ("Pour un autre document (attestation d'immatriculation, annexe, titre étranger...), c'est la mention « marché du travail » qui fait foi. "
                           "Si la personne n'a aucun droit au travail par son séjour, seul un employeur peut demander pour elle une autorisation (permis unique), "
                           "quand son séjour le permet : à vérifier auprès du SPW Emploi ou d'un service juridique."), mention)
        return "a_verifier"
    # Réfugié, protection subsidiaire, cartes de séjour illimité ou de membre de la famille.
    illimite = ev.param("titres_acces_illimite")
    dans_liste = titre in illimite.valeur
    ev.etape("titre_illimite", f"Ce titre ou ce statut donne-t-il un accès illimité au travail au {date_fr(ev.date)} ?",
             "oui" if dans_liste else "non (titre inconnu à cette date)", illimite.source(), decisive=True)
    if dans_liste:
        quoi = LIBELLES_TITRE[titre]
        ev.motif("acces_plein_droit", (f"{quoi} : accès illimité au marché du travail salarié, de plein droit, sans permis unique. "
                                       "La personne peut signer un contrat avec n'importe quel employeur ; la mention de la carte le confirme."), illimite)
        return "peut_travailler"
    ev.motif("titre_inconnu_a_cette_date", (f"La {LIBELLES_TITRE[titre].split(' —')[0]} n'existait pas encore au {date_fr(ev.date)} (nouveaux modèles de cartes) : "
                                            "vérifiez la lettre de la carte et la date choisie."), illimite)
    return "a_verifier"


def _demandeur_protection(ev: _Evaluation, mention: str | None) -> str:
    s = ev.s
    delai = ev.param("delai_demandeur_protection")
    mois = delai.valeur
    if s.decision_negative_notifiee:
        ev.etape("decision_cgra", "Le CGRA a-t-il déjà notifié une décision négative ?", "oui", delai.source(), decisive=True)
        ev.motif("decision_negative", ("Après une décision négative, le droit de travailler dépend de la suite : une personne qui pouvait déjà travailler le garde "
                                       "pendant un recours suspensif devant le Conseil du contentieux des étrangers ; il se perd à la décision négative définitive. "
                                       "Faites vérifier la situation par un service juridique avant toute embauche."), delai)
        return "a_verifier"
    ev.etape("decision_cgra", "Le CGRA a-t-il déjà notifié une décision négative ?", "non", delai.source())
    if s.date_demande_protection is None:
        ev.etape("delai", f"La demande de protection a-t-elle été introduite il y a au moins {mois} mois ?", "inconnu (date non précisée)", delai.source(), decisive=True)
        ev.hypotheses.append("Date de la demande de protection non précisée : le kit ne peut pas calculer le jour où l'accès au travail s'ouvre.")
        ev.motif("delai_inconnu", (f"Un demandeur de protection internationale ne peut pas travailler pendant les {mois} premiers mois de sa procédure. "
                                   f"Si le CGRA n'a pas statué dans les {mois} mois, il peut travailler chez n'importe quel employeur (mention « illimité ») "
                                   "jusqu'à la fin de la procédure. Indiquez la date de la demande pour connaître le jour exact."), delai)
        return "acces_limite"
    try:
        ouverture = s.date_demande_protection + relativedelta(months=mois)
    except (OverflowError, ValueError):  # date extrême : l'ouverture n'arrive jamais dans le calendrier
        ouverture = dt.date.max
    ouvert = ouverture <= ev.date
    ev.etape("delai", f"Le délai de {mois} mois est-il écoulé depuis la demande de protection (le {date_fr(s.date_demande_protection)}) ?",
             f"{'oui' if ouvert else 'non'} (accès possible à partir du {date_fr(ouverture)})" if ouverture != dt.date.max else "non",
             delai.source(), decisive=True)
    if ouverture != dt.date.max:
        ev.echeances.append(Echeance(s.date_demande_protection, "Demande de protection internationale.", delai.source()))
        ev.echeances.append(Echeance(ouverture, f"{mois} mois sans décision du CGRA : l'accès au travail s'ouvre.", delai.source(), incertain=delai.incertain))
    if not ouvert:
        quand = f"à partir du {date_fr(ouverture)}" if ouverture != dt.date.max else "plus tard"
        ev.motif("pas_encore", (f"Pas encore : un demandeur de protection internationale ne peut travailler qu'après {mois} mois de procédure sans décision du CGRA, "
                                f"donc {quand} si aucune décision n'est notifiée d'ici là. Travailler avant, c'est travailler irrégulièrement."), delai)
        return "acces_limite"
    if mention == "non":
        ev.motif("mention_pas_a_jour", (f"Les {mois} mois sont écoulés, mais la mention lue sur l'attestation est encore « non » : vérifiez à la commune que l'attestation "
                                        "a été prolongée et mise à jour, et qu'aucune décision n'a été notifiée. Tant que le document dit « non », l'employeur ne peut pas engager."), delai)
        return "a_verifier"
    ev.motif("delai_ecoule", (f"Plus de {mois} mois sans décision du CGRA : le demandeur peut travailler comme salarié chez n'importe quel employeur, "
                              "sans permis unique, jusqu'à la fin de sa procédure. L'attestation d'immatriculation porte alors la mention « illimité »."), delai)
    return "peut_travailler"


def _etudiant(ev: _Evaluation) -> str:
    s = ev.s
    e = ev.param("etudiant_heures_semaine")
    maxi, conditions = e.valeur["heures"], e.valeur["conditions"]
    heures = s.heures_par_semaine
    if s.pendant_vacances_scolaires:
        reponse = "pendant les vacances scolaires : pas de limite d'heures"
        depasse = False
    elif heures is None:
        reponse = f"au plus {maxi} h par semaine en période de cours (nombre d'heures non précisé)"
        depasse = False
    else:
        depasse = heures > maxi
        reponse = f"{heures} h par semaine en période de cours : {'au-delà de' if depasse else 'dans'} la limite de {maxi} h"
    ev.etape("etudiant_heures", f"L'emploi respecte-t-il la limite de {maxi} heures par semaine en période de cours ?", reponse, e.source(), decisive=True)
    ev.motif("etudiant", (f"Un étudiant hors UE+ peut travailler sans autorisation, à condition d'{conditions} : sans limite pendant les vacances scolaires, "
                          f"au plus {maxi} heures par semaine pendant la période de cours, et si le travail reste compatible avec les études."), e)
    if depasse:
        ev.motif("etudiant_depassement", (f"{heures} heures par semaine en période de cours dépassent la limite de {maxi} heures : ce n'est plus couvert par le séjour d'étudiant. "
                                          "Réduire les heures, ou faire vérifier auprès du SPW Emploi si une autorisation de travail est possible."), e)
    return "acces_limite"


def _permis_unique(ev: _Evaluation) -> str:
    p = ev.param("procedure_permis_unique")
    v = p.valeur
    ev.etape("permis_unique", f"La personne, hors UE+, vient-elle travailler comme salariée plus de {v['duree_minimum_jours']} jours sans droit au travail par son séjour ?",
             "oui : il lui faut un permis unique", p.source(), decisive=True)
    ev.motif("permis_unique", (f"Pour un emploi salarié de plus de {v['duree_minimum_jours']} jours, il faut un permis unique : une seule demande, introduite par l'employeur "
                               f"auprès de la Région du lieu de travail (en Wallonie : {v['region']}), qui vaut demande d'autorisation de travail et de séjour. "
                               f"Si la Région accepte, l'{v['sejour']} décide du séjour ; la personne reçoit une carte A avec la mention « marché du travail : limité » "
                               f"(un employeur, une fonction). Pour {v['duree_minimum_jours']} jours au plus, c'est un permis de travail B."), p)
    return "permis_unique"


# --- 2. Les démarches pour le diplôme ou l'expérience ------------------------------------------
# Leurs incertitudes sont affichées sous chaque démarche (``details["demarches"]``), pas dans les
# avertissements de la décision, qui portent sur le droit de travailler.

def _demarches(ev: _Evaluation) -> None:
    s = ev.s
    if s.diplome_hors_belgique:
        ev.etape("diplome", "Le diplôme a-t-il été obtenu hors de Belgique ? À quel niveau ?", f"oui ({LIBELLES_NIVEAU[s.niveau_diplome]})",
                 "equisup.cfwb.be ; equivalences.cfwb.be")
        if s.niveau_diplome == "secondaire":
            _equivalence_secondaire(ev)
        else:
            _equivalence_superieur(ev)
        if s.profession_reglementee:
            _reconnaissance_professionnelle(ev)
    else:
        ev.etape("diplome", "Le diplôme a-t-il été obtenu hors de Belgique ?", "non (ou pas de diplôme)", "equisup.cfwb.be")
    if s.experience_sans_diplome:
        _validation_competences(ev)


def _equivalence_secondaire(ev: _Evaluation) -> None:
    s = ev.s
    e = ev.param("equivalence_secondaire", avertir=False)
    langues = ", ".join(e.valeur["langues_sans_traduction"])
    sans_frais = s.titre_sejour in e.valeur["sans_frais_pour"]
    frais = ("Pas de frais administratifs pour cette personne (protection temporaire). " if sans_frais
             else "La demande est en principe payante (montant selon le pays du diplôme : voir le site du service). ")
    refugie = (" Un réfugié ou un demandeur de protection peut introduire la demande avec les documents scolaires dont il dispose, en joignant la preuve de son statut ou de sa demande."
               if s.titre_sejour in ("refugie", "demandeur_protection") else "")
    ev.demarche("equivalence_secondaire", "Équivalence du diplôme d'enseignement secondaire", e.valeur["service"], (
        "Faire reconnaître les études secondaires faites à l'étranger (par exemple comme équivalentes au certificat d'enseignement secondaire supérieur, le CESS) : "
        "c'est utile pour reprendre des études supérieures, entrer dans certaines formations, ou répondre à une offre d'emploi qui exige un diplôme belge. "
        f"{frais}Pas de traduction pour un document en {langues} ; sinon, traduction par un traducteur juré.{refugie}"), e)


def _equivalence_superieur(ev: _Evaluation) -> None:
    s = ev.s
    e = ev.param("equivalence_superieur", avertir=False)
    gratuite = s.titre_sejour in e.valeur["gratuite_pour"]
    cout = ("La procédure est entièrement gratuite pour cette personne (réfugié, protection subsidiaire ou temporaire) ; si des documents manquent, "
            "une procédure alternative (questionnaire, entretien) existe. " if gratuite
            else "La procédure est payante (montant selon le pays du diplôme, sur equisup.cfwb.be), sauf pour les réfugiés et les bénéficiaires de la protection "
                 "subsidiaire ou temporaire. ")
    dossier = ("Dossier : copies du diplôme et des relevés de notes, programme des études, et une traduction en français par un traducteur juré quand elle est demandée.")
    if s.profession_reglementee:
        ev.demarche("equivalence_specifique", "Équivalence à un grade académique spécifique", e.valeur["service"], (
            "Pour une profession réglementée, il faut un diplôme belge précis (ou reconnu comme tel) : l'équivalence de niveau ne suffit pas. "
            "La commission d'équivalence compare le contenu des études à un programme belge, au cas par cas. "
            f"{cout}{dossier}"), e)
        return
    ev.demarche("equivalence_niveau", "Équivalence de niveau d'études (bachelier, master...)", e.valeur["service"], (
        "Elle établit le niveau des études (bachelier, master...) sans domaine d'études. Elle aide à faire comprendre un diplôme à un employeur et peut être "
        "demandée pour un emploi public ou subventionné ; dans le secteur privé, un employeur peut engager sans équivalence. Elle ne donne pas accès à une "
        f"profession réglementée. {cout}{dossier}"), e)
    ev.demarche("equivalence_specifique", "Équivalence à un grade académique spécifique (si l'emploi l'exige)", e.valeur["service"], (
        "Seulement si l'emploi ou les études visés exigent un diplôme belge précis (fonction publique, enseignement, agrégation...) : elle a les mêmes effets "
        "qu'un diplôme de la Fédération Wallonie-Bruxelles. Si elle est refusée, le niveau d'études est examiné d'office, sans nouvelle demande."), e)


def _reconnaissance_professionnelle(ev: _Evaluation) -> None:
    s = ev.s
    r = ev.param("reconnaissance_professionnelle", avertir=False)
    if s.diplome_eee is True:
        raison = (f"Diplôme de l'EEE ou de Suisse : {r.valeur['eee']}. La reconnaissance professionnelle européenne suppose aussi des conditions de nationalité : "
                  "vérifiez l'éligibilité sur equisup.cfwb.be.")
    elif s.diplome_eee is False:
        raison = (f"Diplôme obtenu hors de l'EEE : la reconnaissance professionnelle européenne ne s'applique pas. Le chemin est : {r.valeur['hors_eee']}.")
    else:
        ev.hypotheses.append("Pays du diplôme non précisé (EEE ou non) : le kit donne les deux chemins de la reconnaissance professionnelle.")
        raison = (f"Tout dépend du pays du diplôme. Diplôme de l'EEE ou de Suisse : {r.valeur['eee']}. Autre pays : {r.valeur['hors_eee']}.")
    ev.demarche("reconnaissance_professionnelle", "Reconnaissance pour exercer une profession réglementée", "Fédération Wallonie-Bruxelles (equisup) ; SPF Santé publique pour les professions de santé",
                raison + " Chaque profession a ses conditions (stage, connaissance du français, inscription à un ordre).", r)


def _validation_competences(ev: _Evaluation) -> None:
    s = ev.s
    v = ev.param("validation_competences", avertir=False)
    note = (" Pour une profession réglementée, le titre de compétence ne remplace pas le diplôme exigé."
            if s.profession_reglementee else "")
    ev.etape("experience", "La personne a-t-elle une expérience professionnelle sans le diplôme correspondant ?", "oui", v.source())
    ev.demarche("validation_competences", "Validation des compétences (titre de compétence)", "Consortium de validation des compétences — centres de validation agréés", (
        f"Pour faire reconnaître officiellement une expérience (travail, bénévolat...) sans diplôme : une épreuve pratique, gratuite, volontaire et confidentielle, "
        f"dans un centre agréé, ouverte à partir de {v.valeur} ans. Le titre de compétence est reconnu par la Région wallonne, la Fédération Wallonie-Bruxelles "
        "et la COCOF ; il rassure un employeur et donne des dispenses dans les formations (Forem, promotion sociale, IFAPME). Vérifiez d'abord que le métier "
        f"figure dans la liste des métiers validables.{note}"), v,
        incertain=" ".join(x for x in (v.incertain, "Effet du titre pour une profession réglementée : à vérifier." if note else None) if x) or None)


def _orientation(ev: _Evaluation) -> list[dict[str, Any]]:
    """Les services vers lesquels orienter ; le Forem assure l'axe ISP du parcours depuis la date du paramètre."""
    isp = ev.param("orientation_isp", avertir=False)
    services = [dict(o, incertain=None) for o in ORIENTATION]
    services[0]["reference"] = f"{isp.source()} ; https://www.leforem.be"
    services[0]["incertain"] = isp.incertain
    if ev.s.nationalite in ev.param("pays_ue_plus").valeur:
        services = [o for o in services if o["code"] != "cri"]  # le parcours d'intégration ne vise pas les citoyens de l'UE+
    return services


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.travail",
                        "Une personne étrangère peut-elle travailler en Wallonie, et quelles démarches pour son diplôme ou son expérience ? "
                        "Situation en JSON, décision en JSON ; --date = date à laquelle les règles sont appliquées.",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
