//! The HTML report in a real headless Chromium (Debian's `chromium` package): the page loads,
//! its script runs, the counts it shows match the JSON report, a filter set in the URL hash shows
//! exactly the matching instances, hostile names stay text, and screenshots are saved under
//! `target/test-artifacts/`.
//!
//! Without Chromium the test fails when the environment variable `CI` is set (CI must run it:
//! `.ci/run` installs it); elsewhere it prints a loud notice and passes without checking.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const DEMO: [&str; 2] = ["rulesets/安徽省措施", "examples/demo"];
const HOSTILE: [&str; 2] = [
    "tests/report/hostile/rules.guize",
    "tests/report/hostile/facts.json",
];
const TIMEOUT: Duration = Duration::from_secs(180);

#[test]
fn html_report_in_headless_chromium() {
    let Some(chromium) = find_chromium() else {
        let msg = "chromium not found: install Debian's `chromium` package (apt-get install -y \
                   chromium fonts-noto-cjk) to run the HTML browser test";
        assert!(
            std::env::var_os("CI").is_none(),
            "{msg} (CI is set, so this is a failure)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! html_browser: SKIPPED, {msg}\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        return;
    };
    let b = Browser::new(chromium);
    let artifacts = artifacts_dir();
    let page = artifacts.join("demo-report.html");
    eval(
        DEMO,
        "2024-12-31",
        &["--format", "html", "-o", page.to_str().unwrap()],
    );
    let json: Value =
        serde_json::from_slice(&eval(DEMO, "2024-12-31", &["--format", "json"])).unwrap();
    let instances = json["instances"].as_array().unwrap();
    let n = instances.len();

    // Unfiltered: every instance is a visible row; the cards show the JSON summary.
    let dom = b.dump_dom(&page, "");
    let rows = rows_of(&dom);
    assert_eq!(rows.len(), n, "one row per instance");
    assert!(
        rows.iter().all(|r| !r.hidden),
        "nothing hidden without a filter"
    );
    assert_eq!(shown(&dom), n);
    for (status, count) in json["summary"].as_object().unwrap() {
        let shown = text_of(&dom, &format!("<b id=\"n-{status}\">"));
        assert_eq!(shown, count.to_string(), "card {status}");
    }
    assert_eq!(text_of(&dom, "<b id=\"n-total\">"), n.to_string());

    // A status filter from the URL hash: the visible rows are exactly that status's instances.
    let violated = json["summary"]["violated"].as_u64().unwrap() as usize;
    assert!(violated > 0, "the demo has violations");
    let dom = b.dump_dom(&page, "status=violated");
    let visible: Vec<Row> = rows_of(&dom).into_iter().filter(|r| !r.hidden).collect();
    assert_eq!(visible.len(), violated);
    assert!(visible.iter().all(|r| r.attr("data-status") == "violated"));
    assert_eq!(shown(&dom), violated);

    // Unit, rule and period together, counted independently from the JSON report.
    let rule = "(三).监督谈话";
    let expected = instances
        .iter()
        .filter(|i| i["subject"]["unit"] == "U01" || i["responsible"]["unit"] == "U01")
        .filter(|i| i["rule"] == rule)
        .filter(|i| i["period"]["end"].as_str().unwrap() >= "2023-01-01")
        .filter(|i| i["period"]["start"].as_str().unwrap() <= "2023-12-31")
        .count();
    assert!(expected > 0 && expected < n);
    let hash = format!(
        "unit=U01&rule={}&from=2023-01-01&to=2023-12-31",
        percent(rule)
    );
    let dom = b.dump_dom(&page, &hash);
    let visible = rows_of(&dom).into_iter().filter(|r| !r.hidden).count();
    assert_eq!(visible, expected, "unit + rule + period");
    assert_eq!(shown(&dom), expected);

    // Screenshots for people to look at.
    for (name, hash) in [
        ("html-report.png", ""),
        ("html-report-violated.png", "status=violated"),
    ] {
        let png = artifacts.join(name);
        b.screenshot(&page, hash, &png);
        let bytes = std::fs::read(&png).expect("the screenshot was written");
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{name}"
        );
    }

    // Hostile names: markup in the facts is text, never elements.
    let hostile = artifacts.join("hostile-report.html");
    eval(
        HOSTILE,
        "2024-06-30",
        &["--format", "html", "-o", hostile.to_str().unwrap()],
    );
    let dom = b.dump_dom(&hostile, "");
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!dom.contains("<img"), "no element from a name");
    assert!(
        !dom.contains("<b>谈心谈话</b>"),
        "no element from the source text"
    );
    assert!(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;县委"));
    assert!(dom.contains("&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(rows_of(&dom).len(), 14);
}

/// Issue 12: hash filters with Chinese values (and a notice for a value matching nothing), the
/// page at 800 px with nothing cut off, and a print rendering.
#[test]
fn chinese_hash_values_narrow_window_and_print() {
    let Some(chromium) = find_chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium not found (CI is set)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "!!! html_browser: SKIPPED, chromium not found"
        );
        return;
    };
    let b = Browser::new_named(chromium, "html_browser_zh");
    let artifacts = artifacts_dir();
    let page = artifacts.join("demo-report-zh.html");
    eval(
        DEMO,
        "2024-12-31",
        &["--format", "html", "-o", page.to_str().unwrap()],
    );
    let json: Value =
        serde_json::from_slice(&eval(DEMO, "2024-12-31", &["--format", "json"])).unwrap();
    let instances = json["instances"].as_array().unwrap();
    let visible = |dom: &str| {
        rows_of(dom)
            .into_iter()
            .filter(|r| !r.hidden)
            .collect::<Vec<_>>()
    };

    // #status=违反 is #status=violated.
    let dom = b.dump_dom(&page, &format!("status={}", percent("违反")));
    let v = visible(&dom);
    assert_eq!(
        v.len() as u64,
        json["summary"]["violated"].as_u64().unwrap()
    );
    assert!(v.iter().all(|r| r.attr("data-status") == "violated"));
    // #unit=乙镇党委 is #unit=U12; #rule=监督谈话 names (三).监督谈话.
    let dom = b.dump_dom(
        &page,
        &format!("unit={}&rule={}", percent("乙镇党委"), percent("监督谈话")),
    );
    let expected = instances
        .iter()
        .filter(|i| i["subject"]["unit"] == "U12" || i["responsible"]["unit"] == "U12")
        .filter(|i| i["rule"] == "(三).监督谈话")
        .count();
    assert!(expected > 0);
    assert_eq!(visible(&dom).len(), expected);
    assert!(
        dom.contains("<p id=\"nomatch\" class=\"nomatch\" hidden=\"\""),
        "no notice when all match"
    );
    // A value matching nothing: said so, and ignored.
    let dom = b.dump_dom(&page, &format!("unit={}", percent("没有这个单位")));
    assert_eq!(visible(&dom).len(), instances.len());
    let notice = text_of(&dom, "data-zh=\"网址中的筛选值没有对应的选项，已忽略：\">");
    assert_eq!(
        notice,
        "网址中的筛选值没有对应的选项，已忽略：unit=没有这个单位"
    );

    // Nothing is cut off at 800 px (nor at 1400).
    for width in [800, 1400] {
        let dom = b.dump_dom_at(&page, "", width);
        assert!(
            dom.contains("data-fits=\"yes\""),
            "the page is wider than {width} px"
        );
    }
    let png = artifacts.join("html-report-800.png");
    b.screenshot_at(&page, "status=violated", &png, 800);
    assert!(std::fs::read(&png).unwrap().len() > 10_000);

    // Printing: a PDF of the filtered page.
    let pdf = artifacts.join("html-report-violated.pdf");
    let _ = std::fs::remove_file(&pdf);
    b.run(
        &page,
        "status=violated",
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 10_000);
}

