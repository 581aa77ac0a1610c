"""La carte de décision : le statut, ses motifs avec leurs références, la trace des conditions
examinées, les avertissements (valeurs incertaines) et les hypothèses faites par le kit.

Des fonctions pures qui rendent du HTML : les tests les lisent sans navigateur.
"""

from __future__ import annotations

from html import escape

from widgets.rules.decision import Decision, date_fr

# Le ton de chaque statut (couleur de la carte) et son icône. Un statut absent d'ici s'affiche en
# gris, sans icône : ajouter un jeu de règles, c'est ajouter ses statuts à ce tableau.
TONS = {
    # parcours d'intégration
    "obligatoire": ("action", "➜"), "dispense": ("positif", "✓"), "non_concerne": ("neutre", "○"), "autre_entite": ("attention", "↪"),
    # droit de vote
    "belge": ("neutre", "○"), "inscrit": ("positif", "✓"), "peut_demander": ("positif", "➜"), "trop_tard": ("negatif", "✗"),
    "non_remplies": ("attention", "…"), "exclu": ("negatif", "✗"),
    # interprète
    "pas_necessaire": ("neutre", "○"), "francais_adapte": ("positif", "✎"), "setis_deplacement": ("action", "➜"),
    "setis_telephone": ("action", "☎"), "setis_traduction": ("action", "✉"), "officiel_a_verifier": ("attention", "?"),
    "hors_setis": ("attention", "↪"),
    # nationalité
    "voie_ouverte": ("positif", "✓"), "voie_a_venir": ("positif", "➜"), "preuves_a_apporter": ("attention", "…"), "aucune_voie": ("negatif", "✗"),
    # regroupement familial
    "conditions_remplies": ("positif", "✓"), "conditions_non_remplies": ("negatif", "✗"), "a_verifier": ("attention", "?"), "hors_champ": ("neutre", "○"),
    # aide médicale urgente
    "amu_possible": ("positif", "✓"), "autre_voie": ("action", "↪"), "conditions_manquantes": ("attention", "…"), "hors_amu": ("neutre", "○"),
    # travail
    "peut_travailler": ("positif", "✓"), "acces_limite": ("attention", "◐"), "permis_unique": ("action", "➜"),
    # exercices (titres de séjour)
    "juste": ("positif", "✓"), "faux": ("negatif", "✗"),
    # ASBL, budgets, trésorerie, ménage
    "tres_petite": ("neutre", "○"), "micro": ("neutre", "○"), "petite": ("neutre", "○"), "autre_que_petite": ("attention", "!"),
    "equilibre": ("positif", "="), "excedent": ("positif", "+"), "deficit": ("negatif", "−"),
    "sans_decouvert": ("positif", "✓"), "decouvert": ("negatif", "✗"),
}
ICONES = {statut: icone for statut, (_ton, icone) in TONS.items()}


def ton(statut: str) -> str:
    return TONS.get(statut, ("neutre", ""))[0]


def _incertain(texte: str | None) -> str:
    return f'<div class="kit-incertain"><strong>Incertain :</strong> {escape(texte)}</div>' if texte else ""


def carte_decision(decision: Decision, titre_trace: str = "Conditions examinées, dans l'ordre") -> str:
    d = decision
    morceaux = [
        f'<div class="kit-decision kit-statut-{d.statut} kit-ton-{ton(d.statut)}" data-statut="{d.statut}" role="status" aria-live="polite">',
        f'<h3><span aria-hidden="true">{ICONES.get(d.statut, "")}</span> {escape(d.libelle)}</h3>',
        f'<p class="kit-ref">Selon les règles en vigueur au {date_fr(d.date_reference)}.</p>',
        "<h4>Pourquoi</h4>",
        motifs_html(d),
    ]
    for texte in d.avertissements:
        morceaux.append(f'<div class="kit-avertissement"><strong>À vérifier :</strong> {escape(texte)}</div>')
    hypotheses = d.details.get("hypotheses") or []
    if hypotheses:
        morceaux.append("<h4>Hypothèses du kit</h4><ul>" + "".join(f"<li>{escape(h)}</li>" for h in hypotheses) + "</ul>")
    axes = d.details.get("axes") or []
    if axes:
        morceaux.append(tableau_axes(axes))
    if d.details.get("sanction"):
        s = d.details["sanction"]
        morceaux.append(f'<p>{escape(s["texte"])}<span class="kit-ref">Référence : {escape(s["reference"])}</span></p>{_incertain(s.get("incertain"))}')
    if d.details.get("volontaire"):
        morceaux.append(f'<p>{escape(d.details["volontaire"])}</p>')
    morceaux.append(trace(d, titre_trace))
    morceaux.append("</div>")
    return "".join(morceaux)


def motifs_html(decision: Decision) -> str:
    """Les motifs d'une décision, chacun avec sa référence et, s'il y a lieu, son incertitude."""
    items = "".join(f'<li data-code="{escape(m.code)}">{escape(m.texte)}<span class="kit-ref">Référence : {escape(m.reference)}</span>'
                    f"{_incertain(m.incertain)}</li>" for m in decision.motifs)
    return f'<ul class="kit-motifs">{items}</ul>'


