#!/usr/bin/env node
// Checks the gzip size of a finished Chrome build against its budgets:
// `node scripts/size-budget.mjs [build dir]`, default `.output/chrome-mv3`.
// Exits with 1 when a budget is exceeded and 2 when the build is missing.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const KIB = 1024;

/**
 * Budgets in gzip bytes. The popup budget covers every script its page loads.
 * About 9 KiB of the worker is library code it cannot drop (docs/size.md),
 * so its budget leaves roughly 9 KiB for the extension's own code.
 */
const BUDGETS = {
  background: 18 * KIB,
  popup: 25 * KIB,
};

function main() {
  const root = resolve(process.argv[2] ?? ".output/chrome-mv3");
  if (!existsSync(join(root, "manifest.json"))) {
    console.error(`size-budget: no build found at ${root}. Run \`npm run build\` first.`);
    process.exit(2);
  }

  const background = measure(root, [join(root, "background.js")]);
  const popup = measure(root, findPageScripts(root, "popup.html"));
  printTable("background.js", background, BUDGETS.background);
  printTable("popup.html scripts", popup, BUDGETS.popup);

  const failures = [
    checkBudget("background.js", background.total, BUDGETS.background),
    checkBudget("popup.html scripts", popup.total, BUDGETS.popup),
  ].filter((failure) => failure !== null);
  for (const failure of failures) console.error(`size-budget: ${failure}`);
  if (failures.length > 0) process.exit(1);
  console.log("size-budget: every budget is met.");
}

/** Lists every script a page loads, with the chunks they import, transitively. */
function findPageScripts(root, page) {
  const html = readFileSync(join(root, page), "utf8");
  const pending = [...readPageReferences(html)].map((path) => resolveFrom(root, root, path));
  const found = new Set();
  while (pending.length > 0) {
    const file = pending.shift();
    if (found.has(file)) continue;
    found.add(file);
    for (const specifier of readImports(readFileSync(file, "utf8"))) {
      pending.push(resolveFrom(root, dirname(file), specifier));
    }
  }
  return [...found];
}

/** Reads the `src` of module scripts and the `href` of modulepreload links. */
function readPageReferences(html) {
  const references = new Set();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const isPreload = /\brel=["']?modulepreload/i.test(tag);
    const url = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (url && (isScript || isPreload) && url.endsWith(".js")) references.add(url);
  }
  return references;
}

/** Reads relative specifiers of static imports, re-exports and dynamic imports. */
function readImports(source) {
  const pattern = /(?:\bimport|\bfrom)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

function resolveFrom(root, directory, specifier) {
  const path = specifier.startsWith("/") ? join(root, specifier) : resolve(directory, specifier);
  if (!existsSync(path)) {
    console.error(`size-budget: ${relative(root, path)} is referenced but missing from the build.`);
    process.exit(2);
  }
  return path;
}

/** Measures raw and gzip bytes of each file, with gzip at level 9, its maximum. */
function measure(root, files) {
  const rows = files.map((file) => {
    const content = readFileSync(file);
    const gzip = gzipSync(content, { level: 9 }).length;
    return { name: relative(root, file), raw: content.length, gzip };
  });
  return { rows, total: rows.reduce((sum, row) => sum + row.gzip, 0) };
}

function printTable(title, { rows, total }, budget) {
  console.log(`\n${title} (budget ${formatKib(budget)} gzip)`);
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(44)} ${formatKib(row.raw).padStart(10)} raw ${formatKib(row.gzip).padStart(10)} gzip`,
    );
  }
  console.log(`  ${"total".padEnd(44)} ${"".padStart(14)} ${formatKib(total).padStart(10)} gzip`);
}

function checkBudget(name, total, budget) {
  if (total <= budget) return null;
  return `${name} is ${formatKib(total)} gzip, over its budget of ${formatKib(budget)} by ${formatKib(total - budget)}.`;
}

function formatKib(bytes) {
  return `${(bytes / KIB).toFixed(2)} KiB`;
}

main();
