"""La recherche de la page d'accueil : une séance, un terme du glossaire ou une question de quiz, par mot.

L'index est construit à partir des fichiers eux-mêmes, jamais d'une liste tenue à la main :

- les séances : ``widgets.catalogue.modules()`` (titre, objectifs, public, titre du module) ;
- les termes de chaque ``modules/*/glossaire.yaml``, lus par ``widgets.ui.glossaire.charger`` ;
- les questions des fichiers de quiz, lus par ``widgets.ui.quiz.charger_questions``. Le fichier d'une
  question et la séance qui l'affiche sont trouvés dans les cellules de code des carnets de séance
  (lues avec ``ast``) : un appel ``quiz.afficher("questions/….yaml")`` dans une cellule visible rattache
  le fichier à la séance ; ``glossaire.afficher(...)`` fait de même pour un glossaire. Un fichier de
  questions qu'aucune cellule visible n'affiche (matériel du formateur, brouillon) n'est pas indexé.

La recherche ignore la casse et les accents (« securite » trouve « sécurité »), exige chaque mot de la
requête (ET) et accepte le début d'un mot (« regroup » trouve « regroupement ») ; un résultat dont le
titre contient tous les mots passe avant celui qui ne les a que dans son texte. Un fichier invalide
n'empêche pas la recherche : le reste est indexé et le problème est signalé (fichier et ligne).

    from widgets import recherche
    recherche.afficher()                       # la boîte de recherche de la page d'accueil
    recherche.chercher("regroupement")         # les résultats, sans widget (tests, console)
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

import ipywidgets as w

from widgets import catalogue
from widgets.ui import glossaire as ui_glossaire
from widgets.ui import quiz as ui_quiz
from widgets.ui.langage import en_html

RACINE = catalogue.RACINE
MAX_PAR_GROUPE = 8
LONGUEUR_DEFINITION = 220  # caractères : la « définition courte » d'un terme dans les résultats
ETIQUETTE = "Chercher une séance, un mot du glossaire, une question de quiz"
GROUPES = (("seances", "Séances"), ("glossaire", "Glossaire"), ("questions", "Questions de quiz"))

# Les appels qui, dans une cellule de séance, affichent un fichier : nom complet de la fonction -> genre.
APPELS = {
    f"{ui_quiz.__name__}.afficher": "questions",
    f"{ui_quiz.__name__}.cas_pratiques": "cas",
    f"{ui_glossaire.__name__}.afficher": "glossaire",
}
# Le fichier que ``glossaire.afficher()`` lit quand on ne lui en donne pas (« glossaire.yaml »).
GLOSSAIRE_PAR_DEFAUT = inspect.signature(ui_glossaire.afficher).parameters["chemin"].default
# Les cellules que Voilà ne montre pas (voila.json, « TagRemovePreprocessor ») : ce qu'elles affichent
# n'est pas indexé. Les deux étiquettes de la convention du kit valent même sans voila.json.
ETIQUETTES_CACHEES = frozenset({"notes-formateur", "solution"})


# --- Les mots ------------------------------------------------------------------------------------

# Les blocs Unicode des signes diacritiques combinants (accents, cédille, tréma… une fois décomposés).
_DIACRITIQUES = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MOT = re.compile(r"[^\W_]+")


def mots(texte: str) -> list[str]:
    """Les mots de ``texte``, en minuscules et sans accents : « L'Œuvre sécurité » -> l, oeuvre, securite."""
    decompose = unicodedata.normalize("NFKD", texte.casefold().replace("œ", "oe").replace("æ", "ae"))
    return _MOT.findall(_DIACRITIQUES.sub("", decompose))


def _texte_cherchable(*textes: str) -> str:
    """Les mots séparés par des espaces, précédés d'une espace : « ␣mot » dans ce texte vaut
    « un des mots commence par mot » (une recherche rapide, en C)."""
    return " " + " ".join(m for t in textes for m in mots(t))


