"""Explorateur « Qui est compétent ? » : pour une question de la vie quotidienne (inscrire un enfant à
l'école, toucher le chômage, changer d'adresse...), les niveaux de pouvoir compétents parmi les cinq
(fédéral, Communauté, Région, province, commune), les organismes à qui s'adresser, une explication,
sa source et le degré de confiance.

Les questions sont dans un fichier YAML qu'un formateur modifie sans Python
(``modules/citoyennete/donnees/competences.yaml``) ::

    from widgets.simulateurs import competences
    competences.afficher()

Un fichier mal formé donne un message français qui nomme le fichier, l'entrée et le champ, jamais une
trace d'erreur Python. Tout est en ipywidgets (Voilà bloque le JavaScript) et se pilote au clavier.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Annotated, Literal

import ipywidgets as w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from widgets.data import normaliser
from widgets.fichiers import lire_yaml

# --- Le fichier de données -----------------------------------------------------------------------

NIVEAUX = ("federal", "communaute", "region", "province", "commune")

# Le nom de chaque niveau tel qu'on le dit en Wallonie, avec ce qu'il recouvre.
LIBELLES_NIVEAUX = {
    "federal": ("État fédéral", "Roi, Parlement fédéral, gouvernement fédéral, SPF et organismes fédéraux"),
    "communaute": ("Communauté", "Fédération Wallonie-Bruxelles ; Communauté germanophone dans les 9 communes germanophones"),
    "region": ("Région", "Wallonie : Parlement de Wallonie, gouvernement wallon, Service public de Wallonie, Forem, AVIQ…"),
    "province": ("Province", "conseil provincial, collège provincial, gouverneur"),
    "commune": ("Commune", "conseil communal, collège communal, bourgmestre, administration communale, CPAS"),
}

THEMES = (
    "Séjour et identité",
    "Famille et enfants",
    "École et formation",
    "Travail et revenus",
    "Santé et handicap",
    "Logement et énergie",
    "Mobilité",
    "Vie locale et sécurité",
)

CONFIANCES = ("confirmé", "à vérifier")

Texte = Annotated[str, Field(min_length=1)]


class FichierInvalide(ValueError):
    """Le fichier des compétences est invalide ; le message nomme le fichier, l'entrée et le champ."""


class Entree(BaseModel):
    """Une question de la vie quotidienne et la réponse « qui est compétent ? »."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    question: Texte
    theme: Texte
    niveaux: Annotated[list[Literal[NIVEAUX]], Field(min_length=1)]  # type: ignore[valid-type]
    organismes: Annotated[list[Texte], Field(min_length=1)]
    explication: Texte
    source: Annotated[str, Field(min_length=1, pattern=r"^https?://\S+$")]
    confiance: Literal[CONFIANCES]  # type: ignore[valid-type]
    note: str = ""

    @field_validator("theme")
    @classmethod
    def _theme_connu(cls, v: str) -> str:
        if v not in THEMES:
            raise ValueError(f"thème inconnu « {v} » (thèmes permis : {', '.join(THEMES)})")
        return v

    @field_validator("niveaux")
    @classmethod
    def _niveaux_uniques(cls, v: list[str]) -> list[str]:
        doublons = sorted({n for n in v if v.count(n) > 1})
        if doublons:
            raise ValueError(f"niveau cité deux fois : {', '.join(doublons)}")
        return v

    @model_validator(mode="after")
    def _note_si_incertain(self):
        if self.confiance == "à vérifier" and not self.note:
            raise ValueError("une entrée « à vérifier » doit dire dans « note » ce qui reste à vérifier")
        return self


class FichierCompetences(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: Texte
    verifie_le: Texte
    entrees: Annotated[list[Entree], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids_uniques(self):
        vus: dict[str, int] = {}
        for n, e in enumerate(self.entrees, start=1):
            if e.id in vus:
                raise ValueError(f"l'identifiant « {e.id} » est utilisé deux fois (entrées n° {vus[e.id]} et n° {n})")
            vus[e.id] = n
        return self


def _en_francais(erreur: dict) -> str:
    """Le message pydantic, dit en français (pydantic parle anglais pour ses erreurs standard)."""
    type_, ctx, valeur = erreur["type"], erreur.get("ctx") or {}, erreur.get("input")
    if type_ == "missing":
        return "champ manquant"
    if type_ == "extra_forbidden":
        return "champ inconnu (champs permis : id, question, theme, niveaux, organismes, explication, source, confiance, note)"
    if type_ == "literal_error":
        return f"valeur inconnue « {valeur} » (valeurs permises : {ctx.get('expected', '').replace(' or ', ', ')})".replace("'", "")
    if type_ == "string_pattern_mismatch":
        if erreur["loc"][-1] == "source":
            return f"« {valeur} » n'est pas une adresse web (elle doit commencer par http:// ou https://)"
        return f"identifiant invalide « {valeur} » (lettres minuscules sans accents, chiffres et tirets)"
    if type_ in ("string_too_short", "too_short"):
        return "ne doit pas être vide"
    if type_ == "list_type":
        return "doit être une liste (entre crochets, ou une ligne par élément commençant par « - »)"
    if type_ == "string_type":
        return "doit être un texte"
    if type_ in ("model_type", "dict_type"):
        return "doit être une fiche avec des champs (id, question, theme...)"
    if type_ == "value_error":
        return erreur["msg"].removeprefix("Value error, ")
    return f"valeur invalide ({erreur['msg']})"


def _lieu(brut, loc: list) -> str:
    if len(loc) >= 2 and loc[0] == "entrees" and isinstance(loc[1], int):
        ident = None
        try:
            ident = brut["entrees"][loc[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            pass
        lieu = f"entrée n° {loc[1] + 1}" + (f" (id « {ident} »)" if ident else "")
        reste = loc[2:]
        if reste:
            champ = str(reste[0]) + (f", élément n° {reste[1] + 1}" if len(reste) > 1 and isinstance(reste[1], int) else "")
            lieu += f", champ « {champ} »"
        return lieu
    if loc:
        return f"champ « {loc[0]} »"
    return "ensemble du fichier"


def charger(chemin: Path | str) -> FichierCompetences:
    """Lit et valide le fichier des compétences ; lève ``FichierInvalide`` (en français) sinon."""
    chemin = Path(chemin)
    brut = lire_yaml(chemin, FichierInvalide)
    try:
        return FichierCompetences.model_validate(brut)
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        raise FichierInvalide(f"{chemin}, {_lieu(brut, list(e['loc']))} : {_en_francais(e)}.") from None


# --- La recherche ----------------------------------------------------------------------------

def chercher(entrees: Iterable[Entree], texte: str = "", theme: str | None = None) -> list[Entree]:
    """Les entrées dont la question, les organismes ou l'explication contiennent tous les mots de
    ``texte`` (sans tenir compte des accents ni des majuscules), limitées au ``theme`` s'il est donné.
    Fonction pure : l'ordre du fichier est conservé."""
    mots = normaliser(texte or "").split()
    trouvees = []
    for e in entrees:
        if theme and e.theme != theme:
            continue
        botte = normaliser(" ".join([e.question, *e.organismes, e.explication]))
        if all(m in botte for m in mots):
            trouvees.append(e)
    return trouvees


