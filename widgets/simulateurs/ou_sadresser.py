"""Simulateur « Où s'adresser ? » : pour une commune, le CRI compétent, ses bureaux d'accueil sur
une carte (et le même contenu en tableau), et d'autres services utiles.

Un champ « Commune ou code postal » (nom de commune ou de localité, code postal, code INS) ; la
recherche part avec le bouton « Chercher » ou la touche Entrée. Rien trouvé : un message en
français sous le champ, avec des suggestions. Plusieurs communes : une liste pour choisir. Une
commune germanophone, bruxelloise ou flamande : vers qui se tourner (textes des règles du parcours).

Tout vient des jeux de données (``widgets.data``) : aucune adresse n'est écrite ici.
"""

from __future__ import annotations

import re
from html import escape

import ipywidgets as w

from widgets import cartes, data
from widgets.rules.parcours import entite_competente
from widgets.ui import decision as carte
from widgets.ui.champs import Champ, bouton

EXEMPLES = "Jemappes, 7330, Namur ou 5000"

# Une phrase par thème : ce qu'on y trouve, et le bon réflexe d'orientation.
AIDES_THEMES = {
    "administration": "Titres de séjour, protection internationale. Le premier guichet reste la commune de résidence.",
    "aide sociale": "Le CPAS de la commune de résidence est la porte d'entrée de l'aide sociale.",
    "logement": "Logement public et crédits sociaux. L'inscription se fait auprès d'une société de logement de service public.",
    "santé": "Santé, handicap, enfance, accès aux soins.",
    "emploi": "Inscription comme demandeur d'emploi, formation, orientation socioprofessionnelle.",
    "enseignement": "Écoles, inscriptions, équivalences de diplômes.",
    "cours de français": "Alphabétisation et français langue étrangère ; le CRI connaît aussi l'offre de son territoire.",
    "interprétariat": "À demander par le service (CPAS, CRI, association), pas par la personne elle-même.",
    "discriminations": "Signalement gratuit et confidentiel.",
}


def message_introuvable(texte: str) -> str:
    """Le message affiché sous le champ quand la recherche ne trouve rien, avec des suggestions."""
    brut = " ".join(str(texte).split())
    if brut.isdigit() and len(brut) == 4:
        if data.code_postal_wallon(brut):
            proches = ", ".join(f"{c} ({nom})" for c, nom in data.codes_proches(brut))
            return (f"Aucune localité wallonne n'a le code postal {brut} : c'est peut-être un code réservé à une entreprise "
                    f"ou à un service. Codes proches : {proches}.")
        return (f"Le code postal {brut} n'est pas un code wallon : le kit connaît les codes de Wallonie (1300 à 1499 et 4000 à 7999). "
                f"Pour une commune de Bruxelles ou de Flandre, tapez son nom. Exemples : {EXEMPLES}.")
    if brut.isdigit():
        return f"« {brut} » n'est ni un code postal (4 chiffres) ni un code INS (5 chiffres). Exemples : {EXEMPLES}."
    proposes = data.suggestions_lieux(brut)
    if proposes:
        return f"Aucune commune ni localité ne s'appelle « {brut} ». Vouliez-vous dire : {', '.join(proposes)} ?"
    return (f"Aucune commune ni localité ne s'appelle « {brut} ». Vérifiez l'orthographe, ou essayez le code postal. "
            f"Exemples : {EXEMPLES}.")


def libelle(resultat: dict) -> str:
    """Le libellé d'une commune dans la liste de choix."""
    lieu = resultat["province"] or resultat["region"]
    if resultat.get("localite"):
        return f"{resultat['localite']} ({resultat['code_postal']}) — commune de {resultat['nom']}, {lieu}"
    return f"{resultat['nom']} — {lieu}"


def entete_html(r: dict) -> str:
    """Nom, province, arrondissement, et ce qui a été trouvé (localité, code postal)."""
    lieu = [f"Province : {escape(r['province'])}" if r["province"] else "", f"arrondissement : {escape(r['arrondissement'])}",
            escape(r["region"])]
    morceaux = [f'<h3 class="kit-commune-nom" data-nis="{escape(r["nis"])}">{escape(r["nom"])}</h3>',
                f"<p>{' · '.join(x for x in lieu if x)} · code INS {escape(r['nis'])}</p>"]
    if r.get("trouve_par") == "localite":
        morceaux.append(f"<p>« {escape(r['localite'])} » ({escape(r['code_postal'])}) est une localité de la commune de "
                        f"<strong>{escape(r['nom'])}</strong> : c'est la commune qui compte pour savoir où s'adresser.</p>")
    elif r.get("trouve_par") == "code_postal" and len(r.get("localites") or []) > 1:
        morceaux.append(f"<p>Le code postal {escape(r['code_postal'])} dessert, dans cette commune : "
                        f"{escape(', '.join(r['localites']))}.</p>")
    if r.get("codes_postaux"):
        morceaux.append(f'<p class="kit-ref">Codes postaux de la commune : {escape(", ".join(r["codes_postaux"]))}.</p>')
    return "".join(morceaux)


