"""Helpers shared by the tests of several stages (on ``sys.path`` by pytest's ``pythonpath``)."""
