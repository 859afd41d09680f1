"""Hostile input (see tests/hostile/README.md): refused with one-line errors, or rendered inert."""

from __future__ import annotations

import hashlib
import json
import re
import resource
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib
import material
import pytest
from hostile.payloads import PAYLOADS, write_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project, mkdocs_build, serve
from generator.analysis.index import Index
from generator.content.corpus import load_content
from generator.site.markup import markdown_escape, render_markdown
from generator.site.pagemeta import PageMeta, plain_text
from generator.site.urls import page_url

HOSTILE = Path(__file__).parents[1] / "hostile"
REJECTED = sorted((HOSTILE / "rejected").glob("*/*.yaml"))
ONE_LINE_ERROR = re.compile(r"^content/(briefs|actors|legal)/[^:]+\.yaml:\d+:\d+: \S.*$")
MEMORY_LIMIT = 1024**3  # bytes of address space a check may use


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT + 512 * 1024**2,) * 2)


def briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command, in bounded time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )


def assert_refused(project: Path, file_name: str) -> None:
    result = briefing("check", cwd=project)
    assert result.returncode == 1, result.stderr
    *errors, summary = result.stderr.splitlines()
    assert errors and summary.endswith("error(s)")
    assert "Traceback" not in result.stderr
    for line in errors:
        assert ONE_LINE_ERROR.match(line), line
    assert any(file_name in line for line in errors)
    out = project / "exported"
    assert briefing("export", str(out), cwd=project).returncode == 1
    assert not out.exists(), "nothing is written from refused content"


