"""La recherche de la page d'accueil dans un vrai navigateur : on tape un mot, les trois groupes de
résultats apparaissent pendant la frappe, un lien ouvre la séance. Voilà démarré par le test,
Chromium sans tête ; on attend des classes ``kit-*`` stables, jamais une durée fixe."""

from __future__ import annotations

import re

import pytest
from conftest import ouvrir
from playwright.sync_api import expect

from widgets import recherche

ACCUEIL = "voila/render/index.ipynb"
SEANCE = "voila/render/modules/droit-etrangers/03-regroupement-familial.ipynb"

pytestmark = pytest.mark.navigateur


def test_taper_un_mot_puis_ouvrir_la_seance(page, voila):
    ouvrir(page, f"{voila}/{ACCUEIL}", ".kit-recherche-champ input")
    boite = page.locator(".kit-recherche")
    champ = page.get_by_label(recherche.ETIQUETTE)  # le champ est étiqueté (lecteurs d'écran)
    expect(champ).to_be_visible()
    expect(boite.locator(".kit-recherche-resultats")).to_contain_text("Tapez un mot")

    # Les résultats viennent pendant la frappe, sans valider : un début de mot, sans accent.
    champ.click()
    page.keyboard.type("regroup")
    resume = boite.locator(".kit-recherche-resultats [role=status]")
    expect(resume).to_contain_text("résultats pour « regroup »", timeout=30_000)
    expect(resume).to_have_attribute("aria-live", "polite")
    groupes = boite.locator(".kit-recherche-groupe h3")
    expect(groupes).to_have_text([re.compile(r"^Séances \(\d+\)$"), re.compile(r"^Glossaire \(\d+\)$"),
                                  re.compile(r"^Questions de quiz \(\d+\)$")])
    expect(boite.locator(".kit-resultat-glossaire strong").first).to_have_text("Regroupement familial")  # le terme d'abord
    expect(boite.locator(".kit-resultat-question").first).to_contain_text("Séance 3 — Le regroupement familial")
    assert boite.locator(".kit-resultat-question").count() <= recherche.MAX_PAR_GROUPE

    # Un mot de plus restreint ; un mot absent donne un message qui aide ; rien n'est exécuté.
    dialogues = []
    page.on("dialog", lambda d: (dialogues.append(d.message), d.dismiss()))
    champ.fill("<img src=x onerror=alert(1)> zzqq")
    expect(resume).to_contain_text("Aucun résultat pour « <img src=x onerror=alert(1)> zzqq »", timeout=30_000)
    assert not dialogues
    champ.fill("")
    page.keyboard.type("Regroupement familial")
    expect(resume).to_contain_text("pour « Regroupement familial »", timeout=30_000)

    # Le lien de la séance l'ouvre.
    lien = boite.locator(".kit-resultat-seance a", has_text="Le regroupement familial")
    expect(lien).to_have_attribute("href", "modules/droit-etrangers/03-regroupement-familial.ipynb")
    lien.click()
    page.wait_for_selector(".kit-simulateur-regroupement", state="attached", timeout=90_000)
    assert page.url.endswith(SEANCE)
    assert "Traceback" not in page.content()
