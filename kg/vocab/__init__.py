"""The bottom layer: namespaces, the one CURIE converter, IRI minting and every RDF term kg uses.

It imports nothing of the project's, and every stage may import it (``from kg import vocab as v``):

* :mod:`kg.vocab.namespaces` — namespaces, :data:`CONVERTER`, ``expand`` / ``compress``;
* :mod:`kg.vocab.mint` — the IRIs kg mints (pages, graphs, entities, statements, selectors);
* :mod:`kg.vocab.terms` — one named constant per predicate, class and datatype.
"""

from kg.vocab.mint import *  # noqa: F403
from kg.vocab.mint import __all__ as _mint_all
from kg.vocab.namespaces import *  # noqa: F403
from kg.vocab.namespaces import __all__ as _ns_all
from kg.vocab.terms import *  # noqa: F403

__all__ = [*_ns_all, *_mint_all]  # the terms are used as ``v.RDF_TYPE`` or ``terms.EXPRESSES``
