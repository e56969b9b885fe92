"""Rendering: the site with MkDocs + Material (or Zensical) and Pagefind, the PDFs with WeasyPrint."""

ENGINES = ("mkdocs", "zensical")
"""The static site generators that build a staged language project: MkDocs (the default) or Zensical."""
