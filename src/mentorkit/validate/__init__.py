"""Validate: check what loading read (schemas, cross-references, translations) and build the model."""
