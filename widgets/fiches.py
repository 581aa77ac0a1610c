"""Les fiches imprimables des séances : une page HTML autonome et son PDF, sans code, à distribuer.

    python -m widgets.fiches                                   # toutes les séances du catalogue
    python -m widgets.fiches --module droit-etrangers
    python -m widgets.fiches --seance modules/citoyennete/01-belgique-federale.ipynb
    python -m widgets.fiches --formateur --sans-pdf --sortie /tmp/fiches
    make fiches MODULE=droit-etrangers                          # ou SEANCE=..., SORTIE=..., FORMATEUR=1

Pour chaque séance : un en-tête tiré des métadonnées ``kit`` (titre, module, public, durée,
objectifs), puis les cellules Markdown du carnet. Les cellules de code ne sont jamais montrées :
chacune est lue avec ``ast`` et les appels connus sont remplacés par leur équivalent papier :

- ``langage.encadre("textes/x.yaml", "id")`` : le texte clé (version courante), en encadré ;
- ``quiz.afficher("questions/x.yaml")`` : les questions numérotées, avec des cases à cocher ; les
  réponses, leurs explications et leurs sources sont regroupées en fin de fiche (« Réponses du
  quiz »), sur une nouvelle page à l'impression ;
- ``glossaire.afficher(...)`` : une phrase qui renvoie au glossaire du module dans le kit ;
- ``seance.preparer``, ``seance.conclure``, ``langage.bascule`` : rien ;
- tout autre appel (simulateurs, cartes, cas pratiques...) : un encadré « Activité interactive
  dans le kit » qui nomme l'activité (le titre Markdown qui précède) et le chemin de la séance.

Les cellules ``notes-formateur``, ``solution``, ``parameters`` (et ``cache``) sont retirées ; avec
``--formateur``, les notes et les corrigés restent, signalés comme tels. Le titre et la liste des
objectifs de la première cellule, que l'en-tête dit déjà, ne sont pas répétés. Les images locales
sont intégrées (data URI) : la fiche ne dépend d'aucun autre fichier. Les fiches vont dans
``build/fiches/<module>/`` (jamais sous ``datasets/`` ni ``modules/``), avec un sommaire
``index.html`` (les séances du catalogue dont une fiche est présente dans le dossier). Le PDF est imprimé par Chromium sans fenêtre (``widgets.imprimer``), deux à la fois
au plus ; sans navigateur, le HTML est produit quand même et le message le dit une fois.
"""

from __future__ import annotations

import argparse
import ast
import base64
import dataclasses
import datetime as dt
import difflib
import json
import mimetypes
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import unquote

import mistune
from mistune.renderers.html import HTMLRenderer

from widgets import catalogue, imprimer
from widgets.catalogue import MetaSeance

RACINE = Path(__file__).resolve().parent.parent
SORTIE = RACINE / "build" / "fiches"
INTERDITS = ("datasets", "modules")  # le kit n'écrit jamais dans ses données ni dans ses séances
INDEX = "index.html"
LETTRES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # les choix des questions du quiz : A, B, C...
PROCESSUS_PDF = 2  # Chromium imprime une page en 2 s environ ; deux à la fois sur une machine à deux cœurs

TOUJOURS_RETIREES = {"parameters", "cache"}
RESERVEES = {"notes-formateur": "Notes du formateur", "solution": "Corrigé"}  # gardées avec --formateur

# Les appels connus, par nom complet (résolu à partir des imports du carnet).
RIEN = {"widgets.seance.preparer", "widgets.seance.conclure", "widgets.ui.langage.bascule"}
ENCADRE = "widgets.ui.langage.encadre"
QUIZ = "widgets.ui.quiz.afficher"
GLOSSAIRE = "widgets.ui.glossaire.afficher"

