"""La taille d'une ASBL selon le Code des sociétés et des associations (CSA) et ses obligations.

``evaluer(situation, date_reference)`` rend une ``Decision`` dont le statut est l'un de :

- ``tres_petite`` : l'ASBL peut tenir une **comptabilité simplifiée** (CSA, art. 3:47, § 2) ;
- ``micro`` : micro-ASBL (CSA, art. 1:29) ;
- ``petite`` : petite ASBL (CSA, art. 1:28) ;
- ``autre_que_petite`` : au-delà (le CSA ne parle plus de « grande » ASBL).

Une catégorie s'applique si l'ASBL ne dépasse pas **plus d'un** de ses critères. Les chiffres à
donner sont ceux du **dernier exercice clôturé** (ou, pour un premier exercice, une estimation de
bonne foi) : travailleurs en équivalents temps plein (moyenne annuelle), recettes hors TVA et hors
recettes exceptionnelles, total du bilan ; pour la comptabilité simplifiée s'y ajoutent le total
des avoirs (par défaut : le total du bilan) et le total des dettes.

**Deux exercices consécutifs.** Dépasser (ou ne plus dépasser) les seuils ne change la catégorie
que si cela se produit pendant deux exercices consécutifs ; le changement vaut à partir de
l'exercice suivant. Sans ``exercices_precedents``, le kit juge un seul exercice et le dit. Avec
eux (du plus récent au plus ancien), il applique la règle, critère de catégorie par critère de
catégorie, en partant de la situation du plus ancien exercice donné.

Les seuils viennent de ``parametres/asbl.yaml``, lus à la date de **début de l'exercice** examiné
(``debut_exercice`` ; par défaut le 1er janvier de l'année de la date de référence) : les seuils de
2024 valent pour les exercices commençant après le 31 décembre 2023. La décision cite chaque
seuil comparé, sa référence, et les obligations qui en découlent.

En ligne de commande : ``python -m widgets.rules.asbl situation.json --date 2026-11-22``.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from widgets.rules import legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Etape, Motif, date_fr
from widgets.rules.montants import Montant, Nombre, euros, nombre_fr
from widgets.rules.validation import (
    DateISO,
    ErreurChamp,
    ErreurSituation,
    valider_modele,
)

STATUTS = ("tres_petite", "micro", "petite", "autre_que_petite")
NIVEAUX = ("simplifiee", "micro", "petite")  # du plus exigeant au plus large

LIBELLES = {
    "etp_moyen": "travailleurs, en équivalents temps plein (moyenne annuelle)",
    "recettes": "recettes annuelles hors TVA, hors recettes exceptionnelles",
    "total_bilan": "total du bilan",
    "total_actifs": "total des avoirs (actifs)",
    "dettes": "total des dettes",
    "debut_exercice": "début de l'exercice comptable examiné",
    "exercices_precedents": "chiffres des exercices précédents (du plus récent au plus ancien)",
    "date_reference": "date de référence",
}

LIBELLES_STATUT = {
    "tres_petite": "Très petite ASBL : la comptabilité simplifiée est possible",
    "micro": "Micro-ASBL",
    "petite": "Petite ASBL",
    "autre_que_petite": "ASBL autre que petite",
}

NOMS_NIVEAU = {
    "simplifiee": "la comptabilité simplifiée (très petite ASBL)",
    "micro": "la micro-ASBL",
    "petite": "la petite ASBL",
}

ARTICLES = {
    "simplifiee": "CSA, art. 3:47, § 2 ; CDE, art. III.85, § 2",
    "micro": "CSA, art. 1:29, § 1er",
    "petite": "CSA, art. 1:28, § 1er",
}

# Les critères de chaque niveau : (code, paramètre, champ des chiffres, libellé, unité).
CRITERES = {
    "simplifiee": (("travailleurs", "simplifiee_travailleurs", "etp_moyen", "Travailleurs (ETP)", "etp"),
                   ("recettes", "simplifiee_recettes", "recettes", "Recettes hors TVA", "euros"),
                   ("avoirs", "simplifiee_avoirs", "total_actifs", "Total des avoirs", "euros"),
                   ("dettes", "simplifiee_dettes", "dettes", "Total des dettes", "euros")),
    "micro": (("travailleurs", "micro_travailleurs", "etp_moyen", "Travailleurs (ETP)", "etp"),
              ("recettes", "micro_recettes", "recettes", "Recettes hors TVA", "euros"),
              ("bilan", "micro_bilan", "total_bilan", "Total du bilan", "euros")),
    "petite": (("travailleurs", "petite_travailleurs", "etp_moyen", "Travailleurs (ETP)", "etp"),
               ("recettes", "petite_recettes", "recettes", "Recettes hors TVA", "euros"),
               ("bilan", "petite_bilan", "total_bilan", "Total du bilan", "euros")),
}

SOURCE_DEPOT = "monasbl.be, « Comment déposer les comptes annuels de son ASBL » — https://monasbl.be/info/comment-deposer-les-comptes-annuels-de-son-asbl"
SOURCE_TRANSITOIRE = ("Avis CNC 2024/08 — https://www.cnc-cbn.be/fr/avis/impact-de-la-hausse-des-criteres-de-taille-pour-les-aisbl-et-fondations ; "
                      "https://jubel.be/fr/application-des-criteres-de-taille-modifies-aux-asbl-et-fondations")
SOURCE_UBO = ("Registre UBO (SPF Finances) ; CDE, art. III.42, § 1er, 6° — https://monasbl.be/nouvelles/droit/voici-comment-remplir-et-confirmer-les-donnees-du-registre-ubo ; "
              "https://blog.degandpartners.com/fr/article/votre-asbl-peut-elle-etre-radiee-pour-un-simple-oubli-dans-le-registre-ubo/27409")
SOURCE_CSA_2020 = ("Grant Thornton, « Les obligations comptables applicables aux ASBL et AISBL » : le CSA s'applique aux ASBL constituées "
                   "avant le 1er mai 2019 depuis le 1er janvier 2020 (sauf adhésion anticipée)")


class Exercice(BaseModel):
    """Les chiffres d'un exercice clôturé."""

    model_config = ConfigDict(extra="forbid")

    etp_moyen: Nombre
    recettes: Montant
    total_bilan: Montant
    total_actifs: Montant | None = None
    dettes: Montant | None = None

    @model_validator(mode="before")
    @classmethod
    def _vides(cls, valeurs):
        if isinstance(valeurs, dict):
            return {k: (None if isinstance(v, str) and v.strip() == "" else v) for k, v in valeurs.items()}
        return valeurs


