"""Les titres et documents de séjour : ce que chacun est, ce qu'il permet, et un exercice d'appariement
« quel document pour cette situation ? ».

Ce module est pur (ni ipywidgets, ni IPython). Deux fichiers qu'un formateur ou un juriste modifie
sans Python :

- ``parametres/titres.yaml`` (format de ``legislation.py``) : la table des documents (cartes A, B, C,
  D, E, E+, F, F+, H, K, L, M, carte A « protection temporaire », attestation d'immatriculation,
  annexes courantes). Chaque document est un paramètre daté, avec sa référence et ce qui reste
  incertain ; ``fiche(id, date)`` le rend lisible, ``table(date)`` les rend tous. Au chargement, le
  module vérifie la cohérence avec docs/faits-verifies.md § 3.1 (cartes admises pour la nationalité).
- ``modules/droit-etrangers/donnees/situations-titres.yaml`` : les situations de l'exercice
  (personnages fictifs), validées à la lecture ; une erreur devient ``SituationsInvalides``, dont le
  message nomme le fichier, la ligne, la situation et le champ.

``evaluer(situation, document, date_reference)`` juge une réponse de l'exercice et rend une
``Decision`` : statut ``juste`` ou ``faux``, l'explication et la référence, la trace des questions
examinées. ``Partie`` garde les réponses et le score.

En ligne de commande : ``python -m widgets.rules.titres reponse.json`` avec
``{"situation": "olena", "document": "carte-a-pt"}``.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from widgets.fichiers import en_francais, lire
from widgets.rules import legislation
from widgets.rules.cli import executer_cli
from widgets.rules.decision import Decision, Etape, Motif, date_fr
from widgets.rules.validation import ErreurSituation, valider_modele

RACINE = Path(__file__).resolve().parent.parent.parent
CHEMIN_SITUATIONS = RACINE / "modules" / "droit-etrangers" / "donnees" / "situations-titres.yaml"
NOM_PARAMETRES = "titres"
PARAMETRES_HORS_DOCUMENTS = ("cartes_admises_nationalite", "protection_temporaire_fin")

STATUTS = ("juste", "faux")

FAMILLES: dict[str, tuple[str, str]] = {
    "hors_ue": ("Personnes hors UE+", "Ressortissants d'un pays qui n'est ni dans l'UE, ni dans l'EEE, ni la Suisse : séjour limité (A, H) ou illimité (B, K, L ; anciens modèles C et D)."),
    "protection": ("Protection internationale et temporaire", "Demandeurs de protection, réfugiés, bénéficiaires de la protection subsidiaire ou temporaire."),
    "ue": ("Citoyens de l'UE+", "Citoyens de l'UE, de l'EEE (et Suisses) : enregistrement (EU, ex-E), puis séjour permanent (EU+, ex-E+)."),
    "famille_ue": ("Famille d'un citoyen de l'UE ou d'un Belge", "Membres de la famille, hors UE, d'un citoyen de l'UE ou d'un Belge : cartes F puis F+."),
    "brexit": ("Britanniques (accord de retrait)", "Britanniques installés avant 2021 et leur famille : carte M."),
    "provisoire": ("Documents provisoires et annexes", "Documents remis pendant une procédure ou un court séjour : ce ne sont pas des titres de séjour."),
    "sans_sejour": ("Fin du séjour", "Décisions qui mettent fin au séjour ou ordonnent de quitter le territoire."),
}

SEJOURS = {
    "limite": "séjour limité",
    "illimite": "séjour illimité",
    "non_permanent": "séjour de plus de trois mois, pas encore permanent",
    "permanent": "séjour permanent",
    "provisoire": "séjour provisoire, le temps d'une procédure",
    "court": "court séjour (trois mois au plus)",
    "aucun": "pas de séjour autorisé",
}

REGISTRES = {
    "etrangers": "registre des étrangers",
    "population": "registre de la population",
    "attente": "registre d'attente",
    "aucun": "aucun registre",
    "variable": "selon la situation",
}

ASPECTS = {
    "travail": "Travailler",
    "cpas": "Aide du CPAS",
    "parcours": "Parcours d'intégration",
    "vote": "Vote aux élections communales",
    "nationalite": "Déclaration de nationalité",
}

Texte = Annotated[str, Field(min_length=1)]
Identifiant = Annotated[str, Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")]


# --- La table des documents --------------------------------------------------------------------

class Droit(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    texte: Texte
    incertain: str | None = None


class DroitNationalite(Droit):
    admise: bool | None


class Droits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    travail: Droit
    cpas: Droit
    parcours: Droit
    vote: Droit
    nationalite: DroitNationalite


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    lettre: Texte
    nom: Texte
    intitule: Texte
    categorie: Literal["carte", "annexe", "attestation"]
    famille: Literal[tuple(FAMILLES)]  # type: ignore[valid-type]
    sejour: Literal[tuple(SEJOURS)]  # type: ignore[valid-type]
    registre: Literal[tuple(REGISTRES)]  # type: ignore[valid-type]
    pour_qui: Texte
    validite: str | None = None
    remplace: str | None = None
    remplace_par: str | None = None
    droits: Droits


@dataclass(frozen=True)
class Fiche:
    """Un document tel qu'il s'applique à une date : sa description, sa référence, ses incertitudes."""

    id: str
    document: Document
    depuis: dt.date
    reference: str
    incertain: str | None = None
    complements: tuple[Motif, ...] = ()

    @property
    def famille(self) -> str:
        return FAMILLES[self.document.famille][0]

    def incertitudes(self) -> list[tuple[str, str]]:
        """Ce qui n'est pas confirmé : (sur quoi, pourquoi), pour l'afficher au lecteur."""
        points = [("Document", self.incertain)] if self.incertain else []
        for aspect, libelle in ASPECTS.items():
            droit = getattr(self.document.droits, aspect)
            if droit.incertain:
                points.append((libelle, droit.incertain))
        points += [("Validité", c.incertain) for c in self.complements if c.incertain]
        return points

    def en_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "id": self.id, "lettre": d.lettre, "nom": d.nom, "intitule": d.intitule, "famille": self.famille,
            "sejour": SEJOURS[d.sejour], "registre": REGISTRES[d.registre], "pour_qui": d.pour_qui,
            "validite": d.validite, "reference": self.reference, "depuis": self.depuis,
            "droits": {ASPECTS[a]: getattr(d.droits, a).texte for a in ASPECTS},
            "nationalite_admise": d.droits.nationalite.admise,
            "incertain": [f"{sur} : {pourquoi}" for sur, pourquoi in self.incertitudes()],
        }


class TableInvalide(ValueError):
    """La table des documents (parametres/titres.yaml) est mal formée ou incohérente."""


def _bareme() -> legislation.Bareme:
    try:
        return legislation.charger(NOM_PARAMETRES)
    except legislation.ParametresInvalides as exc:
        raise TableInvalide(str(exc)) from None


_VALIDES: list[Any] = [None, {}]  # (barème validé, ses documents) : la validation n'est faite qu'une fois par barème chargé


def _documents_valides(bareme: legislation.Bareme) -> dict[tuple[str, dt.date], Document]:
    """Chaque valeur de document validée une fois (clé : id du document et date de la valeur)."""
    if _VALIDES[0] is bareme:
        return _VALIDES[1]
    valides: dict[tuple[str, dt.date], Document] = {}
    chemin = legislation.DOSSIER_PARAMETRES / f"{NOM_PARAMETRES}.yaml"
    for ident, parametre in bareme.parametres.items():
        if ident in PARAMETRES_HORS_DOCUMENTS:
            continue
        for v in parametre.valeurs:
            try:
                valides[(ident, v.depuis)] = Document.model_validate(v.valeur)
            except ValidationError as exc:
                e = exc.errors(include_url=False)[0]
                champ = ".".join(str(x) for x in e["loc"]) or "valeur"
                message = "champ manquant" if e["type"] == "missing" else e["msg"]
                raise TableInvalide(f"{chemin}, document « {ident} » (valeur du {date_fr(v.depuis)}), champ « valeur.{champ} » : {message}.") from None
    _verifier_coherence(chemin, bareme, valides)
    _VALIDES[:] = [bareme, valides]
    return valides


def _verifier_coherence(chemin: Path, bareme: legislation.Bareme, valides: dict[tuple[str, dt.date], Document]) -> None:
    """Renvois (remplace, remplace_par) vers des documents connus ; cartes admises pour la nationalité
    conformes à la liste datée (docs/faits-verifies.md § 3.1) : une carte qui en remplace une admise l'est aussi."""
    ids = {ident for ident, _ in valides}
    for (ident, depuis), doc in valides.items():
        for champ in ("remplace", "remplace_par"):
            cible = getattr(doc, champ)
            if cible and cible not in ids:
                raise TableInvalide(f"{chemin}, document « {ident} », champ « valeur.{champ} » : « {cible} » n'est pas un document de la table.")
        if doc.categorie != "carte":
            continue
        liste = bareme.valeur("cartes_admises_nationalite", depuis)
        if liste is None:
            continue
        lettres = set(liste.valeur)
        ancien = next((d for (i, _), d in valides.items() if i == doc.remplace), None) if doc.remplace else None
        attendu = doc.lettre in lettres or (ancien is not None and ancien.lettre in lettres)
        admise = doc.droits.nationalite.admise
        if admise is None:
            if attendu or not doc.droits.nationalite.incertain:
                raise TableInvalide(f"{chemin}, document « {ident} », champ « valeur.droits.nationalite » : « admise » inconnu (null) "
                                    "demande un texte « incertain », et ne convient pas à une carte de la liste des cartes admises.")
        elif admise != attendu:
            etat = "est" if attendu else "n'est pas"
            raise TableInvalide(f"{chemin}, document « {ident} », champ « valeur.droits.nationalite.admise » : la carte {doc.lettre} "
                                f"{etat} dans la liste des cartes admises pour la nationalité ({', '.join(sorted(lettres))}) ; "
                                "corrigez « admise » ou la liste.")