CSS_FICHE = """
.kit-fiche-entete { border-bottom: 2px solid #1d4e89; margin-bottom: 1em; padding-bottom: 0.4em; }
.kit-fiche-entete .kit-surtitre { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.85em; color: #1d4e89; margin: 0; }
.kit-fiche-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 0.8em; margin: 0.5em 0; }
.kit-fiche-meta dt { font-weight: bold; }
.kit-fiche-meta dd { margin: 0; }
.kit-version-formateur { border: 2px solid #b35c00; background: #fff6ec; padding: 0.4em 0.8em; font-weight: bold; }
.kit-texte-cle h4 { margin: 0.2em 0 0.3em 0; color: #1d4e89; }
.kit-etiquette { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: #555; margin: 0; }
.kit-activite { border: 1px dashed #1d4e89; border-radius: 4px; padding: 0.4em 0.9em; margin: 0.6em 0; break-inside: avoid; }
.kit-glossaire-renvoi { font-style: italic; }
.kit-quiz-papier ol.kit-questions > li { margin: 0 0 0.7em 0; break-inside: avoid; }
.kit-quiz-papier ul.kit-choix { list-style: none; padding-left: 0.4em; margin: 0.3em 0; }
.kit-quiz-papier ul.kit-choix li { margin: 0.15em 0; }
.kit-case { display: inline-block; width: 0.85em; height: 0.85em; border: 1px solid #222; margin-right: 0.45em; vertical-align: -0.1em; }
.kit-lettre { font-weight: bold; margin-right: 0.3em; }
.kit-reponses { border-top: 2px solid #1d4e89; margin-top: 2em; }
.kit-reponses li { margin: 0 0 0.6em 0; break-inside: avoid; }
.kit-formateur { border: 2px solid #b35c00; background: #fff6ec; padding: 0.3em 0.9em; margin: 0.8em 0; }
.kit-formateur > .kit-etiquette { color: #b35c00; font-weight: bold; }
.kit-erreur { border: 2px solid #a00; color: #a00; padding: 0.3em 0.8em; }
.kit-ref { color: #444; font-size: 0.9em; }
img { max-width: 100%; }
p:has(+ table), p:has(+ ol), p:has(+ ul) { break-after: avoid; }
@media print {
  .kit-reponses { break-before: page; border-top: none; margin-top: 0; }
  .kit-activite, .kit-formateur, .kit-version-formateur { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


class DemandeInvalide(ValueError):
    """Une demande impossible (séance, module ou dossier de sortie) ; le message est en français."""


# --- Le Markdown, comme dans le kit (HTML brut échappé), avec les tableaux et les images intégrées ----

class _Rendu(HTMLRenderer):
    """Le rendu HTML de mistune, dont les images locales deviennent des data URI (fiche autonome)."""

    def __init__(self, dossier: Path, pieces_jointes: dict, avertissements: list[str]):
        super().__init__(escape=True)
        self.dossier, self.pieces_jointes, self.avertissements = dossier, pieces_jointes, avertissements

    def image(self, text: str, url: str, title: str | None = None) -> str:
        alt = escape(mistune.util.striptags(text))
        donnees, type_mime = None, None
        if url.startswith("attachment:"):  # image collée dans la cellule (Jupyter)
            piece = self.pieces_jointes.get(url.removeprefix("attachment:"), {})
            type_mime = next((t for t in piece if t.startswith("image/")), None)
            donnees = piece.get(type_mime) if type_mime else None
            donnees = "".join(donnees) if isinstance(donnees, list) else donnees
        elif re.match(r"^data:image/[a-z0-9.+-]+;base64,[a-z0-9+/=\s]+$", url, re.I):  # déjà intégrée
            return f'<img src="{escape(url)}" alt="{alt}" />'
        elif re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):  # http:... : la fiche ne charge rien d'Internet
            self.avertissements.append(f"image distante non intégrée : {url}")
            return f'<span class="kit-ref">[Image : {alt or "sans titre"} — {escape(url)}]</span>'
        else:
            fichier = (self.dossier / unquote(url)).resolve()
            type_mime = mimetypes.guess_type(fichier.name)[0]
            dans_le_kit = fichier.is_relative_to(self.dossier.resolve()) or fichier.is_relative_to(RACINE)
            if dans_le_kit and fichier.is_file() and type_mime and type_mime.startswith("image/"):
                donnees = base64.b64encode(fichier.read_bytes()).decode("ascii")
        if not donnees or not type_mime:
            self.avertissements.append(f"image introuvable : {url}")
            return f'<span class="kit-erreur">[Image introuvable : {escape(url)}]</span>'
        titre = f' title="{escape(title)}"' if title else ""
        return f'<img src="data:{type_mime};base64,{donnees}" alt="{alt}"{titre} />'


def markdown_html(texte: str, dossier: Path = RACINE, pieces_jointes: dict | None = None,
                  avertissements: list[str] | None = None) -> str:
    """Le Markdown d'une cellule en HTML : HTML brut échappé, tableaux, images locales intégrées."""
    rendu = _Rendu(dossier, pieces_jointes or {}, avertissements if avertissements is not None else [])
    return mistune.create_markdown(renderer=rendu, plugins=["table"])(texte)


