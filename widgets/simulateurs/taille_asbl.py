"""Simulateur « Quelle taille pour mon ASBL ? » : à partir des chiffres du dernier exercice clôturé
(et, si on les connaît, des exercices précédents), la catégorie de l'ASBL au sens du Code des
sociétés et des associations, pourquoi, les seuils en vigueur à la date choisie avec leur date et
leur référence, et les obligations qui en découlent.

    from widgets.simulateurs import taille_asbl
    taille_asbl.afficher()
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as w

from widgets.rules import asbl as regles
from widgets.rules.decision import Decision, date_fr
from widgets.rules.montants import euros, nombre_fr
from widgets.rules.validation import ErreurSituation
from widgets.ui.champs import (
    Champ,
    bandeau_personas,
    champ,
    message_erreur,
    signaler_erreurs,
    texte,
)
from widgets.ui.decision import motifs_html
from widgets.ui.graphiques import BLEU, GRIS, ROUGE, VERT

CHIFFRES = ("etp_moyen", "recettes", "total_bilan", "total_actifs", "dettes")
PRECEDENTS = ("etp_moyen", "recettes", "total_bilan", "dettes")
COULEURS = {"tres_petite": VERT, "micro": VERT, "petite": BLEU, "autre_que_petite": ROUGE}


def exemples() -> dict[str, dict]:
    """Des ASBL fictives (données fictives) pour remplir le formulaire d'un clic."""
    return {
        "Passerelles (séance 2), 0,5 ETP": {"etp_moyen": "0,5", "recettes": "40 000", "total_bilan": "14 000", "dettes": "3 000"},
        "Centre de formation, 12,5 ETP": {"etp_moyen": "12,5", "recettes": "950 000", "total_bilan": "500 000", "dettes": "180 000"},
        "Centre qui grandit (un seul exercice au-dessus)": {"etp_moyen": "12", "recettes": "950 000", "total_bilan": "500 000",
                                                            "n1": {"etp_moyen": "8", "recettes": "600 000", "total_bilan": "300 000"}},
        "Grande structure, 60 ETP": {"etp_moyen": "60", "recettes": "12 000 000", "total_bilan": "7 000 000", "dettes": "2 500 000"},
    }


