"""Le budget mensuel d'un ménage : revenus, dépenses par catégorie, solde et constats.

Un ménage (``Menage``) donne :

- sa composition : ``adultes`` (au moins 1) et ``enfants`` ;
- ses ``revenus`` : des lignes libellées (``libelle``, ``montant``) ;
- ses ``depenses`` : des lignes libellées, chacune avec une ``categorie`` parmi ``CATEGORIES``
  (logement, énergie, alimentation, transport, santé, communication, école/enfants, assurances,
  remboursements, autres).

Tous les montants sont **mensuels**, en euros, lus par ``widgets.rules.montants`` (``Decimal`` au
centime, jamais de ``float`` ; « 1 234,50 » admis) ; un montant négatif, vide, mal écrit ou
invraisemblable est refusé avec un message français qui nomme le champ (``depenses.2.montant``).

``evaluer(menage)`` rend une ``Decision`` (statut ``excedent``, ``equilibre`` ou ``deficit``) dont
les détails portent le total des revenus et des dépenses, le solde, les dépenses par catégorie, la
**part du logement** (loyer, charges et énergie) dans les revenus, le **reste par personne** et des
**constats** rédigés en français. Le kit ne connaît ici **aucun seuil légal** : le seul repère (« au-delà
d'un tiers des revenus, le logement pèse lourd ») est un **repère pédagogique du kit**, présenté comme
tel, pour ouvrir la discussion ; ce n'est ni une règle ni un critère d'aide.

``charger_exemples(chemin)`` lit les ménages d'exemple d'un fichier YAML (personnages et montants
fictifs) ; une erreur nomme le fichier, le ménage et le champ.

Ce module n'importe ni ipywidgets, ni IPython, ni folium, ni pandas. En ligne de commande :
``python -m widgets.rules.menage menage.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from widgets.fichiers import lire_yaml
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Etape, Motif
from widgets.rules.montants import ZERO, Montant, arrondi, euros, part, pourcent
from widgets.rules.validation import ErreurSituation, choix, valider_modele

# --- Le vocabulaire ---------------------------------------------------------------------------

CATEGORIES = ("logement", "energie", "alimentation", "transport", "sante", "communication",
              "ecole_enfants", "assurances", "remboursements", "autres")
LIBELLES_CATEGORIE = {
    "logement": "Logement (loyer, charges)",
    "energie": "Énergie (électricité, gaz, chauffage, eau)",
    "alimentation": "Alimentation et produits d'entretien",
    "transport": "Transport",
    "sante": "Santé (mutualité, médecin, pharmacie)",
    "communication": "Communication (GSM, internet)",
    "ecole_enfants": "École et enfants",
    "assurances": "Assurances",
    "remboursements": "Remboursements (crédits, dettes)",
    "autres": "Autres dépenses",
}
CATEGORIES_LOGEMENT = ("logement", "energie")  # « loyer + charges + énergie »
STATUTS = ("excedent", "equilibre", "deficit")
LIBELLES = {
    "nom": "nom du ménage",
    "description": "description",
    "adultes": "nombre d'adultes",
    "enfants": "nombre d'enfants",
    "revenus": "revenus du mois",
    "depenses": "dépenses du mois",
    "libelle": "libellé",
    "montant": "montant par mois (€)",
    "categorie": "catégorie de dépense",
}

PLAFOND_LIGNE = Decimal("1000000")  # un million d'euros par mois et par ligne : une faute de frappe, pas un ménage
ADULTES_MAX, ENFANTS_MAX = 20, 20

REFERENCE = "Calcul du kit : solde du mois = total des revenus − total des dépenses (outil pédagogique, pas une règle légale)"
REFERENCE_LOGEMENT = ("Part du logement = (logement + énergie) ÷ revenus du mois ; repère pédagogique du kit, "
                      "pas une règle légale ni un critère d'aide")
REFERENCE_PERSONNE = "Reste par personne = solde du mois ÷ nombre de personnes du ménage (adultes + enfants) ; calcul du kit"
REPERE = "repère pédagogique du kit, pas une règle légale"
REPERE_LOGEMENT = Decimal(1) / Decimal(3)
TEXTE_REPERE_LOGEMENT = ("Repère pédagogique du kit (pas une règle légale) : au-delà d'un tiers des revenus, le logement "
                         "pèse lourd et laisse peu de marge pour le reste du mois.")


# --- La validation ----------------------------------------------------------------------------

def _montant_present(valeur: Any) -> Any:
    if valeur is None or (isinstance(valeur, str) and valeur.strip() == ""):
        raise PydanticCustomError("kit", "montant manquant : indiquez un montant en euros (0 s'il n'y en a pas).")
    return valeur


def _montant_plausible(valeur: Decimal) -> Decimal:
    if valeur >= PLAFOND_LIGNE:
        raise PydanticCustomError("kit", "montant invraisemblable pour un budget mensuel de ménage ({v}) : vérifiez le nombre de zéros.",
                                  {"v": euros(valeur)})
    return valeur


def _personnes(valeur: Any) -> Any:
    """Un nombre entier de personnes : 2, « 2 » ; jamais 2,5 ni vrai/faux."""
    if isinstance(valeur, bool) or valeur is None:
        raise PydanticCustomError("kit", "un nombre entier de personnes est attendu.")
    if isinstance(valeur, str):
        texte = valeur.strip()
        if not texte.isdigit():
            raise PydanticCustomError("kit", "un nombre entier de personnes est attendu (reçu : « {v} »).", {"v": texte[:40]})
        return int(texte)
    if isinstance(valeur, int):
        return valeur
    if isinstance(valeur, (float, Decimal)) and valeur == int(valeur):
        return int(valeur)
    raise PydanticCustomError("kit", "un nombre entier de personnes est attendu (reçu : « {v} »).", {"v": str(valeur)[:40]})


MontantMensuel = Annotated[Montant, AfterValidator(_montant_plausible), BeforeValidator(_montant_present)]
Libelle = Annotated[str, Field(min_length=1, max_length=120)]


class LigneRevenu(BaseModel):
    """Un revenu du mois : salaire, allocation, revenu d'intégration, allocations familiales..."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    libelle: Libelle
    montant: MontantMensuel


