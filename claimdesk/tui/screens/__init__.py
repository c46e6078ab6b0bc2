"""Screens of the claimdesk app: inbox, review, help and the small input dialogs."""
