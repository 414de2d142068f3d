// Loads extension.js outside VS Code with stand-ins for the `vscode` API and the language
// client, calls activate(), and checks that it starts `guize lsp` with the configured language,
// base directory and workspace folder, for .guize documents.
"use strict";

const assert = require("assert");
const Module = require("module");
const path = require("path");

const started = [];
const settings = { path: "/opt/guize/bin/guize", lang: "en", rulesets: "/data/rulesets" };
const fakes = {
  vscode: {
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, "guize");
        return { get: (k) => settings[k] };
      },
      workspaceFolders: [{ uri: { fsPath: "/work/project" } }],
    },
  },
  "vscode-languageclient/node": {
    TransportKind: { stdio: 0 },
    LanguageClient: class {
      constructor(id, name, server, client) {
        Object.assign(this, { id, name, server, client });
      }
      start() {
        started.push(this);
        return Promise.resolve();
      }
      stop() {
        return Promise.resolve();
      }
    },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return Object.prototype.hasOwnProperty.call(fakes, request) ? fakes[request] : load.call(this, request, ...rest);
};

const ext = require(path.join(__dirname, "..", "extension.js"));
const subscriptions = [];
ext.activate({ subscriptions }).then(() => {
  assert.strictEqual(started.length, 1);
  const c = started[0];
  assert.strictEqual(c.id, "guize");
  assert.strictEqual(c.server.run.command, "/opt/guize/bin/guize");
  assert.deepStrictEqual(c.server.run.args, ["lsp", "--lang", "en", "--rulesets", "/data/rulesets"]);
  assert.strictEqual(c.server.run.options.cwd, "/work/project");
  assert.deepStrictEqual(c.client.documentSelector, [{ scheme: "file", language: "guize" }]);
  assert.strictEqual(subscriptions.length, 1);
  console.log("extension: activate() starts `guize lsp` as configured");
});
