"""Crawling: which URLs to visit (engine, scope and URL rules, robots.txt, sitemaps, templates)."""
