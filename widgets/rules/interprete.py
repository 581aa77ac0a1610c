"""Aide à la décision « Faut-il un interprète, et lequel ? » pour un service qui reçoit une personne
qui ne parle pas (ou pas assez) le français.

``evaluer(situation, date_reference)`` rend une ``Decision`` dont le statut est l'un de :

- ``pas_necessaire`` : la personne parle assez le français pour ce qui est en jeu ;
- ``francais_adapte`` : information générale, français partiel : parler un français adapté et
  garder l'interprète à portée de main ;
- ``setis_deplacement`` : demander au SeTIS wallon un interprète sur place ;
- ``setis_telephone`` : demander au SeTIS wallon un interprétariat par téléphone ;
- ``setis_traduction`` : demander au SeTIS wallon une traduction écrite ;
- ``officiel_a_verifier`` : procédure judiciaire ou traduction officielle : ce que le SeTIS fait
  dans ce cadre n'est pas confirmé, le kit ne le recommande pas sans vérification ;
- ``hors_setis`` : le demandeur n'est ni un service public ni un service non marchand : le SeTIS ne
  travaille pas pour lui, il faut un autre moyen.

Quel que soit le statut, un enfant n'est jamais l'interprète : la décision le dit et dit pourquoi.

Les faits sur le SeTIS viennent de ``parametres/interprete.yaml`` (lui-même tiré de docs/faits-verifies.md
§ 8 et § 2) ; ce qui n'y est pas confirmé devient un avertissement « non confirmé ». Le reste (ce
qu'on sait des interprètes « de fortune », du briefing...) relève des bonnes pratiques de
l'interprétariat en milieu social, citées par la séance 3 du module « Communication interculturelle ».

En ligne de commande : ``python -m widgets.rules.interprete situation.json --date 2026-11-30``.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets.rules import legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Etape, Motif, date_fr
from widgets.rules.validation import ErreurChamp, ErreurSituation, choix, valider_modele

STATUTS = ("pas_necessaire", "francais_adapte", "setis_deplacement", "setis_telephone", "setis_traduction",
           "officiel_a_verifier", "hors_setis")
NIVEAUX_FRANCAIS = ("oui", "partiellement", "non", "incertain")
ENJEUX = ("information_generale", "decision_droits", "sante", "violence_sensible")
SERVICES = ("public", "non_marchand", "prive_marchand", "particulier")
DELAIS = ("planifie", "urgence")
BESOINS = ("entretien", "document")
INTERPRETES_PROPOSES = ("aucun", "enfant", "proche_adulte", "collegue")
ENJEUX_FORTS = ("decision_droits", "sante", "violence_sensible")

LIBELLES = {
    "langue": "langue que la personne comprend le mieux",
    "francais_suffisant": "la personne parle-t-elle assez le français pour ce qui est en jeu ?",
    "enjeu": "enjeu de l'entretien",
    "besoin": "entretien oral ou document écrit à traduire",
    "service": "type de service qui reçoit la personne",
    "cadre_parcours": "dans le cadre du parcours d'intégration",
    "delai": "urgence ou rendez-vous planifié",
    "interprete_propose": "quelqu'un de l'entourage est-il proposé comme interprète ?",
    "document_officiel": "document destiné à une autorité (traduction officielle)",
    "procedure_judiciaire": "procédure judiciaire (audience, audition)",
    "date_reference": "date de la demande",
}

LIBELLES_STATUT = {
    "pas_necessaire": "Pas besoin d'interprète pour cet échange",
    "francais_adapte": "Parler un français adapté, et garder l'interprète à portée de main",
    "setis_deplacement": "Demander au SeTIS wallon un interprète sur place",
    "setis_telephone": "Demander au SeTIS wallon un interprétariat par téléphone",
    "setis_traduction": "Demander au SeTIS wallon une traduction écrite",
    "officiel_a_verifier": "Cadre judiciaire ou traduction officielle : à vérifier avant de faire appel au SeTIS",
    "hors_setis": "Le SeTIS wallon ne travaille pas pour ce demandeur : il faut un autre moyen",
}

LIBELLES_CHOIX = {
    "francais_suffisant": {"oui": "oui", "partiellement": "partiellement", "non": "non", "incertain": "je ne sais pas"},
    "enjeu": {"information_generale": "information générale", "decision_droits": "décision sur des droits",
              "sante": "santé", "violence_sensible": "violence ou situation sensible"},
    "besoin": {"entretien": "un entretien (oral)", "document": "un document écrit à traduire"},
    "service": {"public": "service public (commune, CPAS, CRI, école, hôpital public...)",
                "non_marchand": "service non marchand (ASBL, association)",
                "prive_marchand": "entreprise privée (commerce, cabinet privé...)",
                "particulier": "un particulier (la personne elle-même, un voisin...)"},
    "delai": {"planifie": "rendez-vous planifié", "urgence": "urgence"},
    "interprete_propose": {"aucun": "personne", "enfant": "un enfant", "proche_adulte": "un proche adulte (conjoint, ami, voisin)",
                           "collegue": "un collègue bilingue"},
}

SERVICES_COURTS = {"public": "service public", "non_marchand": "service non marchand", "prive_marchand": "entreprise privée",
                   "particulier": "particulier"}

REF_PRATIQUES = ("Bonnes pratiques de l'interprétariat en milieu social : Charte de l'interprétariat médical et social "
                 "professionnel (2012), https://www.migrationssante.org/axes-dintervention/interpretariat/le-metier-de-linterprete-medical-et-social/ ; "
                 "séance 3 du module « Communication interculturelle »")
REF_FORTUNE = ("Aides à la traduction privées : migesplus (Suisse), "
               "https://migesexpert.migesplus.ch/fr/traduction-interpretation-et-communication/formes-dinterpretariat/aides-a-la-traduction-privees/ ; "
               "Société canadienne de pédiatrie (2023), https://cps.ca/fr/documents/position/lacces-a-des-services-dinterpretation-appropries-essentiel-pour-la-sante-des-enfants")
REF_URGENCE = "Numéros d'urgence : 112 (secours, ambulance, pompiers), 101 (police) — https://www.112.be/fr/ ; https://www.police.be/5998/fr/contact/numeros-durgence"


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)).casefold().strip()


class Situation(BaseModel):
    """La situation telle que le professionnel la décrit. Seuls la langue, le niveau de français et
    l'enjeu sont obligatoires ; les autres champs ont une valeur par défaut, que la décision signale
    comme une hypothèse quand elle n'a pas été donnée."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    langue: Annotated[str, Field(min_length=1, max_length=60)]
    francais_suffisant: Annotated[Literal[NIVEAUX_FRANCAIS], choix(NIVEAUX_FRANCAIS)]  # type: ignore[valid-type]
    enjeu: Annotated[Literal[ENJEUX], choix(ENJEUX)]  # type: ignore[valid-type]
    besoin: Annotated[Literal[BESOINS], choix(BESOINS)] = "entretien"  # type: ignore[valid-type]
    service: Annotated[Literal[SERVICES], choix(SERVICES)] = "public"  # type: ignore[valid-type]
    cadre_parcours: StrictBool = False
    delai: Annotated[Literal[DELAIS], choix(DELAIS)] = "planifie"  # type: ignore[valid-type]
    interprete_propose: Annotated[Literal[INTERPRETES_PROPOSES], choix(INTERPRETES_PROPOSES)] = "aucun"  # type: ignore[valid-type]
    document_officiel: StrictBool = False
    procedure_judiciaire: StrictBool = False

    @field_validator("langue")
    @classmethod
    def _langue(cls, v: str) -> str:
        if not any(c.isalpha() for c in v) or not all(c.isalpha() or c in " '’-/(),." for c in v):
            raise PydanticCustomError(
                "kit", "« {v} » n'est pas un nom de langue : lettres, espaces, tirets et apostrophes seulement (ex. arabe, dari, tigrinya, ukrainien).",
                {"v": v[:40]})
        if _sans_accents(v) in ("francais", "le francais", "fr", "french"):
            raise PydanticCustomError(
                "kit", "indiquez la langue que la personne comprend le mieux, autre que le français. Si elle parle assez le français, "
                       "répondez « oui » à la question sur le français.")
        return v

    @model_validator(mode="after")
    def _coherence(self):
        if self.document_officiel and self.besoin != "document":
            raise ErreurChamp("document_officiel", "ne cochez « document officiel » que si le besoin est la traduction d'un document écrit.")
        if self.cadre_parcours and self.service in ("prive_marchand", "particulier"):
            raise ErreurChamp("cadre_parcours", "le parcours d'intégration est organisé par les CRI et leurs partenaires publics ou associatifs : "
                                                "choisissez le type de service qui reçoit la personne, ou décochez cette case.")
        return self


