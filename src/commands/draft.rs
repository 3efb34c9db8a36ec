//! `crosscheck draft ARTICLE`: read a plain-text article, propose its claims, and write them as
//! a claim file of drafts beside it (or as JSON).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{DraftArgs, DraftFormat};
use crate::commands::{EXIT_ERRORS, exit, load_model, render_all};
use crosscheck::diagnostic::Diagnostic;
use crosscheck::draft::{self, Catalog, write};
use crosscheck::sanitize;

pub fn run(args: &DraftArgs) -> anyhow::Result<ExitCode> {
    let text = match read_article(&args.article) {
        Ok(text) => text,
        Err(d) => {
            eprint!("{}", render_all(std::slice::from_ref(&*d)));
            return Ok(exit(EXIT_ERRORS));
        }
    };
    let report_id = match &args.report_id {
        Some(id) if crosscheck::load::values::is_valid_id(id) => id.clone(),
        Some(id) => anyhow::bail!(
            "`--report-id {}` is not a valid id: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit (try `{}`)",
            sanitize::line(id),
            draft::slug(id)
        ),
        None => report_id_from(&args.article),
    };
    let catalog = if args.catalog.is_empty() {
        Catalog::default()
    } else {
        let Some(model) = load_model(&args.catalog, false) else {
            eprintln!(
                "crosscheck: error: the catalog has errors; fix them or draft without `--catalog`"
            );
            return Ok(exit(EXIT_ERRORS));
        };
        Catalog::from_model(&model)
    };
    let proposals = draft::propose(&text, &catalog, &report_id);
    match args.format {
        DraftFormat::Json => {
            let json = write::json(&proposals, &text);
            match &args.output {
                Some(out) => save(out, &format!("{json}\n"), args.force)?,
                None => println!("{json}"),
            }
        }
        DraftFormat::Toml => {
            let out = args
                .output
                .clone()
                .unwrap_or_else(|| default_output(&args.article));
            let title = title_of(&text, &report_id);
            let text_path = relative_to(&args.article, &out);
            let report = write::Report {
                id: &report_id,
                title: &title,
                text: &text_path,
            };
            let article = args.article.file_name().map_or_else(
                || args.article.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let file = write::claim_file(&proposals, &text, &report, &sanitize::line(&article));
            save(&out, &file, args.force)?;
            let shown = sanitize::line(&out.to_string_lossy()).into_owned();
            let statements = proposals.claims.len() - proposals.figures();
            if proposals.claims.is_empty() {
                eprintln!(
                    "no figures or clear yes/no statements found in {}; wrote {shown} with the report alone",
                    sanitize::line(&args.article.to_string_lossy())
                );
            } else {
                eprintln!(
                    "drafted {} ({} with a figure, {} yes/no) in {shown}",
                    crosscheck::format::count(proposals.claims.len(), "claim", "claims"),
                    proposals.figures(),
                    statements,
                );
            }
            let with_catalog: String = args
                .catalog
                .iter()
                .map(|p| format!("{} ", sanitize::line(&p.to_string_lossy())))
                .collect();
            eprintln!("next: crosscheck check {with_catalog}{shown}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The article's text: a readable regular UTF-8 text file, not binary, not empty.
fn read_article(path: &Path) -> Result<String, Box<Diagnostic>> {
    let text = crosscheck::load::read::text_file(path)?;
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error(path, "the article is empty")
                .help("give the article's text as a plain-text file (copy it from the page)"),
        ));
    }
    Ok(text)
}

/// `story.txt` is `story`, as a valid id.
fn report_id_from(article: &Path) -> String {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = draft::slug(&stem);
    if id == "source" && stem.is_empty() {
        "report".into()
    } else {
        id
    }
}

/// `ARTICLE.claims.toml` beside the article: `story.txt` gives `story.claims.toml`.
fn default_output(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    article.with_file_name(format!("{stem}.claims.toml"))
}

/// The article's first line when it reads as a headline, else the report's id.
fn title_of(text: &str, report_id: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let headline = !first.is_empty() && first.chars().count() <= 160 && !first.ends_with('.');
    let title = if headline { first } else { report_id };
    sanitize::line(title).trim().to_string()
}

/// The article's path as `text` names it in the claim file at `out`: relative to its
/// directory when both are known, else absolute.
fn relative_to(article: &Path, out: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let article_abs = abs(article);
    let dir = abs(out).parent().map(Path::to_path_buf).unwrap_or_default();
    let a: Vec<Component> = article_abs.components().collect();
    let d: Vec<Component> = dir.components().collect();
    let common = a.iter().zip(&d).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return article_abs.to_string_lossy().into_owned();
    }
    let mut rel = PathBuf::new();
    for _ in common..d.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c.as_os_str());
    }
    // Claim files name paths with `/` on every system.
    rel.to_string_lossy().replace('\\', "/")
}

/// Write `contents` to `path`: never over an existing file without `force` (then replaced
/// atomically).
fn save(path: &Path, contents: &str, force: bool) -> anyhow::Result<()> {
    let shown = sanitize::line(&path.to_string_lossy()).into_owned();
    let failed = |e: std::io::Error| super::cannot_write(path, &e);
    if force {
        let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(failed)?;
        file.write_all(contents.as_bytes()).map_err(failed)?;
        file.commit().map_err(failed)?;
        return Ok(());
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{shown} already exists; give `--force` to replace it, or `-o FILE` to write elsewhere"
        ),
        Err(e) => return Err(failed(e)),
    };
    file.write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    Ok(())
}