def tableau_axes(axes: list[dict]) -> str:
    lignes = []
    for a in axes:
        volume = []
        if a.get("heures"):
            volume.append(f"au moins {a['heures']} h")
        if a.get("periode_mois"):
            volume.append(f"sur {a['periode_mois']} mois au plus" if a["code"] == "francais" else f"sur {a['periode_mois']} mois")
        lignes.append(
            f"<tr><td><strong>{escape(a['titre'])}</strong><br>{escape(a['contenu'])}{_incertain(a.get('incertain'))}</td>"
            f"<td>{escape(a['caractere'])}</td><td>{escape(', '.join(volume) or '—')}</td>"
            f"<td class=\"kit-ref\">{escape(a.get('reference') or '')}</td></tr>"
        )
    return ('<h4>Les quatre axes du parcours</h4><table class="kit-axes"><thead><tr><th>Axe</th><th>Caractère</th>'
            "<th>Volume</th><th>Référence</th></tr></thead><tbody>" + "".join(lignes) + "</tbody></table>")


def trace(decision: Decision, titre: str) -> str:
    lignes = "".join(
        f'<tr class="{"kit-decisive" if e.decisive else ""}"><td>{escape(e.question)}</td><td>{escape(e.reponse)}</td>'
        f'<td class="kit-ref">{escape(e.reference)}</td></tr>'
        for e in decision.trace
    )
    return (f'<details class="kit-trace"><summary>{escape(titre)} (en surbrillance : ce qui a tranché)</summary>'
            f"<table><thead><tr><th>Condition</th><th>Réponse</th><th>Référence</th></tr></thead><tbody>{lignes}</tbody></table></details>")


def chronologie(decision: Decision, titre: str = "Échéances du parcours", jour: str = "date de référence choisie") -> str:
    """La frise des échéances (``details["echeances"]``), dans l'ordre ; le passé est grisé."""
    echeances = decision.details.get("echeances") or []
    if not echeances:
        return ""
    aujourd_hui = decision.date_reference
    items = []
    marque = False
    deja_citees: set[str] = set()
    for e in echeances:
        if not marque and e.date > aujourd_hui:
            items.append(f'<li class="kit-aujourdhui"><span class="kit-date">{date_fr(aujourd_hui)}</span> — {escape(jour)}</li>')
            marque = True
        classe = "kit-passe" if e.date <= aujourd_hui else "kit-avenir"
        approx = " (date indicative)" if e.approximative else ""
        reference = "" if e.reference in deja_citees else f'<span class="kit-ref">Référence : {escape(e.reference)}</span>'
        deja_citees.add(e.reference)
        items.append(
            f'<li class="{classe}"><span class="kit-date">{date_fr(e.date)}</span>{approx} — {escape(e.libelle)}'
            f"{reference}{_incertain(e.incertain)}</li>"
        )
    if not marque:
        items.append(f'<li class="kit-aujourdhui"><span class="kit-date">{date_fr(aujourd_hui)}</span> — {escape(jour)}</li>')
    return f'<div class="kit-frise"><h4>{escape(titre)}</h4><ul class="kit-chronologie">' + "".join(items) + "</ul></div>"


def fiche_cri(cri: dict, commune: dict) -> str:
    """Les coordonnées du CRI compétent, avec la fiabilité de chaque information."""
    def ligne(libelle, valeur, lien=False):
        if not valeur:
            return f"<li>{libelle} : <em>non renseigné dans le kit</em></li>"
        texte = f'<a href="{escape(valeur)}" target="_blank" rel="noopener">{escape(valeur)}</a>' if lien else escape(valeur)
        return f"<li>{libelle} : {texte}</li>"

    adresse = ", ".join(x for x in (cri.get("adresse"), " ".join(y for y in (cri.get("code_postal"), cri.get("localite")) if y)) if x)
    marque = f" — « {escape(cri['marque'])} »" if cri.get("marque") else ""
    rattachement = cri.get("rattachement") or "non précisé"
    morceaux = [
        f'<div class="kit-carte-cri" data-cri="{escape(cri["sigle"])}">',
        f"<h4>Le CRI compétent pour {escape(commune['nom'])} : {escape(cri['sigle'])}{marque}</h4>",
        f"<p>{escape(cri['nom'])}</p><ul>",
        ligne("Adresse", adresse), ligne("Téléphone", cri.get("telephone")), ligne("Courriel", cri.get("email")),
        ligne("Site", cri.get("site_web"), lien=True), "</ul>",
        f'<p class="kit-ref">Coordonnées : {escape(cri["confiance"])} ({escape(cri["source"])}). '
        f"Rattachement de la commune à ce CRI : {escape(rattachement)}.</p>",
    ]
    if cri.get("note"):
        morceaux.append(f'<div class="kit-incertain">{escape(cri["note"])}</div>')
    morceaux.append("</div>")
    return "".join(morceaux)


def regles_datees(decision: Decision) -> str:
    """Chaque règle utilisée (``details["regles"]`` : nom, description, depuis, reference, incertain),
    avec la date depuis laquelle elle vaut et sa référence, repliée sous un titre."""
    lignes = "".join(
        f'<tr data-regle="{escape(r["nom"])}"><td>{escape(r["description"])}</td><td>depuis le {date_fr(r["depuis"])}</td>'
        f'<td class="kit-ref">{escape(r["reference"])}{_incertain(r.get("incertain"))}</td></tr>'
        for r in decision.details.get("regles", []))
    return ('<details class="kit-trace"><summary>Les règles appliquées, avec leur date d\'effet et leur référence</summary>'
            '<table><thead><tr><th>Règle</th><th>En vigueur</th><th>Référence</th></tr></thead>'
            f"<tbody>{lignes}</tbody></table></details>")
