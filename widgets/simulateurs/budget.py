"""Simulateur « Construire un budget » : le budget de Passerelles (ASBL fictive, données fictives)
préchargé, des lignes à ajouter, modifier ou supprimer, le solde et les ratios recalculés à chaque
changement, et l'export en CSV ou en Excel.

    from widgets.simulateurs import budget
    budget.afficher()
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from widgets import data
from widgets.rules import budget as regles
from widgets.rules.decision import Decision
from widgets.rules.montants import ZERO, euros, lire_montant
from widgets.rules.validation import ErreurSituation
from widgets.ui.champs import (
    Champ,
    bouton,
    message_erreur,
    montant_en_texte,
    signaler_erreurs,
    texte,
)
from widgets.ui.decision import motifs_html
from widgets.ui.graphiques import (
    BLEU,
    ROUGE,
    VERT,
    lien_telechargement,
)

AUCUNE = ""
TITRE_EXEMPLE = "Budget annuel de Passerelles, initiative locale d'intégration (ASBL fictive)"
MIME_EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Le constructeur de budget ---------------------------------------------------------------

TYPES = [("charge", "charge"), ("produit", "produit")]
NATURES = [("— aucune (charge) —", AUCUNE)] + [(f"{regles.LIBELLES_NATURE[n]} ({n})", n) for n in regles.NATURES]
NOUVELLE = -1


class SimulateurBudget:
    def __init__(self, lignes: list[dict] | None = None, titre: str = TITRE_EXEMPLE, fictif: bool = True):
        self.titre, self.fictif = titre, fictif
        self.exemple = [dict(l) for l in (lignes if lignes is not None else data.budget_exemple())]
        self.lignes: list[dict] = [dict(l) for l in self.exemple]
        self.derniere_decision: Decision | None = None

        self.choix = w.Dropdown(description="Ligne à modifier", style={"description_width": "16em"},
                                layout=w.Layout(width="auto", max_width="44em"))
        self.choix.add_class("kit-budget-choix")
        self.champs = {
            "type": Champ("type", w.Dropdown(options=TYPES, value="charge"), "Type"),
            "categorie": Champ("categorie", w.Combobox(options=[], placeholder="ex. Personnel, Subsides", ensure_option=False), "Catégorie"),
            "libelle": Champ("libelle", texte(placeholder="ex. Loyer du local"), "Libellé"),
            "montant": Champ("montant", texte(placeholder="ex. 7 200 ou 7200,50"), "Montant (€)", "Sur l'année ; virgule ou point pour les centimes."),
            "nature": Champ("nature", w.Dropdown(options=NATURES, value=AUCUNE), "Nature (pour un produit)",
                            "Une charge n'a pas de nature, sauf la contrepartie d'un apport en nature."),
            "financeur": Champ("financeur", texte(placeholder="ex. Wallonie, Commune"), "Financeur (facultatif)"),
        }
        formulaire = w.VBox([self.choix] + [c.boite for c in self.champs.values()])
        formulaire.add_class("kit-formulaire")
        self.message = w.HTML()
        self.message.add_class("kit-budget-message")
        actions = w.HBox([
            bouton("Enregistrer la ligne", "kit-budget-enregistrer", self.enregistrer, "primary"),
            bouton("Ajouter comme nouvelle ligne", "kit-budget-ajouter", self.ajouter),
            bouton("Supprimer la ligne", "kit-budget-supprimer", self.supprimer, "warning"),
            bouton("Revenir à l'exemple", "kit-budget-reinitialiser", self.reinitialiser),
        ], layout=w.Layout(flex_flow="row wrap", grid_gap="0.4em"))

        self.tableau = w.HTML()
        self.tableau.add_class("kit-budget-lignes")
        self.resultat = w.HTML()
        self.resultat.add_class("kit-budget-resultat")
        self.exports = w.HTML()
        self.exports.add_class("kit-budget-exports")

        entete = f"<h3>{escape(titre)}" + (' <span class="kit-fictif">données fictives</span>' if fictif else "") + "</h3>"
        self.choix.observe(self._choisir, names="value")
        self.vue = w.VBox([
            w.HTML(entete), self.tableau,
            w.HTML("<h4>Ajouter, modifier ou supprimer une ligne</h4>"), formulaire, actions, self.message,
            self.resultat, self.exports,
        ])
        self.vue.add_class("kit-simulateur-budget")
        self._rafraichir(selection=NOUVELLE)

    # -- le formulaire --
    def _options(self) -> list[tuple[str, int]]:
        options = [("— nouvelle ligne —", NOUVELLE)]
        for i, l in enumerate(self.lignes):
            options.append((f"{i + 1}. {l['type']} · {l['libelle']} ({euros(lire_montant(l['montant']))})", i))
        return options

    def _choisir(self, _change=None) -> None:
        i = self.choix.value
        for c in self.champs.values():
            c.signaler(None)
        l = self.lignes[i] if i is not None and 0 <= i < len(self.lignes) else {}
        self.champs["type"].valeur = l.get("type", "charge")
        self.champs["categorie"].valeur = l.get("categorie", "")
        self.champs["libelle"].valeur = l.get("libelle", "")
        self.champs["montant"].valeur = montant_en_texte(l.get("montant", ""))
        self.champs["nature"].valeur = l.get("nature") or AUCUNE
        self.champs["financeur"].valeur = l.get("financeur") or ""

    def ligne_saisie(self) -> dict | None:
        """La ligne du formulaire, validée par les règles ; ``None`` (erreurs affichées) si elle est invalide."""
        for c in self.champs.values():
            c.signaler(None)
        ligne = {"type": self.champs["type"].valeur, "categorie": self.champs["categorie"].valeur.strip(),
                 "libelle": self.champs["libelle"].valeur.strip(), "montant": self.champs["montant"].valeur.strip()}
        if self.champs["nature"].valeur:
            ligne["nature"] = self.champs["nature"].valeur
        if self.champs["financeur"].valeur.strip():
            ligne["financeur"] = self.champs["financeur"].valeur.strip()
        try:
            valide = regles.valider([ligne]).lignes[0]
        except ErreurSituation as exc:
            par_champ = {f"lignes.0.{nom}": c for nom, c in self.champs.items()}
            for reste in signaler_erreurs(exc, par_champ):
                self.message.value = message_erreur(reste)
            if not self.message.value:
                self.message.value = message_erreur("Corrigez les champs signalés en rouge.")
            return None
        propre = {k: v for k, v in valide.model_dump().items() if v is not None}
        propre["montant"] = str(valide.montant)
        return propre

    # -- les actions --
    def enregistrer(self) -> None:
        if self.choix.value in (None, NOUVELLE):
            return self.ajouter()
        self.message.value = ""
        ligne = self.ligne_saisie()
        if ligne is None:
            return
        i = self.choix.value
        if self.lignes[i].get("source"):  # une ligne de l'exemple modifiée reste fictive
            ligne.setdefault("source", self.lignes[i]["source"])
        self.lignes[i] = ligne
        self._rafraichir(selection=i, message=f"Ligne {i + 1} enregistrée.")

    def ajouter(self) -> None:
        self.message.value = ""
        ligne = self.ligne_saisie()
        if ligne is None:
            return
        self.lignes.append(ligne)
        self._rafraichir(selection=len(self.lignes) - 1, message=f"Ligne {len(self.lignes)} ajoutée.")

    def supprimer(self) -> None:
        i = self.choix.value
        if i in (None, NOUVELLE):
            self.message.value = message_erreur("Choisissez d'abord la ligne à supprimer dans la liste.")
            return
        retiree = self.lignes.pop(i)
        self._rafraichir(selection=NOUVELLE, message=f"Ligne « {retiree['libelle']} » supprimée.")

    def reinitialiser(self) -> None:
        self.lignes = [dict(l) for l in self.exemple]
        self._rafraichir(selection=NOUVELLE, message="Le budget d'exemple est rétabli.")

    # -- l'affichage --
    def _rafraichir(self, selection: int, message: str = "") -> None:
        self.choix.unobserve(self._choisir, names="value")
        self.choix.options = self._options()
        self.choix.value = selection
        self.choix.observe(self._choisir, names="value")
        self._choisir()
        self.champs["categorie"].widget.options = sorted({l["categorie"] for l in self.lignes})
        if message:
            self.message.value = f'<p class="kit-ref">{escape(message)}</p>'
        self.evaluer()

    def evaluer(self) -> None:
        try:
            decision = regles.evaluer({"titre": self.titre, "lignes": self.lignes})
        except ErreurSituation as exc:  # ne devrait pas arriver : chaque ligne est validée à l'entrée
            self.derniere_decision = None
            self.resultat.value = message_erreur("Le budget contient une ligne invalide : " + exc.message())
            return
        self.derniere_decision = decision
        self.tableau.value = tableau_lignes(self.lignes)
        self.resultat.value = carte_budget(decision)
        self.exports.value = self._liens()

    def _liens(self) -> str:
        nom = "budget-passerelles" if self.fictif else "budget"
        try:
            csv_ = regles.exporter_csv(self.lignes).encode("utf-8")
            xlsx = regles.exporter_excel({"titre": self.titre, "lignes": self.lignes})
        except Exception as exc:  # l'export ne doit jamais casser la page
            return message_erreur(f"L'export n'a pas pu être préparé ({type(exc).__name__}).")
        return ("<h4>Exporter</h4>" + lien_telechargement(f"{nom}.csv", csv_, "text/csv;charset=utf-8", "CSV (tableur, relisible par le kit)", "kit-export-csv")
                + lien_telechargement(f"{nom}.xlsx", xlsx, MIME_EXCEL, "Excel (.xlsx)", "kit-export-excel")
                + ('<p class="kit-ref">Les fichiers exportés gardent la mention « données fictives ».</p>' if self.fictif else ""))


def tableau_lignes(lignes: list[dict]) -> str:
    """Les lignes du budget, charges puis produits, avec leurs sous-totaux."""
    morceaux = ['<table class="kit-table"><thead><tr><th>N°</th><th>Catégorie</th><th>Libellé</th><th>Nature</th>'
                '<th>Financeur</th><th style="text-align:right">Montant</th></tr></thead><tbody>']
    for genre, titre in (("charge", "Charges"), ("produit", "Produits")):
        morceaux.append(f'<tr><th colspan="6">{titre}</th></tr>')
        total = ZERO
        for i, l in enumerate(lignes):
            if l["type"] != genre:
                continue
            montant = lire_montant(l["montant"])
            total += montant
            nature = regles.LIBELLES_NATURE.get(l.get("nature") or "", "")
            morceaux.append(f'<tr data-ligne="{i + 1}"><td>{i + 1}</td><td>{escape(l["categorie"])}</td><td>{escape(l["libelle"])}</td>'
                            f'<td>{escape(nature)}</td><td>{escape(l.get("financeur") or "")}</td>'
                            f'<td style="text-align:right;white-space:nowrap">{euros(montant)}</td></tr>')
        morceaux.append(f'<tr><td></td><td colspan="4"><strong>Total des {titre.lower()}</strong></td>'
                        f'<td style="text-align:right;white-space:nowrap"><strong>{euros(total)}</strong></td></tr>')
    morceaux.append("</tbody></table>")
    return "".join(morceaux)


def carte_budget(decision: Decision) -> str:
    d = decision.details
    couleur = {"equilibre": VERT, "deficit": ROUGE, "excedent": BLEU}[decision.statut]
    lignes_ratios = []
    for r in d["ratios"]:
        signal = r["repere"]["signale"]
        marque = "⚠ à discuter" if signal else ("—" if signal is None else "✓")
        classe = ' class="kit-repere-signale"' if signal else ""
        lignes_ratios.append(f'<tr data-ratio="{r["code"]}"{classe}><td>{escape(r["libelle"])}</td>'
                             f'<td style="text-align:right;white-space:nowrap"><strong>{escape(r["texte"])}</strong></td>'
                             f'<td style="white-space:nowrap">{marque}</td><td class="kit-ref">{escape(r["repere"]["texte"])}</td></tr>')
    natures = "".join(f"<li>{escape(regles.LIBELLES_NATURE[n])} : {euros(m)}</li>" for n, m in d["par_nature"].items() if m)
    avertissements = "".join(f'<div class="kit-avertissement">{escape(a)}</div>' for a in decision.avertissements)
    return (f'<div class="kit-decision kit-budget-solde" data-statut="{decision.statut}" role="status" aria-live="polite" style="border-color:{couleur}">'
            f'<h3 style="color:{couleur}">{escape(decision.libelle)}</h3>'
            f'<p>Charges : <strong>{euros(d["total_charges"])}</strong> · Produits : <strong>{euros(d["total_produits"])}</strong> · '
            f'Solde : <strong class="kit-budget-valeur-solde">{euros(d["solde"])}</strong></p>'
            f"<h4>Pourquoi</h4>{motifs_html(decision)}{avertissements}"
            f'<h4>Ratios <span class="kit-fictif">repères, pas des règles légales</span></h4>'
            f'<table class="kit-table kit-budget-ratios"><thead><tr><th>Ratio</th><th>Valeur</th><th></th><th>Repère pédagogique</th></tr></thead>'
            f'<tbody>{"".join(lignes_ratios)}</tbody></table>'
            f"<h4>Produits par nature</h4><ul>{natures or '<li>aucun produit</li>'}</ul></div>")


def afficher(lignes: list[dict] | None = None, titre: str | None = None) -> w.Widget:
    """Le constructeur de budget (dernière expression d'une cellule) : préchargé avec le budget
    d'exemple (données fictives), ou avec ``lignes`` (alors sans la mention « données fictives »)."""
    try:
        if lignes is None:
            return SimulateurBudget().vue
        return SimulateurBudget(lignes, titre=titre or "Budget", fictif=False).vue
    except (data.DonneesInvalides, ErreurSituation) as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
