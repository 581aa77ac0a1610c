"""Produire les « Passeports du migrant » : une page HTML autonome par commune, et un sommaire.

    python -m widgets.passeports --cri CIMB
    python -m widgets.passeports --communes "Mons" "Dour" 53020
    python -m widgets.passeports --toutes
    make passeports CRI=CIMB            # ou COMMUNES="Mons Dour"

Pour chaque commune, le carnet modèle ``modules/citoyennete/passeport-commune.ipynb`` est exécuté
par papermill (paramètre ``commune`` : le code INS), puis exporté par nbconvert en une page HTML
sans le code (``build/passeports/<nis>-<nom>.html``) ; ``index.html`` les lie, par CRI. Les
communes sont traitées en parallèle (un processus par cœur), chacune avec un délai maximal : le
rare blocage de l'exécution d'une cellule (voir STACK-NOTES) coûte une nouvelle tentative, jamais
toute la série. Une commune inconnue n'arrête rien : elle est signalée à la fin, avec des
suggestions, et le code de sortie vaut 1.

Les carnets exécutés restent dans un dossier temporaire ; rien n'est jamais écrit sous ``datasets/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
MODELE = RACINE / "modules" / "citoyennete" / "passeport-commune.ipynb"
SORTIE = RACINE / "build" / "passeports"
DELAI = 180  # secondes par commune (exécution du carnet), avant une seule nouvelle tentative
ETIQUETTES_RETIREES = {"notes-formateur", "solution", "cache"}  # comme Voilà (voila.json)
INDEX = "index.html"

# La page exportée ne charge rien d'Internet : ni require.js, ni MathJax, ni mermaid, ni le moteur
# des widgets (le passeport n'est fait que de HTML).
GABARIT = """{%- extends 'lab/index.html.j2' -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style>body.jp-Notebook { max-width: 64em; margin: 0 auto; }
@media print { body.jp-Notebook { max-width: none; } }</style>{%- endblock extra_css -%}
"""


def nom_fichier(commune: dict) -> str:
    """« 53053-mons.html », « 62093-saint-nicolas-liege.html »."""
    from widgets.data import normaliser

    return f"{commune['nis']}-{re.sub(r'[^a-z0-9]+', '-', normaliser(commune['nom'])).strip('-')}.html"


def _processus_silencieux() -> None:
    """Dans chaque processus du groupe : les messages des noyaux (« Kernel is running over TCP... »,
    sans intérêt ici, voir STACK-NOTES) ne brouillent pas la barre de progression. Un échec reste
    rapporté par le bilan de la commune."""
    _environnement()
    nul = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nul, 2)
    os.close(nul)


def _environnement() -> None:
    """Le noyau du kit (installé dans .venv) et pas d'avertissement du débogueur dans les pages."""
    noyaux = RACINE / ".venv" / "share" / "jupyter"
    if "JUPYTER_PATH" not in os.environ and noyaux.is_dir():
        os.environ["JUPYTER_PATH"] = str(noyaux)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


# --- Une commune : exécuter le modèle, l'exporter en HTML -------------------------------------

def executer(nis: str, dossier_carnets: Path, mode: str = "apprenant", delai: float = DELAI, modele: Path = MODELE):
    """Le carnet modèle exécuté pour une commune (papermill) ; lève une exception en cas d'échec.
    ``delai`` borne l'exécution de toutes les cellules de la commune (chaque cellule reçoit le temps
    qui reste) ; le démarrage du noyau a son propre délai (60 s)."""
    import papermill

    fin = time.monotonic() + delai
    return papermill.execute_notebook(
        str(modele), str(dossier_carnets / f"{nis}.ipynb"), parameters={"commune": nis, "mode": mode},
        kernel_name="python3", progress_bar=False, log_output=False, cwd=str(modele.parent),
        start_timeout=60, timeout_func=lambda _cellule: max(1, int(fin - time.monotonic())),
    )


def exporter_html(carnet, titre: str) -> str:
    """Le carnet exécuté en une page HTML autonome : sans le code ni les invites, sans les cellules
    de notes du formateur, sans les messages techniques (flux d'erreur), en français."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    for cellule in carnet.cells:
        if cellule.cell_type == "code":
            cellule.outputs = [o for o in cellule.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
    exportateur = HTMLExporter(extra_loaders=[DictLoader({"passeport.html.j2": GABARIT})], template_file="passeport.html.j2",
                               exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                               language_code="fr")
    exportateur.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=ETIQUETTES_RETIREES, enabled=True), enabled=True)
    html, _ = exportateur.from_notebook_node(carnet, resources={"metadata": {"name": titre}})
    return html


def _erreur_cellule(carnet) -> str | None:
    for cellule in carnet.cells:
        for sortie in cellule.get("outputs", []):
            if sortie.get("output_type") == "error":
                return f"{sortie.get('ename')} : {sortie.get('evalue')}"
    return None


def un_passeport(nis: str, nom: str, sortie: str, dossier_carnets: str, mode: str = "apprenant", delai: float = DELAI,
                 modele: str | None = None) -> dict:
    """Produit le passeport d'une commune (dans un processus du groupe). Rend un bilan :
    ``{"nis", "nom", "fichier" | "erreur", "duree_s", "essais"}``. Deux essais au plus : une
    exécution figée (délai dépassé) ou un noyau mort est retenté une fois ; une erreur dans une
    cellule ne l'est pas (elle se reproduirait)."""
    from papermill.exceptions import PapermillExecutionError

    _environnement()
    debut = time.perf_counter()
    bilan = {"nis": nis, "nom": nom, "essais": 0}
    carnet = None
    for essai in (1, 2):
        bilan["essais"] = essai
        try:
            carnet = executer(nis, Path(dossier_carnets), mode, delai, Path(modele) if modele else MODELE)
            break
        except PapermillExecutionError as exc:
            bilan["erreur"] = f"une partie du passeport a échoué ({exc.ename} : {exc.evalue})."
            break
        except Exception as exc:  # délai dépassé, noyau mort ou qui ne démarre pas : une seconde chance
            raison = (f"délai de {delai:.0f} s dépassé" if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower()
                      else f"{type(exc).__name__} : {str(exc).splitlines()[0] if str(exc) else ''}")
            bilan["erreur"] = f"{raison}, même après une seconde tentative."
    if carnet is not None:
        probleme = _erreur_cellule(carnet)
        if probleme:
            bilan["erreur"] = f"une partie du passeport a échoué ({probleme})."
        else:
            bilan.pop("erreur", None)
            chemin = Path(sortie) / nom_fichier({"nis": nis, "nom": nom})
            provisoire = chemin.with_suffix(".tmp")
            provisoire.write_text(exporter_html(carnet, f"Passeport du migrant — {nom}"), encoding="utf-8")
            os.replace(provisoire, chemin)
            bilan["fichier"] = str(chemin)
    bilan["duree_s"] = time.perf_counter() - debut
    return bilan


# --- Plusieurs communes ----------------------------------------------------------------------

@dataclass
class Bilan:
    """Ce qu'une génération a produit, et ce qui n'a pas pu l'être."""

    sortie: Path
    reussis: list[dict] = field(default_factory=list)
    echecs: list[dict] = field(default_factory=list)
    introuvables: list[tuple[str, str]] = field(default_factory=list)  # (demande, message)
    duree_s: float = 0.0

    @property
    def complet(self) -> bool:
        return not self.echecs and not self.introuvables and bool(self.reussis)


def choisir(communes: list[str] | None = None, cri: list[str] | None = None, toutes: bool = False) -> tuple[list[dict], list[tuple[str, str]]]:
    """Les communes demandées (sans doublon, dans l'ordre) et les demandes qui n'en désignent aucune.
    ``cri`` : toutes les communes de ces CRI ; ``toutes`` : toutes les communes qui ont un CRI wallon."""
    from widgets import data, passeport

    choisies: dict[str, dict] = {}
    introuvables: list[tuple[str, str]] = []
    if toutes or cri:
        table = data.charger().communes
        sigles = [s.upper() for s in cri] if cri else list(data.CRI_SIGLES)
        for sigle in sigles:
            if sigle not in data.CRI_SIGLES:
                introuvables.append((sigle, f"CRI inconnu : « {sigle} ». CRI connus : {', '.join(data.CRI_SIGLES)}."))
                continue
            for nis in table.index[table["cri"] == sigle]:
                choisies.setdefault(nis, passeport.resoudre(nis).commune)
    for demande in passeport.decouper(communes or []):
        r = passeport.resoudre(demande)
        if r.commune is None:
            introuvables.append((demande, r.message or ""))
        else:
            choisies.setdefault(r.commune["nis"], r.commune)
    return list(choisies.values()), introuvables


def generer(communes: list[dict], sortie: Path | str = SORTIE, mode: str = "apprenant", processus: int | None = None,
            delai: float = DELAI, barre: bool = True) -> Bilan:
    """Les passeports de ``communes`` (lignes de ``communes.csv``), en parallèle, puis le sommaire."""
    from tqdm import tqdm

    _environnement()
    sortie = Path(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    bilan = Bilan(sortie=sortie)
    debut = time.perf_counter()
    if communes:
        n = max(1, min(processus or os.cpu_count() or 1, len(communes)))
        with tempfile.TemporaryDirectory(prefix="passeports-") as dossier_carnets, \
                ProcessPoolExecutor(max_workers=n, initializer=_processus_silencieux) as groupe:
            taches = {groupe.submit(un_passeport, c["nis"], c["nom"], str(sortie), dossier_carnets, mode, delai): c for c in communes}
            with tqdm(total=len(taches), desc="Passeports", unit="commune", disable=not barre, file=sys.stderr) as progression:
                for tache in as_completed(taches):
                    try:
                        r = tache.result()
                    except Exception as exc:  # un processus du groupe mort (mémoire épuisée...) : bilan d'échec
                        c = taches[tache]
                        r = {"nis": c["nis"], "nom": c["nom"], "erreur": f"processus interrompu ({type(exc).__name__})."}
                    (bilan.echecs if "erreur" in r else bilan.reussis).append(r)
                    if "erreur" in r:
                        progression.write(f"  {r['nom']} : {r['erreur']}")
                    progression.update()
    ecrire_index(sortie)
    bilan.duree_s = time.perf_counter() - debut
    return bilan


def _date_heure(moment: dt.datetime) -> str:
    from widgets.rules.decision import date_fr

    return f"{date_fr(moment.date())} à {moment.hour} h {moment.minute:02d}"


def ecrire_index(sortie: Path | str) -> Path:
    """``index.html`` : les passeports présents dans ``sortie``, par CRI, avec leur date."""
    from widgets import data

    sortie = Path(sortie)
    jeux = data.charger()
    groupes: dict[str, list[tuple[str, str, dt.datetime]]] = {}
    for fichier in sorted(sortie.glob("[0-9][0-9][0-9][0-9][0-9]-*.html")):
        commune = data.trouver_commune(fichier.name[:5])
        if commune is None:
            continue
        cle = commune["cri"] if commune["cri"] in data.CRI_SIGLES else "autres"
        groupes.setdefault(cle, []).append((commune["nom"], fichier.name, dt.datetime.fromtimestamp(fichier.stat().st_mtime)))
    blocs = []
    for cle in [*data.CRI_SIGLES, "autres"]:
        if cle not in groupes:
            continue
        if cle == "autres":
            titre = "Hors du ressort des CRI wallons"
        else:
            fiche = jeux.cri.loc[cle]
            titre = f"{cle} — {fiche['nom']}" + (f" (« {fiche['marque']} »)" if fiche["marque"] else "")
        liens = "".join(f'<li><a href="{escape(f)}">{escape(nom)}</a> <span class="ref">établi le {escape(_date_heure(quand))}</span></li>'
                        for nom, f, quand in sorted(groupes[cle], key=lambda x: data.normaliser(x[0])))
        blocs.append(f'<section data-cri="{escape(cle)}"><h2>{escape(titre)}</h2><p class="ref">{len(groupes[cle])} commune(s)</p><ul>{liens}</ul></section>')
    contenu = "".join(blocs) or "<p>Aucun passeport n'a encore été produit.</p>"
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passeports du migrant — sommaire</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.45; color: #111; }}
h1, h2 {{ color: #1d4e89; }} h2 {{ border-bottom: 1px solid #bbb; padding-bottom: 0.2em; }}
ul {{ columns: 2 18em; }} li {{ margin: 0.2em 0; break-inside: avoid; }} .ref {{ color: #4a4a4a; font-size: 0.85em; }}</style></head>
<body><h1>Passeports du migrant</h1>
<p>Pour chaque commune : le Centre régional d'intégration (CRI) compétent et ses bureaux d'accueil, le parcours d'intégration en bref et les services utiles, thème par thème.</p>
<p class="ref">Sommaire généré le {escape(_date_heure(dt.datetime.now()))} par le kit de formation du secteur de l'intégration en Wallonie. Vérifiez les adresses auprès du CRI avant de les donner.</p>
{contenu}
</body></html>
"""
    chemin = sortie / INDEX
    chemin.write_text(page, encoding="utf-8")
    return chemin


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m widgets.passeports",
        description="Produit le « Passeport du migrant » (page HTML) de chaque commune demandée, et un sommaire.")
    quoi = parser.add_mutually_exclusive_group(required=True)
    quoi.add_argument("--communes", nargs="+", metavar="COMMUNE",
                      help="noms de communes ou codes INS (« Mons » « La Louvière » 53020) ; une liste séparée par des virgules est acceptée")
    quoi.add_argument("--cri", nargs="+", metavar="SIGLE", help="toutes les communes de ce CRI (CIMB, CRIC, CERAIC, CRIPEL, CRVI, CAI, CRIBW ou CRILUX)")
    quoi.add_argument("--toutes", action="store_true", help="toutes les communes qui relèvent d'un CRI wallon")
    parser.add_argument("--sortie", type=Path, default=SORTIE, help=f"dossier des pages (défaut : {SORTIE.relative_to(RACINE)})")
    parser.add_argument("--mode", default="apprenant", choices=("apprenant", "formateur", "projection"), help="présentation (défaut : apprenant)")
    parser.add_argument("--processus", type=int, default=None, help="processus en parallèle (défaut : un par cœur)")
    parser.add_argument("--delai", type=float, default=DELAI, help=f"délai maximal par commune, en secondes (défaut : {DELAI})")
    parser.add_argument("--sans-barre", action="store_true", help="pas de barre de progression")
    args = parser.parse_args(argv)

    sortie = args.sortie.resolve()
    if sortie == (RACINE / "datasets").resolve() or (RACINE / "datasets").resolve() in sortie.parents:
        parser.error("le dossier de sortie ne peut pas être dans datasets/ (le kit ne modifie jamais ses données).")
    try:
        communes, introuvables = choisir(args.communes, args.cri, args.toutes)
    except Exception as exc:  # données invalides : le message nomme fichier, ligne et colonne
        print(f"Les données du kit ne peuvent pas être lues : {exc}", file=sys.stderr)
        return 1
    print(f"{len(communes)} passeport(s) à produire dans {sortie} ({min(args.processus or os.cpu_count() or 1, max(len(communes), 1))} processus).")
    bilan = generer(communes, sortie, args.mode, args.processus, args.delai, barre=not args.sans_barre)
    bilan.introuvables = introuvables

    print(f"\n{len(bilan.reussis)} passeport(s) produit(s) en {bilan.duree_s:.0f} s. Sommaire : {sortie / INDEX}")
    if bilan.echecs:
        print(f"\n{len(bilan.echecs)} passeport(s) n'ont pas pu être produits :")
        for r in sorted(bilan.echecs, key=lambda r: r["nom"]):
            print(f"  - {r['nom']} ({r['nis']}) : {r['erreur']}")
    if introuvables:
        print(f"\n{len(introuvables)} demande(s) ne désignent aucune commune (rien n'a été produit pour elles) :")
        for demande, message in introuvables:
            print(f"  - « {demande} » : {message}")
    return 0 if bilan.complet else 1


if __name__ == "__main__":
    sys.exit(main())
