// Drives the real `guize lsp` binary over stdio with vscode-jsonrpc (the JSON-RPC layer of VS
// Code's language client): a file with a typo gets diagnostics with the code and the Chinese
// message of `guize check`, hover on a rule shows its 原文, formatting returns the fmt text.
// The binary is $GUIZE_BIN, else target/debug/guize.
"use strict";

const assert = require("assert");
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const { pathToFileURL } = require("url");
const rpc = require("vscode-jsonrpc/node");

const root = path.join(__dirname, "..", "..", "..");
const bin = process.env.GUIZE_BIN || path.join(root, "target", "debug", "guize");
const file = path.join(root, "rulesets", "安徽省措施", "规则.guize");

function position(text, needle, skip) {
  const i = text.indexOf(needle);
  assert(i >= 0, needle);
  const before = text.slice(0, i);
  const line = before.split("\n").length - 1;
  return { line, character: i - (before.lastIndexOf("\n") + 1) + skip };
}

async function main() {
  const child = spawn(bin, ["lsp"], { cwd: root, env: {} });
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin)
  );
  const published = [];
  let notify;
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    published.push(p);
    if (notify) notify();
  });
  conn.listen();
  const next = () => new Promise((resolve) => (notify = resolve));
  const init = await conn.sendRequest("initialize", {
    processId: null,
    rootUri: pathToFileURL(root).href,
    capabilities: {},
  });
  assert.strictEqual(init.capabilities.hoverProvider, true);
  conn.sendNotification("initialized", {});

  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, "utf8").replace("应当 每年至少开展1次 监督谈话", "应当 每年至少开展1次 监督淡话");
  let got = next();
  conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "guize", version: 1, text } });
  await got;
  const diags = published[published.length - 1].diagnostics;
  const e = diags.find((d) => d.code === "E0201");
  assert(e, JSON.stringify(diags));
  assert(e.message.startsWith("未声明的事项 `监督淡话`"), e.message);
  assert.deepStrictEqual(e.range.start, position(text, "监督淡话", 0));

  const hover = await conn.sendRequest("textDocument/hover", {
    textDocument: { uri },
    position: position(text, "规则 任职谈话", 3),
  });
  assert(hover.contents.value.includes("原文：「上级“一把手”对下级新任职“一把手”应当开展任职谈话」"), hover.contents.value);

  const messy = text.replace("监督淡话", "监督谈话").replace("  规则 任职谈话：", "规则   任职谈话:");
  got = next();
  conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: messy }] });
  await got;
  assert(!published[published.length - 1].diagnostics.some((d) => d.severity === 1));
  const edits = await conn.sendRequest("textDocument/formatting", {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.strictEqual(edits.length, 1);
  assert.strictEqual(edits[0].newText, fs.readFileSync(file, "utf8"));

  await conn.sendRequest("shutdown");
  conn.sendNotification("exit");
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.strictEqual(code, 0);
  conn.dispose();
  console.log("lsp: diagnostics in Chinese, hover with 原文 and formatting over stdio");
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
