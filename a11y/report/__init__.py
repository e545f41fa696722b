"""Renderers: each turns a finished :class:`a11y.analysis.Report` into one format."""
