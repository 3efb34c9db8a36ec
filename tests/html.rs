//! `export --format html`: a golden file of the NK-troops story's report (with a journal of two
//! reviewers, a stale decision and a decision on a superseded claim), its structure, hostile
//! input shown as text and never as markup, script or link, and the report in a real browser
//! (headless Chromium, driven over the DevTools protocol): it renders, its drawings have
//! shapes, and it fetches nothing.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::{crosscheck, repo};

const STORY: &str = "tests/fixtures/stories/nk-troops-russia-2024";
const HOSTILE: &str = "tests/fixtures/html/hostile";

/// The NK story's claim files and texts in a temporary folder, with the journal of
/// `tests/fixtures/html/nk-review.toml` as its `review.toml`.
fn story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo().join(STORY)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".claims.toml") || name.ends_with(".txt") {
            std::fs::copy(&path, dir.path().join(&name)).unwrap();
        }
    }
    std::fs::copy(
        repo().join("tests/fixtures/html/nk-review.toml"),
        dir.path().join("review.toml"),
    )
    .unwrap();
    dir
}

fn export(cwd: &Path, args: &[&str]) -> String {
    let mut all = vec!["export", "--format", "html"];
    all.extend_from_slice(args);
    let run = crosscheck(&all, cwd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn story_html() -> String {
    let dir = story();
    export(dir.path(), &["--review", "review.toml", "."])
}

fn hostile_html() -> String {
    export(
        &repo(),
        &["--review", &format!("{HOSTILE}/review.toml"), HOSTILE],
    )
}

#[test]
fn golden_nk_story() {
    insta::assert_snapshot!("nk_story", story_html());
}

// --- A small reader of the page's markup ---------------------------------------------------------

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every tag of the page in order, `<style>`'s text skipped. The writer quotes every attribute
/// value with `"`; anything else is a failure here.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(doctype) = rest.strip_prefix("!DOCTYPE html>") {
            rest = doctype;
            continue;
        }
        let end = rest.find('>').expect("a tag ends");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        let closing = inside.starts_with('/');
        let inside = inside.trim_start_matches('/');
        let self_closing = inside.ends_with('/');
        let inside = inside.trim_end_matches('/');
        let name_end = inside.find([' ', '\n']).unwrap_or(inside.len());
        let name = inside[..name_end].to_string();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "a tag named {name:?}"
        );
        let mut attrs = Vec::new();
        let mut a = inside[name_end..].trim_start();
        while !a.is_empty() {
            let eq = a
                .find("=\"")
                .unwrap_or_else(|| panic!("unquoted attribute: {a}"));
            let attr = a[..eq].to_string();
            assert!(
                attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "attribute {attr:?}"
            );
            let value_end = a[eq + 2..].find('"').expect("attribute closes") + eq + 2;
            attrs.push((attr, a[eq + 2..value_end].to_string()));
            a = a[value_end + 1..].trim_start();
        }
        if name == "style" && !closing {
            let close = rest.find("</style>").expect("style closes");
            rest = &rest[close..];
        }
        out.push(Tag {
            name,
            closing,
            self_closing,
            attrs,
        });
    }
    out
}

const VOID: [&str; 3] = ["meta", "br", "hr"];

