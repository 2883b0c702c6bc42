// Crawls a running careers from `/` (following every same-origin href and
// src on its pages) and asks careers and another server for each path in
// each encoding: the status, the body bytes and the headers a client acts on
// must be the same. Then the same for paths that do not exist.
// Usage: node parity.mjs CAREERS_URL OTHER_URL ENCODINGS [MUST_CRAWL]
// (comma-separated lists; MUST_CRAWL names paths the crawl has to reach).
import http from "node:http";

const [careers, other, encodingList, mustCrawl = ""] = process.argv.slice(2);
const encodings = encodingList.split(",");
const HEADERS = [
  "content-type", "cache-control", "vary", "content-encoding",
  "content-security-policy", "x-content-type-options", "x-frame-options",
  "referrer-policy", "permissions-policy", "cross-origin-opener-policy",
  "access-control-allow-origin",
];

function get(base, path, encoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(base + path, { headers: { "accept-encoding": encoding } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.setTimeout(10000, () => req.destroy(new Error(`timeout on ${path}`)));
  });
}

// Same-origin links of a page, without fragments; queries, apply links and
// comparisons are counted as skipped (only the server answers them: filters,
// a redirect that keeps a campaign, pages rendered on request).
const skipped = new Set();
function links(html) {
  const found = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    let url = m[1].replaceAll("&amp;", "&").split("#")[0];
    if (!url.startsWith("/") || url.startsWith("//")) continue;
    if (url.includes("?") || /^\/roles\/[^/]+\/apply$/.test(url) || url.startsWith("/compare")) {
      skipped.add(url);
      continue;
    }
    found.push(url);
  }
  return found;
}

const seen = new Set(["/"]);
const queue = ["/"];
while (queue.length) {
  const path = queue.shift();
  const res = await get(careers, path, "identity");
  if ((res.headers["content-type"] || "").startsWith("text/html")) {
    for (const link of links(res.body.toString("utf8"))) {
      if (!seen.has(link)) { seen.add(link); queue.push(link); }
    }
  }
}

for (const path of mustCrawl.split(",").filter(Boolean)) {
  if (!seen.has(path)) {
    console.log(`parity: the crawl never reached ${path}`);
    process.exit(1);
  }
}

const missing = ["/no-such-page", "/roles/no-such-role", "/static/missing.css",
  "/_careers/nginx.conf", "/_careers/object-metadata.json", "/_headers", "/.careers-manifest.json"];
let compared = 0, headersCompared = 0, bodies = 0;
const problems = [];
for (const path of [...seen, ...missing]) {
  for (const encoding of encodings) {
    const [a, b] = await Promise.all([get(careers, path, encoding), get(other, path, encoding)]);
    compared++;
    if (a.status !== b.status) problems.push(`${path} [${encoding}]: status ${a.status} vs ${b.status}`);
    bodies++;
    if (!a.body.equals(b.body)) problems.push(`${path} [${encoding}]: body ${a.body.length} vs ${b.body.length} bytes`);
    for (const name of HEADERS) {
      headersCompared++;
      const x = a.headers[name], y = b.headers[name];
      if (x !== y) problems.push(`${path} [${encoding}]: ${name}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
}
console.log(`parity: ${seen.size} crawled paths + ${missing.length} missing ones, ` +
  `${compared} responses (${encodings.join(", ")}), ${bodies} bodies and ${headersCompared} headers compared; ` +
  `${skipped.size} links left to the server (queries, apply links, comparisons)`);
if (problems.length) {
  console.log(problems.join("\n"));
  console.log(`parity: ${problems.length} differences`);
  process.exit(1);
}
