//! Reading rulesets from disk: a rule file, or a directory of `*.guize` files.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::ast;
use crate::diagnostics::Diag;
use crate::ir;
use crate::span::SourceMap;

mod utf8;

/// The extension of rule files.
pub const EXT: &str = "guize";

/// The rule files of a ruleset argument: the file itself, or the `*.guize` files of a directory
/// (sorted by name). A bare name that is not a path is looked up under `rulesets/`.
#[allow(clippy::result_large_err)]
pub fn ruleset_files(arg: &str) -> Result<Vec<PathBuf>, Diag> {
    let mut path = PathBuf::from(arg);
    if !path.exists() {
        let under = Path::new("rulesets").join(arg);
        if under.exists() {
            path = under;
        }
    }
    if path.is_dir() {
        let entries = std::fs::read_dir(&path).map_err(|e| io_error(&path, &e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == EXT))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Diag::error(
                "E0001",
                format!("目录 `{}` 中没有规则文件（*.{EXT}）", path.display()),
                format!("no rule files (*.{EXT}) in `{}`", path.display()),
            ));
        }
        return Ok(files);
    }
    // Anything else that exists (a FIFO, a device) is refused when read, with its kind named.
    if path.is_file() || path.symlink_metadata().is_ok() {
        return Ok(vec![path]);
    }
    Err(Diag::error(
        "E0001",
        format!("找不到规则集 `{arg}`"),
        format!("ruleset `{arg}` not found"),
    )
    .help(
        "给出规则文件或目录的路径，或 rulesets/ 下的规则集名称",
        "give the path of a rule file or directory, or a name under rulesets/",
    ))
}

/// An IO problem as a diagnostic.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diag {
    Diag::error(
        "E0001",
        format!("无法读取 `{}`：{e}", path.display()),
        format!("cannot read `{}`: {e}", path.display()),
    )
}

/// The parsed files of each ruleset of a chain, the root base first.
pub type Levels = Vec<Vec<ast::File>>;

