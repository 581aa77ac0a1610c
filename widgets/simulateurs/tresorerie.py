"""Simulateur « Plan de trésorerie » : Passerelles (ASBL fictive, données fictives) attend l'avance de
son subside en mars ; elle arrive en juin. Le solde de départ, les dépenses et recettes mensuelles,
les tranches des subsides et leurs retards sont modifiables ; le graphique du solde de fin de mois,
le tableau, le premier mois négatif et le besoin de financement de pont suivent chaque changement.

    from widgets.simulateurs import tresorerie
    tresorerie.afficher()
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

import ipywidgets as w

from widgets.rules import tresorerie as regles
from widgets.rules.decision import Decision
from widgets.rules.montants import euros
from widgets.rules.validation import ErreurSituation
from widgets.ui.champs import (
    Champ,
    bouton,
    champ,
    message_erreur,
    montant_en_texte,
    signaler_erreurs,
    texte,
)
from widgets.ui.decision import motifs_html
from widgets.ui.graphiques import BLEU, GRIS, ROUGE, VERT, en_png, figure, image

MOIS_COURTS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def scenario() -> dict[str, Any]:
    """Le plan de Passerelles (séance 3, partie 4, scénario B ; données fictives) : l'avance de la
    Wallonie, attendue en mars, arrive avec trois mois de retard ; le solde du subside est versé
    l'année suivante, après le rapport."""
    return {
        "titre": "Plan de trésorerie de Passerelles (ASBL fictive)",
        "solde_initial": "9000", "debut": "2027-01", "nombre_mois": 12,
        "depenses": [
            {"libelle": "Salaire de la coordinatrice", "montant_mensuel": "2500"},
            {"libelle": "Loyer du local", "montant_mensuel": "600"},
            {"libelle": "Activités", "montant_mensuel": "500"},
            {"libelle": "Secrétariat social et comptable", "montant_mensuel": "150"},
            {"libelle": "Assurances", "montant_mensuel": "1200", "premier_mois": "1", "dernier_mois": "1"},
            {"libelle": "Fête et excursion d'été", "montant_mensuel": "1800", "premier_mois": "7", "dernier_mois": "7"},
        ],
        "recettes": [
            {"libelle": "Participations aux frais", "montant_mensuel": "250"},
            {"libelle": "Dons de particuliers", "montant_mensuel": "1000", "premier_mois": "12", "dernier_mois": "12"},
        ],
        "subsides": [
            {"libelle": "Wallonie, appel ILI", "montant_total": "30000",
             "tranches": [{"pourcentage": "80", "mois": "3", "retard_mois": 3}, {"pourcentage": "20", "mois": "15", "retard_mois": 0}]},
            {"libelle": "Commune, subside annuel", "montant_total": "6000", "tranches": [{"pourcentage": "100", "mois": "9", "retard_mois": 0}]},
        ],
    }


class ZoneErreur:
    """Une zone d'erreur sans champ (la somme des tranches d'un subside, par exemple)."""

    def __init__(self, classe: str):
        self.widget = w.HTML("")
        self.widget.add_class("kit-erreur")
        self.widget.add_class(classe)

    def signaler(self, message: str | None) -> None:
        self.widget.value = f"⚠ {escape(message)}" if message else ""


def _mois_texte(valeur: Any) -> str:
    return "" if valeur is None else str(valeur)


