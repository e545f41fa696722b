"""Widgets of the desk app, one per module."""
