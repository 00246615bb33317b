"""Renderers: pure functions from the dataset (and the current page) to Markdown."""