class LigneDepense(BaseModel):
    """Une dépense du mois, rangée dans une catégorie."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    libelle: Libelle
    categorie: Annotated[Literal[CATEGORIES], choix(CATEGORIES)]  # type: ignore[valid-type]
    montant: MontantMensuel


class Menage(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nom: Annotated[str, Field(max_length=120)] | None = None
    description: Annotated[str, Field(max_length=2000)] | None = None
    adultes: Annotated[int, BeforeValidator(_personnes), Field(ge=1, le=ADULTES_MAX)]
    enfants: Annotated[int, BeforeValidator(_personnes), Field(ge=0, le=ENFANTS_MAX)] = 0
    revenus: Annotated[list[LigneRevenu], Field(max_length=50)] = Field(default_factory=list)
    depenses: Annotated[list[LigneDepense], Field(max_length=100)] = Field(default_factory=list)

    @property
    def personnes(self) -> int:
        return self.adultes + self.enfants


def valider(menage: dict[str, Any] | Menage) -> Menage:
    """Un ménage validé ; lève ``ErreurSituation`` (champ nommé par son chemin, message français)."""
    return valider_modele(Menage, menage, LIBELLES, racine="menage")


# --- Le calcul --------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Constat:
    """Un constat rédigé : ce que montrent les chiffres, et, s'il y a lieu, le repère du kit qui
    l'accompagne (jamais une règle légale)."""

    code: str
    texte: str
    repere: str | None = None
    signale: bool = False


