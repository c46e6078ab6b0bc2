"""claimdesk: review spun copies of news articles claim by claim."""

__version__ = "0.1.0"
