"""Le budget d'une association, ses ratios, et le plan de cofinancement d'un projet.

- ``evaluer(budget)`` : le solde (produits − charges), les totaux par nature et par catégorie, les
  ratios (part des subsides, des fonds propres, des apports en nature, du premier financeur) avec
  des **repères pédagogiques**, qui ne sont pas des règles légales. Statut : ``equilibre``,
  ``deficit`` ou ``excedent``.
- ``evaluer_cofinancement(plan)`` : le coût d'un projet et ses financeurs (montant ou taux, plafonds).
  Le plan est équilibré quand les apports couvrent exactement le coût ; sinon la décision dit ce
  qui manque ou ce qui dépasse. Statut : ``equilibre``, ``manque`` ou ``excedent``.
- ``exporter_csv(budget)`` et ``exporter_excel(budget)`` : le budget en CSV (mêmes colonnes que
  ``datasets/budget-exemple.csv``) et en classeur Excel.

Les apports en nature (une salle prêtée par la commune, du matériel donné) figurent, selon la
pratique belge, des deux côtés du budget : en produit (nature ``en_nature``) et en charge (ligne de
charge marquée ``en_nature``), pour le même montant ; ils ne changent donc pas le solde. Le kit
vérifie que les deux côtés se correspondent.

Les montants sont ceux de ``widgets.rules.montants`` (``Decimal`` au centime, jamais de ``float``).
En JSON, un montant s'écrit comme une chaîne (« "12345.50" ») pour qu'aucun arrondi binaire ne s'y
glisse ; à l'entrée, un nombre JSON est lu sans passer par un ``float``.

En ligne de commande : ``python -m widgets.rules.budget budget.json`` (un budget : ``{"lignes": [...]}``
ou un plan de cofinancement : ``{"cout_total": ..., "financeurs": [...]}``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from widgets import data
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Etape, Motif
from widgets.rules.montants import (
    ZERO,
    Montant,
    Pourcentage,
    arrondi,
    euros,
    nombre_fr,
    part,
    pourcent,
)
from widgets.rules.validation import ErreurChamp, choix, valider_modele

# --- Le budget --------------------------------------------------------------------------------

TYPES = data.TYPES_BUDGET  # le vocabulaire du fichier budget-exemple.csv, défini une seule fois
NATURES = data.NATURES_BUDGET
LIBELLES_NATURE = {
    "fonds_propres": "fonds propres",
    "subside": "subsides",
    "recette": "recettes propres (ventes, participations)",
    "don": "dons et mécénat",
    "en_nature": "apports en nature (valorisés)",
}
STATUTS = ("equilibre", "deficit", "excedent")
LIBELLES = {
    "lignes": "lignes du budget",
    "type": "type de ligne (charge ou produit)",
    "categorie": "catégorie",
    "libelle": "libellé",
    "montant": "montant en euros",
    "nature": "nature du produit",
    "financeur": "financeur",
    "source": "source",
    "titre": "titre du budget",
}

REFERENCE_SOLDE = "Solde d'un budget : produits − charges (repère de gestion ; aucune loi n'impose l'équilibre d'un budget prévisionnel, mais la plupart des financeurs le demandent)"
REFERENCE_EN_NATURE = ("Pratique belge des budgets de projets : un apport en nature est valorisé en produit et en charge pour le même montant "
                       "(repère, pas une règle légale)")
REPERE = "repère, pas une règle légale"

# Repères pédagogiques du kit : des ordres de grandeur pour ouvrir la discussion, pas des règles.
REPERES = {
    "part_premier_financeur": {"seuil": Decimal("0.50"), "sens": "au_dessus",
                               "texte": "Au-delà de la moitié des produits venant d'un seul financeur, son retrait ou son retard met toute l'association en difficulté."},
    "part_subsides": {"seuil": Decimal("0.80"), "sens": "au_dessus",
                      "texte": "Au-delà de 80 % de subsides, l'association dépend presque entièrement des pouvoirs publics : diversifier les ressources la rend moins fragile."},
    "part_fonds_propres": {"seuil": Decimal("0.05"), "sens": "en_dessous",
                           "texte": "Sous 5 % de fonds propres, l'association n'a guère de marge pour absorber une dépense imprévue ou un subside réduit ; beaucoup d'appels à projets demandent une part de cofinancement."},
    "part_en_nature": {"seuil": Decimal("0.20"), "sens": "au_dessus",
                       "texte": "Au-delà de 20 % d'apports en nature, vérifiez que chaque valorisation est documentée (convention de mise à disposition, prix du marché) : un financeur peut la contester."},
}


class LigneBudget(BaseModel):
    """Une ligne du budget. Un produit a une nature ; une charge n'en a pas, sauf ``en_nature``
    (la contrepartie d'un apport en nature)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    type: Annotated[Literal[TYPES], choix(TYPES)]  # type: ignore[valid-type]
    categorie: Annotated[str, Field(min_length=1, max_length=80)]
    libelle: Annotated[str, Field(min_length=1, max_length=160)]
    montant: Montant
    nature: Annotated[Literal[NATURES] | None, choix(NATURES + (None,))] = Field(default=None, validate_default=True)  # type: ignore[valid-type]
    financeur: Annotated[str, Field(max_length=120)] | None = None
    source: Annotated[str, Field(max_length=200)] | None = None

    @field_validator("nature", "financeur", "source", mode="before")
    @classmethod
    def _vide(cls, v):
        return None if isinstance(v, str) and v.strip() == "" else v

    @field_validator("nature")
    @classmethod
    def _nature(cls, v, info: ValidationInfo):
        probleme = data.erreur_nature(info.data.get("type"), v)
        if probleme:
            raise PydanticCustomError("kit", "{m}.", {"m": probleme})
        return v


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    titre: Annotated[str, Field(max_length=160)] | None = None
    lignes: list[LigneBudget] = Field(default_factory=list, max_length=500)


def valider(budget: dict | list | Budget) -> Budget:
    """Un budget validé ; accepte ``{"lignes": [...]}`` ou directement la liste des lignes."""
    if isinstance(budget, list):
        budget = {"lignes": budget}
    return valider_modele(Budget, budget, LIBELLES, racine="budget")


def _somme(valeurs) -> Decimal:
    return sum(valeurs, ZERO)


def evaluer(budget: dict | list | Budget, date_reference: dt.date | None = None) -> Decision:
    """Le solde, les totaux et les ratios d'un budget, avec leurs repères."""
    b = valider(budget)
    date_reference = date_reference or dt.date.today()
    charges = [l for l in b.lignes if l.type == "charge"]
    produits = [l for l in b.lignes if l.type == "produit"]
    total_charges = _somme(l.montant for l in charges)
    total_produits = _somme(l.montant for l in produits)
    solde = total_produits - total_charges

    par_nature = {n: _somme(l.montant for l in produits if l.nature == n) for n in NATURES}
    charges_en_nature = _somme(l.montant for l in charges if l.nature == "en_nature")
    par_categorie: dict[str, dict[str, Decimal]] = {"charge": {}, "produit": {}}
    for l in b.lignes:
        par_categorie[l.type][l.categorie] = par_categorie[l.type].get(l.categorie, ZERO) + l.montant

    financeurs: dict[str, Decimal] = {}
    for l in produits:
        if l.nature in ("subside", "don") or (l.nature == "en_nature" and l.financeur):
            nom = l.financeur or l.libelle
            financeurs[nom] = financeurs.get(nom, ZERO) + l.montant
    premier = max(financeurs.items(), key=lambda kv: (kv[1], kv[0]), default=None)

    ratios = [
        _ratio("part_subsides", "Part des subsides dans les produits", par_nature["subside"], total_produits),
        _ratio("part_fonds_propres", "Part des fonds propres dans les produits", par_nature["fonds_propres"], total_produits),
        _ratio("part_en_nature", "Part des apports en nature dans les produits", par_nature["en_nature"], total_produits),
        _ratio("part_premier_financeur", f"Part du premier financeur ({premier[0]})" if premier else "Part du premier financeur",
               premier[1] if premier else ZERO, total_produits, financeur=premier[0] if premier else None),
    ]

    statut = "equilibre" if solde == 0 else ("deficit" if solde < 0 else "excedent")
    libelle = {"equilibre": "Le budget est en équilibre",
               "deficit": f"Le budget est en déficit de {euros(-solde)}",
               "excedent": f"Le budget est en excédent de {euros(solde)}"}[statut]
    motifs = [Motif("solde", f"Produits ({euros(total_produits)}) − charges ({euros(total_charges)}) = {euros(solde)}."
                    + {"equilibre": " Les produits couvrent exactement les charges.",
                       "deficit": f" Il manque {euros(-solde)} de produits (ou il faut réduire les charges d'autant) pour équilibrer le budget.",
                       "excedent": f" Les produits dépassent les charges de {euros(solde)} : un financeur public peut demander de réduire son subside d'autant."}[statut],
                    REFERENCE_SOLDE)]
    avertissements = []
    if par_nature["en_nature"] != charges_en_nature:
        ecart = par_nature["en_nature"] - charges_en_nature
        cote = "en charges" if ecart > 0 else "en produits"
        motifs.append(Motif("en_nature_desequilibre",
                            f"Apports en nature : {euros(par_nature['en_nature'])} en produits, {euros(charges_en_nature)} en charges. "
                            f"Il manque {euros(abs(ecart))} {cote} : un apport en nature figure des deux côtés du budget, pour le même montant.",
                            REFERENCE_EN_NATURE))
    elif par_nature["en_nature"]:
        motifs.append(Motif("en_nature", f"Les apports en nature ({euros(par_nature['en_nature'])}) figurent en produits et en charges pour le même montant : ils ne changent pas le solde.",
                            REFERENCE_EN_NATURE))
    if not b.lignes:
        avertissements.append("Le budget est vide : ajoutez des charges et des produits.")

    trace = (
        Etape("charges", "Total des charges", euros(total_charges), REFERENCE_SOLDE),
        Etape("produits", "Total des produits", euros(total_produits), REFERENCE_SOLDE),
        Etape("solde", "Solde (produits − charges)", euros(solde), REFERENCE_SOLDE, decisive=True),
        Etape("en_nature", "Les apports en nature sont-ils présents des deux côtés pour le même montant ?",
              "oui" if par_nature["en_nature"] == charges_en_nature else "non", REFERENCE_EN_NATURE),
    )
    details = {
        "titre": b.titre,
        "total_charges": total_charges,
        "total_produits": total_produits,
        "solde": solde,
        "par_nature": par_nature,
        "charges_en_nature": charges_en_nature,
        "par_categorie": par_categorie,
        "financeurs": dict(sorted(financeurs.items(), key=lambda kv: (-kv[1], kv[0]))),
        "ratios": ratios,
        "lignes": [l.model_dump() for l in b.lignes],
        "hypotheses": ["Financeurs : les produits « subside » et « don » sont regroupés par financeur (colonne financeur, sinon le libellé) ; "
                       "un apport en nature compte pour son financeur quand celui-ci est indiqué."],
    }
    return Decision(statut=statut, libelle=libelle, motifs=tuple(motifs), trace=trace, date_reference=date_reference,
                    avertissements=tuple(avertissements), details=details)


def _ratio(code: str, libelle: str, numerateur: Decimal, total: Decimal, financeur: str | None = None) -> dict[str, Any]:
    valeur = part(numerateur, total)
    repere = REPERES[code]
    signale = None
    if valeur is not None:
        signale = valeur > repere["seuil"] if repere["sens"] == "au_dessus" else valeur < repere["seuil"]
    sens = "plus de" if repere["sens"] == "au_dessus" else "moins de"
    return {
        "code": code,
        "libelle": libelle,
        "montant": numerateur,
        "valeur": valeur,
        "texte": pourcent(valeur),
        "financeur": financeur,
        "repere": {"seuil": repere["seuil"], "texte": f"Repère du kit ({REPERE}) : attention à {sens} {pourcent(repere['seuil'], 0)}. {repere['texte']}",
                   "signale": signale},
    }


# --- Le plan de cofinancement d'un projet -----------------------------------------------------

STATUTS_COFINANCEMENT = ("equilibre", "manque", "excedent")
LIBELLES_COFINANCEMENT = {
    "projet": "nom du projet",
    "cout_total": "coût total du projet",
    "financeurs": "financeurs",
    "nom": "nom du financeur",
    "montant": "montant demandé",
    "taux": "taux (en % du coût)",
    "plafond": "plafond en euros",
    "taux_max": "plafond en % du coût",
}
REFERENCE_COFINANCEMENT = ("Plan de financement d'un projet : la somme des apports doit couvrir exactement le coût "
                           "(repère des appels à projets ; chaque financeur fixe ses propres plafonds dans son règlement)")


class Financeur(BaseModel):
    """Un financeur : un montant demandé **ou** un taux du coût, et, s'il y en a, des plafonds."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nom: Annotated[str, Field(min_length=1, max_length=120)]
    montant: Montant | None = None
    taux: Pourcentage | None = None
    plafond: Montant | None = None
    taux_max: Pourcentage | None = None

    @field_validator("montant", "taux", "plafond", "taux_max", mode="before")
    @classmethod
    def _vide(cls, v):
        return None if isinstance(v, str) and v.strip() == "" else v

    @model_validator(mode="after")
    def _montant_ou_taux(self):
        if self.montant is None and self.taux is None:
            raise ErreurChamp("montant", "indiquez un montant ou un taux (en % du coût).")
        if self.montant is not None and self.taux is not None:
            raise ErreurChamp("taux", "indiquez un montant ou un taux, pas les deux.")
        return self


class PlanCofinancement(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    projet: Annotated[str, Field(max_length=160)] | None = None
    cout_total: Montant
    financeurs: list[Financeur] = Field(default_factory=list, max_length=50)

    @field_validator("cout_total")
    @classmethod
    def _cout(cls, v: Decimal) -> Decimal:
        if v <= 0:
            raise PydanticCustomError("kit", "le coût du projet doit être supérieur à zéro.")
        return v


def valider_cofinancement(plan: dict | PlanCofinancement) -> PlanCofinancement:
    return valider_modele(PlanCofinancement, plan, LIBELLES_COFINANCEMENT, racine="plan")


def evaluer_cofinancement(plan: dict | PlanCofinancement, date_reference: dt.date | None = None) -> Decision:
    """Le plan couvre-t-il exactement le coût du projet ? Sinon, combien manque-t-il ou dépasse-t-il ?"""
    p = valider_cofinancement(plan)
    date_reference = date_reference or dt.date.today()
    cout = p.cout_total
    lignes, motifs, trace = [], [], []
    for i, f in enumerate(p.financeurs):
        demande = f.montant if f.montant is not None else arrondi(cout * f.taux / 100)
        limites = []
        if f.plafond is not None:
            limites.append((f.plafond, f"plafond de {euros(f.plafond)}"))
        if f.taux_max is not None:
            limites.append((arrondi(cout * f.taux_max / 100), f"plafond de {nombre_fr(f.taux_max)} % du coût, soit {euros(arrondi(cout * f.taux_max / 100))}"))
        retenu, raison = demande, None
        for limite, texte in limites:
            if limite < retenu:
                retenu, raison = limite, texte
        calcul = euros(demande) if f.montant is not None else f"{nombre_fr(f.taux)} % de {euros(cout)} = {euros(demande)}"
        if raison:
            motifs.append(Motif(f"plafond_{i}", f"{f.nom} : {calcul} demandés, ramenés à {euros(retenu)} ({raison}).", REFERENCE_COFINANCEMENT))
        trace.append(Etape(f"financeur_{i}", f"Apport de {f.nom}", euros(retenu) + (f" (plafonné ; demandé : {euros(demande)})" if raison else ""),
                           REFERENCE_COFINANCEMENT))
        lignes.append({"nom": f.nom, "calcul": calcul, "demande": demande, "retenu": retenu, "plafonne": raison is not None,
                       "raison_plafond": raison, "part_du_cout": part(retenu, cout)})
    total = _somme(l["retenu"] for l in lignes)
    ecart = cout - total
    statut = "equilibre" if ecart == 0 else ("manque" if ecart > 0 else "excedent")
    if statut == "equilibre":
        libelle = "Le plan de financement est équilibré"
        texte = f"Les apports ({euros(total)}) couvrent exactement le coût du projet ({euros(cout)})."
    elif statut == "manque":
        libelle = f"Il manque {euros(ecart)} pour financer le projet"
        texte = (f"Les apports ({euros(total)}) ne couvrent que {pourcent(part(total, cout))} du coût ({euros(cout)}) : il manque {euros(ecart)}. "
                 "Cherchez un autre financeur, augmentez les fonds propres ou réduisez le coût du projet.")
    else:
        libelle = f"Le plan dépasse le coût du projet de {euros(-ecart)}"
        texte = (f"Les apports ({euros(total)}) dépassent le coût ({euros(cout)}) de {euros(-ecart)}. Un projet ne peut pas être financé "
                 "au-delà de son coût : réduisez une demande (la plupart des financeurs interdisent le double financement d'une même dépense).")
    motifs.insert(0, Motif(statut, texte, REFERENCE_COFINANCEMENT))
    trace.append(Etape("total", f"Les apports ({euros(total)}) couvrent-ils exactement le coût ({euros(cout)}) ?",
                       "oui" if ecart == 0 else f"non ({'manque' if ecart > 0 else 'excédent'} : {euros(abs(ecart))})", REFERENCE_COFINANCEMENT, decisive=True))
    details = {"projet": p.projet, "cout_total": cout, "financeurs": lignes, "total": total,
               "manque": max(ecart, ZERO), "excedent": max(-ecart, ZERO), "part_couverte": part(total, cout)}
    return Decision(statut=statut, libelle=libelle, motifs=tuple(motifs), trace=tuple(trace), date_reference=date_reference, details=details)


# --- Exports ----------------------------------------------------------------------------------

COLONNES_CSV = ("type", "categorie", "libelle", "montant", "nature", "financeur", "source")
ENTETES_EXCEL = ("Type", "Catégorie", "Libellé", "Montant (€)", "Nature", "Financeur", "Source")
FORMAT_EUROS = '#,##0.00\\ "€"'


def exporter_csv(budget: dict | list | Budget) -> str:
    """Le budget en CSV (UTF-8, virgule, point décimal) : les colonnes de ``datasets/budget-exemple.csv``,
    relisible par ``widgets.data.charger_budget``."""
    b = valider(budget)
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    ecrivain.writerow(COLONNES_CSV)
    for l in b.lignes:
        ecrivain.writerow([l.type, l.categorie, l.libelle, str(l.montant), l.nature or "", l.financeur or "", l.source or ""])
    return sortie.getvalue()


def exporter_excel(budget: dict | list | Budget) -> bytes:
    """Le budget en classeur Excel : une feuille « Budget » (les lignes, les totaux) et une feuille
    « Synthèse » (solde et ratios, avec leurs repères)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    b = valider(budget)
    decision = evaluer(b)
    d = decision.details
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Budget"
    gras = Font(bold=True)
    feuille.append([b.titre or "Budget"])
    feuille["A1"].font = Font(bold=True, size=13)
    if any(l.source and "fictive" in l.source for l in b.lignes):
        feuille.append(["Données fictives (exemple du kit de formation)"])
    feuille.append([])
    feuille.append(list(ENTETES_EXCEL))
    for cellule in feuille[feuille.max_row]:
        cellule.font = gras
    for l in b.lignes:
        feuille.append([l.type, l.categorie, l.libelle, l.montant, LIBELLES_NATURE.get(l.nature or "", ""), l.financeur or "", l.source or ""])
        feuille.cell(row=feuille.max_row, column=4).number_format = FORMAT_EUROS
    feuille.append([])
    for libelle, valeur in (("Total des charges", d["total_charges"]), ("Total des produits", d["total_produits"]),
                            ("Solde (produits − charges)", d["solde"])):
        feuille.append(["", "", libelle, valeur])
        feuille.cell(row=feuille.max_row, column=3).font = gras
        feuille.cell(row=feuille.max_row, column=4).number_format = FORMAT_EUROS
    for colonne, largeur in zip("ABCDEFG", (10, 28, 48, 16, 30, 30, 22)):
        feuille.column_dimensions[colonne].width = largeur

    synthese = classeur.create_sheet("Synthèse")
    synthese.append([decision.libelle])
    synthese["A1"].font = Font(bold=True, size=13)
    synthese.append([])
    synthese.append(["Ratio", "Valeur", "Montant (€)", "Repère (pas une règle légale)"])
    for cellule in synthese[synthese.max_row]:
        cellule.font = gras
    for r in d["ratios"]:
        synthese.append([r["libelle"], r["texte"], r["montant"], r["repere"]["texte"]])
        synthese.cell(row=synthese.max_row, column=3).number_format = FORMAT_EUROS
    synthese.append([])
    synthese.append(["Produits par nature"])
    synthese.cell(row=synthese.max_row, column=1).font = gras
    for nature, montant in d["par_nature"].items():
        synthese.append([LIBELLES_NATURE[nature], "", montant])
        synthese.cell(row=synthese.max_row, column=3).number_format = FORMAT_EUROS
    for colonne, largeur in zip("ABCD", (52, 12, 16, 100)):
        synthese.column_dimensions[colonne].width = largeur
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


# --- Ligne de commande -------------------------------------------------------------------------

def _evaluer_fichier(contenu: Any, date: dt.date) -> Decision:
    if isinstance(contenu, dict) and "cout_total" in contenu:
        return evaluer_cofinancement(contenu, date)
    return evaluer(contenu, date)


def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.budget",
                        "Solde et ratios d'un budget, ou vérification d'un plan de cofinancement. JSON en entrée, JSON en sortie.",
                        "fichier JSON : un budget {\"lignes\": [...]} ou un plan {\"cout_total\": ..., \"financeurs\": [...]}",
                        _evaluer_fichier, avec_date=False)


if __name__ == "__main__":
    sys.exit(main())
