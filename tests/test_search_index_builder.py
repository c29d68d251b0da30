"""The faster search-index builder (:mod:`scripts.render.search_index`) against Material's own: the same pages, in the
page HTML the site renders (Markdown with the site's extensions, through the sanitizer) and in raw HTML the fast
path refuses, give the same sections and the same ``search_index.json``, byte for byte."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser, SearchPlugin
from mkdocs.plugins import BasePlugin, PluginCollection
from material.plugins.search.plugin import SearchIndex as MaterialSearchIndex
from mkdocs.structure.toc import get_toc

from scripts.render import search_index
from scripts.render.post import rewrite_search_index
from scripts.render.search_index import SearchIndex, sections, use_fast_index
from scripts.render.security import clean_content

#: the site's Markdown extensions (mkdocs.yml), with MkDocs' own toc settings
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences"]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}

PAGES = {
    "measure": """\
# Measure 17: Cooperation in an emergency

Service providers and law enforcement agree *in advance* on a procedure for emergencies
(threat to life), with **24/7** contacts.

## What the sources establish

| Source | Paragraph | Status |
|:-------|:---------:|-------:|
| Guidelines | 17 | checked &amp; confirmed |
| Convention, Art. 16 | — | `preservation` |

!!! note "Guidance, not the official text"
    The explanations here are written in our own words.
    The official text is published by the Council of Europe.

??? example "Model answer"
    1. Verify the caller:
        - hang up and call back;
        - ask for the unit's name.
    2. Record `who`, `when` and `why`.

### Code and whitespace

```text
line one
    indented   line two

line four <after a blank> & more
```

Text after   the code, with a <sub>sub</sub> and a <sup>sup</sup>.

## Not in search { data-search-exclude }

This section is left out of the index.

## Downloads

Download the form.
{ data-search-exclude }

Still in the index.
""",
    "georgian": """\
# სამართალდამცავი ორგანოები და ინტერნეტ მომსახურების მიმწოდებლები

თანამშრომლობის სახელმძღვანელო პრინციპები კიბერდანაშაულის წინააღმდეგ.

## რა დგინდება წყაროებიდან

- პირველი პუნქტი
- მეორე პუნქტი
    - ჩადგმული პუნქტი

> ციტატა: „მომსახურების მიმწოდებელი“ & სხვები <მაგალითი>.
""",
    "serbian": """\
## Сарадња полиције и пружалаца услуга

Смернице Савета Европе из 2008. године — **прва** тачка.

Term
:   Definition in Cyrillic: дефиниција.

*[ISP]: Internet service provider (пружалац)

An ISP is named.

#### Deep heading

Text under a deep heading.
""",
}

#: raw page HTML (not through the sanitizer): markup the fast path leaves to Material's parser, and the quirks of
#: Material's parser the fast path must keep
RAW = {
    "templates": """\
<h1 id="form">Emergency request<a class="headerlink" href="#form" title="Permanent link">¶</a></h1>
<div class="lea-form-root" data-template="emergency">
<p class="lea-nojs">The checks need JavaScript.</p>
<form class="lea-form" novalidate="" aria-label="Emergency request">
<fieldset class="lea-section" id="section-reference"><legend>Request reference</legend>
<label for="ref">Reference <span aria-hidden="true">*</span></label>
<input id="ref" name="ref" type="text" required="">
<textarea id="notes" rows="3">Notes &amp; remarks</textarea>
<select id="s"><option value="a">A</option><option value="b" selected="">B</option></select>
</fieldset></form></div>
<script type="application/json" class="lea-guide-data">{"questions":[{"id":"provider","text":"Where?"}]}</script>
<noscript><p>Without JavaScript, read the table.</p></noscript>
<p>After the data block.</p>
""",
    "nested-headings": """\
