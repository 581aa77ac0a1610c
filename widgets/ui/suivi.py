"""La progression vue par l'apprenante : la case de fin de séance et le tableau de la page d'accueil.

Le stockage (un fichier JSON sur cet ordinateur, jamais envoyé) est dans ``widgets.progression``.
En salle de formation, rien n'est gardé et ces vues le disent.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape

import ipywidgets as w

from widgets import catalogue, progression


def _date(iso: str | None) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return ""


def _message_inactive() -> str:
    if os.environ.get("KIT_SALLE"):
        return ("En salle de formation, le kit ne garde aucune progression : l'ordinateur qui sert les pages est "
                "partagé par tout le groupe. Sur votre propre ordinateur, vos séances terminées et vos scores "
                "s'afficheront ici.")
    return "La progression est désactivée sur cet ordinateur (KIT_PROGRESSION=0)."


# --- Fin de séance ------------------------------------------------------------------------------

def case_terminee(seance: str | None) -> w.Widget:
    """« J'ai terminé cette séance », pour une apprenante sur son ordinateur ; rien en salle ou hors de Voilà."""
    if not progression.active() or not seance:
        vide = w.HTML("")
        vide.add_class("kit-progression-absente")
        return vide
    fiche = progression.ouverte(seance) or {}
    case = w.Checkbox(value=bool(fiche.get("terminee")), description="J'ai terminé cette séance", indent=False)
    case.add_class("kit-terminee")
    etat = w.HTML()
    etat.add_class("kit-terminee-etat")

    def maj(_=None):
        f = progression.terminee(seance, case.value) or {}
        etat.value = (f'<p role="status">Séance notée comme terminée le {_date(f.get("terminee"))}.</p>' if case.value
                      else '<p role="status"></p>')

    case.observe(maj, names="value")
    if case.value:
        etat.value = f'<p role="status">Séance notée comme terminée le {_date(fiche.get("terminee"))}.</p>'
    aide = w.HTML('<p class="kit-ref">Votre progression reste sur cet ordinateur, rien n\'est envoyé. '
                  'Vous la retrouvez sur la <a href="../../index.ipynb">page d\'accueil</a>, où vous pouvez aussi l\'effacer.</p>')
    vue = w.VBox([case, etat, aide])
    vue.add_class("kit-progression-seance")
    return vue


# --- Page d'accueil -----------------------------------------------------------------------------

def _score_quiz(fiche: dict) -> tuple[int, int, int] | None:
    quiz = fiche.get("quiz")
    if not isinstance(quiz, dict) or not quiz:
        return None
    resultats = [q for q in quiz.values() if isinstance(q, dict)]
    return (sum(int(q.get("score", 0)) for q in resultats), sum(int(q.get("verifiees", 0)) for q in resultats),
            sum(int(q.get("total", 0)) for q in resultats))


def tableau_html(donnees: dict, modules: list[catalogue.Module]) -> str:
    seances = donnees.get("seances", {})
    blocs = []
    for mod in modules:
        if not mod.seances:
            continue
        lignes, finies = [], 0
        for s in mod.seances:
            fiche = seances.get(s.chemin, {})
            if fiche.get("terminee"):
                finies += 1
                etat = f'<span class="kit-etat-terminee">✔ Terminée le {_date(fiche["terminee"])}</span>'
            elif fiche.get("ouverte"):
                etat = f"Commencée le {_date(fiche['ouverte'])}"
            else:
                etat = "Pas encore ouverte"
            score = _score_quiz(fiche)
            quiz = (f"{score[0]} / {score[2]} bonne{'s' if score[0] > 1 else ''} réponse{'s' if score[0] > 1 else ''}"
                    f" ({score[1]} question{'s' if score[1] > 1 else ''} vérifiée{'s' if score[1] > 1 else ''})"
                    if score else "—")
            lignes.append(f'<tr><th scope="row"><a href="{escape(s.chemin)}">Séance {s.meta.numero} — {escape(s.meta.titre)}</a></th>'
                          f"<td>{etat}</td><td>{quiz}</td></tr>")
        blocs.append(
            f'<table class="kit-table kit-progression-module" data-module="{escape(mod.dossier)}">'
            f"<caption><strong>{escape(mod.meta.titre)}</strong> : {finies} séance{'s' if finies > 1 else ''} terminée{'s' if finies > 1 else ''}"
            f" sur {len(mod.seances)}</caption>"
            '<thead><tr><th scope="col">Séance</th><th scope="col">État</th><th scope="col">Quiz</th></tr></thead>'
            f"<tbody>{''.join(lignes)}</tbody></table>")
    return "".join(blocs)


def afficher() -> w.Widget:
    """Le tableau de progression de la page d'accueil, lu au moment où la page est demandée."""
    # La page d'accueil est préchauffée : sans cette attente, elle montrerait la progression du
    # moment où son noyau a été préparé, pas celle d'aujourd'hui.
    from widgets.seance import _attendre_la_demande
    _attendre_la_demande()
    vue = w.VBox([])
    vue.add_class("kit-progression")
    if not progression.active():
        info = w.HTML(f'<p class="kit-progression-off">{escape(_message_inactive())}</p>')
        vue.children = [info]
        return vue
    contenu = w.HTML()
    effacer = w.Button(description="Effacer ma progression", tooltip="Supprime le fichier de progression de cet ordinateur")
    effacer.add_class("kit-progression-effacer")
    confirmer = w.Button(description="Oui, tout effacer", button_style="danger")
    confirmer.add_class("kit-progression-confirmer")
    annuler = w.Button(description="Annuler")
    annuler.add_class("kit-progression-annuler")
    question = w.HTML()
    question.add_class("kit-progression-question")
    boutons = w.HBox([effacer])

    def montrer(message: str = "") -> None:
        donnees, probleme = progression.lire()
        try:
            tableau = tableau_html(donnees, catalogue.modules())
        except (OSError, ValueError) as exc:
            tableau = f'<div class="kit-avertissement">Le catalogue ne peut pas être lu : {escape(str(exc))}</div>'
        avant = "".join(f'<div class="kit-avertissement">{escape(m)}</div>' for m in (probleme, message) if m)
        if not donnees.get("seances"):
            avant += ("<p>Vous n'avez encore ouvert aucune séance sur cet ordinateur. Dès la première, vos séances "
                      "terminées et vos scores aux quiz s'afficheront ici.</p>")
        contenu.value = (avant + tableau +
                         f'<p class="kit-ref">Gardé sur cet ordinateur seulement, dans {escape(str(progression.chemin()))}. '
                         "Pas de compte, rien n'est envoyé.</p>")

    def demander(_b):
        question.value = "<p role=\"alert\">Effacer toute votre progression (séances terminées et scores) ? Cela ne peut pas être annulé.</p>"
        boutons.children = [confirmer, annuler]
        confirmer.focus()

    def retour(_b):
        question.value = ""
        boutons.children = [effacer]

    def tout_effacer(_b):
        progression.effacer()
        retour(None)
        montrer("Votre progression a été effacée.")

    effacer.on_click(demander)
    annuler.on_click(retour)
    confirmer.on_click(tout_effacer)
    montrer()
    vue.children = [contenu, question, boutons]
    return vue
