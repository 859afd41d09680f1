"""The Nu HTML Checker over every built page: no errors, except the theme quirks listed here."""

import json
import shutil
import subprocess

from conftest import ROOT, require

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages that come from Material for MkDocs' own markup, not from this project's templates.
THEME_QUIRKS = {
    r"Attribute “autocomplete” is only allowed when the input type is.*": "Material puts autocomplete=off on its checkbox toggles (drawer, search) so browsers do not "
    "restore their state; harmless, and only fixable by forking the theme's base template.",
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.": "Material's table-of-contents title is a label for the __toc toggle, which the theme only emits "
    "when the TOC is integrated in the navigation; the label is inert otherwise.",
    r"Bad value “” for attribute “tabindex” on element “label”.*": 'Material\'s navigation partial writes tabindex="" on the label of a section that has an index page '
    "(navigation.indexes); browsers ignore an empty tabindex, so focus order is unaffected.",
}


def vnu(site) -> list[dict]:
    require(
        VNU_JAR.exists() and shutil.which("java") is not None,
        "the Nu HTML Checker (java + vnu.jar)",
    )
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            "--filterpattern",
            "|".join(f"(?:{p})" for p in THEME_QUIRKS),
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_is_valid_html(built_site):
    errors = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
        for m in vnu(built_site)
        if m["type"] == "error"
    ]
    assert errors == []


def test_the_checker_does_catch_errors(tmp_path):
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></span>"
    )
    assert any(m["type"] == "error" for m in vnu(tmp_path))
