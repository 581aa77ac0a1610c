"""Simulateur « Diagnostic du territoire » : les statistiques de population de Statbel pour les
communes d'un CRI (totaux, part d'étrangers, part hors Union européenne, top des nationalités,
pyramide des âges, carte et tableau par commune).

Le fichier lu par défaut est la démonstration du kit (``datasets/demo/population-demo.csv``,
données fictives, quatre communes du CIMB) : un bandeau le dit en haut des résultats. Un champ reçoit
le chemin d'un vrai fichier téléchargé chez Statbel ; une erreur s'affiche en français sous le champ,
et les résultats précédents restent affichés.

La carte est « de type choroplèthe » : le kit n'a pas les contours des communes ; chaque commune est
un cercle à son point central approximatif, coloré selon la part d'étrangers, de taille
proportionnelle à leur nombre. Le tableau qui suit donne les mêmes chiffres (sans réseau, la carte
reste sans fond, le tableau suffit).

    from widgets.simulateurs import diagnostic
    diagnostic.afficher()
"""

from __future__ import annotations

import os
from html import escape
from math import sqrt
from pathlib import Path

import ipywidgets as w
import pandas as pd
from matplotlib.ticker import MaxNLocator

from widgets import cartes, data, statistiques
from widgets.ui import graphiques
from widgets.ui.champs import Champ, bouton, texte

CRI_DEFAUT = "CIMB"
EXEMPLE_CHEMIN = "ex. /home/moi/Téléchargements/TF_SOC_POP_STRUCT_2025.zip"

# Classes de la carte (choisies par le kit, pour la lisibilité ; pas des seuils officiels).
CLASSES_CARTE = ((0.05, "#fde0c5"), (0.10, "#f59e72"), (0.15, "#d9534f"), (None, "#8b1a1a"))
COULEUR_ABSENTE = "#9a9a9a"


def nombre(n) -> str:
    """12345 -> « 12 345 » (espace des milliers)."""
    return f"{int(n):,}".replace(",", " ")


def pourcent(p: float | None, decimales: int = 1) -> str:
    return "—" if p is None else f"{100 * p:.{decimales}f} %".replace(".", ",")


def couleur(part: float | None) -> str:
    if part is None:
        return COULEUR_ABSENTE
    for seuil, c in CLASSES_CARTE:
        if seuil is None or part < seuil:
            return c
    return CLASSES_CARTE[-1][1]  # pragma: no cover


def libelle_classe(i: int) -> str:
    bas = 0.0 if i == 0 else CLASSES_CARTE[i - 1][0]
    haut = CLASSES_CARTE[i][0]
    return f"{pourcent(bas, 0)} et plus" if haut is None else f"de {pourcent(bas, 0)} à moins de {pourcent(haut, 0)}"


# --- Les blocs HTML (fonctions pures, testées sans widget) ----------------------------------

def bandeau_html(pop: pd.DataFrame) -> str:
    """En tête des résultats : « DONNÉES FICTIVES » bien visible pour la démonstration, sinon le
    fichier lu, sa date et ce qu'il permet."""
    if pop.attrs.get("fictif"):
        return ('<div class="kit-bandeau-fictif" role="alert" style="border:3px dashed #8a4b00;background:#fff4d6;color:#3d2600;'
                'padding:0.6em 1em;margin:0.5em 0;font-size:1.15em"><strong>DONNÉES FICTIVES</strong> — fichier de démonstration du kit : '
                "quatre communes du CIMB, effectifs inventés (à une échelle réduite). Ces chiffres ne décrivent aucune commune réelle : "
                "ne les citez jamais. Pour un vrai diagnostic, téléchargez le fichier de Statbel et indiquez son chemin ci-dessus.</div>")
    annee = pop.attrs.get("annee")
    quand = f"population au 1er janvier {annee}" if annee else "année de référence non indiquée dans le nom du fichier"
    details = ("les nationalités sont détaillées" if pop.attrs.get("nationalites_detaillees")
               else "le fichier ne distingue que les Belges et les non-Belges : pas de top des nationalités ni de part hors UE")
    fusion = ""
    if pop.attrs.get("communes_fusionnees"):
        anciens = ", ".join(f"{a} → {n}" for a, n in pop.attrs["communes_fusionnees"].items())
        fusion = f"<br>Anciens codes INS regroupés dans la commune fusionnée : {escape(anciens)}."
    return (f'<div class="kit-bandeau-fichier kit-ref" style="margin:0.5em 0">Fichier lu : <code>{escape(str(pop.attrs.get("fichier", "")))}</code> '
            f"— {escape(quand)} ; {escape(details)}. Source : Statbel (Direction générale Statistique).{fusion}</div>")


