/** The viewer's stylesheet. */
export const VIEWER_CSS = `
:root {
  --bg: #f6f7f9; --panel: #ffffff; --ink: #1d1f24; --muted: #6b7080; --faint: #9aa0ad;
  --line: #e3e6eb; --line-strong: #cfd4dc; --hover: #f1f4f9; --selected: #e8f0fe;
  --accent: #1d4ed8; --accent-soft: #dbe6ff;
  --trace: #4b5563; --span: #0f766e; --gen: #7c3aed; --emb: #b45309;
  --error: #c2261d; --error-soft: #fdecea; --ok: #15803d;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font: 14px/1.45 var(--sans); color: var(--ink); background: var(--bg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
button, input, select { font: inherit; }
.topbar { position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: 20px;
  height: 52px; padding: 0 24px; background: #15171c; color: #e8eaee; }
.brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 600; letter-spacing: .2px; }
.brand:hover { text-decoration: none; }
.brand-mark { width: 18px; height: 18px; border-radius: 5px; background: linear-gradient(135deg, #f9bd2b, #eb6a3c 55%, #1d4ed8); }
.brand-sub { color: #9aa0ad; font-weight: 400; }
.crumbs { display: flex; align-items: center; gap: 8px; color: #b9bec9; min-width: 0; }
.crumbs a { color: #c9d6ff; }
.crumbs .sep { color: #6b7080; }
.crumbs .here { color: #fff; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 48vw; }
.status { margin-left: auto; display: flex; align-items: center; gap: 8px; color: #9aa0ad; font-size: 12px; }
.live-dot { width: 8px; height: 8px; border-radius: 50%; background: #22c55e; box-shadow: 0 0 0 3px rgba(34,197,94,.2); }
.live-dot.off { background: #ef4444; box-shadow: 0 0 0 3px rgba(239,68,68,.2); }
.app { padding: 20px 24px 40px; max-width: 1600px; margin: 0 auto; }
.loading, .empty { color: var(--muted); padding: 40px; text-align: center; }
.empty h2 { color: var(--ink); font-size: 18px; margin: 0 0 8px; }
.empty code, .hint code { font-family: var(--mono); background: #eef0f4; padding: 2px 6px; border-radius: 4px; color: var(--ink); }
.page-title { display: flex; align-items: baseline; gap: 12px; margin: 0 0 14px; }
.page-title h1 { font-size: 20px; margin: 0; }
.page-title .sub { color: var(--muted); font-size: 13px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin-bottom: 12px; }
.search { flex: 1 1 320px; max-width: 520px; padding: 8px 12px; border: 1px solid var(--line-strong); border-radius: 8px; background: #fff; }
.search:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
.toggle { display: inline-flex; align-items: center; gap: 6px; padding: 7px 12px; border: 1px solid var(--line-strong); border-radius: 8px; background: #fff; cursor: pointer; user-select: none; }
.toggle input { margin: 0; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 4px 6px 4px 10px; border-radius: 999px; background: var(--accent-soft); color: #1e3a8a; font-size: 12px; }
.chip button { border: 0; background: transparent; cursor: pointer; color: #1e3a8a; font-size: 14px; line-height: 1; padding: 0 4px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
table.traces { width: 100%; border-collapse: collapse; }
.traces th { text-align: left; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .5px; color: var(--muted);
  padding: 10px 14px; border-bottom: 1px solid var(--line); background: #fafbfc; white-space: nowrap; }
.traces th:first-child { border-top-left-radius: 10px; }
.traces th:last-child { border-top-right-radius: 10px; }
.traces td { padding: 10px 14px; border-bottom: 1px solid var(--line); vertical-align: top; }
.traces tr:last-child td { border-bottom: 0; }
.traces tbody tr { cursor: pointer; }
.traces tbody tr:hover { background: var(--hover); }
.traces .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.trace-name { font-weight: 600; color: var(--ink); }
.trace-id, .mono { font-family: var(--mono); font-size: 12px; color: var(--faint); }
.cell-sub { display: block; color: var(--muted); font-size: 12px; }
.muted-small { color: var(--muted); font-size: 12px; white-space: nowrap; }
.linkish { color: var(--accent); cursor: pointer; background: none; border: 0; padding: 0; text-align: left; }
.linkish.mono { white-space: nowrap; }
.linkish:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 999px; font-size: 11px; font-weight: 600; letter-spacing: .3px; vertical-align: 1px; }
.badge.error { background: var(--error-soft); color: var(--error); }
.badge.pseudo { background: #eef0f4; color: var(--muted); font-weight: 500; }
.badge.ok { background: #e7f6ec; color: var(--ok); }
.approx { color: var(--faint); }
.more { display: flex; justify-content: center; padding: 12px; }
.btn { padding: 7px 14px; border: 1px solid var(--line-strong); border-radius: 8px; background: #fff; cursor: pointer; }
.btn:hover { background: var(--hover); }
.summary-bar { display: flex; flex-wrap: wrap; gap: 8px 28px; padding: 14px 18px; margin-bottom: 16px; }
.metric { display: flex; flex-direction: column; min-width: 70px; }
.metric .label { font-size: 11px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); }
.metric .value { font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.trace-layout { display: grid; grid-template-columns: minmax(360px, 5fr) minmax(420px, 6fr); gap: 16px; align-items: start; }
@media (max-width: 1000px) { .trace-layout { grid-template-columns: 1fr; } }
.tree { padding: 6px 0; }
.tree-head { display: flex; justify-content: space-between; padding: 6px 14px 8px; font-size: 11px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); border-bottom: 1px solid var(--line); }
.node { display: grid; grid-template-columns: minmax(0, 1fr) 200px; gap: 10px; align-items: center; padding: 5px 14px; cursor: pointer; border-left: 3px solid transparent; }
.node:hover { background: var(--hover); }
.node.selected { background: var(--selected); border-left-color: var(--accent); }
.node-main { display: flex; align-items: center; gap: 8px; min-width: 0; }
.node-name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.node-meta { color: var(--muted); font-size: 12px; white-space: nowrap; }
.guide { flex: none; display: inline-block; }
.kind { flex: none; display: inline-block; min-width: 44px; text-align: center; padding: 1px 6px; border-radius: 4px; font-size: 10px; font-weight: 700; letter-spacing: .5px; color: #fff; }
.kind.trace { background: var(--trace); } .kind.span { background: var(--span); }
.kind.generation { background: var(--gen); } .kind.embedding { background: var(--emb); } .kind.other { background: var(--faint); }
.node.error .node-name { color: var(--error); }
.timing { position: relative; height: 18px; }
.track { position: absolute; left: 0; right: 58px; top: 0; bottom: 0; }
.bar { position: absolute; top: 5px; height: 8px; min-width: 2px; border-radius: 3px; opacity: .85; }
.bar.trace { background: var(--trace); } .bar.span { background: var(--span); } .bar.generation { background: var(--gen); } .bar.embedding { background: var(--emb); } .bar.other { background: var(--faint); }
.bar.error { background: var(--error); }
.dur { position: absolute; right: 0; top: 0; width: 54px; text-align: right; font-size: 11px; color: var(--muted); font-variant-numeric: tabular-nums; }
.detail { padding: 16px 18px 20px; min-height: 200px; }
.detail h2 { font-size: 17px; margin: 0 0 4px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.detail .sub { color: var(--muted); font-size: 12px; margin-bottom: 14px; }
.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 10px; margin: 12px 0 18px; }
.metrics .metric { background: #fafbfc; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.section { margin-top: 18px; }
.section > h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin: 0 0 8px; }
.message { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 8px; overflow: hidden; }
.message-head { display: flex; align-items: center; gap: 8px; padding: 5px 10px; background: #fafbfc; border-bottom: 1px solid var(--line); font-size: 12px; }
.role { font-weight: 700; text-transform: uppercase; letter-spacing: .5px; font-size: 11px; }
.role.system { color: #6b7280; } .role.user { color: #1d4ed8; } .role.assistant { color: #7c3aed; } .role.tool { color: #0f766e; }
.message-body { padding: 8px 10px; }
.text { white-space: pre-wrap; word-break: break-word; margin: 0; }
.part + .part { margin-top: 8px; }
.tool-call { border: 1px dashed var(--line-strong); border-radius: 6px; padding: 6px 8px; background: #fcfcfd; }
.tool-call .fn { font-family: var(--mono); font-weight: 600; font-size: 12px; }
.reasoning { color: #4b5563; font-style: italic; border-left: 3px solid #d1d5db; padding-left: 8px; }
pre.json { margin: 0; padding: 10px 12px; background: #f7f8fa; border: 1px solid var(--line); border-radius: 8px; font: 12px/1.5 var(--mono); white-space: pre-wrap; word-break: break-word; max-height: 480px; overflow: auto; }
table.kv { border-collapse: collapse; width: 100%; font-size: 13px; }
.kv td { padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.kv td:first-child { color: var(--muted); width: 40%; font-family: var(--mono); font-size: 12px; }
.error-box { background: var(--error-soft); color: #7f1d1d; border: 1px solid #f5c2be; border-radius: 8px; padding: 10px 12px; white-space: pre-wrap; word-break: break-word; }
details.raw summary { cursor: pointer; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
details.raw[open] summary { margin-bottom: 8px; }
.footnote { color: var(--faint); font-size: 12px; margin-top: 10px; }
.hint { color: var(--muted); font-size: 13px; margin-top: 14px; }
`;