# --- Le rendu HTML (fonctions pures, lues par les tests sans navigateur) -----------------------

_STYLE = """<style>
.kit-niveaux { list-style: none; margin: 0.4em 0 0.8em 0; padding: 0; max-width: 46em; }
.kit-niveaux li { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; margin: 0 0 0.3em 0;
  padding: 0.35em 0.7em; border-radius: 6px; line-height: 1.35; }
.kit-niveaux .kit-niveau-competent { border: 3px solid #1d4e89; background: #e8f0fb; color: #111; }
.kit-niveaux .kit-niveau-autre { border: 1px dashed #9a9a9a; background: #f4f4f4; color: #555; }
.kit-niveaux .kit-niveau-masque { border: 1px solid #9a9a9a; background: #fff; color: #333; }
.kit-niveaux .kit-niveau-nom { font-weight: 700; }
.kit-niveaux .kit-niveau-detail { display: block; font-size: 0.85em; font-weight: 400; }
.kit-niveaux .kit-niveau-etat { white-space: nowrap; font-weight: 700; }
.kit-niveaux .kit-niveau-autre .kit-niveau-etat { font-weight: 400; }
</style>"""


def schema_niveaux(niveaux: Iterable[str] | None) -> str:
    """Les cinq niveaux de pouvoir, du fédéral à la commune : les compétents encadrés et marqués
    « compétent » (lisible sans couleur), les autres grisés. ``None`` : réponse cachée (devinette)."""
    competents = None if niveaux is None else set(niveaux)
    lignes = []
    for code in NIVEAUX:
        nom, detail = LIBELLES_NIVEAUX[code]
        if competents is None:
            classe, etat = "kit-niveau-masque", "?"
        elif code in competents:
            classe, etat = "kit-niveau-competent", "✔ compétent"
        else:
            classe, etat = "kit-niveau-autre", "— non concerné"
        lignes.append(f'<li class="kit-niveau {classe}" data-niveau="{code}">'
                      f'<span><span class="kit-niveau-nom">{escape(nom)}</span><span class="kit-niveau-detail">{escape(detail)}</span></span>'
                      f'<span class="kit-niveau-etat">{escape(etat)}</span></li>')
    return f'{_STYLE}<ul class="kit-niveaux" aria-label="Les cinq niveaux de pouvoir, du plus large au plus proche">{"".join(lignes)}</ul>'


