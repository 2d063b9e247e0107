"""The dateline is read once, into Article.dateline, and the event stage reads it there."""

from __future__ import annotations

import dataclasses
import pickle

from eventline.models import Article


def _article(text: str) -> Article:
    return Article(doc_id="x" * 40, name="a.txt", path="a.txt", text=text)


def test_a_wire_dateline_is_read_into_the_article() -> None:
    article = _article("Headline\nSEVARE, Mali (Reuters) - Soldiers retook the town on Friday.")
    assert article.dateline is not None
    assert article.dateline.place == "SEVARE"
    assert article.text[article.dateline.start:article.dateline.end].startswith("SEVARE, Mali")


def test_the_dateline_follows_the_text() -> None:
    article = _article("GAO, Mali - Rebels attacked the town.")
    assert dataclasses.replace(article, text="Rebels attacked Gao.").dateline is None
    assert pickle.loads(pickle.dumps(article)).dateline == article.dateline  # Dask workers


def test_a_capitalised_sentence_start_is_no_dateline() -> None:
    assert _article("Rebels attacked Gao, a local official said.").dateline is None
    assert _article("UN peacekeepers, who arrived on Monday, left.").dateline is None