# --- L'index -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LienSeance:
    """Une séance vers laquelle un résultat mène : ``chemin`` relatif à la racine du kit (comme dans
    le catalogue), ``libelle`` « Séance 3 — Le regroupement familial »."""

    chemin: str
    libelle: str
    cherchable: str = field(default="", repr=False)  # titre et objectifs : pour choisir la plus proche


@dataclass(frozen=True)
class Entree:
    """Un résultat possible. ``seances`` : les séances qui l'affichent, dans l'ordre du catalogue
    (vide si aucune ne l'affiche) ; une séance mène à elle-même."""

    genre: str  # "seances", "glossaire" ou "questions"
    titre: str
    texte: str  # ce qu'on montre sous le titre (jamais la réponse d'une question)
    seances: tuple[LienSeance, ...]
    module: str
    duree: str = ""
    details: tuple[str, ...] = ()  # séance : ses objectifs, pour montrer celui qui correspond
    cherchable_nom: str = field(default="", repr=False)  # le titre seul (sans les variantes d'un terme)
    cherchable_titre: str = field(default="", repr=False)  # le titre et ses variantes
    cherchable_corps: str = field(default="", repr=False)


@dataclass(frozen=True)
class Resultats:
    requete: str
    mots: tuple[str, ...]
    seances: tuple[Entree, ...] = ()
    glossaire: tuple[Entree, ...] = ()
    questions: tuple[Entree, ...] = ()

    @property
    def total(self) -> int:
        return len(self.seances) + len(self.glossaire) + len(self.questions)

    def groupe(self, nom: str) -> tuple[Entree, ...]:
        return getattr(self, nom)


@dataclass(frozen=True)
class Index:
    seances: tuple[Entree, ...]
    glossaire: tuple[Entree, ...]
    questions: tuple[Entree, ...]
    problemes: tuple[str, ...] = ()
    non_affiches: tuple[str, ...] = ()  # fichiers de questions qu'aucune séance n'affiche (non indexés)

    def chercher(self, requete: str) -> Resultats:
        """Les entrées qui contiennent chaque mot de la requête (ou un mot qui commence par lui) :
        d'abord celles dont le titre les contient tous, puis celles où une variante du titre (terme du
        glossaire) les complète, enfin celles qui ne les ont que dans leur texte ; l'ordre du kit dans
        chaque rang. Rien pour une requête vide."""
        cles = tuple(dict.fromkeys(mots(requete)))
        if not cles:
            return Resultats(requete, cles)
        aiguilles = [" " + m for m in cles]

        def trouver(entrees: tuple[Entree, ...]) -> tuple[Entree, ...]:
            rangs: tuple[list[Entree], list[Entree], list[Entree]] = ([], [], [])
            for e in entrees:
                if all(a in e.cherchable_nom for a in aiguilles):
                    rangs[0].append(e)
                elif all(a in e.cherchable_titre for a in aiguilles):
                    rangs[1].append(e)
                elif all(a in e.cherchable_titre or a in e.cherchable_corps for a in aiguilles):
                    rangs[2].append(e)
            return tuple(rangs[0] + rangs[1] + rangs[2])

        return Resultats(requete, cles, trouver(self.seances), trouver(self.glossaire), trouver(self.questions))


def _relatif(message: str, racine: Path) -> str:
    """Le message d'erreur avec des chemins relatifs à la racine du kit (plus lisibles)."""
    return message.replace(f"{racine}/", "").replace(f"{racine}\\", "")


def _etiquettes_cachees(racine: Path) -> frozenset[str]:
    try:
        config = json.loads((racine / "voila.json").read_text(encoding="utf-8"))
        etiquettes = config.get("TagRemovePreprocessor", {}).get("remove_cell_tags", [])
    except (OSError, ValueError, AttributeError):
        etiquettes = []
    return ETIQUETTES_CACHEES | {e for e in etiquettes if isinstance(e, str)}


def _nom_pointe(noeud: ast.expr) -> str | None:
    """« quiz.afficher » pour ``quiz.afficher`` ; ``None`` pour un appel qui n'est pas un nom."""
    morceaux = []
    while isinstance(noeud, ast.Attribute):
        morceaux.append(noeud.attr)
        noeud = noeud.value
    if not isinstance(noeud, ast.Name):
        return None
    morceaux.append(noeud.id)
    return ".".join(reversed(morceaux))


