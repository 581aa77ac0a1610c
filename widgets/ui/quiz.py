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
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


def _charger(chemin: Path | str, modele: type[BaseModel], cle: str) -> BaseModel:
    chemin = Path(chemin)
    try:
        brut = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FichierInvalide(f"Fichier introuvable : {chemin}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ou = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        raise FichierInvalide(f"{chemin}{ou} : YAML illisible ({getattr(exc, 'problem', exc)}).") from None
    try:
        return modele.model_validate(brut)
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        loc = list(e["loc"])
        lieu = ""
        if len(loc) >= 2 and loc[0] == cle and isinstance(loc[1], int):
            ident = ""
            try:
                ident = f" (id « {brut[cle][loc[1]].get('id')} »)"
            except (AttributeError, IndexError, KeyError, TypeError):
                pass
            lieu = f"élément n° {loc[1] + 1}{ident}"
            loc = loc[2:]
        champ = f"champ « {'.'.join(str(x) for x in loc)} »" if loc else ""
        msg = e["msg"].removeprefix("Value error, ")
        raise FichierInvalide(f"{chemin}, {', '.join(x for x in (lieu, champ) if x)} : {msg}.") from None


def charger_questions(chemin: Path | str) -> BanqueQuestions:
    return _charger(chemin, BanqueQuestions, "questions")


def charger_cas(chemin: Path | str) -> BanqueCas:
    return _charger(chemin, BanqueCas, "cas")


def _erreur(exc: Exception) -> w.HTML:
    boite = w.HTML(f'<div class="kit-avertissement"><strong>Ce contenu ne peut pas s\'afficher :</strong> {escape(str(exc))}</div>')
    boite.add_class("kit-erreur-fichier")
    return boite


# --- Quiz ------------------------------------------------------------------------------------

def afficher(chemin: Path | str) -> w.Widget:
    """Le quiz du fichier YAML : une question par bloc, « Vérifier », l'explication et la source."""
    try:
        banque = charger_questions(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    score = w.HTML()
    score.add_class("kit-quiz-score")
    resultats: dict[str, bool] = {}

    def maj_score():
        score.value = (f"<p><strong>Score : {sum(resultats.values())} / {len(banque.questions)}</strong>"
                       f" ({len(resultats)} question{'s' if len(resultats) > 1 else ''} vérifiée{'s' if len(resultats) > 1 else ''})</p>")

    blocs = [w.HTML(f"<h3>{escape(banque.titre)}</h3>")]
    for numero, q in enumerate(banque.questions, start=1):
        choix = w.RadioButtons(options=[(c, i) for i, c in enumerate(q.choix)], value=None, layout=w.Layout(width="auto"))
        choix.add_class("kit-quiz-choix")
        bouton = w.Button(description="Vérifier", tooltip=f"Vérifier la réponse à la question {numero}")
        bouton.add_class("kit-quiz-verifier")
        retour = w.HTML()
        retour.add_class("kit-quiz-retour")

        def verifier(_b, q=q, choix=choix, retour=retour):
            if choix.value is None:
                retour.value = "<p>Choisissez d'abord une réponse.</p>"
                return
            juste = choix.value == q.reponse
            resultats[q.id] = juste
            verdict = ('<strong class="kit-juste">Bonne réponse.</strong>' if juste else
                       f'<strong class="kit-faux">Pas tout à fait.</strong> La bonne réponse : « {escape(q.choix[q.reponse])} ».')
            retour.value = f"<p>{verdict} {escape(q.explication)}<span class=\"kit-ref\">Source : {escape(q.source)}</span></p>"
            maj_score()

        bouton.on_click(verifier)
        bloc = w.VBox([w.HTML(f'<p class="kit-quiz-question">{numero}. {escape(q.question)}</p>'), choix, bouton, retour])
        bloc.add_class("kit-quiz-bloc")
        blocs.append(bloc)
    maj_score()
    blocs.append(score)
    quiz = w.VBox(blocs)
    quiz.add_class("kit-quiz")
    return quiz


# --- Cas pratiques ---------------------------------------------------------------------------

STATUTS_PROPOSES = [
    ("Doit suivre le parcours", "obligatoire"),
    ("Dispensée", "dispense"),
    ("Pas concernée (pas primo-arrivante)", "non_concerne"),
    ("Relève d'une autre entité", "autre_entite"),
]


def cas_pratiques(chemin: Path | str) -> w.Widget:
    """Des situations à trancher ; la réponse est calculée par les règles, avec ses motifs."""
    try:
        banque = charger_cas(chemin)
    except FichierInvalide as exc:
        return _erreur(exc)
    blocs = [w.HTML(f"<h3>{escape(banque.titre)}</h3>")]
    for numero, cas in enumerate(banque.cas, start=1):
        choix = w.RadioButtons(options=STATUTS_PROPOSES, value=None, layout=w.Layout(width="auto"))
        choix.add_class("kit-cas-choix")
        bouton = w.Button(description="Vérifier")
        bouton.add_class("kit-cas-verifier")
        retour = w.HTML()
        retour.add_class("kit-cas-retour")

        def verifier(_b, cas=cas, choix=choix, retour=retour):
            if choix.value is None:
                retour.value = "<p>Choisissez d'abord une réponse.</p>"
                return
            try:
                decision = parcours.evaluer(cas.situation, cas.date_reference)
            except ErreurSituation as exc:
                retour.value = f'<div class="kit-avertissement">Ce cas est mal décrit dans son fichier : {escape(str(exc))}</div>'
                return
            juste = choix.value == decision.statut
            verdict = ('<strong class="kit-juste">Bonne réponse.</strong>' if juste else
                       '<strong class="kit-faux">Pas tout à fait.</strong>')
            motifs = "".join(f"<li>{escape(m.texte)}<span class=\"kit-ref\">{escape(m.reference)}</span></li>" for m in decision.motifs)
            commentaire = f"<p><em>{escape(cas.commentaire)}</em></p>" if cas.commentaire else ""
            retour.value = f"<p>{verdict} {escape(decision.libelle)}.</p><ul>{motifs}</ul>{commentaire}"

        bouton.on_click(verifier)
        entete = (f'<h4>Cas {numero} — {escape(cas.titre)} <span class="kit-fictif">données fictives</span></h4>'
                  f"<p>{escape(cas.recit)}</p><p class=\"kit-ref\">Date de référence : {cas.date_reference.strftime('%d/%m/%Y')}</p>")
        bloc = w.VBox([w.HTML(entete), choix, bouton, retour])
        bloc.add_class("kit-cas")
        blocs.append(bloc)
    boite = w.VBox(blocs)
    boite.add_class("kit-cas-pratiques")
    return boite
