"""The statement analysis: what the 'what does not comply' draft counts.

Per failing success criterion the pages and elements affected, examples and rules; per
PDF problem how many of the checked PDFs have it. :mod:`a11y.statement` words it (Dutch
or English, Markdown) and the HTML report shows it; neither counts anything again.
"""

from __future__ import annotations

from a11y.analysis.model import (
    Criterion,
    Document,
    DocumentProblem,
    DocumentSummary,
    Draft,
    Nonconformity,
    Page,
    Scan,
)
from a11y.criteria import criteria_by_number


def documents(docs: tuple[Document, ...]) -> DocumentSummary:
    """Per PDF problem (rule and outcome): how many of the checked PDFs have it.

    The counts are per document (a PDF with two title problems counts once), so '12 of
    40' reads as a share of the documents a web team has to fix.
    """
    checked = [d for d in docs if d.checked]
    per_problem: dict[tuple[str, str], set[int]] = {}
    numbers: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for index, doc in enumerate(checked):
        for problem in doc.problems:
            key = (str(problem.rule), str(problem.outcome))
            per_problem.setdefault(key, set()).add(index)
            numbers[key] = (tuple(problem.wcag), tuple(problem.en301549))
    problems = [
        DocumentProblem(
            rule=rule,
            outcome=outcome,
            count=len(hit),
            of=len(checked),
            wcag=numbers[(rule, outcome)][0],
            en301549=numbers[(rule, outcome)][1],
        )
        for (rule, outcome), hit in per_problem.items()
    ]
    problems.sort(key=lambda p: (p.outcome != "failed", -p.count, p.rule))
    return DocumentSummary(
        problems=tuple(problems), checked=len(checked), unchecked=len(docs) - len(checked)
    )


def draft(
    scan: Scan, pages: tuple[Page, ...], criteria: tuple[Criterion, ...], docs: DocumentSummary
) -> Draft:
    """Per failing criterion: pages and elements affected, examples and rules.

    A report without criteria results (a hand-made or very old one) lists the Bdto
    criteria its pages' violations name.
    """
    by_number = criteria_by_number()
    numbers = [c.number for c in criteria if c.result == "failed"]
    if not criteria:
        seen = {n for p in pages for v in p.violations for n in v.wcag}
        numbers = [n for n in by_number if n in seen]
    items = []
    for number in numbers:
        crit = by_number.get(str(number))
        urls: list[str] = []
        elements = 0
        rules: list[str] = []
        for page in pages:
            hits = [v for v in page.violations if number in v.wcag]
            if not hits:
                continue
            urls.append(page.url or "")
            for v in hits:
                elements += int(v.nodes or len(v.targets) or 1)
                if v.rule not in rules:
                    rules.append(v.rule or "")
        items.append(
            Nonconformity(
                number=str(number),
                name_nl=crit.name_nl if crit else str(number),
                name_en=crit.name_en if crit else str(number),
                level=crit.level if crit else "",
                en301549=crit.en301549 if crit else "",
                pages=len(urls),
                elements=elements,
                example_urls=tuple(urls[:3]),
                rules=tuple(sorted(rules)),
            )
        )
    return Draft(
        items=tuple(items),
        pages_checked=int(scan.pages_checked or 0),
        axe_version=str(scan.axe_version or "?"),
        date=str(scan.finished_at or scan.started_at or "")[:10],
        not_automatic=sum(1 for c in criteria if c.result == "not-tested-automatically"),
        documents=docs,
    )
