"""``make bench``: build synthetic corpora of 1,000 and 10,000 briefs and measure the cost.

    project.py   a copy of the project with a generated corpus as its content
    measure.py   wall time, CPU time and peak memory of one command
    site.py      page sizes and what a first search downloads
    preview.py   how long an edit takes to show up in ``mkdocs serve``
    machine.py   what machine the figures come from
    run.py       the whole run, results written to bench/results/
"""
