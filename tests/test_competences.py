"""L'explorateur « Qui est compétent ? » (module Citoyenneté, séance 1) sans navigateur : le fichier
du kit est valide, un fichier cassé donne un message français qui nomme le fichier et l'entrée, la
recherche ignore accents et majuscules, et l'explorateur change d'affichage quand on le pilote."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import ipywidgets as w
import pytest

from widgets.simulateurs import competences

RACINE = Path(__file__).resolve().parent.parent
FICHIER = RACINE / "modules" / "citoyennete" / "donnees" / "competences.yaml"

ENTREE = """  - id: {id}
    question: "{question}"
    theme: "{theme}"
    niveaux: [{niveaux}]
    organismes: ["Administration communale"]
    explication: "{explication}"
    source: "https://www.belgium.be/fr"
    confiance: "confirmé"
"""


def _fichier(tmp_path, *entrees: str, nom="competences.yaml") -> Path:
    chemin = tmp_path / nom
    chemin.write_text('titre: "Essai"\nverifie_le: "2026"\nentrees:\n' + "".join(entrees), encoding="utf-8")
    return chemin


def _entree(id="ecole", question="Où inscrire mon enfant à l'école ?", theme="École et formation",
            niveaux="communaute, commune", explication="La Fédération Wallonie-Bruxelles fixe les règles.") -> str:
    return ENTREE.format(id=id, question=question, theme=theme, niveaux=niveaux, explication=explication)


def texte_seul(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def classes(widget: w.Widget) -> set[str]:
    trouvees = set(getattr(widget, "_dom_classes", ()))
    for enfant in getattr(widget, "children", ()):
        trouvees |= classes(enfant)
    return trouvees


# --- Le fichier du kit -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def donnees():
    return competences.charger(FICHIER)


def test_le_fichier_du_kit_se_charge(donnees):
    entrees = donnees.entrees
    assert len(entrees) >= 24
    assert len({e.id for e in entrees}) == len(entrees)
    for e in entrees:
        assert e.niveaux and set(e.niveaux) <= set(competences.NIVEAUX), e.id
        assert e.source.startswith("http"), e.id
        assert e.organismes, e.id
        assert e.confiance in ("confirmé", "à vérifier"), e.id
        if e.confiance == "à vérifier":
            assert e.note, f"{e.id} : une entrée « à vérifier » dit ce qui reste à vérifier"
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", e.explication)) <= 5, f"{e.id} : 2 à 4 phrases d'explication"
    # Chaque niveau de pouvoir est compétent pour au moins une question, et chaque thème a ses questions.
    assert {n for e in entrees for n in e.niveaux} == set(competences.NIVEAUX)
    assert {e.theme for e in entrees} == set(competences.THEMES)


def test_les_particularites_wallonnes_sont_la(donnees):
    par_id = {e.id: e for e in donnees.entrees}
    # Allocations familiales : régionalisées, payées en Wallonie par des caisses agréées.
    af = par_id["allocations-familiales"]
    assert af.niveaux == ["region"] and "FAMIWAL" in " ".join(af.organismes) and "2019" in af.explication
    # La Communauté française s'appelle Fédération Wallonie-Bruxelles dans le kit.
    assert "Fédération Wallonie-Bruxelles" in par_id["inscrire-ecole"].explication
    assert "Communauté française" not in " ".join(e.explication for e in donnees.entrees)
    # Le train est fédéral, le bus régional : la meilleure illustration de l'exclusivité.
    assert par_id["train-sncb"].niveaux == ["federal"] and par_id["bus-tec"].niveaux == ["region"]


# --- Un fichier cassé --------------------------------------------------------------------------

def test_champ_manquant(tmp_path):
    sans_source = _entree().replace('    source: "https://www.belgium.be/fr"\n', "")
    chemin = _fichier(tmp_path, _entree(id="premiere"), sans_source)
    with pytest.raises(competences.FichierInvalide) as exc:
        competences.charger(chemin)
    message = str(exc.value)
    assert str(chemin) in message
    assert "entrée n° 2 (id « ecole »), champ « source » : champ manquant" in message
    assert "Traceback" not in message and "Field required" not in message


def test_niveau_inconnu(tmp_path):
    chemin = _fichier(tmp_path, _entree(niveaux="federal, europe"))
    with pytest.raises(competences.FichierInvalide) as exc:
        competences.charger(chemin)
    message = str(exc.value)
    assert str(chemin) in message and "entrée n° 1 (id « ecole »)" in message
    assert "champ « niveaux, élément n° 2 »" in message and "valeur inconnue « europe »" in message
    assert "federal, communaute, region, province, commune" in message


def test_yaml_mal_forme(tmp_path):
    chemin = _fichier(tmp_path, _entree(), "  - id: [cassé\n")
    with pytest.raises(competences.FichierInvalide, match=r"ligne \d+, colonne \d+ : YAML illisible") as exc:
        competences.charger(chemin)
    assert str(chemin) in str(exc.value)


@pytest.mark.parametrize("modif, attendu", [
    (lambda e: e.replace('theme: "École et formation"', 'theme: "Divers"'), "thème inconnu « Divers »"),
    (lambda e: e.replace("https://www.belgium.be/fr", "www.belgium.be"), "n'est pas une adresse web"),
    (lambda e: e.replace('confiance: "confirmé"', 'confiance: "à vérifier"'), "doit dire dans « note »"),
    (lambda e: e.replace('confiance: "confirmé"', 'confiance: "sûr"'), "valeur inconnue « sûr »"),
    (lambda e: e + "    commentaire: x\n", "champ « commentaire » : champ inconnu"),
    (lambda e: e.replace("[communaute, commune]", "[commune, commune]"), "niveau cité deux fois : commune"),
])
def test_autres_erreurs_en_francais(tmp_path, modif, attendu):
    chemin = _fichier(tmp_path, modif(_entree()))
    with pytest.raises(competences.FichierInvalide) as exc:
        competences.charger(chemin)
    assert str(chemin) in str(exc.value) and "entrée n° 1 (id « ecole »)" in str(exc.value)
    assert attendu in str(exc.value)


def test_identifiant_en_double(tmp_path):
    chemin = _fichier(tmp_path, _entree(), _entree())
    with pytest.raises(competences.FichierInvalide, match="« ecole » est utilisé deux fois \\(entrées n° 1 et n° 2\\)"):
        competences.charger(chemin)


def test_dans_une_seance_le_fichier_casse_devient_un_message(tmp_path):
    vue = competences.afficher(_fichier(tmp_path, _entree(niveaux="europe")))
    assert "kit-erreur-fichier" in vue._dom_classes
    assert "valeur inconnue « europe »" in unescape(vue.value)
    assert "introuvable" in competences.afficher(tmp_path / "absent.yaml").value


# --- La recherche ------------------------------------------------------------------------------

def test_chercher_sans_accents_ni_majuscules(tmp_path):
    entrees = competences.charger(_fichier(
        tmp_path,
        _entree(),
        _entree(id="chomage", question="Qui paie le chômage ?", theme="Travail et revenus", niveaux="federal, region",
                explication="L'ONEM décide ; le Forem contrôle la recherche d'emploi."),
    )).entrees
    assert [e.id for e in competences.chercher(entrees, "ecole")] == ["ecole"]
    assert [e.id for e in competences.chercher(entrees, "ÉCOLE")] == ["ecole"]
    assert [e.id for e in competences.chercher(entrees, "chomage")] == ["chomage"]
    assert [e.id for e in competences.chercher(entrees, "forem onem")] == ["chomage"]  # tous les mots
    assert [e.id for e in competences.chercher(entrees, "administration")] == ["ecole", "chomage"]  # organismes
    assert [e.id for e in competences.chercher(entrees, "")] == ["ecole", "chomage"]
    assert competences.chercher(entrees, "piscine") == []


def test_chercher_filtre_par_theme(donnees):
    mobilite = competences.chercher(donnees.entrees, "", theme="Mobilité")
    assert mobilite and all(e.theme == "Mobilité" for e in mobilite)
    assert {e.id for e in mobilite} >= {"permis-conduire", "bus-tec", "train-sncb", "routes"}
    assert competences.chercher(donnees.entrees, "école", theme="Mobilité") == []
    assert "inscrire-ecole" in {e.id for e in competences.chercher(donnees.entrees, "ecole", theme="École et formation")}


# --- Le rendu et l'explorateur -----------------------------------------------------------------

def test_schema_lisible_sans_couleur(donnees):
    e = next(x for x in donnees.entrees if x.id == "permis-conduire")
    html = competences.fiche(e)
    texte = texte_seul(html)
    assert texte.count("✔ compétent") == 3 and texte.count("non concerné") == 2
    for code in competences.NIVEAUX:
        classe = "kit-niveau-competent" if code in e.niveaux else "kit-niveau-autre"
        assert re.search(rf'class="kit-niveau {classe}" data-niveau="{code}"', html)
    assert "Niveaux compétents : État fédéral, Région, Commune." in texte
    assert 'href="https://mobilit.belgium.be/' in html and "Confiance : confirmé" in texte
    incertaine = next(x for x in donnees.entrees if x.confiance == "à vérifier")
    assert "À vérifier :" in texte_seul(competences.fiche(incertaine))


def test_l_explorateur_change_d_affichage():
    ex = competences.Explorateur(competences.charger(FICHIER))
    assert {"kit-explorateur-competences", "kit-competences-recherche", "kit-competences-theme",
            "kit-competences-question", "kit-competences-fiche"} <= classes(ex.vue)
    for controle in (ex.recherche, ex.theme, ex.question):
        assert controle.description  # un libellé explicite, lu par les lecteurs d'écran
    premiere = ex.fiche.value
    assert ex.question.value == ex.entrees[0].id and f'data-id="{ex.entrees[0].id}"' in premiere

    ex.question.value = "bus-tec"
    assert ex.fiche.value != premiere and 'data-id="bus-tec"' in ex.fiche.value
    assert 'kit-niveau-competent" data-niveau="region"' in ex.fiche.value

    ex.recherche.value = "Ecole"  # la recherche filtre la liste et choisit la première question trouvée
    assert "inscrire-ecole" in {i for _, i in ex.question.options} and ex.question.value == "inscrire-ecole"
    assert 'data-id="inscrire-ecole"' in ex.fiche.value

    ex.recherche.value = "piscine"
    assert ex.question.options == () and "Aucune question ne correspond à « piscine »" in unescape(ex.fiche.value)

    ex.recherche.value = ""
    ex.theme.value = "Mobilité"
    assert all(ex.entree(i).theme == "Mobilité" for _, i in ex.question.options)
    assert "4 questions sur" in ex.compte.value


def test_le_mode_devinette_cache_puis_montre_la_reponse():
    ex = competences.Explorateur(competences.charger(FICHIER))
    ex.choisir("train-sncb")
    ex.devinette.value = True
    assert "compétent" not in texte_seul(ex.fiche.value).replace("compétents ?", "")
    assert ex.fiche.value.count("kit-niveau kit-niveau-masque") == 5 and ex.montrer.layout.display != "none"
    ex.montrer.click()
    assert 'kit-niveau-competent" data-niveau="federal"' in ex.fiche.value and ex.montrer.layout.display == "none"
    ex.choisir("bus-tec")  # une autre question : de nouveau cachée
    assert ex.fiche.value.count("kit-niveau kit-niveau-masque") == 5


def test_afficher_et_tableau_des_communes(monkeypatch):
    monkeypatch.chdir(RACINE / "modules" / "citoyennete")  # comme dans la séance : chemin relatif par défaut
    vue = competences.afficher()
    assert "kit-explorateur-competences" in classes(vue)
    tableau = texte_seul(competences.tableau_communes().value)
    assert "Région wallonne 261" in tableau and "Belgique 565" in tableau and "Dont 9 communes" in tableau
