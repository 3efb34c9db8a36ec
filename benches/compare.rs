//! crosscheck side by side with its references, in one run, for the README's performance table
//! and the targets of issue 16.
//!
//! ```sh
//! cargo bench --bench compare -- [DIR] [--runs N] [--scale DIR1M]
//! ```
//!
//! DIR (default `/tmp/g100k`) is a set written by `examples/gen.rs`. Every program runs as a
//! process of its own, stdout and stderr to /dev/null, interleaved round-robin (so that a change
//! in the machine's load hits all of them alike) after one warm-up round:
//!
//! - the floor (`benches/support/floor.rs`: `toml::from_str` of the same files on two threads),
//!   which this binary runs by starting itself again as `compare --floor DIR`;
//! - `crosscheck check DIR` (with DIR's journal `review.toml`; its replay's snapshot and the
//!   checked claim files are cached in the warm-up round, as every run after the first finds
//!   them), the same with nothing cached (`CROSSCHECK_CACHE=off`), the first run (a new, empty
//!   cache each time, which it fills), and `check --review <missing>` (no journal), cached and
//!   not;
//! - `crosscheck export --format json DIR` (to stdout, as the issue's target names it), the
//!   same into a file (`-o FILE`), and `crosscheck agreement DIR`; and, for comparison, what this
//!   disk alone takes to write as many bytes as the export wrote (`dd oflag=direct` in 4 MB
//!   writes, over its own copy from the run before as the export replaces its own);
//! - `python3 benches/baseline.py DIR`, the `tomllib` script a user would write (fewer runs);
//! - the review screen, `crosscheck DIR` in a 120x40 pty: the time until its first frame is
//!   drawn, and its peak RSS (`VmHWM`) a second later; and with a new journal (`--review` a
//!   file it makes, empty), for comparison;
//! - with `--scale DIR1M`, the floor and `check --review <missing>` (cached and not) on a set
//!   of 1M claims,
//!   and the screen's first frame there with a new journal, against the screen's on DIR with
//!   a new journal too (a claim as quick to see at 1M as at 100k).
//!
//! Wall time is from spawn to exit; peak RSS is `ru_maxrss` from `wait4`. Every child is killed
//! when it runs past `--timeout`. It prints one markdown table, each row beside its target.

#[path = "support/floor.rs"]
mod floor;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The release binary, built by `cargo bench` with the bench.
const CROSSCHECK: &str = env!("CARGO_BIN_EXE_crosscheck");
const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/baseline.py");
const DEFAULT_DIR: &str = "/tmp/g100k";
const GEN_100K: &str = "cargo run --release --example gen -- /tmp/g100k --claims 100000 --files 1000 --decisions 300000 --reviewers 3";
const GEN_1M: &str = "cargo run --release --example gen -- /tmp/g1m --claims 1000000 --files 10000";

/// The screen's size, as in docs/perf-notes.md.
const ROWS: u16 = 40;
const COLS: u16 = 120;
/// How long the screen may take to quit after `q` before it is killed.
const QUIT: Duration = Duration::from_secs(10);

const USAGE: &str = "\
usage: cargo bench --bench compare -- [DIR] [options]

DIR is a data set written by examples/gen.rs (default /tmp/g100k).

