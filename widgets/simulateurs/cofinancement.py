"""Simulateur « Plan de cofinancement » : le coût d'un projet et ses financeurs (un montant ou un
taux du coût, des plafonds). Le plan doit couvrir exactement le coût ; le simulateur dit ce qui
manque ou ce qui dépasse. Préchargé avec un projet fictif (données fictives) : des ateliers de FLE
et de citoyenneté présentés à l'appel « initiatives locales d'intégration », cofinancés par la
commune (plan de cohésion sociale) et une fondation.

    from widgets.simulateurs import cofinancement
    cofinancement.afficher()
"""

from __future__ import annotations

import copy
from html import escape
from typing import Any

import ipywidgets as w

from widgets.rules import budget as regles
from widgets.rules.decision import Decision
from widgets.rules.montants import euros, pourcent
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

MODES = [("un montant (€)", "montant"), ("un taux du coût (%)", "taux")]
COULEURS = {"equilibre": VERT, "manque": ROUGE, "excedent": BLEU}


def exemple() -> dict[str, Any]:
    """Un projet fictif (données fictives) : il manque 2 000 € une fois le plafond régional appliqué."""
    return {
        "projet": "Ateliers de FLE et de citoyenneté 2027 (projet fictif de Passerelles)",
        "cout_total": "40000",
        "financeurs": [
            {"nom": "Wallonie, appel « initiatives locales d'intégration »", "taux": "60", "plafond": "22000"},
            {"nom": "Commune, plan de cohésion sociale (PCS)", "montant": "8000"},
            {"nom": "Fondation privée, appel à projets", "montant": "5000"},
            {"nom": "Fonds propres de l'ASBL", "montant": "3000"},
        ],
    }


