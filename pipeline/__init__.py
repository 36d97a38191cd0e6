"""The stages and their orchestration: fetch, parse, store, extract, dedup, queue, apply."""
