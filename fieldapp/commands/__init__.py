"""One module per ``fieldapp`` subcommand; each has ``register(subparsers)``.

A command parses its arguments, calls services and prints; it holds no business rules.
"""
