"""Outils de la séance « Gérer et évaluer un projet », à partir du projet Activ'Up du CPAS de Charleroi :

- ``semainier()`` : un planning de la semaine par jour et par demi-journée, préchargé avec
  l'« exemple de semaine » d'Activ'Up, modifiable, avec le total des heures (par jour, par activité,
  pour la semaine) ;
- ``entonnoir()`` : l'entonnoir de mobilisation d'Activ'Up (personnes répertoriées, retenues puis
  présentes), en tableau pandas avec les taux de passage et en graphique, la source citée.
  ``donnees_entonnoir()`` rend le même tableau en ``DataFrame``.

Source : CPAS de Charleroi, Service Action Migrants, « Vers une politique de migration plus
intégrée, grâce au FAMI », réunion FAMI du 29 juin 2017 (projet Activ'Up).

    from widgets.simulateurs import projet
    projet.semainier()
    projet.entonnoir()
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from html import escape

import ipywidgets as w
import pandas as pd

from widgets.rules.montants import nombre_fr
from widgets.ui.champs import bouton, champ, texte
from widgets.ui.graphiques import BLEU, GRIS, ROUGE, en_png, figure, image

SOURCE = ("CPAS de Charleroi, Service Action Migrants, « Vers une politique de migration plus intégrée, grâce au FAMI », "
          "présentation à la réunion FAMI du 29 juin 2017 (projet Activ'Up)")

# --- Le semainier ------------------------------------------------------------------------------

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
DEMI_JOURNEES = ("matin", "après-midi")
DUREE_SUPPOSEE = Decimal(3)  # la source ne donne aucun horaire : le kit suppose 3 heures par demi-journée occupée
HEURES_MAX = Decimal(6)


def semaine_activup() -> dict[tuple[str, str], tuple[str, Decimal]]:
    """L'« exemple de semaine » d'Activ'Up, case par case. La source présente deux lignes par jour :
    le kit les lit comme le matin et l'après-midi, et suppose 3 heures par activité."""
    activites = {
        ("lundi", "matin"): "Cours de FLE (subside PCS)",
        ("mardi", "matin"): "Atelier carton / atelier informatique",
        ("mercredi", "matin"): "Cours de FLE (subside PCS)",
        ("jeudi", "matin"): "Séance d'information « se débrouiller en Belgique »",
        ("mardi", "après-midi"): "Atelier sport",
        ("mercredi", "après-midi"): "Suivi social (sur rendez-vous)",
        ("jeudi", "après-midi"): "Coaching individuel",
        ("vendredi", "après-midi"): "Coaching collectif",
    }
    return {(j, d): (activites.get((j, d), ""), DUREE_SUPPOSEE if (j, d) in activites else Decimal(0)) for j in JOURS for d in DEMI_JOURNEES}


def lire_heures(valeur: str) -> Decimal:
    """« 3 », « 2,5 », « 1.5 » ; une case vide vaut 0. Lève ``ValueError`` (message français)."""
    texte_ = (valeur or "").strip().replace(",", ".").replace("h", "").strip()
    if not texte_:
        return Decimal(0)
    try:
        heures = Decimal(texte_)
    except InvalidOperation:
        raise ValueError(f"« {valeur} » n'est pas un nombre d'heures (exemples : 3 ; 2,5).") from None
    if not heures.is_finite() or heures < 0:
        raise ValueError("un nombre d'heures positif est attendu.")
    if heures > HEURES_MAX:
        raise ValueError(f"une demi-journée dure au plus {nombre_fr(HEURES_MAX)} heures.")
    return heures


def _cle(activite: str) -> str:
    return " ".join(activite.lower().split())