def _fiche(ident: str, date: dt.date) -> Fiche | None:
    bareme = _bareme()
    valides = _documents_valides(bareme)
    valeur = bareme.parametres[ident].a_la_date(date)
    if valeur is None:
        return None
    complements: tuple[Motif, ...] = ()
    if ident == "carte-a-pt":
        fin = bareme.valeur("protection_temporaire_fin", date)
        if fin is not None:
            complements = (Motif("fin_protection", f"Au {date_fr(date)}, la protection temporaire est prolongée jusqu'au {date_fr(fin.valeur)}.",
                                 fin.source(), fin.incertain),)
    return Fiche(ident, valides[(ident, valeur.depuis)], valeur.depuis, valeur.source(), valeur.incertain, complements)


def ids_documents() -> list[str]:
    """Les identifiants des documents de la table, dans l'ordre du fichier."""
    return [n for n in _bareme().parametres if n not in PARAMETRES_HORS_DOCUMENTS]


def _date(date_reference: dt.date | None) -> dt.date:
    date = date_reference or dt.date.today()
    debut = _bareme().couverture_debut
    if date < debut:
        message = (f"le kit décrit les titres de séjour à partir du {date_fr(debut)} (nouveaux modèles de cartes) ; "
                   f"le {date_fr(date)} est antérieur.")
        raise ErreurSituation([("date_reference", message)])
    return date


def table(date_reference: dt.date | None = None) -> dict[str, Fiche]:
    """Les documents connus à cette date (aujourd'hui par défaut), dans l'ordre du fichier."""
    date = _date(date_reference)
    fiches = {}
    for ident in ids_documents():
        f = _fiche(ident, date)
        if f is not None:
            fiches[ident] = f
    return fiches


def fiche(ident: str, date_reference: dt.date | None = None) -> Fiche:
    """Un document à une date ; ``ErreurSituation`` (champ « document ») s'il est inconnu."""
    date = _date(date_reference)
    connus = ids_documents()
    if ident not in connus:
        raise ErreurSituation([("document", _inconnu("document", ident, connus))])
    f = _fiche(ident, date)
    if f is None:
        raise ErreurSituation([("document", f"le document « {ident} » n'existe pas encore au {date_fr(date)}.")])
    return f


def fin_protection_temporaire(date_reference: dt.date | None = None) -> legislation.ValeurDatee | None:
    return _bareme().valeur("protection_temporaire_fin", _date(date_reference))


def par_famille(fiches: dict[str, Fiche]) -> dict[str, list[Fiche]]:
    """Les fiches regroupées par famille, dans l'ordre de ``FAMILLES``."""
    groupes: dict[str, list[Fiche]] = {f: [] for f in FAMILLES}
    for f in fiches.values():
        groupes[f.document.famille].append(f)
    return {k: v for k, v in groupes.items() if v}


def _inconnu(quoi: str, valeur: str, connus: list[str]) -> str:
    import difflib

    proches = difflib.get_close_matches(str(valeur), connus, n=3, cutoff=0.5)
    aide = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else f" Valeurs possibles : {', '.join(connus)}."
    return f"{quoi} inconnu : « {str(valeur)[:60]} ».{aide}"


# --- Les situations de l'exercice ----------------------------------------------------------------

class SituationsInvalides(ValueError):
    """Un fichier de situations invalide ; le message nomme le fichier, la ligne, la situation et le champ."""


class SituationTitre(BaseModel):
    """Une situation de terrain (personnage fictif) et le document qui lui correspond."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    id: Identifiant
    personnage: Texte
    lieu: Texte
    recit: Texte
    question: Texte
    choix: Annotated[list[Identifiant], Field(min_length=2, max_length=6)]
    attendu: Identifiant
    explication: Texte
    reference: Texte
    pieges: dict[str, Texte] = {}

    @model_validator(mode="after")
    def _coherence(self):
        if len(set(self.choix)) != len(self.choix):
            raise ValueError("un document apparaît deux fois dans « choix »")
        if self.attendu not in self.choix:
            raise ValueError(f"le document attendu « {self.attendu} » doit figurer dans « choix »")
        for cle in self.pieges:
            if cle not in self.choix or cle == self.attendu:
                raise ValueError(f"« pieges » explique « {cle} », qui n'est pas un mauvais choix proposé dans « choix »")
        return self


class FichierSituations(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    titre: Texte
    situations: Annotated[list[SituationTitre], Field(min_length=1)]

    def par_id(self, ident: str) -> SituationTitre:
        for s in self.situations:
            if s.id == ident:
                return s
        raise KeyError(ident)


def _lieu_erreur(brut: Any, loc: list[Any], numero: int | None) -> tuple[str, list[Any]]:
    lieu = []
    if numero:
        lieu.append(f"ligne {numero}")
    if len(loc) >= 2 and loc[0] == "situations" and isinstance(loc[1], int):
        try:
            nom = brut["situations"][loc[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            nom = None
        lieu.append(f"situation n° {loc[1] + 1}" + (f" (id « {nom} »)" if nom else ""))
        loc = loc[2:]
    if loc:
        lieu.append(f"champ « {'.'.join(str(x) for x in loc)} »")
    return ", ".join(lieu) or "fichier", loc


@lru_cache(maxsize=8)
def _charger_situations(chemin: Path, _mtime: float, _documents: tuple[str, ...]) -> FichierSituations:
    lecture = lire(chemin, SituationsInvalides)
    brut, ligne = lecture.donnees, lecture.ligne
    try:
        fichier = FichierSituations.model_validate(brut)
    except ValidationError as exc:
        e = exc.errors(include_url=False)[0]
        loc = list(e["loc"])
        lieu, _ = _lieu_erreur(brut, loc, ligne(loc))
        message = "champ manquant" if e["type"] == "missing" else en_francais(e, FichierSituations)
        if e["type"] == "string_pattern_mismatch":
            message = "identifiant invalide (lettres minuscules sans accents, chiffres et tirets, ex. carte-a-pt)"
        raise SituationsInvalides(f"{chemin}, {lieu} : {message}.") from None
    connus = list(_documents)
    vus: dict[str, int] = {}
    for i, s in enumerate(fichier.situations):
        if s.id in vus:
            raise SituationsInvalides(f"{chemin}, ligne {ligne(('situations', i, 'id'))}, situation n° {i + 1} : "
                                      f"l'id « {s.id} » est déjà utilisé (situation n° {vus[s.id] + 1}).")
        vus[s.id] = i
        a_verifier = [(("choix", j), d) for j, d in enumerate(s.choix)] + [(("pieges", cle), cle) for cle in s.pieges]
        for chemin_champ, doc in a_verifier:
            if doc not in connus:
                loc = ["situations", i, *chemin_champ]
                lieu, _ = _lieu_erreur(brut, loc, ligne(loc))
                raise SituationsInvalides(f"{chemin}, {lieu} : {_inconnu('document', doc, connus)}")
    return fichier


def charger_situations(chemin: Path | str = CHEMIN_SITUATIONS) -> FichierSituations:
    """Lit et valide le fichier des situations (relu s'il a changé) ; ``SituationsInvalides`` sinon."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise SituationsInvalides(f"{chemin} : fichier de situations introuvable.")
    try:
        documents = tuple(ids_documents())
    except TableInvalide as exc:
        raise SituationsInvalides(f"La table des documents est invalide : {exc}") from None
    return _charger_situations(chemin, chemin.stat().st_mtime, documents)


# --- L'exercice -----------------------------------------------------------------------------------

class Reponse(BaseModel):
    """Une réponse à l'exercice : la situation et le document choisi (leurs identifiants)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    situation: Texte
    document: Texte


LIBELLES = {"situation": "identifiant de la situation (ex. olena)", "document": "identifiant du document choisi (ex. carte-a-pt)",
            "date_reference": "date à laquelle on lit les règles"}


def evaluer(situation: str | dict[str, Any] | Reponse, document: str | None = None, date_reference: dt.date | None = None,
            chemin: Path | str = CHEMIN_SITUATIONS) -> Decision:
    """Juge une réponse : ``evaluer("olena", "carte-a-pt")`` ou ``evaluer({"situation": ..., "document": ...})``.
    Rend une ``Decision`` (``juste`` ou ``faux``) ; ``ErreurSituation`` (messages français par champ) si
    la situation ou le document n'existe pas."""
    contenu = situation if document is None else {"situation": situation, "document": document}
    reponse = valider_modele(Reponse, contenu, LIBELLES, racine="reponse")
    date = _date(date_reference)
    fichier = charger_situations(chemin)
    ids = [s.id for s in fichier.situations]
    if reponse.situation not in ids:
        raise ErreurSituation([("situation", _inconnu("situation", reponse.situation, ids))], LIBELLES)
    s = fichier.par_id(reponse.situation)
    choisie = fiche(reponse.document, date)
    attendue = fiche(s.attendu, date)
    bareme = _bareme()
    juste = choisie.id == attendue.id
    meme_famille = choisie.document.famille == attendue.document.famille

    trace = (
        Etape("situation", "Quelle est la situation ?", f"{s.personnage} — {s.lieu}", s.reference),
        Etape("document_choisi", "Quel document a été choisi ?", choisie.document.nom, choisie.reference),
        Etape("famille", f"Le document choisi est-il de la bonne famille ({attendue.famille}) ?",
              "oui" if meme_famille else f"non ({choisie.famille})", attendue.reference),
        Etape("document_attendu", f"Est-ce le document qui correspond à la situation ({attendue.document.nom}) ?",
              "oui" if juste else "non", s.reference, decisive=True),
    )
    motifs: list[Motif] = []
    if juste:
        libelle = f"Juste : {attendue.document.nom}"
        motifs.append(Motif("juste", s.explication, s.reference, attendue.incertain))
    else:
        libelle = f"Pas tout à fait : le bon document est « {attendue.document.nom} »"
        piege = s.pieges.get(choisie.id) or (f"« {choisie.document.nom} » ne correspond pas à cette situation : {choisie.document.pour_qui}")
        motifs.append(Motif("piege", piege, choisie.reference))
        motifs.append(Motif("attendu", s.explication, s.reference, attendue.incertain))
    avertissements = [texte for _, texte in attendue.incertitudes()]
    if bareme.peut_etre_perime(date):
        avertissements.append(f"La table des titres a été revue le {date_fr(bareme.derniere_revue)} ; après le "
                              f"{date_fr(bareme.a_revoir_apres)}, vérifiez qu'elle n'a pas changé.")
    details = {
        "situation": s.id, "personnage": s.personnage, "document_choisi": choisie.id, "document_attendu": attendue.id,
        "juste": juste, "fiche_attendue": attendue.en_dict(),
    }
    return Decision(statut="juste" if juste else "faux", libelle=libelle, motifs=tuple(motifs), trace=trace,
                    date_reference=date, avertissements=tuple(dict.fromkeys(avertissements)), details=details)


@dataclass
class Partie:
    """Une partie de l'exercice : les réponses vérifiées et le score (la première réponse vérifiée
    de chaque situation compte ; on peut ensuite changer d'avis pour lire d'autres explications)."""

    fichier: FichierSituations
    date_reference: dt.date | None = None
    chemin: Path | str = CHEMIN_SITUATIONS
    premieres: dict[str, bool] = field(default_factory=dict)
    dernieres: dict[str, Decision] = field(default_factory=dict)

    def repondre(self, situation: str, document: str) -> Decision:
        decision = evaluer(situation, document, self.date_reference, self.chemin)
        self.premieres.setdefault(situation, decision.statut == "juste")
        self.dernieres[situation] = decision
        return decision

    @property
    def score(self) -> tuple[int, int]:
        """(justes du premier coup, situations vérifiées)."""
        return sum(self.premieres.values()), len(self.premieres)

    def recommencer(self) -> None:
        self.premieres.clear()
        self.dernieres.clear()


# --- Ligne de commande -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    return executer_cli(argv, "python -m widgets.rules.titres",
                        "Exercice « quel document pour cette situation ? » : réponse en JSON ({\"situation\": ..., \"document\": ...}), "
                        "décision en JSON ; --date = date à laquelle on lit les règles.",
                        "fichier JSON de la réponse", lambda contenu, date: evaluer(contenu, date_reference=date).en_dict())


if __name__ == "__main__":
    sys.exit(main())
