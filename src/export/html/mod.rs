//! The review as one self-contained HTML page an editor can open, print or attach: the reports,
//! totals and who decided what, then a section per topic — conflicts first — with its verdict,
//! spread and origins, a common scale and a timeline (inline SVG), its claims table and quotes;
//! then the claims on which reviewers differ.
//! No script, nothing loaded from elsewhere (a Content-Security-Policy says so to the browser
//! too), inline CSS with a print style; marks and patterns say what colour says. Text from the
//! files reaches the page only escaped (see [`writer`]); only web addresses become links.

mod scale;
mod svg;
mod timeline;
pub mod writer;

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::export::row::{ClaimRow, topic_origins};
use crate::export::{Options, replaced_under_replacing, selection, urgency};
use crate::format;
use crate::model::{Model, Report};
use crate::review::Review;
use writer::{Html, put};

const STYLE: &str = include_str!("style.css");

/// Written to `out` a megabyte at a time.
const PASSED_ON_AT: usize = 1 << 20;

pub fn write(
    review: &Review,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_passing_on_at(review, options, out, PASSED_ON_AT)
}

/// [`write`], handing the page on once at least `at` bytes are written.
fn write_passing_on_at(
    review: &Review,
    options: &Options,
    out: &mut dyn std::io::Write,
    at: usize,
) -> std::io::Result<()> {
    let model = &*review.model;
    let mut h = Html::with_capacity(2 * PASSED_ON_AT);
    put!(&mut h;
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing but the inline style may load or run, whatever a file holds.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"generator\" content=\"crosscheck\">\n"
        "<title>Review summary</title>\n<style>\n" (Raw(STYLE)) "</style>\n</head>\n<body>\n"
    );
    svg::defs(&mut h);
    put!(&mut h; "<header>\n<h1>Review summary</h1>\n");
    reports(&mut h, model);
    totals(&mut h, review);
    reviewers(&mut h, review);
    legend(&mut h);
    put!(&mut h; "</header>\n");
    let mut topics = selection(review, options.only);
    topics.sort_by_key(|(t, _)| urgency(review.analysis.topics[*t].verdict));
    contents(&mut h, review, &topics);
    put!(&mut h; "<main>\n");
    for (t, claims) in &topics {
        topic(&mut h, review, *t, claims);
        h.pass_on(out, at)?;
    }
    if topics.is_empty() {
        put!(&mut h; "<p>No topic to list.</p>\n");
    }
    disagreements(&mut h, review, &topics);
    put!(&mut h;
        "</main>\n<footer>Written by <code>crosscheck export --format html</code>: one file, no script, nothing loaded from elsewhere.</footer>\n</body>\n</html>\n"
    );
    h.pass_on(out, 0)
}

