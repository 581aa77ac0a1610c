"""Générateur de jeux de rôle « Accueillir au guichet ».

On choisit un numéro de scénario (la « graine ») et une difficulté, ou l'on clique sur « Nouveau
tirage » : le générateur compose un scénario (lieu, personne fictive, demande, une ou deux
complications) et ses fiches, à projeter ou à lire par rôle (agent, usager, observateurs), avec la
grille d'observation ::

    from widgets.simulateurs import guichet
    guichet.afficher()

Le même numéro redonne toujours le même scénario (avec le même fichier d'ingrédients) : on peut le
noter pour rejouer la scène, ou le donner à un collègue. Les ingrédients sont dans un fichier YAML
qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/scenarios-guichet.yaml``) ; le format, la
validation et le tirage sont dans ``widgets.rules.guichet``. Tout est en ipywidgets (Voilà bloque le
JavaScript) et se pilote au clavier (Tab, Entrée, flèches).
"""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

import ipywidgets as w

from widgets.rules import guichet as regles
from widgets.rules.guichet import DonneesGuichet, FichierInvalide, GraineInvalide, Scenario
from widgets.ui.champs import Champ, bouton, texte

DOSSIER_MODULE = regles.RACINE / "modules" / "communication-interculturelle"

FICHES = {
    "projeter": "À projeter",
    "agent": "Agent",
    "usager": "Usager",
    "observateurs": "Observateurs",
    "toutes": "Toutes (à imprimer)",
}

_STYLE = """<style>
.kit-guichet { max-width: 62em; }
.kit-guichet .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 8em; }
.kit-guichet-fiche { font-size: 1.15em; line-height: 1.5; color: #111; }
.kit-guichet-carte { border: 3px solid #1d4e89; border-radius: 10px; padding: 0.5em 1.3em 0.8em 1.3em; margin: 0.6em 0; background: #fff; }
.kit-guichet-carte h3 { font-size: 1.55em; margin: 0.3em 0 0.3em 0; color: #1d4e89; }
.kit-guichet-carte h4 { font-size: 1.1em; margin: 0.9em 0 0.2em 0; color: #1d4e89; }
.kit-guichet-carte ul, .kit-guichet-carte ol { margin: 0.2em 0 0.2em 1.3em; padding: 0; }
.kit-guichet-carte li { margin: 0 0 0.25em 0; }
.kit-guichet-numero { font-size: 1.05em; font-weight: 700; color: #4a4a4a; margin: 0.2em 0; }
.kit-guichet-fiche-agent { border-color: #1b6e3a; } .kit-guichet-fiche-agent h3, .kit-guichet-fiche-agent h4 { color: #1b6e3a; }
.kit-guichet-fiche-usager { border-color: #8a4b00; } .kit-guichet-fiche-usager h3, .kit-guichet-fiche-usager h4 { color: #8a4b00; }
.kit-guichet-fiche-observateurs { border-color: #4a4a4a; } .kit-guichet-fiche-observateurs h3, .kit-guichet-fiche-observateurs h4 { color: #333; }
.kit-guichet-secret { display: inline-block; font-size: 0.85em; background: #fff4d6; color: #3d2600; border: 1px solid #8a4b00; border-radius: 4px; padding: 0 0.4em; }
.kit-guichet-visible { background: #fff4d6; border-left: 5px solid #8a4b00; padding: 0.3em 0.8em; margin: 0.3em 0; }
.kit-guichet-grille { border-collapse: collapse; width: 100%; margin: 0.4em 0; font-size: 0.95em; }
.kit-guichet-grille th, .kit-guichet-grille td { border: 1px solid #999; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
.kit-guichet-grille th { background: #eef2f7; }
.kit-guichet-grille td.kit-guichet-case { min-width: 9em; }
.kit-guichet-suivre { font-weight: 700; color: #a3242b; }
.kit-guichet-rappel { font-size: 1.05em; }
@media print { .kit-guichet-carte { break-inside: avoid-page; } .kit-guichet-saut { break-before: page; } }
</style>"""


def _resoudre(chemin: Path | str) -> Path:
    """Le chemin tel quel s'il existe (relatif au dossier de la séance), sinon relatif au module."""
    chemin = Path(chemin)
    if chemin.exists() or chemin.is_absolute():
        return chemin
    candidat = DOSSIER_MODULE / chemin
    return candidat if candidat.exists() else chemin


def _erreur(exc: FichierInvalide) -> w.HTML:
    lignes = "".join(f"<li>{escape(e)}</li>" for e in exc.erreurs)
    nombre = "une erreur" if len(exc.erreurs) == 1 else f"{len(exc.erreurs)} erreurs"
    boite = w.HTML('<div class="kit-avertissement"><strong>Le générateur ne peut pas s\'afficher :</strong> le fichier '
                   f"des scénarios contient {nombre} à corriger.<ul>{lignes}</ul></div>")
    boite.add_class("kit-erreur-fichier")
    return boite


# --- Les fiches -------------------------------------------------------------------------------

