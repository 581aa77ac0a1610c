"""Les titres de séjour (séance 2 du module « Droit des étrangers ») : la table des documents, sa
cohérence avec docs/faits-verifies.md § 3.1, l'exercice d'appariement (juste / faux, explication, référence), les
fichiers cassés (message avec la ligne), la ligne de commande et le widget piloté en Python."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import legislation
from widgets.rules import titres as regles
from widgets.rules.validation import ErreurSituation
from widgets.simulateurs import titres as simulateur

RACINE = Path(__file__).resolve().parent.parent
JOUR = dt.date(2026, 11, 30)
LETTRES_EXIGEES = {"A", "B", "C", "D", "E", "E+", "F", "F+", "H", "K", "L", "M"}


@pytest.fixture(scope="module")
def fichier():
    return regles.charger_situations()


@pytest.fixture(scope="module")
def table():
    return regles.table(JOUR)


# --- La table ---------------------------------------------------------------------------------

def test_la_table_a_les_douze_lettres_et_les_documents_provisoires(table):
    lettres = {f.document.lettre for f in table.values() if f.document.categorie == "carte"}
    assert LETTRES_EXIGEES <= lettres, LETTRES_EXIGEES - lettres
    for ident in ("carte-a-pt", "attestation-immatriculation", "annexe-3", "annexe-15", "annexe-19", "annexe-19ter", "annexe-26", "annexe-35"):
        assert ident in table, ident
    assert table["carte-h"].document.intitule.startswith("H. Carte bleue européenne")


def test_chaque_valeur_est_datee_et_referencee():
    bareme = legislation.charger("titres")
    assert bareme.derniere_revue <= bareme.a_revoir_apres
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        for v in p.valeurs:
            assert len(v.reference) > 10, f"{nom} ({v.depuis}) : référence absente"


def test_chaque_fiche_dit_ce_qu_elle_permet_avec_sa_reference(table):
    for ident, f in table.items():
        d = f.document
        assert len(d.pour_qui) > 30 and f.reference, ident
        for aspect in regles.ASPECTS:
            assert getattr(d.droits, aspect).texte, (ident, aspect)
        resume = f.en_dict()
        assert set(resume["droits"]) == set(regles.ASPECTS.values())


def test_facts_3_1_cartes_admises_pour_la_nationalite(table):
    """docs/faits-verifies.md § 3.1 : séjour illimité prouvé par B, C, D, E, E+, F ou F+ ; pas A ni H. K, L (et les
    noms EU, EU+) remplacent C, D (E, E+) : admises aussi, avec l'incertitude dite au lecteur."""
    admises = {f.document.lettre for f in table.values() if f.document.droits.nationalite.admise is True}
    assert admises == {"B", "C", "D", "E", "E+", "F", "F+", "K", "L"}
    for ident in ("carte-a", "carte-a-pt", "carte-h", "attestation-immatriculation", "annexe-26", "annexe-35", "annexe-19ter"):
        assert table[ident].document.droits.nationalite.admise is False, ident
    assert table["carte-k"].document.droits.nationalite.incertain and table["carte-l"].document.droits.nationalite.incertain
    m = table["carte-m"].document.droits.nationalite
    assert m.admise is None and m.incertain
    liste = legislation.charger("titres").valeur("cartes_admises_nationalite", JOUR).valeur
    assert liste == ["B", "C", "D", "E", "E+", "F", "F+"]


def test_anciens_et_nouveaux_modeles_se_renvoient(table):
    assert table["carte-k"].document.remplace == "carte-c" and table["carte-c"].document.remplace_par == "carte-k"
    assert table["carte-l"].document.remplace == "carte-d" and table["carte-d"].document.remplace_par == "carte-l"


@pytest.mark.parametrize("jour, fin", [
    (dt.date(2022, 3, 4), dt.date(2023, 3, 4)),
    (dt.date(2024, 1, 15), dt.date(2025, 3, 4)),
    (dt.date(2025, 6, 12), dt.date(2026, 3, 4)),   # la veille de l'accord du 13 juin 2025
    (dt.date(2025, 6, 13), dt.date(2027, 3, 4)),   # le jour même
    (JOUR, dt.date(2027, 3, 4)),
])
def test_fin_de_la_protection_temporaire_a_la_date(jour, fin):
    assert regles.fin_protection_temporaire(jour).valeur == fin
    if jour >= dt.date(2022, 3, 4):
        complement = regles.fiche("carte-a-pt", jour).complements[0]
        assert regles.date_fr(fin) in complement.texte


def test_la_carte_a_protection_temporaire_n_existe_pas_avant_mars_2022():
    assert "carte-a-pt" not in regles.table(dt.date(2022, 3, 3))
    with pytest.raises(ErreurSituation) as exc:
        regles.fiche("carte-a-pt", dt.date(2022, 3, 3))
    assert "document" in exc.value.par_champ()