/// `--rulesets DIR`, set once by `cli::run`: where base rulesets are looked up first.
pub static RULESETS_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Loads, parses and checks one ruleset with the rulesets it inherits (looked up in
/// `--rulesets DIR`, then beside the ruleset, then under `rulesets/`). Returns the checked
/// ruleset and every diagnostic.
pub fn ruleset(arg: &str, sources: &mut SourceMap) -> (Option<ir::Ruleset>, Vec<Diag>) {
    let (rs, diags, _) = ruleset_levels(arg, sources);
    (rs, diags)
}

/// [`ruleset`], also returning the parsed files of each level (the root base first).
pub fn ruleset_levels(
    arg: &str,
    sources: &mut SourceMap,
) -> (Option<ir::Ruleset>, Vec<Diag>, Levels) {
    let search = RULESETS_DIR.get().cloned().flatten();
    match chain(arg, search.as_deref(), sources) {
        Ok((levels, mut diags)) => {
            for level in &levels {
                let docs = documents(level, sources, &mut diags);
                diags.extend(crate::cite::check_quotes(level, &docs));
            }
            let refs: Vec<&[ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
            let (rs, d) = crate::check_chain(&refs);
            diags.extend(d);
            (Some(rs), diags, levels)
        }
        Err(diags) => (None, diags, Vec::new()),
    }
}

/// The parsed files of a ruleset and of every ruleset it inherits, the root base first, with
/// the syntax diagnostics. A base that cannot be found, or a cycle, is an error.
pub fn chain(
    arg: &str,
    search: Option<&Path>,
    sources: &mut SourceMap,
) -> Result<(Levels, Vec<Diag>), Vec<Diag>> {
    chain_with(arg, search, sources, &Overlay::new())
}

/// Texts that replace files on disk (the unsaved buffers of an editor), by path as given or
/// canonical path.
pub type Overlay = std::collections::BTreeMap<PathBuf, String>;

/// [`chain`], reading a file's text from `overlay` when it is there (the language server's open
/// documents) and from disk otherwise.
pub fn chain_with(
    arg: &str,
    search: Option<&Path>,
    sources: &mut SourceMap,
    overlay: &Overlay,
) -> Result<(Levels, Vec<Diag>), Vec<Diag>> {
    let files = ruleset_files(arg).map_err(|d| vec![d])?;
    let mut dirs: Vec<PathBuf> = search.into_iter().map(Path::to_path_buf).collect();
    if let Some(beside) = files.first().and_then(|f| f.parent()).and_then(|p| {
        if Path::new(arg).is_dir() || !Path::new(arg).exists() {
            p.parent()
        } else {
            Some(p)
        }
    }) {
        dirs.push(beside.to_path_buf());
    }
    dirs.push(PathBuf::from("rulesets"));
    let mut diags = Vec::new();
    let mut levels = Vec::new();
    let mut seen: Vec<(PathBuf, String)> = Vec::new();
    let mut current = files;
    loop {
        let key = current
            .first()
            .and_then(|f| f.parent())
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_default();
        let asts = parse_files(&current, sources, &mut diags, overlay);
        let header = asts.iter().find(|f| f.name.is_some());
        let name = header
            .and_then(|f| f.name.as_ref())
            .map(|n| n.text.clone())
            .unwrap_or_default();
        let base = header.and_then(|f| f.inherits.clone());
        seen.push((key, name));
        levels.push(asts);
        let Some(base) = base else { break };
        let Some(next) = find_base(&base.text, &dirs) else {
            // Without its base every inherited name would be reported as undeclared: stop here.
            diags.push(not_found(&base, &dirs));
            return Err(diags);
        };
        let next_key = next
            .first()
            .and_then(|f| f.parent())
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_default();
        if let Some(at) = seen.iter().position(|(k, _)| *k == next_key) {
            diags.push(cycle(&base, &seen, at));
            return Err(diags);
        }
        current = next;
    }
    levels.reverse();
    Ok((levels, diags))
}

/// The documents the `出处` lines of one ruleset name, read from disk. A path is looked up from
/// the directory of the rule file that names it, then from each directory above it (so
/// `seeds/000_….txt` is found from `rulesets/安徽省措施/`). A file that cannot be found or read
/// is `E0261` at the `出处` line.
pub fn documents(
    files: &[ast::File],
    sources: &SourceMap,
    diags: &mut Vec<Diag>,
) -> Vec<crate::cite::Document> {
    let mut docs = Vec::new();
    for f in files {
        for decl in &f.sources {
            let dir = Path::new(&sources.get(decl.span.file).name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let Some(path) = find_upwards(&dir, &decl.path) else {
                diags.push(no_document(decl));
                continue;
            };
            // A cited document is a text of some pages: refuse anything huge rather than read it.
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_DOCUMENT) {
                diags.push(too_big(decl));
                continue;
            }
            let text = match std::fs::read(&path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    diags.push(io_error(&path, &e).at(decl.span, "出处", "source"));
                    continue;
                }
            };
            match crate::cite::Document::new(decl, &text) {
                Ok(d) => docs.push(d),
                Err(d) => diags.push(d),
            }
        }
    }
    docs
}

/// `rel` joined to `dir` or to the nearest directory above it where it exists.
fn find_upwards(dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    if rel.is_absolute() {
        return rel.is_file().then(|| rel.to_path_buf());
    }
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let abs = start.canonicalize().ok()?;
    abs.ancestors().map(|d| d.join(rel)).find(|p| p.is_file())
}

/// The largest `出处` file read (64 MiB).
const MAX_DOCUMENT: u64 = 64 << 20;

fn too_big(decl: &ast::SourceDecl) -> Diag {
    Diag::error(
        "E0261",
        format!("出处文件 `{}` 过大（超过 64 MiB）", decl.path),
        format!("source document `{}` is too large (over 64 MiB)", decl.path),
    )
    .at(decl.span, "未读入", "not read")
}

fn no_document(decl: &ast::SourceDecl) -> Diag {
    Diag::error(
        "E0261",
        format!("找不到出处文件 `{}`", decl.path),
        format!("source document `{}` not found", decl.path),
    )
    .at(decl.span, "在规则文件所在目录及其上级目录中都没有这个文件", "not in the rule file's directory nor any directory above it")
    .help(
        "路径相对于规则文件所在目录（或其任一上级目录），如 `出处 000 seeds/000_0ebbd21fcbcdb0f9.txt`",
        "the path is relative to the rule file's directory or one above it, e.g. `出处 000 seeds/000_0ebbd21fcbcdb0f9.txt`",
    )
}

fn parse_files(
    files: &[PathBuf],
    sources: &mut SourceMap,
    diags: &mut Vec<Diag>,
    overlay: &Overlay,
) -> Vec<ast::File> {
    let mut asts = Vec::new();
    for f in files {
        // An editor's unsaved text (the language server) wins over the file on disk.
        let held = overlay.get(f).or_else(|| {
            let c = f.canonicalize().ok()?;
            overlay.get(&c)
        });
        let read = match held {
            Some(text) => Ok(text.clone().into_bytes()),
            None => crate::io::read_regular_file(f, crate::io::RULE_FILE_LIMIT),
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let (text, bad) = utf8::decode(bytes);
        let gbk = !bad.is_empty() && utf8::is_gb18030(bytes, &bad);
        let id = sources.add(f.display().to_string(), text);
        if gbk {
            // Parsing a GBK file as UTF-8 would only report noise: one error says what it is.
            diags.push(utf8::gb18030_file(id, &bad));
            continue;
        }
        diags.extend(utf8::diags(id, &bad));
        let (ast, d) = crate::parse(sources, id);
        diags.extend(d);
        asts.push(ast);
    }
    asts
}

/// The rule files of the base ruleset `name`: a directory `name` in one of `dirs`.
fn find_base(name: &str, dirs: &[PathBuf]) -> Option<Vec<PathBuf>> {
    dirs.iter()
        .map(|d| d.join(name))
        .find(|p| p.is_dir())
        .and_then(|p| ruleset_files(&p.display().to_string()).ok())
}

fn not_found(base: &ast::Ident, dirs: &[PathBuf]) -> Diag {
    let mut names: Vec<String> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names.dedup();
    let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    Diag::error(
        "E0245",
        format!("找不到继承的规则集 `{}`", base.text),
        format!("base ruleset `{}` not found", base.text),
    )
    .at(
        base.span,
        format!("在 {} 中都没有这个目录", looked.join("、")),
        format!("no such directory in {}", looked.join(", ")),
    )
    .maybe_help(crate::diagnostics::did_you_mean(
        &base.text,
        names.iter().map(String::as_str),
    ))
}

fn cycle(base: &ast::Ident, seen: &[(PathBuf, String)], at: usize) -> Diag {
    // `seen` runs from the ruleset asked for towards its bases; the cycle is seen[at..] → seen[at].
    let mut names: Vec<&str> = seen[at..].iter().map(|(_, n)| n.as_str()).collect();
    names.push(seen[at].1.as_str());
    let chain = names.join(" → ");
    Diag::error(
        "E0246",
        format!("继承成环：{chain}"),
        format!("inheritance cycle: {chain}"),
    )
    .at(
        base.span,
        "此处又继承回到环中",
        "this 继承 closes the cycle",
    )
    .help(
        "规则集只能继承上级规则集；删去其中一处 `继承`",
        "a ruleset inherits from a higher level only; remove one `继承`",
    )
}
