"""A generated page's translation notice, converted once per text rather than once per page.

A notice is kept apart from its page's Markdown and converted on its own (:mod:`scripts.render.names`,
:func:`scripts.render.markdown_cache.convert_part`), and a conversion is kept under its page and its Markdown.
What a notice says is the same on many pages of a language (after the first edit of a measure heading, French's
95 notices held 5 different texts); what differs between them is the relative link to the translation status page
(:func:`scripts.pages.translation_notice.status_link_target`). So a notice whose one link is that one is
converted from the home page beside the status page instead, its link written from there (MkDocs resolves and
checks it as it would from the page), and one conversion serves every page with the same text, in a build and
between builds; the link in the HTML is then written from the page, as MkDocs writes it
(:func:`mkdocs.utils.get_relative_url` of the two URLs). In MkDocs' conversion a link is all that depends on the
page it is made from, and so it is with the Markdown extensions read for it
(:data:`scripts.render.markdown_extensions.READ`), so the HTML is the one
the page's own conversion makes. With any other extension, which might read the page, every notice is converted
from its page.

Any other notice is converted from its page, as before: one with another link or an image, in Markdown or in raw
HTML (a link to an anchor of the page itself would be checked against the home page), one whose HTML does not
hold the status link as its only link (an autolink: that is seen only once converted from the home page, and that
conversion, not used, still counts in the log and is kept with the others), and any in a site without the status
page (MkDocs then reports the broken link, naming the page) or without a home page beside it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from mkdocs.utils import get_relative_url

from scripts.pages.translation_notice import status_link_target
from scripts.render.markdown_cache import convert_part
from scripts.render.markdown_extensions import all_read

#: the page every notice is converted from: the home page in the status page's folder
HOME = "index.md"
#: in a notice's Markdown, what could link from the page other than its one inline link: a reference link's
#: definition, raw HTML that links or shows something
_OTHER_LINKS = re.compile(r"\]:|<\s*(?:a|img|link|area|iframe|source|video|audio|object|embed)\b|\bhref\b|\bsrc\b",
                          re.IGNORECASE)
#: in its HTML, anything that reads another file besides its links
_SOURCE = re.compile(r"\ssrc(?:set)?\s*=", re.IGNORECASE)


def convert_notice(page: Any, notice: str, here: str, config: Any, files: Any) -> str:
    """``notice``, the Markdown of the translation notice written for the docs path ``here``, converted as MkDocs
    converts it on ``page`` (``here``'s file in the site)."""
    link = status_link_target(here)
    written = f"]({link})"
    status_src = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), link))  # as MkDocs reads it
    status = files.get_file_from_path(status_src)
    home = files.get_file_from_path(posixpath.join(posixpath.dirname(status_src), HOME))
    if status is None or home is None or notice.count(written) != 1 or notice.count("](") != 1 \
            or _OTHER_LINKS.search(notice) or not all_read(config["markdown_extensions"]):
        return convert_part(page, notice, config, files)
    anchors, links = page.present_anchor_ids, page.links_to_anchors
    shared = _href(status, home)
    html = convert_part(page, notice.replace(written, f"]({posixpath.basename(status_src)})"), config, files,
                        at=home)
    if html.count('href="') != 1 or html.count(shared) != 1 or _SOURCE.search(html):
        page.present_anchor_ids, page.links_to_anchors = anchors, links  # what the home page's conversion added
        return convert_part(page, notice, config, files)
    return html.replace(shared, _href(status, page.file))


def _href(target: Any, source: Any) -> str:
    """The ``href`` attribute of a link from the file ``source`` to the file ``target``, as MkDocs writes it."""
    return f'href="{get_relative_url(target.url, source.url)}"'
