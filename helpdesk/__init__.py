"""The desk: logging assisted digital service requests, guides and statistics."""

from inclusiedesk import __version__

__all__ = ["__version__"]
