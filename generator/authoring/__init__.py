"""`briefing new` and `briefing schema`: skeletons, editor schema, safe writes."""
