//! A PostgreSQL URL read into what the store connects with, and what messages may show of it:
//! the server, user and database, never the password.
//!
//! The URL is libpq's (`postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…`); what it leaves
//! out comes from the environment as libpq's does (`PGUSER`, `PGHOST`, `PGPORT`, `PGPASSWORD`,
//! `~/.pgpass` or `PGPASSFILE`), so that a desk can keep the password out of the URL.

use std::path::PathBuf;
use std::time::Duration;

use tokio_postgres::config::{Host, SslMode};

use crate::sanitize;

/// How the connection is encrypted and the server's certificate checked, as libpq's `sslmode`
/// says: `disable`, `allow` and `prefer` (TLS when the server offers it, unchecked), `require`
/// (TLS, unchecked), `verify-ca` (TLS, certificate signed by a trusted CA), `verify-full` (and
/// issued for the host named in the URL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Which certificate authorities a `verify-*` mode trusts: a file of PEM certificates
/// (`sslrootcert=FILE`, else `~/.postgresql/root.crt`), or the system's (`sslrootcert=system`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Roots {
    File(PathBuf),
    System,
}

/// A URL read and completed: everything needed to connect, and how to name it in messages.
#[derive(Clone)]
pub struct Target {
    pub(super) config: tokio_postgres::Config,
    pub(super) tls: TlsMode,
    pub(super) roots: Option<Roots>,
    /// `postgres://kim@db.example:5432/desk`: no password, ever.
    display: String,
    /// `db.example:5432` (each host the URL lists), for connection messages.
    servers: String,
    /// The password in every form it may take in a message, to scrub from the driver's.
    secrets: Vec<String>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the config: it holds the password.
        f.debug_struct("Target")
            .field("url", &self.display)
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}

/// A URL that cannot be used, and why. `Display` is a whole sentence and shows the URL without
/// its password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadUrl {
    /// The URL as given, without its password.
    pub url: String,
    pub reason: String,
}

impl std::fmt::Display for BadUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a PostgreSQL URL crosscheck can use: {}; write it as postgres://USER@HOST:PORT/DATABASE",
            self.url, self.reason
        )
    }
}

impl std::error::Error for BadUrl {}

/// Whether a `--store` value names a database rather than a journal file.
pub fn is_url(text: &str) -> bool {
    scheme_len(text).is_some()
}

fn scheme_len(text: &str) -> Option<usize> {
    ["postgres://", "postgresql://"].into_iter().find_map(|s| {
        text.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
            .then_some(s.len())
    })
}

impl Target {
    /// `postgres://kim@db.example:5432/desk`, for messages.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The servers the URL names (`db.example:5432`), for connection messages.
    pub fn servers(&self) -> &str {
        &self.servers
    }

    /// A message from the driver or the server, with the password taken out should it be
    /// there, on one line.
    pub fn scrub(&self, message: &str) -> String {
        let mut out = sanitize::line(message).into_owned();
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), "***");
        }
        out
    }
}

/// Read a URL, completing it from the environment as libpq does.
pub fn parse(url: &str) -> Result<Target, BadUrl> {
    parse_with(url, &Env::from_process())
}

/// What libpq reads from the environment when the URL leaves it out.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub user: Option<String>,
    pub host: Option<String>,
    pub port: Option<String>,
    pub password: Option<String>,
    /// The password file (`PGPASSFILE`, else `~/.pgpass`).
    pub passfile: Option<PathBuf>,
    /// The account name, when `PGUSER` is not set.
    pub account: Option<String>,
    /// `~/.postgresql/root.crt`, the CA file `verify-*` trusts by default.
    pub root_crt: Option<PathBuf>,
    /// The directory of the server's socket when the URL names no host (Debian's).
    pub socket_dir: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let home = var("HOME").map(PathBuf::from);
        let socket_dir = PathBuf::from("/var/run/postgresql");
        Env {
            user: var("PGUSER"),
            host: var("PGHOST"),
            port: var("PGPORT"),
            password: var("PGPASSWORD"),
            passfile: var("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(".pgpass"))),
            account: var("USER").or_else(|| whoami::username().ok()),
            root_crt: home.map(|h| h.join(".postgresql/root.crt")),
            socket_dir: socket_dir.is_dir().then_some(socket_dir),
        }
    }
}