def totaux_html(tot: dict, sigle: str) -> str:
    if not tot["population"]:
        return (f'<div class="kit-avertissement kit-diagnostic-vide">Le fichier ne contient aucune commune du territoire du '
                f"{escape(sigle)} : choisissez un autre CRI ou un autre fichier.</div>")
    absentes = ""
    if tot["communes_absentes"]:
        noms = ", ".join(tot["communes_absentes"])
        absentes = (f'<div class="kit-avertissement kit-communes-absentes">{tot["communes_presentes"]} commune(s) sur {tot["communes_attendues"]} '
                    f"du territoire du {escape(sigle)} sont dans le fichier ; les totaux ne portent que sur elles. Absentes : {escape(noms)}.</div>")
    lignes = [
        ("Population", nombre(tot["population"]), ""),
        ("dont Belges", nombre(tot["belges"]), pourcent(tot["belges"] / tot["population"])),
        ("dont personnes de nationalité étrangère", nombre(tot["etrangers"]), pourcent(tot["part_etrangers"])),
        ("Femmes parmi les étrangers", nombre(tot["etrangers_femmes"]),
         pourcent(tot["etrangers_femmes"] / tot["etrangers"]) if tot["etrangers"] else "—"),
    ]
    corps = "".join(f"<tr><th scope=\"row\">{escape(a)}</th><td>{b}</td><td>{c}</td></tr>" for a, b, c in lignes)
    return (f'{absentes}<table class="kit-table kit-diagnostic-totaux"><caption>Territoire du {escape(sigle)} : les totaux</caption>'
            f"<thead><tr><th>Groupe</th><th>Nombre</th><th>Part</th></tr></thead><tbody>{corps}</tbody></table>")


def hors_ue_html(res: dict) -> str:
    if not res["disponible"]:
        return f'<div class="kit-avertissement kit-hors-ue-indisponible"><strong>Part hors Union européenne :</strong> {escape(res["raison"])}</div>'
    incertain = f'<div class="kit-incertain">{escape(res["incertain"])}</div>' if res.get("incertain") else ""
    return (f'<div class="kit-decision kit-ton-neutre kit-hors-ue"><h4>Étrangers hors Union européenne</h4>'
            f"<p><strong>{nombre(res['hors_ue'])}</strong> personnes, soit <strong>{pourcent(res['part_hors_ue_etrangers'])}</strong> des "
            f"étrangers et {pourcent(res['part_hors_ue_population'])} de la population ; {nombre(res['ue'])} sont citoyens d'un autre État "
            f"de l'Union européenne.</p><p class=\"kit-ref\">Liste des États membres en vigueur au {res['date']:%d/%m/%Y} (fichier du kit "
            f"<code>vote.yaml</code>) : {escape(res['reference'])}. L'Espace économique européen et la Suisse sont comptés « hors UE ».</p>"
            f"{incertain}</div>")


def top_html(top: pd.DataFrame) -> str:
    if top.empty:
        raison = top.attrs.get("raison", "Aucun étranger dans le territoire pour ce fichier.")
        return f'<div class="kit-avertissement kit-top-indisponible"><strong>Top des nationalités :</strong> {escape(raison)}</div>'
    lignes = "".join(
        f"<tr><td>{rang}</td><td>{escape(r.nom)} <span class=\"kit-ref\" style=\"display:inline\">({escape(r.nationalite)})</span></td>"
        f"<td>{nombre(r.effectif)}{' <em>(petit effectif)</em>' if r.effectif < statistiques.PETIT_EFFECTIF else ''}</td>"
        f"<td>{pourcent(r.part_etrangers)}</td><td>{'UE' if r.ue else 'hors UE'}</td></tr>"
        for rang, r in enumerate(top.itertuples(), start=1))
    return ('<table class="kit-table kit-top-nationalites"><caption>Les nationalités étrangères les plus nombreuses</caption>'
            "<thead><tr><th>Rang</th><th>Nationalité</th><th>Personnes</th><th>Part des étrangers</th><th>Union européenne</th></tr></thead>"
            f"<tbody>{lignes}</tbody></table>")


