"""Stage 1: a page file on disk becomes a :class:`Page` (text, source, content hash)."""

from kg.pages.page import Page, find_pages, found_pages, read_page

__all__ = ["Page", "find_pages", "found_pages", "read_page"]
