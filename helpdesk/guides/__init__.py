"""Step-by-step guides: reading and checking the Markdown files, search, and the resident's handout."""
