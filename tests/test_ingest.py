"""Ingest: files, folders, JSONL, WARC, manifest, stdin, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from eventline import errors
from eventline.errors import InputNotFound, ManifestError
from eventline.ingest import ManifestRow, iter_documents, read_manifest
from eventline.models import RawDocument, Skip

ARTICLE = (
    "Gunmen attacked a police post in the northern town of Djibo on Tuesday, killing "
    "four officers, the security ministry said in a statement.\n\n"
    "The attackers arrived on motorcycles before dawn and set fire to two vehicles, "
    "a local official told reporters by telephone.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Gunmen kill four police in Djibo</title>
<meta property="og:site_name" content="Sahel Daily">
<meta property="article:published_time" content="2019-05-14T08:30:00Z">
<script>var tracking = {"id": 1};</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Gunmen kill four police in Djibo</h1>
<p>Gunmen attacked a police post in the northern town of Djibo on Tuesday, killing four
officers, the security ministry said in a statement.</p>
<p>The attackers arrived on motorcycles before dawn and set fire to two vehicles, a local
official told reporters by telephone.</p></article>
<footer><p>Copyright 2019 Sahel Daily. All rights reserved.</p></footer></body></html>"""


def items(paths, **kw):
    return list(iter_documents([str(p) for p in paths], **kw))


def docs_of(result):
    return [x for x in result if isinstance(x, RawDocument)]


def skips_of(result):
    return [x for x in result if isinstance(x, Skip)]


def test_folder_walk_is_recursive_sorted_and_names_are_relative(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "c.HTM").write_text(PAGE.replace("Djibo", "Arbinda"))
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    got = items([tmp_path])
    assert [d.name for d in docs_of(got)] == ["a.html", "b/2.txt", "c.HTM"]
    assert [d.kind for d in docs_of(got)] == ["html", "text", "html"]
    assert isinstance(docs_of(got)[0].content, bytes)  # decoding is the clean stage's job


def test_file_given_directly_is_named_by_basename(tmp_path: Path) -> None:
    f = tmp_path / "sub" / "report.txt"
    f.parent.mkdir()
    f.write_text(ARTICLE)
    (doc,) = items([f])
    assert doc.name == "report.txt" and doc.path == str(f)


def test_missing_input_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound) as exc:
        iter_documents([tmp_path / "nope"])
    assert "E001" in str(exc.value) and "nope" in str(exc.value)


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    got = items([tmp_path, f])
    assert len(docs_of(got)) == 1
    (skip,) = skips_of(got)
    assert skip.code == errors.SKIP_DUPLICATE and "a.txt" in skip.reason


# --------------------------------------------------------------------------- manifest


def test_manifest_metadata_wins_and_extra_columns_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(json.dumps({"text": ARTICLE, "source": "Crawler", "published": "2019-01-01",
                                 "url": "http://x/1"}) + "\n")
    man = tmp_path / "manifest.csv"
    man.write_text("file,source,published,url,language,note\n"
                   "a.txt,Sahel Daily,2019-05-14,http://sahel/a,en,hand-checked\n"
                   "crawl.jsonl,Wire,,,,\n")
    rows = read_manifest(man)
    assert rows[str((tmp_path / "a.txt").resolve())] == ManifestRow(
        "a.txt", "Sahel Daily", dt.date(2019, 5, 14), "http://sahel/a", "en")
    got = docs_of(items([tmp_path], manifest=man))
    by = {d.name: d for d in got}
    assert set(by) == {"a.txt", "crawl.jsonl#1"}  # the manifest itself is not an article
    assert by["a.txt"].source == "Sahel Daily" and by["a.txt"].published == dt.date(2019, 5, 14)
    # manifest source wins over the JSONL field; JSONL date kept where the manifest is empty
    assert by["crawl.jsonl#1"].source == "Wire"
    assert by["crawl.jsonl#1"].published == dt.date(2019, 1, 1)


def test_manifest_row_for_missing_file_is_a_skip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    man = tmp_path / "manifest.csv"
    man.write_text("file,source\na.txt,X\ngone.txt,Y\n")
    got = items([tmp_path], manifest=man)
    assert len(docs_of(got)) == 1
    (skip,) = skips_of(got)
    assert skip.code == errors.SKIP_MISSING_FILE and "gone.txt" in skip.reason