/// Tags nest: each closes the last open one.
fn assert_balanced(tags: &[Tag]) {
    let mut open: Vec<&str> = Vec::new();
    for t in tags {
        if t.closing {
            assert_eq!(open.pop(), Some(t.name.as_str()), "closing {}", t.name);
        } else if !t.self_closing && !VOID.contains(&t.name.as_str()) {
            open.push(&t.name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
}

/// The tags the report uses: HTML and the SVG it draws with. Anything else came from a file.
const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "nav",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "a",
    "cite",
    "code",
    "strong",
    "span",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "blockquote",
    "svg",
    "defs",
    "marker",
    "pattern",
    "path",
    "rect",
    "line",
    "circle",
    "text",
    "g",
];

/// What holds for any report: known tags only, nesting, unique ids, links and references that
/// stay in the page or go to a web address, nothing that runs or loads, no control characters.
fn assert_safe_page(html: &str) -> Vec<Tag> {
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for c in html.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "control or bidi character {c:?} in the page"
        );
    }
    let tags = tags(html);
    assert_balanced(&tags);
    let mut ids = HashSet::new();
    for t in &tags {
        assert!(ALLOWED.contains(&t.name.as_str()), "tag <{}>", t.name);
        for (name, value) in &t.attrs {
            assert!(!name.starts_with("on"), "event handler {name}={value:?}");
            assert!(
                !matches!(
                    name.as_str(),
                    "src" | "srcset" | "style" | "xlink:href" | "action"
                ),
                "attribute {name}"
            );
            if name == "id" {
                assert!(ids.insert(value.clone()), "id {value} twice");
            }
        }
        if let Some(href) = t.attr("href") {
            assert!(
                href.starts_with('#')
                    || href.starts_with("https://")
                    || href.starts_with("http://"),
                "href {href:?}"
            );
        }
    }
    // Every reference inside the page names something in it.
    for t in &tags {
        if let Some(target) = t.attr("href").and_then(|h| h.strip_prefix('#')) {
            assert!(ids.contains(target), "#{target} goes nowhere");
        }
        for (_, value) in &t.attrs {
            if let Some(r) = value.strip_prefix("url(#") {
                assert!(ids.contains(r.trim_end_matches(')')), "{value}");
            }
        }
    }
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    for banned in ["@import", "http", "//"] {
        assert!(!style.contains(banned), "the stylesheet holds {banned}");
    }
    assert!(
        style.matches("url(").count() == style.matches("url(#").count(),
        "the stylesheet refers only to the page's own patterns"
    );
    tags
}

fn open_tags<'a>(tags: &'a [Tag], name: &str) -> Vec<&'a Tag> {
    tags.iter()
        .filter(|t| t.name == name && !t.closing)
        .collect()
}

// --- Structure -------------------------------------------------------------------------------------

#[test]
fn the_story_report_is_one_safe_page() {
    let html = story_html();
    let tags = assert_safe_page(&html);
    let head = &html[..html.find("</head>").unwrap()];
    assert_eq!(head.matches("<title>").count(), 1);
    assert!(head.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    assert!(html.contains("@media print"));
    assert!(html.contains("break-before: page"));
    for t in open_tags(&tags, "th") {
        assert!(t.attr("scope").is_some(), "a <th> without scope");
    }
    // Every report is linked to its web address.
    let links: Vec<&str> = tags
        .iter()
        .filter_map(|t| t.attr("href"))
        .filter(|h| h.starts_with("http"))
        .collect();
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("https://abcnews.go.com/"))
    );
}

/// The sections' topic ids in page order, with their verdicts.
fn sections(tags: &[Tag]) -> Vec<(String, String)> {
    open_tags(tags, "section")
        .into_iter()
        .filter(|t| t.attr("class").is_some_and(|c| c.starts_with("topic ")))
        .map(|t| {
            let id = t
                .attr("id")
                .unwrap()
                .trim_start_matches("topic-")
                .to_string();
            let verdict = t
                .attr("class")
                .unwrap()
                .trim_start_matches("topic verdict-")
                .to_string();
            (id, verdict)
        })
        .collect()
}

