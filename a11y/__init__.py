"""Accessibility checker for the Bdto (WCAG 2.1 AA through EN 301 549)."""
