"""The history rendering: JSON string escapes decoded into a view that maps back to the raw text."""

from __future__ import annotations

import json

from kg.pages import Page, read_page
from kg.parse.history import decode_json_string, find_content_string, history_document
from tests.conftest import PAGE_FIXTURES_DIR
from tests.linearity import assert_linear


def _page(markdown: str, before: str = '{\n  "id": "genes-x",\n', after: str = "\n}\n") -> Page:
    return Page.from_text(before + '  "content_md": ' + json.dumps(markdown) + after)


def test_content_string_is_found_with_spacing_and_escaped_quotes() -> None:
    text = 'x "content_md" :  "a\\"b\\\\" , "y": 1'
    first, end = find_content_string(text)  # type: ignore[misc]
    assert text[first:end] == 'a\\"b\\\\'
    assert find_content_string('{"title": "no markdown here"}') is None
    assert find_content_string('"content_md": 5') is None


def test_unterminated_string_runs_to_the_end() -> None:
    text = '"content_md": "# T\\nbody'
    first, end = find_content_string(text)  # type: ignore[misc]
    assert end == len(text)
    decoded, _, bad = decode_json_string(text, first, end)
    assert decoded == "# T\nbody"
    assert bad == 0


def test_every_escape_maps_to_its_backslash() -> None:
    raw = 'A\\n\\"B\\u00e9\\ud83e\\udde0\\\\C\\tD\\/'
    decoded, offsets, bad = decode_json_string(raw, 0, len(raw))
    assert decoded == json.loads('"' + raw + '"')
    assert bad == 0
    assert len(offsets) == len(decoded)
    for ch, at in zip(decoded, offsets, strict=True):
        if raw[at] == "\\":
            assert any(_decodes(raw[at : at + width], ch) for width in (2, 6, 12)), (ch, at)
        else:
            assert raw[at] == ch
    assert raw[offsets[decoded.index("🧠")] :].startswith("\\ud83e\\udde0")


def _decodes(escape: str, char: str) -> bool:
    try:
        return json.loads('"' + escape + '"') == char
    except ValueError:
        return False


def test_invalid_escapes_are_kept_as_written_and_counted() -> None:
    raw = "a\\qb\\u12zz"
    decoded, offsets, bad = decode_json_string(raw, 0, len(raw))
    assert decoded == "a\\qb\\u12zz"
    assert bad == 2
    assert list(offsets) == list(range(len(raw)))


def test_view_puts_markdown_on_its_own_lines_and_maps_to_raw() -> None:
    page = _page('# TREM2 \u2014 Gene\n\n<table>\n"quoted" line')
    view = history_document(page)
    assert view is not None
    doc = view.document
    md = doc.text[view.content_start : view.content_end]
    assert md == '# TREM2 \u2014 Gene\n\n<table>\n"quoted" line'
    title = next(ln for ln in doc.lines if ln.text.startswith("# TREM2"))
    span = doc.line_span(title)
    assert page.text[span.start : span.end] == "# TREM2 \\u2014 Gene"
    assert span.first_line == span.last_line == 3  # the raw line holding content_md
    quoted = next(ln for ln in doc.lines if ln.text.startswith('"quoted"'))
    assert page.text[doc.span(quoted.start, quoted.end).start :].startswith('\\"quoted\\" line"')
    key_line = next(ln for ln in doc.lines if '"id"' in ln.text)
    assert doc.line_span(key_line).first_line == 2


def test_fixture_history_view_decodes() -> None:
    page = read_page(PAGE_FIXTURES_DIR / "history_view.txt")
    view = history_document(page)
    assert view is not None and view.bad_escapes == 0
    md = view.document.text[view.content_start : view.content_end]
    assert md == json.loads(page.text)["content_md"]


def test_plain_page_has_no_history_view() -> None:
    assert history_document(Page.from_text("📗 Cite This Artifact\nTitle\nTitle\n")) is None


def test_decoding_a_large_string_is_linear() -> None:
    chunk = 'line with \\"quotes\\" and \\u00e9\\n'

    def make(n: int) -> Page:
        return Page.from_text('"content_md": "' + chunk * n + '"')

    view = history_document(make(60_000))  # about 2 MB of escaped text
    assert view is not None
    assert view.document.text.count("\n") >= 60_000
    assert_linear(lambda n: history_document(make(n)), 10_000)
