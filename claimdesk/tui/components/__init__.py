"""Widgets of the claimdesk app: the inbox list, the aligned review panes, the claim list."""
