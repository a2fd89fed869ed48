// RealFaviconGenerator's checker (@realfavicongenerator/check-favicon) on one served page.
// Usage: node rfg_check.js PAGE_URL...; prints {url: {"errors": [...], "warnings": [...]}} as JSON.
const path = require("path");
const modules = path.join(__dirname, ".rfg", "node_modules");
const { checkFavicon, CheckerStatus, MessageId } = require(
  path.join(modules, "@realfavicongenerator", "check-favicon")
);
const { parse } = require(path.join(modules, "node-html-parser"));

// check-favicon 0.6.1 joins a relative URL to its base as if the base were a folder
// (`site.webmanifest/web-app-manifest-192x192.png`, `404.html/favicon.ico`). URLs resolve against
// the document's folder (WHATWG URL), so this fetcher drops such a file segment before fetching.
const FILE_SEGMENT = /\/[^/?#]+\.(?:webmanifest|json|html?|xml)\//;

async function fetcher(url, contentType) {
  const split = new URL(url);
  while (FILE_SEGMENT.test(split.pathname)) {
    split.pathname = split.pathname.replace(FILE_SEGMENT, "/");
  }
  const response = await fetch(split.href, {
    headers: { "Content-Type": contentType || "application/octet-stream" },
  });
  return {
    status: response.status,
    contentType: response.headers.get("Content-Type") || null,
    readableStream: response.body,
  };
}

async function checkPage(url) {
  const response = await fetch(url);
  const html = await response.text();
  const head = parse(html).querySelector("head");
  const report = await checkFavicon(url, head, fetcher);
  const out = { errors: [], warnings: [] };
  for (const part of [report.desktop, report.touchIcon, report.webAppManifest]) {
    for (const message of part.messages) {
      const text = `${MessageId[message.id]}: ${message.text}`;
      if (message.status === CheckerStatus.Error) out.errors.push(text);
      if (message.status === CheckerStatus.Warning) out.warnings.push(text);
    }
  }
  return out;
}

async function main() {
  const reports = {};
  for (const url of process.argv.slice(2)) reports[url] = await checkPage(url);
  process.stdout.write(JSON.stringify(reports));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