def valider(situation: dict[str, Any] | Situation, date_reference: dt.date) -> Situation:
    """Valide une situation ; lève ``ErreurSituation`` (messages français par champ)."""
    bareme = legislation.charger("interprete")
    if not isinstance(date_reference, dt.date) or isinstance(date_reference, dt.datetime):
        raise ErreurSituation([("date_reference", "une date est attendue (AAAA-MM-JJ).")], LIBELLES)
    if date_reference < bareme.couverture_debut:
        message = (f"le kit ne décrit l'offre du SeTIS wallon qu'à partir du {date_fr(bareme.couverture_debut)}, "
                   "date à laquelle il l'a vérifiée.")
        raise ErreurSituation([("date_reference", message)], LIBELLES)
    return valider_modele(Situation, situation, LIBELLES)


# --- L'évaluation ----------------------------------------------------------------------------

class _Evaluation:
    """Accumule la trace, les motifs, les avertissements et les hypothèses."""

    def __init__(self, s: Situation, date_reference: dt.date):
        self.s, self.date = s, date_reference
        self.bareme = legislation.charger("interprete")
        self.trace: list[Etape] = []
        self.motifs: list[Motif] = []
        self.avertissements: list[str] = []
        self.hypotheses: list[str] = []

    def param(self, nom: str) -> legislation.ValeurDatee:
        v = self.bareme.valeur(nom, self.date)
        if v is None:  # le kit ne connaît aucune valeur à cette date : il ne l'invente pas
            raise LookupError(nom)
        if v.incertain:
            self.avertir(v.incertain)
        return v

    def avertir(self, texte: str) -> None:
        if texte not in self.avertissements:
            self.avertissements.append(texte)

    def etape(self, code: str, question: str, reponse: str, reference: str, decisive: bool = False) -> None:
        self.trace.append(Etape(code, question, reponse, reference, decisive))


