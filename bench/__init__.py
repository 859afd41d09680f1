"""``make bench``: build story corpora of 1,000 and 10,000 briefs (30,000 on request), and Hugo +
Pagefind on the same data, and measure the cost.

    project.py   a copy of the project with a generated story corpus as its content
    stories.py   the story corpus (threads of briefs, actors, laws)
    hugo.py      the yardstick: Hugo, then Pagefind over its output
    measure.py   wall time, CPU time and peak memory of one command
    site.py      page sizes and what a first search downloads
    preview.py   how long an edit takes to show up in ``mkdocs serve``
    machine.py   what machine the figures come from
    run.py       the whole run, results written to bench/results/
"""
