//! A throwaway PostgreSQL server for tests and benchmarks: `initdb` into a temporary directory
//! (as `nobody` when running as root: initdb refuses root, and CI runs as root), started with
//! `pg_ctl` on a free port of 127.0.0.1 and a private socket directory, stopped when dropped —
//! and by a watchdog should the test process die without dropping it.
//!
//! Without the server binaries (Debian's `postgresql`) `Cluster::start` says SKIPPED loudly and
//! returns `None`; with `CROSSCHECK_REQUIRE_POSTGRES=1` (CI) it panics instead.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The superuser's password (TCP connections use SCRAM; the socket trusts the owner).
pub const PASSWORD: &str = "s3cret-Pw_for-tests";
pub const USER: &str = "crosscheck";

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    /// The account the server runs as, when it is not this process's (root runs it as nobody).
    owner: Option<String>,
    watchdog: Option<std::process::Child>,
    /// The CA that signed the server's certificate, when it was started with TLS.
    pub ca: Option<PathBuf>,
    /// Extra `-c name=value` settings the server was started with.
    settings: Vec<String>,
}

/// The directory holding `initdb`, `pg_ctl`, `postgres` and `psql`: `$PG_BIN`, the newest
/// `/usr/lib/postgresql/*/bin`, or the one `initdb` is found in on the PATH.
pub fn find_bin() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres", "psql"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(dir) = std::env::var_os("PG_BIN").map(PathBuf::from) {
        return has_all(&dir).then_some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, bin)| has_all(bin))
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| {
            let initdb = dir.join("initdb");
            std::fs::canonicalize(&initdb)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or(dir)
        })
        .find(|dir| has_all(dir))
}

