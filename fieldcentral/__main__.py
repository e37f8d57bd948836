"""``python -m fieldcentral`` = the ``fieldcentral`` command."""

from fieldcentral.cli import main

raise SystemExit(main())
