"""The base both products stand on: bundled content, paths, and shared infrastructure.

``a11y`` (the checker) and ``helpdesk`` (the desk) are separate products in one
distribution. What both need, and what must not be written twice, lives here: the
bundled reference data and guides, one way to open a database and run its migrations,
one HTML template environment. This package imports neither product.
"""

from __future__ import annotations

#: The one version number of the distribution; pyproject.toml reads it from here.
__version__ = "0.1.0"