def _titre_texte(ligne: str) -> str:
    """« ## 7. Le simulateur : **à vous** » → « 7. Le simulateur : à vous »."""
    return re.sub(r"[*_`]", "", ligne.lstrip("#").strip().rstrip("#").strip())


# --- Les cellules de code, lues sans être exécutées -------------------------------------------------

@dataclasses.dataclass
class Appel:
    nom: str                 # nom complet : « widgets.ui.quiz.afficher », ou tel qu'écrit s'il est inconnu
    arguments: list          # valeurs des arguments littéraux (None pour un argument calculé)


def _nom(noeud: ast.AST, alias: dict[str, str]) -> str | None:
    if isinstance(noeud, ast.Name):
        return alias.get(noeud.id, noeud.id)
    if isinstance(noeud, ast.Attribute):
        base = _nom(noeud.value, alias)
        return f"{base}.{noeud.attr}" if base else None
    return None


def appels(source: str, alias: dict[str, str]) -> list[Appel]:
    """Les appels faits au premier niveau d'une cellule (``alias`` est complété par ses imports).
    Une cellule illisible compte comme un appel inconnu."""
    try:
        arbre = ast.parse(source)
    except SyntaxError:
        return [Appel("?", [])]
    trouves = []
    for instruction in arbre.body:
        if isinstance(instruction, ast.Import):
            for a in instruction.names:
                alias[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(instruction, ast.ImportFrom) and instruction.module:
            for a in instruction.names:
                alias[a.asname or a.name] = f"{instruction.module}.{a.name}"
        elif isinstance(instruction, ast.Expr) and isinstance(instruction.value, ast.Call):
            appel = instruction.value
            valeurs = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in appel.args]
            trouves.append(Appel(_nom(appel.func, alias) or "?", valeurs))
        elif isinstance(instruction, (ast.Assign, ast.AnnAssign, ast.Pass)):
            continue  # « mode = "apprenant" » et autres réglages : rien à montrer
        else:
            trouves.append(Appel("?", []))
    return trouves


# --- Une fiche ------------------------------------------------------------------------------------

@dataclasses.dataclass
class Fiche:
    chemin: str              # la séance, relative à la racine du kit quand elle s'y trouve
    meta: MetaSeance
    module_titre: str
    html: str
    avertissements: list[str]


def _relatif(chemin: Path) -> str:
    try:
        return chemin.resolve().relative_to(RACINE).as_posix()
    except ValueError:
        return chemin.as_posix()


@lru_cache(maxsize=1)
def _titres_modules() -> dict[str, str]:
    return {m.dossier: m.meta.titre for m in catalogue.modules()}


def _licence() -> str:
    """« licence MIT, © 2026 Les contributeurs... », lu dans LICENSE."""
    try:
        lignes = [x.strip() for x in (RACINE / "LICENSE").read_text(encoding="utf-8").splitlines() if x.strip()]
    except OSError:
        return "voir le fichier LICENSE du kit"
    nom = lignes[0].removesuffix(" License").removesuffix(" license") if lignes else ""
    droits = next((x for x in lignes if x.lower().startswith("copyright")), "")
    droits = re.sub(r"^copyright\s*(\(c\)|©)?\s*", "© ", droits, flags=re.I) if droits else ""
    return f"licence {nom} (fichier LICENSE du kit)" + (f", {droits}" if droits else "")