def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date | None = None) -> Decision:
    """Faut-il un interprète pour cette situation, lequel, et pourquoi ?"""
    date_reference = date_reference if date_reference is not None else dt.date.today()
    s = valider(situation, date_reference)
    ev = _Evaluation(s, date_reference)
    _hypotheses(ev)
    _entourage(ev)
    statut = _statut(ev)
    if statut.startswith("setis_"):
        _conditions_setis(ev)
    if ev.bareme.peut_etre_perime(date_reference):
        ev.avertir(f"Les informations du kit sur le SeTIS ont été vérifiées le {date_fr(ev.bareme.derniere_revue)} ; après le "
                   f"{date_fr(ev.bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé (https://setisw.com).")
    details = {
        "langue": s.langue,
        "enjeu": LIBELLES_CHOIX["enjeu"][s.enjeu],
        "a_faire": _a_faire(s, statut),
        "modes_setis": modes_setis(date_reference) if statut != "pas_necessaire" else [],
        "hypotheses": ev.hypotheses,
    }
    return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(ev.motifs), trace=tuple(ev.trace),
                    date_reference=date_reference, avertissements=tuple(ev.avertissements), details=details)


def _hypotheses(ev: _Evaluation) -> None:
    donnes = ev.s.model_fields_set
    for champ, texte in (("service", "Type de service non précisé : le kit suppose un service public."),
                         ("besoin", "Besoin non précisé : le kit suppose un entretien oral."),
                         ("delai", "Délai non précisé : le kit suppose un rendez-vous planifié."),
                         ("interprete_propose", "Le kit suppose que personne de l'entourage n'est proposé comme interprète.")):
        if champ not in donnes:
            ev.hypotheses.append(texte)


