"""Entity recognition: the spaCy pipeline with its own jieba dictionary, and its components.

The gazetteer matched on characters, places confirmed against reference data, organisations by
suffix, people by title and name shape, inline abbreviations. Input: normalised article text;
output: a spaCy ``Doc`` whose entity spans the relation rules read.
"""
