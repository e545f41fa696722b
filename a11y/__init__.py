"""Accessibility checker for the Bdto (WCAG 2.1 AA through EN 301 549)."""

from __future__ import annotations

__version__ = "0.1.0"