def totaux(grille: dict[tuple[str, str], tuple[str, Decimal]]) -> dict:
    """Les heures par jour, par demi-journée, par activité, et pour la semaine."""
    par_jour = {j: sum((grille[(j, d)][1] for d in DEMI_JOURNEES), Decimal(0)) for j in JOURS}
    par_demi = {d: sum((grille[(j, d)][1] for j in JOURS), Decimal(0)) for d in DEMI_JOURNEES}
    par_activite: dict[str, dict] = {}
    for (j, d), (activite, heures) in grille.items():
        if not activite.strip():
            continue
        entree = par_activite.setdefault(_cle(activite), {"activite": activite.strip(), "heures": Decimal(0), "seances": 0})
        entree["heures"] += heures
        entree["seances"] += 1
    occupees = sum(1 for (a, h) in grille.values() if a.strip())
    sans_heures = [f"{j} {d}" for (j, d), (a, h) in grille.items() if a.strip() and h == 0]
    return {"par_jour": par_jour, "par_demi_journee": par_demi, "par_activite": sorted(par_activite.values(), key=lambda e: (-e["heures"], e["activite"])),
            "semaine": sum(par_jour.values(), Decimal(0)), "demi_journees_occupees": occupees, "demi_journees": len(JOURS) * len(DEMI_JOURNEES),
            "activites_sans_heures": sans_heures}


def _heures(h: Decimal) -> str:
    return f"{nombre_fr(h.normalize() if h else 0)} h"


class Semainier:
    def __init__(self):
        self.champs = {}
        colonnes = []
        for j in JOURS:
            cases = [w.HTML(f"<strong>{j.capitalize()}</strong>")]
            for d in DEMI_JOURNEES:
                cle = f"{j}-{d.replace('è', 'e').replace('-', '_')}"
                self.champs[(j, d, "activite")] = champ(f"{cle}-activite", w.Textarea(rows=3, continuous_update=False,
                                                                                     placeholder="activité", layout=w.Layout(width="100%")),
                                                        "", largeur="100%")
                self.champs[(j, d, "heures")] = champ(f"{cle}-heures", texte(placeholder="heures"), "h :", largeur="100%",
                                                      largeur_libelle="1.8em")
                case = w.VBox([w.HTML(f'<span class="kit-ref">{d}</span>'), self.champs[(j, d, "activite")].boite, self.champs[(j, d, "heures")].boite],
                              layout=w.Layout(border="1px solid #ccc", padding="0.2em", margin="0 0 0.3em 0"))
                case.add_class("kit-semainier-case")
                cases.append(case)
            colonnes.append(w.VBox(cases, layout=w.Layout(width="19%", min_width="9em", margin="0 0.3em 0 0")))
        grille = w.HBox(colonnes, layout=w.Layout(flex_flow="row wrap", width="100%"))
        grille.add_class("kit-semainier-grille")
        self.totaux = w.HTML()
        self.totaux.add_class("kit-semainier-totaux")
        self.dernier_total: dict | None = None
        actions = w.HBox([bouton("Revenir à l'exemple Activ'Up", "kit-semainier-exemple", self.exemple),
                          bouton("Vider la semaine", "kit-semainier-vider", self.vider)])
        entete = w.HTML(
            "<h3>La semaine d'un participant</h3><p>Préchargée avec l'« exemple de semaine » du projet Activ'Up (CPAS de Charleroi). "
            "Modifiez les activités et leurs durées : les totaux suivent.</p>"
            f'<p class="kit-ref">Source : {escape(SOURCE)}. La source présente deux lignes par jour, lues ici comme le matin et l\'après-midi ; '
            f"elle ne donne aucun horaire : le kit suppose {nombre_fr(DUREE_SUPPOSEE)} heures par activité.</p>")
        self.vue = w.VBox([entete, grille, actions, self.totaux])
        self.vue.add_class("kit-semainier")
        self._remplissage = False
        for c in self.champs.values():
            c.widget.observe(self._change, names="value")
        self.exemple()

    def remplir(self, grille: dict[tuple[str, str], tuple[str, Decimal]]) -> None:
        self._remplissage = True
        try:
            for (j, d), (activite, heures) in grille.items():
                self.champs[(j, d, "activite")].valeur = activite
                self.champs[(j, d, "heures")].valeur = nombre_fr(heures) if heures else ""
        finally:
            self._remplissage = False
        self.calculer()

    def exemple(self) -> None:
        self.remplir(semaine_activup())

    def vider(self) -> None:
        self.remplir({(j, d): ("", Decimal(0)) for j in JOURS for d in DEMI_JOURNEES})

    def _change(self, _change=None) -> None:
        if not self._remplissage:
            self.calculer()

    def grille(self) -> tuple[dict, bool]:
        grille, erreurs = {}, False
        for j in JOURS:
            for d in DEMI_JOURNEES:
                c = self.champs[(j, d, "heures")]
                c.signaler(None)
                try:
                    heures = lire_heures(c.valeur)
                except ValueError as exc:
                    c.signaler(str(exc))
                    heures, erreurs = Decimal(0), True
                grille[(j, d)] = (self.champs[(j, d, "activite")].valeur, heures)
        return grille, erreurs

    def calculer(self) -> None:
        grille, erreurs = self.grille()
        t = self.dernier_total = totaux(grille)
        jours = "".join(f"<td style=\"text-align:right\">{_heures(t['par_jour'][j])}</td>" for j in JOURS)
        activites = "".join(f"<tr><td>{escape(e['activite'])}</td><td style=\"text-align:right\">{e['seances']}</td>"
                            f"<td style=\"text-align:right\">{_heures(e['heures'])}</td></tr>" for e in t["par_activite"])
        alerte = ('<div class="kit-avertissement">Une durée est invalide : elle compte pour 0 heure tant qu\'elle n\'est pas corrigée.</div>' if erreurs else "")
        if t["activites_sans_heures"]:
            alerte += f'<div class="kit-avertissement">Activité sans durée : {escape(", ".join(t["activites_sans_heures"]))}.</div>'
        self.totaux.value = (
            f"<h4>Totaux</h4>{alerte}"
            f'<p><strong class="kit-semainier-total">{_heures(t["semaine"])}</strong> par semaine, sur {t["demi_journees_occupees"]} demi-journées '
            f"occupées (sur {t['demi_journees']}) ; matins : {_heures(t['par_demi_journee']['matin'])}, après-midi : {_heures(t['par_demi_journee']['après-midi'])}.</p>"
            '<table class="kit-table"><thead><tr>' + "".join(f"<th style=\"text-align:right\">{j}</th>" for j in JOURS) + "</tr></thead>"
            f"<tbody><tr>{jours}</tr></tbody></table>"
            '<table class="kit-table"><thead><tr><th>Activité</th><th style="text-align:right">Demi-journées</th><th style="text-align:right">Heures</th></tr></thead>'
            f"<tbody>{activites or '<tr><td colspan=3>aucune activité</td></tr>'}</tbody></table>")