def _liste(lignes, ordonnee: bool = False) -> str:
    balise = "ol" if ordonnee else "ul"
    return f"<{balise}>{''.join(f'<li>{escape(x)}</li>' for x in lignes)}</{balise}>"


def _numero(s: Scenario) -> str:
    return (f'<p class="kit-guichet-numero">{escape(s.titre)} '
            '<span class="kit-fictif">personnages fictifs</span></p>')


def fiche_projeter_html(s: Scenario) -> str:
    """Ce que toute la salle voit : le lieu, qui arrive, la demande, ce qui est visible des
    complications, les rôles et le déroulé. Les fiches de rôle gardent leurs secrets."""
    p = s.personne
    visibles = "".join(f'<div class="kit-guichet-visible">{escape(c.public)}</div>' for c in s.complications if c.public)
    roles = _liste([f"Agent : {s.lieu.agent}.",
                    f"Usager : {p.nom} (personnage fictif).",
                    "Observateurs : le reste du groupe, avec la grille d'observation."])
    deroule = f"<h4>Déroulé</h4>{_liste(s.deroule, ordonnee=True)}" if s.deroule else ""
    return (f'<div class="kit-guichet-carte kit-guichet-projeter">{_numero(s)}'
            f"<h3>{escape(s.lieu.nom)}</h3><p>{escape(s.lieu.description)}</p>"
            f"<h4>Qui arrive au guichet ?</h4><p><strong>{escape(p.nom)}</strong>, {p.age} ans.</p>"
            f"<h4>Sa demande</h4><p>{escape(s.demande.intitule)}.</p>"
            + (f"<h4>Ce que tout le monde voit</h4>{visibles}" if visibles else "")
            + f"<h4>Trois rôles</h4>{roles}{deroule}"
            f'<p class="kit-ref">Pour rejouer ou partager ce scénario : numéro <strong>{s.graine}</strong>, '
            f"difficulté « {escape(s.niveau_libelle)} ».</p></div>")


def fiche_role_html(s: Scenario, role: str) -> str:
    """La fiche d'un rôle (agent, usager ou observateurs), avec la grille pour les observateurs."""
    rubriques = "".join(f"<h4>{escape(r.titre)}</h4>{_liste(r.lignes)}" for r in s.fiches[role])
    avis = ('<p><span class="kit-guichet-secret">À lire seul·e : ne montrez pas cette fiche aux autres joueurs.</span></p>'
            if role in ("agent", "usager") else "")
    grille = grille_html(s) if role == "observateurs" else ""
    return (f'<div class="kit-guichet-carte kit-guichet-fiche-{role}">{_numero(s)}'
            f"<h3>{escape(regles.TITRES_FICHES[role])}</h3>{avis}{rubriques}{grille}</div>")


def grille_html(s: Scenario) -> str:
    """La grille d'observation, avec des cases à remplir (à l'écran ou sur papier)."""
    lignes = []
    for c in s.grille:
        suivre = ' <span class="kit-guichet-suivre">★ à suivre de près</span>' if c.id in s.a_suivre else ""
        lignes.append(f"<tr><td><strong>{escape(c.critere)}</strong>{suivre}<br>{escape(c.question)}</td>"
                      f"<td>{_liste(c.indicateurs)}</td>"
                      '<td class="kit-guichet-case">oui · en partie · non</td><td class="kit-guichet-case"></td></tr>')
    legende = ('<p class="kit-ref">★ : critère que les complications de ce scénario mettent particulièrement à l\'épreuve.</p>'
               if s.a_suivre else "")
    return ("<h4>Grille d'observation</h4>"
            '<table class="kit-guichet-grille"><thead><tr><th>Critère</th><th>Ce que l\'on peut observer</th>'
            "<th>Observé ?</th><th>Exemple vu ou entendu</th></tr></thead>"
            f"<tbody>{''.join(lignes)}</tbody></table>{legende}")


def fiche_html(s: Scenario, fiche: str) -> str:
    if fiche == "projeter":
        return fiche_projeter_html(s)
    if fiche == "toutes":
        morceaux = [fiche_projeter_html(s)] + [fiche_role_html(s, r) for r in regles.ROLES]
        return "".join(m if i == 0 else f'<div class="kit-guichet-saut">{m}</div>' for i, m in enumerate(morceaux))
    return fiche_role_html(s, fiche)


# --- Le widget --------------------------------------------------------------------------------