/// Query parameters crosscheck reads itself (the driver knows no `verify-*` modes).
struct Own {
    sslmode: Option<String>,
    sslrootcert: Option<String>,
    password: Option<String>,
}

pub fn parse_with(url: &str, env: &Env) -> Result<Target, BadUrl> {
    let shown = redact(url);
    let bad = |reason: String| BadUrl {
        url: shown.clone(),
        reason,
    };
    let url = url.trim();
    if scheme_len(url).is_none() {
        return Err(bad("it does not start with postgres://".into()));
    }
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut own = Own {
        sslmode: None,
        sslrootcert: None,
        password: None,
    };
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(bad(format!(
                "the parameter `{}` has no value",
                sanitize::line(pair)
            )));
        };
        let decoded = || {
            percent_decode(value).ok_or_else(|| {
                bad(format!(
                    "the value of `{}` is not valid percent-encoded UTF-8",
                    sanitize::line(key)
                ))
            })
        };
        match key {
            "sslmode" => own.sslmode = Some(decoded()?),
            "sslrootcert" => own.sslrootcert = Some(decoded()?),
            "password" => {
                own.password = Some(decoded()?);
                rest.push(pair);
            }
            "sslcert" | "sslkey" | "sslpassword" => {
                return Err(bad(format!(
                    "client certificates (`{key}`) are not supported; use a password (PGPASSWORD or ~/.pgpass)"
                )));
            }
            _ => rest.push(pair),
        }
    }
    let rebuilt = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    let mut config: tokio_postgres::Config =
        rebuilt.parse().map_err(|e: tokio_postgres::Error| {
            let cause =
                std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
            bad(cause)
        })?;
    let secrets_in_url = url_secrets(url, config.get_password(), own.password.as_deref());
    let scrub = |s: String| {
        secrets_in_url
            .iter()
            .fold(s, |acc, secret| acc.replace(secret.as_str(), "***"))
    };
    complete(&mut config, env).map_err(|reason| bad(scrub(reason)))?;
    let tls = match own.sslmode.as_deref() {
        // As libpq 16: trusting the system's CAs means checking the name too.
        None if own.sslrootcert.as_deref() == Some("system") => TlsMode::VerifyFull,
        None | Some("prefer") | Some("allow") => TlsMode::Prefer,
        Some("disable") => TlsMode::Disable,
        // As libpq: `require` with a CA file given checks the certificate as `verify-ca`.
        Some("require") if own.sslrootcert.is_some() => TlsMode::VerifyCa,
        Some("require") => TlsMode::Require,
        Some("verify-ca") => TlsMode::VerifyCa,
        Some("verify-full") => TlsMode::VerifyFull,
        Some(other) => {
            return Err(bad(format!(
                "sslmode `{}` is not one of disable, allow, prefer, require, verify-ca, verify-full",
                sanitize::line(other)
            )));
        }
    };
    let roots = match (tls, own.sslrootcert) {
        (TlsMode::VerifyCa | TlsMode::VerifyFull, Some(s)) if s == "system" => Some(Roots::System),
        (TlsMode::VerifyCa | TlsMode::VerifyFull, Some(file)) => {
            Some(Roots::File(PathBuf::from(file)))
        }
        (TlsMode::VerifyCa | TlsMode::VerifyFull, None) => env.root_crt.clone().map(Roots::File),
        _ => None,
    };
    config.ssl_mode(match tls {
        TlsMode::Disable => SslMode::Disable,
        TlsMode::Prefer => SslMode::Prefer,
        TlsMode::Require | TlsMode::VerifyCa | TlsMode::VerifyFull => SslMode::Require,
    });
    let (display, servers) = describe(&config);
    let mut secrets = secrets_in_url;
    if let Some(p) = config.get_password() {
        let p = String::from_utf8_lossy(p).into_owned();
        if !secrets.contains(&p) {
            secrets.push(p);
        }
    }
    // A one- or two-character password would scrub every such letter from a message; those
    // are not kept in messages anyway (the driver never repeats the password).
    secrets.retain(|s| s.chars().count() >= 3);
    Ok(Target {
        config,
        tls,
        roots,
        display,
        servers,
        secrets,
    })
}

