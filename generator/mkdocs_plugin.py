"""MkDocs adapter: runs the briefing pipeline and hands its pages to MkDocs as virtual files.

    plugins:
      - briefing:
          content_dir: content      # YAML briefs, actors, legal instruments
          templates_dir: templates  # Jinja templates and assets/

Content is loaded and rendered in ``on_pre_build``, before MkDocs empties the site
folder, so bad content stops the build with the site left as it was; a build that
fails later (strict-mode warnings, say) puts the previous site back.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .build_date import pin_build_date
from .content import load_content
from .folders import SetAside
from .index import Index
from .preview import problem_pages
from .problems import ContentError, Problem
from .render import Renderer
from .search import SearchIndexError, index_site

log = get_plugin_logger(__name__)

# Problems found while serving go to the terminal through a logger of their own:
# through MkDocs' logger they would count as strict-mode warnings and abort the
# preview's first build, which `mkdocs serve` does not survive.
_serve_log = logging.getLogger("briefing.serve")
if not _serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    _serve_log.addHandler(_handler)
    _serve_log.propagate = False


class BriefingConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    drafts_in_serve = c.Type(bool, default=True)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        pin_build_date(root)  # the sitemap's dates: the same for every build of one commit
        self.content_dir = root / self.config.content_dir
        self.renderer = Renderer(root / self.config.templates_dir, directory_urls=config.use_directory_urls,
                                 site_url=config.site_url or "", site_name=config.site_name)
        for asset in self.renderer.assets():
            if asset.path.endswith(".css") and asset.path not in config.extra_css:
                config.extra_css.append(asset.path)
        self.previous_site = SetAside(Path(config.site_dir))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            corpus = load_content(self.content_dir, relative_to=Path(config.config_file_path or ".").parent)
        except ContentError as error:
            if not self.serving:
                for problem in error.problems:
                    log.error(str(problem))
                raise PluginError(f"{len(error.problems)} problem(s) in content; the site was not changed") from None
            # The preview stays up: it shows the problems until the content is fixed.
            _report_while_serving(error.problems)
            self.pages = problem_pages(self.renderer, error.problems, getattr(self, "served_paths", ()))
            self.files = []
        else:
            index = Index(corpus, include_drafts=self.serving and self.config.drafts_in_serve)
            self.pages = self.renderer.render_site(index)
            self.files = self.renderer.render_files(index)
            self.served_paths = [page.path for page in self.pages]
        if not getattr(self, "dirty", False):
            self.previous_site.set_aside()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.pages:
            self._add(files, File.generated(config, page.path, content=page.text))
        for generated in self.files:
            self._add(files, File.generated(config, generated.path, content=generated.content))
        for asset in self.renderer.assets():
            self._add(files, File.generated(config, asset.path, abs_src_path=str(asset.source)))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(f"search index: {error}") from None

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"docs/{file.src_uri} clashes with a page generated from content; rename it")
        files.append(file)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir))
        server.watch(str(self.renderer.templates_dir))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        if hasattr(self, "previous_site"):
            self.previous_site.restore()

    def on_shutdown(self) -> None:
        if hasattr(self, "previous_site"):
            self.previous_site.discard()


def _report_while_serving(problems: list[Problem]) -> None:
    for problem in problems:
        _serve_log.error(str(problem))
    _serve_log.error("%d problem(s) in content: the preview lists them until they are fixed", len(problems))
