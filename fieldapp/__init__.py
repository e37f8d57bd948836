"""FieldApp: the after-sales technician's offline field-service app (售后维修).

Everything in this package except ``fieldapp.ui`` is plain Python with no Qt import, so the
command line, the tests and the central service can use the same rules.
"""

__version__ = "0.1.0"
