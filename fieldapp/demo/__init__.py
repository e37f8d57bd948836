"""Realistic demo data (never queued for the central service)."""
