"""What many tests share: corpora, builds, crawls."""
