"""The rules that keep the site buildable on MkDocs, ProperDocs and Zensical (README, "Engines").

Each rule is a plain check of the sources; `make test-engines` is the proof that the build works.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from macros import redirects
from tests.conftest import ROOT

# Plugins verified on all three engines with `make test-engines`. Zensical ignores any plugin it
# does not implement, silently: add one here only after it is on Zensical's supported list and
# `make test-engines` passes with it.
PORTABLE_PLUGINS = {"search", "macros"}
# Method calls Zensical's template engine provides for Material's templates.
TEMPLATE_CALLS_OK = {"super", "lang.t"}
MACRO_MODULE_HOOKS = ("on_pre_page_macros", "on_post_page_macros", "on_post_build", "declare_variables")


def _config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def config_problems(config: dict) -> list[str]:
    problems = []
    if "hooks" in config:
        problems.append("mkdocs.yml: hooks: (Zensical ignores them)")
    for entry in config.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name not in PORTABLE_PLUGINS:
            problems.append(f"mkdocs.yml: plugin {name!r} is not verified on every engine")
    return problems


def python_problems(path: Path, text: str) -> list[str]:
    """Code only (not comments or docstrings): engine imports, page.file, env.conf, module hooks."""
    problems = []
    engines = {"mkdocs", "mkdocs_gen_files", "properdocs", "zensical"}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n.split(".")[0] in engines for n in names):
                problems.append(f"{path}:{node.lineno}: imports an engine")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute | ast.Name):
            owner = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
            if (owner, node.attr) == ("page", "file"):
                problems.append(f"{path}:{node.lineno}: uses page.file (MkDocs only)")
            if (owner, node.attr) == ("env", "conf"):
                problems.append(f"{path}:{node.lineno}: touches env.conf (write a generated file instead)")
        elif isinstance(node, ast.FunctionDef) and node.name in MACRO_MODULE_HOOKS:
            problems.append(f"{path}:{node.lineno}: defines macro-module hook {node.name}")
    return problems


def template_problems(path: Path, text: str) -> list[str]:
    problems = []
    for tag in re.findall(r"{[{%](.*?)[%}]}", text, re.S):
        if re.search(r"\bpage\.file\b", tag):
            problems.append(f"{path}: page.file in {tag.strip()!r}")
        # Filters and tests take arguments too: `x | replace('-', '/')` is not a method call.
        code = re.sub(r"(\||\bis)\s*[A-Za-z_]\w*", "|", tag)
        for call in re.findall(r"([A-Za-z_][\w.]*)\s*\(", code):
            if call not in TEMPLATE_CALLS_OK:
                problems.append(f"{path}: method call {call}() in {tag.strip()!r}")
    return problems


def test_mkdocs_yml_stays_portable():
    assert config_problems(_config()) == []


def test_macros_package_stays_portable():
    problems = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        problems += python_problems(path.relative_to(ROOT), path.read_text(encoding="utf-8"))
    assert problems == []


def test_templates_stay_portable():
    problems = []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        problems += template_problems(path.relative_to(ROOT), path.read_text(encoding="utf-8"))
    assert problems == []


def test_rules_catch_violations():
    assert config_problems({"hooks": ["x.py"], "plugins": ["search", {"gen-files": {}}]}) == [
        "mkdocs.yml: hooks: (Zensical ignores them)",
        "mkdocs.yml: plugin 'gen-files' is not verified on every engine",
    ]
    bad = "from mkdocs import utils\nx = env.page.file.src_uri\nenv.conf['x'] = 1\ndef on_post_build(env): ..."
    assert len(python_problems(Path("m.py"), bad)) == 4
    assert python_problems(Path("m.py"), '"""Never page.file or env.conf."""  # import mkdocs') == []
    tpl = "{% set p = config.extra.get(page.file.src_uri) %}{{ super() }}{{ x | replace('-', '/') }}"
    tpl += "{% for k, v in d.items() %}"
    assert template_problems(Path("t.html"), tpl) == [
        "t.html: page.file in 'set p = config.extra.get(page.file.src_uri)'",
        "t.html: method call config.extra.get() in 'set p = config.extra.get(page.file.src_uri)'",
        "t.html: method call d.items() in 'for k, v in d.items()'",
    ]


def test_redirect_pages_point_to_the_new_page_and_keep_anchors():
    assert redirects.target("thresholds/cbrn-weapons.md", "thresholds/cbrn.md") == "../cbrn/"
    assert redirects.target("old.md", "glossary.md#asl") == "../glossary/#asl"
    assert redirects.target("a/index.md", "index.md") == "../"
    html = redirects.page("old.md", "glossary.md", "https://example.org/")
    assert '<meta http-equiv="refresh" content="0; url=../glossary/">' in html
    assert '<link rel="canonical" href="https://example.org/glossary/">' in html
    assert '<a href="../glossary/">' in html and "location.hash" in html