def test_date_avant_la_couverture_du_kit():
    with pytest.raises(ErreurSituation) as exc:
        regles.table(dt.date(2020, 1, 1))
    assert "11 octobre 2021" in exc.value.par_champ()["date_reference"]


def test_incertitudes_visibles(table):
    points = dict(table["carte-a-pt"].incertitudes())
    assert "Parcours d'intégration" in points and "Validité" in points
    assert not table["carte-k"].incertitudes() or all(t for _, t in table["carte-k"].incertitudes())


# --- Les situations ---------------------------------------------------------------------------

def test_au_moins_douze_situations_fictives(fichier, table):
    assert len(fichier.situations) >= 12
    assert len({s.id for s in fichier.situations}) == len(fichier.situations)
    for s in fichier.situations:
        assert "fictif" in s.personnage or "fictive" in s.personnage, s.id
        assert s.attendu in table and all(c in table for c in s.choix), s.id
        assert s.attendu in s.choix


def test_situations_de_l_issue_presentes(fichier):
    par_id = {s.id: s for s in fichier.situations}
    assert par_id["olena"].attendu == "carte-a-pt"
    assert par_id["paul-etudiant"].attendu == "carte-a"
    assert par_id["fatima-conjointe-belge"].attendu == "carte-f"
    assert par_id["arjun-carte-bleue"].attendu == "carte-h"


def test_la_bonne_reponse_n_est_pas_toujours_au_meme_rang(fichier):
    rangs = {simulateur.ordre_choix(s).index(s.attendu) for s in fichier.situations}
    assert len(rangs) > 2
    s = fichier.situations[0]
    assert simulateur.ordre_choix(s) == simulateur.ordre_choix(s)  # le même ordre sur tous les écrans


# --- L'exercice ---------------------------------------------------------------------------------

def _situations():
    return [pytest.param(s, id=s.id) for s in regles.charger_situations().situations]


@pytest.mark.parametrize("s", _situations())
def test_exercice_juge_juste_et_faux(s):
    d = regles.evaluer(s.id, s.attendu, JOUR)
    assert d.statut == "juste" and d.libelle.startswith("Juste")
    assert d.motifs[0].texte == s.explication and d.motifs[0].reference == s.reference
    assert d.trace[-1].decisive and d.trace[-1].reponse == "oui"
    for mauvais in (c for c in s.choix if c != s.attendu):
        d = regles.evaluer({"situation": s.id, "document": mauvais}, date_reference=JOUR)
        assert d.statut == "faux" and d.details["document_attendu"] == s.attendu
        codes = [m.code for m in d.motifs]
        assert codes == ["piege", "attendu"]
        if mauvais in s.pieges:
            assert d.motifs[0].texte == s.pieges[mauvais]
        assert d.trace[-1].reponse == "non"


def test_piege_explique_et_reference(fichier):
    d = regles.evaluer("fatima-conjointe-belge", "carte-a", JOUR)
    assert "belge" in d.motifs[0].texte and "carte F" in d.motifs[0].texte
    assert "19ter" in d.motifs[1].reference
    assert d.details["fiche_attendue"]["lettre"] == "F"
    json.loads(d.en_json())  # sérialisable


def test_un_document_hors_des_choix_proposes_est_faux_avec_une_explication_generique():
    d = regles.evaluer("olena", "carte-m", JOUR)
    assert d.statut == "faux" and "Carte M" in d.motifs[0].texte