@pytest.mark.parametrize("content,needle", [
    (None, "Cannot read manifest"),
    ("name,source\na.txt,X\n", "no 'file' column"),
    ("file,published\na.txt,last tuesday\n", "line 2"),
])
def test_unreadable_manifest_raises_manifest_error(tmp_path: Path, content, needle) -> None:
    man = tmp_path / "m.csv"
    if content is not None:
        man.write_text(content)
    with pytest.raises(ManifestError) as exc:
        read_manifest(man)
    assert needle in str(exc.value) and "E002" in str(exc.value)


# --------------------------------------------------------------------------- JSONL


def test_jsonl_text_and_html_records_with_metadata(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    lines = [
        json.dumps({"text": ARTICLE, "title": "Djibo attack", "url": "http://a/1",
                    "source": "Sahel Daily", "published": "2019-05-14T08:00:00",
                    "language": "en"}),
        "",
        json.dumps({"html": PAGE}),
        "{not json",
        json.dumps({"body": "no usable field"}),
        json.dumps(["a", "list"]),
    ]
    f.write_text("\n".join(lines) + "\n")
    got = items([f])
    docs = docs_of(got)
    assert [d.name for d in docs] == ["crawl.jsonl#1", "crawl.jsonl#3"]
    assert docs[0].kind == "text" and docs[0].title == "Djibo attack"
    assert docs[0].published == dt.date(2019, 5, 14) and docs[0].source == "Sahel Daily"
    assert docs[1].kind == "html" and docs[1].published is None
    codes = {s.path.rsplit("#", 1)[1]: s.code for s in skips_of(got)}
    assert codes == {"4": errors.SKIP_BAD_ARCHIVE, "5": errors.SKIP_EMPTY,
                     "6": errors.SKIP_BAD_ARCHIVE}


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"body": ARTICLE}) + "\n" + json.dumps({"page": PAGE}) + "\n")
    got = docs_of(items([f], settings={"jsonl_text_field": "body", "jsonl_html_field": "page"}))
    assert [d.kind for d in got] == ["text", "html"]


def test_truncated_jsonl_gz_keeps_records_before_the_damage(tmp_path: Path) -> None:
    blob = gzip.compress(("\n".join(json.dumps({"text": ARTICLE + str(i)}) for i in range(200))
                          + "\n").encode())
    f = tmp_path / "crawl.jsonl.gz"
    f.write_bytes(blob[: len(blob) // 2])
    got = items([f])
    assert 0 < len(docs_of(got)) < 200
    assert skips_of(got)[-1].code == errors.SKIP_BAD_ARCHIVE
    assert "damaged" in skips_of(got)[-1].reason


# --------------------------------------------------------------------------- WARC


def _write_warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, ctype, body in (
            ("http://sahel.example/djibo", "text/html; charset=utf-8", PAGE.encode()),
            ("http://sahel.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=headers))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_response_is_read_and_image_skipped(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(f, gz=gz)
    got = items([tmp_path])
    (doc,) = docs_of(got)
    assert doc.name == f"{f.name}#1" and doc.kind == "html"
    assert doc.url == "http://sahel.example/djibo" and "Djibo" in doc.content
    (skip,) = skips_of(got)
    assert skip.code == errors.SKIP_UNSUPPORTED and "image/png" in skip.reason


def test_truncated_warc_gz_is_a_bad_archive_skip(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    _write_warc(good, gz=True)
    bad = tmp_path / "bad.warc.gz"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) - 40])
    got = items([bad])
    assert skips_of(got)[-1].code == errors.SKIP_BAD_ARCHIVE


def test_garbage_warc_is_a_bad_archive_skip(tmp_path: Path) -> None:
    bad = tmp_path / "junk.warc"
    bad.write_text("this is not a WARC file at all\n" * 5)
    (skip,) = items([bad])
    assert skip.code == errors.SKIP_BAD_ARCHIVE


# --------------------------------------------------------------------------- bad inputs


def test_bad_inputs_each_become_a_skip_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "00_good.txt").write_text(ARTICLE)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.4\n%...")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text("word " * 500)
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "zz_good.html").write_text(PAGE)
    got = items([tmp_path], settings={"max_file_bytes": 2000})
    assert [d.name for d in docs_of(got)] == ["00_good.txt", "zz_good.html"]
    codes = {Path(s.path).name: s.code for s in skips_of(got)}
    assert codes == {
        "binary.txt": errors.SKIP_BINARY,
        "scan.html": errors.SKIP_BINARY,
        "empty.txt": errors.SKIP_EMPTY,
        "big.txt": errors.SKIP_TOO_LARGE,
        "table.csv": errors.SKIP_UNSUPPORTED,
        "dangling.txt": errors.SKIP_UNREADABLE,
    }
    assert all(s.stage == "ingest" and s.reason for s in skips_of(got))
    big = next(s for s in skips_of(got) if s.path.endswith("big.txt"))
    assert "max_file_bytes" in big.reason