/// The password as the URL writes it (percent-encoded or not) and as decoded.
fn url_secrets(url: &str, decoded: Option<&[u8]>, in_query: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(raw) = userinfo_password(url) {
        out.push(raw.to_string());
    }
    if let Some(p) = decoded {
        out.push(String::from_utf8_lossy(p).into_owned());
    }
    if let Some(p) = in_query {
        out.push(p.to_string());
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    out
}

/// Fill in what the URL leaves out, as libpq does, and set how long a connection may take.
fn complete(config: &mut tokio_postgres::Config, env: &Env) -> Result<(), String> {
    if config.get_user().is_none() {
        match env.user.as_ref().or(env.account.as_ref()) {
            Some(user) => {
                config.user(user);
            }
            None => {
                return Err("it names no user, and neither does PGUSER or this account".into());
            }
        }
    }
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        match (&env.host, &env.socket_dir) {
            (Some(host), _) if host.starts_with('/') => {
                config.host_path(host);
            }
            (Some(hosts), _) => {
                for host in hosts.split(',') {
                    config.host(host);
                }
            }
            (None, Some(dir)) => {
                config.host_path(dir);
            }
            (None, None) => {
                config.host("localhost");
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = &env.port
    {
        let port: u16 = port
            .parse()
            .map_err(|_| format!("PGPORT `{}` is not a port", sanitize::line(port)))?;
        config.port(port);
    }
    if config.get_password().is_none() {
        if let Some(password) = &env.password {
            config.password(password);
        } else if let Some(password) = env.passfile.as_ref().and_then(|f| from_passfile(f, config))
        {
            config.password(password);
        }
    }
    // A dead server must not hold a screen (the store bounds every call as well); the URL's
    // own settings win.
    config.application_name("crosscheck").keepalives(true);
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(1));
    }
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(Duration::from_secs(10));
    }
    if config.get_keepalives_interval().is_none() {
        config
            .keepalives_idle(Duration::from_secs(10))
            .keepalives_interval(Duration::from_secs(2))
            .keepalives_retries(3);
    }
    Ok(())
}

/// The port of the `i`-th host (one port for all, or one each; 5432 when none is given).
fn port(config: &tokio_postgres::Config, i: usize) -> u16 {
    let ports = config.get_ports();
    ports.get(i).or(ports.first()).copied().unwrap_or(5432)
}

/// The URL without its password, and the servers it names.
fn describe(config: &tokio_postgres::Config) -> (String, String) {
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    let mut tcp = Vec::new();
    let mut sockets = Vec::new();
    let mut servers = Vec::new();
    for (i, host) in config.get_hosts().iter().enumerate() {
        let port = port(config, i);
        match host {
            Host::Tcp(name) => {
                let name = if name.contains(':') {
                    format!("[{name}]")
                } else {
                    name.clone()
                };
                tcp.push(format!("{name}:{port}"));
                servers.push(format!("{name}:{port}"));
            }
            Host::Unix(dir) => {
                let dir = dir.to_string_lossy().into_owned();
                servers.push(format!("the socket in {dir} (port {port})"));
                sockets.push((dir, port));
            }
        }
    }
    if tcp.is_empty() {
        for (i, addr) in config.get_hostaddrs().iter().enumerate() {
            let server = match addr {
                std::net::IpAddr::V6(a) => format!("[{a}]:{}", port(config, i)),
                std::net::IpAddr::V4(a) => format!("{a}:{}", port(config, i)),
            };
            tcp.push(server.clone());
            servers.push(server);
        }
    }
    let mut display = format!("postgres://{user}@{}/{db}", tcp.join(","));
    if let Some((dir, port)) = sockets.first()
        && tcp.is_empty()
    {
        display.push_str(&format!("?host={dir}"));
        if *port != 5432 {
            display.push_str(&format!("&port={port}"));
        }
    }
    (
        sanitize::line(&display).into_owned(),
        sanitize::line(&servers.join(", ")).into_owned(),
    )
}