<p>Preface before any heading.</p>
<h2 id="first">First<a class="headerlink" href="#first">¶</a></h2>
<div class="book-about" id="about"><h3 id="inner">Inner heading</h3><p>Inside the div.</p></div>
<p>Back in <code>first</code> after the div.</p>
<h4>Heading without id</h4><p>Still first.</p>
<h2 id="excluded" data-search-exclude="">Excluded heading</h2><p>Dropped with it.</p>
<div data-search-exclude=""><div>inner</div>indexed: Material's skip set compares by tag</div>
<div class="linenodiv"><pre>1
2</pre></div>
<ul><li></li><li>  </li><li><p>kept</p></li></ul>
<h2 id="pre">Pre<a class="headerlink" href="#pre">¶</a></h2>
<pre><code>  a  \n\n  b  </code></pre>
<pre><code><span class="k">def</span> <span>  </span>\n\n<span class="n">b</span>\t</code></pre>
<h3 id="a&amp;b" title="x">Id with a reference</h3>
<p>Entities: &lt;tag&gt; &amp; &quot;quotes&quot; &#x10D3; &nbsp;end</p>
""",
    "h1-first-no-id": """<h1>Title without id</h1><p>Text.</p><h2 id="x">X</h2><p>More.</p>""",
    "fallback-comment": """<h1 id="t">T</h1><!-- a comment --><p>a<!-- b -->c</p>""",
    "fallback-script": """<h1 id="t">T</h1><script>if (a < b) { x = "<p>no</p>"; }</script><p>after</p>""",
    "style": """<style>p > a { color: red }</style><p>styled</p>""",
    "fallback-style": """<style>/* <p> */ p > a { color: red }</style><p>styled</p>""",
    "fallback-self-closing": """<h2 id='single'>Single quotes</h2><p>a<br/>b<img src=x.png alt=unquoted></p>""",
    "fallback-stray": """<h2 id="lt">Less than</h2><p>1 < 2 and <3</p><P CLASS="Upper">upper</P>""",
    "text-only": "Just text &amp no tags",
}


def _page(html: str, toc=(), meta: dict | None = None, url: str = "page/") -> SimpleNamespace:
    return SimpleNamespace(content=html, toc=get_toc(list(toc)), meta=meta or {}, url=url, title="Page title")


def _markdown_page(source: str, meta: dict | None = None, url: str = "page/") -> SimpleNamespace:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    html = clean_content(md.convert(source))
    return _page(html, md.toc_tokens, meta, url)


def _material_sections(html: str) -> list:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def _dump(found: list) -> list:
    return [(s.el.tag, dict(s.el.attrs), s.depth, s.id, s.title, s.text, s.is_excluded()) for s in found]


def _config() -> dict:
    return {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}}}


def _indexes(pages: list[SimpleNamespace]) -> tuple[str, str]:
    theirs, ours = MaterialSearchIndex(**_config()), SearchIndex(**_config())
    for page in pages:
        theirs.add_entry_from_context(page)
        ours.add_entry_from_context(page)
    return theirs.generate_search_index(None), ours.generate_search_index(None)


def _all_pages() -> list[SimpleNamespace]:
    pages = [_markdown_page(source, url=f"{name}/") for name, source in PAGES.items()]
    pages += [_page(html, url=f"{name}/") for name, html in RAW.items()]
    pages.append(_markdown_page(PAGES["measure"], {"tags": ["emergency", 17, None, {"x": 1}], "search": {"boost": 2}},
                                "tagged/"))
    pages.append(_markdown_page(PAGES["measure"], {"search": {"exclude": True}}, "excluded/"))
    return pages


@pytest.mark.parametrize("page", _all_pages(), ids=lambda page: page.url)
def test_the_sections_are_materials(page: SimpleNamespace) -> None:
    assert _dump(sections(page.content)) == _dump(_material_sections(page.content))


def _as_rewritten(material_index: str) -> str:
    """Material's index as ``scripts.render.post.rewrite_search_index`` writes it again: UTF-8, not escapes."""
    return json.dumps(json.loads(material_index), ensure_ascii=False, separators=(",", ":"))


def test_the_index_is_materials_as_the_rewrite_wrote_it() -> None:
    """The same entries, written once as the rewrite wrote Material's index (UTF-8, not escapes)."""
    theirs, ours = _indexes(_all_pages())
    assert "\\u10e9" in theirs  # Georgian, as Material writes it
    assert ours == _as_rewritten(theirs)
    assert "\\u" not in ours
    docs = json.loads(ours)["docs"]
    # what the pages above are for: each of these reached the index (or was kept out of it)
    locations = {doc["location"] for doc in docs}
    assert {"measure/", "measure/#code-and-whitespace", "georgian/", "serbian/#_1", "tagged/"} <= locations
    assert not any(location.startswith("excluded/") for location in locations)
    assert not any("Not in search" in doc["title"] for doc in docs)
    assert any("ჩადგმული" in doc["text"] for doc in docs) and any("Смернице" in doc["text"] for doc in docs)
    assert any("indented   line two" in doc["text"] for doc in docs)  # whitespace kept in <pre>
    assert [doc["tags"] for doc in docs if doc["location"] == "tagged/"] == [["emergency", "17"]]


