"""Writers: the model to an output format (Markdown, JSON, SQL)."""
