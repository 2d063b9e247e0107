"""The HTML report and the local review UI.

- :func:`eventline.web.report.write_report` writes one self-contained HTML file
  (map, timeline, filterable table, evidence in context) that works opened from disk.
- :func:`eventline.web.app.create_app` / :func:`eventline.web.app.serve` run the
  same page as a FastAPI app with review actions (confirm, reject, edit, merge, split).

Article text and every event field are untrusted: the page embeds data as JSON
in a ``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped) and
its script builds the DOM with ``textContent`` only.

Example::

    from eventline.web.report import write_report
    write_report("eventline.db", "report.html")
"""

from __future__ import annotations

from ..errors import WebError

__all__ = ["WebError"]