/// This program's own stylesheet, written as it is.
struct Raw(&'static str);

impl writer::Value for Raw {
    fn write_to(&self, h: &mut Html) {
        h.raw(self.0);
    }
}

/// Every report: its title — a link only to a web address — with its outlet and date.
fn reports(h: &mut Html, model: &Model) {
    put!(h; "<h2>" (format::count(model.reports.len(), "report", "reports"))
        "</h2>\n<ul class=\"reports\">\n");
    for report in &model.reports {
        put!(h; "<li>");
        report_title(h, report);
        let mut about = Vec::new();
        about.extend(report.outlet.as_deref().map(str::to_string));
        about.extend(report.published.map(|d| d.to_string()));
        if !about.is_empty() {
            put!(h; " (" (about.join(", ")) ")");
        }
        put!(h; "</li>\n");
    }
    put!(h; "</ul>\n");
}

/// A report's title in `<cite>`, linked when its url is a web address; any other url is shown
/// as text, never as a link.
fn report_title(h: &mut Html, report: &Report) {
    match report.url.as_deref() {
        Some(url) => match crate::sanitize::web_url(url) {
            Some(url) => {
                put!(h; "<a href=\"" (url) "\"><cite>" (report.title) "</cite></a>");
            }
            None => put!(h; "<cite>" (report.title) "</cite> (url: <code>" (url) "</code>)"),
        },
        None => put!(h; "<cite>" (report.title) "</cite>"),
    }
}

/// A report in a table cell: its outlet (else its title), linked like its title, the title
/// in full as the tooltip.
fn report_short(h: &mut Html, report: &Report) {
    let name = report.outlet.as_deref().unwrap_or(&report.title);
    match report.url.as_deref().and_then(crate::sanitize::web_url) {
        Some(url) => put!(h; "<a href=\"" (url) "\" title=\"" (report.title) "\">" (name) "</a>"),
        None => put!(h; "<span title=\"" (report.title) "\">" (name) "</span>"),
    }
}

/// The totals table. Drafts are counted and left out of the review: verified, disputed and
/// unreviewed count the other claims.
fn totals(h: &mut Html, review: &Review) {
    let model = &review.model;
    let crate::export::Totals {
        verified,
        disputed,
        unreviewed,
        stale,
        drafts,
    } = crate::export::Totals::of(review);
    let conflicts = format!("{} conflicts", format::verdict_mark(Verdict::Conflict));
    let superseded = format!("{} superseded", format::SUPERSEDED_MARK);
    let changed = format::changed();
    put!(h;
        "<table class=\"totals\">\n<caption>Totals over the whole review</caption>\n<thead><tr>"
        "<th scope=\"col\">claims</th><th scope=\"col\">" (format::status(Status::Verified))
        "</th><th scope=\"col\">" (format::status(Status::Disputed)) "</th><th scope=\"col\">"
        (format::status(Status::Unreviewed)) "</th><th scope=\"col\">" (conflicts)
        "</th><th scope=\"col\">" (superseded) "</th><th scope=\"col\">" (changed)
        "</th><th scope=\"col\">drafts</th></tr></thead>\n<tbody><tr><td>" (model.claims.len())
        "</td><td>" (verified) "</td><td>" (disputed) "</td><td>" (unreviewed) "</td><td>"
        (review.analysis.conflicts()) "</td><td>" (review.analysis.superseded()) "</td><td>"
        (stale) "</td><td>" (drafts) "</td></tr></tbody>\n</table>\n"
    );
    if stale > 0 {
        put!(h; "<p class=\"note\">" (format::changed_since_review_explained(stale)) "</p>\n");
    }
    if drafts > 0 {
        put!(h; "<p class=\"note\">" (format::drafts_left_out_explained(drafts)) "</p>\n");
    }
}

/// What one reviewer decided: decisions in force by status, stale ones, and when.
#[derive(Default)]
struct Decided {
    verified: usize,
    disputed: usize,
    stale: usize,
    first: Option<jiff::Timestamp>,
    last: Option<jiff::Timestamp>,
}

impl Decided {
    fn at(&mut self, t: jiff::Timestamp) {
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
    }
}

/// Who decided what: a row per reviewer (drafts are not under review).
fn reviewers(h: &mut Html, review: &Review) {
    let model = &review.model;
    let mut by: BTreeMap<&str, Decided> = BTreeMap::new();
    for (c, claim) in model.claims.iter().enumerate() {
        if claim.draft {
            continue;
        }
        if let Some(d) = review
            .decision(c)
            .filter(|d| d.status != Status::Unreviewed)
        {
            let who = by.entry(d.reviewer).or_default();
            match d.status {
                Status::Verified => who.verified += 1,
                _ => who.disputed += 1,
            }
            who.at(d.at);
        } else if let Some(d) = review.stale(c) {
            let who = by.entry(d.reviewer).or_default();
            who.stale += 1;
            who.at(d.at);
        }
    }
    if by.is_empty() {
        put!(h; "<p>" (format::NO_DECISIONS) "</p>\n");
        return;
    }
    let time = |t: Option<jiff::Timestamp>| t.map_or("—".to_string(), crate::format::minute);
    put!(h;
        "<table class=\"reviewers\">\n<caption>Who decided what: the decisions in force, and those made before a claim changed</caption>\n<thead><tr>"
        "<th scope=\"col\">reviewer</th><th scope=\"col\">" (format::status(Status::Verified))
        "</th><th scope=\"col\">" (format::status(Status::Disputed)) "</th><th scope=\"col\">"
        (format::changed()) "</th><th scope=\"col\">first</th><th scope=\"col\">last</th></tr></thead>\n<tbody>\n"
    );
    for (who, d) in &by {
        put!(h; "<tr><th scope=\"row\">" (who) "</th><td>" (d.verified) "</td><td>" (d.disputed)
            "</td><td>" (d.stale) "</td><td>" (time(d.first)) "</td><td>" (time(d.last))
            "</td></tr>\n");
    }
    put!(h; "</tbody>\n</table>\n");
}

/// Each listed claim on which reviewers differ: every reviewer's status, time and note, the
/// decision in force marked; nothing when fewer than two people have decided anything. Its id
/// begins with a capital, which no claim or topic id can, so that it never clashes with one.
fn disagreements(h: &mut Html, review: &Review, topics: &[(usize, Vec<usize>)]) {
    let listed: Vec<usize> = topics.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let Some(all) = crate::export::disagreements(review, &listed) else {
        return;
    };
    let model = &*review.model;
    put!(h; "<section class=\"disagreements\" id=\"Disagreements\" aria-labelledby=\"h-Disagreements\">\n<h2 id=\"h-Disagreements\">"
        (crate::export::DISAGREEMENTS) "</h2>\n");
    if all.is_empty() {
        put!(h; "<p>" (crate::export::NO_DISAGREEMENTS) "</p>\n</section>\n");
        return;
    }
    put!(h;
        "<table class=\"disagreements\">\n<caption>Each reviewer's decision on the claims where they differ, for a third person to settle</caption>\n<thead><tr>"
        "<th scope=\"col\">claim</th><th scope=\"col\">reviewer</th><th scope=\"col\">status</th>"
        "<th scope=\"col\">when</th><th scope=\"col\">note</th></tr></thead>\n"
    );
    for d in &all {
        let claim = &model.claims[d.claim];
        put!(h; "<tbody>\n");
        for (i, decision) in d.decisions.iter().enumerate() {
            put!(h; "<tr>");
            if i == 0 {
                put!(h; "<th scope=\"rowgroup\" rowspan=\"" (d.decisions.len()) "\"><a href=\"#claim-"
                    (claim.id) "\"><code>" (claim.id) "</code></a><span class=\"also\">"
                    (model.sources[claim.source].name) ": " (format::assertion(model, claim))
                    "</span></th>");
            }
            let in_force = d.in_force.is_some_and(|f| f.reviewer == decision.reviewer);
            let status = status_class(decision.status);
            put!(h; "<td>" (decision.reviewer) "</td><td><span class=\"" (status) "\">"
                (format::status(decision.status)) "</span>");
            if in_force {
                put!(h; "<span class=\"also\">in force</span>");
            }
            put!(h; "</td><td>" (crate::format::minute(decision.at)) "</td><td>"
                (decision.note.unwrap_or("—")) "</td></tr>\n");
        }
        put!(h; "</tbody>\n");
    }
    put!(h; "</table>\n</section>\n");
}

/// What the marks mean, each with its word (the legends' spacing kept: no mark reads as a
/// separator).
fn legend(h: &mut Html) {
    put!(h; "<p class=\"legend\">Verdicts: " (format::verdict_legend()) ". Decisions: "
        (format::status_legend()) ". Claims: " (format::claim_legend()) ".</p>\n");
}

/// The topics in the order they follow, each with its verdict.
fn contents(h: &mut Html, review: &Review, topics: &[(usize, Vec<usize>)]) {
    if topics.is_empty() {
        return;
    }
    put!(h; "<nav class=\"contents\" aria-label=\"Topics\">\n<h2>"
        (format::count(topics.len(), "topic", "topics")) ", conflicts first</h2>\n<ol>\n");
    for (t, _) in topics {
        let topic = &review.model.topics[*t];
        let verdict = review.analysis.topics[*t].verdict;
        put!(h; "<li class=\"verdict-" (verdict.as_str()) "\"><span class=\"verdict\">"
            (format::verdict(verdict)) "</span> <a href=\"#topic-" (topic.id) "\">" (topic.question)
            "</a></li>\n");
    }
    put!(h; "</ol>\n</nav>\n");
}

/// One claim as the drawings show it: a short label, its figure or stance, a full description.
pub(crate) struct Drawn<'a, 'r> {
    pub row: &'a ClaimRow<'r>,
    /// The source's short name, after `↳` when superseded.
    pub short: String,
    /// The figure without its unit (`≈ 11,000`), or the stance.
    pub figure: String,
    /// Who said what, when, through whom, and what replaced it: the mark's `<title>`.
    pub title: String,
}

impl<'a, 'r> Drawn<'a, 'r> {
    fn new(model: &Model, row: &'a ClaimRow<'r>) -> Self {
        let short = match row.superseded_by {
            Some(_) => format!(
                "{} {}",
                format::SUPERSEDED_MARK,
                format::short_name(row.source)
            ),
            None => format::short_name(row.source),
        };
        let figure = match (row.figure(), row.stance()) {
            (Some(f), _) => format::figure(f),
            (None, Some(s)) => s.as_str().to_string(),
            (None, None) => String::new(),
        };
        let mut title = vec![
            format!(
                "{}: {}",
                row.source.name,
                format::assertion(model, row.claim)
            ),
            row.date()
                .map_or_else(|| format::UNDATED.to_string(), String::from),
        ];
        if !row.via.is_empty() {
            title.push(format::chain(model, row.claim));
        }
        if let Some(by) = row.superseded_by_id() {
            title.push(format::superseded_by(by));
        }
        Self {
            row,
            short,
            figure,
            title: title.join(" · "),
        }
    }

    pub fn superseded(&self) -> bool {
        self.row.superseded_by.is_some()
    }

    pub fn class(&self) -> &'static str {
        if self.superseded() {
            "claim superseded"
        } else {
            "claim"
        }
    }
}

