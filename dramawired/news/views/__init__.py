"""The public pages, one module each."""
