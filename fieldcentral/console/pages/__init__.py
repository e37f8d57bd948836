"""One module per page group, each with its ``router`` (listed in ``fieldcentral.console``)."""
