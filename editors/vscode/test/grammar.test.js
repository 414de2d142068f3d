// Tokenises a real ruleset file with the extension's TextMate grammar (vscode-textmate with the
// Oniguruma engine VS Code uses) and checks the scopes of its parts. Run by `npm test`, and by
// `cargo test --test vscode` from the repository root.
"use strict";

const fs = require("fs");
const path = require("path");
const assert = require("assert");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.join(__dirname, "..", "..", "..");
const grammarPath = path.join(__dirname, "..", "syntaxes", "guize.tmLanguage.json");
const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));

async function grammar() {
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === "source.guize"
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath)
        : null,
  });
  return registry.loadGrammar("source.guize");
}

/// Every line of a file with its tokens: [{ text, scopes }].
function tokenise(g, text) {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return {
      line,
      tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
    };
  });
}

/// The scopes of the token that starts `word` on the first line containing `lineHas`.
function scopesOf(lines, lineHas, word) {
  const l = lines.find((x) => x.line.includes(lineHas));
  assert(l, `a line containing ${lineHas}`);
  const at = l.line.indexOf(word, l.line.indexOf(lineHas) >= 0 ? 0 : 0);
  assert(at >= 0, `${word} in ${l.line}`);
  let pos = 0;
  for (const t of l.tokens) {
    if (pos <= at && at < pos + t.text.length) {
      return t.scopes.join(" ");
    }
    pos += t.text.length;
  }
  throw new Error(`no token at ${word} in ${l.line}`);
}

function expectScope(lines, lineHas, word, scope) {
  const s = scopesOf(lines, lineHas, word);
  assert(s.includes(scope), `「${word}」 in 「${lineHas}」: expected ${scope}, got ${s}`);
}

async function main() {
  const g = await grammar();
  const file = path.join(root, "rulesets", "安徽省措施", "规则.guize");
  const lines = tokenise(g, fs.readFileSync(file, "utf8"));
  let checks = 0;
  const x = (...a) => {
    expectScope(lines, ...a);
    checks++;
  };
  x("# 安徽省《关于", "#", "comment.line.number-sign.guize");
  x("规则集 安徽省措施", "规则集", "keyword.other.statement.guize");
  x("依据 《中共安徽省委", "依据", "keyword.other.statement.guize");
  x("依据 《中共安徽省委", "《中共", "string.quoted.other.title.guize");
  x("生效 2022年5月2日", "2022年5月2日", "constant.numeric.date.guize");
  x("继承 中央意见", "继承", "keyword.other.statement.guize");
  x("事项 工作报告", "事项", "keyword.other.statement.guize");
  x("字段 是否报告同级党委问题", "是否报告同级党委问题", "variable.other.field.guize");
  x("字段 是否报告同级党委问题", "：是否", "punctuation.separator.colon.guize");
  x("参数 及时 = 30日", "参数", "keyword.other.statement.guize");
  x("参数 及时 = 30日", "=", "keyword.operator.assignment.guize");
  x("参数 及时 = 30日", "30日", "constant.numeric.guize");
  x("条款 （三） 上级", "条款", "keyword.other.statement.guize");
  x("条款 （三） 上级", "（三）", "constant.other.item.guize");
  x("条款 （三） 上级", "上级“一把手”必须", "entity.name.section.clause.guize");
  x("  规则 监督谈话：", "规则", "keyword.other.statement.guize");
  x("  规则 监督谈话：", "监督谈话", "entity.name.function.rule.guize");
  x("原文 「同下级", "原文", "keyword.other.statement.guize");
  x("原文 「同下级", "同下级", "string.quoted.other.guize");
  x("对象 下级单位的一把手", "对象", "keyword.other.statement.guize");
  x("对象 下级单位的一把手", "下级单位", "storage.modifier.scope.guize");
  x("当 下级单位的一把手 任职开始 时", "当", "keyword.other.statement.guize");
  x("当 下级单位的一把手 任职开始 时", "任职开始", "keyword.other.trigger.guize");
  x("当 下级单位的一把手 任职开始 时", "时", "keyword.other.guize");
  x("应当 每年至少开展1次 监督谈话", "应当", "keyword.control.modal.guize");
  x("应当 每年至少开展1次 监督谈话", "每年", "keyword.operator.timing.guize");
  x("应当 每年至少开展1次 监督谈话", "1次", "constant.numeric.guize");
  x("应当 事先 请示报告", "事先", "keyword.operator.timing.guize");
  x("违反 依规依纪追责", "违反", "keyword.other.statement.guize");
  x("修订 （三）.监督谈话", "修订", "keyword.other.statement.guize");
  x("不设规则：原则性要求", "不设规则", "keyword.other.statement.guize");

  // Names stay plain text: a name is not taken for a keyword inside it.
  const s = scopesOf(lines, "应当 每年至少开展1次 监督谈话", "监督谈话");
  assert(!s.includes("keyword") && !s.includes("string"), `监督谈话: ${s}`);

  // A quotation spanning lines stays a string on its second line.
  const multi = tokenise(g, "原文 「第一行\n  第二行」\n对象 党委");
  const second = multi[1].tokens.map((t) => t.scopes.join(" "));
  assert(second.every((x) => x.includes("string.quoted.other.guize")), `second line: ${second}`);
  assert(scopesOf(multi, "对象 党委", "对象").includes("keyword.other.statement.guize"));

  // The traditional-character ruleset is highlighted too.
  const trad = tokenise(g, fs.readFileSync(path.join(root, "rulesets", "十个必严", "规则.guize"), "utf8"));
  expectScope(trad, "規則集", "規則集", "keyword.other.statement.guize");
  checks += 4;
  console.log(`grammar: ${checks} checks passed on ${path.relative(root, file)} (${lines.length} lines)`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
