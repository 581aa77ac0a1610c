"""Simulateur « Le budget d'un ménage » (module Citoyenneté, séance 4) : un ménage d'exemple
(données fictives) ou « mon ménage » vide, des lignes de revenus et de dépenses à modifier, le
bouton « Calculer », puis les totaux, le solde, la part du logement, le reste par personne, les
constats et un graphique des dépenses par catégorie (avec le même contenu en tableau).

    from widgets.simulateurs import budget_menage
    budget_menage.afficher()

Tout se fait au clavier (Tab, Entrée, flèches dans les listes) ; aucun JavaScript. Les règles
sont celles de ``widgets.rules.menage`` ; une erreur de saisie s'affiche sous le champ fautif.
"""

from __future__ import annotations

import copy
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.rules import menage as regles
from widgets.rules.decision import Decision
from widgets.rules.montants import euros, pourcent
from widgets.rules.validation import ErreurSituation
from widgets.ui.champs import (
    bouton,
    champ,
    message_erreur,
    montant_en_texte,
    signaler_erreurs,
    texte,
)
from widgets.ui.graphiques import BLEU, GRIS, ROUGE, VERT, en_png, figure, image

MON_MENAGE = ""
CHEMIN_DEFAUT = "donnees/menages-exemples.yaml"
DOSSIER_MODULE = Path(__file__).resolve().parent.parent.parent / "modules" / "citoyennete"
BRUN = "#8a4b00"  # le logement et l'énergie, dans le graphique
OPTIONS_CATEGORIES = [(regles.LIBELLES_CATEGORIE[c], c) for c in regles.CATEGORIES]


def menage_vide() -> dict[str, Any]:
    """« Mon ménage » : un adulte, une ligne de revenu et une ligne de dépense à remplir."""
    return {"adultes": 1, "enfants": 0,
            "revenus": [{"libelle": "", "montant": ""}],
            "depenses": [{"libelle": "", "categorie": "logement", "montant": ""}]}


def _montant_affiche(valeur: Any) -> str:
    try:
        return montant_en_texte(valeur)
    except ValueError:  # un montant mal écrit reste tel quel : les règles le signaleront
        return "" if valeur is None else str(valeur)