def _entete(meta: MetaSeance, module_titre: str, formateur: bool) -> str:
    objectifs = "".join(f"<li>{escape(o)}</li>" for o in meta.objectifs)
    lignes = [("Module", module_titre), ("Public", ", ".join(meta.public)), ("Durée", catalogue.duree_lisible(meta.duree_minutes))]
    if meta.niveau:
        lignes.append(("Niveau", meta.niveau))
    meta_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in lignes)
    bandeau = ('<p class="kit-version-formateur">Version formateur : cette fiche contient les notes du formateur et les '
               "corrigés. Ne la distribuez pas aux apprenants.</p>") if formateur else ""
    return (f'<header class="kit-fiche-entete"><p class="kit-surtitre">Fiche de séance · {escape(module_titre)}</p>'
            f"<h1>Séance {meta.numero} — {escape(meta.titre)}</h1>"
            f'<dl class="kit-fiche-meta">{meta_html}</dl>'
            f'<section class="kit-objectifs"><h2>Objectifs</h2><ul>{objectifs}</ul></section>{bandeau}</header>')


def _pied(chemin: str, jour: dt.date) -> str:
    from widgets.rules.decision import date_fr

    return (f'<footer class="kit-pied"><p>Fiche produite le {escape(date_fr(jour))} par le kit de formation du secteur '
            f"de l'intégration en Wallonie, à partir de la séance <code>{escape(chemin)}</code>.</p>"
            '<p>Les personnes citées dans les exemples sont fictives <span class="kit-fictif">données fictives</span>.</p>'
            "<p>Les faits datés (montants, délais, seuils, adresses, dates d'entrée en vigueur) ont été vérifiés à la date "
            "indiquée dans la séance : vérifiez qu'ils sont toujours d'actualité avant de distribuer cette fiche.</p>"
            f"<p>Kit publié sous {escape(_licence())}.</p></footer>")


def _erreur(message: str) -> str:
    return f'<div class="kit-erreur" role="alert">Contenu indisponible — {escape(message)}</div>'


def _texte_cle(dossier: Path, fichier: str, ident: str, avertissements: list[str]) -> str:
    from widgets.ui import langage

    try:
        textes = langage.charger(dossier / fichier)
        texte = textes.texte(ident)
        if texte is None:
            raise langage.TextesInvalides(f"{fichier} : aucun texte clé « {ident} » (textes connus : "
                                          f"{', '.join(t.id for t in textes.textes)}).")
    except langage.TextesInvalides as exc:
        avertissements.append(str(exc))
        return _erreur(str(exc))
    return (f'<div class="kit-encadre kit-texte-cle" data-texte="{escape(ident)}"><p class="kit-etiquette">Texte clé</p>'
            f"<h4>{escape(texte.titre)}</h4>{langage.en_html(texte.courant)}</div>")


def _quiz(dossier: Path, fichier: str, reponses: list[str], avertissements: list[str]) -> str:
    from widgets.ui import quiz

    try:
        banque = quiz.charger_questions(dossier / fichier)
    except quiz.FichierInvalide as exc:
        avertissements.append(str(exc))
        return _erreur(str(exc))
    questions, solutions = [], []
    for q in banque.questions:
        choix = "".join(f'<li><span class="kit-case" aria-hidden="true"></span><span class="kit-lettre">{LETTRES[i]}.</span>'
                        f"{escape(c)}</li>" for i, c in enumerate(q.choix))
        questions.append(f'<li class="kit-question" data-question="{escape(q.id)}"><p>{escape(q.question)}</p>'
                         f'<ul class="kit-choix">{choix}</ul></li>')
        solutions.append(f'<li data-question="{escape(q.id)}"><strong>{LETTRES[q.reponse]}. {escape(q.choix[q.reponse])}</strong>'
                         f' — {escape(q.explication)} <span class="kit-ref">Source : {escape(q.source)}</span></li>')
    reponses.append(f'<section class="kit-reponses-quiz"><h3>{escape(banque.titre)}</h3><ol>{"".join(solutions)}</ol></section>')
    return (f'<section class="kit-quiz-papier"><h3>{escape(banque.titre)}</h3>'
            '<p class="kit-ref">Cochez une réponse par question. Les réponses, expliquées et sourcées, sont en fin de fiche '
            "(« Réponses du quiz »). Les personnes citées sont fictives.</p>"
            f'<ol class="kit-questions">{"".join(questions)}</ol></section>')