def _arbre(source: str) -> ast.Module | None:
    """L'arbre d'une cellule ; les commandes magiques (« %time ») sont d'abord traduites en Python."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        source = TransformerManager().transform_cell(source)
    except Exception:  # IPython absent ou cellule qu'il ne sait pas traduire : le texte tel quel
        pass
    try:
        return ast.parse(source)
    except SyntaxError:
        return None  # une cellule fautive n'empêche pas de lire les autres (nbval la signale)


def fichiers_affiches(carnet: Path, cachees: frozenset[str] = ETIQUETTES_CACHEES) -> list[tuple[str, Path]]:
    """Les fichiers qu'affichent les cellules de code visibles du carnet : (genre, chemin absolu),
    genre « questions », « cas » ou « glossaire ». Les chemins écrits dans les appels sont relatifs
    au dossier du carnet (Voilà exécute le carnet dans son dossier). Lève ``ValueError`` si le
    carnet est illisible."""
    try:
        cellules = json.loads(carnet.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError) as exc:
        raise ValueError(f"{carnet} : carnet illisible ({exc}).") from None
    arbres = []
    for cellule in cellules:
        if not isinstance(cellule, dict) or cellule.get("cell_type") != "code":
            continue
        if cachees & set(cellule.get("metadata", {}).get("tags", []) or []):
            continue
        source = cellule.get("source", "")
        arbre = _arbre("".join(source) if isinstance(source, list) else str(source))
        if arbre is not None:
            arbres.append(arbre)
    # Les noms importés : « from widgets.ui import quiz » -> quiz = widgets.ui.quiz.
    noms: dict[str, str] = {}
    for arbre in arbres:
        for n in ast.walk(arbre):
            if isinstance(n, ast.Import):
                for a in n.names:
                    noms[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(n, ast.ImportFrom) and n.module and not n.level:
                for a in n.names:
                    noms[a.asname or a.name] = f"{n.module}.{a.name}"
    trouves: list[tuple[str, Path]] = []
    for arbre in arbres:
        for n in ast.walk(arbre):
            if not isinstance(n, ast.Call):
                continue
            nom = _nom_pointe(n.func)
            if nom is None:
                continue
            tete, _, reste = nom.partition(".")
            genre = APPELS.get(".".join(x for x in (noms.get(tete, tete), reste) if x))
            if genre is None:
                continue
            argument = n.args[0] if n.args else next((k.value for k in n.keywords if k.arg == "chemin"), None)
            if argument is None and genre == "glossaire":
                chemin = GLOSSAIRE_PAR_DEFAUT
            elif isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                chemin = argument.value
            else:
                continue  # un chemin calculé : on ne peut pas savoir quel fichier il désigne
            trouves.append((genre, (carnet.parent / chemin).resolve()))
    return trouves


def _plein_texte(markdown: str) -> str:
    """Le texte d'un Markdown court, sans balises (« **Carte F** » -> « Carte F »)."""
    html = re.sub(r"</?(?:p|br|li|ul|ol|h\d|blockquote|div|pre|table|tr|td|th)\b[^>]*>", " ", en_html(markdown))
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())  # « **gras**. » -> « gras. »


def definition_courte(markdown: str, longueur: int = LONGUEUR_DEFINITION) -> str:
    """Les premières phrases d'une définition, sans dépasser ``longueur`` caractères (sinon coupée à
    la fin d'un mot, avec « … »)."""
    texte = _plein_texte(markdown)
    if len(texte) <= longueur:
        return texte
    phrases = re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«])", texte)
    court = ""
    for phrase in phrases:
        if len(court) + len(phrase) + 1 > longueur:
            break
        court = f"{court} {phrase}".strip()
    if court:
        return court
    coupe = texte[:longueur].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{coupe}…"


def _libelle(seance: catalogue.Seance) -> str:
    return f"Séance {seance.meta.numero} — {seance.meta.titre}"