#[test]
fn one_section_per_topic_conflicts_first() {
    let html = story_html();
    assert_eq!(
        sections(&tags(&html)),
        [
            ("nkr-killed", "conflict"),
            ("nkr-deployed", "conflict"),
            ("nkr-troops-sent", "consistent"),
            ("nkr-casualties", "consistent"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let dir = story();
    let only = export(
        dir.path(),
        &["--review", "review.toml", "--only", "conflicts", "."],
    );
    let only = sections(&tags(&only));
    assert_eq!(only.len(), 2);
    assert!(only.iter().all(|(_, v)| v == "conflict"));
}

#[test]
fn every_drawing_is_titled_and_labelled() {
    let html = story_html();
    let tags = tags(&html);
    let svgs = open_tags(&tags, "svg");
    // The defs, then a scale and a timeline for each of the three numeric topics and a
    // timeline for the yes/no one.
    assert_eq!(svgs.len(), 1 + 3 * 2 + 1);
    assert_eq!(svgs[0].attr("aria-hidden"), Some("true"));
    let charts: Vec<&&Tag> = svgs.iter().skip(1).collect();
    assert_eq!(
        charts
            .iter()
            .filter(|t| t.attr("class") == Some("scale"))
            .count(),
        3
    );
    assert_eq!(
        charts
            .iter()
            .filter(|t| t.attr("class") == Some("timeline"))
            .count(),
        4
    );
    for svg in &charts {
        assert_eq!(svg.attr("role"), Some("img"));
        let label = svg.attr("aria-label").unwrap();
        assert!(label.len() > 20, "{label}");
        assert!(svg.attr("viewBox").is_some());
    }
    // Each drawing opens with its title; each claim drawn has its own.
    let mut after_svg = html.split("<svg class=\"").skip(2);
    assert!(after_svg.all(|s| s[s.find('>').unwrap() + 1..].starts_with("\n<title>")));
    let troops = section_of(&html, "nkr-troops-sent");
    assert!(troops.contains(
        "<g class=\"claim superseded\"><title>Sabrina Singh, Deputy Pentagon Press Secretary: ≈ 10,000 troops · 2024-10-28 · superseded by abcnews-2024-11-05.ryder-11000-12000</title>"
    ));
    // Superseded claims are linked to what replaced them on the timeline, and the window shown.
    assert_eq!(troops.matches("<g class=\"link\">").count(), 2);
    assert!(troops.contains("<g class=\"window\"><title>window 30 days</title>"));
    // Open ends are arrows.
    assert!(troops.contains("marker-end=\"url(#cc-open)\""));
    // Drafts are left out of the drawings and named under the table.
    assert!(!troops.contains("<title>US Department of Defense (Pentagon): ≥ 10,000"));
    assert!(troops.contains("2 drafts left out"));
}

/// The HTML of one topic's section.
fn section_of<'a>(html: &'a str, topic: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"topic-{topic}\""))
        .unwrap_or_else(|| panic!("no section for {topic}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn the_claims_table_and_quotes_say_who_decided_what() {
    let html = story_html();
    let troops = section_of(&html, "nkr-troops-sent");
    // Ryder's claim: kim's later dispute in force, ana's verification beside it; its grades
    // with the grade the evidence suggests and how other origins stand to it.
    let ryder = row_of(troops, "abcnews-2024-11-05.ryder-11000-12000");
    assert!(ryder.contains("<span class=\"status-disputed\">✗ disputed</span>"));
    assert!(ryder.contains("<td>kim<span class=\"also\">✓ verified by ana</span></td>"));
    assert!(ryder.contains("evidence suggests 1<span class=\"independence\">corroborated by 1 · contradicted by 0</span>"));
    // A superseded claim under the one that replaced it, linked to it.
    let singh = row_of(troops, "newsaz-2024-10-28.singh-10000");
    assert!(singh.contains("class=\"superseded\""));
    assert!(singh.contains(
        "<a href=\"#claim-abcnews-2024-11-05.ryder-11000-12000\">superseded by abcnews-2024-11-05.ryder-11000-12000</a>"
    ));
    assert!(
        troops
            .find("claim-abcnews-2024-11-05.ryder-11000-12000")
            .unwrap()
            < troops.find("claim-newsaz-2024-10-28.singh-10000").unwrap()
    );
    // The relay chain, the origin.
    let nis = row_of(troops, "nation-2024-10-19.nis-12000");
    assert!(nis.contains("<td>NIS → Yonhap → AFP</td>"));
    assert!(nis.contains("<td>Government of South Korea</td>"));
    // A stale decision is never in force.
    let casualties = section_of(&html, "nkr-casualties");
    let zelensky = row_of(casualties, "thewest-2024-12-27.zelensky-3000");
    assert!(zelensky.contains(
        "○ unreviewed</span><span class=\"also stale\">✎ changed since review by kim</span>"
    ));
    // The note, escaped.
    assert!(html.contains("Seoul counts confirmed deaths only: &lt; 1,000 &amp; &quot;around&quot; is the NIS&#39;s word."));
    // Totals and who decided what.
    assert!(html.contains("<tbody><tr><td>17</td><td>2</td><td>3</td><td>9</td><td>2</td><td>3</td><td>1</td><td>3</td></tr></tbody>"));
    assert!(html.contains("<tr><th scope=\"row\">kim</th><td>2</td><td>1</td><td>1</td>"));
    // Quotes, with their reports.
    assert!(troops.contains("<blockquote class=\"quote superseded\"><p>Sabrina Singh, Deputy Pentagon Press Secretary: “We believe that the DPRK has sent around 10,000 soldiers in total to train in eastern Russia”</p>"));
}

fn row_of<'a>(section: &'a str, claim: &str) -> &'a str {
    let start = section
        .find(&format!("<tr id=\"claim-{claim}\""))
        .unwrap_or_else(|| panic!("no row for {claim}"));
    let end = section[start..].find("</tr>").unwrap() + start;
    &section[start..end]
}