def pyramide_png(etrangers: pd.DataFrame, belges: pd.DataFrame, sigle: str) -> bytes:
    """Deux pyramides côte à côte (étrangers, Belges), en pour cent de chaque groupe : leurs formes
    se comparent même quand les effectifs sont très différents."""
    fig = graphiques.figure(9.0, 4.2)
    axes = fig.subplots(1, 2, sharey=True)
    classes = list(statistiques.CLASSES_AGE)
    for ax, (titre, tab) in zip(axes, (("Étrangers", etrangers), ("Belges", belges))):
        total = int(tab.to_numpy().sum())
        h = (tab["hommes"] / total * 100) if total else tab["hommes"] * 0
        f = (tab["femmes"] / total * 100) if total else tab["femmes"] * 0
        ax.barh(classes, -h, color=graphiques.BLEU, label="Hommes")
        ax.barh(classes, f, color=graphiques.ROUGE, label="Femmes")
        limite = max(1.0, float(max(h.max(), f.max())) * 1.15) if total else 1.0
        ax.set_xlim(-limite, limite)
        if not total:
            ax.set_xticks([])
            ax.text(0.5, 0.5, "aucune donnée", transform=ax.transAxes, ha="center", va="center", color=graphiques.GRIS)
        ax.axvline(0, color=graphiques.GRIS, linewidth=0.8)
        ax.set_title(f"{titre} ({nombre(total)} personnes)", fontsize=11)
        ax.set_xlabel("% du groupe (hommes à gauche, femmes à droite)", fontsize=9)
        if total:
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.xaxis.set_major_formatter(lambda x, _pos: f"{abs(x):g}".replace(".", ","))
    axes[0].set_ylabel("Âge (ans)")
    axes[0].legend(loc="upper left", fontsize=8, frameon=False)
    fig.suptitle(f"Pyramide des âges — territoire du {sigle}", fontsize=12)
    return graphiques.en_png(fig)


def pyramide_tableau_html(etrangers: pd.DataFrame, belges: pd.DataFrame) -> str:
    """L'équivalent texte des pyramides : les effectifs par classe d'âge."""
    lignes = "".join(
        f"<tr><th scope=\"row\">{escape(c)}</th><td>{nombre(etrangers.at[c, 'hommes'])}</td><td>{nombre(etrangers.at[c, 'femmes'])}</td>"
        f"<td>{nombre(belges.at[c, 'hommes'])}</td><td>{nombre(belges.at[c, 'femmes'])}</td></tr>"
        for c in statistiques.CLASSES_AGE)
    return ('<details class="kit-pyramide-tableau"><summary>Les mêmes chiffres en tableau</summary>'
            '<table class="kit-table"><thead><tr><th>Âge</th><th>Hommes étrangers</th><th>Femmes étrangères</th>'
            f"<th>Hommes belges</th><th>Femmes belges</th></tr></thead><tbody>{lignes}</tbody></table></details>")