def semainier() -> w.Widget:
    """Le planning de la semaine Activ'Up, modifiable (dernière expression d'une cellule)."""
    return Semainier().vue


# --- L'entonnoir de mobilisation ------------------------------------------------------------------

ETAPES = (
    "Personnes répertoriées (listing avec l'observatoire local du CPAS)",
    "Participants potentiels retenus par les assistantes sociales, invités aux séances d'information",
    "Présents aux séances d'information",
)
COLONNES = ("Module 1 (2015-2016)", "Module 2 (2016-2017)", "Modules 1 et 2")


def donnees_entonnoir() -> pd.DataFrame:
    """L'entonnoir d'Activ'Up : effectifs par étape et par module, taux de passage depuis l'étape
    précédente (en %, une décimale). Le listing (« plus de 1000 personnes ») couvre les modules 1
    et 2 ensemble et n'est qu'une borne inférieure : le taux qui en découle est un maximum."""
    effectifs = {
        COLONNES[0]: [pd.NA, 315, 110],
        COLONNES[1]: [pd.NA, 199, 60],
        COLONNES[2]: [1000, 315 + 199, 110 + 60],
    }
    df = pd.DataFrame(effectifs, index=pd.Index(ETAPES, name="Étape")).astype("Int64")
    for colonne in COLONNES:
        precedent = df[colonne].shift(1)
        taux = (df[colonne].astype("Float64") / precedent.astype("Float64") * 100).round(1)
        df[f"Taux de passage, {colonne.split(' (')[0].lower()} (%)"] = taux
    df["Précision"] = [
        "« plus de 1000 personnes répertoriées pour les Modules 1 et 2 » : borne inférieure, non ventilée par module",
        "taux sur le listing : au plus, puisque le listing compte plus de 1000 personnes",
        "la source arrondit à 35 % (110 sur 315) et 30 % (60 sur 199)",
    ]
    df.attrs["source"] = SOURCE
    return df


