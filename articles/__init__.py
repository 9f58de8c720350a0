"""Articles: read Russian news articles into the document model (blocks, segments, quotes)."""
