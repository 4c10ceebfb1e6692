"""Stage 5: assertions become an RDF dataset (one named graph per page, provenance for each triple)."""