options:
  --runs N          measured runs of each program (default 10), after --warmup rounds
  --warmup N        warm-up rounds, not measured (default 1)
  --python-runs N   runs of benches/baseline.py (default 3; 0 skips it)
  --screen-runs N   runs of the review screen (default 5; 0 skips it)
  --scale DIR1M     also run the floor, `check` and the screen (no journal) on a set of 1M claims
  --scale-runs N    runs of each on DIR1M (default 5)
  --timeout SECS    kill any program that runs longer (default 120)
  --settle SECS     how long the screen runs after its first frame before its peak RSS
                    (VmHWM) is read (default 1)
  --show-screen     print the screen as it was when its first frame was seen (first run)
  --floor DIR...    run the floor itself (what this binary starts for the floor rows)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--floor") {
        floor::main(args.into_iter().skip(1));
        return ExitCode::SUCCESS;
    }
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("compare: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(table) => {
            println!("{table}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("\ncompare: error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    dir: PathBuf,
    runs: usize,
    warmup: usize,
    python_runs: usize,
    screen_runs: usize,
    scale: Option<PathBuf>,
    scale_runs: usize,
    timeout: Duration,
    /// How long the screen runs after its first frame before its peak RSS is read.
    settle: Duration,
    show_screen: bool,
}

impl Options {
    fn parse(args: Vec<String>) -> Result<Options, String> {
        let mut options = Options {
            dir: PathBuf::from(DEFAULT_DIR),
            runs: 10,
            warmup: 1,
            python_runs: 3,
            screen_runs: 5,
            scale: None,
            scale_runs: 5,
            timeout: Duration::from_secs(120),
            settle: Duration::from_secs(1),
            show_screen: false,
        };
        let mut dir = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            let mut number = |name: &str| -> Result<usize, String> {
                let v = value(name)?;
                v.parse()
                    .map_err(|_| format!("{name} {v}: not a whole number"))
            };
            match arg.as_str() {
                // `cargo bench` adds `--bench` to the arguments of every bench.
                "--bench" => {}
                "-h" | "--help" => return Err("help".into()),
                "--runs" => options.runs = number("--runs")?.max(1),
                "--warmup" => options.warmup = number("--warmup")?,
                "--python-runs" => options.python_runs = number("--python-runs")?,
                "--screen-runs" => options.screen_runs = number("--screen-runs")?,
                "--scale-runs" => options.scale_runs = number("--scale-runs")?.max(1),
                "--timeout" => {
                    options.timeout = Duration::from_secs(number("--timeout")?.max(1) as u64)
                }
                "--settle" => {
                    let v = value("--settle")?;
                    options.settle = v
                        .parse()
                        .ok()
                        .and_then(|s| Duration::try_from_secs_f64(s).ok())
                        .ok_or_else(|| format!("--settle {v}: not a number of seconds"))?;
                }
                "--scale" => options.scale = Some(PathBuf::from(value("--scale")?)),
                "--show-screen" => options.show_screen = true,
                flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
                _ if dir.is_some() => return Err(format!("one DIR only (got {arg} too)")),
                _ => dir = Some(PathBuf::from(arg)),
            }
        }
        if let Some(dir) = dir {
            options.dir = dir;
        }
        Ok(options)
    }
}

/// What the programs measured are, to find their results again.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Floor,
    Python,
    Check,
    CheckCold,
    CheckFirst,
    CheckBare,
    CheckBareCold,
    Export,
    ExportStdout,
    DiskWrite,
    Agreement,
    Screen,
    ScreenBare,
    ScaleFloor,
    ScaleCheck,
    ScaleCheckCold,
    ScaleScreen,
}

enum Kind {
    /// A program and its arguments.
    Process(Vec<OsString>),
    /// The review screen, `crosscheck` with these arguments, in a pty.
    Screen(Vec<OsString>),
}

struct Task {
    key: Key,
    label: &'static str,
    kind: Kind,
    /// Measured runs wanted.
    runs: usize,
    /// The exit codes that mean it ran as it should.
    expected: &'static [i32],
    samples: Vec<Sample>,
    /// Why it stopped being run, if it failed.
    failed: Option<String>,
}

struct Sample {
    /// The measured round it ran in, to pair it with others of the same round.
    round: usize,
    /// Spawn to exit, or to the first frame for the screen.
    wall: Duration,
    /// Peak resident set, KiB.
    rss_kib: u64,
    exit: Exit,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exit {
    Code(i32),
    Signal(i32),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Exit::Code(code) => write!(f, "{code}"),
            Exit::Signal(signal) => write!(f, "signal {signal}"),
        }
    }
}

