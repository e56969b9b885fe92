"""Rendering: the site with MkDocs + Material (or Zensical) and Pagefind, the PDFs with WeasyPrint."""

ENGINES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
"""The static site generators that build a staged language project, by option value and by name: MkDocs (the default) or Zensical."""
