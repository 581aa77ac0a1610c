"""Le glossaire d'un module, consultable depuis chacune de ses séances.

Un fichier YAML (``glossaire.yaml`` à la racine du module) qu'un formateur complète sans Python ::

    titre: "Glossaire — Droit des étrangers"
    termes:
      - terme: "Primo-arrivant"
        variantes: ["primo-arrivante", "primoarrivant"]   # facultatif : d'autres façons de chercher
        definition: "Personne étrangère ... (Markdown court)."
        source: "CWASS, art. 150, 4° — https://..."
        voir: ["Parcours d'intégration"]                   # facultatif : termes liés du même glossaire

Dans une séance : ``glossaire.afficher("glossaire.yaml")`` (chemin relatif au dossier de la séance,
comme les quiz) : un champ de recherche (sans accents ni casse, dans les termes, variantes et
définitions) et la liste des définitions trouvées. Un fichier mal formé donne un message français qui
nomme le fichier, la ligne et le terme ; un renvoi « voir » vers un terme absent est une erreur.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Annotated

import ipywidgets as w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widgets.fichiers import en_francais, lire
from widgets.ui.langage import en_html

MAX_AFFICHES = 12


class GlossaireInvalide(ValueError):
    """Un glossaire invalide ; le message nomme le fichier, la ligne, le terme et le champ."""


class Terme(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    terme: Annotated[str, Field(min_length=1)]
    variantes: list[Annotated[str, Field(min_length=1)]] = []
    definition: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    voir: list[str] = []


class Glossaire(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: Annotated[str, Field(min_length=1)]
    termes: Annotated[list[Terme], Field(min_length=1)]


def normaliser(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii")
    return " ".join(sans_accents.lower().replace("'", " ").replace("’", " ").replace("-", " ").split())


@lru_cache(maxsize=8)
def _charger(chemin: Path, _mtime: float) -> Glossaire:
    lecture = lire(chemin, GlossaireInvalide)
    brut, ligne = lecture.donnees, lecture.ligne
    try:
        glossaire = Glossaire.model_validate(brut)
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        loc = list(e["loc"])
        lieu = [f"ligne {ligne(loc)}"]
        if len(loc) >= 2 and loc[0] == "termes" and isinstance(loc[1], int):
            try:
                nom = brut["termes"][loc[1]].get("terme")
            except (AttributeError, IndexError, KeyError, TypeError):
                nom = None
            lieu.append(f"terme n° {loc[1] + 1}" + (f" (« {nom} »)" if nom else ""))
            loc = loc[2:]
        if loc:
            lieu.append(f"champ « {'.'.join(str(x) for x in loc)} »")
        message = "champ manquant" if e["type"] == "missing" else en_francais(e, Glossaire)
        raise GlossaireInvalide(f"{chemin}, {', '.join(lieu)} : {message}.") from None
    # Les termes en double et les renvois « voir » vers un terme absent, avec la ligne fautive.
    connus: dict[str, int] = {}
    for i, t in enumerate(glossaire.termes):
        cle = normaliser(t.terme)
        if cle in connus:
            raise GlossaireInvalide(f"{chemin}, ligne {ligne(('termes', i, 'terme'))}, terme n° {i + 1} : « {t.terme} » est déjà défini (terme n° {connus[cle] + 1}).")
        connus[cle] = i
    for i, t in enumerate(glossaire.termes):
        for v in t.voir:
            if normaliser(v) not in connus:
                raise GlossaireInvalide(f"{chemin}, ligne {ligne(('termes', i, 'voir'))}, terme n° {i + 1} (« {t.terme} ») : "
                                        f"le renvoi « {v} » ne correspond à aucun terme du glossaire.")
    return glossaire


def charger(chemin: str | Path) -> Glossaire:
    """Lit et valide un glossaire (relu s'il a changé)."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise GlossaireInvalide(f"{chemin} : glossaire introuvable.")
    return _charger(chemin, chemin.stat().st_mtime)


def chercher(glossaire: Glossaire, texte: str) -> list[Terme]:
    """Les termes qui contiennent tous les mots cherchés : d'abord ceux dont le nom ou une variante
    correspond, puis ceux dont seule la définition correspond ; tous si la recherche est vide."""
    mots = normaliser(texte).split()
    if not mots:
        return list(glossaire.termes)
    def contient(texte: str, mot: str) -> bool:
        # une lettre seule (« carte f ») ne vaut qu'en début de mot : sinon « f » trouverait « certificat »
        return any(m.startswith(mot) for m in texte.split()) if len(mot) == 1 else mot in texte

    par_nom, par_definition = [], []
    for t in glossaire.termes:
        noms = normaliser(" ".join([t.terme, *t.variantes]))
        if all(contient(noms, m) for m in mots):
            par_nom.append(t)
        elif all(contient(noms + " " + normaliser(t.definition), m) for m in mots):
            par_definition.append(t)
    return par_nom + par_definition


def definition_html(t: Terme) -> str:
    voir = f'<p class="kit-ref">Voir aussi : {escape(", ".join(t.voir))}</p>' if t.voir else ""
    return (f'<div class="kit-glossaire-terme"><dt>{escape(t.terme)}</dt><dd>{en_html(t.definition)}'
            f'<span class="kit-ref">Source : {escape(t.source)}</span>{voir}</dd></div>')


def afficher(chemin: str | Path = "glossaire.yaml") -> w.Widget:
    """Le glossaire replié sous un titre, avec un champ de recherche."""
    try:
        glossaire = charger(chemin)
    except GlossaireInvalide as exc:
        boite = w.HTML(f'<div class="kit-avertissement" role="alert"><strong>Le glossaire ne peut pas s\'afficher :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
    recherche = w.Text(placeholder="un mot : annexe, carte F, regroupant…", description="Chercher", continuous_update=True,
                       layout=w.Layout(width="auto", max_width="40em"))
    recherche.add_class("kit-glossaire-recherche")
    liste = w.HTML()
    liste.add_class("kit-glossaire-liste")

    def montrer(_=None):
        trouves = chercher(glossaire, recherche.value)
        if not trouves:
            liste.value = (f'<p class="kit-attente">Aucun terme ne correspond à « {escape(recherche.value.strip())} ». '
                           "Essayez un autre mot ou une partie du mot.</p>")
            return
        plus = len(trouves) - MAX_AFFICHES
        suite = f'<p class="kit-ref">… et {plus} autre{"s" if plus > 1 else ""} : précisez la recherche.</p>' if plus > 0 else ""
        liste.value = (f'<p class="kit-ref">{len(trouves)} terme{"s" if len(trouves) > 1 else ""} sur {len(glossaire.termes)}.</p>'
                       f'<dl class="kit-glossaire">{"".join(definition_html(t) for t in trouves[:MAX_AFFICHES])}</dl>{suite}')

    recherche.observe(montrer, names="value")
    montrer()
    contenu = w.VBox([recherche, liste])
    repli = w.Accordion(children=[contenu], titles=(f"{glossaire.titre} ({len(glossaire.termes)} termes)",), selected_index=None)
    repli.add_class("kit-glossaire-module")
    return repli
