"""Editions: NewsML-G2 items, HTML pages and review exports from translated articles."""