def graphique_entonnoir(df: pd.DataFrame | None = None) -> bytes:
    """L'entonnoir en barres horizontales centrées (modules 1 et 2 ensemble), puis les deux modules côte à côte. PNG."""
    df = donnees_entonnoir() if df is None else df
    fig = figure(8.4, 3.4)
    gauche, droite = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    total = [int(v) for v in df[COLONNES[2]]]
    noms = ["Répertoriées", "Retenues et invitées", "Présentes"]
    y = [2, 1, 0]
    gauche.barh(y, total, left=[(total[0] - t) / 2 for t in total], color=[GRIS, BLEU, ROUGE], height=0.7)
    for yi, t, nom in zip(y, total, noms):
        etiquette = f"{nom} : plus de {t}" if yi == 2 else f"{nom} : {t}"
        if t >= total[0] * 0.4:
            gauche.text(total[0] / 2, yi, etiquette, ha="center", va="center", color="white", fontsize=8, fontweight="bold")
        else:  # barre trop étroite : l'étiquette à droite
            gauche.text((total[0] + t) / 2 + total[0] * 0.02, yi, etiquette, ha="left", va="center", color="#111", fontsize=8, fontweight="bold")
    gauche.set_title("Modules 1 et 2 ensemble", fontsize=10)
    gauche.axis("off")
    largeur = 0.38
    for k, (colonne, couleur) in enumerate(((COLONNES[0], BLEU), (COLONNES[1], "#6aa3d6"))):
        valeurs = [int(v) for v in df[colonne].iloc[1:]]
        positions = [i + (k - 0.5) * largeur for i in range(2)]
        droite.bar(positions, valeurs, width=largeur, color=couleur, label=colonne)
        for x, v in zip(positions, valeurs):
            droite.text(x, v + 4, str(v), ha="center", va="bottom", fontsize=8)
    droite.set_xticks([0, 1])
    droite.set_xticklabels(["invités", "présents"], fontsize=8)
    droite.set_title("Par module", fontsize=10)
    droite.legend(fontsize=7, frameon=False)
    droite.spines[["top", "right"]].set_visible(False)
    return en_png(fig)


def entonnoir() -> w.Widget:
    """L'entonnoir de mobilisation d'Activ'Up : tableau, graphique et source (dernière expression d'une cellule)."""
    df = donnees_entonnoir()
    tableau = df.to_html(classes="kit-table", na_rep="—", float_format=lambda v: f"{v:.1f}".replace(".", ","), border=0)
    graphique = image("kit-entonnoir-graphique", "Graphique en entonnoir de la mobilisation du public à chaque étape ; le tableau au-dessus donne les mêmes nombres.")
    graphique.png = graphique_entonnoir(df)
    lecture = ("<p><strong>Lecture.</strong> Sur plus de 1000 personnes repérées, 514 ont été retenues et invitées (au plus 51,4 %), "
               "et 170 sont venues aux séances d'information : environ une personne invitée sur trois. Mobiliser un public demande un "
               "travail important, en amont, avec les services de première ligne.</p>")
    vue = w.VBox([w.HTML(f"<h3>L'entonnoir de mobilisation d'Activ'Up</h3><div class=\"kit-entonnoir-tableau\">{tableau}</div>"),
                  graphique, w.HTML(lecture + f'<p class="kit-ref">Source : {escape(SOURCE)}.</p>')])
    vue.add_class("kit-entonnoir")
    return vue
