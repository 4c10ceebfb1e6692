"""Stage 2: a :class:`~kg.pages.Page` becomes a :class:`~kg.parse.model.ParsedPage`.

Every element carries its exact span in the page text; every line of the page gets a role.
``parse_page`` and ``parse_file`` are imported on first use, so that importing one parser
module (``kg.parse.model``, ``kg.parse.inline``, ...) does not import them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.parse.reader import parse_file, parse_page

__all__ = ["parse_file", "parse_page"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kg.parse import reader

        return getattr(reader, name)
    raise AttributeError(f"module 'kg.parse' has no attribute {name!r}")
