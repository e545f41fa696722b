"""The desk: logging assisted digital service requests, guides and statistics."""
