"""MkDocs writes into a staging folder beside the site, which takes the site's place only
when everything, search index included, is written (the policy is ``site.output``)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from generator.site.output import SITE_MARKER, FolderError, StagedFolder
from generator.site.pagefind import BUNDLE_FOLDER


class SiteSwap:
    """Points ``config.site_dir`` at a staging folder, then swaps it in or drops it."""

    def __init__(self, config: MkDocsConfig, *, dirty: bool) -> None:
        self.config, self.site_dir = config, config.site_dir
        self.output = StagedFolder(
            Path(self.site_dir), marker=SITE_MARKER, earlier_version=_built_by_briefing
        )
        try:
            staging = self.output.open()
            if dirty and Path(self.site_dir).is_dir():
                # --dirty rewrites only changed pages: the rest comes from the current site.
                shutil.copytree(self.site_dir, staging, symlinks=True, dirs_exist_ok=True)
        except (FolderError, OSError) as error:
            self.output.discard()
            raise PluginError(str(FolderError(str(error)))) from None
        config.site_dir = str(staging)

    def finish(self, *, publish: bool, keep_old: bool = False) -> Path | None:
        """Swap the completed site in (or drop it), and give MkDocs back the real site folder
        for what comes after the build (gh-deploy, hooks). With ``keep_old``, the site it
        replaced is returned, not deleted (the build cache takes it): :meth:`discard` then."""
        self.config.site_dir = self.site_dir
        old = None
        try:
            if publish:
                old = self.output.publish(keep_old=keep_old)
        except FolderError as error:
            raise PluginError(str(error)) from None
        finally:
            if old is None:
                self.output.discard()
        return old

    def discard(self) -> None:
        """Delete what is left of the old site, and let go of it."""
        self.output.discard()


def strict_mode_will_abort() -> bool:
    """Whether ``mkdocs build --strict`` has counted warnings, and so fails after post_build."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def _built_by_briefing(folder: Path) -> bool:
    """A site built before sites had a marker: a home page and a search index."""
    return (folder / "index.html").is_file() and (folder / BUNDLE_FOLDER).is_dir()
