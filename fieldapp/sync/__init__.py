"""Sync with the central service: the wire schemas (protocol.py) shared with ``fieldcentral``."""
