"""mdkg: the micro-drama knowledge graph's command line."""