def carte_communes(pc: pd.DataFrame):
    """La carte « de type choroplèthe » : un cercle par commune, à son point central approximatif,
    coloré selon la part d'étrangers et de taille proportionnelle à leur nombre ; les communes
    absentes du fichier en petits points gris."""
    folium = cartes._folium()[0]
    if pc.empty:
        return cartes.CarteHorsLigne(location=(50.45, 4.85), zoom_start=8, tiles="OpenStreetMap", control_scale=True)
    carte = cartes.CarteHorsLigne(location=(pc["latitude"].mean(), pc["longitude"].mean()), zoom_start=10,
                                  tiles="OpenStreetMap", control_scale=True)
    maximum = max(1, int(pc["etrangers"].max()))
    for r in pc.itertuples():
        if not r.present:
            folium.CircleMarker(location=(r.latitude, r.longitude), radius=3, color=COULEUR_ABSENTE, weight=1, fill=True,
                                fill_opacity=0.6, tooltip=f"{r.commune} : pas dans le fichier").add_to(carte)
            continue
        bulle = (f"<strong>{escape(r.commune)}</strong><br>Population : {nombre(r.population)}<br>"
                 f"Étrangers : {nombre(r.etrangers)} ({pourcent(r.part_etrangers)})"
                 + (f"<br>Hors UE : {nombre(r.hors_ue)}" if r.hors_ue is not None and not pd.isna(r.hors_ue) else "")
                 + ("<br><em>Petit effectif : prudence</em>" if r.petit_effectif else ""))
        folium.CircleMarker(location=(r.latitude, r.longitude), radius=5 + 20 * sqrt(r.etrangers / maximum),
                            color="#333", weight=1, fill=True, fill_color=couleur(r.part_etrangers), fill_opacity=0.85,
                            dash_array="4" if r.petit_effectif else None,
                            tooltip=f"{r.commune} : {pourcent(r.part_etrangers)} d'étrangers",
                            popup=folium.Popup(bulle, max_width=260)).add_to(carte)
    if len(pc) > 1:
        carte.fit_bounds([[pc["latitude"].min(), pc["longitude"].min()], [pc["latitude"].max(), pc["longitude"].max()]])
    return carte


def carte_html(pc: pd.DataFrame, sigle: str, hauteur: int = 380) -> str:
    """La carte en ``<iframe srcdoc>`` avec sa légende (Leaflet embarqué : aucun CDN)."""
    document = carte_communes(pc).get_root().render()
    legende = " · ".join(f'<span style="display:inline-block;width:0.9em;height:0.9em;border-radius:50%;background:{c};'
                         f'border:1px solid #333;vertical-align:middle"></span> {libelle_classe(i)}'
                         for i, (_s, c) in enumerate(CLASSES_CARTE))
    return (f'<div class="kit-carte kit-carte-diagnostic"><iframe title="Part d\'étrangers par commune, territoire du {escape(sigle)}" '
            f'srcdoc="{escape(document, quote=True)}" style="width:100%;height:{hauteur}px;border:1px solid #bbb" loading="lazy"></iframe>'
            f'<p class="kit-ref">Carte de type choroplèthe : le kit n\'a pas les contours des communes ; chaque commune est un cercle à son '
            "point central approximatif, coloré selon la part d'étrangers (classes choisies par le kit) et d'autant plus grand qu'elle "
            f"compte d'étrangers. Cercle tireté : petit effectif. Petits points gris : communes absentes du fichier.<br>{legende}<br>"
            "Fond de carte © les contributeurs d'OpenStreetMap (affiché seulement avec une connexion Internet). "
            "Les mêmes chiffres sont dans le tableau ci-dessous.</p></div>")


def tableau_communes_html(pc: pd.DataFrame) -> str:
    """L'équivalent texte de la carte : une ligne par commune du territoire."""
    avec_hors_ue = pc["hors_ue"].notna().any()
    lignes = []
    for r in pc.sort_values(["present", "etrangers"], ascending=[False, False], kind="stable").itertuples():
        if not r.present:
            lignes.append(f'<tr class="kit-commune-absente"><td>{escape(r.commune)}</td><td colspan="{4 + avec_hors_ue}">'
                          "pas dans le fichier</td></tr>")
            continue
        prudence = ' <em>(petit effectif)</em>' if r.petit_effectif else ""
        hors = f"<td>{nombre(r.hors_ue)}</td>" if avec_hors_ue else ""
        lignes.append(f"<tr><td>{escape(r.commune)}</td><td>{nombre(r.population)}</td><td>{nombre(r.etrangers)}{prudence}</td>"
                      f"<td>{pourcent(r.part_etrangers)}</td>{hors}<td>{nombre(r.belges)}</td></tr>")
    entete_hors = "<th>Étrangers hors UE</th>" if avec_hors_ue else ""
    return ('<table class="kit-table kit-diagnostic-communes"><caption>Par commune (même contenu que la carte)</caption>'
            f"<thead><tr><th>Commune</th><th>Population</th><th>Étrangers</th><th>Part d'étrangers</th>{entete_hors}<th>Belges</th></tr>"
            f"</thead><tbody>{''.join(lignes)}</tbody></table>")


