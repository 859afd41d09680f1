"""Pages: the registry of page kinds, rendering, URLs, metadata, feeds, data, output."""
