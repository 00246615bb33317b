"""Every macro the pages may call, by name. Each takes a render context first."""

from __future__ import annotations

from collections.abc import Callable

from macros.render import asof, compare, current, dictionary, entities, inline, ledger, paths, records, versions

MACROS: dict[str, Callable[..., str]] = {
    "version_page": versions.version_page,
    "versions_table": versions.versions_table,
    "versions_timeline": versions.versions_timeline,
    "versions_diagram": versions.versions_diagram,
    "as_of": asof.as_of,
    "change_ledger": ledger.ledger,
    "current_page": current.current_page,
    "claude_now": current.claude_now,
    "compare_page": compare.compare_page,
    "compare_picker": compare.picker,
    "compare_neighbours": compare.neighbours,
    "levels_index": entities.levels_index,
    "level_page": entities.level_page,
    "safeguards": entities.safeguards,
    "threshold_explorer": entities.explorer,
    "threshold_domains": entities.domains,
    "thresholds_list": entities.thresholds_list,
    "threshold_page": entities.threshold_page,
    "safeguard_map": entities.safeguard_map,
    "governance": records.governance,
    "governance_matrix": records.governance_matrix,
    "models": records.models,
    "timeline": records.timeline,
    "glossary": records.glossary,
    "faq": records.faq,
    "quiz": records.quiz,
    "reading_path": paths.reading_path,
    "path_nav": paths.path_nav,
    "path_next": paths.path_next,
    "page_quiz": records.page_quiz,
    "mechanisms": records.mechanisms,
    "mechanisms_diagram": records.mechanisms_diagram,
    "framings": records.framings,
    "assessment": records.assessment,
    "critiques": records.critiques,
    "related": records.related,
    "sources": records.sources,
    "data_dictionary": dictionary.data_dictionary,
    "vdate": inline.vdate,
    "vlink": inline.vlink,
    "clink": inline.clink,
    "current_version": inline.current_version,
    "stat": inline.stat,
    "site_changelog": inline.site_changelog,
}
