"""HTML: one standalone page (inline CSS and JS, no network), each article with its findings marked."""
from __future__ import annotations

import html
from typing import Any, Mapping, Sequence

from newslint import formats
from newslint.finding import Finding, Severity
from newslint.formats import RuleInfo, Spool
from newslint.document.positions import line_starts, offset_of

CSS = """
body{font:16px/1.5 Georgia,serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
header,nav{font-family:system-ui,sans-serif}
fieldset{display:inline-block;margin:0 1rem .5rem 0;border:1px solid #ccc}
article{border-top:2px solid #444;margin-top:2rem}
pre.copy{white-space:pre-wrap;word-wrap:break-word;font:inherit}
mark.hit{position:relative;background:#fff3a0;border-bottom:2px solid #c90;cursor:help}
mark.hit.error{background:#ffd6d6;border-color:#c00}
mark.hit.suggestion{background:#dff1ff;border-color:#06c}
mark.hit.off{background:none;border:0;cursor:auto}
mark.hit:focus{outline:2px solid #000}
.tip{display:none;position:absolute;left:0;top:1.6em;z-index:9;width:26rem;padding:.5rem;background:#222;
 color:#fff;font:13px/1.4 system-ui,sans-serif;border-radius:4px;white-space:normal}
mark.hit:not(.off):hover>.tip,mark.hit:not(.off):focus>.tip,mark.hit:not(.off):focus-within>.tip{display:block}
.tip .one{display:block;margin-bottom:.3rem}.tip .one.off{display:none}
ol.findings{font:14px/1.4 system-ui,sans-serif}ol.findings li.off{display:none}
"""

JS = """
(function(){
  var boxes=document.querySelectorAll('input[data-filter]');
  function apply(){
    var off={};
    boxes.forEach(function(b){if(!b.checked){off[b.dataset.filter+':'+b.value]=true;}});
    function hidden(el){return off['family:'+el.dataset.family]||off['severity:'+el.dataset.severity];}
    document.querySelectorAll('[data-finding]').forEach(function(el){el.classList.toggle('off',!!hidden(el));});
    var shown=0;
    document.querySelectorAll('mark.hit').forEach(function(m){
      var ids=m.dataset.findings.split(' '),any=false;
      ids.forEach(function(id){var li=document.getElementById('f'+id);if(li&&!li.classList.contains('off')){any=true;}});
      m.classList.toggle('off',!any);
      m.tabIndex=any?0:-1;
      if(any){shown++;}
    });
    var total=document.querySelectorAll('li[data-finding]').length;
    var visible=document.querySelectorAll('li[data-finding]:not(.off)').length;
    document.getElementById('count').textContent=visible+' of '+total+' findings shown ('+shown+' highlights)';
    document.body.dataset.ready='1';
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
"""


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _spans(text: str, findings: Sequence[Finding]) -> list[tuple[int, int]]:
    starts = line_starts(text)
    out = []
    for f in findings:
        a = offset_of(text, f.line, f.column, starts)
        b = max(offset_of(text, f.end_line, f.end_column, starts), a)
        if a == b:  # a finding about a place, not a span: mark the next character, if any
            b = min(len(text), a + 1)
        out.append((a, b))
    return out


def _tip(f: Finding) -> str:
    sugg = f"<br><i>Suggestion:</i> {html.escape(' | '.join(f.suggestions))}" if f.suggestions else ""
    return f'<span class="one" data-finding data-family="{_attr(f.rule.split(".")[0])}" ' \
           f'data-severity="{f.severity.label}"><b>{f.severity.label} {html.escape(f.rule)}</b>: ' \
           f'{html.escape(f.message)}{sugg}</span>'


def _article(path: str, text: str, findings: list[Finding], first: int) -> str:
    spans = _spans(text, findings)
    cuts = sorted({0, len(text), *(a for a, _ in spans), *(b for _, b in spans)})
    body = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        covering = [i for i, (s, e) in enumerate(spans) if s <= a and b <= e and s < e]
        if not covering:
            body.append(piece)
            continue
        worst = max(findings[i].severity for i in covering)
        ids = " ".join(str(first + i) for i in covering)
        tips = "".join(_tip(findings[i]) for i in covering)
        body.append(f'<mark class="hit {worst.label}" tabindex="0" data-findings="{ids}" '
                    f'aria-label="{_attr("; ".join(findings[i].message for i in covering))}">{piece}'
                    f'<span class="tip" role="tooltip">{tips}</span></mark>')
    items = []
    for i, f in enumerate(findings):
        sugg = f" <i>Suggestion: {html.escape(' | '.join(f.suggestions))}</i>" if f.suggestions else ""
        items.append(f'<li id="f{first + i}" data-finding data-family="{_attr(f.rule.split(".")[0])}" '
                     f'data-severity="{f.severity.label}">{f.line}:{f.column} <b>{f.severity.label}</b> '
                     f'<code>{html.escape(f.rule)}</code> {html.escape(f.message)}{sugg}</li>')
    listing = f'<ol class="findings">{"".join(items)}</ol>' if items else "<p>No findings.</p>"
    return f'<article><h2>{html.escape(path)}</h2><pre class="copy">{"".join(body)}</pre>{listing}</article>'


def _filters(name: str, values: Sequence[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" data-filter="{name}" value="{_attr(v)}" checked> '
                    f'{html.escape(v)}</label> ' for v in values)
    return f"<fieldset><legend>{name.capitalize()}</legend>{boxes}</fieldset>"


class Writer(formats.Writer):
    """Each article is rendered while its text is at hand and set aside; the totals and filters open the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.articles = Spool()
        self.families: set[str] = set()

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        self.articles.write(_article(path, text or "", list(findings), self.findings))
        self.families.update(f.rule.split(".")[0] for f in findings)
        super().file(path, text, findings)

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        severities = [s.label for s in reversed(Severity)]
        self.write(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>newslint report</title><style>{CSS}</style></head>
<body><header><h1>newslint report</h1>
<p>{self.findings} findings in {self.files} files. <span id="count" aria-live="polite"></span></p></header>
<nav>{_filters("family", sorted(self.families))}{_filters("severity", severities)}</nav>
""")
        self.articles.drain(self.write)
        self.write(f"""
<script>{JS}</script></body></html>
""")