def _empreinte(racine: Path) -> tuple:
    """Ce qui change quand un fichier indexé change : noms, dates et tailles des fichiers."""
    motifs = ("modules/*/*.ipynb", "modules/*/*.yaml", "modules/*/questions/*.yaml", "voila.json")
    fichiers = sorted({f for m in motifs for f in racine.glob(m)})
    etats = []
    for f in fichiers:
        try:
            s = f.stat()
        except OSError:
            continue
        etats.append((str(f), s.st_mtime_ns, s.st_size))
    return tuple(etats)


def construire_index(racine: Path = RACINE) -> Index:
    """L'index du kit situé à ``racine`` (sans cache : voir ``index``)."""
    racine = Path(racine).resolve()
    problemes: list[str] = []
    try:
        liste = catalogue.modules(racine)
    except (OSError, ValueError) as exc:
        liste = []
        problemes.append(f"Les séances ne peuvent pas être lues : {_relatif(str(exc), racine)}")
    cachees = _etiquettes_cachees(racine)

    seances: list[Entree] = []
    titres_modules: dict[str, str] = {}
    liens: dict[str, LienSeance] = {}
    affiche_par: dict[tuple[str, Path], list[catalogue.Seance]] = {}
    for module in liste:
        titres_modules[module.dossier] = module.meta.titre
        for s in module.seances:
            m = s.meta
            public = ", ".join(m.public)
            titre, objectifs = _texte_cherchable(m.titre), _texte_cherchable(*m.objectifs)
            liens[s.chemin] = LienSeance(s.chemin, _libelle(s), titre + objectifs)
            seances.append(Entree(
                genre="seances", titre=_libelle(s), texte=public, seances=(liens[s.chemin],),
                module=module.meta.titre, duree=catalogue.duree_lisible(m.duree_minutes), details=tuple(m.objectifs),
                cherchable_nom=titre, cherchable_titre=titre,
                cherchable_corps=objectifs + _texte_cherchable(public, module.meta.titre, m.niveau or ""),
            ))
            try:
                for genre, chemin in fichiers_affiches(racine / s.chemin, cachees):
                    liste_seances = affiche_par.setdefault((genre, chemin), [])
                    if s not in liste_seances:
                        liste_seances.append(s)
            except ValueError as exc:
                problemes.append(_relatif(str(exc), racine))

    def titre_module(chemin: Path) -> str:
        for parent in chemin.parents:
            if parent.parent == racine / "modules":
                return titres_modules.get(parent.name, parent.name)
        return ""

    # Un fichier qu'une séance affiche mais qui n'existe pas : signalé.
    for (genre, chemin), qui in affiche_par.items():
        if not chemin.is_file():
            quoi = "le glossaire" if genre == "glossaire" else "le fichier"
            problemes.append(f"{qui[0].chemin} affiche {quoi} {_relatif(str(chemin), racine)}, qui est introuvable.")

    # Le glossaire de chaque module, et ceux qu'une séance affiche ailleurs.
    termes: list[Entree] = []
    fichiers_glossaire = sorted({*(f.resolve() for f in (racine / "modules").glob(f"*/{GLOSSAIRE_PAR_DEFAUT}")),
                                 *(c for g, c in affiche_par if g == "glossaire" and c.is_file())})
    for chemin in fichiers_glossaire:
        try:
            gloss = ui_glossaire.charger(chemin)
        except ValueError as exc:
            problemes.append(_relatif(str(exc), racine))
            continue
        qui = tuple(liens[s.chemin] for s in affiche_par.get(("glossaire", chemin), []))
        for t in gloss.termes:
            termes.append(Entree(
                genre="glossaire", titre=t.terme, texte=definition_courte(t.definition), seances=qui, module=gloss.titre,
                cherchable_nom=_texte_cherchable(t.terme), cherchable_titre=_texte_cherchable(t.terme, *t.variantes),
                cherchable_corps=_texte_cherchable(_plein_texte(t.definition)),
            ))

    # Les questions des fichiers de quiz qu'une séance affiche, dans l'ordre du catalogue.
    questions: list[Entree] = []
    for (genre, chemin), qui in affiche_par.items():  # dans l'ordre des séances qui les affichent
        if genre != "questions" or not chemin.is_file():
            continue
        try:
            banque = ui_quiz.charger_questions(chemin)
        except ValueError as exc:
            problemes.append(_relatif(str(exc), racine))
            continue
        module = titre_module(chemin)
        for q in banque.questions:
            questions.append(Entree(
                genre="questions", titre=q.question, texte="", seances=tuple(liens[s.chemin] for s in qui), module=module,
                cherchable_nom=_texte_cherchable(q.question), cherchable_titre=_texte_cherchable(q.question),
            ))
    affiches = {c for g, c in affiche_par if g in ("questions", "cas")}
    non_affiches = tuple(sorted(_relatif(str(f), racine) for f in (racine / "modules").glob("*/questions/*.yaml")
                                if f.resolve() not in affiches)) if (racine / "modules").is_dir() else ()
    return Index(tuple(seances), tuple(termes), tuple(questions), tuple(problemes), non_affiches)