@pytest.mark.parametrize("entree, champ, extrait", [
    ({"situation": "olna", "document": "carte-a-pt"}, "situation", "Vouliez-vous dire : olena"),
    ({"situation": "olena", "document": "carte-z"}, "document", "document inconnu"),
    ({"situation": "olena"}, "document", "obligatoire"),
    ({"situation": "olena", "document": "carte-a", "note": 3}, "note", "champ inconnu"),
    ({"situation": "", "document": "carte-a"}, "situation", "vide"),
])
def test_erreurs_francaises_par_champ(entree, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        regles.evaluer(entree, date_reference=JOUR)
    assert extrait in exc.value.par_champ()[champ]


def test_une_reponse_qui_n_est_pas_un_dictionnaire():
    with pytest.raises(ErreurSituation) as exc:
        regles.evaluer(["olena", "carte-a"], date_reference=JOUR)
    assert "reponse" in exc.value.par_champ()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_propriete_juste_si_et_seulement_si_le_document_attendu(data):
    """Pour toute situation et tout document de la table : jamais d'erreur, et « juste » exactement
    quand le document est celui attendu."""
    situations = regles.charger_situations().situations
    s = data.draw(st.sampled_from(situations))
    doc = data.draw(st.sampled_from(regles.ids_documents()))
    jour = data.draw(st.dates(min_value=dt.date(2022, 3, 4), max_value=dt.date(2030, 12, 31)))
    d = regles.evaluer(s.id, doc, jour)
    assert (d.statut == "juste") == (doc == s.attendu)
    assert d.motifs and all(m.reference for m in d.motifs)


def test_partie_et_score():
    partie = regles.Partie(regles.charger_situations(), JOUR)
    partie.repondre("olena", "annexe-26")
    partie.repondre("olena", "carte-a-pt")  # on change d'avis : le score garde la première réponse
    partie.repondre("paul-etudiant", "carte-a")
    assert partie.score == (1, 2)
    assert partie.dernieres["olena"].statut == "juste"
    partie.recommencer()
    assert partie.score == (0, 0)


# --- Fichiers cassés --------------------------------------------------------------------------

SITUATION_OK = """  - id: s1
    personnage: "P (personnage fictif)"
    lieu: "Guichet"
    recit: "Un récit."
    question: "Quel document ?"
    choix: [carte-a, carte-b]
    attendu: carte-a
    explication: "Parce que."
    reference: "Une source précise"
"""


def _ecrire(tmp_path, texte):
    f = tmp_path / "situations.yaml"
    f.write_text(texte, encoding="utf-8")
    return f


@pytest.mark.parametrize("texte, motif", [
    ("titre: t\nsituations:\n" + SITUATION_OK.replace('    explication: "Parce que."\n', ""),
     r"situations.yaml, ligne 3, situation n° 1 \(id « s1 »\), champ « explication » : champ manquant"),
    ("titre: t\nsituations:\n" + SITUATION_OK.replace("[carte-a, carte-b]", "[carte-a, carte-zz]"),
     r"situations.yaml, ligne 8, situation n° 1 \(id « s1 »\), champ « choix.1 » : document inconnu : « carte-zz »"),
    ("titre: t\nsituations:\n" + SITUATION_OK + SITUATION_OK,
     r"situations.yaml, ligne 12, situation n° 2 : l'id « s1 » est déjà utilisé \(situation n° 1\)"),
    ("titre: t\nsituations:\n" + SITUATION_OK.replace("attendu: carte-a", "attendu: carte-k"),
     r"situations.yaml, ligne 3, situation n° 1 \(id « s1 »\) : le document attendu « carte-k » doit figurer dans « choix »"),
    ("titre: t\nsituations:\n" + SITUATION_OK.replace("id: s1", "id: S 1"),
     r"situations.yaml, ligne 3, situation n° 1 \(id « S 1 »\), champ « id » : identifiant invalide"),
    ("titre: t\nsituations:\n" + SITUATION_OK + '    pieges: {carte-zz: "non"}\n',
     r"situations.yaml, ligne \d+, situation n° 1 \(id « s1 »\) : « pieges » explique « carte-zz »"),
    ("titre: t\nsituations:\n  - id: [s1\n", r"situations.yaml, ligne \d+, colonne \d+ : YAML illisible"),
])
def test_fichier_de_situations_casse(tmp_path, texte, motif):
    f = _ecrire(tmp_path, texte)
    with pytest.raises(regles.SituationsInvalides, match=motif):
        regles.charger_situations(f)
    # Dans la séance, le même message, sans trace d'erreur Python.
    vue = simulateur.afficher("exercice", JOUR, f)
    assert "kit-erreur-fichier" in vue._dom_classes and "situations.yaml, ligne" in vue.value and "Traceback" not in vue.value


def test_fichier_de_situations_introuvable(tmp_path):
    with pytest.raises(regles.SituationsInvalides, match="introuvable"):
        regles.charger_situations(tmp_path / "absent.yaml")


@pytest.fixture
def table_copiee(tmp_path, monkeypatch):
    """Une copie modifiable de parametres/titres.yaml, chargée à la place de l'originale."""
    dossier = tmp_path / "parametres"
    dossier.mkdir()
    shutil.copy(legislation.DOSSIER_PARAMETRES / "titres.yaml", dossier / "titres.yaml")
    monkeypatch.setattr(legislation, "DOSSIER_PARAMETRES", dossier)
    legislation.charger.cache_clear()
    yield dossier / "titres.yaml"
    monkeypatch.undo()
    legislation.charger.cache_clear()


def test_table_incoherente_avec_facts_3_1(table_copiee):
    texte = table_copiee.read_text(encoding="utf-8")
    debut = texte.index("  carte-h:")
    morceau = texte[debut:].replace("              admise: false", "              admise: true", 1)
    table_copiee.write_text(texte[:debut] + morceau, encoding="utf-8")
    with pytest.raises(regles.TableInvalide, match=r"document « carte-h », champ « valeur.droits.nationalite.admise » : la carte H n'est pas dans la liste"):
        regles.table(JOUR)
    vue = simulateur.afficher("catalogue", JOUR)
    assert "kit-erreur-fichier" in vue._dom_classes


def test_table_avec_champ_manquant(table_copiee):
    texte = table_copiee.read_text(encoding="utf-8").replace('          registre: etrangers\n', "", 1)
    table_copiee.write_text(texte, encoding="utf-8")
    with pytest.raises(regles.TableInvalide, match=r"document « carte-a » \(valeur du 11 octobre 2021\), champ « valeur.registre » : champ manquant"):
        regles.table(JOUR)


# --- Ligne de commande ---------------------------------------------------------------------------

def _cli(tmp_path, contenu, *args):
    f = tmp_path / "reponse.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.titres", str(f), *args], capture_output=True, text=True, cwd=RACINE, check=False)