def _somme(valeurs) -> Decimal:
    return sum(valeurs, ZERO)


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def constats(m: Menage, totaux: dict[str, Any]) -> list[Constat]:
    """Les constats du mois, dans l'ordre où un travailleur social les lirait avec le ménage."""
    revenus, depenses, solde = totaux["total_revenus"], totaux["total_depenses"], totaux["solde"]
    liste: list[Constat] = []
    if solde > 0:
        liste.append(Constat("solde", f"Les revenus ({euros(revenus)}) dépassent les dépenses ({euros(depenses)}) : "
                                      f"il reste {euros(solde)} à la fin du mois."))
    elif solde == 0:
        liste.append(Constat("solde", f"Les revenus ({euros(revenus)}) couvrent exactement les dépenses : il ne reste rien "
                                      "à la fin du mois, aucune marge pour une dépense imprévue."))
    else:
        liste.append(Constat("solde", f"Les dépenses ({euros(depenses)}) dépassent les revenus ({euros(revenus)}) de {euros(-solde)} : "
                                      "chaque mois, il faut puiser dans l'épargne, reporter une facture ou s'endetter.", signale=True))

    if not m.revenus or revenus == 0:
        liste.append(Constat("sans_revenus", "Aucun revenu n'est indiqué : les parts des dépenses dans les revenus ne peuvent pas être calculées."))
    else:
        logement, part_logement = totaux["logement"], totaux["part_logement"]
        signale = logement * 3 > revenus  # plus d'un tiers, sans arrondi
        situe = ("C'est plus d'un tiers des revenus." if signale else "C'est au plus un tiers des revenus.")
        liste.append(Constat("part_logement", f"Le logement (loyer, charges et énergie : {euros(logement)}) prend "
                                              f"{pourcent(part_logement, 0)} des revenus. {situe}",
                             repere=TEXTE_REPERE_LOGEMENT, signale=signale))
        remboursements = totaux["par_categorie"].get("remboursements", ZERO)
        if remboursements:
            liste.append(Constat("remboursements", f"Les remboursements de crédits ou de dettes ({euros(remboursements)}) "
                                                   f"prennent {pourcent(part(remboursements, revenus), 0)} des revenus."))

    if depenses:
        premiere = max(totaux["par_categorie"].items(), key=lambda kv: (kv[1], -CATEGORIES.index(kv[0])))
        liste.append(Constat("premier_poste", f"Le premier poste de dépenses est « {LIBELLES_CATEGORIE[premiere[0]].split(' (')[0].lower()} » "
                                              f"({euros(premiere[1])}, soit {pourcent(part(premiere[1], depenses), 0)} des dépenses)."))
    else:
        liste.append(Constat("sans_depenses", "Aucune dépense n'est indiquée : pensez au loyer, à l'énergie, à l'alimentation, aux factures annuelles ramenées au mois."))

    personnes = m.personnes
    reste = totaux["reste_par_personne"]
    qui = f"{_pluriel(m.adultes, 'adulte')}" + (f" et {_pluriel(m.enfants, 'enfant')}" if m.enfants else "")
    if reste >= 0:
        liste.append(Constat("reste_par_personne", f"Après toutes les dépenses, il reste {euros(reste)} par personne pour le mois "
                                                   f"({_pluriel(personnes, 'personne')} : {qui})."))
    else:
        liste.append(Constat("reste_par_personne", f"Le manque représente {euros(-reste)} par personne pour le mois "
                                                   f"({_pluriel(personnes, 'personne')} : {qui}).", signale=True))
    if solde < 0 and totaux["par_categorie"].get("remboursements", ZERO):
        liste.append(Constat("orientation", "Un déficit avec des remboursements en cours : le service de médiation de dettes "
                                            "(au CPAS ou dans une association agréée par la Wallonie) peut aider à faire le point avec le ménage."))
    return liste


def calculer(menage: dict[str, Any] | Menage) -> dict[str, Any]:
    """Les totaux du mois (``Decimal`` au centime), sans les textes."""
    m = valider(menage)
    total_revenus = _somme(r.montant for r in m.revenus)
    total_depenses = _somme(d.montant for d in m.depenses)
    solde = total_revenus - total_depenses
    par_categorie = {c: _somme(d.montant for d in m.depenses if d.categorie == c) for c in CATEGORIES}
    par_categorie = {c: v for c, v in par_categorie.items() if v}
    logement = _somme(par_categorie.get(c, ZERO) for c in CATEGORIES_LOGEMENT)
    return {
        "total_revenus": total_revenus,
        "total_depenses": total_depenses,
        "solde": solde,
        "par_categorie": par_categorie,
        "parts_des_depenses": {c: part(v, total_depenses) for c, v in par_categorie.items()},
        "logement": logement,
        "part_logement": part(logement, total_revenus),
        "personnes": m.personnes,
        "reste_par_personne": arrondi(solde / m.personnes),
    }


def evaluer(menage: dict[str, Any] | Menage, date_reference: dt.date | None = None) -> Decision:
    """Le budget du mois : totaux, solde, part du logement, reste par personne et constats."""
    m = valider(menage)
    date_reference = date_reference or dt.date.today()
    totaux = calculer(m)
    solde = totaux["solde"]
    statut = "equilibre" if solde == 0 else ("deficit" if solde < 0 else "excedent")
    libelle = {"equilibre": "Le budget du mois est tout juste en équilibre",
               "deficit": f"Le budget du mois est en déficit de {euros(-solde)}",
               "excedent": f"Le budget du mois laisse {euros(solde)} de marge"}[statut]
    liste = constats(m, totaux)
    references = {"part_logement": REFERENCE_LOGEMENT, "reste_par_personne": REFERENCE_PERSONNE}
    motifs = tuple(Motif(c.code, c.texte + (f" {c.repere}" if c.repere else ""), references.get(c.code, REFERENCE)) for c in liste)
    trace = (
        Etape("revenus", "Total des revenus du mois", euros(totaux["total_revenus"]), REFERENCE),
        Etape("depenses", "Total des dépenses du mois", euros(totaux["total_depenses"]), REFERENCE),
        Etape("solde", "Solde (revenus − dépenses)", euros(solde), REFERENCE, decisive=True),
        Etape("part_logement", "Part du logement (loyer, charges, énergie) dans les revenus", pourcent(totaux["part_logement"]), REFERENCE_LOGEMENT),
        Etape("reste_par_personne", f"Reste par personne ({totaux['personnes']} personnes)", euros(totaux["reste_par_personne"]), REFERENCE_PERSONNE),
    )
    avertissements = []
    if not m.revenus and not m.depenses:
        avertissements.append("Le budget est vide : ajoutez les revenus et les dépenses du mois.")
    details = {
        "nom": m.nom,
        "adultes": m.adultes,
        "enfants": m.enfants,
        **totaux,
        "libelles_categorie": {c: LIBELLES_CATEGORIE[c] for c in totaux["par_categorie"]},
        "constats": [dataclasses.asdict(c) for c in liste],
        "repere_logement": {"seuil": REPERE_LOGEMENT, "texte": TEXTE_REPERE_LOGEMENT, "nature": REPERE},
        "hypotheses": ["Tous les montants sont mensuels : une facture annuelle (assurance, régularisation d'énergie) se divise par 12.",
                       "Les constats décrivent les chiffres saisis ; ils ne disent rien des droits du ménage (aides, tarifs sociaux), "
                       "à vérifier auprès du CPAS ou d'un service social."],
    }
    return Decision(statut=statut, libelle=libelle, motifs=motifs, trace=trace, date_reference=date_reference,
                    avertissements=tuple(avertissements), details=details)


