"""Measuring extraction against annotated articles (``silkgraph eval``): gold files and scoring."""