class SimulateurMenage:
    def __init__(self, fichier: regles.FichierExemples | None = None, erreur_fichier: str | None = None):
        self.fichier = fichier
        self.derniere_decision: Decision | None = None
        self.fictif = False
        self.champs: dict[str, Any] = {}
        self._lignes = {"revenus": 0, "depenses": 0}
        self._correspondance: dict[str, dict[int, int]] = {"revenus": {}, "depenses": {}}

        options = [("Mon ménage (formulaire vide)", MON_MENAGE)]
        if fichier is not None:
            options += [(e.menage.nom or e.id, e.id) for e in fichier.exemples]
        self.choix = w.Dropdown(options=options, value=options[1][1] if len(options) > 1 else MON_MENAGE,
                                description="Ménage de départ", style={"description_width": "16em"},
                                layout=w.Layout(width="auto", max_width="44em"))
        self.choix.add_class("kit-menage-choix")
        self.erreur_fichier = w.HTML(
            f'<div class="kit-avertissement kit-erreur-fichier" role="alert"><strong>Les ménages d\'exemple ne peuvent pas être chargés :</strong> '
            f"{escape(erreur_fichier)}<br>Vous pouvez quand même remplir « Mon ménage ».</div>" if erreur_fichier else "")
        self.mention = w.HTML()
        self.mention.add_class("kit-menage-mention")
        self.formulaire = w.VBox()
        self.message = w.HTML()
        self.message.add_class("kit-menage-message")
        self.bouton_calculer = bouton("Calculer", "kit-menage-calculer", self.calculer, "primary",
                                      "Calculer les totaux, le solde et les constats du mois")
        self.resultat = w.HTML('<p class="kit-ref">Modifiez les lignes si vous le souhaitez, puis cliquez sur « Calculer ».</p>')
        self.resultat.add_class("kit-menage-resultat")
        self.graphique = image("kit-menage-graphique", "Graphique des dépenses du ménage par catégorie ; le tableau du simulateur donne les mêmes montants.")
        self.graphique.layout.display = "none"
        entete = w.HTML("<h3>Le budget du mois d'un ménage</h3><p class=\"kit-ref\">Tous les montants sont mensuels, en euros "
                        "(« 1250 » ou « 1 250,50 »). Une facture annuelle se divise par 12.</p>")
        self.vue = w.VBox([entete, self.erreur_fichier, self.choix, self.mention, self.formulaire,
                           w.HBox([self.bouton_calculer]), self.message, self.resultat, self.graphique])
        self.vue.add_class("kit-simulateur-menage")
        self.choix.observe(self._choisir, names="value")
        self._choisir()

    # -- choix du ménage de départ --
    def _choisir(self, _change=None) -> None:
        exemple = self.fichier.exemple(self.choix.value) if (self.fichier and self.choix.value) else None
        if exemple is None:
            self.fictif = False
            self.mention.value = ""
            self._construire(menage_vide())
        else:
            self.fictif = True
            description = exemple.donnees.get("description") or ""
            self.mention.value = (f'<p><span class="kit-fictif">données fictives</span> {escape(self.fichier.avertissement)}</p>'
                                  + (f"<p>{escape(description)}</p>" if description else ""))
            self._construire(copy.deepcopy(exemple.donnees))
        self.derniere_decision = None
        self.message.value = ""
        self.resultat.value = '<p class="kit-ref">Modifiez les lignes si vous le souhaitez, puis cliquez sur « Calculer ».</p>'
        self.graphique.png = b""
        self.graphique.layout.display = "none"

    # -- le formulaire, construit à partir d'un ménage (dictionnaire) --
    def _construire(self, menage: dict[str, Any]) -> None:
        self.nom = menage.get("nom")
        c: dict[str, Any] = {}
        c["adultes"] = champ("adultes", w.IntText(value=int(menage.get("adultes") or 1)), "Nombre d'adultes",
                             "Les personnes majeures qui vivent dans le logement.")
        c["enfants"] = champ("enfants", w.IntText(value=int(menage.get("enfants") or 0)), "Nombre d'enfants")
        self.champs = c
        composition = w.VBox([c["adultes"].boite, c["enfants"].boite])
        composition.add_class("kit-formulaire")

        revenus = [self._ligne("revenus", i, r) for i, r in enumerate(menage.get("revenus") or [])]
        depenses = [self._ligne("depenses", i, d) for i, d in enumerate(menage.get("depenses") or [])]
        self._lignes = {"revenus": len(revenus), "depenses": len(depenses)}
        bloc_revenus = w.VBox([w.HTML("<h4>Revenus du mois</h4>")] + revenus
                              + [w.HBox([bouton("Ajouter un revenu", "kit-ajouter-revenu", lambda: self._ajouter("revenus"))])])
        bloc_revenus.add_class("kit-menage-revenus")
        bloc_depenses = w.VBox([w.HTML("<h4>Dépenses du mois</h4><p class=\"kit-ref\">Choisissez pour chaque dépense sa catégorie. "
                                       "Le logement comprend le loyer et les charges ; l'énergie, l'électricité, le gaz, le chauffage et l'eau.</p>")]
                               + depenses
                               + [w.HBox([bouton("Ajouter une dépense", "kit-ajouter-depense", lambda: self._ajouter("depenses"))])])
        bloc_depenses.add_class("kit-menage-depenses")
        self.formulaire.children = [w.HTML("<h4>Composition du ménage</h4>"), composition, bloc_revenus, bloc_depenses]

    def _ligne(self, liste: str, i: int, donnees: dict[str, Any]) -> w.Widget:
        p = f"{liste}-{i}"
        c = self.champs
        mot = "Revenu" if liste == "revenus" else "Dépense"
        c[f"{p}-libelle"] = champ(f"{p}-libelle", texte(donnees.get("libelle", ""), "ex. Salaire" if liste == "revenus" else "ex. Loyer"),
                                  f"{mot} {i + 1}", largeur="24em", largeur_libelle="6em")
        morceaux = [c[f"{p}-libelle"].boite]
        if liste == "depenses":
            categorie = donnees.get("categorie")
            c[f"{p}-categorie"] = champ(f"{p}-categorie", w.Dropdown(options=OPTIONS_CATEGORIES,
                                                                      value=categorie if categorie in regles.CATEGORIES else "autres"),
                                        "catégorie", largeur="26em", largeur_libelle="5.5em")
            morceaux.append(c[f"{p}-categorie"].boite)
        c[f"{p}-montant"] = champ(f"{p}-montant", texte(_montant_affiche(donnees.get("montant", "")), "ex. 650"),
                                  "€ par mois", largeur="13em", largeur_libelle="5.5em")
        morceaux.append(c[f"{p}-montant"].boite)
        morceaux.append(bouton("Retirer", f"kit-retirer-{liste}", lambda: self._retirer(liste, i),
                               infobulle=f"Retirer la ligne « {mot} {i + 1} »"))
        ligne = w.HBox(morceaux, layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        ligne.add_class(f"kit-ligne-{liste}")
        return ligne

    # -- lecture du formulaire --
    def _valeur(self, cle: str) -> Any:
        v = self.champs[cle].valeur
        return v.strip() if isinstance(v, str) else v

    def _formulaire(self) -> dict[str, Any]:
        """Le ménage tel que le formulaire le décrit, lignes vides comprises."""
        menage: dict[str, Any] = {"adultes": self._valeur("adultes"), "enfants": self._valeur("enfants"), "revenus": [], "depenses": []}
        if self.nom:
            menage["nom"] = self.nom
        for liste in ("revenus", "depenses"):
            for i in range(self._lignes[liste]):
                p = f"{liste}-{i}"
                ligne = {"libelle": self._valeur(f"{p}-libelle"), "montant": self._valeur(f"{p}-montant")}
                if liste == "depenses":
                    ligne["categorie"] = self._valeur(f"{p}-categorie")
                menage[liste].append(ligne)
        return menage

    def menage(self) -> dict[str, Any]:
        """Le ménage à calculer : les lignes laissées entièrement vides (libellé et montant) sont ignorées."""
        brut = self._formulaire()
        self._correspondance = {"revenus": {}, "depenses": {}}
        for liste in ("revenus", "depenses"):
            gardees = []
            for i, ligne in enumerate(brut[liste]):
                if not ligne["libelle"] and not ligne["montant"]:
                    continue
                self._correspondance[liste][len(gardees)] = i
                gardees.append(ligne)
            brut[liste] = gardees
        return brut

    def _chemin_formulaire(self, chemin: str) -> str:
        """``depenses.1.montant`` (dans le ménage calculé) → ``depenses-3-montant`` (dans le formulaire)."""
        morceaux = chemin.split(".")
        if len(morceaux) >= 2 and morceaux[0] in self._correspondance and morceaux[1].isdigit():
            morceaux[1] = str(self._correspondance[morceaux[0]].get(int(morceaux[1]), int(morceaux[1])))
        return "-".join(morceaux)

    # -- ajouts et retraits : on relit le formulaire, on modifie, on reconstruit --
    def _modifier(self, action) -> None:
        menage = self._formulaire()
        action(menage)
        self._construire(menage)

    def _ajouter(self, liste: str) -> None:
        nouvelle = {"libelle": "", "montant": ""} if liste == "revenus" else {"libelle": "", "categorie": "autres", "montant": ""}
        self._modifier(lambda m: m[liste].append(nouvelle))

    def _retirer(self, liste: str, i: int) -> None:
        self._modifier(lambda m: m[liste].pop(i))

    # -- le calcul --
    def calculer(self) -> None:
        for objet in self.champs.values():
            objet.signaler(None)
        self.message.value = ""
        menage = self.menage()
        try:
            decision = regles.evaluer(menage)
        except ErreurSituation as exc:
            traduite = ErreurSituation([(self._chemin_formulaire(c), m) for c, m in exc.erreurs], exc.libelles)
            orphelins = signaler_erreurs(traduite, self.champs)
            self.derniere_decision = None
            self.message.value = message_erreur("Corrigez les champs signalés (message sous le champ), puis cliquez à nouveau sur « Calculer »."
                                                + (" " + " ; ".join(orphelins) if orphelins else ""))
            self.resultat.value = ""
            self.graphique.png = b""
            self.graphique.layout.display = "none"
            return
        self.derniere_decision = decision
        self.resultat.value = carte_menage(decision, self.fictif)
        if decision.details["par_categorie"]:
            self.graphique.png = graphique(decision)
            self.graphique.layout.display = None
        else:
            self.graphique.png = b""
            self.graphique.layout.display = "none"


# --- Le rendu ----------------------------------------------------------------------------------

def carte_menage(decision: Decision, fictif: bool = False) -> str:
    """La carte du résultat : totaux, solde, part du logement, reste par personne, constats et
    tableau des dépenses par catégorie (le contenu du graphique, lisible sans image)."""
    d = decision.details
    couleur = {"excedent": VERT, "equilibre": BLEU, "deficit": ROUGE}[decision.statut]
    badge = ' <span class="kit-fictif">données fictives</span>' if fictif else ""
    constats = []
    for c in d["constats"]:
        marque = '<span aria-hidden="true">⚠ </span>' if c["signale"] else ""
        repere = f'<span class="kit-ref">{escape(c["repere"])}</span>' if c["repere"] else ""
        classe = ' class="kit-repere-signale"' if c["signale"] else ""
        constats.append(f'<li data-code="{escape(c["code"])}"{classe}>{marque}{escape(c["texte"])}{repere}</li>')
    lignes = []
    for categorie, montant in sorted(d["par_categorie"].items(), key=lambda kv: (-kv[1], regles.CATEGORIES.index(kv[0]))):
        lignes.append(f'<tr data-categorie="{categorie}"><td>{escape(regles.LIBELLES_CATEGORIE[categorie])}</td>'
                      f'<td style="text-align:right;white-space:nowrap">{euros(montant)}</td>'
                      f'<td style="text-align:right;white-space:nowrap">{pourcent(d["parts_des_depenses"][categorie], 0)}</td></tr>')
    tableau = ('<table class="kit-table kit-menage-categories"><thead><tr><th>Catégorie</th><th style="text-align:right">Montant du mois</th>'
               '<th style="text-align:right">Part des dépenses</th></tr></thead><tbody>' + "".join(lignes)
               + f'<tr><td><strong>Total des dépenses</strong></td><td style="text-align:right;white-space:nowrap"><strong>{euros(d["total_depenses"])}</strong></td>'
               "<td></td></tr></tbody></table>") if lignes else "<p>Aucune dépense indiquée.</p>"
    avertissements = "".join(f'<div class="kit-avertissement">{escape(a)}</div>' for a in decision.avertissements)
    hypotheses = "".join(f"<li>{escape(h)}</li>" for h in d["hypotheses"])
    return (f'<div class="kit-decision kit-menage-carte" data-statut="{decision.statut}" role="status" aria-live="polite" style="border-color:{couleur}">'
            f'<h3 style="color:{couleur}">{escape(decision.libelle)}{badge}</h3>'
            f'<p>Revenus : <strong class="kit-menage-revenus-total" data-montant="{d["total_revenus"]}">{euros(d["total_revenus"])}</strong> · '
            f'Dépenses : <strong class="kit-menage-depenses-total" data-montant="{d["total_depenses"]}">{euros(d["total_depenses"])}</strong> · '
            f'Solde : <strong class="kit-menage-solde" data-montant="{d["solde"]}">{euros(d["solde"])}</strong><br>'
            f'Part du logement (loyer, charges, énergie) dans les revenus : <strong class="kit-menage-part-logement">{pourcent(d["part_logement"])}</strong><br>'
            f'Reste par personne ({d["personnes"]}) : <strong class="kit-menage-reste" data-montant="{d["reste_par_personne"]}">{euros(d["reste_par_personne"])}</strong></p>'
            f'<h4>Constats</h4><ul class="kit-menage-constats">{"".join(constats)}</ul>{avertissements}'
            f"<h4>Dépenses par catégorie</h4>{tableau}"
            f'<p class="kit-ref">Le seul repère affiché (un tiers des revenus pour le logement) est un {escape(regles.REPERE)}.</p>'
            f'<ul class="kit-ref">{hypotheses}</ul></div>')


def graphique(decision: Decision) -> bytes:
    """Les dépenses du mois par catégorie, en barres horizontales (logement et énergie en brun). PNG."""
    from babel.numbers import format_decimal

    d = decision.details
    postes = sorted(d["par_categorie"].items(), key=lambda kv: (kv[1], -regles.CATEGORIES.index(kv[0])))
    etiquettes = [regles.LIBELLES_CATEGORIE[c].split(" (")[0] for c, _ in postes]
    valeurs = [float(v) for _, v in postes]  # pour le dessin seulement : les montants restent des Decimal ailleurs
    couleurs = [BRUN if c in regles.CATEGORIES_LOGEMENT else BLEU for c, _ in postes]
    fig = figure(8.0, 0.8 + 0.42 * len(postes))
    ax = fig.add_subplot()
    barres = ax.barh(etiquettes, valeurs, color=couleurs)
    ax.bar_label(barres, labels=[euros(v) for _, v in postes], padding=3, fontsize=8, color=GRIS)
    ax.set_xlim(right=max(valeurs) * 1.25 if valeurs else 1)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{format_decimal(round(v), locale='fr_BE')} €")
    ax.set_title("Dépenses du mois par catégorie (en brun : logement et énergie)", fontsize=10)
    ax.tick_params(axis="both", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return en_png(fig)


def _resoudre(chemin: str | Path) -> Path:
    """Le fichier tel que donné (relatif au dossier de la séance) ; à défaut, relatif au module Citoyenneté."""
    chemin = Path(chemin)
    if chemin.exists() or chemin.is_absolute():
        return chemin
    autre = DOSSIER_MODULE / chemin
    return autre if autre.exists() else chemin


def afficher(chemin: str | Path = CHEMIN_DEFAUT) -> w.Widget:
    """Le simulateur (dernière expression d'une cellule), avec les ménages d'exemple de ``chemin``.
    Un fichier d'exemples absent ou invalide donne un message qui le nomme ; « Mon ménage » reste utilisable."""
    try:
        fichier = regles.charger_exemples(_resoudre(chemin))
    except regles.ExemplesInvalides as exc:
        return SimulateurMenage(None, erreur_fichier=str(exc)).vue
    return SimulateurMenage(fichier).vue