fn run(options: &Options) -> Result<String, String> {
    let dir = data_set(&options.dir, "the 100k set", GEN_100K)?;
    let scale = match &options.scale {
        Some(dir) => Some(data_set(dir, "the 1M set", GEN_1M)?),
        None => None,
    };
    let journal = dir.join("review.toml");
    let journal_size = std::fs::metadata(&journal).ok().map(|m| m.len());
    if journal_size.is_none() {
        eprintln!(
            "compare: NOTE: {} has no journal (review.toml): `check`, `export`, `agreement` and \
             the screen run without one. For the 300k decisions of issue 16:\n  {GEN_100K}",
            dir.display()
        );
    }
    let python = options.python_runs > 0 && python_ok();
    if options.python_runs > 0 && !python {
        eprintln!(
            "\ncompare: NOTE: ******** python3 with tomllib (Python ≥ 3.11) is missing: the \
             Python rows are SKIPPED ********\n"
        );
    }

    let scratch = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
    // Journal snapshots and checked claim files in a cache of this run's own (made in the
    // warm-up round), never the user's.
    let cache = scratch.path().join("cache");
    // SAFETY: set before any thread is started.
    unsafe { std::env::set_var("CROSSCHECK_CACHE", &cache) };
    let missing = scratch.path().join("no-journal.toml");
    // The screen makes the journal it is given; each its own, new and empty at the first run.
    let screen_journal = scratch.path().join("screen-journal.toml");
    let scale_screen_journal = scratch.path().join("screen-1m-journal.toml");
    let fresh_screen = |journal: &Path, dir: &Path| {
        Kind::Screen(vec!["--review".into(), journal.into(), dir.into()])
    };
    let exported = scratch.path().join("summary.json");
    let me = std::env::current_exe().map_err(|e| format!("this program's path: {e}"))?;
    let floor = |dir: &Path| Kind::Process(vec![me.clone().into(), "--floor".into(), dir.into()]);
    let crosscheck = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut argv = vec![OsString::from(CROSSCHECK)];
        argv.extend(args.iter().map(|a| a.as_ref().to_owned()));
        Kind::Process(argv)
    };
    // Nothing cached: neither the journal's snapshot nor checked claim files.
    let uncached = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut argv: Vec<OsString> = vec!["env".into(), "CROSSCHECK_CACHE=off".into()];
        argv.push(CROSSCHECK.into());
        argv.extend(args.iter().map(|a| a.as_ref().to_owned()));
        Kind::Process(argv)
    };
    // A cache of its own, new and empty, for each run: the first run, which fills it.
    let firsts = scratch.path().join("first");
    let first_run = Kind::Process(vec![
        "sh".into(),
        "-c".into(),
        "cache=$(mktemp -d -p \"$1\") && CROSSCHECK_CACHE=$cache exec \"$2\" check \"$3\"".into(),
        "sh".into(),
        firsts.clone().into(),
        CROSSCHECK.into(),
        dir.clone().into(),
    ]);
    std::fs::create_dir(&firsts).map_err(|e| format!("{}: {e}", firsts.display()))?;
    let task = |key, label, kind, runs, expected| Task {
        key,
        label,
        kind,
        runs,
        expected,
        samples: Vec::new(),
        failed: None,
    };
    // `check` exits 1 when a file has errors, and that is still a finished run.
    const CHECKED: &[i32] = &[0, 1];
    let mut tasks = vec![
        task(
            Key::Floor,
            "the floor (`benches/support/floor.rs`, 2 threads)",
            floor(&dir),
            options.runs,
            &[0],
        ),
        task(
            Key::Check,
            "`check` with the journal",
            crosscheck(&[&"check", &dir]),
            options.runs,
            CHECKED,
        ),
        task(
            Key::CheckCold,
            "`check` with the journal, nothing cached (`CROSSCHECK_CACHE=off`)",
            uncached(&[&"check", &dir]),
            options.runs,
            CHECKED,
        ),
        task(
            Key::CheckFirst,
            "`check` with the journal, first run (an empty cache, filled)",
            first_run,
            options.runs,
            CHECKED,
        ),
        task(
            Key::CheckBare,
            "`check`, no journal (`--review` a missing file)",
            crosscheck(&[&"check", &"--review", &missing, &dir]),
            options.runs,
            CHECKED,
        ),
        task(
            Key::CheckBareCold,
            "`check`, no journal, nothing cached",
            uncached(&[&"check", &"--review", &missing, &dir]),
            options.runs,
            CHECKED,
        ),
        task(
            Key::ExportStdout,
            "`export --format json` (to stdout, `/dev/null`)",
            crosscheck(&[&"export", &"--format", &"json", &dir]),
            options.runs,
            &[0],
        ),
        task(
            Key::Export,
            "`export --format json -o FILE` (to a file on this disk)",
            crosscheck(&[&"export", &"--format", &"json", &"-o", &exported, &dir]),
            options.runs,
            &[0],
        ),
        // What writing the summary costs this disk alone: as many bytes as the export wrote
        // (the warm-up round wrote it first), rounded up to 4 MB, straight to the disk in 4 MB
        // writes as `export` writes them, then synced. Where the scratch folder is not on a
        // disk (tmpfs) this times memory, or fails where direct writes are refused.
        task(
            Key::DiskWrite,
            "the disk alone: as many bytes written straight to it (`dd oflag=direct`, 4 MB)",
            Kind::Process(vec![
                "sh".into(),
                "-c".into(),
                // No export file (its run failed): this run fails too, rather than time 4 MB.
                "size=$(stat -c %s \"$1\") && [ \"$size\" -gt 0 ] || exit 3; \
                 exec dd if=/dev/zero of=\"$1.dd\" bs=4M count=$(( (size + 4194303) / 4194304 )) \
                 oflag=direct conv=fdatasync"
                    .into(),
                "sh".into(),
                exported.clone().into(),
            ]),
            options.runs,
            &[0],
        ),
        task(
            Key::Agreement,
            "`agreement`",
            crosscheck(&[&"agreement", &dir]),
            options.runs,
            &[0],
        ),
    ];
    if python {
        tasks.push(task(
            Key::Python,
            "Python `tomllib` script (`benches/baseline.py`)",
            Kind::Process(vec!["python3".into(), BASELINE.into(), dir.clone().into()]),
            options.python_runs,
            &[0],
        ));
    }
    if options.screen_runs > 0 {
        tasks.push(task(
            Key::Screen,
            "screen: first frame, 120x40 pty",
            Kind::Screen(vec![dir.clone().into()]),
            options.screen_runs,
            &[0],
        ));
        tasks.push(task(
            Key::ScreenBare,
            "screen, no journal (`--review` a new file)",
            fresh_screen(&screen_journal, &dir),
            options.screen_runs,
            &[0],
        ));
    }
    if let Some(scale) = &scale {
        tasks.push(task(
            Key::ScaleFloor,
            "the floor, 1M claims",
            floor(scale),
            options.scale_runs,
            &[0],
        ));
        tasks.push(task(
            Key::ScaleCheck,
            "`check`, 1M claims, no journal",
            crosscheck(&[&"check", &"--review", &missing, scale]),
            options.scale_runs,
            CHECKED,
        ));
        tasks.push(task(
            Key::ScaleCheckCold,
            "`check`, 1M claims, no journal, nothing cached",
            uncached(&[&"check", &"--review", &missing, scale]),
            options.scale_runs,
            CHECKED,
        ));
        if options.screen_runs > 0 {
            tasks.push(task(
                Key::ScaleScreen,
                "screen: first frame, 1M claims, no journal",
                fresh_screen(&scale_screen_journal, scale),
                options.scale_runs,
                &[0],
            ));
        }
    }

    let load_start = load_average();
    let rounds = tasks.iter().map(|t| t.runs).max().unwrap_or(0);
    let mut shown = !options.show_screen;
    for round in 0..options.warmup + rounds {
        let measured = round.checked_sub(options.warmup);
        match measured {
            None => eprintln!("compare: warm-up round {} of {}", round + 1, options.warmup),
            Some(m) => eprintln!("compare: round {} of {rounds}", m + 1),
        }
        for task in &mut tasks {
            if task.failed.is_some() || !task.due(measured, rounds) {
                continue;
            }
            eprint!("  {} … ", task.label);
            let result = match &task.kind {
                Kind::Process(argv) => run_process(argv, options.timeout)?,
                Kind::Screen(args) => run_screen(args, options, &mut shown)?,
            };
            match result {
                Ok(sample) => {
                    eprintln!(
                        "{} ({}, exit {})",
                        duration(sample.wall),
                        megabytes(sample.rss_kib),
                        sample.exit
                    );
                    if !task.exited_as_expected(sample.exit) {
                        eprintln!(
                            "compare: WARNING: {} exited with {}, which is not a finished run",
                            task.label, sample.exit
                        );
                    }
                    if let Some(m) = measured {
                        task.samples.push(Sample { round: m, ..sample });
                    }
                }
                Err(why) => {
                    eprintln!("FAILED\ncompare: ******** {}: {why} ********", task.label);
                    eprintln!("compare: its remaining runs are skipped");
                    task.failed = Some(why);
                }
            }
        }
    }
    let load_end = load_average();
    if missing.exists() {
        eprintln!(
            "compare: WARNING: `check --review {}` created the missing journal",
            missing.display()
        );
    }

    let mut out = String::new();
    let _ = writeln!(out, "\n## crosscheck against its references\n");
    let files = claim_file_count(&dir);
    let _ = writeln!(
        out,
        "- data: `{}`: {} claim files ({}), journal {}",
        dir.display(),
        files.0,
        size(files.1),
        journal_size.map_or("none".into(), |s| format!("`review.toml` ({})", size(s)))
    );
    if let Some(scale) = &scale {
        let files = claim_file_count(scale);
        let _ = writeln!(
            out,
            "- scale: `{}`: {} claim files ({}), run without a journal",
            scale.display(),
            files.0,
            size(files.1)
        );
    }
    let _ = writeln!(out, "- binary: `{CROSSCHECK}` at {}", commit());
    let _ = writeln!(
        out,
        "- machine: {} cores ({}); load average (1, 5, 15 min) {} at the start, {} at the end",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model(),
        load_start,
        load_end
    );
    let _ = writeln!(
        out,
        "- {} warm-up round(s), then {rounds} measured round(s); in each round the programs run \
         one after another (a row with fewer runs takes part in rounds spread over the whole)",
        options.warmup
    );
    let _ = writeln!(out);
    out.push_str(&table(&tasks));
    let _ = writeln!(
        out,
        "\nTimes: median of the runs, and the fastest–slowest. Ratios are of medians; \"per round\" \
         is the range of the ratios of runs made in the same round. Peak RSS: `ru_maxrss` (the \
         screen: `VmHWM` {} s after its first frame), lowest–highest; MB = 10^6 bytes. A time \
         target is met by the median, a memory target by the highest run.",
        options.settle.as_secs_f64()
    );
    for task in &tasks {
        if let Some(why) = &task.failed {
            let _ = writeln!(out, "\n**{} FAILED**: {why}", task.label);
        }
    }
    if !python && options.python_runs > 0 {
        let _ = writeln!(
            out,
            "\n**The Python rows were skipped: python3 with tomllib is missing.**"
        );
    }
    Ok(out)
}

