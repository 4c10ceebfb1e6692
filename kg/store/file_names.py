"""The one way a name from a page (a slug) becomes a file name: a safe basename, never a path.

Slugs come from page text (a metadata ``slug`` row, a history JSON ``"slug"``, a URL), so
they can be ``../../x``, ``/tmp/x``, ``..\\/..\\/x`` once decoded, 5,000 characters long or
full of control characters. :func:`file_name` keeps a plain slug as it is
(``cell-types-motor-neurons`` -> ``cell-types-motor-neurons.mmd``) and turns anything else
into its sanitised, shortened form plus ``_`` and a digest of the exact slug
(``../../x`` -> ``x_3f1c...``). A plain name has no ``_``, so it never equals a digested
one, and two distinct slugs give two distinct names (up to a 64-bit digest collision);
names are lower case, so they stay distinct on case-insensitive file systems too.
:func:`path_in` joins the name to its folder and checks the result is directly inside it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kg.errors import OutputError

#: A slug kept as it is: lower-case letters, digits, ``-`` and ``.``, a letter or digit at both ends.
_PLAIN = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_UNSAFE_RUN = re.compile(r"[^a-z0-9.-]+")
#: Longest stem kept before the digest; with the digest and a suffix a name stays far below
#: the 255-byte limit of common file systems.
MAX_STEM = 100
_DIGEST_CHARS = 16
#: Names Windows reserves whatever the extension (a file called ``con.mmd`` cannot be made).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def file_name(slug: str, suffix: str = "") -> str:
    """A safe basename for ``slug`` followed by ``suffix`` (``".mmd"``); see the module doc."""
    if _is_plain(slug):
        return f"{slug}{suffix}"
    stem = _UNSAFE_RUN.sub("-", slug.lower()).strip("-.")[:MAX_STEM].rstrip("-.")
    digest = hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_CHARS]
    return f"{stem or 'page'}_{digest}{suffix}"


def path_in(folder: Path, slug: str, suffix: str = "") -> Path:
    """``folder / file_name(slug, suffix)``, checked to be a file directly inside ``folder``."""
    path = folder / file_name(slug, suffix)
    if path.parent != folder or path.name in ("", ".", ".."):
        raise OutputError(f"unsafe file name made from slug {slug[:80]!r}", path=folder)
    return path


def _is_plain(slug: str) -> bool:
    return (
        len(slug) <= MAX_STEM
        and _PLAIN.fullmatch(slug) is not None
        and slug.split(".", 1)[0] not in _RESERVED
    )


__all__ = ["MAX_STEM", "file_name", "path_in"]
