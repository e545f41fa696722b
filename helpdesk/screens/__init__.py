"""Screens of the desk app."""