def test_the_site_s_page_html_takes_the_fast_path() -> None:
    """What the sanitizer writes never falls back to Material's (slower) parser; the raw markup above does."""
    for name, source in PAGES.items():
        assert search_index._fast_sections(_markdown_page(source).content) is not None, name
    for name, html in RAW.items():
        assert (search_index._fast_sections(html) is None) == name.startswith("fallback-"), name


def test_the_hooks_give_material_s_plugin_this_index() -> None:
    plugin = SearchPlugin()
    plugin.search_index = MaterialSearchIndex(**_config())
    config = SimpleNamespace(plugins={"material/search": plugin, "other": object()})
    use_fast_index(config)
    assert type(plugin.search_index) is SearchIndex
    assert plugin.search_index.config == _config()
    disabled = SearchPlugin()  # a disabled plugin never made an index: nothing to replace
    use_fast_index(SimpleNamespace(plugins={"material/search": disabled}))
    assert not hasattr(disabled, "search_index")


def test_the_previous_build_s_entries_are_merged_as_material_merges_them() -> None:
    """``serve``'s dirty rebuild: the previous index, without the pages built again, and the new entries."""
    pages = _all_pages()
    for new_pages in (pages[:1], []):
        results = []
        for kind in (MaterialSearchIndex, SearchIndex):
            previous = kind(**_config())
            for page in pages:
                previous.add_entry_from_context(page)
            previous.generate_search_index(None)
            index = kind(**_config())
            for page in new_pages:
                index.add_entry_from_context(_page(page.content.replace("</p>", " again</p>"), url=page.url))
            results.append(index.generate_search_index(previous))
        theirs, ours = results
        assert ours == _as_rewritten(theirs)
        assert ("again" in ours) == bool(new_pages)


def test_the_two_methods_repeated_are_material_s_as_read() -> None:
    """A Material whose methods differ from the ones read fails here (read them again, then their digests)."""
    assert {name: search_index.repeated(name) for name in search_index.READ} == search_index.READ


def test_a_material_method_other_than_the_one_read_runs_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "repeated", lambda name: "another")
    theirs, ours = _indexes(_all_pages())
    assert ours == theirs  # Material's own writing, escapes and all
    config, plugin, _ = _plugins()
    use_fast_index(config)
    assert type(plugin.search_index) is SearchIndex
    assert config.plugins.events["page_context"][0] == plugin.on_page_context


class _Other(BasePlugin):
    def on_page_context(self, context, *, page, config, nav):  # noqa: ANN001, ANN201 - MkDocs' event
        return context


def _plugins() -> tuple[SimpleNamespace, SearchPlugin, _Other]:
    plugin, other = SearchPlugin(), _Other()
    assert plugin.load_config({}) == ([], [])
    plugin.search_index = MaterialSearchIndex(**_config())
    plugins = PluginCollection()
    plugins["material/search"] = plugin
    plugins["other"] = other
    return SimpleNamespace(plugins=plugins), plugin, other


def test_the_search_plugin_s_page_handler_is_the_quick_one_in_its_place() -> None:
    config, plugin, other = _plugins()
    assert config.plugins.events["page_context"] == [plugin.on_page_context, other.on_page_context]
    use_fast_index(config)
    handlers = config.plugins.events["page_context"]
    assert len(handlers) == 2 and handlers[1] == other.on_page_context
    assert getattr(handlers[0], "__func__", None) is not SearchPlugin.on_page_context
    assert config.plugins._event_origins[handlers[0]] == "material/search"
    use_fast_index(config)  # not twice: the index is this module's already
    assert config.plugins.events["page_context"] == handlers


