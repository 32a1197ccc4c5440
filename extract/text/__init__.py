"""Text preparation: bytes to text, PDF repairs with an offset map, layout, articles, dates.

The first stage of the data flow; nothing here knows about entities or RDF.
"""