def fiche(entree: Entree, cachee: bool = False) -> str:
    """La fiche d'une question : schéma des niveaux, organismes, explication, source, confiance.
    ``cachee`` : seulement la question et le schéma neutre, pour faire deviner un groupe."""
    tete = (f'<div class="kit-decision kit-competences-carte" data-id="{escape(entree.id)}" role="status" aria-live="polite">'
            f'<p class="kit-ref">{escape(entree.theme)}</p><h3>{escape(entree.question)}</h3>')
    if cachee:
        return (tete + "<h4>Quels niveaux de pouvoir sont compétents ?</h4>" + schema_niveaux(None)
                + "<p><em>Faites deviner le groupe, puis cliquez sur « Montrer la réponse ».</em></p></div>")
    noms = [LIBELLES_NIVEAUX[n][0] for n in NIVEAUX if n in entree.niveaux]
    resume = ("Niveau compétent : " if len(noms) == 1 else "Niveaux compétents : ") + ", ".join(noms) + "."
    organismes = "".join(f"<li>{escape(o)}</li>" for o in entree.organismes)
    if entree.confiance == "confirmé":
        confiance = '<p class="kit-ref kit-competences-confiance" data-confiance="confirmé">Confiance : confirmé par la source citée.</p>'
    else:
        confiance = (f'<div class="kit-incertain kit-competences-confiance" data-confiance="à vérifier">'
                     f"<strong>À vérifier :</strong> {escape(entree.note)}</div>")
    if entree.note and entree.confiance == "confirmé":
        confiance += f'<p class="kit-ref">Remarque : {escape(entree.note)}</p>'
    lien = escape(entree.source, quote=True)
    return (tete + f"<h4>{escape(resume)}</h4>" + schema_niveaux(entree.niveaux)
            + f"<h4>À qui s'adresser</h4><ul>{organismes}</ul>"
            + f"<h4>Explication</h4><p>{escape(entree.explication)}</p>"
            + f'<p class="kit-ref">Source : <a href="{lien}" target="_blank" rel="noopener noreferrer">{escape(entree.source)}</a></p>'
            + confiance + "</div>")


# --- L'explorateur ---------------------------------------------------------------------------

TOUS = "__tous__"
STYLE_LIBELLE = {"description_width": "9em"}
LARGEUR = w.Layout(width="auto", max_width="52em")


class Explorateur:
    """Un champ de recherche, un filtre par thème, la liste des questions et la fiche de la
    question choisie. Tous les contrôles sont des widgets standard, utilisables au clavier."""

    def __init__(self, donnees: FichierCompetences):
        self.donnees = donnees
        self.entrees = donnees.entrees
        self._reponse_montree: str | None = None

        self.recherche = w.Text(description="Rechercher", placeholder="un mot : école, chômage, permis, CPAS…",
                                continuous_update=True, style=STYLE_LIBELLE, layout=LARGEUR)
        self.recherche.add_class("kit-competences-recherche")
        themes = [t for t in THEMES if any(e.theme == t for e in self.entrees)]
        self.theme = w.Dropdown(description="Thème", options=[("Tous les thèmes", TOUS)] + [(t, t) for t in themes],
                                value=TOUS, style=STYLE_LIBELLE, layout=LARGEUR)
        self.theme.add_class("kit-competences-theme")
        self.question = w.Dropdown(description="Question", options=[], style=STYLE_LIBELLE, layout=LARGEUR)
        self.question.add_class("kit-competences-question")
        self.devinette = w.Checkbox(value=False, indent=False, description="Mode devinette : cacher la réponse pour faire deviner le groupe",
                                    layout=w.Layout(width="auto"))
        self.devinette.add_class("kit-competences-devinette")
        self.montrer = w.Button(description="Montrer la réponse", tooltip="Afficher les niveaux compétents et l'explication",
                                layout=w.Layout(width="auto", display="none"))
        self.montrer.add_class("kit-competences-montrer")
        self.compte = w.HTML()
        self.compte.add_class("kit-competences-compte")
        self.fiche = w.HTML()
        self.fiche.add_class("kit-competences-fiche")

        self.recherche.observe(self._filtrer, names="value")
        self.theme.observe(self._filtrer, names="value")
        self.question.observe(self._afficher, names="value")
        self.devinette.observe(self._afficher, names="value")
        self.montrer.on_click(self._reveler)

        entete = w.HTML(f"<h3>{escape(donnees.titre)}</h3><p class=\"kit-ref\">Informations vérifiées : {escape(donnees.verifie_le)}. "
                        "Chaque fiche cite sa source ; « à vérifier » signale ce qui n'est pas confirmé.</p>")
        self.vue = w.VBox([entete, self.recherche, self.theme, self.compte, self.question,
                           w.HBox([self.devinette, self.montrer], layout=w.Layout(flex_flow="row wrap", grid_gap="0.6em")),
                           self.fiche])
        self.vue.add_class("kit-explorateur-competences")
        self._filtrer()

    @property
    def visibles(self) -> list[Entree]:
        theme = None if self.theme.value == TOUS else self.theme.value
        return chercher(self.entrees, self.recherche.value, theme)

    def _filtrer(self, _change=None) -> None:
        visibles = self.visibles
        ancien = self.question.value
        options = [(e.question, e.id) for e in visibles]
        valeur = ancien if ancien in {i for _, i in options} else (options[0][1] if options else None)
        self.question.options = options
        self.question.value = valeur
        n, total = len(visibles), len(self.entrees)
        self.compte.value = f'<p class="kit-ref">{n} question{"s" if n > 1 else ""} sur {total}.</p>'
        self._afficher()

    def entree(self, ident: str | None) -> Entree | None:
        return next((e for e in self.entrees if e.id == ident), None)

    def _afficher(self, _change=None) -> None:
        e = self.entree(self.question.value)
        if e is None:
            mots = self.recherche.value.strip()
            quoi = f" à « {escape(mots)} »" if mots else ""
            ou = " dans ce thème" if self.theme.value != TOUS else ""
            conseil = " ou choisissez « Tous les thèmes »" if ou else ""
            self.fiche.value = (f'<div class="kit-attente"><p>Aucune question ne correspond{quoi}{ou}. '
                                f"Essayez un autre mot (par exemple « école », « chômage », « logement »){conseil}.</p></div>")
            self.montrer.layout.display = "none"
            return
        cachee = self.devinette.value and self._reponse_montree != e.id
        self.fiche.value = fiche(e, cachee=cachee)
        self.montrer.layout.display = "" if cachee else "none"

    def _reveler(self, _bouton=None) -> None:
        self._reponse_montree = self.question.value
        self._afficher()

    def choisir(self, ident: str) -> None:
        """Sélectionne la question ``ident`` (en vidant la recherche et le thème si elle est filtrée)."""
        if ident not in {e.id for e in self.visibles}:
            self.recherche.value = ""
            self.theme.value = TOUS
        self._reponse_montree = None
        self.question.value = ident