impl Task {
    /// Whether it runs in this round (`None`: a warm-up round). A task with fewer runs than
    /// there are rounds runs in rounds spread evenly over the whole, the first one included.
    fn due(&self, measured: Option<usize>, rounds: usize) -> bool {
        if self.runs == 0 {
            return false;
        }
        let Some(m) = measured else { return true };
        let runs_by = |round: usize| (round * self.runs).div_ceil(rounds);
        runs_by(m + 1) > runs_by(m) && self.samples.len() < self.runs
    }

    fn exited_as_expected(&self, exit: Exit) -> bool {
        match exit {
            Exit::Code(code) => self.expected.contains(&code),
            Exit::Signal(_) => false,
        }
    }

    fn median(&self) -> Option<Duration> {
        let mut walls: Vec<Duration> = self.samples.iter().map(|s| s.wall).collect();
        walls.sort();
        let n = walls.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(walls[n / 2]),
            _ => Some((walls[n / 2 - 1] + walls[n / 2]) / 2),
        }
    }
}

/// The directory, made absolute, if it holds claim files; else how to generate it.
fn data_set(dir: &Path, what: &str, generate: &str) -> Result<PathBuf, String> {
    let how = format!("generate {what} with\n  {generate}");
    let dir = dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}; {how}", dir.display()))?;
    let mut files = Vec::new();
    floor::claim_files(&dir, &mut files);
    if files.is_empty() {
        return Err(format!(
            "{}: no claim files (*.claims.toml); {how}",
            dir.display()
        ));
    }
    Ok(dir)
}