@lru_cache(maxsize=4)
def _index_en_cache(racine: Path, _empreinte: tuple) -> Index:
    return construire_index(racine)


def index(racine: Path = RACINE) -> Index:
    """L'index du kit, construit une fois puis gardé tant qu'aucun fichier indexé ne change."""
    racine = Path(racine).resolve()
    return _index_en_cache(racine, _empreinte(racine))


def chercher(requete: str, racine: Path = RACINE) -> Resultats:
    """Les résultats de ``requete`` dans le kit situé à ``racine`` (voir ``Index.chercher``)."""
    return index(racine).chercher(requete)


# --- L'affichage ---------------------------------------------------------------------------------

def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def seance_la_plus_proche(e: Entree, cles: tuple[str, ...]) -> LienSeance | None:
    """Parmi les séances qui affichent ``e``, celle dont le titre et les objectifs contiennent le
    plus de mots cherchés (la première du catalogue à égalité) : le terme « regroupant » du
    glossaire mène à la séance sur le regroupement familial plutôt qu'à la séance 1."""
    if not e.seances:
        return None
    return max(e.seances, key=lambda s: sum(f" {m}" in s.cherchable for m in cles))


def _lien(e: Entree, cles: tuple[str, ...]) -> str:
    seance = seance_la_plus_proche(e, cles)
    if seance is None:
        return "aucune séance ne l'affiche pour l'instant"
    autres = len(e.seances) - 1
    aussi = f" (aussi dans {autres} autre{'s' if autres > 1 else ''} séance{'s' if autres > 1 else ''} du module)" if autres else ""
    return f'<a href="{escape(seance.chemin)}">{escape(seance.libelle)}</a>{aussi}'


def _html_entree(e: Entree, cles: tuple[str, ...]) -> str:
    if e.genre == "seances":
        aiguilles = [" " + m for m in cles]
        objectif = next((o for o in e.details if any(a in _texte_cherchable(o) for a in aiguilles)), "")
        objectif_html = f'<span class="kit-ref">Objectif : {escape(objectif)}</span>' if objectif else ""
        return (f'<li class="kit-resultat-seance"><a href="{escape(e.seances[0].chemin)}"><strong>{escape(e.titre)}</strong></a>'
                f'<span class="kit-ref">{escape(e.module)} · {escape(e.duree)} · {escape(e.texte)}</span>{objectif_html}</li>')
    if e.genre == "glossaire":
        return (f'<li class="kit-resultat-glossaire"><strong>{escape(e.titre)}</strong> — {escape(e.texte)}'
                f'<span class="kit-ref">{escape(e.module)} · {_lien(e, cles)}</span></li>')
    return (f'<li class="kit-resultat-question"><span class="kit-recherche-question">{escape(e.titre)}</span>'
            f'<span class="kit-ref">{escape(e.module)} · {_lien(e, cles)}</span></li>')