class SimulateurGuichet:
    """Le générateur ; ``vue`` est le widget à afficher. ``alea`` : le générateur des nouveaux tirages
    (un ``random.Random`` à part, jamais le hasard global ; les tests en passent un à graine fixe)."""

    def __init__(self, donnees: DonneesGuichet, graine: int | None = None, niveau: str = "intermediaire",
                 alea: random.Random | None = None):
        self.donnees = donnees
        self._alea = alea or random.Random()
        self._en_cours = False
        self.scenario: Scenario | None = None
        depart = graine if graine is not None else regles.tirer_graine(self._alea)

        self.champ_graine = Champ("guichet_graine", texte(depart), "Numéro du scénario",
                                  f"Un nombre entier de 0 à {regles.GRAINE_MAX:,} : le même numéro redonne le même "
                                  "scénario. Notez-le pour rejouer ou partager la scène.".replace(",", " "))
        self.graine = self.champ_graine.widget
        self.difficulte = w.Dropdown(
            options=[(f"{lib} ({expl})", code) for code, (lib, expl) in regles.NIVEAUX_DIFFICULTE.items()],
            value=regles.lire_niveau(niveau), description="Difficulté",
            style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="36em"))
        self.difficulte.add_class("kit-guichet-difficulte")
        self.afficher_b = bouton("Afficher ce scénario", "kit-guichet-afficher", self.actualiser, style="primary",
                                 infobulle="Afficher le scénario du numéro saisi")
        self.tirage_b = bouton("Nouveau tirage", "kit-guichet-tirage", self.nouveau_tirage,
                               infobulle="Tirer un nouveau numéro au hasard et afficher son scénario")
        self.tirage_b.icon = "random"
        self.choix_fiche = w.ToggleButtons(options=[(lib, code) for code, lib in FICHES.items()], value="projeter",
                                           description="Fiche :", style={"description_width": "initial", "button_width": "auto"},
                                           tooltips=["Ce que toute la salle voit", "À lire par l'agent seulement",
                                                     "À lire par l'usager seulement", "Pour le reste du groupe, avec la grille",
                                                     "Toutes les fiches, une par page à l'impression"])
        self.choix_fiche.add_class("kit-guichet-choix-fiche")
        self.rappel = w.HTML()
        self.rappel.add_class("kit-guichet-rappel")
        self.fiche = w.HTML()
        self.fiche.add_class("kit-guichet-fiche")

        self.graine.observe(lambda _c: self.actualiser(), names="value")
        self.difficulte.observe(lambda _c: self.actualiser(), names="value")
        self.choix_fiche.observe(lambda _c: self._montrer(), names="value")

        self.vue = w.VBox([
            w.HTML(f"{_STYLE}<h3>{escape(donnees.titre)}</h3>"
                   '<p class="kit-ref">Lieux, personnes et situations fictifs, inspirés de situations de terrain '
                   '<span class="kit-fictif">données fictives</span></p>'),
            self.champ_graine.boite,
            self.difficulte,
            w.HBox([self.afficher_b, self.tirage_b], layout=w.Layout(flex_flow="row wrap", grid_gap="0.5em", margin="0.3em 0")),
            self.rappel,
            self.choix_fiche,
            self.fiche,
        ])
        self.vue.add_class("kit-guichet")
        self.actualiser()

    # --- Actions ---

    def actualiser(self) -> None:
        """Relit le numéro et la difficulté et affiche le scénario ; une saisie invalide s'affiche
        sous le champ et le scénario précédent reste visible."""
        if self._en_cours:
            return
        try:
            scenario = regles.generer(self.donnees, self.graine.value, self.difficulte.value)
        except GraineInvalide as exc:
            self.champ_graine.signaler(str(exc))
            if self.scenario is not None:
                self.rappel.value = (f'<p class="kit-ref">Le scénario affiché reste le n° {self.scenario.graine} : '
                                     "corrigez le numéro pour en afficher un autre.</p>")
            return
        self.champ_graine.signaler(None)
        self.scenario = scenario
        self.rappel.value = (f"<p><strong>{escape(scenario.titre)}</strong> — {escape(scenario.lieu.nom)} · "
                             f"{escape(scenario.demande.intitule)}</p>")
        self._montrer()

    def nouveau_tirage(self) -> None:
        """Tire un autre numéro (qui donne un autre scénario), l'écrit dans le champ et l'affiche."""
        actuel = self.scenario.signature() if self.scenario else None
        exclus = {self.scenario.graine} if self.scenario else set()
        for _ in range(50):
            g = regles.tirer_graine(self._alea, exclus)
            if regles.generer(self.donnees, g, self.difficulte.value).signature() != actuel:
                break
            exclus.add(g)
        self._en_cours = True
        try:
            self.graine.value = str(g)
        finally:
            self._en_cours = False
        self.actualiser()

    def _montrer(self) -> None:
        if self.scenario is not None:
            self.fiche.value = fiche_html(self.scenario, self.choix_fiche.value)


def charger(chemin: Path | str = regles.CHEMIN_PAR_DEFAUT) -> DonneesGuichet:
    return regles.charger(_resoudre(chemin))


def afficher(chemin: Path | str = regles.CHEMIN_PAR_DEFAUT, graine: int | None = None,
             niveau: str = "intermediaire") -> w.Widget:
    """Le générateur de jeux de rôle ; un fichier invalide donne un message, pas une trace d'erreur."""
    try:
        donnees = charger(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    try:
        return SimulateurGuichet(donnees, graine=graine, niveau=niveau).vue
    except GraineInvalide as exc:  # un niveau de difficulté inconnu passé par la séance
        boite = w.HTML(f'<div class="kit-avertissement">{escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
