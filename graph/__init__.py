"""The graph: ontology, store contract and its two implementations."""