PRUDENCE = (
    "<details class=\"kit-prudence\" open><summary><strong>Avant d'interpréter ces chiffres</strong></summary><ul>"
    "<li><strong>Nationalité n'est pas origine.</strong> Une personne devenue belge (par déclaration, naturalisation ou à la naissance) "
    "est comptée parmi les Belges : le nombre d'étrangers ne dit pas combien de personnes ont un parcours migratoire.</li>"
    "<li><strong>Qui n'est pas compté.</strong> La population de Statbel est celle des registres au 1er janvier ; selon sa définition, "
    "les demandeurs de protection internationale n'y sont pas repris, et les personnes sans titre de séjour, qui ne sont pas inscrites, "
    "n'y figurent pas. Un service qui les accueille doit les compter autrement.</li>"
    "<li><strong>Petits nombres.</strong> Dans une petite commune, quelques arrivées ou départs font varier fortement une part ; "
    "un petit effectif ne permet pas de conclusion, et certaines données peuvent être soumises au secret statistique (à vérifier dans "
    "la documentation de Statbel). Ne publiez pas un chiffre qui permettrait de reconnaître une famille.</li>"
    "<li><strong>Une photographie.</strong> Les chiffres décrivent un 1er janvier ; comparez plusieurs années avant de parler de tendance.</li>"
    "</ul></details>")


# --- Le simulateur --------------------------------------------------------------------------