// --- Hostile input ---------------------------------------------------------------------------------

#[test]
fn booby_trapped_files_are_shown_as_text_never_run_or_linked() {
    let html = hostile_html();
    let tags = assert_safe_page(&html);
    // Not one link leaves the page: neither report has a web address.
    for t in &tags {
        if let Some(href) = t.attr("href") {
            assert!(href.starts_with('#'), "href {href:?}");
        }
    }
    for (raw, shown) in [
        (
            "<script>alert('title')</script>",
            "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
        ),
        (
            "\"><img src=x onerror=alert('outlet')>",
            "&quot;&gt;&lt;img src=x onerror=alert(&#39;outlet&#39;)&gt;",
        ),
        (
            "</title></svg><script>alert('source')</script>",
            "&lt;/title&gt;&lt;/svg&gt;&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;",
        ),
        (
            "' onmouseover='alert(1)' x='",
            "&#39; onmouseover=&#39;alert(1)&#39; x=&#39;",
        ),
        (
            "<a href=\"javascript:alert('relay')\">relay</a>",
            "&lt;a href=&quot;javascript:alert(&#39;relay&#39;)&quot;&gt;relay&lt;/a&gt;",
        ),
        (
            "</text><a href=\"javascript:alert('unit')\">troops</a>",
            "&lt;/text&gt;&lt;a href=&quot;javascript:alert(&#39;unit&#39;)&quot;&gt;troops&lt;/a&gt;",
        ),
        (
            "<style>body{display:none}</style>",
            "&lt;style&gt;body{display:none}&lt;/style&gt;",
        ),
        (
            "</td></tr></table><script>alert('note')</script>",
            "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;",
        ),
        (
            "<img src=x onerror=alert('reviewer')>",
            "&lt;img src=x onerror=alert(&#39;reviewer&#39;)&gt;",
        ),
        (
            "\" onclick=\"alert('kim')",
            "&quot; onclick=&quot;alert(&#39;kim&#39;)",
        ),
    ] {
        assert!(!html.contains(raw), "{raw} reached the page as markup");
        assert!(html.contains(shown), "{raw} is not shown as text");
    }
    // The addresses that are not web addresses are shown as text.
    assert!(html.contains("(url: <code>javascript:alert(document.cookie)</code>)"));
    assert!(html.contains(
        "(url: <code>data:text/html,&lt;script&gt;alert(&#39;url&#39;)&lt;/script&gt;</code>)"
    ));
    // Escape sequences are gone, their visible parts too.
    assert!(
        html.contains("How many? red"),
        "the CSI sequences dropped whole"
    );
    assert!(!html.contains("pwned"), "the OSC sequence dropped whole");
    // Undated claims are listed apart from the timeline.
    assert!(html.contains("<p class=\"undated\"><strong>undated</strong>, not on the timeline: "));
    for t in &tags {
        assert!(
            !matches!(
                t.name.as_str(),
                "script" | "img" | "iframe" | "object" | "embed" | "link" | "base" | "form"
            ),
            "<{}>",
            t.name
        );
    }
}

