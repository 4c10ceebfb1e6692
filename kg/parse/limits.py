"""How much one page may produce: bounds that keep hostile pages linear and small.

A real SciDEX page has tables of two to ten columns and at most a few hundred citation markers.
A page made to hurt (a 1 MB line of ``|``, 250,000 ``[@k]``) would otherwise become hundreds of
thousands of cells or reference links, gigabytes of memory and minutes of work. Past a bound the
reader keeps what it has read, skips the rest of that construct and reports a problem naming the
line, so the page still builds and the user is told exactly what was not read.
"""

from __future__ import annotations

#: Cells read from one pipe-table row; the rest of the row is reported as not read.
MAX_ROW_CELLS = 256

#: Citation markers read from one page; later markers are reported as not read.
MAX_PAGE_CITATIONS = 5_000

#: Facts (merged assertions) kept from one page; those read last, by line, are reported as dropped.
MAX_PAGE_FACTS = 20_000

__all__ = ["MAX_PAGE_CITATIONS", "MAX_PAGE_FACTS", "MAX_ROW_CELLS"]
