"""Extraction: documents in, claims, actors and time expressions out (no graph code here)."""
