"""HTML: an editor's marked-up copy on one standalone page (inline CSS and JS, no network).

Each story is rendered as prose (headline, paragraphs, quotations, links; front matter as a header
block), every finding a highlight at its words and a numbered note beside its paragraph, linked both
ways. Stories with findings come first, after a summary table; check boxes filter by family and
severity; the notes print, and the page reads on a phone.
"""
from __future__ import annotations

import html
from typing import Any, Mapping, NamedTuple, Sequence

from newslint import formats
from newslint.finding import Finding, Severity, family_of
from newslint.formats import RuleInfo, Spool
from newslint.formats.prose import Mark, front_matter, rows

CSS = """
:root{--ink:#1d1d1b;--muted:#666;--rule:#ddd;--warning:#f5c400;--error:#d62828;--suggestion:#2a7fd4}
*{box-sizing:border-box}
body{font:17px/1.55 Georgia,'Times New Roman',serif;margin:0 auto;max-width:66rem;padding:1rem 1.25rem;color:var(--ink)}
header,nav,.summary,.notes,.path,.meta,.clean{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
header h1{font-size:1.5rem;margin:.2rem 0}
nav{margin:.5rem 0 1rem}
fieldset{display:inline-block;min-width:0;margin:0 .75rem .5rem 0;border:1px solid var(--rule);border-radius:4px;font-size:.85rem}
fieldset label{white-space:nowrap;margin-right:.5rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1rem;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--rule)}
div.scroll{overflow-x:auto}
th .short{display:none}
td,.path,li.note{overflow-wrap:anywhere}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.tables{display:grid;align-items:start;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}
article.story{border-top:3px solid var(--ink);margin-top:2.5rem;padding-top:.5rem}
.path{font-size:.9rem;font-weight:600;color:var(--muted);margin:0 0 .5rem}
.path a{color:inherit}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;font-size:.8rem;color:var(--muted);
 background:#f6f5f1;border-left:3px solid var(--rule);padding:.4rem .75rem;margin:0 0 1rem;max-width:38rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.row{display:grid;grid-template-columns:minmax(0,38rem) minmax(0,1fr);gap:0 1.75rem;align-items:start}
.copy>*{margin:0 0 .9rem}
.copy h2.hl1,.copy h3.hl1{font-size:1.9rem;line-height:1.2}.copy .hl2{font-size:1.4rem}.copy .hl3{font-size:1.15rem}
blockquote{border-left:3px solid var(--rule);padding-left:1rem;font-style:italic}
p.item{padding-left:1.4rem;text-indent:-1rem}.bullet{display:inline-block;width:1rem;text-indent:0}
code{font:.85em ui-monospace,monospace;background:#f2f2f2;padding:0 .2em}
mark.hit{background:#fff2a8;border-bottom:2px solid var(--warning);color:inherit;padding:0 1px}
mark.hit.error{background:#ffdcdc;border-color:var(--error)}
mark.hit.suggestion{background:#e2f0ff;border-color:var(--suggestion)}
mark.hit.off,mark.hit.off.error,mark.hit.off.suggestion{background:none;border-color:transparent}
mark.pin{font-size:.8em}
sup.ref{font:700 .65rem system-ui,sans-serif;margin-left:1px}
sup.ref a{color:#fff;background:var(--ink);border-radius:.6rem;padding:0 .3rem;text-decoration:none}
sup.ref.off,li.note.off{display:none}
ol.notes{list-style:none;margin:0 0 .9rem;padding:0;font-size:.8rem;line-height:1.4}
li.note{border-left:4px solid var(--warning);background:#fffbea;padding:.35rem .5rem;margin:0 0 .4rem}
li.note.error{border-color:var(--error);background:#fff1f1}
li.note.suggestion{border-color:var(--suggestion);background:#f0f7ff}
li.note:target{outline:2px solid var(--ink)}
li.note .num{font-weight:700;color:#fff;background:var(--ink);border-radius:.6rem;padding:0 .35rem;text-decoration:none}
li.note .sev{font-weight:600;text-transform:uppercase;font-size:.7rem;letter-spacing:.03em}
li.note .rule{font-size:.75rem;color:var(--muted)}
li.note p{margin:.15rem 0 0}
li.note .sugg{font-weight:600}
li.note .where{color:var(--muted)}
.anchor{scroll-margin-top:2rem}
.clean{font-size:.85rem;color:var(--muted)}
@media (max-width:760px){
 body{font-size:16px;padding:.75rem}
 .row{grid-template-columns:minmax(0,1fr)}
 .tables{grid-template-columns:minmax(0,1fr)}
 th,td{padding:.25rem .3rem}
 th .long{display:none}th .short{display:inline}
 ol.notes{margin:-.4rem 0 1rem 1rem}
 .copy h2.hl1,.copy h3.hl1{font-size:1.5rem}
}
@media print{
 body{max-width:none;font-size:11pt;padding:0}
 nav,#count{display:none}
 .row{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
 li.note,mark.hit,sup.ref a,li.note .num{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 li.note,.copy>*{break-inside:avoid}
 article.story{break-before:page}
 a{color:inherit}
}
"""

