"""Reading and validating content: safe YAML, the models (the schema), the corpus."""
