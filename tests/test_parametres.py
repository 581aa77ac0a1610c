"""Les fichiers de paramètres : la loi comme donnée, datée et référencée."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.rules import legislation


@pytest.fixture(scope="module")
def bareme():
    return legislation.charger("parcours")


def test_chaque_valeur_a_sa_date_et_sa_reference(bareme):
    assert bareme.parametres
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        for v in p.valeurs:
            assert len(v.reference) > 10, f"{nom} ({v.depuis}) : référence absente"


def test_revue_datee(bareme):
    assert bareme.derniere_revue <= bareme.a_revoir_apres
    assert bareme.couverture_debut == dt.date(2016, 5, 19)


def test_codes_pays_sont_des_textes(bareme):
    """Piège YAML : « NO » (Norvège) non entouré de guillemets devient « faux »."""
    for nom in ("pays_ue_plus", "nationalites_standstill"):
        for v in bareme.parametres[nom].valeurs:
            assert all(isinstance(c, str) and len(c) == 2 for c in v.valeur), nom
    assert "NO" in bareme.valeur("pays_ue_plus", dt.date(2026, 1, 1)).valeur


def test_le_royaume_uni_quitte_l_ue_plus(bareme):
    assert "GB" in bareme.valeur("pays_ue_plus", dt.date(2020, 12, 31)).valeur
    assert "GB" not in bareme.valeur("pays_ue_plus", dt.date(2021, 1, 1)).valeur


def test_fichier_de_parametres_casse(tmp_path, monkeypatch):
    (tmp_path / "casse.yaml").write_text("titre: x\nparametres:\n  a: [1, 2\n", encoding="utf-8")
    (tmp_path / "sans_reference.yaml").write_text(
        "titre: x\nderniere_revue: 2026-01-01\na_revoir_apres: 2027-01-01\ncouverture_debut: 2016-01-01\n"
        "parametres:\n  p:\n    description: d\n    unite: mois\n    valeurs:\n      2016-01-01: {valeur: 3}\n", encoding="utf-8")
    monkeypatch.setattr(legislation, "DOSSIER_PARAMETRES", tmp_path)
    legislation.charger.cache_clear()
    try:
        with pytest.raises(legislation.ParametresInvalides, match=r"casse.yaml, ligne \d+, colonne \d+ : YAML illisible"):
            legislation.charger("casse")
        with pytest.raises(legislation.ParametresInvalides, match=r"sans_reference.yaml, clé « parametres > p > valeurs > 0 > reference »"):
            legislation.charger("sans_reference")
    finally:
        legislation.charger.cache_clear()
