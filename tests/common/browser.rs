//! Headless Chromium for the tests of pages (`report`, `bench --solvers`).
//!
//! The browser tests need Debian's `chromium` (installed by `.ci/setup`); they fail, with a
//! message saying so, when no Chromium is found. `MTPLAN_CHROMIUM` may name another binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary: `MTPLAN_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
pub fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("MTPLAN_CHROMIUM") {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "MTPLAN_CHROMIUM names {}, which is not a file",
            p.display()
        );
        return p;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            if dir.join(name).is_file() {
                return dir.join(name);
            }
        }
    }
    panic!(
        "Chromium is not installed, so the report cannot be checked in a browser: run .ci/setup \
         (it installs Debian's `chromium`), or set MTPLAN_CHROMIUM to a Chromium binary"
    );
}

/// Seconds after which Chromium is taken to hang (it renders the page in a few seconds, more
/// on a slow or busy machine).
const HUNG_AFTER_SECS: u64 = 600;

/// Loads `page` in headless Chromium; returns the DOM it built (after the page's script ran)
/// and what it logged on stderr.
pub fn render_in_chromium(page: &Path) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let mut child = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom", &url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut dom = String::new();
    let started = Instant::now();
    let dumper = std::thread::spawn(move || {
        let _ = out.read_to_string(&mut dom);
        dom
    });
    while child.try_wait().unwrap().is_none() {
        // A guard against a hung browser, not a speed check: rendering takes seconds.
        if started.elapsed() > Duration::from_secs(HUNG_AFTER_SECS) {
            let _ = child.kill();
            panic!("chromium did not finish within {HUNG_AFTER_SECS} s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().unwrap();
    let (dom, log) = (dumper.join().unwrap(), reader.join().unwrap());
    assert!(status.success(), "chromium failed ({status}):\n{log}");
    (dom, log)
}

/// The number the page's script wrote into `<p id="{id}">…<span class="drawn">N</span>`.
pub fn drawn(dom: &str, id: &str) -> usize {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the DOM"));
    let rest = &dom[at..];
    let start = rest.find("<span class=\"drawn\">").expect("drawn span") + "<span class=\"drawn\">".len();
    let text = &rest[start..start + rest[start..].find('<').unwrap()];
    text.parse()
        .unwrap_or_else(|_| panic!("#{id} says `{text}`: the page's script did not run"))
}
