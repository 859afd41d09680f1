"""The adapter to MkDocs: the only package that imports MkDocs."""