def autre_entite_html(r: dict) -> str:
    """Commune germanophone, bruxelloise ou flamande : vers qui se tourner."""
    motif = entite_competente(r)
    if motif is None:  # ne devrait pas arriver : commune wallonne sans CRI
        return '<div class="kit-avertissement">Le kit ne connaît pas le CRI de cette commune : renseignez-vous auprès de la commune.</div>'
    conseil = ("Les CRI wallons et leurs bureaux d'accueil ne sont pas compétents ici. En cas de doute, l'administration "
               "communale du lieu de résidence indique le service compétent.")
    return (f'<div class="kit-decision kit-statut-autre_entite kit-ton-attention kit-autre-entite" data-entite="{escape(motif.code)}">'
            f"<h4>Pas de CRI wallon pour {escape(r['nom'])}</h4><p>{escape(motif.texte)}</p><p>{conseil}</p>"
            f'<span class="kit-ref">Référence : {escape(motif.reference)}</span></div>')


def cri_html(r: dict) -> str:
    """La fiche du CRI compétent, la fiabilité du rattachement, et un avertissement s'il n'est pas confirmé."""
    fiche = data.cri(r["cri"]) or {}
    html = carte.fiche_cri({**fiche, "rattachement": r["cri_confiance"]}, r)
    if r["cri_confiance"] != "confirmé":
        html += (f'<div class="kit-avertissement"><strong>À vérifier :</strong> le rattachement de {escape(r["nom"])} au '
                 f"{escape(r['cri'])} est {escape(r['cri_confiance'])} (aucune liste officielle des communes par CRI n'a été "
                 "trouvée). Vérifiez auprès du CRI avant de l'indiquer à la personne.</div>")
    return html


def bureaux_html(r: dict) -> str:
    """La carte des bureaux (la commune en évidence) et le tableau équivalent."""
    bureaux = data.bureaux_du_cri(r["cri"])
    titre = f"<h4>Les bureaux d'accueil du {escape(r['cri'])}</h4>"
    if bureaux.empty:
        return titre + cartes.tableau_bureaux(bureaux)
    return titre + cartes.carte_commune_html(r["nis"]) + cartes.tableau_bureaux_commune(bureaux, r)


def service_html(s) -> str:
    """Un service (une ligne de ``services.csv``) : nom et lien, contacts confirmés, source, date de
    vérification ; une ligne d'exemple est marquée comme telle."""
    nom = escape(s["nom"])
    site = ""
    if s["site_web"]:
        nom = f'<a href="{escape(s["site_web"])}" target="_blank" rel="noopener">{nom}</a>'
        site = escape(re.sub(r"^https?://(www\.)?", "", s["site_web"]).rstrip("/"))
    details = [escape(x) for x in (s["telephone"], s["adresse"]) if x] + ([f"site : {site}"] if site else [])
    exemple = f' <span class="kit-fictif">{escape(data.MARQUE_EXEMPLE)}</span>' if s["exemple"] else ""
    classe = "kit-service-exemple" if s["exemple"] else "kit-service"
    return (f'<li class="{classe}">{nom}{exemple}{" — " + " · ".join(details) if details else ""}'
            f'<span class="kit-ref">Source : {escape(s["source"])} (vérifié : {escape(s["date_verification"])})</span></li>')


def services_html(r: dict) -> str:
    """« Autres services utiles » : les organismes de toute la Wallonie et ceux de la commune."""
    titre = '<h4>Autres services utiles</h4>'
    if r["region"] != "Région wallonne":
        return ""
    if r["cri"] == data.COMMUNAUTE_GERMANOPHONE:
        return (titre + "<p>Dans les communes germanophones, plusieurs services (emploi, intégration, enfance...) relèvent de la "
                "Communauté germanophone : la liste du kit, pensée pour la Wallonie de langue française, ne s'applique pas. "
                "Renseignez-vous auprès de la commune.</p>")
    try:
        services = data.services_pour(r["nis"])
    except data.DonneesInvalides as exc:
        return titre + f'<div class="kit-avertissement kit-erreur-fichier">La liste des services ne peut pas s\'afficher : {escape(str(exc))}</div>'
    blocs = []
    for theme in data.THEMES_SERVICES:
        lignes = services[services["theme"] == theme]
        if lignes.empty:
            continue
        items = [service_html(ligne) for _, ligne in lignes.iterrows()]
        blocs.append(f'<li><strong>{escape(theme.capitalize())}</strong> — {escape(AIDES_THEMES.get(theme, ""))}<ul>{"".join(items)}</ul></li>')
    return (titre + '<p class="kit-ref">Organismes de toute la Wallonie ou fédéraux, avec leur site officiel ; une adresse ou un '
            "téléphone n'est donné que si une source le confirme. Les lignes « exemple à vérifier » montrent comment ajouter "
            "les services locaux d'une commune dans <code>datasets/services.csv</code>.</p>"
            f'<ul class="kit-services-liste">{"".join(blocs)}</ul>')