/// `chromium` or `chromium-browser` on the PATH.
fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn eval(set: [&str; 2], as_of: &str, extra: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(["eval", set[0], set[1], "--as-of", as_of])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

struct Browser {
    exe: PathBuf,
    scratch: PathBuf,
    runs: std::cell::Cell<u32>,
}

impl Browser {
    fn new(exe: PathBuf) -> Browser {
        Browser::new_named(exe, "html_browser")
    }

    /// A browser with its own scratch directory (tests run in parallel).
    fn new_named(exe: PathBuf, name: &str) -> Browser {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).unwrap();
        Browser {
            exe,
            scratch,
            runs: std::cell::Cell::new(0),
        }
    }

    /// Runs Chromium headless on `page#hash` with a fresh profile and no network services.
    fn run(&self, page: &Path, hash: &str, action: &[String]) -> Vec<u8> {
        self.runs.set(self.runs.get() + 1);
        let run = self.scratch.join(format!("run-{}", self.runs.get()));
        let (profile, stdout, stderr) =
            (run.join("profile"), run.join("stdout"), run.join("stderr"));
        std::fs::create_dir_all(&run).unwrap();
        let mut url = file_url(page);
        if !hash.is_empty() {
            url = format!("{url}#{hash}");
        }
        let mut child = Command::new(&self.exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--virtual-time-budget=5000",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(action)
            .arg(&url)
            .stdin(Stdio::null())
            // Files, not pipes: a page's DOM is larger than a pipe's buffer.
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("chromium starts");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within {TIMEOUT:?} on {url}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            status.success(),
            "chromium failed on {url}: {}",
            std::fs::read_to_string(&stderr).unwrap_or_default()
        );
        std::fs::read(&stdout).unwrap()
    }

    /// The DOM after the page's script ran.
    fn dump_dom(&self, page: &Path, hash: &str) -> String {
        let dom = self.run(page, hash, &["--dump-dom".into()]);
        let dom = String::from_utf8(dom).expect("the DOM is UTF-8");
        assert!(dom.contains("</html>"), "a whole page was dumped: {dom}");
        dom
    }

    /// The DOM after the page's script ran in a window `width` px wide.
    fn dump_dom_at(&self, page: &Path, hash: &str, width: u32) -> String {
        let dom = self.run(
            page,
            hash,
            &["--dump-dom".into(), format!("--window-size={width},1800")],
        );
        String::from_utf8(dom).expect("the DOM is UTF-8")
    }

    fn screenshot(&self, page: &Path, hash: &str, png: &Path) {
        self.screenshot_at(page, hash, png, 1400);
    }

    fn screenshot_at(&self, page: &Path, hash: &str, png: &Path, width: u32) {
        let _ = std::fs::remove_file(png);
        self.run(
            page,
            hash,
            &[
                format!("--screenshot={}", png.display()),
                format!("--window-size={width},1800"),
                "--hide-scrollbars".into(),
            ],
        );
    }
}