class Diagnostic:
    def __init__(self, chemin: str | Path | None = None, sigle: str = CRI_DEFAUT):
        cri = data.charger().cri
        self.cri = w.Dropdown(options=[(f"{s} — {cri.at[s, 'nom']}", s) for s in cri.index], value=sigle if sigle in cri.index else CRI_DEFAUT,
                              description="CRI", style={"description_width": "16em"}, layout=w.Layout(width="auto", max_width="44em"))
        self.cri.add_class("kit-diagnostic-cri")
        self.source = w.ToggleButtons(options=[("Démonstration (données fictives)", "demo"), ("Mon fichier Statbel", "fichier")],
                                      value="demo", description="Fichier", style={"description_width": "16em", "button_width": "auto"})
        self.source.add_class("kit-diagnostic-source")
        self.saisie = texte(placeholder=EXEMPLE_CHEMIN)
        self.champ = Champ("chemin-fichier", self.saisie, "Chemin du fichier",
                           "Le fichier téléchargé chez Statbel (.zip, .txt ou .xlsx), sur l'ordinateur qui fait tourner le kit. "
                           "Touche Entrée ou bouton « Lire ce fichier ».")
        self.bouton = bouton("Lire ce fichier", "kit-diagnostic-lire", self.lire_fichier, style="primary")
        self.saisie.layout = w.Layout(width="34em", max_width="100%")
        ligne = w.HBox([self.saisie, self.bouton], layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.5em"))
        self.champ.boite.children = (ligne,) + tuple(self.champ.boite.children[1:])
        self.champ.boite.layout.display = "none"

        self.bandeau = w.HTML()
        self.bandeau.add_class("kit-diagnostic-bandeau")
        self.totaux = w.HTML()
        self.totaux.add_class("kit-diagnostic-totaux-widget")
        self.hors_ue = w.HTML()
        self.top = w.HTML()
        self.top.add_class("kit-diagnostic-top")
        self.image = graphiques.image("kit-diagnostic-pyramide", "Pyramide des âges des personnes de nationalité étrangère et belge ; le tableau qui suit donne les mêmes effectifs.")
        self.pyramide_tableau = w.HTML()
        self.carte = w.HTML()
        self.carte.add_class("kit-diagnostic-carte")
        self.communes = w.HTML()
        self.prudence = w.HTML(PRUDENCE)
        self.pop: pd.DataFrame | None = None
        self.demo: pd.DataFrame | None = None

        self.cri.observe(lambda _c: self.calculer(), names="value")
        self.source.observe(self._changer_source, names="value")
        self.saisie.observe(lambda _c: self.lire_fichier(), names="value")
        self.vue = w.VBox([self.cri, self.source, self.champ.boite, self.bandeau, self.totaux, self.hors_ue, self.top,
                           w.HTML("<h4>Pyramide des âges</h4>"), self.image, self.pyramide_tableau,
                           w.HTML("<h4>Les communes du territoire</h4>"), self.carte, self.communes, self.prudence])
        self.vue.add_class("kit-simulateur-diagnostic")

        if en_salle():
            # Servi à une salle (make serve-classe) : personne ne doit pouvoir lire un fichier de
            # l'ordinateur du formateur depuis sa tablette. La démonstration reste disponible.
            self.source.layout.display = "none"
            self.vue.children = (self.cri, w.HTML('<p class="kit-ref kit-diagnostic-salle">En salle, le diagnostic montre la démonstration '
                                                  "(données fictives) : lire un fichier Statbel se fait sur l'ordinateur du formateur, avec "
                                                  "<code>make serve</code>.</p>")) + tuple(self.vue.children[3:])
            chemin = None
        if chemin:
            self.source.value = "fichier"  # affiche le champ
            self.saisie.value = str(chemin)  # lit le fichier (ou affiche l'erreur sous le champ)
        if self.pop is None:
            self.utiliser_demo()

    # -- choix du fichier --
    def _changer_source(self, change) -> None:
        fichier = change["new"] == "fichier"
        self.champ.boite.layout.display = "flex" if fichier else "none"
        if not fichier:
            self.champ.signaler(None)
            self.utiliser_demo()
        elif self.saisie.value.strip():
            self.lire_fichier()

    def utiliser_demo(self) -> None:
        if self.demo is None:
            self.demo = statistiques.charger_demo()
        self.pop = self.demo
        self.calculer()

    def lire_fichier(self) -> bool:
        """Lit le fichier du champ ; une erreur s'affiche sous le champ et les résultats précédents restent."""
        chemin = self.saisie.value.strip()
        self.champ.signaler(None)
        if not chemin:
            self.champ.signaler("indiquez le chemin du fichier téléchargé chez Statbel (.zip, .txt ou .xlsx).")
            return False
        try:
            self.pop = statistiques.charger_population(chemin)
        except data.DonneesInvalides as exc:
            self.champ.signaler(str(exc))
            return False
        except OSError as exc:  # droits, disque...
            self.champ.signaler(f"{chemin} : le fichier ne peut pas être lu ({exc.strerror or exc}).")
            return False
        self.calculer()
        return True

    # -- résultats --
    def calculer(self) -> None:
        if self.pop is None:
            return
        sigle, pop = self.cri.value, self.pop
        self.bandeau.value = bandeau_html(pop)
        self.totaux.value = totaux_html(statistiques.totaux(pop, sigle), sigle)
        self.hors_ue.value = hors_ue_html(statistiques.part_hors_ue(pop, sigle))
        self.top.value = top_html(statistiques.top_nationalites(pop, sigle))
        etrangers = statistiques.pyramide(pop, sigle, "etrangers")
        belges = statistiques.pyramide(pop, sigle, "belges")
        self.image.png = pyramide_png(etrangers, belges, sigle)
        self.pyramide_tableau.value = pyramide_tableau_html(etrangers, belges)
        pc = statistiques.par_commune(pop, sigle)
        self.carte.value = carte_html(pc, sigle)
        self.communes.value = tableau_communes_html(pc)


def en_salle() -> bool:
    """Vrai quand le kit est servi à une salle (``python -m widgets.serveur --classe``)."""
    return os.environ.get("KIT_SALLE") == "1"


def afficher(chemin: str | Path | None = None, sigle: str = CRI_DEFAUT) -> w.Widget:
    """Le diagnostic du territoire (dernière expression d'une cellule) : la démonstration par
    défaut, ou le fichier de Statbel ``chemin``."""
    try:
        return Diagnostic(chemin, sigle).vue
    except data.DonneesInvalides as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le diagnostic ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
