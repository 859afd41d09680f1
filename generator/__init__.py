"""Briefing: YAML briefs → validated models → cross-reference index → Jinja pages.

The pipeline, one module per step:

    yamlfile.py   read YAML safely, remembering where every value came from
    models.py     the schema (pydantic): the single source of truth
    content.py    load a content folder into a validated ``Corpus``
    index.py      the cross-reference index (actors ↔ briefs ↔ legal ↔ topics)
    render.py     Jinja templates → pages (Markdown with HTML blocks)

``mkdocs_plugin.py`` and ``cli.py`` are thin adapters around that pipeline.
"""

__version__ = "0.1.0"