def _erreur(exc: Exception) -> w.HTML:
    boite = w.HTML(f'<div class="kit-avertissement"><strong>L\'explorateur ne peut pas s\'afficher :</strong> {escape(str(exc))}</div>')
    boite.add_class("kit-erreur-fichier")
    return boite


def afficher(chemin: Path | str = "donnees/competences.yaml") -> w.Widget:
    """L'explorateur « Qui est compétent ? » (dernière expression d'une cellule)."""
    try:
        return Explorateur(charger(chemin)).vue
    except FichierInvalide as exc:
        return _erreur(exc)


# --- Combien de communes ? -------------------------------------------------------------------

def tableau_communes() -> w.Widget:
    """Le nombre de communes par Région et par province wallonne, compté dans ``datasets/communes.csv``."""
    from widgets import data

    try:
        communes = data.charger().communes
    except (data.DonneesInvalides, OSError) as exc:
        return _erreur(exc)
    par_region = communes["region"].value_counts()
    wallonie = communes[communes["region"] == "Région wallonne"]
    par_province = wallonie["province"].value_counts()
    germanophones = int((wallonie["cri"] == data.COMMUNAUTE_GERMANOPHONE).sum())
    lignes_r = "".join(f'<tr><td>{escape(r)}</td><td style="text-align:right">{int(par_region.get(r, 0))}</td></tr>' for r in data.REGIONS)
    lignes_p = "".join(f'<tr><td>{escape(p)}</td><td style="text-align:right">{int(n)}</td></tr>' for p, n in par_province.items())
    html = (f'<div class="kit-competences-communes"><table class="kit-table"><caption>Communes par Région au 1er janvier 2025</caption>'
            f'<thead><tr><th>Région</th><th style="text-align:right">Communes</th></tr></thead><tbody>{lignes_r}'
            f'<tr><th>Belgique</th><th style="text-align:right">{len(communes)}</th></tr></tbody></table>'
            f'<table class="kit-table"><caption>Les cinq provinces wallonnes</caption>'
            f'<thead><tr><th>Province</th><th style="text-align:right">Communes</th></tr></thead><tbody>{lignes_p}</tbody></table>'
            f'<p class="kit-ref">Dont {germanophones} communes de la région de langue allemande (Communauté germanophone, province de Liège). '
            "Source : datasets/communes.csv du kit, d'après les codes REFNIS de Statbel (état au 1er janvier 2025).</p></div>")
    vue = w.HTML(html)
    vue.add_class("kit-competences-communes")
    return vue
