"""`briefing draft`: a first brief drafted from a news article."""