def _entourage(ev: _Evaluation) -> None:
    """Un interprète « de fortune » est-il proposé ? Le motif s'ajoute quelle que soit la suite."""
    s = ev.s
    propose = s.interprete_propose
    ev.etape("entourage", "Quelqu'un de l'entourage est-il proposé comme interprète ?",
             "non" if propose == "aucun" else f"oui : {LIBELLES_CHOIX['interprete_propose'][propose]}", REF_FORTUNE)
    if propose == "enfant":
        ev.motifs.append(Motif(
            "jamais_enfant",
            "Jamais un enfant comme interprète, même s'il parle très bien le français et même si la famille le propose. "
            "On lui ferait porter des informations d'adultes (argent, maladie, conflits, violences) qui ne sont pas de son âge ; "
            "on inverse les rôles dans la famille ; il peut, par loyauté ou par peur, adoucir, omettre ou changer ce qui se dit ; "
            "il ne connaît ni le vocabulaire administratif ou médical, ni le secret professionnel. "
            "Remerciez-le, et organisez un autre moyen.", REF_FORTUNE))
    elif propose == "proche_adulte":
        if s.enjeu == "violence_sensible":
            texte = ("Pas de proche comme interprète quand il est question de violence ou d'une situation sensible : le proche peut être "
                     "partie au conflit, voire l'auteur des violences, et la personne ne pourra pas parler librement devant lui. "
                     "Recevez la personne seule, avec un interprète professionnel.")
        elif s.enjeu in ENJEUX_FORTS:
            texte = ("Un proche adulte est déconseillé pour cet entretien : il n'est tenu ni à la neutralité ni à la confidentialité, "
                     "il peut répondre à la place de la personne, résumer ou filtrer, et la personne peut taire ce qu'elle ne veut pas lui dire. "
                     "Préférez un interprète professionnel.")
        else:
            texte = ("Un proche adulte peut aider pour une information simple et sans caractère confidentiel, si la personne le choisit "
                     "librement ; vérifiez alors la compréhension en lui faisant reformuler. Dès que l'échange touche à des droits, "
                     "à la santé ou à la vie privée, passez à un interprète professionnel.")
        ev.motifs.append(Motif("proche_deconseille", texte, REF_FORTUNE))
    elif propose == "collegue":
        if s.enjeu in ENJEUX_FORTS:
            texte = ("Un collègue bilingue n'est pas interprète : il mélange son rôle et celui d'interprète, n'est pas formé à traduire "
                     "fidèlement tout ce qui se dit, et la personne ne sait plus à qui elle parle. Pour un entretien à fort enjeu, "
                     "préférez un interprète professionnel.")
        else:
            texte = ("Un collègue bilingue peut dépanner pour une information générale, s'il accepte et s'il a le temps ; "
                     "il reste un collègue, pas un interprète professionnel tenu à la neutralité.")
        ev.motifs.append(Motif("collegue_limites", texte, REF_PRATIQUES))