class SimulateurTailleAsbl:
    def __init__(self, aujourdhui: dt.date | None = None):
        self.aujourdhui = aujourdhui or dt.date.today()
        self.derniere_decision: Decision | None = None
        self._remplissage = False
        c = self.champs = {
            "date_reference": Champ("date_reference", w.DatePicker(value=self.aujourdhui), "Date de référence",
                                    "Les seuils appliqués sont ceux en vigueur pour l'exercice qui contient cette date."),
            "debut_exercice": Champ("debut_exercice", w.DatePicker(), "Début de l'exercice (facultatif)",
                                    "Par défaut : le 1er janvier (exercice = année civile)."),
            "etp_moyen": Champ("etp_moyen", texte(placeholder="ex. 2,5"), "Travailleurs (ETP, moyenne annuelle)"),
            "recettes": Champ("recettes", texte(placeholder="ex. 250 000"), "Recettes hors TVA (€)",
                              "Hors recettes exceptionnelles (non récurrentes)."),
            "total_bilan": Champ("total_bilan", texte(placeholder="ex. 120 000"), "Total du bilan (€)"),
            "total_actifs": Champ("total_actifs", texte(placeholder="par défaut : le total du bilan"), "Total des avoirs (€, facultatif)"),
            "dettes": Champ("dettes", texte(placeholder="ex. 40 000"), "Total des dettes (€)",
                            "Sert au seuil de la comptabilité simplifiée."),
        }
        principaux = w.VBox([ch.boite for ch in c.values()])
        principaux.add_class("kit-formulaire")

        annees = []
        for rang in (1, 2):
            for nom in PRECEDENTS:
                libelle = {"etp_moyen": "ETP", "recettes": "Recettes (€)", "total_bilan": "Bilan (€)", "dettes": "Dettes (€)"}[nom]
                c[f"n{rang}-{nom}"] = champ(f"n{rang}-{nom}", texte(), libelle, largeur="13em", largeur_libelle="6em")
            annees.append(w.VBox([w.HTML(f"<strong>Exercice N-{rang}</strong>"),
                                  w.HBox([c[f"n{rang}-{n}"].boite for n in PRECEDENTS], layout=w.Layout(flex_flow="row wrap"))]))
        self.precedents = w.Accordion(children=[w.VBox([w.HTML(
            "<p class=\"kit-ref\">Un changement de catégorie ne joue qu'après deux exercices consécutifs. Donnez les chiffres des exercices "
            "précédents pour que le kit applique cette règle (laissez vide si vous ne les connaissez pas).</p>")] + annees)])
        self.precedents.set_title(0, "Exercices précédents (facultatif)")
        self.precedents.selected_index = None
        self.precedents.add_class("kit-asbl-precedents")

        bandeau = bandeau_personas(exemples(), self.remplir, titre="Exemples")

        self.resultat = w.HTML()
        self.resultat.add_class("kit-asbl-resultat")
        self.seuils = w.HTML()
        self.seuils.add_class("kit-asbl-seuils")
        self.obligations = w.HTML()
        self.obligations.add_class("kit-asbl-obligations")
        for ch in c.values():
            ch.widget.observe(self._change, names="value")
        self.vue = w.VBox([bandeau, principaux, self.precedents, self.resultat, self.seuils, self.obligations])
        self.vue.add_class("kit-simulateur-taille-asbl")
        self.evaluer()

    def remplir(self, valeurs: dict) -> None:
        self._remplissage = True
        try:
            for nom in CHIFFRES:
                self.champs[nom].valeur = valeurs.get(nom, "")
            for rang in (1, 2):
                annee = valeurs.get(f"n{rang}", {})
                for nom in PRECEDENTS:
                    self.champs[f"n{rang}-{nom}"].valeur = annee.get(nom, "")
            self.champs["debut_exercice"].valeur = valeurs.get("debut_exercice")
            self.precedents.selected_index = 0 if any(valeurs.get(f"n{r}") for r in (1, 2)) else None
        finally:
            self._remplissage = False
        self.evaluer()

    def _change(self, _change=None) -> None:
        if not self._remplissage:
            self.evaluer()

    def situation(self) -> dict:
        s: dict = {}
        for nom in CHIFFRES:
            v = self.champs[nom].valeur.strip()
            if v:
                s[nom] = v
        if self.champs["debut_exercice"].valeur:
            s["debut_exercice"] = self.champs["debut_exercice"].valeur
        precedents = []
        for rang in (1, 2):
            annee = {n: self.champs[f"n{rang}-{n}"].valeur.strip() for n in PRECEDENTS}
            annee = {k: v for k, v in annee.items() if v}
            if annee:
                precedents.append(annee)
        if precedents:
            s["exercices_precedents"] = precedents
        return s

    def evaluer(self) -> None:
        for ch in self.champs.values():
            ch.signaler(None)
        date = self.champs["date_reference"].valeur
        if date is None:
            self.champs["date_reference"].signaler("choisissez une date de référence.")
            return self._vider("Choisissez une date de référence.")
        s = self.situation()
        if not any(n in s for n in ("etp_moyen", "recettes", "total_bilan")):
            return self._vider("Indiquez les chiffres du dernier exercice clôturé, ou cliquez sur un exemple.")
        # N-2 sans N-1 : le kit ne saurait pas de quel exercice il s'agit.
        n1 = any(self.champs[f"n1-{n}"].valeur.strip() for n in PRECEDENTS)
        n2 = any(self.champs[f"n2-{n}"].valeur.strip() for n in PRECEDENTS)
        if n2 and not n1:
            self.champs["n1-etp_moyen"].signaler("remplissez d'abord l'exercice N-1.")
            return self._vider("Corrigez les champs signalés en rouge pour voir la catégorie.")
        try:
            decision = regles.evaluer(s, date)
        except ErreurSituation as exc:
            correspondance = {nom: ch for nom, ch in self.champs.items()}
            for rang in (1, 2):
                for n in PRECEDENTS:
                    correspondance[f"exercices_precedents.{rang - 1}.{n}"] = self.champs[f"n{rang}-{n}"]
            orphelins = signaler_erreurs(exc, correspondance)
            return self._vider("Corrigez les champs signalés en rouge pour voir la catégorie." + (" " + " ; ".join(orphelins) if orphelins else ""))
        self.derniere_decision = decision
        self.resultat.value = carte_taille(decision)
        self.seuils.value = tableau_seuils(decision)
        self.obligations.value = tableau_obligations(decision)

    def _vider(self, message: str) -> None:
        self.derniere_decision = None
        self.resultat.value = message_erreur(message)
        self.seuils.value = self.obligations.value = ""


