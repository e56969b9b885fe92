"""Load: read the content and the definitions from disk into values (sources, documents, digests)."""