// --- In a real browser -----------------------------------------------------------------------------

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// requests on fd 3, answers on fd 4, each a JSON message ending in NUL). The protocol sees what
/// the page itself asks for — `Network.requestWillBeSent` for every load it attempts, even one a
/// Content-Security-Policy then blocks — apart from the browser's own background traffic.
mod browser {
    use std::io::{Read, Write};
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    const WAIT: Duration = Duration::from_secs(60);

    pub fn installed() -> bool {
        Command::new("chromium")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    pub struct Browser {
        child: Child,
        to: std::fs::File,
        from: Receiver<Value>,
        next: u64,
        /// Events not yet looked at.
        pub events: Vec<Value>,
    }

    fn pipe() -> (OwnedFd, OwnedFd) {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors pipe2 writes.
        let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
        assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned by nothing else.
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
    }

    impl Browser {
        pub fn start(profile: &Path) -> Browser {
            let (child_reads, we_write) = pipe();
            let (we_read, child_writes) = pipe();
            let (r, w) = (child_reads.as_raw_fd(), child_writes.as_raw_fd());
            let mut command = Command::new("chromium");
            command
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--remote-debugging-pipe",
                ])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg("about:blank")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec. The
            // ends are first copied above 10 so that putting them on 3 and 4 cannot close one
            // with the other; dup2's copies are not close-on-exec.
            unsafe {
                command.pre_exec(move || {
                    let r = libc::fcntl(r, libc::F_DUPFD, 10);
                    let w = libc::fcntl(w, libc::F_DUPFD, 10);
                    if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = command.spawn().expect("chromium starts");
            drop((child_reads, child_writes));
            let (tx, rx) = channel();
            let mut from = std::fs::File::from(we_read);
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let mut chunk = vec![0; 1 << 16];
                while let Ok(n) = from.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    while let Some(end) = buf.iter().position(|&b| b == 0) {
                        let message: Vec<u8> = buf.drain(..=end).collect();
                        let Ok(v) = serde_json::from_slice(&message[..end]) else {
                            continue;
                        };
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            });
            Browser {
                child,
                to: std::fs::File::from(we_write),
                from: rx,
                next: 0,
                events: Vec::new(),
            }
        }

        fn receive(&mut self, deadline: Instant) -> Value {
            match self
                .from
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(v) => v,
                Err(RecvTimeoutError::Timeout) => panic!("chromium did not answer in {WAIT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the pipe"),
            }
        }

        /// Call `method` (in `session`, a page's, when given) and return its result.
        pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
            self.next += 1;
            let id = self.next;
            let mut message = json!({"id": id, "method": method, "params": params});
            if let Some(s) = session {
                message["sessionId"] = json!(s);
            }
            let mut bytes = serde_json::to_vec(&message).unwrap();
            bytes.push(0);
            self.to.write_all(&bytes).expect("chromium reads");
            let deadline = Instant::now() + WAIT;
            loop {
                let v = self.receive(deadline);
                if v["id"] == json!(id) {
                    assert!(v.get("error").is_none(), "{method}: {v}");
                    return v["result"].clone();
                }
                self.events.push(v);
            }
        }