# --- Les ménages d'exemple --------------------------------------------------------------------

class ExemplesInvalides(ValueError):
    """Un fichier de ménages d'exemple invalide : le message nomme le fichier, le ménage et le champ."""


@dataclasses.dataclass(frozen=True)
class Exemple:
    id: str
    menage: Menage
    donnees: dict[str, Any]  # le ménage tel qu'écrit dans le fichier (pour remplir un formulaire)


@dataclasses.dataclass(frozen=True)
class FichierExemples:
    titre: str
    avertissement: str
    exemples: tuple[Exemple, ...]

    def exemple(self, ident: str) -> Exemple | None:
        return next((e for e in self.exemples if e.id == ident), None)


def charger_exemples(chemin: str | Path) -> FichierExemples:
    """Les ménages d'exemple de ``chemin`` (YAML), chacun validé comme une saisie ; lève
    ``ExemplesInvalides`` avec un message qui nomme le fichier, le ménage et le champ."""
    chemin = Path(chemin)
    brut = lire_yaml(chemin, ExemplesInvalides)
    if not isinstance(brut, dict):
        raise ExemplesInvalides(f"{chemin} : le fichier doit contenir les clés « titre », « avertissement » et « menages ».")
    inconnues = sorted(set(brut) - {"titre", "avertissement", "menages"})
    if inconnues:
        raise ExemplesInvalides(f"{chemin}, champ « {inconnues[0]} » : champ inconnu (champs admis : titre, avertissement, menages).")
    for cle in ("titre", "avertissement"):
        if not isinstance(brut.get(cle), str) or not brut[cle].strip():
            raise ExemplesInvalides(f"{chemin}, champ « {cle} » : texte obligatoire.")
    menages = brut.get("menages")
    if not isinstance(menages, list) or not menages:
        raise ExemplesInvalides(f"{chemin}, champ « menages » : une liste d'au moins un ménage est attendue.")
    exemples, vus = [], set()
    for i, element in enumerate(menages):
        lieu = f"{chemin}, ménage n° {i + 1}"
        if not isinstance(element, dict):
            raise ExemplesInvalides(f"{lieu} : un ménage (dictionnaire de champs) est attendu.")
        ident = element.get("id")
        if not isinstance(ident, str) or not ident.strip():
            raise ExemplesInvalides(f"{lieu}, champ « id » : identifiant obligatoire (lettres, chiffres, tirets).")
        lieu += f" (id « {ident} »)"
        if ident in vus:
            raise ExemplesInvalides(f"{lieu}, champ « id » : identifiant déjà utilisé par un autre ménage.")
        vus.add(ident)
        donnees = {k: v for k, v in element.items() if k != "id"}
        try:
            menage = valider(donnees)
        except ErreurSituation as exc:
            champ, message = exc.erreurs[0]
            raise ExemplesInvalides(f"{lieu}, champ « {champ} » : {message}") from None
        exemples.append(Exemple(ident, menage, donnees))
    return FichierExemples(brut["titre"].strip(), brut["avertissement"].strip(), tuple(exemples))


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.menage",
                        "Budget mensuel d'un ménage : totaux, solde, part du logement, constats. JSON en entrée, JSON en sortie.",
                        "fichier JSON du ménage", lambda menage, _date: evaluer(menage), avec_date=False)


if __name__ == "__main__":
    sys.exit(main())
