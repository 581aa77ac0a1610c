"""Le module Citoyenneté dans un vrai navigateur : Voilà démarré par le test, Chromium sans tête.
Le simulateur du droit de vote (séance 5), l'interrupteur « langage simplifié », l'explorateur
« Qui est compétent ? » (séance 1) et la recherche « Où s'adresser ? » (séance 6). On attend des
classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import pytest
from conftest import ouvrir
from playwright.sync_api import expect

VOTE = "voila/render/modules/citoyennete/05-droit-de-vote.ipynb"

pytestmark = pytest.mark.navigateur


def test_vote_personas_election_2024_et_langage_simplifie(page, voila):
    ouvrir(page, f"{voila}/{VOTE}", ".kit-simulateur-vote .kit-persona")
    contenu = page.content()
    assert "Traceback" not in contenu and "from widgets" not in contenu

    # Ana, pour la prochaine élection : elle pourra demander son inscription à partir de ses 5 ans de séjour.
    page.locator(".kit-persona", has_text="Ana").click()
    decision = page.locator('.kit-simulateur-vote .kit-decision[data-statut="peut_demander"]')
    expect(decision).to_be_visible(timeout=30_000)
    expect(decision).to_contain_text("entre le 21 mars 2027")
    expect(page.locator(".kit-simulateur-vote .kit-avertissement").first).to_contain_text("2030")

    # La même Ana en 2024 (démarche le 1er juin 2024) : la condition des 5 ans n'est pas remplie.
    page.locator(".kit-champ-election select").select_option(label="13 octobre 2024")
    date = page.locator(".kit-champ-aujourdhui input")
    date.fill("2024-06-01")
    date.press("Tab")
    expect(page.locator('.kit-simulateur-vote .kit-decision[data-statut="non_remplies"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-simulateur-vote .kit-decision")).to_contain_text("21 mars 2027")

    # Youssef, en juin 2024 : il peut demander son inscription avant le 31 juillet 2024.
    page.locator(".kit-persona", has_text="Youssef").click()
    expect(page.locator('.kit-simulateur-vote .kit-decision[data-statut="peut_demander"]')).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-a-faire")).to_contain_text("31 juillet 2024")
    expect(page.locator(".kit-a-faire")).to_contain_text("Convention européenne des droits de l'homme")

    # Une date de naissance dans le futur : le message est sous le champ, en français.
    naissance = page.locator(".kit-champ-date-naissance input")
    naissance.fill("2090-01-01")
    naissance.press("Tab")
    expect(page.locator(".kit-erreur-date-naissance")).to_contain_text("dans le futur", timeout=30_000)

    # L'interrupteur du haut fait passer tous les textes clés en langage simplifié.
    premier = page.locator(".kit-texte-cle").first
    expect(premier).to_have_attribute("data-version", "courant")
    page.locator(".kit-langage .widget-toggle-button", has_text="Langage simplifié").click()
    expect(page.locator('.kit-texte-cle[data-version="simplifie"]')).to_have_count(page.locator(".kit-texte-cle").count(), timeout=30_000)
    expect(premier).to_contain_text("langage simplifié")


FEDERALE = "voila/render/modules/citoyennete/01-belgique-federale.ipynb"


def test_explorateur_qui_est_competent(page, voila):
    ouvrir(page, f"{voila}/{FEDERALE}", ".kit-explorateur-competences .kit-competences-fiche")
    explorateur = page.locator(".kit-explorateur-competences")
    fiche = explorateur.locator(".kit-competences-carte")
    expect(fiche).to_be_visible(timeout=30_000)

    # Chercher « école » sans accent : la question de l'inscription scolaire, compétence de la Communauté.
    recherche = explorateur.locator(".kit-competences-recherche input")
    recherche.fill("ecole")
    recherche.press("Enter")
    explorateur.locator(".kit-competences-question select").select_option(label="Je viens d'arriver avec mes enfants : où est-ce que je les inscris à l'école ?")
    carte = explorateur.locator('.kit-competences-carte[data-id="inscrire-ecole"]')
    expect(carte).to_be_visible(timeout=30_000)
    expect(carte.locator('[data-niveau="communaute"]')).to_contain_text("compétent")
    expect(carte.locator('[data-niveau="federal"]')).to_contain_text("non concerné")
    expect(carte).to_contain_text("Source")

    # Les allocations familiales : la Région, plus l'État fédéral.
    recherche.fill("allocations familiales")
    recherche.press("Enter")
    explorateur.locator(".kit-competences-question select").select_option(label="J'ai des enfants : qui me verse les allocations familiales ?")
    carte = explorateur.locator('.kit-competences-carte[data-id="allocations-familiales"]')
    expect(carte.locator('[data-niveau="region"]')).to_contain_text("compétent", timeout=30_000)
    expect(carte.locator('[data-niveau="federal"]')).to_contain_text("non concerné")

    # Un mot qui ne mène à rien : un message, pas une page vide.
    recherche.fill("zzzz")
    recherche.press("Enter")
    expect(explorateur.locator(".kit-attente")).to_contain_text("Aucune question ne correspond", timeout=30_000)


OU = "voila/render/modules/citoyennete/06-ou-s-adresser.ipynb"


def test_ou_s_adresser_par_code_postal_et_par_localite(page, voila):
    ouvrir(page, f"{voila}/{OU}", ".kit-simulateur-ou-sadresser")
    outil = page.locator(".kit-simulateur-ou-sadresser")
    saisie = outil.locator(".kit-champ-recherche input")

    # Un code postal : Saint-Ghislain, dans le territoire du CIMB, avec la carte et le tableau des bureaux.
    saisie.fill("7330")
    outil.locator(".kit-chercher").click()
    expect(outil.locator(".kit-ou-commune")).to_contain_text("Saint-Ghislain", timeout=30_000)
    expect(outil.locator('.kit-carte-cri[data-cri="CIMB"]')).to_be_visible()
    expect(outil.locator(".kit-carte iframe")).to_have_count(1)
    expect(outil.locator(".kit-bureaux")).to_contain_text("CIMB")
    expect(outil.locator(".kit-services")).to_contain_text("SeTIS")

    # Une localité (ancienne commune) : Jemappes mène à Mons ; la touche Entrée suffit.
    saisie.fill("Jemappes")
    saisie.press("Enter")
    expect(outil.locator(".kit-ou-commune")).to_contain_text("Mons", timeout=30_000)

    # Eupen : la Communauté germanophone, pas un CRI wallon.
    saisie.fill("4700")
    saisie.press("Enter")
    expect(outil.locator(".kit-ou-commune")).to_contain_text("Communauté germanophone", timeout=30_000)

    # Rien de connu : un message en français sous le champ, la page reste utilisable.
    saisie.fill("Atlantide")
    saisie.press("Enter")
    expect(outil.locator(".kit-erreur-recherche")).not_to_be_empty(timeout=30_000)
    assert "Traceback" not in page.content()
