"""Citations of a site page in five formats, pinned to the site release and the RSP version."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from macros.render.text import MONTHS

SITE = "RSP Atlas"
AUTHOR = "RSP Atlas contributors"


@dataclass(frozen=True)
class PageCite:
    title: str
    url: str
    release: str  # site release, semantic version
    release_date: dt.date
    rsp_version: str | None = None
    policy_url: str | None = None


def _title(c: PageCite) -> str:
    return f"{c.title} (RSP v{c.rsp_version})" if c.rsp_version and f"{c.rsp_version}" not in c.title else c.title


def _key(c: PageCite) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in c.url.rstrip("/").rsplit("/", 1)[-1].lower()).strip("-")
    return f"rspatlas-{slug or 'home'}-{c.release.replace('.', '-')}"


def apa(c: PageCite) -> str:
    d = c.release_date
    return (
        f"{AUTHOR}. ({d.year}, {_month_name(d.month)} {d.day}). {_title(c)}. In {SITE} (Release {c.release}). {c.url}"
    )


def chicago(c: PageCite) -> str:
    d = c.release_date
    return f'{AUTHOR}. "{_title(c)}." {SITE}, release {c.release}, {_month_name(d.month)} {d.day}, {d.year}. {c.url}.'


def bibtex(c: PageCite) -> str:
    d = c.release_date
    note = f"Release {c.release}" + (f"; describes RSP version {c.rsp_version}" if c.rsp_version else "")
    fields = {
        "author": "{" + AUTHOR + "}",
        "title": "{" + _bib_escape(_title(c)) + "}",
        "howpublished": "{" + SITE + "}",
        "year": "{" + str(d.year) + "}",
        "month": "{" + MONTHS[d.month - 1].lower() + "}",
        "url": "{" + c.url + "}",
        "note": "{" + note + "}",
    }
    body = ",\n".join(f"  {k} = {v}" for k, v in fields.items())
    return f"@misc{{{_key(c)},\n{body}\n}}"


def ris(c: PageCite) -> str:
    d = c.release_date
    lines = [
        "TY  - ELEC",
        f"AU  - {AUTHOR}",
        f"TI  - {_title(c)}",
        f"T2  - {SITE}",
        f"PY  - {d.year}",
        f"DA  - {d.year}/{d.month:02d}/{d.day:02d}",
        f"UR  - {c.url}",
        f"ET  - Release {c.release}",
    ]
    if c.rsp_version:
        lines.append(f"N1  - Describes Anthropic's Responsible Scaling Policy version {c.rsp_version}.")
    lines.append("ER  - ")
    return "\n".join(lines)


def csl_json(c: PageCite) -> str:
    d = c.release_date
    item = {
        "id": _key(c),
        "type": "webpage",
        "title": _title(c),
        "container-title": SITE,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "URL": c.url,
        "version": c.release,
    }
    if c.rsp_version:
        item["note"] = f"Describes Anthropic's Responsible Scaling Policy version {c.rsp_version}."
    return json.dumps([item], indent=2, ensure_ascii=False)


FORMATS = {"APA": apa, "Chicago": chicago, "BibTeX": bibtex, "RIS": ris, "CSL-JSON": csl_json}


def all_formats(c: PageCite) -> dict[str, str]:
    return {name: fn(c) for name, fn in FORMATS.items()}


def _month_name(m: int) -> str:
    return (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )[m - 1]


def _bib_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "&%$#_{}" else ch for ch in text)
