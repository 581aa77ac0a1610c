"""Le plan de trésorerie d'une association, mois par mois : quand le compte passe-t-il sous zéro,
et de combien faut-il le « ponter » ?

Un plan (``Plan``) donne :

- ``solde_initial`` : l'argent sur le compte au début du premier mois (il peut être négatif) ;
- ``debut`` : le premier mois, « AAAA-MM » ; ``nombre_mois`` : la durée du plan (1 à 60 mois) ;
- ``depenses`` et ``recettes`` : des montants mensuels (``libelle``, ``montant_mensuel``), actifs
  de ``premier_mois`` à ``dernier_mois`` (par défaut : tout le plan) ;
- ``subsides`` : un ``montant_total`` versé en ``tranches`` ; chaque tranche a un ``pourcentage``
  du total, le ``mois`` où elle est attendue et un ``retard_mois`` (0 par défaut). La somme des
  pourcentages ne dépasse pas 100 ; ce qui manque pour faire 100 % n'est versé dans aucun mois du plan.
  Une tranche peut être attendue après la fin du plan (le solde d'un subside, versé l'année suivante).

Les mois se désignent par leur **numéro dans le plan** (1 = le mois de ``debut``) ou par
« AAAA-MM ». Une tranche dont le retard la pousse au-delà du dernier mois n'arrive pas pendant le
plan : la décision le dit.

``evaluer(plan)`` rend une ``Decision`` de statut ``sans_decouvert`` ou ``decouvert`` dont les
détails portent le tableau mensuel (entrées, sorties, solde de fin de mois), le premier mois
négatif, le besoin de financement de pont (le solde le plus bas, en valeur positive) et ce même
besoin si aucun subside n'était en retard. Tous les montants sont des ``Decimal`` au centime.

En ligne de commande : ``python -m widgets.rules.tresorerie plan.json``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets.rules.cli import executer_cli
from widgets.rules.decision import MOIS, Decision, Etape, Motif
from widgets.rules.montants import (
    ZERO,
    Montant,
    MontantSigne,
    Pourcentage,
    arrondi,
    euros,
    nombre_fr,
)
from widgets.rules.validation import ErreurChamp, valider_modele

STATUTS = ("sans_decouvert", "decouvert")
MOIS_MAX = 60
APRES_LE_PLAN = 36  # une tranche peut être attendue jusqu'à 3 ans après la fin du plan (solde après le rapport)
REFERENCE = "Plan de trésorerie : solde de fin de mois = solde du mois précédent + entrées − sorties (outil de gestion, pas une règle légale)"
REFERENCE_PONT = ("Besoin de financement de pont : le solde le plus bas du plan, à couvrir par des fonds propres, une avance ou un "
                  "crédit de caisse (outil de gestion, pas une règle légale)")

LIBELLES = {
    "titre": "titre du plan",
    "solde_initial": "solde du compte au début du premier mois",
    "debut": "premier mois du plan (AAAA-MM)",
    "nombre_mois": "nombre de mois du plan (1 à 60)",
    "depenses": "dépenses mensuelles",
    "recettes": "recettes mensuelles",
    "subsides": "subsides versés en tranches",
    "libelle": "libellé",
    "montant_mensuel": "montant par mois",
    "premier_mois": "premier mois (numéro dans le plan ou AAAA-MM)",
    "dernier_mois": "dernier mois (numéro dans le plan ou AAAA-MM)",
    "montant_total": "montant total du subside",
    "tranches": "tranches de versement",
    "pourcentage": "part du subside (%)",
    "mois": "mois où la tranche est attendue",
    "retard_mois": "retard de versement, en mois",
}

_FORMAT_MOIS = re.compile(r"(\d{4})-(\d{2})")


def nom_mois(annee: int, mois: int) -> str:
    """« février 2026 »."""
    return f"{MOIS[mois - 1]} {annee}"


def _lire_mois(valeur: Any) -> tuple[int, int]:
    if not isinstance(valeur, str) or not _FORMAT_MOIS.fullmatch(valeur.strip()):
        raise ValueError
    annee, mois = (int(x) for x in valeur.strip().split("-"))
    if not 1 <= mois <= 12 or not 1900 <= annee <= 2200:
        raise ValueError
    return annee, mois


def _debut(valeur: Any) -> str:
    if isinstance(valeur, (dt.date, dt.datetime)):
        return f"{valeur.year:04d}-{valeur.month:02d}"
    try:
        annee, mois = _lire_mois(valeur)
    except ValueError:
        raise PydanticCustomError("kit", "« {v} » n'est pas un mois valable (format attendu : AAAA-MM, par exemple 2026-01).",
                                  {"v": str(valeur)[:40]}) from None
    return f"{annee:04d}-{mois:02d}"


ReferenceMois = StrictInt | Annotated[str, Field(min_length=1, max_length=7)]


class Flux(BaseModel):
    """Une dépense ou une recette mensuelle."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    libelle: Annotated[str, Field(min_length=1, max_length=120)]
    montant_mensuel: Montant
    premier_mois: ReferenceMois | None = None
    dernier_mois: ReferenceMois | None = None