class OuSAdresser:
    def __init__(self):
        self.saisie = w.Text(value="", placeholder=f"ex. {EXEMPLES}", continuous_update=False)
        self.champ = Champ("recherche", self.saisie, "Commune ou code postal",
                           "Nom d'une commune ou d'une localité, code postal (4 chiffres) ou code INS (5 chiffres). "
                           "Touche Entrée ou bouton « Chercher ».")
        self.bouton = bouton("Chercher", "kit-chercher", self.chercher, style="primary",
                             infobulle="Chercher la commune et le CRI compétent")
        self.choix = w.Dropdown(options=[], description="Plusieurs communes correspondent :",
                                style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="44em", display="none"))
        self.choix.add_class("kit-choix-commune")
        self.commune = w.HTML()
        self.commune.add_class("kit-ou-commune")
        self.carte = w.HTML()
        self.carte.add_class("kit-carte-bureaux")
        self.services = w.HTML()
        self.services.add_class("kit-services")
        self.resultats: list[dict] = []
        self.commune_affichee: dict | None = None
        self._remplissage = False

        # Le bouton à droite du champ ; l'aide et le message d'erreur restent dessous.
        self.saisie.layout = w.Layout(width="34em", max_width="100%")
        ligne = w.HBox([self.saisie, self.bouton], layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.5em"))
        self.champ.boite.children = (ligne,) + tuple(self.champ.boite.children[1:])

        self.saisie.observe(lambda _c: self.chercher(), names="value")  # Entrée (ou sortie du champ)
        self.choix.observe(self._choisir, names="value")
        self.vue = w.VBox([self.champ.boite, self.choix, self.commune, self.carte, self.services])
        self.vue.add_class("kit-simulateur-ou-sadresser")
        self._vider('<div class="kit-attente"><p>Tapez le nom d\'une commune ou d\'une localité, ou un code postal, '
                    f"puis « Chercher ». Exemples : {escape(EXEMPLES)}.</p></div>")

    # -- recherche --
    def chercher(self) -> None:
        texte = self.saisie.value.strip()
        self.champ.signaler(None)
        if not texte:
            self.champ.signaler("tapez un nom de commune ou de localité, ou un code postal.")
            return self._vider()
        try:
            resultats = data.chercher_communes(texte)
        except data.DonneesInvalides as exc:
            self.champ.signaler(str(exc))
            return self._vider()
        if not resultats:
            self.champ.signaler(message_introuvable(texte))
            return self._vider()
        self.resultats = resultats
        self._remplissage = True
        try:
            self.choix.options = [(libelle(r), rang) for rang, r in enumerate(resultats)]
            self.choix.value = 0
            self.choix.layout.display = "flex" if len(resultats) > 1 else "none"
        finally:
            self._remplissage = False
        self.afficher_commune(resultats[0])

    def _choisir(self, change) -> None:
        if not self._remplissage and change["new"] is not None and change["new"] < len(self.resultats):
            self.afficher_commune(self.resultats[change["new"]])

    def _vider(self, message: str = "") -> None:
        self.resultats, self.commune_affichee = [], None
        self._remplissage = True
        try:
            self.choix.options = []
            self.choix.layout.display = "none"
        finally:
            self._remplissage = False
        self.commune.value, self.carte.value, self.services.value = message, "", ""

    # -- affichage --
    def afficher_commune(self, r: dict) -> None:
        self.commune_affichee = r
        if r["cri"] in data.CRI_SIGLES:
            self.commune.value = entete_html(r) + cri_html(r)
            self.carte.value = bureaux_html(r)
        else:
            self.commune.value = entete_html(r) + autre_entite_html(r)
            self.carte.value = ""
        self.services.value = services_html(r)


def afficher() -> w.Widget:
    """Le simulateur, prêt à afficher (dernière expression d'une cellule)."""
    try:
        data.charger()
        return OuSAdresser().vue
    except data.DonneesInvalides as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le simulateur ne peut pas démarrer :</strong> {escape(str(exc))}</div>')
        boite.add_class("kit-erreur-fichier")
        return boite