def _glossaire(dossier: Path, fichier: str | None, chemin: str) -> str:
    from widgets.ui import glossaire

    quoi = "le glossaire du module"
    if fichier:
        try:
            g = glossaire.charger(dossier / fichier)
            quoi = f"le glossaire du module (« {g.titre} », {len(g.termes)} termes)"
        except glossaire.GlossaireInvalide:
            pass
    return (f'<p class="kit-glossaire-renvoi">Un mot vous échappe ? Consultez {escape(quoi)} dans le kit : il est en tête '
            f"de la séance <code>{escape(chemin)}</code>"
            + (f" (fichier <code>{escape(_relatif(dossier / fichier))}</code>)" if fichier else "") + ".</p>")


def _activite(section: str | None, chemin: str) -> str:
    nom = f"« {escape(section)} »" if section else "de cette partie"
    return (f'<div class="kit-activite"><p class="kit-etiquette">Activité interactive dans le kit</p>'
            f"<p><strong>Activité {nom}</strong> : elle se fait à l'écran. Ouvrez la séance "
            f"<code>{escape(chemin)}</code> dans le kit pour la mener avec le groupe.</p></div>")


def _sans_doublons(source: str, meta: MetaSeance) -> str:
    """La première cellule sans ce que l'en-tête de la fiche dit déjà : le titre (« # Séance 1 — ... »)
    et le paragraphe « **Objectifs.** » suivi de sa liste, si elle compte autant d'objectifs que les
    métadonnées (sinon elle reste : l'en-tête ne dirait pas tout)."""
    source = re.sub(r"\A\s*#[ \t]+[^\n]*\n?", "", source)
    blocs = re.split(r"\n[ \t]*\n", source)
    for i, bloc in enumerate(blocs[:-1]):
        if bloc.lstrip().startswith("**Objectifs"):
            items = re.findall(r"^\s{0,3}(?:\d+[.)]|[-*+])\s", blocs[i + 1], re.M)
            if len(items) == len(meta.objectifs):
                return "\n\n".join(blocs[:i] + blocs[i + 2:])
    return source


def fiche_html(seance: Path | str, formateur: bool = False, jour: dt.date | None = None) -> Fiche:
    """La fiche d'une séance, en une page HTML autonome. Lève ``ValueError`` (message en français) si
    le carnet est illisible ou n'est pas une séance ; un texte clé, un quiz ou une image qui manque
    donne un message dans la fiche et un avertissement."""
    seance = Path(seance)
    meta = catalogue.lire_seance(seance)
    carnet = json.loads(seance.read_text(encoding="utf-8"))
    chemin, dossier = _relatif(seance), seance.resolve().parent
    module_titre = _titres_modules().get(meta.module, meta.module)
    avertissements: list[str] = []
    corps: list[str] = []
    reponses: list[str] = []
    alias: dict[str, str] = {}
    section: str | None = None
    titre_retire = False

    for cellule in carnet.get("cells", []):
        etiquettes = set(cellule.get("metadata", {}).get("tags", []))
        source = cellule.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        reservee = next((e for e in RESERVEES if e in etiquettes), None)
        if etiquettes & TOUJOURS_RETIREES or (reservee and not formateur):
            if cellule.get("cell_type") == "code":
                appels(source, alias)  # ses imports servent aux cellules suivantes
            continue
        if cellule.get("cell_type") == "markdown":
            if not titre_retire:  # le titre et les objectifs du carnet sont dans l'en-tête de la fiche
                titre_retire = True
                source = _sans_doublons(source, meta)
            for ligne in source.splitlines():
                if re.match(r"^#{1,6}\s", ligne):
                    section = _titre_texte(ligne)
            html = markdown_html(source, dossier, cellule.get("attachments"), avertissements)
            if reservee:
                html = (f'<aside class="kit-formateur" data-etiquette="{reservee}"><p class="kit-etiquette">'
                        f"{RESERVEES[reservee]} — réservé au formateur</p>{html}</aside>")
            corps.append(html)
        elif cellule.get("cell_type") == "code":
            for appel in appels(source, alias):
                args = appel.arguments
                if appel.nom in RIEN:
                    continue
                if appel.nom == ENCADRE and len(args) >= 2 and args[0] and args[1]:
                    corps.append(_texte_cle(dossier, args[0], args[1], avertissements))
                elif appel.nom == QUIZ and args and args[0]:
                    corps.append(_quiz(dossier, args[0], reponses, avertissements))
                elif appel.nom == GLOSSAIRE:
                    corps.append(_glossaire(dossier, args[0] if args else None, chemin))
                else:
                    corps.append(_activite(section, chemin))

    if reponses:
        corps.append('<section class="kit-reponses"><h2>Réponses du quiz</h2>'
                     '<p class="kit-ref">La bonne réponse, pourquoi, et la source de chaque question.</p>'
                     f'{"".join(reponses)}</section>')
    titre = f"Séance {meta.numero} — {meta.titre}" + (" (version formateur)" if formateur else "")
    page = imprimer.page(titre, f'<article class="kit-fiche">{_entete(meta, module_titre, formateur)}{"".join(corps)}</article>'
                         f"{_pied(chemin, jour or dt.date.today())}", CSS_FICHE)
    return Fiche(chemin, meta, module_titre, page, [f"{chemin} : {a}" for a in avertissements])


