"""One module per `claimdesk` subcommand: ``HELP``, ``add_arguments`` and ``run``."""