/// The password in the URL's user part, as written (percent-encoded).
fn userinfo_password(url: &str) -> Option<&str> {
    let after = &url[scheme_len(url)?..];
    let end = after.find('?').unwrap_or(after.len());
    // The last `@` before the query: a password may hold `/` or `:`.
    let at = after[..end].rfind('@')?;
    let (_, password) = after[..at].split_once(':')?;
    Some(password)
}

/// The URL as given, without a password anywhere in it (for messages about a URL that may not
/// even be one).
pub fn redact(url: &str) -> String {
    let url = url.trim();
    let mut out = url.to_string();
    // Any scheme (a mistyped one too), or none: a user part is what comes before the last `@`.
    let start = url.find("://").map_or(0, |i| i + 3);
    let after = &url[start..];
    let end = after.find('?').unwrap_or(after.len());
    if let Some(at) = after[..end].rfind('@')
        && let Some(colon) = after[..at].find(':')
    {
        out = format!("{}{}", &url[..start + colon], &url[start + at..]);
    }
    if let Some((base, query)) = out.clone().split_once('?') {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.starts_with("password=") && *p != "password")
            .collect();
        out = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
    }
    sanitize::line(&out).into_owned()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The password `~/.pgpass` gives for the first server, database and user, as libpq reads it:
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped. A file
/// readable by others is ignored, as libpq does.
fn from_passfile(path: &std::path::Path, config: &tokio_postgres::Config) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        // libpq matches a socket against `localhost`.
        Some(Host::Unix(_)) | None => "localhost".to_string(),
    };
    let port = port(config, 0).to_string();
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    let wanted = [host.as_str(), port.as_str(), db, user];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(passfile_fields)
        .find(|fields| {
            fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want)
        })
        .map(|mut fields| fields.swap_remove(4))
}