class Situation(Exercice):
    """Les chiffres du dernier exercice clôturé, et si on les connaît, ceux des exercices d'avant."""

    debut_exercice: DateISO = None
    exercices_precedents: Annotated[list[Exercice], Field(max_length=10)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _coherence(self):
        if self.etp_moyen > 100000:
            raise ErreurChamp("etp_moyen", "nombre de travailleurs invraisemblable (plus de 100 000 ETP).")
        return self


def valider(situation: dict[str, Any] | Situation, date_reference: dt.date) -> Situation:
    bareme = legislation.charger("asbl")
    if date_reference < bareme.couverture_debut:
        raise ErreurSituation([("date_reference", f"le kit ne couvre que le Code des sociétés et des associations, en vigueur depuis le {date_fr(bareme.couverture_debut)}.")], LIBELLES)
    s = valider_modele(Situation, situation, LIBELLES)
    if s.debut_exercice is not None and s.debut_exercice < bareme.couverture_debut:
        raise ErreurSituation([("debut_exercice", f"le kit ne couvre que les exercices commençant à partir du {date_fr(bareme.couverture_debut)} (Code des sociétés et des associations).")], LIBELLES)
    return s


# --- Comparer un exercice aux seuils -----------------------------------------------------------

def _valeur(exercice: Exercice, champ: str) -> Decimal | None:
    if champ == "total_actifs" and exercice.total_actifs is None:
        return exercice.total_bilan  # hypothèse dite dans la décision
    return getattr(exercice, champ)


def _texte(valeur: Decimal | int | None, unite: str) -> str:
    if valeur is None:
        return "non précisé"
    return euros(valeur) if unite == "euros" else f"{nombre_fr(valeur)} ETP"


def comparer(exercice: Exercice, niveau: str, bareme: legislation.Bareme, date: dt.date) -> dict[str, Any]:
    """Chaque critère du niveau : seuil en vigueur, valeur, dépassé ou non ; et la conclusion."""
    criteres = []
    for code, param, champ, libelle, unite in CRITERES[niveau]:
        seuil = bareme.valeur(param, date)
        valeur = _valeur(exercice, champ)
        depasse = None if valeur is None else valeur > Decimal(seuil.valeur)
        criteres.append({"code": code, "libelle": libelle, "unite": unite, "seuil": Decimal(seuil.valeur), "valeur": valeur,
                         "depasse": depasse, "depuis": seuil.depuis, "reference": seuil.source(), "incertain": seuil.incertain,
                         "texte": f"{libelle} : {_texte(valeur, unite)} pour un seuil de {_texte(seuil.valeur, unite)}"
                                  + ("" if depasse is None else (" → dépassé" if depasse else " → non dépassé"))})
    depasses = sum(1 for c in criteres if c["depasse"])
    inconnus = [c for c in criteres if c["depasse"] is None]
    # Un critère inconnu (les dettes) est supposé non dépassé ; la décision le dit quand cela compte.
    return {"niveau": niveau, "criteres": criteres, "depasses": depasses, "dans_la_categorie": depasses <= 1,
            "depend_d_un_inconnu": bool(inconnus) and depasses == 1, "inconnus": [c["code"] for c in inconnus]}


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


COURTS = {"travailleurs": "travailleurs", "recettes": "recettes", "bilan": "total du bilan", "avoirs": "avoirs", "dettes": "dettes"}


def _liste_criteres(comparaison: dict) -> str:
    morceaux = []
    for c in comparaison["criteres"]:
        etat = "dépassé" if c["depasse"] else "non dépassé"
        valeur = "non précisé" if c["valeur"] is None else _texte(c["valeur"], c["unite"])
        if c["valeur"] is None:
            morceaux.append(f"{COURTS[c['code']]} : non précisé, seuil {_texte(c['seuil'], c['unite'])} — supposé non dépassé")
        else:
            morceaux.append(f"{COURTS[c['code']]} : {valeur}, seuil {_texte(c['seuil'], c['unite'])} — {etat}")
    return " ; ".join(morceaux)


# --- L'évaluation -----------------------------------------------------------------------------

def evaluer(situation: dict[str, Any] | Situation, date_reference: dt.date) -> Decision:
    """La catégorie de l'ASBL pour l'exercice qui commence à ``debut_exercice`` (ou le 1er janvier
    de l'année de ``date_reference``), ses motifs, et ses obligations."""
    s = valider(situation, date_reference)
    bareme = legislation.charger("asbl")
    hypotheses: list[str] = []
    avertissements: list[str] = []
    trace: list[Etape] = []

    debut = s.debut_exercice
    if debut is None:
        debut = max(dt.date(date_reference.year, 1, 1), bareme.couverture_debut)
        hypotheses.append(f"Exercice comptable : non précisé, supposé égal à l'année civile ; les seuils appliqués sont ceux des exercices commençant le {date_fr(debut)}.")
    if s.total_actifs is None:
        hypotheses.append("Total des avoirs : non précisé, remplacé par le total du bilan.")

    # Les exercices du plus ancien au plus récent (le dernier est le dernier exercice clôturé).
    exercices = list(reversed(s.exercices_precedents)) + [s]
    comparaisons = [{n: comparer(e, n, bareme, debut) for n in NIVEAUX} for e in exercices]
    dernier = comparaisons[-1]

    # Les critères comparés pour le dernier exercice, niveau par niveau : la trace.
    for niveau in NIVEAUX:
        c = dernier[niveau]
        for critere in c["criteres"]:
            trace.append(Etape(f"{niveau}_{critere['code']}", f"{_majuscule(NOMS_NIVEAU[niveau])} — {critere['libelle']} : le seuil est-il dépassé ?",
                               "inconnu (supposé non dépassé)" if critere["depasse"] is None else
                               f"{'oui' if critere['depasse'] else 'non'} ({_texte(critere['valeur'], critere['unite'])} pour {_texte(critere['seuil'], critere['unite'])})",
                               critere["reference"]))
        trace.append(Etape(f"{niveau}_conclusion", f"L'ASBL dépasse-t-elle plus d'un critère de {NOMS_NIVEAU[niveau]} ?",
                           f"{'oui' if not c['dans_la_categorie'] else 'non'} ({c['depasses']} dépassé{'s' if c['depasses'] > 1 else ''})",
                           ARTICLES[niveau]))

    # La règle des deux exercices consécutifs, niveau par niveau.
    consecutifs = bareme.valeur("exercices_consecutifs", debut)
    etat = {}
    histoire = {}
    for niveau in NIVEAUX:
        bruts = [c[niveau]["dans_la_categorie"] for c in comparaisons]
        etat[niveau], histoire[niveau] = _deux_exercices(bruts, consecutifs.valeur)

    dans = {n: etat[n] for n in NIVEAUX}
    dans["micro"] = dans["micro"] and dans["petite"]
    categorie_csa = "micro" if dans["micro"] else ("petite" if dans["petite"] else "autre_que_petite")
    statut = "tres_petite" if dans["simplifiee"] else categorie_csa
    brut = {n: dernier[n]["dans_la_categorie"] for n in NIVEAUX}
    categorie_brute = "tres_petite" if brut["simplifiee"] else ("micro" if brut["micro"] else ("petite" if brut["petite"] else "autre_que_petite"))

    decisif = {"tres_petite": "simplifiee", "micro": "micro", "petite": "petite", "autre_que_petite": "petite"}[statut]
    trace = [Etape(e.code, e.question, e.reponse, e.reference, decisive=e.code == f"{decisif}_conclusion") for e in trace]

    motifs = _motifs(statut, categorie_csa, dernier, debut, bareme)
    motifs.append(_motif_deux_exercices(s, histoire, etat, brut, statut, categorie_brute, consecutifs))

    d = dernier["simplifiee"]
    if d["depend_d_un_inconnu"]:
        hypotheses.append(f"Total des dettes : non précisé, supposé ne pas dépasser {euros(next(c['seuil'] for c in d['criteres'] if c['code'] == 'dettes'))}. "
                          "S'il le dépasse, l'ASBL dépasse deux critères et ne peut pas tenir de comptabilité simplifiée.")
    elif "dettes" in d["inconnus"]:
        hypotheses.append("Total des dettes : non précisé (sans effet ici sur le résultat).")

    # Avertissements : valeurs incertaines, règles transitoires, revue des paramètres.
    for comparaison in dernier.values():
        for critere in comparaison["criteres"]:
            if critere["incertain"] and critere["incertain"] not in avertissements:
                avertissements.append(critere["incertain"])
    if debut.year == 2024:
        avertissements.append("Exercice 2024 : selon la Commission des normes comptables, la taille se juge pour cet exercice sur les chiffres au 31 décembre 2023, "
                              f"avec les nouveaux seuils. Source : {SOURCE_TRANSITOIRE}")
    if debut < dt.date(2020, 1, 1):
        avertissements.append(f"Une ASBL constituée avant le 1er mai 2019 relève du CSA depuis le 1er janvier 2020 (sauf adhésion anticipée) ; "
                              f"avant, la loi du 27 juin 1921 s'appliquait, avec d'autres catégories, que le kit ne couvre pas. Source : {SOURCE_CSA_2020}.")
    if bareme.peut_etre_perime(date_reference):
        avertissements.append(f"Les règles du kit ont été revues le {date_fr(bareme.derniere_revue)} ; pour une date postérieure au "
                              f"{date_fr(bareme.a_revoir_apres)}, vérifiez qu'elles n'ont pas changé.")

    obligations = _obligations(statut, categorie_csa, debut, bareme)
    for o in obligations:
        if o.get("incertain") and o["incertain"] not in avertissements:
            avertissements.append(o["incertain"])

    details = {
        "debut_exercice": debut,
        "categorie_csa": categorie_csa,
        "comptabilite_simplifiee": dans["simplifiee"],
        "categorie_selon_le_dernier_exercice": categorie_brute,
        "seuils": [_seuils_en_vigueur(dernier[n]) for n in NIVEAUX],
        "exercices": [{"rang": len(exercices) - 1 - i, "libelle": _nom_exercice(len(exercices) - 1 - i),
                       "categorie": _categorie({n: c[n]["dans_la_categorie"] for n in NIVEAUX})}
                      for i, c in enumerate(comparaisons)],
        "regle_deux_exercices": _texte_regle(consecutifs.valeur),
        "obligations": obligations,
        "hypotheses": hypotheses,
    }
    return Decision(statut=statut, libelle=LIBELLES_STATUT[statut], motifs=tuple(motifs), trace=tuple(trace),
                    date_reference=date_reference, avertissements=tuple(avertissements), details=details)


def _categorie(dans: dict[str, bool]) -> str:
    if dans["simplifiee"]:
        return "tres_petite"
    return "micro" if dans["micro"] and dans["petite"] else ("petite" if dans["petite"] else "autre_que_petite")


def _nom_exercice(rang: int) -> str:
    return "dernier exercice clôturé (N)" if rang == 0 else f"exercice N-{rang}"


def _deux_exercices(bruts: list[bool], consecutifs: int) -> tuple[bool, list[bool]]:
    """L'appartenance à une catégorie, exercice après exercice : elle ne change que si la situation
    contraire se répète pendant ``consecutifs`` exercices de suite. Le plus ancien exercice donné
    fixe le point de départ. Rend l'état final et l'état après chaque exercice."""
    etat = bruts[0]
    etats = [etat]
    for i in range(1, len(bruts)):
        fenetre = bruts[max(0, i - consecutifs + 1): i + 1]
        if len(fenetre) == consecutifs and all(b != etat for b in fenetre):
            etat = bruts[i]
        etats.append(etat)
    return etat, etats


def _texte_regle(consecutifs: int) -> str:
    return (f"Dépasser plus d'un critère, ou ne plus le faire, ne change la catégorie que si cela se produit pendant {consecutifs} exercices "
            "consécutifs ; le changement vaut à partir de l'exercice suivant. Pour un premier exercice, les chiffres sont estimés de bonne foi.")


def _motifs(statut: str, categorie_csa: str, dernier: dict, debut: dt.date, bareme) -> list[Motif]:
    motifs = []

    def resume(niveau: str) -> str:
        c = dernier[niveau]
        n, total = c["depasses"], len(c["criteres"])
        compte = f"aucun des {total} critères n'est dépassé" if n == 0 else f"{n} critère{'s' if n > 1 else ''} sur {total} dépassé{'s' if n > 1 else ''}"
        return f"{compte} ({_liste_criteres(c)})"

    def reference(niveau: str) -> str:
        crit = dernier[niveau]["criteres"][1]  # les recettes : le seuil qui a changé en 2024
        return f"{ARTICLES[niveau]} — seuils en vigueur pour les exercices commençant depuis le {date_fr(crit['depuis'])} : {crit['reference'].split(' — ')[0]}"

    def incertain(niveau: str) -> str | None:
        return dernier[niveau]["criteres"][1]["incertain"]

    maintenu = " Ces chiffres seuls ne suffisent pas à changer la catégorie : voir la règle des deux exercices consécutifs ci-dessous."
    simplifiee_brute = dernier["simplifiee"]["dans_la_categorie"]
    simplifiee = statut == "tres_petite"
    if simplifiee_brute:
        texte = f"Comptabilité simplifiée : {resume('simplifiee')} ; pas plus d'un critère n'est dépassé"
    else:
        texte = f"Comptabilité simplifiée : {resume('simplifiee')} ; plus d'un critère est dépassé"
    if simplifiee == simplifiee_brute:
        texte += (" : l'ASBL peut tenir une comptabilité simplifiée et déposer ses comptes selon le modèle simplifié." if simplifiee else
                  " : la comptabilité en partie double est obligatoire.")
    else:
        texte += "." + maintenu
    motifs.append(Motif("comptabilite_simplifiee" if simplifiee else "pas_de_comptabilite_simplifiee", texte, reference("simplifiee"), incertain("simplifiee")))

    micro_brut, petite_brut = dernier["micro"]["dans_la_categorie"], dernier["petite"]["dans_la_categorie"]
    categorie_brute = "micro" if micro_brut else ("petite" if petite_brut else "autre_que_petite")
    if micro_brut:
        texte = f"Micro-ASBL : {resume('micro')} ; pas plus d'un critère n'est dépassé"
        niveau = "micro"
    elif petite_brut:
        texte = (f"Micro-ASBL : {resume('micro')} ; plus d'un critère est dépassé. "
                 f"Petite ASBL : {resume('petite')} ; pas plus d'un critère n'est dépassé")
        niveau = "petite"
    else:
        texte = f"Petite ASBL : {resume('petite')} ; plus d'un critère est dépassé"
        niveau = "petite"
    noms = {"micro": "c'est une micro-ASBL.", "petite": "c'est une petite ASBL.",
            "autre_que_petite": "l'ASBL est « autre que petite » (le CSA ne parle plus de « grande » ASBL)."}
    texte += (" : " + noms[categorie_csa]) if categorie_csa == categorie_brute else "." + maintenu
    motifs.append(Motif(categorie_csa, texte, reference(niveau), incertain(niveau)))
    return motifs


def _motif_deux_exercices(s: Situation, histoire: dict, etat: dict, brut: dict, statut: str, categorie_brute: str, consecutifs) -> Motif:
    regle = _texte_regle(consecutifs.valeur)
    if not s.exercices_precedents:
        return Motif("deux_exercices", f"{regle} Le kit juge ici un seul exercice : il suppose que l'ASBL était déjà dans la même catégorie l'exercice précédent. "
                     "Si ce n'était pas le cas, sa catégorie ne change qu'après deux exercices consécutifs : indiquez les chiffres des exercices précédents.",
                     consecutifs.source())
    if statut == categorie_brute:
        return Motif("deux_exercices", f"{regle} Avec les {len(s.exercices_precedents)} exercice(s) précédent(s) indiqué(s), la catégorie qui résulte "
                     f"des derniers chiffres est confirmée ({LIBELLES_STATUT[statut]}).", consecutifs.source())
    changes = [NOMS_NIVEAU[n] for n in NIVEAUX if etat[n] != brut[n]]
    return Motif("deux_exercices", f"{regle} Les chiffres du dernier exercice, seuls, donneraient « {LIBELLES_STATUT[categorie_brute]} » ; mais pour "
                 f"{', '.join(changes)}, la situation n'a pas duré {consecutifs.valeur} exercices consécutifs : l'ASBL garde sa catégorie "
                 f"({LIBELLES_STATUT[statut]}).", consecutifs.source())


def _seuils_en_vigueur(comparaison: dict) -> dict[str, Any]:
    premier = comparaison["criteres"][1]
    return {"niveau": comparaison["niveau"], "nom": NOMS_NIVEAU[comparaison["niveau"]], "article": ARTICLES[comparaison["niveau"]],
            "depuis": premier["depuis"], "reference": premier["reference"], "incertain": premier["incertain"],
            "criteres": [{k: c[k] for k in ("code", "libelle", "unite", "seuil", "valeur", "depasse", "texte")} for c in comparaison["criteres"]],
            "depasses": comparaison["depasses"], "dans_la_categorie": comparaison["dans_la_categorie"]}


def _obligations(statut: str, categorie_csa: str, debut: dt.date, bareme) -> list[dict[str, Any]]:
    p = lambda nom: bareme.valeur(nom, debut)  # noqa: E731
    simplifiee = statut == "tres_petite"
    autre = categorie_csa == "autre_que_petite"
    depot = p("depot_bnb_delai_jours")
    commissaire = p("commissaire_autre_que_petite")
    rapport = p("rapport_gestion_autre_que_petite")
    ubo_maj, ubo_conf = p("ubo_delai_mise_a_jour_mois"), p("ubo_confirmation_mois")
    schemas = {
        "micro": ("Micro-schéma des comptes annuels.", "Le kit n'a pas vérifié le schéma dans un texte officiel : la pratique est le micro-schéma pour une micro-ASBL ; vérifiez avec votre comptable."),
        "petite": ("Schéma abrégé des comptes annuels.", "Le kit n'a pas vérifié le schéma dans un texte officiel : la pratique est le schéma abrégé pour une petite ASBL ; vérifiez avec votre comptable."),
        "autre_que_petite": ("Schéma complet des comptes annuels.", None),
    }
    obligations = [
        {"code": "comptabilite", "titre": "Comptabilité",
         "texte": ("Comptabilité simplifiée possible : un journal des recettes et des dépenses et un état du patrimoine. L'ASBL peut aussi choisir "
                   "la comptabilité en partie double." if simplifiee else
                   "Comptabilité en partie double, selon le plan comptable minimum normalisé des associations."),
         "reference": ARTICLES["simplifiee"] if simplifiee else "CSA, art. 3:47 ; AR du 21 octobre 2018 (plan comptable minimum normalisé des associations)",
         "incertain": None},
        {"code": "schema", "titre": "Schéma des comptes annuels",
         "texte": "Modèle simplifié (état des recettes et dépenses, état du patrimoine)." if simplifiee else schemas[categorie_csa][0],
         "reference": ARTICLES["simplifiee"] if simplifiee else "CSA, art. 3:47 ; " + ARTICLES["micro" if categorie_csa == "micro" else "petite"],
         "incertain": None if simplifiee else schemas[categorie_csa][1]},
        {"code": "depot", "titre": "Dépôt des comptes annuels",
         "texte": ("Au greffe du tribunal de l'entreprise, gratuitement, selon le modèle simplifié." if simplifiee else
                   f"À la Banque nationale de Belgique (Centrale des bilans), par voie électronique et contre paiement, dans les {depot.valeur} jours "
                   "de leur approbation par l'assemblée générale.")
                  + " Ne pas déposer ses comptes peut mener à la dissolution judiciaire de l'ASBL, dès le premier manquement.",
         "reference": SOURCE_DEPOT if simplifiee else depot.source(), "incertain": None},
        {"code": "commissaire", "titre": "Commissaire (réviseur d'entreprises)",
         "texte": ("Un commissaire doit contrôler les comptes." if autre and commissaire.valeur else
                   "Pas de commissaire obligatoire ; l'assemblée générale peut en nommer un volontairement."),
         "reference": commissaire.source(), "incertain": commissaire.incertain if autre else None},
        {"code": "rapport_gestion", "titre": "Rapport de gestion",
         "texte": ("L'organe d'administration rédige un rapport de gestion, déposé avec les comptes annuels." if autre and rapport.valeur else
                   "Pas de rapport de gestion obligatoire."),
         "reference": rapport.source(), "incertain": None},
        {"code": "ubo", "titre": "Registre UBO (bénéficiaires effectifs)",
         "texte": ("Comme toute ASBL : inscrire au registre UBO (SPF Finances, via MyMinfin) les administrateurs, les personnes habilitées à la "
                   "représenter, les personnes chargées de la gestion journalière, les bénéficiaires (personnes ou catégories) et toute autre "
                   f"personne qui exerce le contrôle en dernier ressort. Inscrire chaque changement dans le mois ({ubo_maj.valeur} mois), "
                   f"confirmer les données chaque année (tous les {ubo_conf.valeur} mois). Sans cela, l'ASBL peut être radiée d'office de la BCE "
                   "(ce n'est pas une dissolution : la radiation est levée une dizaine de jours après la correction)."),
         "reference": SOURCE_UBO, "incertain": None},
    ]
    return obligations


# --- Ligne de commande -------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.asbl",
                        "Taille d'une ASBL (CSA) et obligations comptables. Chiffres en JSON, décision en JSON.",
                        "fichier JSON des chiffres du dernier exercice clôturé", evaluer)


if __name__ == "__main__":
    sys.exit(main())