class SimulateurCofinancement:
    def __init__(self, plan: dict[str, Any] | None = None):
        self.depart = copy.deepcopy(plan or exemple())
        self.derniere_decision: Decision | None = None
        self._construction = False
        self.formulaire = w.VBox()
        self.resultat = w.HTML()
        self.resultat.add_class("kit-cofinancement-resultat")
        self.graphique = image("kit-cofinancement-graphique", "Graphique de la part de chaque financeur dans le budget du projet ; le tableau qui suit donne les mêmes montants.")
        self.tableau = w.HTML()
        self.tableau.add_class("kit-cofinancement-tableau")
        entete = w.HTML("<h3>Le plan de financement d'un projet <span class=\"kit-fictif\">données fictives</span></h3>"
                        "<p class=\"kit-ref\">Chaque financeur apporte un montant ou un pourcentage du coût, éventuellement plafonné "
                        "(en euros ou en pourcentage du coût). Le plan est équilibré quand les apports couvrent exactement le coût.</p>")
        actions = w.HBox([bouton("Ajouter un financeur", "kit-ajouter-financeur", self._ajouter),
                          bouton("Revenir à l'exemple", "kit-cofinancement-reinitialiser", self.reinitialiser)])
        self.vue = w.VBox([entete, self.formulaire, actions, self.resultat, self.graphique, self.tableau])
        self.vue.add_class("kit-simulateur-cofinancement")
        self._construire(copy.deepcopy(self.depart))

    def _construire(self, plan: dict[str, Any]) -> None:
        self._construction = True
        c: dict[str, Any] = {}
        c["projet"] = Champ("projet", texte(plan.get("projet", "")), "Projet")
        c["cout_total"] = Champ("cout_total", texte(montant_en_texte(plan.get("cout_total", ""))), "Coût total du projet (€)")
        lignes = []
        for i, f in enumerate(plan.get("financeurs", [])):
            p = f"financeurs-{i}"
            mode = "taux" if f.get("taux") not in (None, "") else "montant"
            valeur = f.get("taux") if mode == "taux" else montant_en_texte(f.get("montant", ""))
            c[f"{p}-nom"] = champ(f"{p}-nom", texte(f.get("nom", "")), "Financeur", largeur="24em", largeur_libelle="5.5em")
            c[f"{p}-mode"] = champ(f"{p}-mode", w.Dropdown(options=MODES, value=mode), "apporte", largeur="14em", largeur_libelle="4em")
            # Une étiquette visible aussi pour ce champ : un lecteur d'écran doit savoir ce qu'on y tape.
            c[f"{p}-valeur"] = champ(f"{p}-valeur", texte(str(valeur or "")), "valeur", largeur="11.5em", largeur_libelle="3.5em")
            c[f"{p}-plafond"] = champ(f"{p}-plafond", texte(montant_en_texte(f.get("plafond", "")), "aucun"), "plafond (€)",
                                      largeur="13.5em", largeur_libelle="6em")
            c[f"{p}-taux_max"] = champ(f"{p}-taux_max", texte(str(f.get("taux_max") or ""), "aucun"), "ou % max",
                                       largeur="11em", largeur_libelle="5.5em")
            retirer = bouton("✕", "kit-retirer-financeur", lambda i=i: self._retirer(i), infobulle="Retirer ce financeur")
            ligne = w.HBox([c[f"{p}-{n}"].boite for n in ("nom", "mode", "valeur", "plafond", "taux_max")] + [retirer],
                           layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
            ligne.add_class("kit-ligne-financeur")
            lignes.append(ligne)
        self.champs = c
        generaux = w.VBox([c["projet"].boite, c["cout_total"].boite])
        generaux.add_class("kit-formulaire")
        self.formulaire.children = [generaux, w.HTML("<h4>Financeurs</h4>")] + lignes
        for objet in c.values():
            objet.widget.observe(self._change, names="value")
        self._construction = False
        self.evaluer()

    def plan(self) -> dict[str, Any]:
        v = lambda cle: (self.champs[cle].valeur or "").strip() if isinstance(self.champs[cle].valeur, str) else self.champs[cle].valeur  # noqa: E731
        plan: dict[str, Any] = {"projet": v("projet") or None, "cout_total": v("cout_total"), "financeurs": []}
        i = 0
        while f"financeurs-{i}-nom" in self.champs:
            p = f"financeurs-{i}"
            f = {"nom": v(f"{p}-nom"), v(f"{p}-mode"): v(f"{p}-valeur")}
            for cle in ("plafond", "taux_max"):
                if v(f"{p}-{cle}"):
                    f[cle] = v(f"{p}-{cle}")
            plan["financeurs"].append(f)
            i += 1
        return plan

    def _ajouter(self) -> None:
        plan = self.plan()
        plan["financeurs"].append({"nom": "Nouveau financeur", "montant": "0"})
        self._construire(plan)

    def _retirer(self, i: int) -> None:
        plan = self.plan()
        plan["financeurs"].pop(i)
        self._construire(plan)

    def reinitialiser(self) -> None:
        self._construire(copy.deepcopy(self.depart))

    def _change(self, _change=None) -> None:
        if not self._construction:
            self.evaluer()

    def evaluer(self) -> None:
        for objet in self.champs.values():
            objet.signaler(None)
        try:
            decision = regles.evaluer_cofinancement(self.plan())
        except ErreurSituation as exc:
            correspondance = dict(self.champs)
            i = 0
            while f"financeurs-{i}-nom" in self.champs:  # montant ou taux : c'est le champ « valeur » du formulaire
                correspondance[f"financeurs-{i}-montant"] = correspondance[f"financeurs-{i}-taux"] = self.champs[f"financeurs-{i}-valeur"]
                i += 1
            orphelins = signaler_erreurs(exc, correspondance)
            self.derniere_decision = None
            self.resultat.value = message_erreur("Corrigez les champs signalés en rouge pour vérifier le plan." + (" " + " ; ".join(orphelins) if orphelins else ""))
            self.tableau.value = ""
            self.graphique.png = b""
            return
        self.derniere_decision = decision
        self.resultat.value = carte_cofinancement(decision)
        self.tableau.value = tableau_financeurs(decision)
        self.graphique.png = graphique(decision)


def carte_cofinancement(decision: Decision) -> str:
    d = decision.details
    couleur = COULEURS[decision.statut]
    return (f'<div class="kit-decision kit-cofinancement-statut" data-statut="{decision.statut}" role="status" aria-live="polite" '
            f'style="border-color:{couleur}"><h3 style="color:{couleur}">{escape(decision.libelle)}</h3>'
            f'<p>Coût : <strong>{euros(d["cout_total"])}</strong> · Apports retenus : <strong>{euros(d["total"])}</strong> '
            f'({pourcent(d["part_couverte"])} du coût) · '
            f'Manque : <strong class="kit-cofinancement-manque">{euros(d["manque"])}</strong> · Excédent : <strong>{euros(d["excedent"])}</strong></p>'
            f"<h4>Pourquoi</h4>{motifs_html(decision)}</div>")


def tableau_financeurs(decision: Decision) -> str:
    lignes = "".join(
        f'<tr class="{"kit-plafonne" if f["plafonne"] else ""}"><td>{escape(f["nom"])}</td><td>{escape(f["calcul"])}</td>'
        f'<td style="text-align:right;white-space:nowrap"><strong>{euros(f["retenu"])}</strong></td>'
        f'<td style="text-align:right">{pourcent(f["part_du_cout"])}</td><td>{escape(f["raison_plafond"] or "")}</td></tr>'
        for f in decision.details["financeurs"])
    return ('<table class="kit-table"><thead><tr><th>Financeur</th><th>Demande</th><th style="text-align:right">Retenu</th>'
            '<th style="text-align:right">Part du coût</th><th>Plafond appliqué</th></tr></thead><tbody>' + lignes + "</tbody></table>")


def graphique(decision: Decision) -> bytes:
    """Une barre empilée des apports retenus, à côté de la barre du coût ; le manque en hachures."""
    d = decision.details
    fig = figure(8.0, 2.6)
    ax = fig.add_subplot()
    couleurs = ["#1d4e89", "#2f7ab8", "#6aa3d6", "#9cc3e6", "#1b6e3a", "#4f9a68", "#8a4b00", "#b77a2e"]
    gauche = 0.0
    for i, f in enumerate(d["financeurs"]):
        largeur = float(f["retenu"])  # pour le dessin seulement
        if largeur <= 0:
            continue
        ax.barh(1, largeur, left=gauche, color=couleurs[i % len(couleurs)], edgecolor="white")
        if largeur > float(d["cout_total"]) * 0.06:
            nom = f["nom"].split(",")[0].strip()
            nom = nom if len(nom) <= 16 else nom[:15] + "…"
            ax.text(gauche + largeur / 2, 1, nom, ha="center", va="center", fontsize=7, color="white")
        gauche += largeur
    if d["manque"] > 0:
        ax.barh(1, float(d["manque"]), left=gauche, color="white", edgecolor=ROUGE, hatch="///")
        ax.text(gauche + float(d["manque"]) / 2, 1.45, f"manque\n{euros(d['manque'])}", ha="center", va="bottom", fontsize=8, color=ROUGE)
    ax.barh(0, float(d["cout_total"]), color=GRIS)
    ax.text(float(d["cout_total"]) / 2, 0, f"coût du projet : {euros(d['cout_total'])}", ha="center", va="center", fontsize=8, color="white")
    ax.set_yticks([0, 1])
    ax.set_yticklabels(["Coût", "Apports"])
    ax.set_ylim(-0.6, 2.1)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return en_png(fig)


def afficher(plan: dict[str, Any] | None = None) -> w.Widget:
    """Le simulateur de plan de cofinancement, préchargé avec le projet d'exemple (dernière expression d'une cellule)."""
    try:
        return SimulateurCofinancement(plan).vue
    except (ValueError, TypeError, KeyError) as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