def test_cli_json(tmp_path):
    r = _cli(tmp_path, '{"situation": "olena", "document": "carte-a-pt"}', "--date", "2026-11-30")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "juste" and sortie["date_reference"] == "2026-11-30"


@pytest.mark.parametrize("contenu, extrait", [
    ('{"situation": "olena", "document": "carte-zz"}', "document inconnu"),
    ('{"situation": "olena"', "JSON invalide"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu)
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


# --- Le widget ------------------------------------------------------------------------------------

def test_le_widget_se_construit():
    vue = simulateur.afficher(date_reference=JOUR)
    assert "kit-titres" in vue._dom_classes
    classes = [set(c._dom_classes) for c in vue.children]
    assert {"kit-titres-catalogue"} in classes and {"kit-titres-exercice"} in classes
    assert "kit-erreur-fichier" in simulateur.afficher("tout-et-rien")._dom_classes


def test_catalogue_chaque_document(table):
    cat = simulateur.Catalogue(JOUR)
    for ident in table:
        cat.montrer(ident)
        html = cat.fiche.value
        assert f'data-document="{ident}"' in html and "Référence :" in html, ident
        assert "Déclaration de nationalité" in html and "Travailler" in html
    cat.montrer("carte-a-pt")
    assert "À vérifier" in cat.fiche.value and "4 mars 2027" in cat.fiche.value
    cat.montrer("carte-k")
    assert "ancien modèle « Carte C — carte d" in cat.fiche.value  # l'ancien modèle est nommé, pas son identifiant
    assert "Carte M" in cat.ensemble.children[0].value


def test_exercice_se_joue_en_python(fichier):
    ex = simulateur.Exercice(fichier, JOUR)
    assert ex.situation.id == fichier.situations[0].id and ex.precedent.disabled
    assert "aucune situation vérifiée" in ex.score_w.value
    # Vérifier sans choisir : un message, pas d'erreur.
    assert ex.verifier() is None and "Choisissez d'abord" in ex.retour.value
    # Une mauvaise réponse, puis la bonne.
    mauvais = next(c for c in ex.situation.choix if c != ex.situation.attendu)
    ex.choisir(mauvais)
    d = ex.verifier()
    assert d.statut == "faux" and "kit-faux" in ex.retour.value and 'data-statut="faux"' in ex.retour.value
    ex.choisir(ex.situation.attendu)
    assert ex.retour.value == ""  # un nouveau choix efface l'ancienne explication
    assert ex.verifier().statut == "juste" and "kit-juste" in ex.retour.value
    assert "0 réponse juste du premier coup sur 1 situation vérifiée" in ex.score_w.value
    # Situation suivante, bonne réponse du premier coup.
    ex.suivant.click()
    assert ex.i == 1 and ex.choix.value is None and ex.retour.value == ""
    ex.choisir(ex.situation.attendu)
    ex.verifier()
    assert "1 réponse juste du premier coup sur 2 situations vérifiées" in ex.score_w.value
    # Revenir en arrière garde la réponse et son explication.
    ex.precedent.click()
    assert ex.choix.value == fichier.situations[0].attendu and "kit-juste" in ex.retour.value
    ex.aller(len(fichier.situations) + 5)
    assert ex.i == len(fichier.situations) - 1 and ex.suivant.disabled
    ex.recommencer_b.click()
    assert ex.i == 0 and ex.partie.score == (0, 0) and ex.choix.value is None


def test_exercice_complet_toutes_justes(fichier):
    ex = simulateur.Exercice(fichier, JOUR)
    for i, s in enumerate(fichier.situations):
        ex.aller(i)
        ex.choisir(s.attendu)
        ex.verifier()
    total = len(fichier.situations)
    assert ex.partie.score == (total, total) and "Bravo" in ex.score_w.value
