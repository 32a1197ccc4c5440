"""Relations of one article, read from its entity spans: positions, events, quotes, publications.

:mod:`.article` is the view every rule reads (text, spans, dates, lexicons); :mod:`.reader` runs
the rules and hands frozen records to the pipeline.
"""