class Tranche(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    pourcentage: Pourcentage
    mois: ReferenceMois
    retard_mois: Annotated[StrictInt, Field(ge=0, le=120)] = 0

    @field_validator("pourcentage")
    @classmethod
    def _positif(cls, v: Decimal) -> Decimal:
        if v <= 0:
            raise PydanticCustomError("kit", "une tranche représente plus de 0 % du subside.")
        return v


class Subside(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    libelle: Annotated[str, Field(min_length=1, max_length=120)]
    montant_total: Montant
    tranches: Annotated[list[Tranche], Field(max_length=24)]

    @field_validator("tranches")
    @classmethod
    def _au_moins_une(cls, v: list[Tranche]) -> list[Tranche]:
        if not v:
            raise PydanticCustomError("kit", "indiquez au moins une tranche de versement (pourcentage et mois).")
        return v

    @model_validator(mode="after")
    def _cent_pour_cent(self):
        total = sum((t.pourcentage for t in self.tranches), Decimal(0))
        if total > 100:
            raise ErreurChamp("tranches", f"la somme des pourcentages des tranches ({nombre_fr(total)} %) dépasse 100 %.")
        return self


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    titre: Annotated[str, Field(max_length=160)] | None = None
    solde_initial: MontantSigne = ZERO
    debut: Annotated[str, Field(max_length=40)]
    nombre_mois: Annotated[StrictInt, Field(ge=1, le=MOIS_MAX)]
    depenses: Annotated[list[Flux], Field(max_length=100)] = Field(default_factory=list)
    recettes: Annotated[list[Flux], Field(max_length=100)] = Field(default_factory=list)
    subsides: Annotated[list[Subside], Field(max_length=50)] = Field(default_factory=list)

    @field_validator("debut", mode="before")
    @classmethod
    def _mois_de_debut(cls, v):
        return _debut(v)

    @model_validator(mode="after")
    def _mois_connus(self):
        for liste in ("depenses", "recettes"):
            for i, f in enumerate(getattr(self, liste)):
                premier = self.indice(f.premier_mois, f"{liste}.{i}.premier_mois", defaut=1)
                dernier = self.indice(f.dernier_mois, f"{liste}.{i}.dernier_mois", defaut=self.nombre_mois)
                if dernier < premier:
                    raise ErreurChamp(f"{liste}.{i}.dernier_mois",
                                      f"le dernier mois ({self.libelle_mois(dernier)}) est avant le premier ({self.libelle_mois(premier)}).")
        for i, s in enumerate(self.subsides):
            for j, t in enumerate(s.tranches):
                self.indice(t.mois, f"subsides.{i}.tranches.{j}.mois", au_dela=APRES_LE_PLAN)
        return self

    # -- les mois du plan --
    @property
    def annee_mois(self) -> tuple[int, int]:
        return _lire_mois(self.debut)

    def mois_calendrier(self, indice: int) -> tuple[int, int]:
        """(année, mois) du mois ``indice`` du plan (1 = le mois de début)."""
        annee, mois = self.annee_mois
        total = annee * 12 + (mois - 1) + (indice - 1)
        return total // 12, total % 12 + 1

    def libelle_mois(self, indice: int) -> str:
        return nom_mois(*self.mois_calendrier(indice))

    def code_mois(self, indice: int) -> str:
        annee, mois = self.mois_calendrier(indice)
        return f"{annee:04d}-{mois:02d}"

    def indice(self, reference: int | str | None, champ: str, defaut: int | None = None, au_dela: int = 0) -> int:
        """Le numéro dans le plan d'un mois donné par son numéro ou par « AAAA-MM ». ``au_dela`` : combien
        de mois après la fin du plan sont encore admis (une tranche peut être attendue après le plan)."""
        if reference is None:
            if defaut is None:
                raise ErreurChamp(champ, "ce champ est obligatoire.")
            return defaut
        dernier = self.nombre_mois + au_dela
        plage = f"mois 1 à {dernier}, de {self.libelle_mois(1)} à {self.libelle_mois(dernier)}"
        if au_dela:
            plage += f", soit jusqu'à {au_dela} mois après la fin du plan"
        if isinstance(reference, str):
            texte = reference.strip()
            if texte.isdigit():
                reference = int(texte)
            else:
                try:
                    annee, mois = _lire_mois(texte)
                except ValueError:
                    raise ErreurChamp(champ, f"« {texte} » n'est pas un mois : indiquez son numéro dans le plan ({plage}) ou AAAA-MM.") from None
                a0, m0 = self.annee_mois
                reference = (annee * 12 + mois) - (a0 * 12 + m0) + 1
                if not 1 <= reference <= dernier:
                    raise ErreurChamp(champ, f"{nom_mois(annee, mois)} n'est pas dans le plan ({plage}).")
                return reference
        if not 1 <= reference <= dernier:
            raise ErreurChamp(champ, f"le mois {reference} n'existe pas dans le plan ({plage}).")
        return reference


def valider(plan: dict[str, Any] | Plan) -> Plan:
    return valider_modele(Plan, plan, LIBELLES, racine="plan")


# --- Le calcul -------------------------------------------------------------------------------

def _tranches(p: Plan, sans_retard: bool = False) -> list[dict[str, Any]]:
    """Chaque tranche de chaque subside : montant au centime, mois prévu, mois effectif."""
    lignes = []
    for i, s in enumerate(p.subsides):
        total_pourcent = sum((t.pourcentage for t in s.tranches), Decimal(0))
        verse = ZERO
        for j, t in enumerate(s.tranches):
            if total_pourcent == 100 and j == len(s.tranches) - 1:
                montant = s.montant_total - verse  # la dernière tranche prend l'arrondi : le total est exact
            else:
                montant = arrondi(s.montant_total * t.pourcentage / 100)
            verse += montant
            prevu = p.indice(t.mois, f"subsides.{i}.tranches.{j}.mois", au_dela=APRES_LE_PLAN)
            retard = 0 if sans_retard else t.retard_mois
            effectif = prevu + retard
            lignes.append({"subside": i, "tranche": j, "libelle": f"{s.libelle} — tranche {j + 1} ({nombre_fr(t.pourcentage)} %)",
                           "subside_libelle": s.libelle, "pourcentage": t.pourcentage, "montant": montant,
                           "mois_prevu": prevu, "libelle_prevu": p.libelle_mois(prevu), "retard_mois": retard, "mois_effectif": effectif,
                           "libelle_effectif": p.libelle_mois(effectif), "hors_periode": effectif > p.nombre_mois})
    return lignes


def _tableau(p: Plan, tranches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    actifs = lambda flux, liste, k: [  # noqa: E731
        f for i, f in enumerate(flux)
        if p.indice(f.premier_mois, f"{liste}.{i}.premier_mois", 1) <= k <= p.indice(f.dernier_mois, f"{liste}.{i}.dernier_mois", p.nombre_mois)
    ]
    solde = p.solde_initial
    lignes = []
    for k in range(1, p.nombre_mois + 1):
        recettes = actifs(p.recettes, "recettes", k)
        depenses = actifs(p.depenses, "depenses", k)
        versements = [t for t in tranches if t["mois_effectif"] == k]
        entrees = sum((f.montant_mensuel for f in recettes), ZERO) + sum((t["montant"] for t in versements), ZERO)
        sorties = sum((f.montant_mensuel for f in depenses), ZERO)
        debut = solde
        solde = debut + entrees - sorties
        lignes.append({"indice": k, "mois": p.code_mois(k), "libelle": p.libelle_mois(k), "solde_debut": debut,
                       "entrees": entrees, "sorties": sorties, "solde_fin": solde,
                       "versements": [{"libelle": t["libelle"], "montant": t["montant"], "retard_mois": t["retard_mois"]} for t in versements]})
    return lignes


def _synthese(tableau: list[dict[str, Any]]) -> dict[str, Any]:
    premier_negatif = next((l for l in tableau if l["solde_fin"] < 0), None)
    minimum = min(tableau, key=lambda l: (l["solde_fin"], l["indice"]))
    return {
        "premier_mois_negatif": ({k: premier_negatif[k] for k in ("indice", "mois", "libelle", "solde_fin")} if premier_negatif else None),
        "solde_minimum": minimum["solde_fin"],
        "mois_solde_minimum": {k: minimum[k] for k in ("indice", "mois", "libelle")},
        "besoin_de_pont": max(-minimum["solde_fin"], ZERO),
        "mois_negatifs": sum(1 for l in tableau if l["solde_fin"] < 0),
    }


def evaluer(plan: dict[str, Any] | Plan, date_reference: dt.date | None = None) -> Decision:
    """Le tableau mensuel, le premier mois négatif et le besoin de financement de pont."""
    p = valider(plan)
    annee, mois = p.annee_mois
    date_reference = date_reference or dt.date(annee, mois, 1)
    tranches = _tranches(p)
    tableau = _tableau(p, tranches)
    synthese = _synthese(tableau)
    sans_retard = _synthese(_tableau(p, _tranches(p, sans_retard=True)))
    premier = synthese["premier_mois_negatif"]
    besoin = synthese["besoin_de_pont"]
    dernier_mois = tableau[-1]

    motifs: list[Motif] = []
    if premier:
        statut = "decouvert"
        libelle = f"Le compte passe sous zéro en {premier['libelle']} : il faut un financement de pont de {euros(besoin)}"
        motifs.append(Motif("premier_mois_negatif", f"Fin {premier['libelle']}, le solde est de {euros(premier['solde_fin'])} : c'est le premier mois où "
                            f"le compte est négatif ({synthese['mois_negatifs']} mois négatif{'s' if synthese['mois_negatifs'] > 1 else ''} sur {p.nombre_mois}).", REFERENCE))
        motifs.append(Motif("besoin_de_pont", f"Le solde le plus bas est de {euros(synthese['solde_minimum'])}, fin {synthese['mois_solde_minimum']['libelle']} : "
                            f"l'association doit trouver {euros(besoin)} (fonds propres, avance d'un financeur, crédit de caisse) pour payer ses dépenses à temps.",
                            REFERENCE_PONT))
    else:
        statut = "sans_decouvert"
        libelle = f"Le compte reste positif pendant les {p.nombre_mois} mois du plan"
        motifs.append(Motif("sans_decouvert", f"Le solde le plus bas est de {euros(synthese['solde_minimum'])}, fin {synthese['mois_solde_minimum']['libelle']} : "
                            "aucun financement de pont n'est nécessaire.", REFERENCE))

    en_retard = [t for t in tranches if t["retard_mois"]]
    for t in en_retard:
        arrivee = (f"reçue en {t['libelle_effectif']}" if not t["hors_periode"] else
                   f"reçue après la fin du plan ({t['libelle_effectif']})")
        motifs.append(Motif(f"retard_{t['subside']}_{t['tranche']}",
                            f"{t['libelle']}, {euros(t['montant'])} : attendue en {t['libelle_prevu']}, {arrivee}, "
                            f"soit {t['retard_mois']} mois de retard.", REFERENCE))
    if en_retard and sans_retard["besoin_de_pont"] != besoin:
        motifs.append(Motif("effet_des_retards", f"Sans ces retards, le besoin de pont serait de {euros(sans_retard['besoin_de_pont'])} au lieu de {euros(besoin)} : "
                            f"les retards de versement coûtent {euros(besoin - sans_retard['besoin_de_pont'])} de trésorerie.", REFERENCE_PONT))
    for t in tranches:
        if t["hors_periode"] and not t["retard_mois"]:
            motifs.append(Motif(f"hors_periode_{t['subside']}_{t['tranche']}", f"{t['libelle']}, {euros(t['montant'])} : attendue en {t['libelle_prevu']}, "
                                "après la fin du plan : elle ne peut pas couvrir les dépenses de la période.", REFERENCE))
    for i, s in enumerate(p.subsides):
        total = sum((t.pourcentage for t in s.tranches), Decimal(0))
        if total < 100:
            reste = s.montant_total - sum((t["montant"] for t in tranches if t["subside"] == i), ZERO)
            motifs.append(Motif(f"non_planifie_{i}", f"{s.libelle} : les tranches ne font que {nombre_fr(total)} % du subside ; les {euros(reste)} restants "
                                "ne sont versés dans aucun mois du plan (solde versé après le contrôle du rapport final ?).", REFERENCE))

    trace = (
        Etape("solde_initial", "Solde au début du plan", euros(p.solde_initial), REFERENCE),
        Etape("entrees", f"Total des entrées sur {p.nombre_mois} mois", euros(sum((l["entrees"] for l in tableau), ZERO)), REFERENCE),
        Etape("sorties", f"Total des sorties sur {p.nombre_mois} mois", euros(sum((l["sorties"] for l in tableau), ZERO)), REFERENCE),
        Etape("negatif", "Le solde de fin de mois passe-t-il sous zéro ?",
              f"oui, d'abord en {premier['libelle']}" if premier else "non", REFERENCE, decisive=True),
        Etape("minimum", "Solde le plus bas", f"{euros(synthese['solde_minimum'])} ({synthese['mois_solde_minimum']['libelle']})", REFERENCE_PONT),
        Etape("final", "Solde à la fin du plan", f"{euros(dernier_mois['solde_fin'])} ({dernier_mois['libelle']})", REFERENCE),
    )
    details = {
        "titre": p.titre,
        "debut": p.debut,
        "nombre_mois": p.nombre_mois,
        "solde_initial": p.solde_initial,
        "tableau": tableau,
        **synthese,
        "besoin_de_pont_sans_retard": sans_retard["besoin_de_pont"],
        "solde_final": dernier_mois["solde_fin"],
        "total_entrees": sum((l["entrees"] for l in tableau), ZERO),
        "total_sorties": sum((l["sorties"] for l in tableau), ZERO),
        "tranches": tranches,
        "hypotheses": ["Chaque montant est compté dans le mois où il est payé ou reçu ; le solde est celui de la fin du mois "
                       "(au cours d'un mois, le compte peut descendre plus bas si les dépenses précèdent les recettes)."],
    }
    return Decision(statut=statut, libelle=libelle, motifs=tuple(motifs), trace=trace, date_reference=date_reference, details=details)


# --- Ligne de commande -------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.tresorerie",
                        "Plan de trésorerie mois par mois : premier mois négatif et besoin de financement de pont. JSON en entrée, JSON en sortie.",
                        "fichier JSON du plan de trésorerie", evaluer, avec_date=False)


if __name__ == "__main__":
    sys.exit(main())
