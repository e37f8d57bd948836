"""The CS centre's web console: server-rendered pages (Jinja2, no script) at ``/console/`` on
the same FastAPI app, and its JSON API at ``/api/console/v1``.

:func:`fieldcentral.console.mount.install` mounts everything; ``fieldcentral.app.create_app``
calls it. This package itself imports nothing, so the command line (``fieldcentral …``) loads
only the few console modules a command uses, not the web stack (~0.9 s less for every
command). A new page group is a module in ``pages/`` with a ``router``, listed in
:data:`fieldcentral.console.mount.PAGES` (see /work/prompts/console-conventions.md).
"""