        /// Wait for an event of `session` named `method`.
        pub fn wait_for(&mut self, session: &str, method: &str) {
            let deadline = Instant::now() + WAIT;
            let seen = |e: &Value| e["method"] == method && e["sessionId"] == session;
            while !self.events.iter().any(seen) {
                let v = self.receive(deadline);
                self.events.push(v);
            }
        }

        /// A new page with the network, page and log domains on: its session id.
        pub fn page(&mut self) -> String {
            let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
            let session = self.call(
                None,
                "Target.attachToTarget",
                json!({"targetId": target["targetId"], "flatten": true}),
            )["sessionId"]
                .as_str()
                .unwrap()
                .to_string();
            for domain in [
                "Network.enable",
                "Page.enable",
                "Log.enable",
                "Runtime.enable",
            ] {
                self.call(Some(&session), domain, json!({}));
            }
            self.call(
                Some(&session),
                "Emulation.setDeviceMetricsOverride",
                json!({"width": 1200, "height": 2000, "deviceScaleFactor": 1, "mobile": false}),
            );
            session
        }

        /// Open `url` in the page and wait until it has loaded.
        pub fn open(&mut self, session: &str, url: &str) {
            self.call(Some(session), "Page.navigate", json!({"url": url}));
            self.wait_for(session, "Page.loadEventFired");
        }

        /// Evaluate `expression` in the page (DevTools' evaluation, which no page policy
        /// stops) and return its value.
        pub fn eval(&mut self, session: &str, expression: &str) -> Value {
            let result = self.call(
                Some(session),
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            );
            result["result"]["value"].clone()
        }

        /// The URLs the page asked for, and what it logged or threw.
        pub fn requests_and_log(&self, session: &str) -> (Vec<String>, Vec<String>) {
            let mine = self.events.iter().filter(|e| e["sessionId"] == session);
            let (mut requests, mut log) = (Vec::new(), Vec::new());
            for e in mine {
                match e["method"].as_str().unwrap_or("") {
                    "Network.requestWillBeSent" => requests.push(
                        e["params"]["request"]["url"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    ),
                    "Log.entryAdded" | "Runtime.consoleAPICalled" | "Runtime.exceptionThrown" => {
                        log.push(e["params"].to_string())
                    }
                    _ => {}
                }
            }
            (requests, log)
        }
    }

