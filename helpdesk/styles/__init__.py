"""Textual CSS of the desk app (a package so the .tcss files ship with it)."""