@pytest.mark.parametrize(("html", "changed"), [
    ('<h2 id="a">A</h2><p data-search-exclude="">hidden</p><p>shown <span data-search-boost="2">b</span></p>', True),
    ('<h2 id="a">A</h2><p data-search-exclude="true">hidden</p>\n<p data-search-x="1"\tdata-search-y="2">c</p>', True),
    ('<h2 id="a">A</h2><p data-search-exclude="">an empty value stays</p>', False),
    ('<h2 id="a">A</h2><p>no attribute to remove, data-search- as text</p>', False),
    ('<h2 id="a">A</h2><p>nothing at all</p>', False),
])
def test_the_quick_page_handler_leaves_what_material_s_leaves(html: str, changed: bool) -> None:
    """The page's content and the index's entries: the same as Material's own handler gives."""
    config, plugin, _ = _plugins()
    theirs_plugin = SearchPlugin()
    theirs_plugin.load_config({})
    theirs_plugin.search_index = SearchIndex(**_config())
    use_fast_index(config)
    ours_page, theirs_page = _page(html), _page(html)
    config.plugins.events["page_context"][0]({}, page=ours_page, config=None, nav=None)
    theirs_plugin.on_page_context({}, page=theirs_page, config=None, nav=None)
    assert ours_page.content == theirs_page.content
    assert (ours_page.content != html) == changed
    assert plugin.search_index.entries == theirs_plugin.search_index.entries
    assert plugin.search_index.entries  # the page was indexed
    disabled, page = _plugins()[1], _page(html)
    disabled.config.enabled = False
    search_index.quick_page_context(disabled)({}, page=page, config=None, nav=None)
    assert page.content == html


def test_the_rewrite_leaves_an_index_without_escapes_alone(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from scripts.render import post

    theirs, ours = _indexes(_all_pages())
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(theirs, encoding="utf-8")
    rewrite_search_index(str(tmp_path))  # Material's: read and written again
    assert index.read_text(encoding="utf-8") == ours

    class NotRead:
        @staticmethod
        def loads(text: str) -> None:
            raise AssertionError("the index was read to be written again")

        dumps = staticmethod(json.dumps)

    monkeypatch.setattr(post, "json", NotRead)
    rewrite_search_index(str(tmp_path))  # ours: left as it is
    assert index.read_text(encoding="utf-8") == ours
    index.write_text(theirs, encoding="utf-8")
    with pytest.raises(AssertionError, match="written again"):  # an index with escapes is still rewritten
        rewrite_search_index(str(tmp_path))


@pytest.mark.parametrize("html", [
    "", "data-search-", 'data-search-x="1"', ' data-search-x="1"', '  data-search-x="1"', '\u00a0data-search-x="1"',
    'a data-search-x="" b', "data-search-x='1'", 'data-search-="1"', 'data-search-x="1"data-search-y="2"',
    ' data-search-x="1" data-search-y="2" ', 'x data-search-data-search-y="2"', 'data-search-é="v"',
    '"data-search-x="1"', 'data-search-x="a\nb" \tdata-search-y="c"',
])
def test_the_attributes_are_removed_as_material_s_expression_removes_them(html: str) -> None:
    assert search_index.indexed(html) == search_index._SEARCH_ATTRIBUTES.sub("", html)


def test_the_attributes_are_removed_as_material_s_expression_removes_them_from_any_text() -> None:
    pieces = ["data-search-", 'data-search-x="1"', 'data-search-exclude=""', " ", "\t", "\n", "\u00a0", "\u2003",
              '"', "=", "a", "_", "é", 'x="', 'data-search-ü="v"', '"data-search-', 'data-search-a="b" ']
    generator = random.Random(16)
    changed = 0
    for _ in range(20000):
        html = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        expected = search_index._SEARCH_ATTRIBUTES.sub("", html)
        assert search_index.indexed(html) == expected, repr(html)
        changed += expected != html
    assert changed > 5000  # most texts held an attribute to remove


def test_a_build_runs_the_quick_handler_and_writes_the_index_in_utf8(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """A real MkDocs build with the site's hooks: every page goes through the quick handler, which removes the
    attribute Material's would, and the index is written once, in UTF-8."""
    from tests.test_rendered_pages import Site

    handled = []
    quick = search_index.quick_page_context

    def counted(plugin):  # noqa: ANN001, ANN202
        handler = quick(plugin)

        def on_page_context(context, **kwargs):  # noqa: ANN001, ANN003, ANN202
            handled.append(kwargs["page"].file.src_uri)
            return handler(context, **kwargs)
        return on_page_context

    monkeypatch.setattr(search_index, "quick_page_context", counted)
    site = Site(tmp_path / "site", keep=False)
    site.config["markdown_extensions"].append("md_in_html")
    details_md = '# Détails\n\n<div data-search-boost="2" markdown>\nГрузия ჩადგმული\n</div>\n'
    (site.docs / "details.md").write_text(details_md, encoding="utf-8")
    site.build()
    assert sorted(handled) == sorted(p.name for p in site.docs.glob("*.md"))
    details = (site.out / "details" / "index.html").read_text(encoding="utf-8")
    assert "ჩადგმული" in details and "data-search-boost" not in details
    raw = (site.out / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "ჩადგმული" in raw and "\\u10" not in raw
