// The guize extension: starts `guize lsp` (the language server built into the guize binary)
// for .guize files. Highlighting comes from syntaxes/guize.tmLanguage.json, brackets and
// comments from language-configuration.json; everything else (diagnostics in Chinese, hover,
// go to definition, completion, formatting) is answered by the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const cfg = vscode.workspace.getConfiguration("guize");
  const args = ["lsp", "--lang", cfg.get("lang") || "zh"];
  const rulesets = cfg.get("rulesets");
  if (rulesets) {
    args.push("--rulesets", rulesets);
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const run = {
    command: cfg.get("path") || "guize",
    args,
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder.uri.fsPath } : {},
  };
  client = new LanguageClient(
    "guize",
    "guize 规则",
    { run, debug: run },
    { documentSelector: [{ scheme: "file", language: "guize" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