/// What a drawing shows, for those who cannot see it: `Timeline, 3 claims (troops): NIS 12,000;
/// ↳ Singh ≈ 10,000; …`.
pub(crate) fn figures_label(kind: &str, claims: &[&Drawn<'_, '_>], unit: Option<&str>) -> String {
    let mut label = format!("{kind}, {}", format::count(claims.len(), "claim", "claims"));
    if let Some(unit) = unit {
        label.push_str(&format!(" ({unit})"));
    }
    label.push_str(": ");
    let each: Vec<String> = claims
        .iter()
        .map(|c| match c.row.date {
            Some(d) => format!("{} {} ({d})", c.short, c.figure),
            None => format!("{} {} ({})", c.short, c.figure, format::UNDATED),
        })
        .collect();
    label.push_str(&each.join("; "));
    label
}

fn topic(h: &mut Html, review: &Review, t: usize, claims: &[usize]) {
    let model = &*review.model;
    let topic = &model.topics[t];
    let analysis = &review.analysis.topics[t];
    put!(h; "<section class=\"topic verdict-" (analysis.verdict.as_str()) "\" id=\"topic-" (topic.id)
        "\" aria-labelledby=\"h-" (topic.id) "\">\n<h2 id=\"h-" (topic.id) "\">" (topic.question)
        "</h2>\n");
    facts(h, review, t);
    origins(h, review, t);
    let (drafts, rows): (Vec<ClaimRow>, Vec<ClaimRow>) = claims
        .iter()
        .map(|&c| ClaimRow::new(review, c))
        .partition(|row| row.is_draft());
    let rows = replaced_under_replacing(rows);
    if rows.is_empty() {
        put!(h; "<p>No claims.</p>\n");
    } else {
        let drawn: Vec<Drawn> = rows.iter().map(|row| Drawn::new(model, row)).collect();
        if topic.is_numeric() {
            scale::draw(h, &drawn, topic.unit.as_deref());
        }
        timeline::draw(h, topic, &drawn);
        claims_table(h, model, &rows);
    }
    drafts_left_out(h, model, &drafts);
    if !rows.is_empty() {
        quotes(h, &rows);
    }
    put!(h; "</section>\n");
}

