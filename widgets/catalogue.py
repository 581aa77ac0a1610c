"""Le catalogue des modules et des séances, lu dans les fichiers eux-mêmes (aucune liste tenue à la main).

- un module = un dossier de ``modules/`` avec son ``module.yaml`` (titre, résumé, publics,
  séances annoncées) ;
- une séance = un carnet ``NN-nom.ipynb`` du dossier (ou un autre carnet du dossier qui porte des
  métadonnées ``kit``), décrit par ses métadonnées ``kit``
  (titre, public, durée, objectifs).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widgets.fichiers import lire_yaml

RACINE = Path(__file__).resolve().parent.parent
ORDRE = ("droit-etrangers", "citoyennete", "gestion-asbl", "communication-interculturelle")

# Les publics pour lesquels on compose un programme (planificateur, recherche). Chaque séance dit,
# dans ses métadonnées « kit.cibles », à lesquels elle convient ; « public » reste la description libre.
PUBLICS = {
    "communes": "Personnel des communes",
    "cpas": "Personnel des CPAS",
    "fle": "Formatrices et formateurs FLE",
    "associations": "Équipes et bénévoles d'associations",
    "autonomes": "Apprenantes et apprenants autonomes",
}
Cible = Literal["communes", "cpas", "fle", "associations", "autonomes"]


class MetaSeance(BaseModel):
    model_config = ConfigDict(extra="allow")
    module: str
    numero: Annotated[int, Field(ge=1)]
    titre: Annotated[str, Field(min_length=1)]
    public: Annotated[list[str], Field(min_length=1)]
    duree_minutes: Annotated[int, Field(ge=10, le=600)]
    objectifs: Annotated[list[str], Field(min_length=1)]
    cibles: Annotated[list[Cible], Field(min_length=1)]
    niveau: str | None = None


class Annonce(BaseModel):
    numero: int
    titre: str


class MetaModule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titre: str
    resume: str
    publics: list[str]
    seances_annoncees: list[Annonce] = []


class Seance(BaseModel):
    chemin: str  # relatif à la racine du kit
    meta: MetaSeance


class Module(BaseModel):
    dossier: str
    meta: MetaModule
    seances: list[Seance]
    problemes: list[str] = []


def lire_seance(chemin: Path) -> MetaSeance:
    """Les métadonnées ``kit`` d'un carnet ; lève ``ValueError`` (en français) si elles manquent."""
    try:
        carnet = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{chemin.name} : carnet illisible ({exc}).") from None
    try:
        return MetaSeance.model_validate(carnet.get("metadata", {}).get("kit"))
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        champ = ".".join(str(x) for x in e["loc"]) or "kit"
        raise ValueError(f"{chemin.name} : métadonnées « kit » invalides (champ « {champ} » : {e['msg']}).") from None


def a_des_metadonnees_kit(chemin: Path) -> bool:
    """Vrai pour un carnet qui se déclare séance (métadonnées ``kit`` avec un numéro) ; un modèle
    comme celui du passeport porte des métadonnées ``kit`` sans numéro : ce n'est pas une séance."""
    try:
        kit = json.loads(chemin.read_text(encoding="utf-8")).get("metadata", {}).get("kit")
    except (OSError, json.JSONDecodeError, AttributeError):
        return False
    return isinstance(kit, dict) and "numero" in kit


def modules(racine: Path = RACINE) -> list[Module]:
    resultat = []
    dossiers = sorted((racine / "modules").iterdir(), key=lambda d: (ORDRE.index(d.name) if d.name in ORDRE else 99, d.name))
    for dossier in dossiers:
        fiche = dossier / "module.yaml"
        if not fiche.exists():
            continue
        problemes: list[str] = []
        try:
            meta = MetaModule.model_validate(lire_yaml(fiche, ValueError))
        except (ValueError, ValidationError) as exc:  # le module reste listé, avec le problème
            if isinstance(exc, ValidationError):
                e = exc.errors(include_url=False)[0]
                exc = ValueError(f"{fiche} : champ « {'.'.join(str(x) for x in e['loc'])} » invalide ({e['msg']}).")
            meta = MetaModule(titre=dossier.name, resume="", publics=[])
            problemes.append(str(exc))
        seances = []
        for carnet in sorted(dossier.glob("[0-9][0-9]-*.ipynb")):
            try:
                seances.append(Seance(chemin=carnet.relative_to(racine).as_posix(), meta=lire_seance(carnet)))
            except ValueError as exc:
                problemes.append(str(exc))
        # Un carnet au nom imposé (« diagnostic-territoire.ipynb ») est une séance s'il porte des
        # métadonnées « kit » avec un numéro ; le modèle du passeport n'en est pas une.
        for carnet in sorted(c for c in dossier.glob("*.ipynb") if not c.name[:2].isdigit()):
            if a_des_metadonnees_kit(carnet):
                seances.append(Seance(chemin=carnet.relative_to(racine).as_posix(), meta=lire_seance(carnet)))
        seances.sort(key=lambda s: s.meta.numero)
        resultat.append(Module(dossier=dossier.name, meta=meta, seances=seances, problemes=problemes))
    return resultat


def duree_lisible(minutes: int) -> str:
    """90 → « 1 h 30 », 60 → « 1 h », 45 → « 45 min »."""
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if h and m else (f"{h} h" if h else f"{m} min")


def html_catalogue(liste: list[Module]) -> str:
    blocs = ['<div class="kit-catalogue">']
    for mod in liste:
        blocs.append(f'<section class="kit-module" data-module="{escape(mod.dossier)}"><h2>{escape(mod.meta.titre)}</h2>'
                     f"<p>{escape(mod.meta.resume)}</p><p class=\"kit-ref\">Pour : {escape(', '.join(mod.meta.publics))}</p><ul>")
        for s in mod.seances:
            m = s.meta
            objectifs = "".join(f"<li>{escape(o)}</li>" for o in m.objectifs)
            blocs.append(
                f'<li class="kit-seance-disponible"><a href="{escape(s.chemin)}"><strong>Séance {m.numero} — {escape(m.titre)}</strong></a>'
                f" · {duree_lisible(m.duree_minutes)} · {escape(', '.join(m.public))}"
                f'<details><summary>Objectifs</summary><ul>{objectifs}</ul></details></li>')
        numeros = {s.meta.numero for s in mod.seances}
        for a in mod.meta.seances_annoncees:
            if a.numero not in numeros:
                blocs.append(f'<li class="kit-seance-annoncee">Séance {a.numero} — {escape(a.titre)} <em>(annoncée)</em></li>')
        blocs.append("</ul>")
        for p in mod.problemes:
            blocs.append(f'<div class="kit-avertissement">À corriger : {escape(p)}</div>')
        blocs.append("</section>")
    blocs.append("</div>")
    return "".join(blocs)


def afficher(racine: Path = RACINE):
    """Le catalogue, prêt à afficher sur la page d'accueil (un widget HTML)."""
    import ipywidgets as w  # ici seulement : le planificateur et la recherche lisent le catalogue sans widgets

    try:
        contenu = html_catalogue(modules(racine))
    except (OSError, ValueError) as exc:
        contenu = f'<div class="kit-avertissement">Le catalogue ne peut pas être lu : {escape(str(exc))}</div>'
    vue = w.HTML(contenu)
    vue.add_class("kit-catalogue-widget")
    return vue
