"""Tamper evidence of signed records: the canonical content and its digest."""
