"""`kg export --format sssom` read back by the `sssom` package, and `kg build --lexicon`."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import vocab as v
from kg.cli import cli as main
from kg.ground.vocabulary import shipped_vocabularies
from tests.conftest import SEEDS_DIR as SEEDS

sssom_parsers = pytest.importorskip("sssom.parsers", reason="the sssom package reads the table")


def _export(build: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        main, ["export", "--build-dir", str(build), "--format", "sssom", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_groundings_read_back_as_sssom(seed_build: Path, tmp_path: Path) -> None:
    table = _export(seed_build, tmp_path / "kg.sssom.tsv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        msdf = sssom_parsers.parse_sssom_table(str(table))
    df = msdf.df
    rows = {(r["subject_label"], r["object_id"]) for r in df.to_dict("records")}
    (edaravone,) = {c[0] for c in shipped_vocabularies().find("edaravone")}
    assert ("Edaravone", edaravone) in rows  # the page's name -> the ChEBI id
    hb9 = next(r for r in df.to_dict("records") if r["subject_label"] == "HB9")
    assert hb9["object_label"] == "MNX1" and hb9["predicate_id"] == "skos:exactMatch"
    assert set(df["mapping_justification"]) <= {
        "semapv:LexicalMatching",
        "semapv:ManualMappingCuration",
    }
    assert all(str(s).startswith("kg:mention-") for s in df["subject_id"])
    assert _export(seed_build, tmp_path / "again.sssom.tsv").read_bytes() == table.read_bytes()


def test_a_user_lexicon_grounds_names_and_wins(tmp_path: Path) -> None:
    """The seeds leave "Brainstem motor nuclei" ungrounded and ground "motor cortex" in
    UBERON; a user's SSSOM maps the first and overrides the second."""
    ids = {
        n: sorted({c[0] for c in shipped_vocabularies().find(n)})
        for n in ("hypoglossal nucleus", "cerebral cortex")
    }
    nucleus, cortex = ids["hypoglossal nucleus"][0], ids["cerebral cortex"][0]
    lexicon = tmp_path / "mine.sssom.tsv"
    lexicon.write_text(
        "# a user's mapping table\n"
        "subject_label\tobject_id\tpredicate_id\tmapping_justification\n"
        f"Brainstem motor nuclei\t{nucleus}\tskos:exactMatch\tsemapv:ManualMappingCuration\n"
        f"motor cortex\t{cortex}\tskos:exactMatch\tsemapv:ManualMappingCuration\n"
        f"Spinal cord\t{cortex}\tskos:broadMatch\tsemapv:ManualMappingCuration\n"
    )
    out = tmp_path / "build"
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "--out", str(out), "--lexicon", str(lexicon), "--no-validate"]
    )
    assert result.exit_code == 0, result.output
    data = (out / "dataset.nq").read_text()
    assert (
        "Brainstem motor nuclei" not in result.output.split("ungrounded mentions")[1].split("\n")[0]
    )
    assert f"<{v.expand(nucleus)}>" in data and f"<{v.expand(cortex)}>" in data
    assert '"--lexicon mine.sssom.tsv"' in data  # the statements name the lexicon


def test_a_bad_lexicon_row_names_the_file_and_line(tmp_path: Path) -> None:
    lexicon = tmp_path / "bad.sssom.tsv"
    lexicon.write_text(
        "subject_label\tobject_id\tpredicate_id\tmapping_justification\n"
        "X\tNOPE:1\tskos:exactMatch\tsemapv:ManualMappingCuration\n"
    )
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "--out", str(tmp_path / "b"), "--lexicon", str(lexicon)]
    )
    assert result.exit_code == 2
    assert f"{lexicon}:2" in result.output and "unknown prefix" in result.output
    assert "Traceback" not in result.output
