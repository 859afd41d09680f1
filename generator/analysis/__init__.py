"""The cross-reference index and the cross-brief views derived from it."""