JS = """
(function(){
  var boxes=document.querySelectorAll('input[data-filter]');
  function apply(){
    var off={};
    boxes.forEach(function(b){if(!b.checked){off[b.dataset.filter+':'+b.value]=true;}});
    var hidden={},total=0,visible=0,shown=0;
    document.querySelectorAll('li.note').forEach(function(n){
      var h=!!(off['family:'+n.dataset.family]||off['severity:'+n.dataset.severity]);
      n.classList.toggle('off',h);hidden[n.dataset.f]=h;total++;if(!h){visible++;}
    });
    document.querySelectorAll('sup.ref').forEach(function(s){s.classList.toggle('off',!!hidden[s.dataset.f]);});
    document.querySelectorAll('mark.hit').forEach(function(m){
      var any=m.dataset.f.split(' ').some(function(k){return !hidden[k];});
      m.classList.toggle('off',!any);if(any){shown++;}
    });
    document.getElementById('count').textContent=visible+' of '+total+' findings shown ('+shown+' highlights)';
    document.body.dataset.ready='1';
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
"""


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _family(f: Finding) -> str:
    return f.family


def _marks(text: str, findings: Sequence[Finding], first: int) -> list[Mark]:
    out = []
    for i, f in enumerate(findings):
        a, b = f.start, max(f.end, f.start)
        out.append(Mark(a, b, str(first + i), i + 1, f.severity.label))
    return out


def _note(f: Finding, mark: Mark) -> str:
    sugg = (f'<p class="sugg">Suggestion: {html.escape(" | ".join(f.suggestions))}</p>' if f.suggestions else "")
    quoted = " ".join(f.text.split())
    quoted = quoted if len(quoted) <= 80 else quoted[:77] + "\u2026"
    where = f"line {f.line}:{f.column}" + (f" \u00b7 \u201c{html.escape(quoted)}\u201d" if quoted else "")
    related = getattr(f, "related", ())
    if related:  # other rules' findings folded into this one
        where += " \u00b7 also " + ", ".join(f"<code>{html.escape(r.rule)}</code>" for r in related)
    return (f'<li class="note {f.severity.label}" id="n-{mark.key}" data-f="{mark.key}" '
            f'data-family="{_attr(_family(f))}" data-severity="{f.severity.label}">'
            f'<a class="num" href="#h-{mark.key}" title="to the highlight">{mark.number}</a> '
            f'<span class="sev">{f.severity.label}</span> <code class="rule">{html.escape(f.rule)}</code>'
            f'<p class="msg">{html.escape(f.message)}</p>{sugg}<p class="where">{where}</p></li>')