# --- Ce qu'on demande -------------------------------------------------------------------------------

def choisir(seances: list[str] | None = None, modules: list[str] | None = None) -> list[Path]:
    """Les carnets demandés, dans l'ordre du catalogue puis de la demande, sans doublon : toutes les
    séances si rien n'est demandé. Lève ``DemandeInvalide`` pour une séance ou un module inconnus."""
    liste = catalogue.modules()
    connues = [s.chemin for m in liste for s in m.seances]
    if not seances and not modules:
        return [RACINE / c for c in connues]
    choisies: dict[Path, None] = {}
    for demande in modules or []:
        nom = Path(demande).name
        module = next((m for m in liste if m.dossier == nom), None)
        if module is None:
            raise DemandeInvalide(f"Module inconnu : « {demande} ». Modules du kit : {', '.join(m.dossier for m in liste)}.")
        for s in module.seances:
            choisies[RACINE / s.chemin] = None
    for demande in seances or []:
        candidats = [Path(demande), RACINE / demande]
        trouve = next((c for c in candidats if c.is_file()), None)
        if trouve is None and any(c.is_dir() for c in candidats):
            raise DemandeInvalide(f"« {demande} » est un dossier, pas une séance : pour toutes les séances d'un module, "
                                  "utilisez --module (make fiches MODULE=...).")
        if trouve is None:
            proches = difflib.get_close_matches(Path(demande).as_posix(), connues, n=3, cutoff=0.8)
            conseil = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else " Les séances sont dans modules/<module>/NN-nom.ipynb."
            raise DemandeInvalide(f"Séance introuvable : « {demande} ».{conseil}")
        if trouve.suffix != ".ipynb" or not catalogue.a_des_metadonnees_kit(trouve):
            raise DemandeInvalide(f"« {demande} » n'est pas une séance du kit (il faut un carnet .ipynb avec des "
                                  "métadonnées « kit » et un numéro de séance).")
        try:
            catalogue.lire_seance(trouve)
        except ValueError as exc:
            raise DemandeInvalide(f"« {demande} » n'est pas une séance valide : {exc}") from None
        choisies[trouve.resolve()] = None
    return list(choisies)


def verifier_sortie(sortie: Path | str) -> Path:
    """Le dossier de sortie, absolu ; lève ``DemandeInvalide`` s'il est sous ``datasets/`` ou ``modules/``."""
    sortie = Path(sortie).resolve()
    for interdit in INTERDITS:
        dossier = (RACINE / interdit).resolve()
        if sortie == dossier or dossier in sortie.parents:
            raise DemandeInvalide(f"Le dossier de sortie ne peut pas être dans {interdit}/ : le kit n'écrit jamais dans ses "
                                  f"{'données' if interdit == 'datasets' else 'séances'}. Choisissez par exemple build/fiches.")
    return sortie


def nom_fichier(module: str, seance: Path | str, formateur: bool = False) -> str:
    """« droit-etrangers/01-parcours-integration.html » (« ...-formateur.html » pour la version formateur)."""
    return f"{module}/{Path(seance).stem}{'-formateur' if formateur else ''}.html"


# --- Produire ---------------------------------------------------------------------------------------

@dataclasses.dataclass
class Bilan:
    sortie: Path
    html: list[Path] = dataclasses.field(default_factory=list)
    pdf: list[Path] = dataclasses.field(default_factory=list)
    pdf_impossible: list[str] = dataclasses.field(default_factory=list)   # messages distincts
    echecs: list[str] = dataclasses.field(default_factory=list)           # fiches non produites
    avertissements: list[str] = dataclasses.field(default_factory=list)
    duree_s: float = 0.0