def _statut(ev: _Evaluation) -> str:
    s = ev.s
    organisme = ev.param("organisme_agree")

    # 1. Le besoin : un entretien oral, ou un document écrit.
    ev.etape("besoin", "S'agit-il d'un entretien oral ou d'un document écrit à traduire ?", LIBELLES_CHOIX["besoin"][s.besoin], REF_PRATIQUES)

    # 2. Pour un entretien : la personne parle-t-elle assez le français pour ce qui est en jeu ?
    if s.besoin == "entretien":
        reponse = LIBELLES_CHOIX["francais_suffisant"][s.francais_suffisant]
        question = f"La personne parle-t-elle assez le français pour ce qui est en jeu ({LIBELLES_CHOIX['enjeu'][s.enjeu]}) ?"
        if s.francais_suffisant == "oui":
            ev.etape("francais", question, reponse, REF_PRATIQUES, decisive=True)
            texte = ("La personne parle assez le français pour cet échange : un interprète n'est pas nécessaire. "
                     "Parlez clairement et vérifiez la compréhension en lui demandant de redire avec ses mots ce qu'elle a retenu ; "
                     "si elle demande un interprète, acceptez : c'est elle qui sait dans quelle langue elle s'exprime le mieux.")
            if s.enjeu in ENJEUX_FORTS:
                texte += (" L'enjeu est important : même quand on se débrouille en français, les mots de l'émotion, du corps ou du droit "
                          "viennent souvent plus facilement dans sa propre langue. Proposez-lui l'interprète, sans insister.")
            ev.motifs.append(Motif("francais_suffisant", texte, REF_PRATIQUES))
            return "pas_necessaire"
        if s.francais_suffisant == "partiellement" and s.enjeu == "information_generale":
            ev.etape("francais", question, reponse, REF_PRATIQUES, decisive=True)
            recours = (f"faites appel au {organisme.valeur} (par téléphone, c'est souvent le plus rapide)" if s.service in ("public", "non_marchand")
                       else "faites appel à un interprète professionnel (le SeTIS wallon ne travaille que pour les services publics et non marchands)")
            ev.motifs.append(Motif("francais_adapte", "Pour une information générale, un français adapté suffit souvent : phrases courtes, un message à la fois, "
                                   "mots simples et toujours les mêmes, un document écrit ou un schéma à emporter. Vérifiez la compréhension ; "
                                   f"si elle n'est pas assurée, ou si l'échange glisse vers une décision, la santé ou la vie privée, {recours}.", REF_PRATIQUES))
            return "francais_adapte"
        ev.etape("francais", question, reponse, REF_PRATIQUES)
        if s.francais_suffisant == "incertain":
            ev.motifs.append(Motif("dans_le_doute", "Vous ne savez pas si la personne comprend assez le français : dans le doute, prévoyez un interprète. "
                                   "Un « oui » poli ou un hochement de tête ne prouve pas qu'elle a compris.", REF_PRATIQUES))
        elif s.francais_suffisant == "partiellement":
            ev.motifs.append(Motif("enjeu_fort", f"Un français partiel ne suffit pas quand l'enjeu est « {LIBELLES_CHOIX['enjeu'][s.enjeu]} » : "
                                   "une erreur de compréhension peut coûter un droit, un soin ou la sécurité de la personne.", REF_PRATIQUES))
        else:
            ev.motifs.append(Motif("francais_insuffisant", "La personne ne parle pas assez le français pour cet échange : il faut un interprète.", REF_PRATIQUES))
    else:
        ev.etape("francais", "La personne parle-t-elle assez le français ?", "sans objet : c'est un document écrit à traduire", REF_PRATIQUES)

    # 3. Le demandeur : le SeTIS travaille pour les services publics et non marchands, pas pour les particuliers.
    servis = ev.param("services_servis")
    eligible = s.service in servis.valeur
    ev.etape("service", f"Le demandeur est-il un service public ou non marchand ({SERVICES_COURTS[s.service]}) ?",
             "oui" if eligible else "non", servis.source(), decisive=not eligible)
    if not eligible:
        if s.service == "particulier":
            texte = (f"Le {organisme.valeur} travaille pour des services publics et non marchands, pas pour les particuliers directement. "
                     "Si l'échange concerne un service public ou une association (CPAS, commune, CRI, école, hôpital public, ASBL...), "
                     "c'est ce service qui peut faire la demande. Sinon, il faut un interprète ou un traducteur professionnel, à trouver "
                     "par un autre canal (et, en principe, à payer).")
        else:
            texte = (f"Le {organisme.valeur} travaille pour des services publics et non marchands : une entreprise privée ne peut pas y faire appel. "
                     "Elle doit trouver un interprète ou un traducteur professionnel par un autre canal, à ses frais. "
                     "Le kit ne recommande aucun prestataire commercial.")
        ev.motifs.append(Motif("hors_setis", texte, servis.source()))
        return "hors_setis"
    ev.motifs.append(Motif("service_demandeur", f"C'est votre service qui fait la demande au {organisme.valeur}, pas la personne. "
                           f"Le {organisme.valeur} est le seul service agréé d'interprétariat en milieu social pour la région de langue française ; "
                           "ses interprètes facilitent la communication entre votre service et la personne, sans lui apporter d'aide directe.",
                           f"{organisme.source()} ; {servis.source()}"))

    # 4. Un cadre judiciaire ou une traduction officielle : non confirmé.
    if s.procedure_judiciaire or s.document_officiel:
        nom = "exclusion_tribunaux" if s.procedure_judiciaire else "exclusion_traduction_officielle"
        v = ev.param(nom)
        question = ("L'échange a-t-il lieu dans une procédure judiciaire (audience, audition) ?" if s.procedure_judiciaire
                    else "Le document doit-il être remis à une autorité (traduction officielle ou jurée) ?")
        ev.etape(nom, question, "oui", v.source(), decisive=True)
        texte = ("Dans une procédure judiciaire, l'interprète est en principe désigné par l'autorité judiciaire elle-même (⚠ à vérifier auprès d'elle). "
                 f"Le kit ne peut pas confirmer que le {organisme.valeur} intervient dans ce cadre." if s.procedure_judiciaire else
                 f"Le {organisme.valeur} fait de la traduction écrite dans le cadre de son agrément, mais le kit ne peut pas confirmer qu'il fournit "
                 "des traductions jurées ou « officielles ». Demandez d'abord à l'autorité qui recevra le document quelle traduction elle exige.")
        ev.motifs.append(Motif("officiel_non_confirme", texte, v.source(), v.incertain))
        return "officiel_a_verifier"

    # 5. Le mode : traduction écrite, téléphone ou déplacement.
    if s.besoin == "document":
        v = ev.param("mode_traduction_ecrite")
        ev.etape("mode", "Quel mode d'intervention ?", "traduction écrite", v.source(), decisive=True)
        ev.motifs.append(Motif("traduction_ecrite", f"Pour un document, le {organisme.valeur} propose la traduction écrite. "
                               "Précisez à quoi servira la traduction et pour quand vous en avez besoin.", v.source()))
        if s.delai == "urgence":
            ev.avertir("Une traduction écrite demande du temps : demandez le délai au SeTIS. En attendant, un interprétariat par téléphone "
                       "permet d'expliquer oralement l'essentiel du document à la personne.")
        return "setis_traduction"

    if s.delai == "urgence":
        v = ev.param("mode_telephone")
        ev.etape("mode", "Quel mode d'intervention ?", "par téléphone (urgence)", v.source(), decisive=True)
        ev.motifs.append(Motif("telephone_urgence", "C'est une urgence : l'interprétariat par téléphone évite d'attendre le déplacement d'un interprète. "
                               "Les délais réels sont à demander au SeTIS (le kit ne les connaît pas).", v.source()))
        if s.enjeu in ("violence_sensible", "sante"):
            ev.motifs.append(Motif("secours", "En cas d'urgence médicale, appelez d'abord le 112 ; en cas de danger immédiat, la police (101). "
                                   "L'interprète ne remplace pas les secours.", REF_URGENCE))
        return "setis_telephone"

    if s.enjeu in ENJEUX_FORTS:
        v = ev.param("mode_deplacement")
        ev.etape("mode", "Quel mode d'intervention ?", "interprète sur place (par déplacement)", v.source(), decisive=True)
        ev.motifs.append(Motif("presentiel_enjeu_fort", f"Entretien planifié et à fort enjeu ({LIBELLES_CHOIX['enjeu'][s.enjeu]}) : un interprète sur place "
                               "permet un vrai briefing avant l'entretien, facilite la confiance et la lecture des gestes et des silences, "
                               "et donne le temps de vérifier la compréhension. Réservez-le dès que le rendez-vous est fixé.", v.source()))
        return "setis_deplacement"

    v = ev.param("mode_telephone")
    ev.etape("mode", "Quel mode d'intervention ?", "par téléphone (information générale)", v.source(), decisive=True)
    ev.motifs.append(Motif("telephone_information", "Pour une information générale, l'interprétariat par téléphone suffit le plus souvent. "
                           "Pour une séance collective ou un entretien long, préférez un interprète sur place.", v.source()))
    return "setis_telephone"


