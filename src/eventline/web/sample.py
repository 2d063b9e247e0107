"""A tiny hand-made database for trying the report and the review UI without the pipeline.

It holds six events in Mali and Niger, written in our own words (one undated, one
reported by an encyclopedia page with wiki headings), one of them
with hostile text (``<script>``, ``onerror=`` payloads, a ``javascript:`` URL)
in its fields and article, to show that the page renders them as text. The
tests use it; it is also handy for a quick look::

    from eventline.web.sample import build_sample_db
    from eventline.web.report import write_report
    write_report(build_sample_db("/tmp/sample.db"), "/tmp/sample.html", tile_url="")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..models import Article, Event, FieldValue, Source
from ..store import Store

__all__ = ["SAMPLE_IDS", "XSS_PAYLOADS", "build_sample_db"]

XSS_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
)

# ids of the events stored by build_sample_db (the rejected one is not listed)
SAMPLE_IDS: tuple[str, ...] = ("ev-kidal", "ev-gao", "ev-timbuktu", "ev-xss", "ev-niamey",
                                "ev-undated")

_ARTICLES: dict[str, tuple[str, str, dt.date]] = {
    # name: (text, outlet, published)
    "kidal.txt": (
        "Fighting was reported in the north on Friday. Rebels of the MNLA seized the town "
        "of Kidal after a clash with the army in which three soldiers died. Residents said "
        "the town was calm by evening.",
        "Sahel Monitor", dt.date(2012, 3, 31),
    ),
    "gao.txt": (
        "Gunmen attacked the market of Gao on Monday, killing four civilians, a local "
        "official said. The attackers fled on motorbikes.",
        "Desert Courier", dt.date(2012, 4, 3),
    ),
    "gao-wire.txt": (
        "In Gao, armed men opened fire on traders at the market on Monday and six people "
        "were killed, according to a hospital source.",
        "West Africa Wire", dt.date(2012, 4, 3),
    ),
    "timbuktu.txt": (
        "Hundreds of residents marched peacefully through Timbuktu on Thursday to demand "
        "the reopening of schools.",
        "Niger Valley Post", dt.date(2012, 4, 6),
    ),
    "xss.txt": (
        "Before. A statement signed <script>alert(1)</script> and "
        "<img src=x onerror=alert(1)> announced a new base near Menaka. After.",
        "\"><svg onload=alert(1)>", dt.date(2012, 4, 9),
    ),
    "timbuktu-wiki.txt": (
        "Timbuktu is a city in Mali.\n\n==History==\n\n===2012===\nIn April 2012 residents "
        "of Timbuktu marched through the city to ask for the schools to reopen. The march "
        "passed off '''peacefully''', and no one was hurt.",
        "Open Encyclopedia", dt.date(2013, 5, 1),
    ),
    "ansongo.txt": (
        "Herders near Ansongo said armed men had taken cattle from their camp at some point "
        "in the dry season.",
        "Desert Courier", dt.date(2012, 5, 2),
    ),
    "niamey.txt": (
        "Police in Niamey arrested twelve people suspected of supplying armed groups, the "
        "interior ministry said on Tuesday.",
        "Sahel Monitor", dt.date(2012, 4, 11),
    ),
}


def _source(name: str, sentence: str) -> Source:
    text, outlet, published = _ARTICLES[name]
    start = text.index(sentence)
    url = "javascript:alert(1)" if name == "xss.txt" else f"https://news.example.org/{name}"
    return Source(doc=name, source=outlet, url=url, published=published.isoformat(),
                  quote=sentence, start=start, end=start + len(sentence))


def _event(event_id: str, **fields: object) -> Event:
    base: dict[str, object] = dict(
        event_id=event_id, event_date=None, date_end=None, time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1=None, assoc_actor_1=(),
        inter1=None, actor2=None, assoc_actor_2=(), inter2=None, country="Mali", admin1=None,
        admin2=None, location=None, latitude=None, longitude=None, geo_precision=None,
        fatalities=0, fatalities_low=None, fatalities_best=None, fatalities_high=None,
        confidence=0.7, notes="", sources=(),
    )
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def _events() -> list[Event]:
    gao = _source("gao.txt", "Gunmen attacked the market of Gao on Monday, killing four "
                  "civilians, a local official said.")
    gao_wire = _source("gao-wire.txt", "In Gao, armed men opened fire on traders at the market "
                       "on Monday and six people were killed, according to a hospital source.")
    xss_sentence = ("A statement signed <script>alert(1)</script> and "
                    "<img src=x onerror=alert(1)> announced a new base near Menaka.")
    return [
        _event(
            "ev-kidal", event_date="2012-03-30", event_type="Battles",
            sub_event_type="Non-state actor overtakes territory",
            actor1="MNLA: National Movement for the Liberation of Azawad", inter1=2,
            actor2="Military Forces of Mali (2002-2012)", inter2=1, admin1="Kidal",
            admin2="Kidal", location="Kidal", latitude=18.4411, longitude=1.4078,
            geo_precision=1, fatalities=3, fatalities_low=3, fatalities_best=3,
            fatalities_high=3, confidence=0.85,
            notes="On 30 March 2012, MNLA rebels seized Kidal after a clash with the army "
                  "(3 soldiers killed).",
            sources=(_source("kidal.txt", "Rebels of the MNLA seized the town of Kidal after a "
                             "clash with the army in which three soldiers died."),),
            field_values=(FieldValue("fatalities", 3, "kidal.txt"),),
        ),
        _event(
            "ev-gao", event_date="2012-04-02", event_type="Violence against civilians",
            sub_event_type="Attack", actor1="Unidentified Armed Group (Mali)", inter1=3,
            actor2="Civilians (Mali)", inter2=7, admin1="Gao", admin2="Gao", location="Gao",
            latitude=16.2666, longitude=-0.0400, geo_precision=1, fatalities=4,
            fatalities_low=4, fatalities_best=5, fatalities_high=6, confidence=0.75,
            notes="On 2 April 2012, gunmen attacked Gao market, killing 4 to 6 civilians.",
            sources=(gao, gao_wire),
            field_values=(FieldValue("fatalities", 4, "gao.txt"),
                          FieldValue("fatalities", 6, "gao-wire.txt")),
            disagreements=("fatalities",),
        ),
        _event(
            "ev-timbuktu", event_date="2012-04-05", event_type="Protests",
            sub_event_type="Peaceful protest", actor1="Protesters (Mali)", inter1=6,
            admin1="Tombouctou", admin2="Tombouctou", location="Timbuktu", latitude=16.7735,
            longitude=-3.0074, geo_precision=1, confidence=0.6,
            notes="Peaceful protest. On 5 April 2012, residents marched in Timbuktu to demand "
                  "schools reopen.",
            sources=(_source("timbuktu.txt", "Hundreds of residents marched peacefully through "
                             "Timbuktu on Thursday to demand the reopening of schools."),
                     _source("timbuktu-wiki.txt", "===2012===\nIn April 2012 residents of "
                             "Timbuktu marched through the city to ask for the schools to reopen."),
                     _source("timbuktu-wiki.txt", "The march passed off '''peacefully''', and no "
                             "one was hurt.")),
            field_values=(FieldValue("fatalities", 0, "timbuktu.txt"),
                          FieldValue("fatalities", 0, "timbuktu-wiki.txt")),
        ),
        _event(
            "ev-xss", event_date="2012-04-08", event_type="Strategic developments",
            sub_event_type="Headquarters or base established", actor1=XSS_PAYLOADS[1],
            inter1=2, actor2=XSS_PAYLOADS[0], admin1="Menaka", location="<b>Menaka</b>",
            latitude=15.9182, longitude=2.4022, geo_precision=2, confidence=0.4,
            notes=f"Hostile text: {XSS_PAYLOADS[0]} {XSS_PAYLOADS[1]}",
            sources=(_source("xss.txt", xss_sentence),),
        ),
        _event(
            "ev-niamey", event_date="2012-04-10", event_type="Strategic developments",
            sub_event_type="Arrests", actor1="Police Forces of Niger", inter1=1,
            country="Niger", location="Niamey", confidence=0.5,
            notes="On 10 April 2012, police in Niamey arrested 12 suspected suppliers.",
            sources=(_source("niamey.txt", "Police in Niamey arrested twelve people suspected "
                             "of supplying armed groups, the interior ministry said on Tuesday."),),
        ),
        _event(
            "ev-undated", event_type="Violence against civilians",
            sub_event_type="Looting/property destruction", actor1="Unidentified Armed Group (Mali)",
            inter1=3, actor2="Civilians (Mali)", inter2=7, admin1="Gao", location="Ansongo",
            latitude=15.6597, longitude=0.5022, geo_precision=1, confidence=0.45,
            notes="Looting/property destruction. Armed men took cattle near Ansongo (no date).",
            sources=(_source("ansongo.txt", "Herders near Ansongo said armed men had taken cattle "
                             "from their camp at some point in the dry season."),),
        ),
        _event(
            "ev-rejected", event_date="2012-04-01", event_type="Riots",
            sub_event_type="Mob violence", location="Gao", latitude=16.27, longitude=-0.04,
            notes="A false positive an analyst rejected.",
            sources=(_source("gao.txt", "The attackers fled on motorbikes."),),
        ),
    ]


def build_sample_db(path: str | Path) -> Path:
    """Create (or refresh) the sample database at ``path`` and return its path.

    Example: ``build_sample_db(tmp_path / "sample.db")``.
    """
    path = Path(path)
    events = {e.event_id: e for e in _events()}
    by_doc: dict[str, list[Event]] = {}
    for event in events.values():
        by_doc.setdefault(event.sources[0].doc, []).append(event)
    with Store(path) as store:
        run_id = store.begin_run(args={"sample": True})
        for i, (name, (text, outlet, published)) in enumerate(_ARTICLES.items()):
            article = Article(doc_id=f"sample-doc-{i}", name=name, path=f"sample/{name}",
                              text=text, source=outlet, published=published,
                              url=f"https://news.example.org/{name}", language="en")
            store.save_article(run_id, article, upsert=by_doc.get(name, []))
        store.finish_run(run_id, {"articles": len(_ARTICLES)})
        if store.event_status("ev-rejected") != "rejected":
            store.review_reject("ev-rejected", who="sample")
    return path