fn claim_file_count(dir: &Path) -> (usize, u64) {
    let mut files = Vec::new();
    floor::claim_files(dir, &mut files);
    let bytes = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    (files.len(), bytes)
}

fn python_ok() -> bool {
    Command::new("python3")
        .args(["-c", "import tomllib"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One run of a program: wall time from spawn to exit and peak RSS. `Err` when it could not be
/// started (the whole comparison stops), `Ok(Err)` when it ran past the timeout and was killed.
fn run_process(argv: &[OsString], timeout: Duration) -> Result<Result<Sample, String>, String> {
    let start = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .env_remove("CROSSCHECK_STORE")
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", argv[0].to_string_lossy()))?;
    let pid = child.id() as libc::pid_t;
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let late = finished.recv_timeout(timeout) == Err(RecvTimeoutError::Timeout);
        if late {
            // Not reaped yet (waited for with WNOWAIT), so the pid is still this child's.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        late
    });
    // Wait for the exit without reaping, then stop the watchdog, then reap with the rusage.
    loop {
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let r = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if r == 0 {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!(
                "waiting for {}: {error}",
                argv[0].to_string_lossy()
            ));
        }
    }
    let wall = start.elapsed();
    drop(done);
    let late = watchdog.join().unwrap_or(false);
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } != pid {
        return Err(format!(
            "reaping {}: {}",
            argv[0].to_string_lossy(),
            std::io::Error::last_os_error()
        ));
    }
    drop(child);
    if late {
        return Ok(Err(format!(
            "ran past the timeout of {} s and was killed",
            timeout.as_secs()
        )));
    }
    let exit = if libc::WIFEXITED(status) {
        Exit::Code(libc::WEXITSTATUS(status))
    } else {
        Exit::Signal(libc::WTERMSIG(status))
    };
    Ok(Ok(Sample {
        round: 0,
        wall,
        rss_kib: usage.ru_maxrss as u64,
        exit,
    }))
}