/// `file://` URL of an absolute path, percent-encoded.
fn file_url(p: &Path) -> String {
    let abs = std::fs::canonicalize(p).unwrap();
    let mut url = String::from("file://");
    for b in abs.to_str().unwrap().bytes() {
        match b {
            b'/' | b'-' | b'_' | b'.' | b'~' => url.push(b as char),
            b if b.is_ascii_alphanumeric() => url.push(b as char),
            b => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// Percent-encoding for a hash value (as `encodeURIComponent`).
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'-' | b'_' | b'.' | b'~' | b'(' | b')' => (b as char).to_string(),
            b if b.is_ascii_alphanumeric() => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// An instance row's opening tag.
#[derive(Clone, Debug)]
struct Row {
    tag: String,
    hidden: bool,
}

impl Row {
    fn attr(&self, name: &str) -> &str {
        let key = format!(" {name}=\"");
        let start = self.tag.find(&key).map(|i| i + key.len()).unwrap_or(0);
        let end = self.tag[start..].find('"').map_or(start, |e| start + e);
        &self.tag[start..end]
    }
}

/// The rows of the instance table (`<tbody>` after `id="inst"`).
fn rows_of(dom: &str) -> Vec<Row> {
    let table = &dom[dom.find("<table id=\"inst\">").expect("the instance table")..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.match_indices("<tr")
        .map(|(i, _)| {
            let tag = &body[i..i + body[i..].find('>').unwrap() + 1];
            Row {
                tag: tag.to_string(),
                hidden: tag.contains(" hidden"),
            }
        })
        .collect()
}

/// The text right after `open` up to the next `<`.
fn text_of<'a>(dom: &'a str, open: &str) -> &'a str {
    let start = dom.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    &dom[start..start + dom[start..].find('<').unwrap()]
}

/// The number the page says it shows.
fn shown(dom: &str) -> usize {
    text_of(dom, "<output id=\"shown\">").parse().unwrap()
}