def carte_taille(decision: Decision) -> str:
    d = decision.details
    couleur = COULEURS[decision.statut]
    noms = {"micro": "micro-ASBL", "petite": "petite ASBL", "autre_que_petite": "ASBL autre que petite"}
    sous_titre = (f"Au sens des articles 1:28 et 1:29 du CSA : {noms[d['categorie_csa']]}."
                  + (" Comptabilité simplifiée possible." if d["comptabilite_simplifiee"] else " Comptabilité en partie double."))
    avertissements = "".join(f'<div class="kit-avertissement"><strong>À vérifier :</strong> {escape(a)}</div>' for a in decision.avertissements)
    hypotheses = "".join(f"<li>{escape(h)}</li>" for h in d["hypotheses"])
    historique = ""
    if len(d["exercices"]) > 1:
        lignes = "".join(f"<li>{escape(e['libelle'])} : {escape(regles.LIBELLES_STATUT[e['categorie']])}</li>" for e in d["exercices"])
        historique = f"<h4>Exercice par exercice (chiffres seuls)</h4><ul>{lignes}</ul>"
    return (f'<div class="kit-decision kit-asbl-categorie" data-statut="{decision.statut}" data-categorie-csa="{d["categorie_csa"]}" role="status" '
            f'aria-live="polite" style="border-color:{couleur}"><h3 style="color:{couleur}">{escape(decision.libelle)}</h3>'
            f'<p>{escape(sous_titre)}</p><p class="kit-ref">Seuils des exercices commençant le {date_fr(d["debut_exercice"])} ; '
            f"règles en vigueur au {date_fr(decision.date_reference)}.</p>"
            f"<h4>Pourquoi</h4>{motifs_html(decision)}{historique}{avertissements}"
            + (f"<h4>Hypothèses du kit</h4><ul>{hypotheses}</ul>" if hypotheses else "") + "</div>")


def tableau_seuils(decision: Decision) -> str:
    blocs = []
    for s in decision.details["seuils"]:
        lignes = []
        for c in s["criteres"]:
            valeur = "—" if c["valeur"] is None else (euros(c["valeur"]) if c["unite"] == "euros" else f"{nombre_fr(c['valeur'])} ETP")
            seuil = euros(c["seuil"]) if c["unite"] == "euros" else f"{nombre_fr(c['seuil'])} ETP"
            etat = "non précisé" if c["depasse"] is None else ("dépassé" if c["depasse"] else "non dépassé")
            couleur = ROUGE if c["depasse"] else GRIS
            lignes.append(f'<tr><td>{escape(c["libelle"])}</td><td style="text-align:right;white-space:nowrap">{seuil}</td>'
                          f'<td style="text-align:right;white-space:nowrap">{valeur}</td><td style="color:{couleur}">{etat}</td></tr>')
        conclusion = "pas plus d'un critère dépassé : dans la catégorie" if s["dans_la_categorie"] else "plus d'un critère dépassé : hors de la catégorie"
        incertain = f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(s["incertain"])}</div>' if s["incertain"] else ""
        blocs.append(f'<div class="kit-asbl-niveau" data-niveau="{s["niveau"]}"><h4>{escape(s["nom"][:1].upper() + s["nom"][1:])} — {escape(s["article"])}</h4>'
                     f'<table class="kit-table"><thead><tr><th>Critère</th><th style="text-align:right">Seuil</th><th style="text-align:right">Votre ASBL</th>'
                     f'<th></th></tr></thead><tbody>{"".join(lignes)}</tbody></table>'
                     f"<p><strong>{s['depasses']} critère(s) dépassé(s)</strong> : {conclusion}.</p>"
                     f'<p class="kit-ref">Seuils en vigueur pour les exercices commençant depuis le {date_fr(s["depuis"])} — {escape(s["reference"])}</p>{incertain}</div>')
    return ("<h3>Les seuils en vigueur à cette date</h3><p>Une catégorie s'applique si l'ASBL ne dépasse pas <strong>plus d'un</strong> de ses critères. "
            f"{escape(decision.details['regle_deux_exercices'])}</p>" + "".join(blocs))


def tableau_obligations(decision: Decision) -> str:
    lignes = "".join(
        f'<tr data-obligation="{escape(o["code"])}"><td><strong>{escape(o["titre"])}</strong></td><td>{escape(o["texte"])}'
        + (f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(o["incertain"])}</div>' if o.get("incertain") else "")
        + f'</td><td class="kit-ref">{escape(o["reference"])}</td></tr>'
        for o in decision.details["obligations"])
    return ('<h3>Ce que cela implique</h3><table class="kit-table"><thead><tr><th>Obligation</th><th>Pour cette ASBL</th><th>Référence</th></tr></thead>'
            f"<tbody>{lignes}</tbody></table>")


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le simulateur de la taille d'une ASBL (dernière expression d'une cellule)."""
    try:
        return SimulateurTailleAsbl(aujourdhui).vue
    except ValueError as exc:  # parametres/asbl.yaml illisible (ParametresInvalides) : un message, jamais une trace
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite

