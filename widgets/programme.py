"""Le planificateur de session : un public, une durée, des thèmes -> une suite de séances minutée.

Les séances candidates sont celles du catalogue (``widgets.catalogue.modules()`` : métadonnées
``kit`` des carnets, aucune liste tenue à la main). Les horaires sont des **repères pédagogiques du
kit**, pas des règles légales :

- demi-journée : une plage de 3 h 30 (9 h 00 – 12 h 30 par défaut), dont une pause de 15 minutes ;
- journée : le matin (3 h 30, 9 h 00 – 12 h 30) et l'après-midi (3 h, 13 h 30 – 16 h 30), une pause de
  15 minutes par plage et une heure pour le repas de midi ;
- deux journées : deux fois la journée.

L'heure de début se règle ; les plages gardent leur durée et doivent rester cohérentes (pas avant
7 h 00, fin au plus tard à 22 h 00, repas de midi entre 11 h 30 et 14 h 00).

Le choix : les séances dont ``cibles`` contient le public, dans les thèmes (modules) choisis ; les
thèmes passent à tour de rôle, chacun dans l'ordre de ses numéros ; une séance va dans la première
plage où elle tient entière (jamais coupée), sans passer devant une séance de son module déjà placée ;
une séance qui ne tient plus arrête son thème (on ne saute pas une séance pour caser la suivante) ;
la pause se place entre deux séances. Ce qui ne tient pas est « laissé de côté faute de temps » ; le
temps qui reste est proposé pour des échanges. ::

    prog = composer("communes", "demi-journee", ["communication-interculturelle", "droit-etrangers"])
    page = page_html(prog, intitule="Accueillir au guichet", lieu="Salle du conseil, Namur")
    pdf = pdf_programme(prog)          # lève imprimer.PdfImpossible (message en français)

Aucun import d'ipywidgets ici : l'interface est dans ``widgets.simulateurs.planificateur``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from html import escape

from widgets import catalogue, imprimer
from widgets.rules.decision import date_fr

# --- Les repères du kit (en minutes) ---------------------------------------------------------

PAUSE = 15                 # une pause par plage
PLAGE_MATIN = 210          # 9 h 00 – 12 h 30
REPAS = 60                 # 12 h 30 – 13 h 30
PLAGE_APRES_MIDI = 180     # 13 h 30 – 16 h 30
HEURE_PAR_DEFAUT = 9 * 60
DEBUT_AU_PLUS_TOT = 7 * 60
FIN_AU_PLUS_TARD = 22 * 60
REPAS_ENTRE = (11 * 60 + 30, 14 * 60)  # le repas de midi commence dans cet intervalle

SEANCE, PAUSE_, REPAS_, LIBRE = "seance", "pause", "repas", "libre"

MENTION_REPERES = ("Horaires et pauses : repères pédagogiques du kit (une demi-journée de 3 h 30 avec une pause de "
                   "15 minutes ; une journée avec un matin de 3 h 30 et un après-midi de 3 h, une pause de 15 minutes "
                   "par plage et une heure pour le repas). Ce ne sont pas des règles légales : adaptez-les à votre "
                   "groupe, à votre lieu et à votre employeur.")


@dataclasses.dataclass(frozen=True)
class Format:
    code: str
    libelle: str
    nom: str       # « une demi-journée », « deux journées »
    jours: int
    plages: tuple[tuple[str, int, int], ...]  # (nom, début après l'heure de début, durée)

    @property
    def duree_jour(self) -> int:
        nom, decalage, duree = self.plages[-1]
        return decalage + duree

    @property
    def a_un_repas(self) -> bool:
        return len(self.plages) > 1


FORMATS = {
    f.code: f for f in (
        Format("demi-journee", "Demi-journée", "une demi-journée", 1, (("demi-journée", 0, PLAGE_MATIN),)),
        Format("journee", "Journée", "une journée", 1, (("matin", 0, PLAGE_MATIN), ("après-midi", PLAGE_MATIN + REPAS, PLAGE_APRES_MIDI))),
        Format("deux-journees", "Deux journées", "deux journées", 2, (("matin", 0, PLAGE_MATIN), ("après-midi", PLAGE_MATIN + REPAS, PLAGE_APRES_MIDI))),
    )
}


@dataclasses.dataclass(frozen=True)
class Candidate:
    """Une séance du kit qui peut entrer au programme (lue dans ses métadonnées ``kit``)."""
    module: str
    module_titre: str
    numero: int
    titre: str
    duree_minutes: int
    objectifs: tuple[str, ...]
    cibles: tuple[str, ...]
    chemin: str

    @property
    def cle(self) -> tuple[str, int]:
        return (self.module, self.numero)


@dataclasses.dataclass(frozen=True)
class Plage:
    jour: int      # 1, 2
    indice: int    # 0 (matin ou demi-journée), 1 (après-midi)
    nom: str
    debut: int     # minutes depuis minuit
    fin: int

    @property
    def capacite(self) -> int:
        """Le temps pour les séances : la plage moins sa pause."""
        return self.fin - self.debut - PAUSE

    @property
    def libelle(self) -> str:
        return f"{self.nom} du jour {self.jour}"


@dataclasses.dataclass(frozen=True)
class Creneau:
    jour: int
    plage: int | None  # indice de la plage ; None pour le repas de midi
    debut: int
    fin: int
    genre: str         # seance, pause, repas, libre
    seance: Candidate | None = None

    @property
    def duree(self) -> int:
        return self.fin - self.debut

    @property
    def horaire(self) -> str:
        return f"{heure_texte(self.debut)} – {heure_texte(self.fin)}"


@dataclasses.dataclass(frozen=True)
class Programme:
    public: str
    duree: str
    themes: tuple[str, ...]
    heure_debut: int
    plages: tuple[Plage, ...]
    creneaux: tuple[Creneau, ...] = ()
    laissees: tuple[Candidate, ...] = ()
    temps_libre: int = 0
    message: str = ""              # non vide quand le programme est vide : pourquoi
    remarques: tuple[str, ...] = ()
    titres_themes: tuple[str, ...] = ()

    @property
    def seances(self) -> tuple[Candidate, ...]:
        return tuple(c.seance for c in self.creneaux if c.genre == SEANCE)

    @property
    def vide(self) -> bool:
        return not self.seances

    @property
    def format(self) -> Format:
        return FORMATS[self.duree]

    @property
    def libelle_public(self) -> str:
        return catalogue.PUBLICS[self.public]


# --- Heures ------------------------------------------------------------------------------------

def heure_texte(minutes: int) -> str:
    """570 -> « 9 h 30 »."""
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}"


duree_texte = catalogue.duree_lisible  # 90 -> « 1 h 30 » ; 45 -> « 45 min » ; 120 -> « 2 h »


_HEURE = re.compile(r"^\s*(\d{1,2})\s*(?:[hH:.]\s*(\d{1,2})?)?\s*$")


def lire_heure(valeur: str | dt.time) -> int:
    """« 9 h 00 », « 9h30 », « 13:30 », « 9 » ou un ``datetime.time`` -> minutes depuis minuit."""
    if isinstance(valeur, dt.time):
        return valeur.hour * 60 + valeur.minute
    if not isinstance(valeur, str):
        raise ValueError(f"Heure de début illisible : « {valeur} ». Écrivez-la par exemple 9 h 00 ou 13:30.")
    m = _HEURE.match(valeur)
    if not m:
        raise ValueError(f"Heure de début illisible : « {valeur.strip()} ». Écrivez-la par exemple 9 h 00 ou 13:30.")
    h, mn = int(m.group(1)), int(m.group(2) or 0)
    if h > 23 or mn > 59:
        raise ValueError(f"L'heure « {valeur.strip()} » n'existe pas : les heures vont de 0 à 23, les minutes de 0 à 59.")
    return h * 60 + mn


def bornes_debut(duree: str) -> tuple[int, int]:
    """La première et la dernière heure de début qui gardent les plages cohérentes pour ce format."""
    f = _format(duree)
    plus_tot, plus_tard = DEBUT_AU_PLUS_TOT, FIN_AU_PLUS_TARD - f.duree_jour
    if f.a_un_repas:
        plus_tot = max(plus_tot, REPAS_ENTRE[0] - PLAGE_MATIN)
        plus_tard = min(plus_tard, REPAS_ENTRE[1] - PLAGE_MATIN)
    return plus_tot, plus_tard


def plages(duree: str, heure_debut: str | dt.time | int = HEURE_PAR_DEFAUT) -> tuple[Plage, ...]:
    """Les plages horaires d'un format pour une heure de début ; ``ValueError`` (en français) si
    elles ne restent pas cohérentes."""
    f = _format(duree)
    debut = heure_debut if isinstance(heure_debut, int) and not isinstance(heure_debut, bool) else lire_heure(heure_debut)
    if not 0 <= debut < 24 * 60:
        raise ValueError(f"Heure de début impossible : {debut} minutes après minuit.")
    plus_tot, plus_tard = bornes_debut(duree)
    if not plus_tot <= debut <= plus_tard:
        pourquoi = (f"le repas de midi doit commencer entre {heure_texte(REPAS_ENTRE[0])} et {heure_texte(REPAS_ENTRE[1])}, "
                    if f.a_un_repas else "")
        raise ValueError(
            f"Avec un début à {heure_texte(debut)}, les plages ne sont plus cohérentes pour {f.nom} "
            f"({pourquoi}pas de formation avant {heure_texte(DEBUT_AU_PLUS_TOT)} ni après {heure_texte(FIN_AU_PLUS_TARD)} : "
            f"repères du kit). Commencez entre {heure_texte(plus_tot)} et {heure_texte(plus_tard)}.")
    resultat = []
    for jour in range(1, f.jours + 1):
        for indice, (nom, decalage, longueur) in enumerate(f.plages):
            resultat.append(Plage(jour, indice, nom, debut + decalage, debut + decalage + longueur))
    return tuple(resultat)


def _format(duree: str) -> Format:
    if not isinstance(duree, str) or duree not in FORMATS:
        possibles = ", ".join(f"« {code} » ({f.libelle.lower()})" for code, f in FORMATS.items())
        raise ValueError(f"Durée inconnue : « {duree} ». Durées possibles : {possibles}.")
    return FORMATS[duree]


# --- Les séances candidates --------------------------------------------------------------------

def candidates(modules: list[catalogue.Module], public: str, themes: Iterable[str]) -> dict[str, list[Candidate]]:
    """Par thème choisi (dans l'ordre du catalogue) : ses séances qui conviennent au public, par numéro."""
    choisis = set(themes)
    resultat: dict[str, list[Candidate]] = {}
    for mod in modules:
        if mod.dossier not in choisis:
            continue
        liste = [Candidate(module=mod.dossier, module_titre=mod.meta.titre, numero=s.meta.numero, titre=s.meta.titre,
                           duree_minutes=s.meta.duree_minutes, objectifs=tuple(s.meta.objectifs),
                           cibles=tuple(s.meta.cibles), chemin=s.chemin)
                 for s in mod.seances if public in s.meta.cibles]
        liste.sort(key=lambda c: c.numero)
        resultat[mod.dossier] = liste
    return resultat


def tour_de_role(par_theme: dict[str, list[Candidate]]) -> list[Candidate]:
    """La première séance de chaque thème, puis la deuxième de chacun, etc."""
    files = [list(liste) for liste in par_theme.values()]
    ordre = []
    while any(files):
        for f in files:
            if f:
                ordre.append(f.pop(0))
    return ordre


def placer(ordre: list[Candidate], liste_plages: tuple[Plage, ...]) -> tuple[list[list[Candidate]], list[Candidate]]:
    """Chaque séance, dans l'ordre donné, va dans la première plage où elle tient entière, à partir
    de la plage de la dernière séance placée de son module. Une séance qui ne tient nulle part arrête
    son module : les suivantes sont laissées de côté elles aussi (on ne saute jamais une séance)."""
    contenu: list[list[Candidate]] = [[] for _ in liste_plages]
    libre = [p.capacite for p in liste_plages]
    derniere_plage: dict[str, int] = {}
    arretes: set[str] = set()
    laissees = []
    for s in ordre:
        if s.module not in arretes:
            for i in range(derniere_plage.get(s.module, 0), len(liste_plages)):
                if s.duree_minutes <= libre[i]:
                    contenu[i].append(s)
                    libre[i] -= s.duree_minutes
                    derniere_plage[s.module] = i
                    break
            else:
                arretes.add(s.module)
        if s.module in arretes:
            laissees.append(s)
    return contenu, laissees


def _position_pause(durees: list[int]) -> int:
    """Après combien de séances placer la pause : le partage le plus équilibré (au moins une avant)."""
    total = sum(durees)
    if len(durees) < 2:
        return len(durees)
    return min(range(1, len(durees)), key=lambda k: (abs(2 * sum(durees[:k]) - total), k))


def _creneaux(liste_plages: tuple[Plage, ...], contenu: list[list[Candidate]]) -> list[Creneau]:
    creneaux: list[Creneau] = []
    for n, (plage, seances) in enumerate(zip(liste_plages, contenu)):
        if n and liste_plages[n - 1].jour == plage.jour:
            creneaux.append(Creneau(plage.jour, None, liste_plages[n - 1].fin, plage.debut, REPAS_))
        t = plage.debut
        k = _position_pause([s.duree_minutes for s in seances])
        for i, s in enumerate(seances):
            if i == k:
                creneaux.append(Creneau(plage.jour, plage.indice, t, t + PAUSE, PAUSE_))
                t += PAUSE
            creneaux.append(Creneau(plage.jour, plage.indice, t, t + s.duree_minutes, SEANCE, s))
            t += s.duree_minutes
        if seances and k == len(seances):  # une seule séance : la pause la suit
            creneaux.append(Creneau(plage.jour, plage.indice, t, t + PAUSE, PAUSE_))
            t += PAUSE
        if t < plage.fin:
            creneaux.append(Creneau(plage.jour, plage.indice, t, plage.fin, LIBRE))
    return creneaux


def _liste_fr(elements: list[str]) -> str:
    return elements[0] if len(elements) == 1 else ", ".join(elements[:-1]) + " et " + elements[-1]


def composer(public: str, duree: str, themes: Iterable[str] | None, heure_debut: str | dt.time = "9 h 00",
             modules: list[catalogue.Module] | None = None) -> Programme:
    """Le programme d'une session. ``ValueError`` en français pour un public, une durée, un thème ou
    une heure de début invalides ; un programme vide (avec ``message``) quand rien ne correspond."""
    if not isinstance(public, str) or public not in catalogue.PUBLICS:
        possibles = ", ".join(f"« {code} » ({libelle})" for code, libelle in catalogue.PUBLICS.items())
        raise ValueError(f"Public inconnu : « {public} ». Publics possibles : {possibles}.")
    if themes is None or isinstance(themes, str):
        themes = [themes] if themes else []
    themes = list(dict.fromkeys(t if isinstance(t, str) else repr(t) for t in themes))
    liste_plages = plages(duree, heure_debut)
    modules = catalogue.modules() if modules is None else modules
    titres = {m.dossier: m.meta.titre for m in modules}
    inconnus = [t for t in themes if t not in titres]
    if inconnus:
        raise ValueError(f"Thème inconnu : « {inconnus[0]} ». Thèmes possibles : {', '.join(titres)}.")
    themes_ordonnes = tuple(d for d in titres if d in themes)
    base = dict(public=public, duree=duree, themes=themes_ordonnes, heure_debut=liste_plages[0].debut, plages=liste_plages,
                titres_themes=tuple(titres[t] for t in themes_ordonnes))
    libelle_public = catalogue.PUBLICS[public]
    if not themes_ordonnes:
        return Programme(**base, message="Aucun thème choisi : cochez au moins un thème pour composer le programme.")

    par_theme = candidates(modules, public, themes_ordonnes)
    sans_seance = [titres[t] for t, liste in par_theme.items() if not liste]
    if len(sans_seance) == len(par_theme):
        if len(sans_seance) == 1:
            message = (f"Aucune séance du thème « {sans_seance[0]} » ne convient au public « {libelle_public} » : "
                       "choisissez un autre thème ou un autre public.")
        else:
            message = (f"Aucune séance des thèmes {_liste_fr([f'« {t} »' for t in sans_seance])} ne convient au public "
                       f"« {libelle_public} » : choisissez un autre thème ou un autre public.")
        return Programme(**base, message=message)

    contenu, laissees = placer(tour_de_role(par_theme), liste_plages)
    rang = {t: i for i, t in enumerate(themes_ordonnes)}
    laissees.sort(key=lambda s: (rang[s.module], s.numero))
    f = FORMATS[duree]
    if not any(contenu):
        return Programme(**base, laissees=tuple(laissees), message=(
            f"Aucune séance ne tient : la première séance de chaque thème choisi dure plus que la plus longue plage de "
            f"{f.nom} ({duree_texte(max(p.capacite for p in liste_plages))} hors pause, repères du kit). Une séance n'est "
            "jamais coupée, et les suivantes d'un module ne passent pas devant elle."))

    remarques = [f"Le thème « {t} » n'a aucune séance pour le public « {libelle_public} »." for t in sans_seance]
    for plage, seances in zip(liste_plages, contenu):
        if not seances:
            nom = plage.nom if f.jours == 1 else plage.libelle
            remarques.append(f"La plage « {nom} » reste libre : ajoutez un thème ou choisissez une durée plus courte.")
    creneaux = _creneaux(liste_plages, contenu)
    return Programme(**base, creneaux=tuple(creneaux), laissees=tuple(laissees),
                     temps_libre=sum(c.duree for c in creneaux if c.genre == LIBRE), remarques=tuple(remarques))


# --- Le programme en HTML ----------------------------------------------------------------------

LIBELLES_CRENEAU = {
    PAUSE_: "Pause",
    REPAS_: "Pause de midi",
    LIBRE: "Temps libre : échanges, questions, situations apportées par le groupe",
}


def tableau_html(prog: Programme) -> str:
    """Le tableau jour / horaire / séance / module / objectifs (pauses et temps libre compris)."""
    lignes = []
    for c in prog.creneaux:
        debut = f'<td class="kit-programme-jour">Jour {c.jour}</td><td class="kit-programme-horaire">{c.horaire}</td>'
        if c.genre == SEANCE:
            s = c.seance
            objectifs = "<ul>" + "".join(f"<li>{escape(o)}</li>" for o in s.objectifs) + "</ul>"
            lignes.append(
                f'<tr class="kit-creneau kit-creneau-seance" data-module="{escape(s.module)}" data-numero="{s.numero}">{debut}'
                f'<td><strong>Séance {s.numero} — {escape(s.titre)}</strong><br><span class="kit-meta">{duree_texte(s.duree_minutes)}</span></td>'
                f'<td>{escape(s.module_titre)}</td><td class="kit-programme-objectifs">{objectifs}</td></tr>')
        else:
            lignes.append(f'<tr class="kit-creneau kit-creneau-{c.genre}">{debut}'
                          f'<td colspan="3"><em>{escape(LIBELLES_CRENEAU[c.genre])}</em> ({duree_texte(c.duree)})</td></tr>')
    return ('<table class="kit-table kit-programme-tableau"><thead><tr><th scope="col">Jour</th><th scope="col">Horaire</th>'
            '<th scope="col">Séance</th><th scope="col">Module</th><th scope="col">Objectifs</th></tr></thead>'
            f"<tbody>{''.join(lignes)}</tbody></table>")


def entete_html(prog: Programme) -> str:
    """Pour qui, quand, quels thèmes ; puis le bilan (séances, temps libre) ou, si le programme est
    vide, pourquoi."""
    f = prog.format
    bornes = f"{heure_texte(prog.plages[0].debut)} à {heure_texte(prog.plages[-1].fin)}"
    entete = (f'<p class="kit-programme-entete"><strong>{escape(prog.libelle_public)}</strong> · {escape(f.libelle)}'
              f"{', chaque jour' if f.jours > 1 else ''}, de {bornes}"
              + (f" · thèmes : {escape(', '.join(prog.titres_themes))}" if prog.titres_themes else "") + "</p>")
    if prog.vide:
        return entete + f'<div class="kit-attente kit-programme-message"><p>{escape(prog.message)}</p></div>'
    n = len(prog.seances)
    libre = (f"temps libre : {duree_texte(prog.temps_libre)}, à proposer pour des échanges (questions, situations "
             "apportées par le groupe, évaluation)") if prog.temps_libre else "aucun temps libre"
    return entete + (f'<p class="kit-programme-bilan" data-seances="{n}" data-libre="{prog.temps_libre}" '
                     f'data-laissees="{len(prog.laissees)}"><strong>{n} séance{"s" if n > 1 else ""}</strong> · {libre}.</p>')


def complements_html(prog: Programme) -> str:
    """Les séances laissées de côté faute de temps et les remarques, sous le tableau."""
    parties = []
    if prog.laissees and not prog.vide:
        items = "".join(f'<li data-module="{escape(s.module)}" data-numero="{s.numero}">Séance {s.numero} — {escape(s.titre)} '
                        f"({escape(s.module_titre)}, {duree_texte(s.duree_minutes)})</li>" for s in prog.laissees)
        parties.append(f'<div class="kit-programme-laissees"><p><strong>Laissées de côté faute de temps</strong> '
                       f"(à garder pour une autre session) :</p><ul>{items}</ul></div>")
    for r in prog.remarques:
        parties.append(f'<p class="kit-avertissement kit-programme-remarque">{escape(r)}</p>')
    return "".join(parties)


def apercu_html(prog: Programme) -> str:
    """Tout le programme tel que l'affiche le planificateur : en-tête, tableau, compléments."""
    return entete_html(prog) + ("" if prog.vide else tableau_html(prog)) + complements_html(prog)


# Le tableau a cinq colonnes : le programme s'imprime en A4 paysage.
CSS_PROGRAMME = """
@page { size: A4 landscape; }
body { max-width: 64em; }
.kit-programme-tableau td ul { margin: 0; padding-left: 1.1em; }
.kit-programme-jour, .kit-programme-horaire { white-space: nowrap; }
.kit-programme-tableau { font-size: 0.93em; }
.kit-programme-objectifs { font-size: 0.92em; }
.kit-programme-tableau { table-layout: fixed; }
.kit-programme-tableau th:nth-child(1) { width: 4.5em; }
.kit-programme-tableau th:nth-child(2) { width: 9em; }
.kit-programme-tableau th:nth-child(3) { width: 26%; }
.kit-programme-tableau th:nth-child(4) { width: 14%; }
.kit-creneau-pause td, .kit-creneau-repas td, .kit-creneau-libre td { background: #f3f3f3; }
.kit-programme-tableau tr { break-inside: avoid; }
.kit-programme-laissees { font-size: 0.92em; }
.kit-programme-laissees ul { margin-top: 0.2em; }
.kit-avertissement { border-left: 4px solid #8a4b00; background: #fff4d6; padding: 0.3em 0.6em; }
.kit-attente { border: 1px dashed #888; padding: 0.3em 0.8em; }
@media print { .kit-programme-tableau { break-inside: auto; } }
"""


def page_html(prog: Programme, intitule: str = "", lieu: str = "", produit_le: dt.date | None = None) -> str:
    """Le programme en page HTML autonome, imprimable en A4 (``widgets.imprimer.page``). L'intitulé et le
    lieu, saisis par le formateur, sont échappés."""
    intitule, lieu = (intitule or "").strip(), (lieu or "").strip()
    titre = intitule or "Programme de formation"
    jour = produit_le or dt.date.today()
    corps = (f"<h1>{escape(titre)}</h1>"
             + ('<p class="kit-meta">Programme de formation</p>' if intitule else "")
             + (f'<p class="kit-meta kit-programme-lieu"><strong>Lieu :</strong> {escape(lieu)}</p>' if lieu else "")
             + apercu_html(prog)
             + f'<p class="kit-encadre kit-programme-reperes">{escape(MENTION_REPERES)}</p>'
             + f'<p class="kit-pied">Programme produit le {date_fr(jour)} avec le Kit de formation du secteur de '
               "l'intégration en Wallonie (planificateur de session). Les séances et leurs objectifs viennent du "
               "catalogue du kit.</p>")
    return imprimer.page(titre, corps, CSS_PROGRAMME)


def pdf_programme(prog: Programme, intitule: str = "", lieu: str = "", produit_le: dt.date | None = None) -> bytes:
    """Le PDF du programme (Chromium sans tête) ; lève ``imprimer.PdfImpossible`` avec un message français."""
    return imprimer.pdf_en_octets(page_html(prog, intitule, lieu, produit_le))


def nom_fichier(prog: Programme, intitule: str = "", extension: str = "html") -> str:
    """« programme-accueillir-au-guichet.html », ou « programme-communes-demi-journee.pdf » sans intitulé."""
    base = unicodedata.normalize("NFKD", (intitule or "").strip()).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:60].strip("-")
    return f"programme-{base or f'{prog.public}-{prog.duree}'}.{extension}"
