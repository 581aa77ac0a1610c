"""Analyser un article, un titre ou une publication avec la grille « Médias et représentations ».

On choisit un exemple (tous écrits pour le kit, signalés « exemple fictif écrit pour le kit »), on
le lit, on répond à la grille (cases à cocher ou choix unique, rubrique par rubrique), puis on voit
le corrigé de l'animateur, question par question : ce qui est repéré, ce qui reste à regarder, ce
qui est à discuter. Une fiche récapitulative, en grands caractères, se projette pour la mise en
commun ::

    from widgets.simulateurs import medias
    medias.afficher()

La grille et les exemples sont dans un fichier YAML qu'un formateur modifie sans Python
(``modules/communication-interculturelle/donnees/grille-medias.yaml``) ; le format, la validation et
la comparaison avec le corrigé sont dans ``widgets.rules.medias``. Un fichier mal formé donne un
message français qui nomme le fichier, la ligne, l'élément et le champ. Tout est en ipywidgets
(Voilà bloque le JavaScript) et se pilote au clavier : Tab pour passer d'un champ à l'autre,
Espace pour cocher, flèches pour les choix uniques, Entrée sur les boutons.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from widgets.rules import medias as regles
from widgets.rules.medias import Ecart, Exemple, FichierInvalide, Grille

RACINE = Path(__file__).resolve().parent.parent.parent
DOSSIER_MODULE = RACINE / "modules" / "communication-interculturelle"
CHEMIN_PAR_DEFAUT = "donnees/grille-medias.yaml"

_STYLE = """<style>
.kit-medias { max-width: 56em; }
.kit-medias .widget-checkbox, .kit-medias .widget-checkbox label { height: auto; white-space: normal; line-height: 1.35; }
.kit-medias .widget-radio-box label { height: auto; white-space: normal; line-height: 1.35; margin: 0 0 0.35em 0; }
.kit-medias-exemple { border-left: 5px solid #1d4e89; background: #f3f7fc; color: #111; padding: 0.4em 1em; line-height: 1.5; margin: 0.4em 0; }
.kit-medias-titre-media { font-size: 1.2em; font-weight: 700; margin: 0.3em 0; }
.kit-medias-image { font-style: italic; color: #333; }
.kit-medias-rubrique h4 { margin: 0.9em 0 0.1em 0; color: #1d4e89; }
.kit-medias-question { font-weight: 600; margin: 0.4em 0 0.1em 0; }
.kit-medias-corrige { border: 2px solid #1d4e89; border-radius: 8px; padding: 0.3em 1em; margin: 0.6em 0; line-height: 1.45; }
.kit-medias-corrige h4 { color: #1d4e89; margin: 0.8em 0 0.2em 0; }
.kit-medias-corrige ul { margin: 0.1em 0 0.3em 1.2em; padding: 0; }
.kit-medias-a-discuter { color: #8a4b00; }
.kit-medias-fiche { border: 3px solid #1d4e89; border-radius: 10px; padding: 0.6em 1.2em; margin: 0.6em 0; font-size: 1.15em; line-height: 1.5; background: #fff; color: #111; }
.kit-medias-fiche h3 { font-size: 1.4em; margin: 0.2em 0; }
.kit-medias-fiche table { border-collapse: collapse; width: 100%; }
.kit-medias-fiche td, .kit-medias-fiche th { border-bottom: 1px solid #bbb; padding: 0.3em 0.4em; text-align: left; vertical-align: top; }
.kit-medias-fiche .kit-medias-reecriture { border-left: 5px solid #1b6e3a; background: #f1f8f3; padding: 0.3em 0.8em; }
</style>"""


def _resoudre(chemin: Path | str) -> Path:
    """Le chemin tel quel s'il existe (relatif au dossier de la séance), sinon relatif au module."""
    chemin = Path(chemin)
    if chemin.exists() or chemin.is_absolute():
        return chemin
    candidat = DOSSIER_MODULE / chemin
    return candidat if candidat.exists() else chemin


def charger(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> Grille:
    return regles.charger(_resoudre(chemin))


def _erreur(exc: FichierInvalide) -> w.HTML:
    lignes = "".join(f"<li>{escape(e)}</li>" for e in exc.erreurs)
    n = len(exc.erreurs)
    boite = w.HTML('<div class="kit-avertissement"><strong>Ce contenu ne peut pas s\'afficher :</strong> le fichier '
                   f"de la grille contient {'une erreur' if n == 1 else f'{n} erreurs'} à corriger.<ul>{lignes}</ul></div>")
    boite.add_class("kit-erreur-fichier")
    return boite


def _paragraphes(texte: str) -> str:
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in texte.split("\n\n") if p.strip())


def _publics(exemple: Exemple) -> str:
    return ", ".join(regles.PUBLICS[p] for p in exemple.publics)


def exemple_html(exemple: Exemple) -> str:
    """L'exemple tel qu'on le lit : support, titre, texte, image décrite, mention « fictif »."""
    image = f'<p class="kit-medias-image">Image : {escape(exemple.image)}</p>' if exemple.image else ""
    return (f'<p class="kit-ref">{escape(regles.FORMATS[exemple.format].capitalize())} · {escape(exemple.support)} · '
            f'public : {escape(_publics(exemple))}</p>'
            f'<div class="kit-medias-exemple"><p><span class="kit-fictif">{escape(regles.MENTION_FICTIF)}</span> '
            f'<span class="kit-ref" style="display:inline">{escape(exemple.mention)}</span></p>'
            f'<p class="kit-medias-titre-media">{escape(exemple.titre_media)}</p>'
            f"{_paragraphes(exemple.texte)}{image}</div>")


def _liste(options, classe: str = "") -> str:
    attribut = f' class="{classe}"' if classe else ""
    return ", ".join(f"<span{attribut}>{escape(o.libelle)}</span>" for o in options)


def corrige_html(grille: Grille, exemple: Exemple, ecarts: list[Ecart]) -> str:
    """Le corrigé de l'animateur, rubrique par rubrique, confronté aux réponses données."""
    reperes, attendus = regles.bilan(ecarts)
    repondues = sum(1 for e in ecarts if e.repondu)
    blocs = []
    for r in grille.rubriques:
        lignes = []
        for e in (e for e in ecarts if e.rubrique.id == r.id):
            if not e.repondu:
                items = [f"<li><strong>Le corrigé retient :</strong> {_liste(regles.attendues(exemple, r, e.question))}</li>",
                         "<li>Vous n'avez pas répondu à cette question.</li>"]
            else:
                items = []
                if e.reperes:
                    items.append(f'<li><span class="kit-juste">Repéré :</span> {_liste(e.reperes)}</li>')
                if e.oublies:
                    items.append(f'<li><span class="kit-faux">À regarder aussi :</span> {_liste(e.oublies)}</li>')
                if e.en_plus:
                    items.append(f'<li><span class="kit-medias-a-discuter">À discuter (coché, le corrigé ne le retient pas) :</span> '
                                 f"{_liste(e.en_plus)}</li>")
            lignes.append(f'<p class="kit-medias-question">{escape(e.question.texte)}</p><ul>{"".join(items)}</ul>')
        blocs.append(f"<h4>{escape(r.titre)}</h4>{''.join(lignes)}<p>{escape(exemple.corrige[r.id].commentaire)}</p>")
    precaution = (f'<div class="kit-avertissement"><strong>Précaution pour l\'animation :</strong> {escape(exemple.precaution)}</div>'
                  if exemple.precaution else "")
    return (f'<div class="kit-medias-corrige"><h3>Corrigé de l\'animateur — {escape(exemple.titre)}</h3>'
            f"<p><strong>Points repérés : {reperes} sur {attendus}</strong> ({repondues} question(s) sur {len(ecarts)} "
            "avec une réponse). La grille n'est pas un examen : une case « à discuter » peut être une bonne remarque, "
            "si vous savez la justifier.</p>"
            f"{''.join(blocs)}<h4>Un titre plus juste</h4><p>« {escape(exemple.reecriture)} »</p>"
            f"<h4>À retenir</h4><p>{escape(exemple.a_retenir)}</p>{precaution}</div>")


def fiche_html(grille: Grille, exemple: Exemple, ecarts: list[Ecart] | None = None) -> str:
    """La fiche récapitulative à projeter : l'exemple, ce que la grille fait apparaître, le titre
    réécrit, le point à retenir et les questions pour le groupe. Avec ``ecarts``, une coche ✓
    signale ce que le groupe a repéré."""
    vus = {(e.question.id, o.id) for e in ecarts for o in e.reperes} if ecarts else set()
    lignes = []
    for r in grille.rubriques:
        points = []
        for q in r.questions:
            for o in regles.attendues(exemple, r, q):
                coche = ' <span class="kit-juste" title="repéré par le groupe">✓</span>' if (q.id, o.id) in vus else ""
                points.append(f"{escape(o.libelle)}{coche}")
        lignes.append(f"<tr><th>{escape(r.titre)}</th><td>{' ; '.join(points)}</td></tr>")
    questions = "".join(f"<li>{escape(q)}</li>" for q in exemple.questions_groupe)
    questions = f"<h4>Pour la discussion</h4><ol>{questions}</ol>" if questions else ""
    legende = '<p class="kit-ref">✓ : repéré par le groupe.</p>' if ecarts else ""
    return (f'<div class="kit-medias-fiche"><p><span class="kit-fictif">{escape(regles.MENTION_FICTIF)}</span></p>'
            f"<h3>{escape(exemple.titre_media)}</h3>"
            f'<p class="kit-ref">{escape(exemple.support)}</p>'
            f"<table>{''.join(lignes)}</table>{legende}"
            f'<h4>Un titre plus juste</h4><p class="kit-medias-reecriture">« {escape(exemple.reecriture)} »</p>'
            f"<h4>À retenir</h4><p>{escape(exemple.a_retenir)}</p>{questions}</div>")


class _Champ:
    """Les widgets d'une question : des cases à cocher (plusieurs réponses) ou des boutons radio (une)."""

    def __init__(self, question: regles.Question):
        self.question = question
        if question.multiple:
            self.cases = [w.Checkbox(value=False, description=o.libelle, indent=False,
                                     layout=w.Layout(width="100%")) for o in question.options]
            for c in self.cases:
                c.add_class("kit-medias-case")
            self.widget = w.VBox(self.cases)
        else:
            self.radio = w.RadioButtons(options=[(o.libelle, o.id) for o in question.options], value=None,
                                        layout=w.Layout(width="100%"))
            self.radio.add_class("kit-medias-radio")
            self.widget = self.radio

    def valeur(self) -> list[str]:
        if self.question.multiple:
            return [o.id for o, c in zip(self.question.options, self.cases) if c.value]
        return [self.radio.value] if self.radio.value is not None else []

    def remplir(self, ids: list[str]) -> None:
        if self.question.multiple:
            for o, c in zip(self.question.options, self.cases):
                c.value = o.id in ids
        else:
            self.radio.value = ids[0] if ids else None

    def effacer(self) -> None:
        self.remplir([])


class Simulateur:
    """L'analyse guidée d'un fichier de grille ; ``vue`` est le widget à afficher."""

    def __init__(self, grille: Grille):
        self.grille = grille
        self.exemple = grille.exemples[0]
        self.selection = w.Dropdown(
            options=[(f"{n}. {e.titre} ({regles.FORMATS[e.format]})", e.id) for n, e in enumerate(grille.exemples, start=1)],
            value=self.exemple.id, description="Exemple à analyser :",
            style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="56em"))
        self.selection.add_class("kit-medias-selection")
        self.texte = w.HTML()
        self.texte.add_class("kit-medias-texte")

        self.champs: dict[str, _Champ] = {}
        sections = []
        for r in grille.rubriques:
            enfants: list[w.Widget] = [w.HTML(f"<h4>{escape(r.titre)}</h4><p class=\"kit-ref\">{escape(r.aide)}</p>")]
            for q in r.questions:
                champ = _Champ(q)
                self.champs[q.id] = champ
                consigne = "plusieurs réponses possibles" if q.multiple else "une seule réponse"
                enfants += [w.HTML(f'<p class="kit-medias-question">{escape(q.texte)} '
                                   f'<span class="kit-ref" style="display:inline">({consigne})</span></p>'), champ.widget]
            section = w.VBox(enfants)
            section.add_class("kit-medias-rubrique")
            section.add_class(f"kit-medias-rubrique-{r.id}")
            sections.append(section)
        self.grille_vue = w.VBox(sections)
        self.grille_vue.add_class("kit-medias-grille")

        self.corriger_b = w.Button(description="Voir le corrigé de l'animateur", button_style="primary",
                                   tooltip="Comparer vos réponses au corrigé", layout=w.Layout(width="auto"))
        self.corriger_b.add_class("kit-medias-corriger")
        self.fiche_b = w.Button(description="Fiche récapitulative à projeter", tooltip="Afficher la fiche pour la mise en commun",
                                layout=w.Layout(width="auto"))
        self.fiche_b.add_class("kit-medias-fiche-bouton")
        self.effacer_b = w.Button(description="Effacer mes réponses", tooltip="Recommencer l'analyse de cet exemple",
                                  layout=w.Layout(width="auto"))
        self.effacer_b.add_class("kit-medias-effacer")
        self.corrige = w.HTML()
        self.corrige.add_class("kit-medias-resultat")
        self.fiche = w.HTML()
        self.fiche.add_class("kit-medias-fiche-vue")

        self.selection.observe(self._changer_exemple, names="value")
        self.corriger_b.on_click(lambda _b: self.corriger())
        self.fiche_b.on_click(lambda _b: self.afficher_fiche())
        self.effacer_b.on_click(lambda _b: self.effacer())

        self.vue = w.VBox([
            w.HTML(f"{_STYLE}<h3>{escape(grille.titre)}</h3><p>{escape(grille.introduction)}</p>"),
            self.selection, self.texte,
            w.HTML("<h3>Votre analyse</h3>"), self.grille_vue,
            w.HBox([self.corriger_b, self.fiche_b, self.effacer_b], layout=w.Layout(flex_flow="row wrap", grid_gap="0.5em")),
            self.corrige, self.fiche,
        ])
        self.vue.add_class("kit-medias")
        self._montrer_exemple()

    # --- Actions ---

    def reponses(self) -> dict[str, list[str]]:
        return {qid: champ.valeur() for qid, champ in self.champs.items()}

    def remplir(self, reponses: dict[str, list[str]]) -> None:
        """Coche les réponses données (id de question -> ids d'options) ; utile aux tests et aux démonstrations."""
        for qid, ids in reponses.items():
            self.champs[qid].remplir(list(ids))

    def _changer_exemple(self, change) -> None:
        self.exemple = self.grille.exemple(change["new"])
        self.effacer()
        self._montrer_exemple()

    def _montrer_exemple(self) -> None:
        self.texte.value = exemple_html(self.exemple)

    def effacer(self) -> None:
        for champ in self.champs.values():
            champ.effacer()
        self.corrige.value = ""
        self.fiche.value = ""

    def corriger(self) -> None:
        ecarts = regles.comparer(self.grille, self.exemple, self.reponses())
        self.corrige.value = corrige_html(self.grille, self.exemple, ecarts)

    def afficher_fiche(self) -> None:
        ecarts = regles.comparer(self.grille, self.exemple, self.reponses())
        self.fiche.value = fiche_html(self.grille, self.exemple, ecarts if any(e.repondu for e in ecarts) else None)


def afficher(chemin: Path | str = CHEMIN_PAR_DEFAUT) -> w.Widget:
    """L'analyse guidée ; un fichier invalide donne un message, pas une trace d'erreur."""
    try:
        grille = charger(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    return Simulateur(grille).vue