@pytest.mark.parametrize("case", REJECTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hostile_file_is_refused_with_one_line_errors(project, case):
    shutil.copy(case, project / "content" / case.parent.name / case.name)
    assert_refused(project, case.name)


def test_a_50_mb_file_is_refused_quickly(project):
    huge = project / "content" / "briefs" / "huge.yaml"
    with huge.open("w") as f:
        f.write("id: huge\nsummary: |\n")
        line = "  " + "lorem ipsum " * 8 + "\n"
        f.write(line * (50 * 1024**2 // len(line)))
    assert_refused(project, "huge.yaml")


def test_no_object_tag_is_ever_constructed(project, tmp_path):
    shutil.copy(
        HOSTILE / "rejected" / "briefs" / "python-object.yaml", project / "content" / "briefs"
    )
    briefing("check", cwd=project)
    assert not Path("/tmp/pwned-by-briefing").exists()


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """The shipped content, the inert files and the generated payload corpus, built once."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for source in (HOSTILE / "inert").glob("*/*.yaml"):
        shutil.copy(source, project / "content" / source.parent.name / source.name)
    write_corpus(project / "content")
    result = mkdocs_build(project, env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def hostile_site(hostile_project) -> Path:
    return hostile_project / "site"


def hostile_pages(site: Path) -> list[Path]:
    return [
        p
        for p in site.rglob("index.html")
        if "xss" in str(p)
        or "rtl" in str(p)
        or "escape" in str(p)
        or "hostile" in str(p)
        or "topics" in p.parts
    ]


def test_hostile_content_builds_into_pages_inside_the_site(hostile_site):
    assert (hostile_site / "briefs" / "xss-brief" / "index.html").exists()
    assert (hostile_site / "actors" / "rtl-actor" / "index.html").exists()
    # A topic label full of dots and slashes still makes a page inside topics/.
    assert (hostile_site / "topics" / "escape" / "index.html").exists()
    assert all(p.resolve().is_relative_to(hostile_site.resolve()) for p in hostile_site.rglob("*"))


class _ActiveMarkup(HTMLParser):
    """What a browser would act on: script-like elements, event handlers, script URLs."""

    ACTIVE = (
        "script",
        "iframe",
        "object",
        "embed",
        "style",
        "img",
        "svg",
        "math",
        "details",
        "base",
        "meta",
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []  # active elements, in order, with their attributes
        self.handlers: list[str] = []  # event handlers and script URLs: never legitimate here

    def handle_starttag(self, tag, attrs):
        if tag in self.ACTIVE:
            self.elements.append(f"<{tag} {sorted(name for name, _ in attrs)}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}=")
            if (
                name in ("href", "src", "action")
                and value
                and urlsplit(value.strip()).scheme not in ("", "http", "https", "mailto")
            ):
                self.handlers.append(f"{tag} {name}={value}")


def active_markup(path: Path) -> _ActiveMarkup:
    parser = _ActiveMarkup()
    parser.feed(path.read_text())
    return parser


def test_no_payload_survives_as_markup(hostile_site):
    """Hostile pages carry exactly the active elements of a page of the same kind with plain content."""
    plain = {
        kind: active_markup(hostile_site / kind / name / "index.html").elements
        for kind, name in [
            ("briefs", "huawei-5g-allies-2019"),
            ("actors", "us-state-department"),
            ("legal", "china-national-intelligence-law-2017"),
            ("topics", "5g-networks"),
        ]
    }
    for path in hostile_pages(hostile_site):
        found = active_markup(path)
        assert found.handlers == [], path
        kind = path.relative_to(hostile_site).parts[0]
        if kind in plain:
            assert [e for e in found.elements if e not in plain[kind]] == [], path


ATTRIBUTE_HANDLERS = """[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""


def browsed_pages(site: Path) -> list[Path]:
    """Every brief page (each carries every payload somewhere), every list and analysis page,
    and a quarter of the other record pages: the browser is slow, and html5lib reads them all
    (test_no_page_holds_a_handler_a_script_or_a_script_url_not_ours)."""

    def wanted(path: Path) -> bool:
        parts = path.relative_to(site).parts
        if len(parts) != 3 or parts[0] == "briefs":
            return True
        number = re.match(r"(?:hostile-\w+|topic)-(\d+)", parts[1])
        if number:
            return int(number.group(1)) % 4 == 0
        return any(name in parts[1] for name in ("xss", "rtl", "escape"))  # tests/hostile/inert

    return [path for path in sorted(site.rglob("index.html")) if wanted(path)]


@pytest.mark.browser
def test_no_payload_runs_in_a_browser(browser, hostile_site):
    """Every page of the payload site, hovered all over: no payload sets window.__pwned or
    opens a dialog, and the live document holds no event-handler attribute."""
    dialogs: list[str] = []
    with serve(hostile_site) as base:
        page = browser.new_page()
        page.on(
            "dialog",
            lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()),
        )
        visited = 0
        for path in browsed_pages(hostile_site):
            url = base + path.parent.relative_to(hostile_site).as_posix() + "/"
            page.goto(url.replace("/./", "/"))
            page.mouse.move(300, 300)
            page.eval_on_selector_all(
                "body *",
                "els => els.forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))",
            )
            assert page.evaluate("window.__pwned") is None, url
            assert page.evaluate(ATTRIBUTE_HANDLERS) == [], url
            visited += 1
        page.close()
    assert dialogs == []
    assert visited > len(PAYLOADS)


# --- Issue 17, class 1: nothing from content runs, in <head> or anywhere -------------------
# The pages are parsed with html5lib, the HTML standard's parser, i.e. as a browser reads them.

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "ping"}
SAFE_SCHEMES = {"http", "https", "mailto"}
DATA_SCRIPTS = {"application/json", "application/ld+json"}  # parsed as JSON, never run


def parse_page(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def local(name: str) -> str:
    """An element or attribute name without its namespace (SVG, MathML, XLink)."""
    return name.rsplit("}", 1)[-1]


def tree(document) -> list:
    return [element for element in document.iter() if isinstance(element.tag, str)]


def url_scheme(value: str) -> str:
    """The scheme a browser would see: it drops tabs and line breaks and trims controls."""
    url = re.sub(r"[\t\n\r]", "", value).strip("\x00- ")
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return found.group(1).lower() if found else ""


def normalized_code(text: str) -> str:
    """Inline script or style text with its relative paths ("../..", ".", "/") made alike."""
    return re.sub(r'"(?:\.\.?/?|/)+"', '"REL"', text.strip())


def inline_code(site: Path) -> set[tuple[str, str]]:
    """Every inline script and style of a site, normalised: (element, code)."""
    return {
        (local(e.tag), normalized_code(e.text or ""))
        for page in site.rglob("*.html")
        for e in tree(parse_page(page))
        if local(e.tag) in ("script", "style")
        and not e.get("src")
        and e.get("type") not in DATA_SCRIPTS
    }


def site_file(site: Path, page: Path, url: str) -> Path:
    target = site / url.lstrip("/") if url.startswith("/") else page.parent / url
    return Path(re.sub(r"[?#].*", "", str(target))).resolve()


def active_content(site: Path, page: Path, ours: set[tuple[str, str]]) -> list[str]:
    """What in ``page`` could run that the theme and templates did not put there."""
    found = []
    for element in tree(parse_page(page)):
        tag, attributes = local(element.tag), {local(k): v for k, v in element.attrib.items()}
        where = f"<{tag}>"
        if tag in FORBIDDEN_ELEMENTS or (tag == "meta" and "http-equiv" in attributes):
            found.append(where)
        found += [
            f"{where} {name}=" for name in attributes if name.startswith("on") or name == "srcdoc"
        ]
        found += [
            f"{where} {name}={value!r}"
            for name, value in attributes.items()
            if name in URL_ATTRIBUTES and url_scheme(value) not in SAFE_SCHEMES | {""}
        ]
        if re.search(r"javascript:|expression\(", attributes.get("style", ""), re.I):
            found.append(f"{where} style={attributes['style']!r}")
        if tag == "script" and attributes.get("type") in DATA_SCRIPTS:
            json.loads(element.text or "")  # must parse; JSON-LD is compared with its data below
        elif tag == "script" and "src" in attributes:
            script = site_file(site, page, attributes["src"])
            if (
                url_scheme(attributes["src"])
                or not script.is_file()
                or not script.is_relative_to(site.resolve())
            ):
                found.append(f"{where} src={attributes['src']!r}")
        elif tag in ("script", "style") and (tag, normalized_code(element.text or "")) not in ours:
            found.append(f"{where} {(element.text or '')[:80]!r}")
    return found


def test_no_page_holds_a_handler_a_script_or_a_script_url_not_ours(hostile_site, built_site):
    """Every page of the payload site: no on* attribute, no javascript: URL, no frame, and
    only the scripts and styles that pages of the shipped content carry."""
    ours = inline_code(built_site)
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 3 * len(PAYLOADS)
    problems = {
        str(page.relative_to(hostile_site)): found
        for page in pages
        if (found := active_content(hostile_site, page, ours))
    }
    assert problems == {}


@pytest.fixture(scope="module")
def hostile_index(hostile_project) -> Index:
    return Index(load_content(hostile_project / "content"))


def _text(element) -> str:
    """Visible text of an element, without the heading's permalink, whitespace collapsed."""
    for link in element.iter("a"):
        if "headerlink" in (link.get("class") or ""):
            link.text = ""
    return " ".join("".join(element.itertext()).split())


def _head(document) -> dict[str, list[str]]:
    """What the head says: meta contents by name or property, link titles, JSON-LD blocks."""
    said: dict[str, list[str]] = {}
    for element in document.find("head"):
        key = element.get("name") or element.get("property") or element.get("type") or element.tag
        said.setdefault(key, []).append(
            element.get("content") or element.get("title") or element.text or ""
        )
    return said


def test_head_metadata_is_the_intended_text_escaped_exactly_once(hostile_site, hostile_index):
    """Description, OpenGraph, title, feed links and JSON-LD of each record page say exactly
    what generator/site/pagemeta.py meant: neither live markup nor text escaped twice."""
    pages = PageMeta().for_site(hostile_index)
    checked = 0
    for path, meta in pages.items():
        if "description" not in meta:
            continue
        document = parse_page(hostile_site / page_url(path) / "index.html")
        head, heading = _head(document), _text(document.find(".//h1"))
        assert head["description"] == [meta["description"]], path
        assert head["og:description"] == [meta["description"]], path
        assert head["og:title"] == [heading], path
        assert head["title"] == [f"{heading} - Briefings"], path
        header = document.find(".//*[@data-md-component='header-topic']")
        assert _text(header) == heading, path
        assert head.get("application/atom+xml", []) == [
            f["title"] for f in meta.get("feeds", [])[:1]
        ], path
        intended = [meta["jsonld"]] if "jsonld" in meta else []
        assert [json.loads(data) for data in head.get("application/ld+json", [])] == intended, path
        checked += 1
    assert checked > 3 * len(PAYLOADS)


def test_record_titles_show_as_written(hostile_site, hostile_index):
    """A title full of markup is shown as text, once: the page's heading is the brief's title."""
    for brief in hostile_index.briefs:
        heading = _text(parse_page(hostile_site / "briefs" / brief.id / "index.html").find(".//h1"))
        assert heading == " ".join(brief.title.split())


def test_every_feed_is_well_formed_and_says_what_the_briefs_say(hostile_site, hostile_index):
    feeds = sorted((hostile_site / "feeds").rglob("*.xml"))
    assert len(feeds) > len(PAYLOADS)
    for feed in feeds:
        ElementTree.parse(feed)  # raises on anything that is not well-formed XML
        json.loads(feed.with_suffix(".json").read_text(encoding="utf-8"))
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        entry.find(f"{atom}title").text: entry
        for entry in ElementTree.parse(hostile_site / "feeds" / "briefs.xml").iter(f"{atom}entry")
    }
    for brief in hostile_index.briefs:
        entry = entries[brief.title]
        assert [c.get("term") for c in entry.iter(f"{atom}category")] == list(brief.topics)
        assert entry.find(f"{atom}summary").text == str(render_markdown(brief.summary))


# What of Material's templates the overrides replace or rely on, as audited for escaping
# (Material 9.8.2). A new Material version that changes any of it fails here: compare the new
# source with templates/overrides/ (main.html's blocks, partials/header.html and palette.html,
# whose markup the override keeps for its own script), copy what changed with every printed
# value escaped (`| e`), then record the new hashes printed.
AUDITED_MATERIAL = {
    "base.html block site_meta": "26f3fa30991041e52860342b32b079b4c576cb769766e265537384d7a5d4643b",
    "base.html block htmltitle": "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
    "lines that print page metadata": "a442057e33f4358bfdf46a3c72ec2f59434f03902120b9f2ec8349464d3a0fe7",
}


def material_sources() -> dict[str, str]:
    templates = Path(material.__file__).parent / "templates"
    base = (templates / "base.html").read_text(encoding="utf-8")
    sources = {
        f"base.html block {name}": re.search(
            r"\{% block " + name + r" %\}.*?\{% endblock %\}", base, re.S
        ).group(0)
        for name in ("site_meta", "htmltitle")
    }
    for partial in ("header.html", "palette.html"):
        sources[f"partials/{partial}"] = (templates / "partials" / partial).read_text(
            encoding="utf-8"
        )
    printing = re.compile(r"\{\{[^}]*\b(page|nav_item|toc_item|ref)\.(meta|title)\b[^}]*\}\}")
    sources["lines that print page metadata"] = "\n".join(
        f"{path.relative_to(templates)}: {line.strip()}"
        for path in sorted(templates.rglob("*.html"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if printing.search(line)
    )
    return sources


def test_the_audited_theme_templates_have_not_changed():
    found = {
        name: hashlib.sha256(source.encode()).hexdigest()
        for name, source in material_sources().items()
    }
    assert found == AUDITED_MATERIAL, (
        "Material's templates changed: re-audit templates/overrides/ for unescaped page metadata "
        f"(see the comment above AUDITED_MATERIAL), then record {found}"
    )


# The same promise for values no corpus lists: drawn by hypothesis, rendered through the real
# theme (Material with templates/overrides) as MkDocs renders a page, without a whole build.

FRAGMENTS = st.sampled_from(
    PAYLOADS + ['"', "'", "&", "&amp;", "&#34;", "<", ">", "\u2028", "</", "-->"]
)
TEXT = st.lists(
    FRAGMENTS | st.text(st.characters(exclude_categories=("Cs", "Cc"))), max_size=6
).map("".join)


@pytest.fixture(scope="module")
def theme():
    """Renders a page with the given heading and metadata through the real theme."""
    from mkdocs.commands.build import get_context
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    config = load_config(str(Path(__file__).parents[2] / "mkdocs.yml"))
    template, files = config.theme.get_env().get_template("main.html"), Files([])

    def render(heading: str, meta: dict) -> str:
        page = Page(None, File("briefs/x.md", None, "/site", use_directory_urls=True), config)
        page.markdown, page.meta = f"# {markdown_escape(heading)}\n", meta
        page.render(config, files)
        return template.render(get_context(Navigation([], []), files, config, page))

    return render


JSON = st.recursive(
    TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    heading=TEXT.filter(lambda t: t.strip() and not t.strip().startswith("#")),
    summary=TEXT,
    label=TEXT,
    data=st.dictionaries(TEXT, JSON, min_size=1, max_size=3),
)
def test_any_metadata_renders_as_the_text_it_is(theme, heading, summary, label, data):
    description = plain_text(summary) or "x"
    feeds = [{"title": label, "type": "application/atom+xml", "href": "feeds/x.xml"}]
    document = html5lib.parse(
        theme(heading, {"description": description, "feeds": feeds, "jsonld": data}),
        namespaceHTMLElements=False,
    )
    head, shown = _head(document), _text(document.find(".//h1"))
    assert head["description"] == head["og:description"] == [description]
    assert head["title"] == [f"{shown} - Briefings"] and head["og:title"] == [shown]
    assert head["application/atom+xml"] == [label]
    assert [json.loads(block) for block in head["application/ld+json"]] == [data]
    assert [
        e for e in tree(document) if any(local(name).startswith("on") for name in e.attrib)
    ] == []
    plain = html5lib.parse(
        theme("Plain", {"description": "d", "jsonld": {"a": "b"}}), namespaceHTMLElements=False
    )
    assert len(document.findall(".//script")) == len(plain.findall(".//script"))