def test_dangling_symlink_given_directly_is_unreadable_not_missing(tmp_path: Path) -> None:
    link = tmp_path / "x.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (skip,) = items([link])
    assert skip.code == errors.SKIP_UNREADABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(ARTICLE)
    f.chmod(0)
    (skip,) = items([f])
    assert skip.code == errors.SKIP_UNREADABLE


def test_unknown_extension_rules(tmp_path: Path) -> None:
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "article_123").write_text(ARTICLE)  # no extension, looks like text
    (tmp_path / "dump" / "page_7").write_text(PAGE)  # no extension, looks like HTML
    (tmp_path / "dump" / "photo").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 40)
    (tmp_path / "notes.md").write_text(ARTICLE)
    got = items([tmp_path])
    assert [(d.name, d.kind) for d in docs_of(got)] == [
        ("dump/article_123", "text"), ("dump/page_7", "html")]
    assert sorted(Path(s.path).name for s in skips_of(got)) == ["notes.md", "photo"]
    # named directly, an unknown extension is read when it looks like text
    (doc,) = items([tmp_path / "notes.md"])
    assert doc.kind == "text"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(PAGE.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    (doc,) = items(["-"])
    assert doc.path == "-" and doc.kind == "html"


def test_mali_corpus_manifest(mali_corpus: Path) -> None:
    got = items([mali_corpus], manifest=mali_corpus / "manifest.csv")
    docs = docs_of(got)
    assert len(docs) == 4 and not skips_of(got)
    by = {d.name[:3]: d for d in docs}
    assert by["000"].source == "GlobalPost" and by["000"].published == dt.date(2012, 3, 31)
    assert by["002"].source == "CNN" and by["002"].published == dt.date(2013, 1, 21)
    assert by["003"].source == "Wikipedia" and by["003"].published is None


# --------------------------------------------------------------------------- URLs (fsspec)

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def memfs(request: pytest.FixtureRequest):
    """fsspec's in-memory filesystem under a folder unique to the test (no network)."""
    fs = fsspec.filesystem("memory")
    root = f"/eventline-test-{request.node.name.replace('[', '-').rstrip(']')}"
    yield fs, f"memory://{root.lstrip('/')}"
    if fs.exists(root):
        fs.rm(root, recursive=True)


def test_url_folder_is_walked_like_a_local_one(memfs) -> None:
    fs, url = memfs
    fs.pipe(f"{url}/b/2.txt", ARTICLE.encode())
    fs.pipe(f"{url}/a.html", PAGE.encode())
    fs.pipe(f"{url}/.hidden.txt", ARTICLE.encode())
    fs.pipe(f"{url}/notes.csv", b"a,b\n")
    fs.pipe(f"{url}/manifest.csv", b"file,source\n")
    lines = [json.dumps({"text": ARTICLE, "source": "Wire", "published": "2019-05-14"}),
             json.dumps({"html": PAGE})]
    fs.pipe(f"{url}/crawl/day1.jsonl.gz", gzip.compress("\n".join(lines).encode()))
    got = items([url + "/"])
    docs = docs_of(got)
    assert [d.name for d in docs] == ["a.html", "b/2.txt", "crawl/day1.jsonl.gz#1",
                                      "crawl/day1.jsonl.gz#2"]
    assert docs[0].path == f"{url}/a.html" and docs[0].kind == "html"
    assert docs[1].content == ARTICLE.encode() and docs[1].kind == "text"
    assert docs[2].path == f"{url}/crawl/day1.jsonl.gz#1"
    assert (docs[2].source, docs[2].published) == ("Wire", dt.date(2019, 5, 14))
    assert docs[3].kind == "html"
    assert [(s.code, s.path) for s in skips_of(got)] == [
        (errors.SKIP_UNSUPPORTED, f"{url}/notes.csv")]


def test_url_file_given_directly_and_warc_streamed(memfs, tmp_path: Path) -> None:
    fs, url = memfs
    fs.pipe(f"{url}/one.txt", ARTICLE.encode())
    _write_warc(tmp_path / "crawl.warc.gz", gz=True)
    fs.pipe(f"{url}/crawl.warc.gz", (tmp_path / "crawl.warc.gz").read_bytes())
    got = items([f"{url}/one.txt", f"{url}/crawl.warc.gz", f"{url}/one.txt"])
    docs = docs_of(got)
    assert docs[0].name == "one.txt" and docs[0].path == f"{url}/one.txt"
    assert [d.name for d in docs[1:]] == ["crawl.warc.gz#1"]
    assert docs[1].url == "http://sahel.example/djibo" and "Djibo" in docs[1].content
    assert [s.code for s in skips_of(got)] == [errors.SKIP_UNSUPPORTED, errors.SKIP_DUPLICATE]


def test_url_manifest_applies_to_url_files(memfs, tmp_path: Path) -> None:
    fs, url = memfs
    fs.pipe(f"{url}/a.txt", ARTICLE.encode())
    fs.pipe(f"{url}/c.jsonl", (json.dumps({"text": ARTICLE}) + "\n").encode())
    fs.pipe(f"{url}/manifest.csv",
            b"file,source,published\na.txt,Sahel Daily,2019-05-14\nc.jsonl#1,Wire,\n"
            b"gone.txt,X,\n")
    got = items([url], manifest=f"{url}/manifest.csv")
    by_name = {d.name: d for d in docs_of(got)}
    assert by_name["a.txt"].source == "Sahel Daily"
    assert by_name["a.txt"].published == dt.date(2019, 5, 14)
    assert by_name["c.jsonl#1"].source == "Wire"
    assert [(s.code, s.path.rsplit("/", 1)[-1]) for s in skips_of(got)] == [
        (errors.SKIP_MISSING_FILE, "gone.txt")]
    # A local manifest may name URL files (resolved as-is, any spelling of the URL).
    local = tmp_path / "m.csv"
    local.write_text(f"file,source\n{url.replace('://', ':///')}/a.txt,Local Wire\n")
    got = items([f"{url}/a.txt"], manifest=local)
    assert docs_of(got)[0].source == "Local Wire" and not skips_of(got)


def test_oversized_url_file_is_skipped(memfs) -> None:
    fs, url = memfs
    fs.pipe(f"{url}/big.txt", ARTICLE.encode() * 10)
    fs.pipe(f"{url}/small.txt", ARTICLE.encode())
    got = items([url], settings={"max_file_bytes": len(ARTICLE.encode()) + 10})
    assert [d.name for d in docs_of(got)] == ["small.txt"]
    assert [(s.code, s.path) for s in skips_of(got)] == [(errors.SKIP_TOO_LARGE, f"{url}/big.txt")]


def test_url_errors_are_clear(memfs) -> None:
    fs, url = memfs
    with pytest.raises(InputNotFound, match="does not exist"):
        items([f"{url}/nothing-here/"])
    with pytest.raises(InputNotFound, match="does not know"):
        items(["nosuchproto://bucket/x"])
    from fsspec.registry import known_implementations
    missing = next((p for p in ("s3", "gcs", "abfs", "hdfs")
                    if not _importable(known_implementations[p]["class"].split(".")[0])), None)
    if missing is None:
        pytest.skip("every probed fsspec driver is installed")
    package = known_implementations[missing]["class"].split(".")[0]
    with pytest.raises(InputNotFound, match=f"pip install {package}") as info:
        items([f"{missing}://bucket/crawl/"])
    assert info.value.code == "E001"


def test_file_url_reads_local_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    got = items([tmp_path.as_uri()])
    assert [(d.name, d.path) for d in docs_of(got)] == [("a.txt", str(tmp_path / "a.txt"))]


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_url_manifest_given_as_a_path_object(memfs) -> None:
    # The CLI's --manifest option is typed Path, which folds "memory://x" into "memory:/x".
    fs, url = memfs
    fs.pipe(f"{url}/a.txt", ARTICLE.encode())
    fs.pipe(f"{url}/m.csv", b"file,source\na.txt,Sahel Daily\n")
    got = items([url], manifest=Path(f"{url}/m.csv"))
    assert [d.source for d in docs_of(got)] == ["Sahel Daily"]