def html_resultats(resultats: Resultats, max_par_groupe: int = MAX_PAR_GROUPE) -> str:
    """Les résultats groupés (séances, glossaire, questions de quiz), au plus ``max_par_groupe`` par
    groupe ; tout texte est échappé. Le résumé (« 12 résultats… ») est une zone ``role="status"`` :
    un lecteur d'écran l'annonce à chaque frappe, sans relire toute la liste."""
    requete = escape(" ".join(resultats.requete.split()))
    if not resultats.mots:
        return ('<p class="kit-recherche-resume kit-ref" role="status" aria-live="polite">Tapez un mot : le début d\'un mot suffit '
                "(« regroup » trouve « regroupement »), sans se soucier des accents ni des majuscules.</p>")
    if not resultats.total:
        return (f'<p class="kit-recherche-resume kit-recherche-vide" role="status" aria-live="polite">Aucun résultat pour « {requete} ». '
                "Vérifiez l'orthographe, essayez un mot plus court ou le début d'un mot (« natio » pour « nationalité »), "
                "ou retirez un mot : chaque mot tapé doit se trouver dans le résultat.</p>")
    blocs = [f'<p class="kit-recherche-resume" role="status" aria-live="polite">{_pluriel(resultats.total, "résultat")} '
             f"pour « {requete} ».</p>"]
    for nom, titre in GROUPES:
        entrees = resultats.groupe(nom)
        if not entrees:
            continue
        items = "".join(_html_entree(e, resultats.mots) for e in entrees[:max_par_groupe])
        reste = len(entrees) - max_par_groupe
        suite = (f'<p class="kit-recherche-suite kit-ref">et {reste} autre{"s" if reste > 1 else ""} : précisez la recherche.</p>'
                 if reste > 0 else "")
        blocs.append(f'<section class="kit-recherche-groupe" data-groupe="{nom}"><h3>{titre} ({len(entrees)})</h3>'
                     f'<ul class="kit-recherche-liste">{items}</ul>{suite}</section>')
    return "".join(blocs)


def html_problemes(problemes: tuple[str, ...]) -> str:
    if not problemes:
        return ""
    items = "".join(f"<li>{escape(p)}</li>" for p in problemes)
    return (f'<div class="kit-avertissement kit-recherche-problemes"><strong>Certains fichiers n\'ont pas pu être lus pour la recherche '
            f"(le reste du kit est cherché normalement) :</strong><ul>{items}</ul></div>")


_CSS = """
.kit-recherche-champ { flex-direction: column; align-items: stretch; max-width: 48em; }
.kit-recherche-champ .widget-label { width: auto; max-width: none; text-align: left; font-weight: 600; margin-bottom: 0.2em; }
.kit-recherche-champ input { font-size: 1.05em; }
.kit-recherche-liste { list-style: none; padding-left: 0; margin: 0.2em 0 0.6em 0; }
.kit-recherche-liste li { margin: 0 0 0.6em 0; line-height: 1.4; }
.kit-recherche-groupe h3 { font-size: 1.1em; margin: 0.8em 0 0.3em 0; }
.kit-recherche-resume { margin: 0.5em 0; }
.kit-recherche-resultats a { color: #1d4e89; text-decoration: underline; }
"""


def afficher(racine: Path = RACINE) -> w.Widget:
    """La boîte de recherche de la page d'accueil : un champ, les résultats mis à jour à chaque frappe."""
    try:
        idx = index(racine)
    except (OSError, ValueError) as exc:
        boite = w.HTML(f'<div class="kit-avertissement">La recherche est indisponible : {escape(str(exc))}</div>')
        boite.add_class("kit-recherche")
        return boite
    champ = w.Text(value="", description=ETIQUETTE, placeholder="par exemple : regroupement, carte F, trésorerie",
                   continuous_update=True, style={"description_width": "initial"}, layout=w.Layout(width="100%"))
    champ.add_class("kit-recherche-champ")
    zone = w.HTML()
    zone.add_class("kit-recherche-resultats")

    def montrer(_=None) -> None:
        zone.value = html_resultats(idx.chercher(champ.value))

    champ.observe(montrer, names="value")
    montrer()
    boite = w.VBox([w.HTML(f"<style>{_CSS}</style>{html_problemes(idx.problemes)}"), champ, zone])
    boite.add_class("kit-recherche")
    return boite
