/** The viewer's one HTML page: a shell that loads `/viewer.css` and `/viewer.js` (no inline code, so a strict CSP holds). */
export const VIEWER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLM traces · llm-analytics dev</title>
<link rel="stylesheet" href="/viewer.css">
<script src="/viewer.js" defer></script>
</head>
<body>
<header class="topbar">
  <a class="brand" href="#/"><span class="brand-mark" aria-hidden="true"></span>llm-analytics <span class="brand-sub">dev viewer</span></a>
  <nav class="crumbs" id="crumbs" aria-label="Breadcrumb"></nav>
  <div class="status" id="status" role="status"></div>
</header>
<main id="app" class="app"><p class="loading">Loading…</p></main>
<noscript><p class="empty">The viewer needs JavaScript.</p></noscript>
</body>
</html>
`;