/// Whether the screen shows a whole first frame: the header's progress on the top row, and the
/// bottom row drawn (the frame is drawn top to bottom, in several writes).
fn first_frame(screen: &vt100::Screen) -> bool {
    let rows: Vec<String> = screen.rows(0, COLS).collect();
    rows.first().is_some_and(|top| top.contains(" reviewed "))
        && rows.last().is_some_and(|bottom| !bottom.trim().is_empty())
}

/// One run of the review screen: time from spawn to the first frame, peak RSS a second later,
/// and the exit after `q`.
fn run_screen(
    args: &[OsString],
    options: &Options,
    shown: &mut bool,
) -> Result<Result<Sample, String>, String> {
    let timeout = options.timeout;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("a pty: {e}"))?;
    let mut cmd = CommandBuilder::new(CROSSCHECK);
    cmd.args(args);
    if let Ok(cwd) = std::env::current_dir() {
        cmd.cwd(cwd);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("CROSSCHECK_STORE");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        ROWS.try_into().expect("rows"),
        COLS.try_into().expect("columns"),
        0,
    )));
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(|e| format!("the pty's reader: {e}"))?;
    let mut writer = pair
        .master
        .take_writer()
        .map_err(|e| format!("the pty's writer: {e}"))?;
    let (seen, frame) = mpsc::channel::<Instant>();
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        let mut drawn = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut parser = sink.lock().expect("the screen");
            parser.process(&buf[..n]);
            if !drawn && first_frame(parser.screen()) {
                drawn = true;
                let _ = seen.send(Instant::now());
            }
        }
    });
    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("could not start {CROSSCHECK}: {e}"))?;
    drop(pair.slave);
    let pid = child.process_id().unwrap_or(0) as libc::pid_t;
    let screen_text = || parser.lock().expect("the screen").screen().contents();
    let kill = |child: &mut Box<dyn portable_pty::Child + Send + Sync>| {
        unsafe { libc::kill(pid, libc::SIGKILL) };
        let _ = child.wait();
    };

    // Until the first frame, or the program's end, or the timeout.
    let drawn = loop {
        match frame.recv_timeout(Duration::from_millis(50)) {
            Ok(at) => break at,
            Err(_) if start.elapsed() > timeout => {
                kill(&mut child);
                return Ok(Err(format!(
                    "no first frame within {} s; killed. The screen:\n{}",
                    timeout.as_secs(),
                    screen_text()
                )));
            }
            Err(_) => {
                if let Ok(Some(status)) = child.try_wait() {
                    // Give the reader a moment to take in the last output.
                    std::thread::sleep(Duration::from_millis(100));
                    if let Ok(at) = frame.try_recv() {
                        break at;
                    }
                    return Ok(Err(format!(
                        "exited ({}) before a first frame. The screen:\n{}",
                        status.exit_code(),
                        screen_text()
                    )));
                }
            }
        }
    };
    let wall = drawn - start;
    if !*shown {
        *shown = true;
        eprintln!(
            "\n--- the screen at its first frame ---\n{}\n---",
            screen_text()
        );
    }
    std::thread::sleep(options.settle);
    let rss_kib = peak_rss(pid);
    let _ = writer.write_all(b"q").and_then(|()| writer.flush());
    let quit = Instant::now();
    let exit = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Exit::Code(status.exit_code() as i32),
            Ok(None) if quit.elapsed() > QUIT => {
                kill(&mut child);
                return Ok(Err(format!(
                    "did not quit within {} s of `q`; killed. The screen:\n{}",
                    QUIT.as_secs(),
                    screen_text()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("waiting for the screen: {e}")),
        }
    };
    let Some(rss_kib) = rss_kib else {
        return Ok(Err(format!("no VmHWM in /proc/{pid}/status")));
    };
    Ok(Ok(Sample {
        round: 0,
        wall,
        rss_kib,
        exit,
    }))
}

