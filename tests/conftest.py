"""Fixtures shared by several test modules (defined once here, so each exists once per session)."""

from published import browser, published_site  # noqa: F401
