"""Flows: Prefect orchestration of articles → translators → editions, and the `kazwire` command line."""
