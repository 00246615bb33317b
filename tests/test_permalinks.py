"""Section permalinks carry an accessible name but no title (macros/permalinks.py)."""

from __future__ import annotations

import markdown

from macros import permalinks


def _render(extensions: list[markdown.extensions.Extension]) -> str:
    md = markdown.Markdown(
        extensions=["toc", *extensions],
        extension_configs={"toc": {"permalink": "¶", "permalink_title": "Link to this section"}},
    )
    return md.convert('## Heading\n\nText with a [link](x.md "A title").\n')


def test_the_permalink_is_named_by_aria_label_not_title() -> None:
    plain = _render([])
    assert 'class="headerlink" href="#heading" title="Link to this section"' in plain  # the toc's own
    out = _render([permalinks.PermalinkExtension()])
    assert '<a aria-label="Link to this section" class="headerlink" href="#heading">¶</a>' in out
    assert 'title="Link to this section"' not in out
    assert 'title="A title"' in out  # other titles are left alone