/// `≠ conflict · spread 70.0% · 2 claims · 1 superseded · 1 draft left out · window 14 days ·
/// topic nkr-killed`.
fn facts(h: &mut Html, review: &Review, t: usize) {
    let model = &review.model;
    let topic = &model.topics[t];
    let analysis = &review.analysis.topics[t];
    let (drafts, superseded) = (analysis.drafts, analysis.superseded);
    put!(h; "<p class=\"facts\"><span class=\"verdict\">" (format::verdict(analysis.verdict)) "</span>");
    let mut more = Vec::new();
    more.extend(
        analysis
            .spread
            .map(|s| format!("spread {}", format::percent(s))),
    );
    more.push(format::count(
        analysis.claims.len() - drafts,
        "claim",
        "claims",
    ));
    if superseded > 0 {
        more.push(format::superseded(superseded));
    }
    if drafts > 0 {
        more.push(format::drafts_left_out(drafts));
    }
    more.extend(topic.window.map(format::window));
    for fact in more {
        put!(h; " · " (fact));
    }
    put!(h; " · topic <code>" (topic.id) "</code></p>\n");
}

/// `2 independent origins: Government of South Korea (National Intelligence Service); NATO.`
fn origins(h: &mut Html, review: &Review, t: usize) {
    let origins = topic_origins(review, t);
    if origins.is_empty() {
        return;
    }
    put!(h; "<p class=\"origins\">" (format::origins(origins.len())) ": ");
    for (i, (origin, members)) in origins.iter().enumerate() {
        if i > 0 {
            put!(h; "; ");
        }
        put!(h; "<strong>" (origin.name) "</strong>");
        if !members.is_empty() {
            let names: Vec<&str> = members.iter().map(|s| s.name.as_str()).collect();
            put!(h; " (" (names.join(", ")) ")");
        }
    }
    put!(h; ".</p>\n");
}