/// The five fields of a password-file line, unescaped.
fn passfile_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env {
            account: Some("kim".into()),
            ..Env::default()
        }
    }

    #[test]
    fn the_url_is_shown_without_its_password_and_names_its_server() {
        let t = parse_with("postgres://kim:s3cr%3At@db.example:5433/desk", &env()).unwrap();
        assert_eq!(t.display(), "postgres://kim@db.example:5433/desk");
        assert_eq!(t.servers(), "db.example:5433");
        assert_eq!(t.config.get_password(), Some(&b"s3cr:t"[..]));
        assert_eq!(
            t.scrub("it said s3cr:t and s3cr%3At"),
            "it said *** and ***"
        );
        assert!(!format!("{t:?}").contains("s3cr"), "{t:?}");
        let t = parse_with("postgresql://db.example/desk?password=hunter22", &env()).unwrap();
        assert_eq!(t.display(), "postgres://kim@db.example:5432/desk");
        assert_eq!(t.scrub("x hunter22"), "x ***");
    }

    #[test]
    fn redaction_works_on_urls_that_do_not_parse() {
        for (url, shown) in [
            (
                "postgres://kim:pa/ss@db:5432/desk",
                "postgres://kim@db:5432/desk",
            ),
            (
                "postgres://kim:p@ss@db:nope/desk",
                "postgres://kim@db:nope/desk",
            ),
            (
                "postgres://db/desk?password=x&sslmode=z",
                "postgres://db/desk?sslmode=z",
            ),
            ("postgres://kim@db/desk", "postgres://kim@db/desk"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
    }

    #[test]
    fn malformed_urls_are_errors_that_keep_the_password_out() {
        for url in [
            "postgres://kim:topsecret@db:notaport/desk",
            "postgres://kim:topsecret@[::1/desk",
            "postgres://kim:topsecret@db/desk?sslmode=sometimes",
            "postgres://kim:topsecret@db/desk?bogus=1",
            "postgres://kim:topsecret@db/desk?sslmode",
            "postgres://kim:topsecret@db/d%FF",
            "postgres://kim:topsecret@db/desk?sslcert=/x",
            "mysql://kim:topsecret@db/desk",
            "",
        ] {
            let err = parse_with(url, &env()).unwrap_err();
            let said = err.to_string();
            assert!(!said.contains("topsecret"), "{said}");
            assert!(
                said.contains("postgres://USER@HOST:PORT/DATABASE"),
                "{said}"
            );
        }
        let err = parse_with("postgres://db:99999/desk", &env()).unwrap_err();
        assert!(err.reason.contains("port"), "{err}");
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_the_environment() {
        let e = Env {
            user: Some("ana".into()),
            host: Some("db.example".into()),
            port: Some("6000".into()),
            password: Some("pw-from-env".into()),
            ..env()
        };
        let t = parse_with("postgres:///desk", &e).unwrap();
        assert_eq!(t.display(), "postgres://ana@db.example:6000/desk");
        assert_eq!(t.config.get_password(), Some(&b"pw-from-env"[..]));
        assert_eq!(t.scrub("pw-from-env"), "***");
        let sockets = Env {
            socket_dir: Some("/var/run/postgresql".into()),
            ..env()
        };
        let t = parse_with("postgres:///desk", &sockets).unwrap();
        assert_eq!(t.display(), "postgres://kim@/desk?host=/var/run/postgresql");
        assert!(
            t.servers().contains("/var/run/postgresql"),
            "{}",
            t.servers()
        );
    }

    #[test]
    fn sslmode_reads_as_libpq_reads_it() {
        let mode = |q: &str| parse_with(&format!("postgres://db/x{q}"), &env()).unwrap();
        assert_eq!(mode("").tls, TlsMode::Prefer);
        assert_eq!(mode("?sslmode=disable").tls, TlsMode::Disable);
        assert_eq!(mode("?sslmode=require").tls, TlsMode::Require);
        assert_eq!(
            mode("?sslmode=require&sslrootcert=/ca.pem").tls,
            TlsMode::VerifyCa
        );
        let full = mode("?sslmode=verify-full&sslrootcert=%2Fca.pem");
        assert_eq!(full.tls, TlsMode::VerifyFull);
        assert_eq!(full.roots, Some(Roots::File("/ca.pem".into())));
        assert_eq!(full.config.get_ssl_mode(), SslMode::Require);
        let system = mode("?sslrootcert=system");
        assert_eq!(
            (system.tls, system.roots),
            (TlsMode::VerifyFull, Some(Roots::System))
        );
        assert_eq!(
            mode("?sslmode=verify-ca&connect_timeout=3").tls,
            TlsMode::VerifyCa
        );
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# desk\nother:*:*:*:no\ndb.example:5432:desk:kim:pa\\:ss\n*:*:*:*:fallback\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let e = Env {
            passfile: Some(file.clone()),
            ..env()
        };
        let t = parse_with("postgres://kim@db.example/desk", &e).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"pa:ss"[..]));
        let t = parse_with("postgres://kim@elsewhere/desk", &e).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"fallback"[..]));
        // Readable by others: ignored, as libpq does.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let t = parse_with("postgres://kim@db.example/desk", &e).unwrap();
        assert_eq!(t.config.get_password(), None);
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("postgres://db/x"));
        assert!(is_url("PostgreSQL://db/x"));
        assert!(!is_url("data/review.toml"));
        assert!(!is_url("postgres:/x"));
    }
}
