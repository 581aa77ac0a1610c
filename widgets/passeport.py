"""Le « Passeport du migrant » d'une commune wallonne (issue #7) : en une page, le CRI compétent et
ses bureaux d'accueil (carte et tableau), le parcours d'intégration en bref et, thème par thème,
les services utiles.

Le carnet modèle ``modules/citoyennete/passeport-commune.ipynb`` n'appelle que ``preparer`` et les
méthodes du ``Passeport`` ; ``python -m widgets.passeports`` le remplit avec papermill pour chaque
commune et l'exporte en HTML statique. Tout est donc rendu en **HTML** (``IPython.display.HTML``) et
jamais dans des widgets, qu'une page HTML statique n'afficherait pas.

Les fonctions ``*_html`` rendent des chaînes HTML, testables sans navigateur. Elles réutilisent le
rendu de la séance « Où s'adresser ? » (``widgets.simulateurs.ou_sadresser``) ; chaque durée du
parcours est lue dans ``widgets/rules/parametres/parcours.yaml`` à la date du passeport. Une
commune inconnue, germanophone, bruxelloise ou flamande donne un message en français à la place du
passeport, jamais une trace d'erreur.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

from widgets import cartes, data
from widgets.rules import legislation, parcours
from widgets.rules.decision import date_fr
from widgets.simulateurs import ou_sadresser
from widgets.ui import decision as rendu
from widgets.ui import theme

# Les thèmes du passeport, dans l'ordre de l'issue #7 (code de ``services.csv``, titre affiché).
THEMES_PASSEPORT = (
    ("logement", "Logement"),
    ("santé", "Santé"),
    ("emploi", "Travail et formation"),
    ("enseignement", "Enseignement"),
    ("administration", "Administration et séjour"),
    ("cours de français", "Cours de français"),
    ("aide sociale", "Aide sociale"),
    ("interprétariat", "Interprétariat"),
    ("discriminations", "Discriminations"),
)

# Ce qui s'ajoute au thème de la séance : une page imprimée, sans carte (le tableau la remplace).
CSS_PASSEPORT = """
.kit-passeport { max-width: 62em; line-height: 1.45; }
.kit-passeport h4 { margin: 1em 0 0.3em 0; }
.kit-passeport-entete { border-bottom: 3px solid #1d4e89; padding-bottom: 0.4em; margin-bottom: 0.6em; }
.kit-passeport-entete .kit-commune-nom { font-size: 1.7em; margin: 0.1em 0; color: #1d4e89; }
.kit-passeport-sur-titre { text-transform: uppercase; letter-spacing: 0.08em; font-weight: 700; color: #1d4e89; margin: 0; }
.kit-passeport-section { margin: 1.2em 0; }
.kit-passeport-section > h3 { border-bottom: 1px solid #bbb; padding-bottom: 0.2em; color: #1d4e89; }
.kit-passeport-proche { background: #e8f0fb; border-left: 4px solid #1d4e89; padding: 0.4em 0.7em; }
.kit-passeport-theme { break-inside: avoid; page-break-inside: avoid; }
.kit-passeport-theme ul { margin: 0.2em 0 0.6em 1.2em; padding: 0; }
.kit-passeport-theme li { margin: 0.25em 0; }
.kit-passeport-message { font-size: 1.05em; }
.kit-seance.kit-passeport table td, .kit-seance.kit-passeport table th { text-align: left; vertical-align: top; }
@media print {
  .kit-carte { display: none; }
  .kit-passeport a { color: #000; text-decoration: none; }
}
"""

DATES_DONNEES = "communes : état au 1er janvier 2025 (Statbel) ; CRI et bureaux : sources citées pour chacun"


@dataclass(frozen=True)
class Resolution:
    """Ce que désigne le texte demandé : une commune (ligne de ``communes.csv`` enrichie), ou un
    message en français qui dit pourquoi il n'y en a pas."""

    texte: str
    commune: dict | None
    message: str | None = None


def resoudre(texte: str | int) -> Resolution:
    """La commune désignée par un nom (français, néerlandais, allemand), un code INS, une localité
    ou un code postal qui ne désigne qu'une commune. Rien ou plusieurs : un message clair."""
    brut = " ".join(str(texte).split())
    if not brut:
        return Resolution(brut, None, "Aucune commune n'est indiquée : donnez le nom d'une commune wallonne ou son code INS.")
    commune = data.trouver_commune(brut)
    if commune is None:
        if re.fullmatch(r"\d{5}", brut):
            return Resolution(brut, None, f"Aucune commune belge n'a le code INS {brut}. Vérifiez le code (5 chiffres, par exemple 53053 pour Mons).")
        try:
            resultats = data.chercher_communes(brut)
        except data.DonneesInvalides as exc:
            return Resolution(brut, None, str(exc))
        if len(resultats) > 1:
            choix = " ; ".join(f"{ou_sadresser.libelle(r)} (code INS {r['nis']})" for r in resultats)
            return Resolution(brut, None, f"« {brut} » désigne plusieurs communes : {choix}. Précisez le nom complet ou le code INS.")
        if not resultats:
            return Resolution(brut, None, ou_sadresser.message_introuvable(brut))
        commune = resultats[0]
    if "codes_postaux" not in commune:
        commune = {**commune, "codes_postaux": data.codes_postaux_de(commune["nis"])}
    return Resolution(brut, commune)


def decouper(textes: list[str] | tuple[str, ...]) -> list[str]:
    """Les demandes d'une ligne de commande : chaque texte est une commune, ou une liste séparée
    par des virgules, ou (``make passeports COMMUNES="Mons La Louvière"``) des noms séparés par des
    espaces, lus du plus long au plus court : « La Louvière » reste un seul nom. Des mots qui ne
    désignent aucune commune restent ensemble (pour que le message propose le bon nom)."""
    demandes: list[str] = []
    for texte in textes:
        if any(s in texte for s in ",;"):
            demandes += [m.strip() for m in re.split(r"[,;]", texte) if m.strip()]
            continue
        mots, i, inconnus = texte.split(), 0, []
        while i < len(mots):
            for j in range(len(mots), i, -1):
                if resoudre(" ".join(mots[i:j])).commune is not None:
                    if inconnus:
                        demandes.append(" ".join(inconnus))
                        inconnus = []
                    demandes.append(" ".join(mots[i:j]))
                    i = j
                    break
            else:
                inconnus.append(mots[i])
                i += 1
        if inconnus:
            demandes.append(" ".join(inconnus))
    return demandes


def a_un_cri(commune: dict | None) -> bool:
    """La commune relève-t-elle d'un CRI wallon (et a-t-elle donc un passeport complet) ?"""
    return commune is not None and commune.get("cri") in data.CRI_SIGLES


# --- Les parties du passeport (HTML) ----------------------------------------------------------

def style_html(mode: str = "apprenant") -> str:
    """La feuille de style du kit pour ce mode, et celle du passeport ; un mode inconnu est signalé."""
    avertissement = ""
    try:
        feuille = theme.css(mode)
    except ValueError as exc:
        feuille = theme.css("apprenant")
        avertissement = f'<div class="kit-avertissement">{escape(str(exc))} Le mode « apprenant » est utilisé.</div>'
    return f"<style>{feuille}{CSS_PASSEPORT}</style>{avertissement}"


def entete_html(commune: dict, jour: dt.date) -> str:
    """Le titre du passeport : la commune (reprise de « Où s'adresser ? ») et la date."""
    objet = (f"Les adresses utiles pour une personne qui s'installe à {commune['nom']}. " if a_un_cri(commune) else "")
    return ('<div class="kit-passeport-entete"><p class="kit-passeport-sur-titre">Passeport du migrant</p>'
            + ou_sadresser.entete_html(commune)
            + f'<p class="kit-ref">{escape(objet)}Document établi le {escape(date_fr(jour))}.</p></div>')


def message_html(texte: str, message: str) -> str:
    """À la place du passeport : la commune n'est pas trouvée, ou le passeport ne peut pas s'afficher."""
    return (f'<div class="kit-passeport-entete"><p class="kit-passeport-sur-titre">Passeport du migrant</p></div>'
            f'<div class="kit-avertissement kit-passeport-message kit-passeport-introuvable" data-demande="{escape(texte)}">'
            f"<strong>Pas de passeport pour « {escape(texte)} ».</strong> {escape(message)}</div>")


def hors_ressort_html(commune: dict) -> str:
    """Commune germanophone, bruxelloise ou flamande : vers qui se tourner (texte des règles du parcours)."""
    return ('<div class="kit-passeport-hors-ressort">'
            + ou_sadresser.autre_entite_html(commune)
            + "<p>Le passeport du kit décrit les services de la Wallonie de langue française : il n'est pas établi pour "
            f"{escape(commune['nom'])}.</p></div>")


def bureau_le_plus_proche_html(commune: dict) -> str:
    """Une phrase : le bureau d'accueil du CRI le plus proche du centre de la commune."""
    bureaux = data.bureaux_du_cri(commune["cri"])
    if bureaux.empty:
        return ""
    b = cartes.bureaux_par_distance(bureaux, commune).iloc[0]
    ou = ("dans la commune" if b["nis"] == commune["nis"]
          else f"à environ {b['distance_km']:.0f} km à vol d'oiseau".replace(".", ","))
    approx = " (adresse à confirmer auprès du CRI)" if b["confiance"] != "confirmé" else ""
    return (f'<p class="kit-passeport-proche" data-bureau="{escape(b["id"])}">Le bureau d\'accueil le plus proche : '
            f"<strong>{escape(b['nom'])}</strong>, {escape(cartes.adresse(b))}, {ou}{approx}.</p>")


def cri_html(commune: dict) -> str:
    """Le CRI compétent (fiche et fiabilité du rattachement), le bureau le plus proche, la carte des
    bureaux et le tableau équivalent (rendus de « Où s'adresser ? »)."""
    return ('<section class="kit-passeport-section kit-passeport-cri"><h3>1. Le Centre régional d\'intégration (CRI)</h3>'
            "<p>Le CRI accueille les personnes étrangères, organise le parcours d'intégration et oriente vers les "
            "services de la région. L'accueil y est gratuit.</p>"
            + ou_sadresser.cri_html(commune) + bureau_le_plus_proche_html(commune) + ou_sadresser.bureaux_html(commune)
            + "</section>")


def _valeur(bareme: legislation.Bareme, nom: str, jour: dt.date) -> legislation.ValeurDatee | None:
    return bareme.valeur(nom, jour) if nom in bareme.parametres else None


def _ref(v: legislation.ValeurDatee) -> str:
    incertain = f'<span class="kit-incertain">À vérifier : {escape(v.incertain)}</span>' if v.incertain else ""
    return f'<span class="kit-ref">Référence : {escape(v.source())}</span>{incertain}'


def parcours_html(jour: dt.date) -> str:
    """Le parcours d'intégration en bref : pour qui, les étapes, les quatre axes, la gratuité.
    Chaque durée vient des paramètres datés (valeur en vigueur à ``jour``) ; une valeur que le kit
    ne connaît pas à cette date n'est pas écrite."""
    bareme = legislation.charger("parcours")
    v = {nom: _valeur(bareme, nom, jour) for nom in (
        "duree_sejour_primo_arrivant", "duree_titre_sejour", "age_minimum", "age_maximum",
        "delai_bureau_accueil", "intervalle_evaluation", "delai_attestation")}
    points = []
    if v["duree_sejour_primo_arrivant"] and v["duree_titre_sejour"]:
        ages = (f", âgées de {v['age_minimum'].valeur} à {v['age_maximum'].valeur - 1} ans"
                if v["age_minimum"] and v["age_maximum"] else "")
        points.append(
            "<li><strong>Pour qui ?</strong> Il est obligatoire, sauf dispense, pour les personnes étrangères (hors Union "
            "européenne, Espace économique européen et Suisse) qui séjournent légalement en Belgique depuis moins de "
            f"{v['duree_sejour_primo_arrivant'].valeur} ans avec un titre de séjour de plus de {v['duree_titre_sejour'].valeur} mois"
            f"{ages}. Les autres personnes étrangères peuvent le suivre volontairement. Le CRI dit si la personne est "
            f"concernée et si une dispense s'applique.{_ref(v['duree_sejour_primo_arrivant'])}</li>")
    points.append(
        "<li><strong>Combien ?</strong> Le parcours est <strong>gratuit</strong>, interprétariat compris (SeTIS wallon), "
        "pour les personnes obligées de le suivre comme pour les volontaires."
        f'<span class="kit-ref">Référence : {escape(parcours.REF_VOLONTAIRE)} ; http://actionsociale.wallonie.be/node/146</span></li>')
    if v["delai_bureau_accueil"]:
        points.append(
            "<li><strong>Première étape.</strong> À l'inscription à la commune, la personne est orientée vers le bureau "
            f"d'accueil du CRI ; elle doit s'y présenter dans les {v['delai_bureau_accueil'].valeur} mois.{_ref(v['delai_bureau_accueil'])}</li>")
    if v["intervalle_evaluation"]:
        points.append(
            "<li><strong>Le suivi.</strong> La personne signe une convention avec le CRI ; un entretien d'évaluation a lieu "
            f"au moins tous les {v['intervalle_evaluation'].valeur} mois.{_ref(v['intervalle_evaluation'])}</li>")
    if v["delai_attestation"]:
        points.append(
            "<li><strong>L'attestation.</strong> Pour un titre de séjour commandé le "
            f"{escape(date_fr(jour))}, l'attestation de fréquentation est à obtenir dans les "
            f"{parcours.en_mois(v['delai_attestation'].valeur)} qui suivent la commande.{_ref(v['delai_attestation'])}</li>")
    # Les axes, tels que le simulateur du parcours les présente (valeurs lues à la même date).
    axes = parcours.axes(jour)
    perime = ""
    if bareme.peut_etre_perime(jour):
        perime = (f'<div class="kit-avertissement">Les règles du kit ont été revues le {escape(date_fr(bareme.derniere_revue))} ; '
                  "elles ont pu changer depuis : vérifiez auprès du CRI.</div>")
    return ('<section class="kit-passeport-section kit-passeport-parcours"><h3>2. Le parcours d\'intégration en bref</h3>'
            f"{perime}<ul>{''.join(points)}</ul>{rendu.tableau_axes(axes)}"
            f'<p class="kit-ref">Règles en vigueur au {escape(date_fr(jour))}, revues par le kit le '
            f"{escape(date_fr(bareme.derniere_revue))}.</p></section>")


def themes_html(commune: dict, mode: str = "apprenant") -> str:
    """Thème par thème, les services de toute la Wallonie et ceux de la commune (``services.csv``) ;
    les lignes d'exemple sont marquées « exemple à vérifier »."""
    services = data.services_pour(commune["nis"])
    blocs = []
    for code, titre in THEMES_PASSEPORT:
        lignes = services[services["theme"] == code]
        items = [ou_sadresser.service_html(s) for _, s in lignes.iterrows()] or [
            '<li class="kit-service-absent">Le kit ne connaît pas encore de service pour ce thème : demandez conseil au CRI '
            "ou à la commune.</li>"]
        blocs.append(f'<div class="kit-passeport-theme" data-theme="{escape(code)}"><h4>{escape(titre)}</h4>'
                     f"<p>{escape(ou_sadresser.AIDES_THEMES.get(code, ''))}</p><ul>{''.join(items)}</ul></div>")
    exemples = int(services["exemple"].sum())
    avis = (f'<div class="kit-avertissement">{exemples} ligne(s) marquée(s) « {escape(data.MARQUE_EXEMPLE)} » : ce sont des '
            "exemples de services locaux, pas encore vérifiés. Vérifiez-les auprès de la commune avant de les donner.</div>"
            if exemples else "")
    adapter = ('<p class="kit-ref">Pour ajouter les services de la commune : une ligne par service dans '
               "<code>datasets/services.csv</code> (code INS de la commune, site officiel, source ; voir "
               "<code>datasets/README.md</code>), puis régénérez les passeports.</p>" if mode == "formateur" else "")
    return ('<section class="kit-passeport-section kit-passeport-themes"><h3>3. Les services utiles, thème par thème</h3>'
            f"<p>Des organismes de toute la Wallonie (ou fédéraux) et, quand le kit en connaît, des services de "
            f"{escape(commune['nom'])}. Une adresse ou un téléphone n'est donné que si une source le confirme : sinon, le "
            f"site officiel indique comment les joindre.</p>{avis}{''.join(blocs)}{adapter}</section>")


def pied_html(commune: dict, jour: dt.date) -> str:
    """D'où viennent les informations, et leur degré de confiance."""
    verif = data.services_pour(commune["nis"])["date_verification"]
    mois = max(verif) if len(verif) else "?"
    revue = legislation.charger("parcours").derniere_revue
    return ('<section class="kit-passeport-section kit-passeport-pied"><h3>Sources et fiabilité</h3>'
            "<p>Ce passeport est produit par le kit de formation du secteur de l'intégration en Wallonie, à partir de ses "
            f"données : {escape(DATES_DONNEES)} ; services vérifiés jusqu'en {escape(mois)} ; règles du parcours revues le "
            f"{escape(date_fr(revue))}. Les mentions « confirmé », « déduit », « non confirmé » et « {escape(data.MARQUE_EXEMPLE)} » "
            "disent le degré de confiance de chaque information. Avant de vous déplacer, vérifiez les adresses et les "
            "horaires sur le site de l'organisme ou auprès du CRI.</p>"
            f'<p class="kit-ref">Établi le {escape(date_fr(jour))} pour {escape(commune["nom"])} (code INS {escape(commune["nis"])}).</p>'
            "</section>")


# --- Le passeport complet, et ce que le carnet appelle ---------------------------------------

class Passeport:
    """Le passeport d'une commune, partie par partie. Chaque partie rend son HTML (chaîne) ;
    ``afficher_*`` la rend prête à afficher dans un carnet, ou ``None`` s'il n'y a rien à montrer
    (commune sans passeport : seul l'en-tête porte le message)."""

    def __init__(self, texte: str | int, mode: str = "apprenant", jour: dt.date | None = None):
        self.mode, self.jour = mode, jour or dt.date.today()
        self.resolution: Resolution | None = None
        self.erreur: str | None = None
        try:
            self.resolution = resoudre(texte)
        except (data.DonneesInvalides, legislation.ParametresInvalides) as exc:
            self.erreur = str(exc)
        self.texte = " ".join(str(texte).split())

    @property
    def commune(self) -> dict | None:
        return self.resolution.commune if self.resolution else None

    @property
    def complet(self) -> bool:
        """Vrai quand la commune relève d'un CRI wallon : le passeport a toutes ses parties."""
        return self.erreur is None and a_un_cri(self.commune)

    def _sur(self, partie) -> str:
        """Une partie du passeport ; un fichier de données ou de paramètres invalide donne un message."""
        if not self.complet:
            return ""
        try:
            return partie()
        except (data.DonneesInvalides, legislation.ParametresInvalides) as exc:
            return f'<div class="kit-avertissement kit-erreur-fichier">Cette partie du passeport ne peut pas s\'afficher : {escape(str(exc))}</div>'

    def entete_html(self) -> str:
        debut = f'{style_html(self.mode)}<div class="kit-seance kit-passeport">'
        if self.erreur:
            return debut + message_html(self.texte, f"Le passeport ne peut pas s'afficher : {self.erreur}") + "</div>"
        if self.commune is None:
            return debut + message_html(self.texte, self.resolution.message or "") + "</div>"
        if not self.complet:
            return debut + entete_html(self.commune, self.jour) + hors_ressort_html(self.commune) + "</div>"
        return debut + entete_html(self.commune, self.jour) + "</div>"

    def cri_html(self) -> str:
        return self._sur(lambda: cri_html(self.commune))

    def parcours_html(self) -> str:
        return self._sur(lambda: parcours_html(self.jour))

    def themes_html(self) -> str:
        return self._sur(lambda: themes_html(self.commune, self.mode))

    def pied_html(self) -> str:
        return self._sur(lambda: pied_html(self.commune, self.jour))

    def html(self) -> str:
        """Tout le passeport, en une chaîne."""
        corps = "".join(f'<div class="kit-seance kit-passeport">{p}</div>' for p in
                        (self.cri_html(), self.parcours_html(), self.themes_html(), self.pied_html()) if p)
        return self.entete_html() + corps

    # Ce que le carnet affiche (dernière expression d'une cellule).
    @staticmethod
    def _afficher(html: str):
        if not html:
            return None
        from IPython.display import HTML

        return HTML(f'<div class="kit-seance kit-passeport">{html}</div>')

    def entete(self):
        from IPython.display import HTML

        return HTML(self.entete_html())

    def cri(self):
        return self._afficher(self.cri_html())

    def parcours(self):
        return self._afficher(self.parcours_html())

    def themes(self):
        return self._afficher(self.themes_html())

    def pied(self):
        return self._afficher(self.pied_html())


def preparer(commune: str | int, mode: str = "apprenant") -> Passeport:
    """Ce que le carnet appelle en premier : le passeport de ``commune`` (nom ou code INS)."""
    return Passeport(commune, mode)


def passeport_html(commune: str | int, mode: str = "apprenant", jour: dt.date | None = None) -> str:
    """Le passeport complet d'une commune (ou le message qui le remplace), en HTML."""
    return Passeport(commune, mode, jour).html()