fn claims_table(h: &mut Html, model: &Model, rows: &[ClaimRow<'_>]) {
    let listed: HashSet<&str> = rows.iter().map(|r| r.claim.id.as_str()).collect();
    let asserts = if rows.iter().any(|r| r.figure().is_some()) {
        "figure"
    } else {
        "stance"
    };
    put!(h;
        "<table class=\"claims\">\n<caption>Claims, each superseded one (" (format::SUPERSEDED_MARK)
        ") under the claim that replaced it</caption>\n<thead><tr><th scope=\"col\">claim</th>"
        "<th scope=\"col\">report</th><th scope=\"col\">source</th><th scope=\"col\">origin</th>"
        "<th scope=\"col\">relay chain</th><th scope=\"col\">date</th><th scope=\"col\">" (asserts)
        "</th><th scope=\"col\">grades</th><th scope=\"col\">status</th><th scope=\"col\">reviewer</th>"
        "<th scope=\"col\">note</th></tr></thead>\n<tbody>\n"
    );
    for row in rows {
        claim_row(h, model, row, &listed);
    }
    put!(h; "</tbody>\n</table>\n");
}

/// The class that colours a status (and a pattern, for those who print in grey).
fn status_class(s: Status) -> &'static str {
    match s {
        Status::Verified => "status-verified",
        Status::Disputed => "status-disputed",
        Status::Unreviewed => "status-unreviewed",
    }
}

fn claim_row(h: &mut Html, model: &Model, row: &ClaimRow<'_>, listed: &HashSet<&str>) {
    let status = status_class(row.status);
    let class = if row.superseded_by.is_some() {
        "superseded"
    } else {
        "current"
    };
    put!(h; "<tr id=\"claim-" (row.claim.id) "\" class=\"" (class) "\"><th scope=\"row\">");
    match row.superseded_by_id() {
        Some(by) => {
            put!(h; (format::SUPERSEDED_MARK) " <code>" (row.claim.id) "</code> <span class=\"also\">");
            if listed.contains(by) {
                put!(h; "<a href=\"#claim-" (by) "\">" (format::superseded_by(by)) "</a>");
            } else {
                put!(h; (format::superseded_by(by)));
            }
            put!(h; "</span>");
        }
        None => put!(h; "<code>" (row.claim.id) "</code>"),
    }
    put!(h; "</th><td>");
    report_short(h, row.report);
    put!(h; "</td><td>" (row.source.name) "</td><td>" (row.origin.name) "</td><td>");
    if row.via.is_empty() {
        put!(h; "—");
    } else {
        put!(h; (format::chain(model, row.claim)));
    }
    let date = row.date.map_or_else(
        || format::UNDATED.to_string(),
        |d| format::claim_date(d, row.claim.stated.is_some()),
    );
    put!(h; "</td><td>");
    // The date itself never breaks at its hyphens.
    match date.rsplit_once(' ') {
        Some((word, day)) => put!(h; (word) " <span class=\"nowrap\">" (day) "</span>"),
        None => put!(h; (date)),
    }
    put!(h; "</td><td>" (format::assertion(model, row.claim)) "</td><td>");
    grades(h, row);
    put!(h; "</td><td><span class=\"" (status) "\">" (format::status(row.status)) "</span>");
    if let Some(d) = row.stale {
        put!(h; "<span class=\"also stale\">" (format::changed_since_review(d.reviewer)) "</span>");
    }
    put!(h; "</td><td>" (row.reviewer().unwrap_or("—")));
    // Other reviewers' last decisions, when they differ from the one in force.
    let in_force = row.decision.map(|d| d.reviewer);
    for (d, stale) in &row.decisions {
        if Some(d.reviewer) == in_force || row.stale.is_some_and(|s| s.reviewer == d.reviewer) {
            continue;
        }
        let said = if *stale {
            format::changed_since_review(d.reviewer)
        } else {
            format::status_by(d.status, Some(d.reviewer))
        };
        put!(h; "<span class=\"also\">" (said) "</span>");
    }
    put!(h; "</td><td>" (row.note().unwrap_or("—")) "</td></tr>\n");
}

