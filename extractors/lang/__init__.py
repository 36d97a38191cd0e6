"""Language data: words and patterns per language, read by the matching code."""
