//! Reading rulesets from disk: a rule file, or a directory of `*.guize` files.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diag;
use crate::ir;
use crate::span::{SourceMap, Span};

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
    if path.is_file() {
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

/// Loads, parses and checks one ruleset. Returns the checked ruleset and every diagnostic.
pub fn ruleset(arg: &str, sources: &mut SourceMap) -> (Option<ir::Ruleset>, Vec<Diag>) {
    let files = match ruleset_files(arg) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    let mut diags = Vec::new();
    let mut asts = Vec::new();
    for f in files {
        let text = match std::fs::read(&f) {
            Ok(bytes) => String::from_utf8_lossy(&bytes)
                .trim_start_matches('\u{feff}')
                .to_string(),
            Err(e) => {
                diags.push(io_error(&f, &e));
                continue;
            }
        };
        let id = sources.add(f.display().to_string(), text);
        let (ast, d) = crate::parse(sources, id);
        diags.extend(d);
        asts.push(ast);
    }
    let (rs, d) = crate::check(&asts);
    diags.extend(d);
    let _ = Span::default();
    (Some(rs), diags)
}
