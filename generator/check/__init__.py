"""`briefing check`: every problem in content, and how it is reported."""
