"""People: the Textual app and the `claimdesk` command line."""
