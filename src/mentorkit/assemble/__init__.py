"""Assembly: write a self-contained staging tree (Markdown + mkdocs.yml) for one variant."""
