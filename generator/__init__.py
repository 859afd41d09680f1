"""Briefing: YAML briefs → validated models → cross-reference index → Jinja pages.

The pipeline, one module per step:

    yamlfile.py   read YAML safely, remembering where every value came from
    models.py     the schema (pydantic): the single source of truth
    content.py    load a content folder into a validated ``Corpus``
    index.py      the cross-reference index (actors ↔ briefs ↔ legal ↔ topics)
    render.py     Jinja templates → pages (Markdown with HTML blocks)

``mkdocs_plugin.py`` and ``cli.py`` are thin adapters around that pipeline.

The analyst's tools around it:

    checking.py   everything `briefing check` reports: schema, references,
                  quotes (quotes.py) and warnings (lint.py), written by report.py
    skeletons.py  `briefing new`: commented skeletons (templates/skeletons/)
    schema.py     JSON Schema files for editors, from the models
    draft.py      `briefing draft`: article.py reads the article; draft_quotes.py,
                  draft_actors.py, draft_legal.py and draft_events.py find its parts
    preview.py    what `mkdocs serve` shows while content is broken
"""

__version__ = "0.1.0"