def _story(path: str, text: str, findings: Sequence[Finding], first: int, anchor: str) -> str:
    marks = _marks(text, findings, first)
    by_key = {m.key: f for m, f in zip(marks, findings)}
    parts = [f'<article class="story" id="{anchor}"><p class="path"><a href="#{anchor}">{html.escape(path)}</a> '
             f'\u00b7 {len(findings)} finding{"s" if len(findings) != 1 else ""}</p>', front_matter(text)]
    for row in rows(text, path, marks):
        notes = "".join(_note(by_key[m.key], m) for m in row.marks)
        parts.append(f'<div class="row"><div class="copy">{row.html}</div>'
                     f'<ol class="notes">{notes}</ol></div>' if notes else
                     f'<div class="row"><div class="copy">{row.html}</div><div></div></div>')
    parts.append("</article>\n")
    return "".join(parts)


class _Flagged(NamedTuple):
    path: str
    anchor: str
    counts: dict[Severity, int]


def _filters(name: str, values: Sequence[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" data-filter="{name}" value="{_attr(v)}" checked> '
                    f'{html.escape(v)}</label> ' for v in values)
    return f"<fieldset><legend>{name.capitalize()}</legend>{boxes}</fieldset>"


class Writer(formats.Writer):
    """Each story is rendered while its text is at hand and set aside (those with findings apart from
    the clean ones); the summary and filters, known at the end, open the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stories = Spool()
        self.flagged: list[_Flagged] = []
        self.clean = Spool()
        self.by_rule: dict[str, int] = {}

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        if findings:
            anchor = f"file-{len(self.flagged) + 1}"
            self.stories.write(_story(path, text or "", findings, self.findings, anchor))
            counts = dict.fromkeys(Severity, 0)
            for f in findings:
                counts[f.severity] += 1
                self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.flagged.append(_Flagged(path, anchor, counts))
        else:
            self.clean.write(f"<li>{html.escape(path)}</li>")
        super().file(path, text, findings)

    def _summary(self) -> str:
        order = list(reversed(Severity))
        head = "".join(f'<th class="n" title="{s.label}s"><span class="long">{s.label}s</span>'
                       f'<span class="short">{s.label[:4]}.</span></th>' for s in order)
        body = "".join(f'<tr><td><a href="#{f.anchor}">{html.escape(f.path)}</a></td>'
                       + "".join(f'<td class="n">{f.counts[s]}</td>' for s in order)
                       + f'<td class="n">{sum(f.counts.values())}</td></tr>' for f in self.flagged)
        files = (f'<div class="scroll"><table class="files"><thead><tr><th>file</th>{head}<th class="n">total</th></tr></thead>'
                 f"<tbody>{body}</tbody></table></div>")
        rules = "".join(f'<tr><td><code>{html.escape(r)}</code></td><td class="n">{n}</td></tr>'
                        for r, n in sorted(self.by_rule.items(), key=lambda x: (-x[1], x[0])))
        by_rule = f'<table class="rules"><thead><tr><th>rule</th><th class="n">findings</th></tr></thead><tbody>{rules}</tbody></table>'
        return f'<section class="summary"><div class="tables">{files}{by_rule}</div></section>' if self.flagged else ""

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        severities = [s.label for s in reversed(Severity)]
        families = sorted({family_of(r) for r in self.by_rule})
        clean = self.files - len(self.flagged)
        self.write(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>newslint report</title><style>{CSS}</style></head>
<body><header><h1>newslint report</h1>
<p>{self.findings} finding{"s" if self.findings != 1 else ""} in {len(self.flagged)} of {self.files} file{"s" if self.files != 1 else ""}.
<span id="count" aria-live="polite"></span></p></header>
<nav>{_filters("family", families)}{_filters("severity", severities)}</nav>
{self._summary()}
""")
        self.stories.drain(self.write)
        if clean:
            self.write(f'<section class="clean"><h2>No findings ({clean} file{"s" if clean != 1 else ""})</h2><ul>')
            self.clean.drain(self.write)
            self.write("</ul></section>")
        self.write(f"""
<script>{JS}</script></body></html>
""")