fn skip_or_fail(why: &str) -> Option<Cluster> {
    if std::env::var_os("CROSSCHECK_REQUIRE_POSTGRES").is_some_and(|v| v == "1") {
        panic!("{why}, and CROSSCHECK_REQUIRE_POSTGRES=1");
    }
    eprintln!("\n*** SKIPPED: {why} (install Debian's postgresql) ***\n");
    None
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A port of 127.0.0.1 free just now.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

fn run(mut command: Command, what: &str) -> Output {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

impl Cluster {
    /// A new server with a `crosscheck` superuser, or `None` (said loudly) without the binaries.
    pub fn start() -> Option<Cluster> {
        Self::start_with(false, &[])
    }

    /// A new server that also accepts TLS, with a certificate for `localhost` and 127.0.0.1
    /// signed by a throwaway CA (`ca`). `None` without the binaries or `openssl`.
    pub fn start_with_tls() -> Option<Cluster> {
        Self::start_with(true, &[])
    }

    /// A new server with extra settings (`fsync=off`, …).
    pub fn start_with(tls: bool, settings: &[&str]) -> Option<Cluster> {
        let Some(bin) = find_bin() else {
            return skip_or_fail("PostgreSQL server binaries not found");
        };
        let owner = is_root().then(|| "nobody".to_string());
        let dir = tempfile::Builder::new()
            .prefix("crosscheck-pg-")
            .tempdir()
            .unwrap();
        if owner.is_some() {
            chown_nobody(dir.path());
        }
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        if owner.is_some() {
            chown_nobody(&pwfile);
        }
        let mut cluster = Cluster {
            dir,
            bin,
            port: 0,
            owner,
            watchdog: None,
            ca: None,
            settings: settings.iter().map(|s| s.to_string()).collect(),
        };
        let mut initdb = cluster.command("initdb");
        initdb
            .arg("-D")
            .arg(cluster.data())
            .args(["-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pwfile.display()));
        run(initdb, "initdb");
        if tls {
            if Command::new("openssl").arg("version").output().is_err() {
                return skip_or_fail("openssl not found (it makes the test certificates)");
            }
            cluster.make_certificates();
        }
        cluster.watch();
        // Another process may take the free port before the server does: try a few.
        for _ in 0..5 {
            cluster.port = free_port();
            if cluster.try_start() {
                return Some(cluster);
            }
        }
        panic!(
            "the test server did not start: {}",
            std::fs::read_to_string(cluster.dir.path().join("log")).unwrap_or_default()
        );
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The socket directory.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A server binary, run as the owner of the cluster.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        let mut command = match &self.owner {
            Some(owner) => {
                let mut c = Command::new("runuser");
                c.args(["-u", owner, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        command.current_dir(self.dir.path());
        command
    }

    fn try_start(&self) -> bool {
        let mut options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.path().display()
        );
        if self.ca.is_some() {
            options.push_str(" -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key");
        }
        for setting in &self.settings {
            options.push_str(&format!(" -c {setting}"));
        }
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.path().join("log"))
            .args(["-o", &options, "-w", "-t", "30", "start"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        pg_ctl.status().map(|s| s.success()).unwrap_or(false)
    }

    /// A process that stops the server and removes its directory once this process is gone,
    /// should it die without dropping the cluster (killed, or aborted).
    fn watch(&mut self) {
        let script = r#"while [ -d "/proc/$1" ]; do sleep 1; done; data=$2; dir=$3; shift 3; "$@" -D "$data" -m immediate stop; rm -rf "$dir""#;
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(script)
            .arg("watchdog")
            .arg(std::process::id().to_string())
            .arg(self.data())
            .arg(self.dir.path());
        if let Some(owner) = &self.owner {
            sh.args(["runuser", "-u", owner, "--"]);
        }
        sh.arg(self.bin.join("pg_ctl"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.watchdog = sh.spawn().ok();
    }

    fn make_certificates(&mut self) {
        let data = self.data();
        let openssl = |args: &[&str]| {
            let mut c = Command::new("openssl");
            c.args(args).current_dir(&data);
            run(c, "openssl");
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let ca_args = [
            &["req", "-x509"][..],
            &ec,
            &["-keyout", "ca.key", "-out", "ca.crt", "-days", "2"],
            &["-subj", "/CN=crosscheck test CA"],
        ]
        .concat();
        openssl(&ca_args);
        let csr_args = [
            &["req"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        ]
        .concat();
        openssl(&csr_args);
        std::fs::write(
            data.join("san.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
        use std::os::unix::fs::PermissionsExt;
        let key = data.join("server.key");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        if self.owner.is_some() {
            for file in ["server.key", "server.crt", "ca.crt", "ca.key", "ca.srl"] {
                chown_nobody(&data.join(file));
            }
        }
        // The CA where a test (run as root) reads it.
        let ca = self.dir.path().join("ca.crt");
        std::fs::copy(data.join("ca.crt"), &ca).unwrap();
        self.ca = Some(ca);
    }

    /// `postgres://crosscheck:PASSWORD@127.0.0.1:PORT/db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{db}", self.port)
    }

    /// A new, empty database, and its URL.
    pub fn fresh_db(&self) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("review_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(&name)
    }

    /// Run SQL with psql over the socket, as the superuser; its output, unaligned.
    pub fn sql(&self, db: &str, sql: &str) -> String {
        self.try_sql(db, sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// As `sql`, or what psql said when it failed.
    pub fn try_sql(&self, db: &str, sql: &str) -> Result<String, String> {
        let mut psql = self.command("psql");
        psql.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-U", USER])
            .arg("-h")
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-d", db, "-c", sql]);
        let out = psql.output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// Stop the server (`fast`: clients are disconnected, as when it is shut down for
    /// maintenance).
    pub fn stop(&self) {
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.data())
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null());
        run(pg_ctl, "pg_ctl stop");
    }

    /// Start it again on the same port.
    pub fn start_again(&self) {
        for _ in 0..50 {
            if self.try_start() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the test server did not start again");
    }

    /// Every process of the server (the postmaster and its children).
    fn processes(&self) -> Vec<i32> {
        let pidfile = std::fs::read_to_string(self.data().join("postmaster.pid")).unwrap();
        let main: i32 = pidfile.lines().next().unwrap().trim().parse().unwrap();
        let mut all = vec![main];
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // `pid (comm) state ppid …`: the name may hold spaces, so read after the last `)`.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<i32>().ok());
            if ppid == Some(main) {
                all.push(pid);
            }
        }
        all
    }

    /// Freeze the server (SIGSTOP to all its processes): connections stay open, nothing answers
    /// — a server that hangs, or a network that drops everything.
    pub fn pause(&self) {
        for pid in self.processes() {
            // SAFETY: kill has no memory preconditions.
            unsafe { libc::kill(pid, libc::SIGSTOP) };
        }
    }

    pub fn resume(&self) {
        for pid in self.processes() {
            // SAFETY: as above.
            unsafe { libc::kill(pid, libc::SIGCONT) };
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // A paused server would not stop.
        if self.data().join("postmaster.pid").exists() {
            self.resume();
        }
        let mut pg_ctl = self.command("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = pg_ctl.status();
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
    }
}

/// Give a path to `nobody`, who runs the server when the tests run as root.
fn chown_nobody(path: &Path) {
    // SAFETY: getpwnam is given a NUL-terminated name; its result is read at once, before any
    // other call could reuse the buffer (tests only read it, never write it).
    let (uid, gid) = unsafe {
        let pw = libc::getpwnam(c"nobody".as_ptr());
        assert!(!pw.is_null(), "no user nobody to run the test server as");
        ((*pw).pw_uid, (*pw).pw_gid)
    };
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
}
