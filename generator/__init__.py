"""Briefing: YAML briefs → validated models → cross-reference index → views → pages → MkDocs.

One folder per stage of the pipeline:

    content/    read YAML safely, validate it against the models (the schema), load a corpus
    analysis/   the cross-reference index and the cross-brief views derived from it
    site/       the page registry, rendering through templates/, URLs, metadata, feeds, data,
                the output folder and the search index
    mkdocs/     the adapter: hands the pages to MkDocs (the only package that imports it)

Around it, the analyst's tools and what they share:

    check/      `briefing check`: every problem in content, and how it is reported
    draft/      `briefing draft`: a first brief drafted from a news article
    authoring/  `briefing new` and `briefing schema`: skeletons, editor schema, safe writes
    runtime/    worker processes, and the garbage-collector and memory policy
    cli.py      the `briefing` command
"""

__version__ = "0.1.0"
