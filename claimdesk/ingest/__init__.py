"""The outside world into the store: JSON Lines files and stdin, URLs, feeds.

Everything here ends in :meth:`claimdesk.store.Store.add_pair`, so a pair ingested from a file
and one fetched from the web are stored, deduplicated and scored the same way.
"""