/// `B2 · evidence suggests 1`, then how other origins stand to it.
fn grades(h: &mut Html, row: &ClaimRow<'_>) {
    let grades = format::grades(row.source, row.claim);
    match (row.suggested_credibility(), grades) {
        (Some(n), grades) => put!(h; (format::grades_and_suggestion(grades.as_deref(), n))),
        (None, Some(grades)) => put!(h; (grades)),
        (None, None) => put!(h; "—"),
    }
    if let Some(i) = row.independence {
        put!(h; "<span class=\"independence\">"
            (format::corroboration(i.corroborated_by, i.contradicted_by)) "</span>");
    }
}

/// Drafts are left out of the review; each is named so that an editor knows what waits.
fn drafts_left_out(h: &mut Html, model: &Model, drafts: &[ClaimRow<'_>]) {
    if drafts.is_empty() {
        return;
    }
    put!(h; "<p class=\"drafts\">" (format::DRAFT_MARK) " " (format::drafts_left_out(drafts.len()))
        ": ");
    for (i, row) in drafts.iter().enumerate() {
        if i > 0 {
            put!(h; "; ");
        }
        put!(h; "<code>" (row.claim.id) "</code> " (row.source.name) ", "
            (format::assertion(model, row.claim)));
    }
    put!(h; ".</p>\n");
}

fn quotes(h: &mut Html, rows: &[ClaimRow<'_>]) {
    put!(h; "<h3>Quotes</h3>\n");
    for row in rows {
        let class = if row.superseded_by.is_some() {
            "quote superseded"
        } else {
            "quote"
        };
        put!(h; "<blockquote class=\"" (class) "\"><p>"
            (format::attributed_quote(row.source, &row.claim.quote)) "</p><footer><code>"
            (row.claim.id) "</code> in ");
        report_title(h, row.report);
        if let Some(by) = row.superseded_by_id() {
            put!(h; " · " (format::superseded_by(by)));
        }
        put!(h; "</footer></blockquote>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the writes it takes.
    struct Pieces(Vec<u8>, usize);

    impl std::io::Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.extend_from_slice(buf);
            self.1 += 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_page_handed_on_in_pieces_is_the_page_made_whole() {
        let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
        let review = Review::new(crate::load::load(&[data]).model);
        let options = Options::default();
        let (mut whole, mut pieces) = (Pieces(Vec::new(), 0), Pieces(Vec::new(), 0));
        write_passing_on_at(&review, &options, &mut whole, usize::MAX).unwrap();
        write_passing_on_at(&review, &options, &mut pieces, 0).unwrap();
        assert_eq!(whole.1, 1);
        // Each of the seven topics (the first with the page's head), then the rest.
        assert_eq!(pieces.1, review.model.topics.len() + 1);
        assert_eq!(
            String::from_utf8(pieces.0).unwrap(),
            String::from_utf8(whole.0).unwrap()
        );
    }
}