def _conditions_setis(ev: _Evaluation) -> None:
    """La gratuité et la langue, pour toute recommandation du SeTIS."""
    s = ev.s
    if s.cadre_parcours:
        v = ev.param("gratuit_parcours")
        ev.etape("gratuite", "L'entretien a-t-il lieu dans le cadre du parcours d'intégration ?", "oui : gratuit", v.source())
        ev.motifs.append(Motif("gratuit_parcours", "Dans le cadre du parcours d'intégration (bilan social, séances sur les droits et devoirs...), "
                               "l'interprétariat du SeTIS est gratuit.", v.source()))
    else:
        v = ev.param("gratuit_hors_parcours")  # son « incertain » devient un avertissement
        ev.etape("gratuite", "L'entretien a-t-il lieu dans le cadre du parcours d'intégration ?", "non : gratuité à vérifier", v.source())
    langues = ev.param("nombre_langues")
    ev.avertir(f"Le SeTIS travaille en {langues.valeur} langues, mais le kit n'en a pas la liste : vérifiez que « {s.langue} » en fait partie, "
               "et précisez la variante (pays, dialecte) quand vous faites la demande.")


def _a_faire(s: Situation, statut: str) -> list[str]:
    """Les gestes concrets qui accompagnent la recommandation."""
    if statut == "pas_necessaire":
        return ["Parlez clairement, sans jargon, et faites reformuler les points importants.",
                "Remettez par écrit ce qui doit être retenu (rendez-vous, documents à apporter)."]
    if statut == "francais_adapte":
        return ["Une idée par phrase ; les mêmes mots du début à la fin (ne pas dire « domiciliation » puis « adresse officielle »).",
                "Montrez les documents, dessinez, écrivez les dates et les montants.",
                "Faites reformuler ; si la compréhension n'est pas assurée, passez à l'interprète."]
    if statut == "hors_setis":
        return ["Ne vous rabattez pas sur un enfant de la personne.",
                "Demandez-vous si un service public ou associatif est partie à l'échange : c'est lui qui peut faire appel au SeTIS."]
    if statut == "officiel_a_verifier":
        return ["Demandez à l'autorité concernée quel interprète ou quelle traduction elle exige.",
                "Posez la question au SeTIS avant de lui confier la demande."]
    commun = ["Précisez au SeTIS la langue (et sa variante), la date, la durée prévue, le lieu et le sujet général de l'entretien."]
    if statut == "setis_traduction":
        return ["Envoyez un document lisible et complet ; dites à quoi servira la traduction et pour quand.",
                             "Relisez la traduction avec la personne si elle doit signer ou décider quelque chose."]
    gestes = commun + [
        "Briefing (quelques minutes avant) : le but de l'entretien, les mots techniques qui viendront, ce qui peut être difficile.",
        "Pendant l'entretien : parlez directement à la personne (« vous »), en phrases courtes ; laissez l'interprète tout traduire.",
        "Débriefing (après) : ce qui a posé question, et comment l'interprète a vécu l'entretien, surtout s'il a été lourd.",
    ]
    if statut == "setis_telephone":
        gestes.insert(1, "Préparez un téléphone en haut-parleur, dans un bureau calme, et présentez chaque personne présente au début.")
        if s.delai == "urgence" and s.enjeu in ENJEUX_FORTS:
            gestes.append("Pour la suite de l'accompagnement, réservez un interprète sur place pour les entretiens planifiés.")
    else:
        gestes.insert(1, "Placez-vous en triangle : vous face à la personne, l'interprète à côté, un peu en retrait.")
    return gestes


def modes_setis(date_reference: dt.date) -> list[dict[str, Any]]:
    """Les quatre modes d'intervention du SeTIS connus du kit, chacun avec sa source."""
    bareme = legislation.charger("interprete")
    modes = []
    for nom, titre, texte in (
        ("mode_deplacement", "Interprète sur place (par déplacement)", "L'interprète vient à l'entretien, dans votre service."),
        ("mode_permanence", "Interprète en permanence", "L'interprète est présent à des moments fixes dans un service."),
        ("mode_telephone", "Interprétariat par téléphone", "L'interprète intervient à distance, au téléphone."),
        ("mode_traduction_ecrite", "Traduction écrite", "Un document est traduit par écrit."),
    ):
        v = bareme.valeur(nom, date_reference)
        if v is not None and v.valeur:
            modes.append({"code": nom.removeprefix("mode_"), "titre": titre, "texte": texte, "reference": v.source(), "incertain": v.incertain})
    return modes


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.interprete",
                        "Faut-il un interprète, et lequel ? Situation en JSON, décision en JSON.",
                        "fichier JSON de la situation", lambda situation, date: evaluer(situation, date))


if __name__ == "__main__":
    sys.exit(main())
