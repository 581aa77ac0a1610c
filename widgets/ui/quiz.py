"""Quiz et cas pratiques, tirés de fichiers YAML qu'un formateur modifie sans Python.

- ``afficher("questions/x.yaml")`` : questions à choix, chaque réponse expliquée et sourcée ;
- ``cas_pratiques("questions/cas-x.yaml")`` : des situations à trancher ; la bonne réponse n'est
  pas écrite dans le fichier pour l'apprenant, elle est calculée par les règles du kit, et
  l'explication est la décision elle-même (motifs et références).

Un fichier mal formé donne un message qui nomme le fichier, la question et le champ, jamais une
trace d'erreur Python. Voilà bloque le JavaScript des sorties : tout est en ipywidgets.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Annotated, Any

import ipywidgets as w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from widgets.fichiers import decrire_lieu, en_francais, lire
from widgets.rules import parcours
from widgets.rules.validation import ErreurSituation


class FichierInvalide(ValueError):
    """Un fichier de quiz ou de cas invalide ; le message nomme fichier, élément et champ."""


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(min_length=1)]
    question: Annotated[str, Field(min_length=1)]
    choix: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2)]
    reponse: Annotated[int, Field(ge=0)]
    explication: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]

    @model_validator(mode="after")
    def _reponse_existe(self):
        if self.reponse >= len(self.choix):
            raise ValueError(f"« reponse » vaut {self.reponse} mais il n'y a que {len(self.choix)} choix (numérotés à partir de 0)")
        return self


class BanqueQuestions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: str
    questions: Annotated[list[Question], Field(min_length=1)]


class Cas(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(min_length=1)]
    titre: Annotated[str, Field(min_length=1)]
    recit: Annotated[str, Field(min_length=1)]
    date_reference: dt.date
    situation: dict[str, Any]
    attendu: str
    codes_attendus: list[str] = []
    commentaire: str = ""


class BanqueCas(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: str
    cas: Annotated[list[Cas], Field(min_length=1)]


# Les éléments que les messages d'erreur nomment : « élément n° 2 (id « b ») ».
NOMS = {Question: "élément", Cas: "élément"}


def _charger(chemin: Path | str, modele: type[BaseModel]) -> BaseModel:
    lecture = lire(chemin, FichierInvalide)
    try:
        return modele.model_validate(lecture.donnees)
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        ou = ", ".join(x for x in (f"ligne {lecture.ligne(e['loc'])}", decrire_lieu(lecture.donnees, e["loc"], modele, NOMS)) if x)
        raise FichierInvalide(f"{lecture.chemin}, {ou} : {en_francais(e, modele)}.") from None


def charger_questions(chemin: Path | str) -> BanqueQuestions:
    return _charger(chemin, BanqueQuestions)


def charger_cas(chemin: Path | str) -> BanqueCas:
    return _charger(chemin, BanqueCas)


def _erreur(exc: Exception) -> w.HTML:
    boite = w.HTML(f'<div class="kit-avertissement"><strong>Ce contenu ne peut pas s\'afficher :</strong> {escape(str(exc))}</div>')
    boite.add_class("kit-erreur-fichier")
    return boite


# --- Un bloc à la fois ---------------------------------------------------------------------------

class _Carrousel:
    """Un élément à la fois, avec « Précédent », « Vérifier » et « Suivant » : peu de widgets à
    créer (la page s'affiche vite), un bloc par écran (lisible au projecteur), les réponses gardées
    quand on revient en arrière."""

    def __init__(self, n: int, libelle: str, classe: str, options, rendu_entete, verifier):
        self.n, self.i, self.libelle = n, 0, libelle
        self.rendu_entete, self._verifier = rendu_entete, verifier
        self.reponses: dict[int, int | str] = {}
        self.retours: dict[int, str] = {}
        self.position = w.HTML()
        self.position.add_class(f"{classe}-position")
        self.entete = w.HTML()
        self.choix = w.RadioButtons(options=options(0), value=None, layout=w.Layout(width="auto"))
        self.choix.add_class(f"{classe}-choix")
        self.options = options
        self.retour = w.HTML()
        self.retour.add_class(f"{classe}-retour")
        self.precedent = w.Button(description="◀ Précédent", tooltip="Élément précédent")
        self.verifier_b = w.Button(description="Vérifier", button_style="primary")
        self.suivant = w.Button(description="Suivant ▶", tooltip="Élément suivant")
        self.precedent.add_class(f"{classe}-precedent")
        self.verifier_b.add_class(f"{classe}-verifier")
        self.suivant.add_class(f"{classe}-suivant")
        self.precedent.on_click(lambda _b: self.aller(self.i - 1))
        self.suivant.on_click(lambda _b: self.aller(self.i + 1))
        self.verifier_b.on_click(lambda _b: self.verifier())
        self.bloc = w.VBox([self.position, self.entete, self.choix,
                            w.HBox([self.precedent, self.verifier_b, self.suivant], layout=w.Layout(grid_gap="0.4em")),
                            self.retour])
        self.bloc.add_class(f"{classe}-bloc")
        self.aller(0)

    def aller(self, i: int) -> None:
        if self.choix.value is not None:
            self.reponses[self.i] = self.choix.value
        self.i = max(0, min(self.n - 1, i))
        self.position.value = f'<p class="kit-ref">{self.libelle} {self.i + 1} / {self.n}</p>'
        self.entete.value = self.rendu_entete(self.i)
        self.choix.options = self.options(self.i)
        self.choix.value = self.reponses.get(self.i)
        self.retour.value = self.retours.get(self.i, "")
        self.precedent.disabled = self.i == 0
        self.suivant.disabled = self.i == self.n - 1

    def verifier(self) -> None:
        if self.choix.value is None:
            self.retour.value = "<p>Choisissez d'abord une réponse.</p>"
            return
        self.reponses[self.i] = self.choix.value
        self.retours[self.i] = self._verifier(self.i, self.choix.value)
        self.retour.value = self.retours[self.i]


# --- Quiz ------------------------------------------------------------------------------------

def afficher(chemin: Path | str) -> w.Widget:
    """Le quiz du fichier YAML, une question à la fois : « Vérifier » donne l'explication et la source."""
    try:
        banque = charger_questions(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    questions = banque.questions
    resultats: dict[str, bool] = {}
    score = w.HTML()
    score.add_class("kit-quiz-score")

    def maj_score():
        n = len(resultats)
        score.value = (f"<p><strong>Score : {sum(resultats.values())} / {len(questions)}</strong>"
                       f" ({n} question{'s' if n > 1 else ''} vérifiée{'s' if n > 1 else ''})</p>")

    def noter():
        # La progression d'une apprenante sur son ordinateur (rien en salle, rien n'est envoyé).
        from widgets import progression, seance
        progression.quiz(seance.seance_courante(), Path(chemin).as_posix(), sum(resultats.values()), len(resultats), len(questions))

    def verifier(i: int, choix: int) -> str:
        q = questions[i]
        juste = choix == q.reponse
        resultats[q.id] = juste
        maj_score()
        noter()
        verdict = ('<strong class="kit-juste">Bonne réponse.</strong>' if juste else
                   f'<strong class="kit-faux">Pas tout à fait.</strong> La bonne réponse : « {escape(q.choix[q.reponse])} ».')
        return f"<p>{verdict} {escape(q.explication)}<span class=\"kit-ref\">Source : {escape(q.source)}</span></p>"

    carrousel = _Carrousel(
        len(questions), "Question", "kit-quiz",
        options=lambda i: [(c, n) for n, c in enumerate(questions[i].choix)],
        rendu_entete=lambda i: f'<p class="kit-quiz-question">{escape(questions[i].question)}</p>',
        verifier=verifier,
    )
    maj_score()
    vue = w.VBox([w.HTML(f'<h3>{escape(banque.titre)}</h3><p class="kit-ref">Les personnes citées sont fictives <span class="kit-fictif">données fictives</span></p>'), carrousel.bloc, score])
    vue.add_class("kit-quiz")
    return vue


# --- Cas pratiques ---------------------------------------------------------------------------

STATUTS_PROPOSES = [
    ("Obligée de suivre le parcours", "obligatoire"),
    ("Dispensée (primo-arrivante, mais dispensée)", "dispense"),
    ("Non concernée (pas primo-arrivante)", "non_concerne"),
    ("Relève d'une autre entité", "autre_entite"),
]


def cas_pratiques(chemin: Path | str) -> w.Widget:
    """Des situations à trancher, une à la fois ; la réponse est calculée par les règles, avec ses motifs."""
    try:
        banque = charger_cas(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    cas = banque.cas

    def entete(i: int) -> str:
        c = cas[i]
        return (f'<h4>{escape(c.titre)} <span class="kit-fictif">données fictives</span></h4>'
                f"<p>{escape(c.recit)}</p><p class=\"kit-ref\">Date de référence : {c.date_reference.strftime('%d/%m/%Y')}</p>")

    def verifier(i: int, choix: str) -> str:
        c = cas[i]
        try:
            decision = parcours.evaluer(c.situation, c.date_reference)
        except ErreurSituation as exc:
            return f'<div class="kit-avertissement">Ce cas est mal décrit dans son fichier : {escape(str(exc))}</div>'
        verdict = ('<strong class="kit-juste">Bonne réponse.</strong>' if choix == decision.statut else
                   '<strong class="kit-faux">Pas tout à fait.</strong>')
        motifs = "".join(f"<li>{escape(m.texte)}<span class=\"kit-ref\">{escape(m.reference)}</span></li>" for m in decision.motifs)
        commentaire = f"<p><em>{escape(c.commentaire)}</em></p>" if c.commentaire else ""
        return f"<p>{verdict} {escape(decision.libelle)}.</p><ul>{motifs}</ul>{commentaire}"

    carrousel = _Carrousel(len(cas), "Cas", "kit-cas", options=lambda i: STATUTS_PROPOSES, rendu_entete=entete, verifier=verifier)
    vue = w.VBox([w.HTML(f"<h3>{escape(banque.titre)}</h3>"), carrousel.bloc])
    vue.add_class("kit-cas-pratiques")
    return vue
