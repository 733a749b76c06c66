"""Renderers of core results (text, JSON, HTML …). Core never imports this package."""
