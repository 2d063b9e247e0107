"""Scorers: how well eventline reads what people coded by hand.

- :mod:`.events`: events against hand-coded ACLED-style gold (``eventline eval --gold``).
- :mod:`.places`: geoparsing on LGL (``eventline eval places``).
- :mod:`.dates`: time expressions on MEANTIME (``eventline eval dates``), with the
  TIMEX3 extras only it needs (:mod:`.timex`).
- :mod:`.wikievents`: event detection on WikiEvents (``eventline eval wikievents``).
- :mod:`.acled` (to come): ACLED rows.

The floors the test suite holds each score to live in ``baseline.toml``
(:mod:`.baseline`): raise a floor there, never lower it silently.

A scorer is the top of its own small composition: it loads the components it
runs (the stages it scores never load anything themselves).
"""