def produire(seances: list[Path], sortie: Path | str = SORTIE, formateur: bool = False, pdf: bool = True,
             processus: int = PROCESSUS_PDF, jour: dt.date | None = None, dire=print) -> Bilan:
    """Les fiches HTML (et PDF) des ``seances`` dans ``sortie``, puis le sommaire ``index.html``."""
    debut = time.perf_counter()
    sortie = verifier_sortie(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    bilan = Bilan(sortie)
    imprimer_pdf = pdf
    if pdf and imprimer.navigateur() is None:
        bilan.pdf_impossible.append(imprimer.SANS_NAVIGATEUR)
        dire(imprimer.SANS_NAVIGATEUR)
        imprimer_pdf = False
    with ThreadPoolExecutor(max_workers=max(1, min(processus, PROCESSUS_PDF))) as groupe:
        taches = {}
        for seance in seances:
            try:
                fiche = fiche_html(seance, formateur, jour)
            except (OSError, ValueError) as exc:
                bilan.echecs.append(f"{_relatif(seance)} : {exc}")
                continue
            cible = sortie / nom_fichier(fiche.meta.module, seance, formateur)
            cible.parent.mkdir(parents=True, exist_ok=True)
            provisoire = cible.with_suffix(".tmp")
            provisoire.write_text(fiche.html, encoding="utf-8")
            os.replace(provisoire, cible)
            bilan.html.append(cible)
            bilan.avertissements.extend(fiche.avertissements)
            if imprimer_pdf:
                taches[groupe.submit(imprimer.pdf_depuis_html, cible, cible.with_suffix(".pdf"))] = cible
            else:
                cible.with_suffix(".pdf").unlink(missing_ok=True)  # pas de PDF d'une version précédente
        for tache in as_completed(taches):
            try:
                bilan.pdf.append(tache.result())
                dire(f"  PDF {len(bilan.pdf)}/{len(taches)} : {bilan.pdf[-1].relative_to(sortie).as_posix()}")
            except imprimer.PdfImpossible as exc:
                if str(exc) not in bilan.pdf_impossible:
                    bilan.pdf_impossible.append(str(exc))
                    dire(str(exc))
    bilan.pdf.sort()
    ecrire_index(sortie, jour)
    bilan.duree_s = time.perf_counter() - debut
    return bilan


def ecrire_index(sortie: Path | str, jour: dt.date | None = None) -> Path:
    """``index.html`` : les fiches présentes dans ``sortie``, par module, avec leurs liens HTML et PDF."""
    from widgets.rules.decision import date_fr

    sortie = Path(sortie)
    blocs = []
    for module in catalogue.modules():
        lignes = []
        for s in module.seances:
            liens = []
            for formateur, libelle in ((False, "version apprenants"), (True, "version formateur")):
                html = sortie / nom_fichier(s.meta.module, s.chemin, formateur)
                if html.is_file():
                    rel = html.relative_to(sortie).as_posix()
                    pdf = f' · <a href="{escape(rel[:-5])}.pdf">PDF</a>' if html.with_suffix(".pdf").is_file() else ""
                    liens.append(f'{libelle} : <a href="{escape(rel)}">HTML</a>{pdf}')
            if liens:
                lignes.append(f'<li data-seance="{escape(s.chemin)}"><strong>Séance {s.meta.numero} — {escape(s.meta.titre)}</strong>'
                              f' <span class="kit-ref">({catalogue.duree_lisible(s.meta.duree_minutes)})</span><br>{" ; ".join(liens)}</li>')
        if lignes:
            blocs.append(f'<section data-module="{escape(module.dossier)}"><h2>{escape(module.meta.titre)}</h2><ul>{"".join(lignes)}</ul></section>')
    contenu = "".join(blocs) or "<p>Aucune fiche n'a encore été produite.</p>"
    corps = ("<h1>Fiches à distribuer</h1>"
             "<p>Pour chaque séance du kit : la leçon sans le code, les textes clés, le quiz (réponses en fin de fiche), "
             "« À retenir » et les sources. Les activités interactives se mènent à l'écran, dans le kit.</p>"
             f'<p class="kit-ref">Sommaire établi le {escape(date_fr(jour or dt.date.today()))}. Les personnes des exemples '
             "sont fictives ; vérifiez les faits datés avant de distribuer une fiche.</p>" + contenu)
    chemin = sortie / INDEX
    chemin.write_text(imprimer.page("Fiches à distribuer — sommaire", corps, ".kit-ref { color: #444; font-size: 0.9em; } li { margin: 0.3em 0; }"),
                      encoding="utf-8")
    return chemin


# --- Ligne de commande ------------------------------------------------------------------------------

class _Analyseur(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {message}\n")


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def main(argv: list[str] | None = None) -> int:
    parser = _Analyseur(prog="python -m widgets.fiches",
                        description="Produit la fiche imprimable (HTML et PDF, sans code) de chaque séance demandée, et un sommaire.")
    parser.add_argument("--seance", action="extend", nargs="+", metavar="CHEMIN", default=[],
                        help="une ou plusieurs séances (modules/<module>/NN-nom.ipynb) ; par défaut : toutes")
    parser.add_argument("--module", action="extend", nargs="+", metavar="DOSSIER", default=[],
                        help="toutes les séances de ce module (droit-etrangers, citoyennete, gestion-asbl, communication-interculturelle)")
    parser.add_argument("--sortie", type=Path, default=SORTIE, help=f"dossier des fiches (défaut : {SORTIE.relative_to(RACINE)})")
    parser.add_argument("--sans-pdf", action="store_true", help="seulement les pages HTML, en quelques secondes (le PDF d'une production précédente est retiré : il ne correspondrait plus)")
    parser.add_argument("--formateur", action="store_true", help="version formateur : garde les notes du formateur et les corrigés")
    args = parser.parse_args(argv)

    try:
        sortie = verifier_sortie(args.sortie)
        seances = choisir(args.seance, args.module)
    except DemandeInvalide as exc:
        print(exc, file=sys.stderr)
        return 2
    except ValueError as exc:  # un module.yaml ou un carnet du catalogue illisible
        print(f"Le catalogue du kit ne peut pas être lu : {exc}", file=sys.stderr)
        return 1
    version = "version formateur" if args.formateur else "version apprenants"
    avec_pdf = not args.sans_pdf and imprimer.navigateur() is not None
    print(f"{_pluriel(len(seances), 'fiche')} à produire ({version}) dans {sortie}"
          + (f", PDF par {imprimer.navigateur()}, {PROCESSUS_PDF} à la fois (quelques secondes par fiche)." if avec_pdf else "."))
    bilan = produire(seances, sortie, args.formateur, pdf=not args.sans_pdf)

    print(f"\nBilan : {_pluriel(len(bilan.html), 'fiche')} HTML et {len(bilan.pdf)} PDF produit{'s' if len(bilan.html) + len(bilan.pdf) > 1 else ''} en {bilan.duree_s:.0f} s, "
          f"dans {sortie}. Sommaire : {sortie / INDEX}")
    if args.sans_pdf:
        print("PDF non demandés (--sans-pdf).")
    elif bilan.pdf_impossible:
        manquants = len(bilan.html) - len(bilan.pdf)
        print(f"{manquants} PDF n'{'a' if manquants == 1 else 'ont'} pas pu être produit{'s' if manquants > 1 else ''} : les pages HTML sont prêtes, ouvrez-les et "
              "choisissez « Imprimer », puis « Enregistrer au format PDF ».")
    if bilan.avertissements:
        print("\nContenus manquants dans les fiches (chacun est signalé à sa place dans la fiche) :")
        for a in bilan.avertissements:
            print(f"  - {a}")
    if bilan.echecs:
        print(f"\n{_pluriel(len(bilan.echecs), 'fiche')} n'{'a' if len(bilan.echecs) == 1 else 'ont'} pas pu être produite{'s' if len(bilan.echecs) > 1 else ''} :")
        for e in bilan.echecs:
            print(f"  - {e}")
    pdf_rate = avec_pdf and bilan.pdf_impossible
    return 1 if bilan.echecs or bilan.avertissements or pdf_rate else 0


if __name__ == "__main__":
    sys.exit(main())