class SimulateurTresorerie:
    def __init__(self, plan: dict[str, Any] | None = None):
        self.depart = copy.deepcopy(plan or scenario())
        self.derniere_decision: Decision | None = None
        self.decision_sans_retard: Decision | None = None
        self._construction = False

        self.entete = w.HTML()
        self.sections = w.VBox()  # pas « kit-formulaire » : son libellé de 17em écraserait les champs compacts des lignes
        self.synthese = w.HTML()
        self.synthese.add_class("kit-tresorerie-synthese")
        self.graphique = image("kit-tresorerie-graphique", "Graphique du solde de trésorerie à la fin de chaque mois ; le tableau qui suit donne les mêmes montants.")
        self.tableau = w.HTML()
        self.tableau.add_class("kit-tresorerie-tableau")
        self.explication = w.HTML()
        self.explication.add_class("kit-tresorerie-explication")
        reinitialiser = bouton("Revenir au scénario de départ", "kit-tresorerie-reinitialiser", self.reinitialiser)
        self.vue = w.VBox([self.entete, self.sections, w.HBox([reinitialiser]), self.synthese, self.graphique, self.explication, self.tableau])
        self.vue.add_class("kit-simulateur-tresorerie")
        self._construire(copy.deepcopy(self.depart))

    # -- construction du formulaire à partir d'un plan (dictionnaire) --
    def _construire(self, plan: dict[str, Any]) -> None:
        self._construction = True
        self.titre = plan.get("titre") or "Plan de trésorerie"
        self.entete.value = (f"<h3>{escape(self.titre)} <span class=\"kit-fictif\">données fictives</span></h3>"
                             "<p class=\"kit-ref\">Les mois se désignent par leur numéro dans le plan (1 = le premier mois) ou par AAAA-MM.</p>")
        self.champs: dict[str, Any] = {}
        c = self.champs
        c["solde_initial"] = champ("solde_initial", texte(montant_en_texte(plan.get("solde_initial", "0"))), "Solde au début du premier mois (€)",
                                   "Ce qu'il y a réellement sur les comptes, pas ce qu'on espère.")
        c["debut"] = champ("debut", texte(plan.get("debut", "")), "Premier mois (AAAA-MM)")
        c["nombre_mois"] = champ("nombre_mois", w.IntText(value=int(plan.get("nombre_mois", 12))), "Nombre de mois (1 à 60)")
        generaux = [c[n].boite for n in ("solde_initial", "debut", "nombre_mois")]

        self.flux = {"depenses": [], "recettes": []}
        blocs = {}
        for liste, titre in (("depenses", "Dépenses mensuelles"), ("recettes", "Recettes mensuelles")):
            lignes = []
            for i, f in enumerate(plan.get(liste, [])):
                lignes.append(self._ligne_flux(liste, i, f))
            ajout = bouton("Ajouter une dépense" if liste == "depenses" else "Ajouter une recette", f"kit-ajouter-{liste}",
                           lambda l=liste: self._ajouter_flux(l))
            blocs[liste] = w.VBox([w.HTML(f"<h4>{titre}</h4>")] + lignes + [w.HBox([ajout])])
            blocs[liste].add_class(f"kit-tresorerie-{liste}")

        self.blocs_subsides = []
        for i, s in enumerate(plan.get("subsides", [])):
            self.blocs_subsides.append(self._bloc_subside(i, s))
        ajout_subside = bouton("Ajouter un subside", "kit-ajouter-subside", self._ajouter_subside)
        subsides = w.VBox([w.HTML("<h4>Subsides versés en tranches</h4>"
                                  "<p class=\"kit-ref\">Chaque tranche : sa part du subside, le mois où elle est attendue et son retard. "
                                  "Une tranche peut être attendue après la fin du plan (le solde versé après le rapport).</p>")]
                          + self.blocs_subsides + [w.HBox([ajout_subside])])
        subsides.add_class("kit-tresorerie-subsides")
        generaux_boite = w.VBox(generaux)
        generaux_boite.add_class("kit-formulaire")
        self.sections.children = [generaux_boite, blocs["depenses"], blocs["recettes"], subsides]

        for objet in self.champs.values():
            if isinstance(objet, Champ):  # pas les zones d'erreur : les remplir ne doit rien relancer
                objet.widget.observe(self._change, names="value")
        self._construction = False
        self.evaluer()

    def _ligne_flux(self, liste: str, i: int, f: dict[str, Any]) -> w.Widget:
        p = f"{liste}-{i}"
        c = self.champs
        c[f"{p}-libelle"] = champ(f"{p}-libelle", texte(f.get("libelle", "")), "Libellé", largeur="17em", largeur_libelle="4.5em")
        c[f"{p}-montant_mensuel"] = champ(f"{p}-montant_mensuel", texte(montant_en_texte(f.get("montant_mensuel", ""))), "€/mois",
                                          largeur="10em", largeur_libelle="3.5em")
        c[f"{p}-premier_mois"] = champ(f"{p}-premier_mois", texte(_mois_texte(f.get("premier_mois")), "1"), "du mois",
                                       largeur="9em", largeur_libelle="4em")
        c[f"{p}-dernier_mois"] = champ(f"{p}-dernier_mois", texte(_mois_texte(f.get("dernier_mois")), "fin"), "au mois",
                                       largeur="9em", largeur_libelle="4em")
        retirer = bouton("✕", f"kit-retirer-{liste}", lambda: self._retirer_flux(liste, i), infobulle="Retirer cette ligne")
        ligne = w.HBox([c[f"{p}-{n}"].boite for n in ("libelle", "montant_mensuel", "premier_mois", "dernier_mois")] + [retirer],
                       layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        ligne.add_class(f"kit-ligne-{liste}")
        return ligne

    def _bloc_subside(self, i: int, s: dict[str, Any]) -> w.Widget:
        p = f"subsides-{i}"
        c = self.champs
        c[f"{p}-libelle"] = champ(f"{p}-libelle", texte(s.get("libelle", "")), "Subside", largeur="22em", largeur_libelle="5em")
        c[f"{p}-montant_total"] = champ(f"{p}-montant_total", texte(montant_en_texte(s.get("montant_total", ""))), "Montant total (€)",
                                        largeur="18em", largeur_libelle="9.5em")
        c[f"{p}-tranches"] = ZoneErreur(f"kit-erreur-{p}-tranches")
        lignes = []
        for j, t in enumerate(s.get("tranches", [])):
            q = f"{p}-tranches-{j}"
            c[f"{q}-pourcentage"] = champ(f"{q}-pourcentage", texte(str(t.get("pourcentage", ""))), f"Tranche {j + 1} (%)",
                                          largeur="13em", largeur_libelle="7.5em")
            c[f"{q}-mois"] = champ(f"{q}-mois", texte(_mois_texte(t.get("mois"))), "attendue au mois", largeur="16em", largeur_libelle="9.5em")
            c[f"{q}-retard_mois"] = champ(f"{q}-retard_mois", w.IntText(value=int(t.get("retard_mois", 0) or 0)), "retard (mois)",
                                          largeur="13em", largeur_libelle="7.5em")
            retirer = bouton("✕", "kit-retirer-tranche", lambda j=j: self._retirer_tranche(i, j), infobulle="Retirer cette tranche")
            ligne = w.HBox([c[f"{q}-{n}"].boite for n in ("pourcentage", "mois", "retard_mois")] + [retirer],
                           layout=w.Layout(flex_flow="row wrap", align_items="flex-start", margin="0 0 0 2em"))
            ligne.add_class("kit-ligne-tranche")
            lignes.append(ligne)
        ajout = bouton("Ajouter une tranche", "kit-ajouter-tranche", lambda: self._ajouter_tranche(i))
        retirer = bouton("Retirer ce subside", "kit-retirer-subside", lambda: self._retirer_subside(i))
        bloc = w.VBox([w.HBox([c[f"{p}-libelle"].boite, c[f"{p}-montant_total"].boite], layout=w.Layout(flex_flow="row wrap"))]
                      + lignes + [c[f"{p}-tranches"].widget, w.HBox([ajout, retirer], layout=w.Layout(margin="0 0 0.6em 2em"))])
        bloc.add_class("kit-bloc-subside")
        return bloc

    # -- lecture du formulaire --
    def _valeur(self, cle: str) -> Any:
        v = self.champs[cle].valeur
        return v.strip() if isinstance(v, str) else v

    def plan(self) -> dict[str, Any]:
        """Le plan tel que le formulaire le décrit (les champs de mois vides sont omis)."""
        plan: dict[str, Any] = {"titre": self.titre, "solde_initial": self._valeur("solde_initial") or "0",
                                "debut": self._valeur("debut"), "nombre_mois": self._valeur("nombre_mois")}
        for liste in ("depenses", "recettes"):
            plan[liste] = []
            i = 0
            while f"{liste}-{i}-libelle" in self.champs:
                p = f"{liste}-{i}"
                f = {"libelle": self._valeur(f"{p}-libelle"), "montant_mensuel": self._valeur(f"{p}-montant_mensuel")}
                for m in ("premier_mois", "dernier_mois"):
                    if self._valeur(f"{p}-{m}"):
                        f[m] = self._valeur(f"{p}-{m}")
                plan[liste].append(f)
                i += 1
        plan["subsides"] = []
        i = 0
        while f"subsides-{i}-libelle" in self.champs:
            p = f"subsides-{i}"
            s = {"libelle": self._valeur(f"{p}-libelle"), "montant_total": self._valeur(f"{p}-montant_total"), "tranches": []}
            j = 0
            while f"{p}-tranches-{j}-pourcentage" in self.champs:
                q = f"{p}-tranches-{j}"
                s["tranches"].append({"pourcentage": self._valeur(f"{q}-pourcentage"), "mois": self._valeur(f"{q}-mois"),
                                      "retard_mois": self._valeur(f"{q}-retard_mois")})
                j += 1
            plan["subsides"].append(s)
            i += 1
        return plan

    # -- ajouts et retraits : on relit le formulaire, on modifie, on reconstruit --
    def _modifier(self, action) -> None:
        plan = self.plan()
        action(plan)
        self._construire(plan)

    def _ajouter_flux(self, liste: str) -> None:
        self._modifier(lambda p: p[liste].append({"libelle": "Nouvelle dépense" if liste == "depenses" else "Nouvelle recette", "montant_mensuel": "0"}))

    def _retirer_flux(self, liste: str, i: int) -> None:
        self._modifier(lambda p: p[liste].pop(i))

    def _ajouter_subside(self) -> None:
        self._modifier(lambda p: p["subsides"].append({"libelle": "Nouveau subside", "montant_total": "0",
                                                       "tranches": [{"pourcentage": "100", "mois": "1", "retard_mois": 0}]}))

    def _retirer_subside(self, i: int) -> None:
        self._modifier(lambda p: p["subsides"].pop(i))

    def _ajouter_tranche(self, i: int) -> None:
        def ajouter(plan):
            tranches = plan["subsides"][i]["tranches"]
            try:
                reste = Decimal(100) - sum((Decimal(str(t["pourcentage"]).replace(",", ".").replace("%", "").strip() or "0") for t in tranches), Decimal(0))
            except (InvalidOperation, ValueError):
                reste = Decimal(0)
            tranches.append({"pourcentage": str(max(reste, Decimal(0))).replace(".", ","), "mois": str(plan.get("nombre_mois") or 1), "retard_mois": 0})
        self._modifier(ajouter)

    def _retirer_tranche(self, i: int, j: int) -> None:
        self._modifier(lambda p: p["subsides"][i]["tranches"].pop(j))

    def reinitialiser(self) -> None:
        self._construire(copy.deepcopy(self.depart))

    def _change(self, _change=None) -> None:
        if not self._construction:
            self.evaluer()

    # -- évaluation et affichage --
    def evaluer(self) -> None:
        for objet in self.champs.values():
            objet.signaler(None)
        plan = self.plan()
        try:
            decision = regles.evaluer(plan)
        except ErreurSituation as exc:
            orphelins = signaler_erreurs(exc, self.champs, repli=None)
            self.derniere_decision = None
            self.synthese.value = message_erreur("Corrigez les champs signalés en rouge pour voir le plan de trésorerie."
                                                 + (" " + " ; ".join(orphelins) if orphelins else ""))
            self.explication.value = self.tableau.value = ""
            self.graphique.png = b""
            return
        sans_retard = {**plan, "subsides": [{**s, "tranches": [{**t, "retard_mois": 0} for t in s["tranches"]]} for s in plan["subsides"]]}
        self.decision_sans_retard = regles.evaluer(sans_retard)
        self.derniere_decision = decision
        self.synthese.value = synthese_html(decision)
        self.graphique.png = graphique(decision, self.decision_sans_retard)
        self.explication.value = f"<h4>Pourquoi</h4>{motifs_html(decision)}"
        self.tableau.value = tableau_html(decision)


def synthese_html(decision: Decision) -> str:
    d = decision.details
    premier = d["premier_mois_negatif"]
    couleur = ROUGE if premier else VERT
    premier_texte = (f'<span class="kit-tresorerie-premier-negatif" data-mois="{premier["mois"]}">{escape(premier["libelle"])}</span>'
                     if premier else '<span class="kit-tresorerie-premier-negatif" data-mois="">aucun</span>')
    return (f'<div class="kit-decision" data-statut="{decision.statut}" role="status" aria-live="polite" style="border-color:{couleur}">'
            f'<h3 style="color:{couleur}">{escape(decision.libelle)}</h3>'
            f"<p>Premier mois négatif : <strong>{premier_texte}</strong><br>"
            f'Besoin de financement de pont : <strong class="kit-tresorerie-besoin" data-montant="{d["besoin_de_pont"]}">{euros(d["besoin_de_pont"])}</strong>'
            f' (point le plus bas : {euros(d["solde_minimum"])}, fin {escape(d["mois_solde_minimum"]["libelle"])})<br>'
            f'Sans aucun retard de versement, le besoin serait de <strong class="kit-tresorerie-besoin-sans-retard">{euros(d["besoin_de_pont_sans_retard"])}</strong>.<br>'
            f'Solde à la fin du plan : {euros(d["solde_final"])}</p>'
            f'<p class="kit-ref">Le besoin de pont se lit au point le plus bas du solde cumulé (on n\'additionne pas les mois négatifs) ; '
            f"ajoutez une marge de sécurité. {escape(d['hypotheses'][0])}</p></div>")


def tableau_html(decision: Decision) -> str:
    d = decision.details
    premier = (d["premier_mois_negatif"] or {}).get("indice")
    minimum = d["mois_solde_minimum"]["indice"] if d["besoin_de_pont"] else None
    lignes = []
    for l in d["tableau"]:
        classes, style = [], ""
        if l["solde_fin"] < 0:
            classes.append("kit-negatif")
            style = f' style="color:{ROUGE}"'
        if l["indice"] == premier:
            classes.append("kit-premier-negatif")
        if l["indice"] == minimum:
            classes.append("kit-point-bas")
            style = f' style="color:{ROUGE};font-weight:700"'
        versements = "".join(f'<br><span class="kit-ref">dont {escape(v["libelle"])} : {euros(v["montant"])}'
                             f'{" (en retard de " + str(v["retard_mois"]) + " mois)" if v["retard_mois"] else ""}</span>' for v in l["versements"])
        lignes.append(f'<tr class="{" ".join(classes)}" data-mois="{l["mois"]}"{style}><td>{l["indice"]}. {escape(l["libelle"])}</td>'
                      f'<td style="text-align:right;white-space:nowrap">{euros(l["entrees"])}{versements}</td>'
                      f'<td style="text-align:right;white-space:nowrap">{euros(l["sorties"])}</td>'
                      f'<td style="text-align:right;white-space:nowrap"><strong>{euros(l["solde_fin"])}</strong></td></tr>')
    return ('<h4>Le plan mois par mois</h4><table class="kit-table"><thead><tr><th>Mois</th><th style="text-align:right">Entrées</th>'
            '<th style="text-align:right">Sorties</th><th style="text-align:right">Solde en fin de mois</th></tr></thead><tbody>'
            + "".join(lignes) + f'<tr><td><strong>Total</strong></td><td style="text-align:right;white-space:nowrap"><strong>{euros(d["total_entrees"])}</strong></td>'
            f'<td style="text-align:right;white-space:nowrap"><strong>{euros(d["total_sorties"])}</strong></td><td></td></tr></tbody></table>')


def _etiquette(code_mois: str) -> str:
    annee, mois = code_mois.split("-")
    return f"{MOIS_COURTS[int(mois) - 1]} {annee[2:]}"


def graphique(decision: Decision, sans_retard: Decision | None = None) -> bytes:
    """Le solde de fin de mois en barres (rouge sous zéro), le plan sans retard en pointillés ;
    le premier mois négatif et le point le plus bas annotés. PNG."""
    from babel.numbers import format_decimal

    d = decision.details
    tableau = d["tableau"]
    x = list(range(1, len(tableau) + 1))
    soldes = [float(l["solde_fin"]) for l in tableau]  # pour le dessin seulement : les montants restent des Decimal ailleurs
    fig = figure(8.2, 3.6)
    ax = fig.add_subplot()
    ax.bar(x, soldes, color=[ROUGE if s < 0 else VERT for s in soldes], width=0.7, label="solde en fin de mois")
    if sans_retard is not None and sans_retard.details["tableau"] != tableau:
        ax.plot(x, [float(l["solde_fin"]) for l in sans_retard.details["tableau"]], color=BLEU, linestyle="--", marker="o", markersize=3,
                label="si aucun subside n'était en retard")
    ax.axhline(0, color=GRIS, linewidth=1)
    ax.set_xticks(x)
    ax.set_xticklabels([_etiquette(l["mois"]) for l in tableau], rotation=45 if len(x) > 14 else 0, fontsize=8)
    if len(x) > 24:
        for i, etiquette in enumerate(ax.get_xticklabels()):
            etiquette.set_visible(i % 3 == 0)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{format_decimal(round(v), locale='fr_BE')} €")
    ax.set_title("Solde du compte en fin de mois", fontsize=11)
    premier = d["premier_mois_negatif"]
    if premier:
        i = premier["indice"]
        ax.annotate(f"premier mois négatif\n{premier['libelle']}", xy=(i, soldes[i - 1]), xytext=(0, -28), textcoords="offset points",
                    ha="center", va="top", fontsize=8, color=ROUGE, arrowprops={"arrowstyle": "-", "color": ROUGE})
        k = d["mois_solde_minimum"]["indice"]
        if k != i:
            ax.annotate(f"point le plus bas\n{euros(d['solde_minimum'])}", xy=(k + 0.35, soldes[k - 1]), xytext=(14, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=8, color=ROUGE, arrowprops={"arrowstyle": "-", "color": ROUGE})
        bas = min(soldes)
        ax.set_ylim(bottom=bas * 1.35 if bas < 0 else None)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return en_png(fig)


def afficher(plan: dict[str, Any] | None = None) -> w.Widget:
    """Le simulateur de trésorerie, préchargé avec le scénario de Passerelles (dernière expression d'une cellule)."""
    try:
        return SimulateurTresorerie(plan).vue
    except (ErreurSituation, ValueError, TypeError) as exc:  # un plan de départ mal formé : un message, jamais une trace
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite

