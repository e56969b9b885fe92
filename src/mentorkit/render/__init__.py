"""Rendering: the site with MkDocs + Material and Pagefind, the PDFs with WeasyPrint."""