    impl Drop for Browser {
        fn drop(&mut self) {
            self.next += 1;
            let close = json!({"id": self.next, "method": "Browser.close", "params": {}});
            let mut bytes = serde_json::to_vec(&close).unwrap();
            bytes.push(0);
            let _ = self.to.write_all(&bytes);
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What the browser made of a page: counted by the page's own DOM after layout.
const INSPECT: &str = r#"JSON.stringify({
  title: document.title,
  sections: [...document.querySelectorAll('section.topic')].map(s => s.id),
  charts: [...document.querySelectorAll('figure.chart svg')].map(s => {
    const box = s.getBoundingClientRect(), drawn = s.getBBox();
    return { cls: s.getAttribute('class'), width: box.width, height: box.height,
             drawnWidth: drawn.width, drawnHeight: drawn.height,
             shapes: s.querySelectorAll('rect, path, line, circle').length,
             labels: s.querySelectorAll('text').length,
             hatched: [...s.querySelectorAll('.superseded .bar, .superseded .point')]
               .filter(e => getComputedStyle(e).fill.includes('cc-hatch')).length };
  }),
  scripts: document.scripts.length,
  images: document.images.length,
  frames: document.querySelectorAll('iframe, object, embed, link, base, form').length,
  handlers: [...document.querySelectorAll('*')]
    .flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')).length,
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  resources: performance.getEntriesByType('resource').length,
  height: document.body.scrollHeight,
})"#;

fn inspect(b: &mut browser::Browser, session: &str) -> serde_json::Value {
    let text = b.eval(session, INSPECT);
    serde_json::from_str(text.as_str().expect("a JSON string")).unwrap()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn in_a_real_browser_the_report_renders_and_fetches_nothing() {
    if !browser::installed() {
        eprintln!("SKIPPED: chromium not installed (CI installs it; `apt-get install chromium`)");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("profile");
    let mut b = browser::Browser::start(&profile);

    // The method sees what a page fetches: a page with a remote stylesheet and image shows them.
    let control: PathBuf = work.path().join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>control</title>\
         <link rel=\"stylesheet\" href=\"https://cdn.example.invalid/x.css\"></head><body>\
         <img src=\"http://probe.example.invalid/x.png\" alt=\"\"></body></html>",
    )
    .unwrap();
    let page = b.page();
    b.open(&page, &file_url(&control));
    let (requests, _) = b.requests_and_log(&page);
    assert!(
        requests.iter().any(|r| r.contains("cdn.example.invalid"))
            && requests.iter().any(|r| r.contains("probe.example.invalid")),
        "the control page's fetches were not seen: {requests:?}"
    );

    // The report: it renders, every drawing has shapes, and it asks for nothing but itself.
    let story = story();
    let report = story.path().join("report.html");
    std::fs::write(
        &report,
        export(story.path(), &["--review", "review.toml", "."]),
    )
    .unwrap();
    let page = b.page();
    b.open(&page, &file_url(&report));
    let seen = inspect(&mut b, &page);
    let (requests, log) = b.requests_and_log(&page);
    assert_eq!(
        requests,
        [file_url(&report)],
        "the report fetched something"
    );
    assert!(log.is_empty(), "the browser logged: {log:?}");
    assert_eq!(seen["title"], "Review summary");
    assert_eq!(
        seen["sections"],
        serde_json::json!([
            "topic-nkr-killed",
            "topic-nkr-deployed",
            "topic-nkr-troops-sent",
            "topic-nkr-casualties"
        ])
    );
    let charts = seen["charts"].as_array().unwrap();
    assert_eq!(charts.len(), 7);
    for chart in charts {
        let n = |k: &str| chart[k].as_f64().unwrap();
        assert!(
            n("width") > 300.0 && n("height") > 80.0,
            "laid out: {chart}"
        );
        assert!(
            n("drawnWidth") > 200.0 && n("drawnHeight") > 50.0,
            "drawn: {chart}"
        );
        assert!(n("shapes") >= 5.0 && n("labels") >= 3.0, "{chart}");
    }
    let hatched: f64 = charts.iter().map(|c| c["hatched"].as_f64().unwrap()).sum();
    assert!(hatched >= 3.0, "superseded claims are hatched: {charts:?}");
    for k in ["scripts", "images", "frames", "handlers", "resources"] {
        assert_eq!(seen[k], 0, "{k}: {seen}");
    }
    assert!(seen["height"].as_f64().unwrap() > 2000.0);
    for link in seen["links"].as_array().unwrap() {
        let link = link.as_str().unwrap();
        assert!(
            link.starts_with("https://") || link.starts_with(&format!("{}#", file_url(&report))),
            "{link}"
        );
    }

    // The booby-trapped files: nothing runs, nothing loads, no link leaves the page.
    let hostile = work.path().join("hostile.html");
    std::fs::write(&hostile, hostile_html()).unwrap();
    let page = b.page();
    b.open(&page, &file_url(&hostile));
    let seen = inspect(&mut b, &page);
    let (requests, log) = b.requests_and_log(&page);
    assert_eq!(
        requests,
        [file_url(&hostile)],
        "the hostile report fetched something"
    );
    assert!(log.is_empty(), "the browser logged: {log:?}");
    for k in ["scripts", "images", "frames", "handlers", "resources"] {
        assert_eq!(seen[k], 0, "{k}: {seen}");
    }
    for link in seen["links"].as_array().unwrap() {
        assert!(
            link.as_str()
                .unwrap()
                .starts_with(&format!("{}#", file_url(&hostile))),
            "{link}"
        );
    }
    assert_eq!(seen["sections"].as_array().unwrap().len(), 2);
}
