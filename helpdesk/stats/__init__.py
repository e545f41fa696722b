"""Statistics: counting requests per period, protecting small numbers, the screen's figures and the council report."""
