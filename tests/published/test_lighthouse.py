"""Lighthouse (mobile) on a brief of the built site: accessibility, best practices and SEO at 100.

Performance is recorded, not asserted: it moves with the machine's load (the target, 95, is
checked by `make lighthouse` on all four pages, on a quiet machine). One page keeps this short."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import lighthouse
from conftest import CHROMIUM, require

pytestmark = pytest.mark.browser


def test_a_brief_scores_100_for_accessibility_best_practices_and_seo(
    built_site: Path, record_property
):
    require(lighthouse.LIGHTHOUSE.exists(), "Lighthouse (npm ci --ignore-scripts)")
    require(CHROMIUM.exists(), "Chromium")
    os.environ.setdefault("CHROME_PATH", str(CHROMIUM))
    with lighthouse.served(built_site) as base_url:
        result = lighthouse.audit(base_url, "brief")
    record_property("lighthouse_performance", result.scores["performance"])
    print(lighthouse.table([result]), *result.costs, sep="\n")
    assert {name: result.scores[name] for name in ("accessibility", "best-practices", "seo")} == {
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
    }