/// `VmHWM` (the peak resident set, KiB) of a running process.
fn peak_rss(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// The commit the binary was built from, and whether the tree had changes besides.
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            format!(
                "`{hash}`{}",
                if dirty {
                    " with uncommitted changes"
                } else {
                    ""
                }
            )
        }
        None => "an unknown commit".into(),
    }
}

fn duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.3} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

fn durations(low: Duration, high: Duration) -> String {
    let (low_s, high_s) = (low.as_secs_f64(), high.as_secs_f64());
    if low_s >= 1.0 {
        format!("{low_s:.2}–{high_s:.2} s")
    } else if high_s < 1.0 {
        format!(
            "{}–{}",
            duration(low).trim_end_matches(" ms"),
            duration(high)
        )
    } else {
        format!("{} – {high_s:.2} s", duration(low))
    }
}

fn bytes(kib: u64) -> f64 {
    kib as f64 * 1024.0
}

fn megabytes(kib: u64) -> String {
    format!("{:.0} MB", bytes(kib) / 1e6)
}

fn size(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn met(yes: bool) -> &'static str {
    if yes { "yes" } else { "**no**" }
}

/// The results as one markdown table, with each row's targets of issue 16.
fn table(tasks: &[Task]) -> String {
    let get = |key: Key| tasks.iter().find(|t| t.key == key && !t.samples.is_empty());
    let floor = get(Key::Floor);
    let check = get(Key::Check);
    let bare = get(Key::CheckBare);
    let bare_cold = get(Key::CheckBareCold);
    let python = get(Key::Python);
    let screen_bare = get(Key::ScreenBare);

    // The ratio of medians, and the range of ratios of runs in the same round.
    let ratio = |a: &Task, b: &Task| -> (f64, String) {
        let r = a.median().unwrap().as_secs_f64() / b.median().unwrap().as_secs_f64();
        let mut paired: Vec<f64> = a
            .samples
            .iter()
            .filter_map(|s| {
                let other = b.samples.iter().find(|o| o.round == s.round)?;
                Some(s.wall.as_secs_f64() / other.wall.as_secs_f64())
            })
            .collect();
        paired.sort_by(f64::total_cmp);
        let range = match (paired.first(), paired.last()) {
            (Some(lo), Some(hi)) if paired.len() > 1 => {
                format!(" (per round {lo:.2}–{hi:.2})")
            }
            _ => String::new(),
        };
        (r, range)
    };
    let peak = |t: &Task| t.samples.iter().map(|s| s.rss_kib).max().unwrap_or(0);
    let rss = |t: &Task| {
        let low = t.samples.iter().map(|s| s.rss_kib).min().unwrap_or(0);
        let high = peak(t);
        if bytes(high) >= 1e9 {
            format!("{:.2}–{:.2} GB", bytes(low) / 1e9, bytes(high) / 1e9)
        } else {
            format!("{:.0}–{:.0} MB", bytes(low) / 1e6, bytes(high) / 1e6)
        }
    };
    let under = |t: &Task, mb: f64| bytes(peak(t)) <= mb * 1e6;

    let mut out = String::from(
        "| what | runs | median | fastest–slowest | ratio | peak RSS | exit | target (issue 16) | met? |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut row = |t: &Task, ratio: String, target: &str, verdict: String| {
        let mut exits: Vec<Exit> = t.samples.iter().map(|s| s.exit).collect();
        exits.sort();
        exits.dedup();
        let mut exits: Vec<String> = exits.iter().map(Exit::to_string).collect();
        if t.samples.iter().any(|s| !t.exited_as_expected(s.exit)) {
            exits.push("**unexpected**".into());
        }
        let low = t.samples.iter().map(|s| s.wall).min().unwrap();
        let high = t.samples.iter().map(|s| s.wall).max().unwrap();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {ratio} | {} | {} | {target} | {verdict} |",
            t.label,
            t.samples.len(),
            duration(t.median().unwrap()),
            durations(low, high),
            rss(t),
            exits.join(", "),
        );
    };
    let of = |a: &Task, b: Option<&Task>, what: &str| match b {
        Some(b) => {
            let (r, range) = ratio(a, b);
            (Some(r), format!("{r:.2} × {what}{range}"))
        }
        None => (None, format!("({what} not measured)")),
    };
    let verdict = |parts: &[Option<bool>]| {
        parts
            .iter()
            .map(|p| p.map_or("?", met))
            .collect::<Vec<_>>()
            .join(" · ")
    };

    for t in tasks.iter().filter(|t| !t.samples.is_empty()) {
        match t.key {
            Key::Floor => row(t, "1 (the floor)".into(), "—", String::new()),
            Key::Python => {
                let (_, text) = of(t, floor, "the floor");
                row(t, text, "—", String::new());
            }
            Key::Check => {
                let (r, text) = of(t, floor, "the floor");
                row(
                    t,
                    text,
                    "≤ 1.25 × the floor · peak ≤ 150 MB",
                    verdict(&[r.map(|r| r <= 1.25), Some(under(t, 150.0))]),
                );
            }
            Key::CheckBare | Key::CheckCold | Key::CheckFirst | Key::CheckBareCold => {
                let (_, text) = of(t, floor, "the floor");
                row(t, text, "(for comparison)", String::new());
            }
            Key::ExportStdout | Key::Agreement => {
                let (r, text) = of(t, check, "`check`");
                row(t, text, "≤ 2 × `check`", verdict(&[r.map(|r| r <= 2.0)]));
            }
            // Written to a file, the export waits for the disk: the row after says what the
            // disk alone takes for as many bytes.
            Key::Export => {
                let (_, text) = of(t, check, "`check`");
                row(t, text, "(the same, waiting for the disk)", String::new());
            }
            Key::DiskWrite => {
                let (_, text) = of(t, check, "`check`");
                row(t, text, "(for comparison)", String::new());
            }
            Key::Screen => row(
                t,
                "—".into(),
                "≤ 0.5 s · peak ≤ 150 MB",
                verdict(&[
                    Some(t.median().unwrap() <= Duration::from_millis(500)),
                    Some(under(t, 150.0)),
                ]),
            ),
            Key::ScreenBare => row(t, "—".into(), "(for comparison)", String::new()),
            Key::ScaleFloor => {
                let (_, text) = of(t, floor, "the 100k floor");
                row(t, text, "—", String::new());
            }
            Key::ScaleCheck | Key::ScaleCheckCold => {
                let (r, text) = match t.key {
                    Key::ScaleCheck => of(t, bare, "the 100k `check`, no journal"),
                    _ => of(t, bare_cold, "the 100k `check`, no journal, nothing cached"),
                };
                row(
                    t,
                    text,
                    "≤ 11 × the 100k time · peak ≤ 1.2 GB",
                    verdict(&[r.map(|r| r <= 11.0), Some(under(t, 1200.0))]),
                );
            }
            Key::ScaleScreen => {
                let (r, text) = of(t, screen_bare, "the 100k screen, no journal");
                row(
                    t,
                    text,
                    "as quick a claim as at 100k (≤ 11 × its time) · peak ≤ 1.2 GB",
                    verdict(&[r.map(|r| r <= 11.0), Some(under(t, 1200.0))]),
                );
            }
        }
    }
    if let (Some(check), Some(python)) = (check, python) {
        let faster = python.median().unwrap().as_secs_f64() / check.median().unwrap().as_secs_f64();
        let bare = bare.map_or(String::new(), |bare| {
            let faster =
                python.median().unwrap().as_secs_f64() / bare.median().unwrap().as_secs_f64();
            format!(" ({faster:.1} × without the journal)")
        });
        let _ = writeln!(
            out,
            "| `check` with the journal against the Python script | | | | {faster:.1} × faster{bare} | | | ≥ 15 × faster | {} |",
            met(faster >= 15.0)
        );
    }
    out
}
