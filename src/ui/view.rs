//! The topics shown: the filter, the sort and the search over a review, the search index they
//! use, and where a search matched inside a topic; who looks (the reviewer, blind or not) and
//! what they may see of others' decisions.

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::model::Model;
use crate::review::Review;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Conflicts,
    Unreviewed,
    Disputed,
    Verified,
    /// Topics with a claim a later one replaced.
    Superseded,
    /// Topics with a draft waiting for a person.
    Drafts,
    /// Topics with a claim changed since its last decision.
    Stale,
    /// Topics with a claim on which reviewers disagree (that the viewer may see).
    Disagreements,
    /// Topics with a claim this session's reviewer has decided.
    Mine,
    /// Topics with a claim this session's reviewer has not decided.
    NotMine,
}

impl Filter {
    /// Every filter, in the order `f` cycles through them.
    pub const ALL: [Filter; 11] = [
        Self::All,
        Self::Conflicts,
        Self::Unreviewed,
        Self::Disputed,
        Self::Verified,
        Self::Superseded,
        Self::Drafts,
        Self::Stale,
        Self::Disagreements,
        Self::Mine,
        Self::NotMine,
    ];

    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|&f| f == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Conflicts => "conflicts",
            Self::Unreviewed => "unreviewed",
            Self::Disputed => "disputed",
            Self::Verified => "verified",
            Self::Superseded => "superseded",
            Self::Drafts => "drafts",
            Self::Stale => "stale",
            Self::Disagreements => "disagreements",
            Self::Mine => "mine",
            Self::NotMine => "not mine",
        }
    }
}

/// Who looks at the review: this session's reviewer, and whether the review is blind
/// (`--blind`: others' decisions on a claim are hidden until this reviewer has decided it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub reviewer: String,
    pub blind: bool,
}

impl Viewer {
    /// Whether this reviewer has decided the claim: their own last decision on it is verified
    /// or disputed, and was made on the claim as it is now.
    pub fn decided(&self, review: &Review, claim: usize) -> bool {
        review
            .judgements(claim)
            .any(|d| d.reviewer == self.reviewer)
    }

    /// Whether others' decisions on the claim are shown: always, unless the review is blind and
    /// this reviewer has not decided the claim yet.
    pub fn sees(&self, review: &Review, claim: usize) -> bool {
        !self.blind || self.decided(review, claim)
    }

    /// The claim's status as this reviewer may see it: the one in force, or unreviewed while it
    /// is hidden.
    pub fn status(&self, review: &Review, claim: usize) -> Status {
        if self.sees(review, claim) {
            review.status(claim)
        } else {
            Status::Unreviewed
        }
    }

    /// Whether reviewers disagree on the claim, as far as this reviewer may see.
    pub fn disagree(&self, review: &Review, claim: usize) -> bool {
        review.disagree(claim) && self.sees(review, claim)
    }

    /// This reviewer's own last decision on the claim unless it is stale: what their next mark
    /// keeps the note of, and what undo gives back.
    pub fn own<'r>(&self, review: &'r Review, claim: usize) -> Option<crate::review::Decided<'r>> {
        review
            .decision_of(claim, &self.reviewer)
            .filter(|d| !review.is_stale(claim, d))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    FileOrder,
    Spread,
    Unreviewed,
    /// The topic whose latest claim (drafts aside) is the most recent first; undated last.
    Latest,
}

impl Sort {
    /// Every sort, in the order `s` cycles through them.
    pub const ALL: [Sort; 4] = [
        Self::FileOrder,
        Self::Spread,
        Self::Unreviewed,
        Self::Latest,
    ];

    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FileOrder => "file order",
            Self::Spread => "largest spread",
            Self::Unreviewed => "most unreviewed",
            Self::Latest => "latest first",
        }
    }
}

/// The filter, sort and search in force, and the topics they let through.
pub struct View {
    /// Who looks: the filters `mine` and `not mine` are theirs, and a blind review hides what
    /// they may not see from every filter.
    pub viewer: Viewer,
    pub filter: Filter,
    pub sort: Sort,
    pub search: String,
    /// The topics shown, in order (indices into the model's topics).
    pub topics: Vec<usize>,
    index: SearchIndex,
}

impl View {
    /// Every topic, in file order; the search index starts building.
    pub fn new(review: &Review, viewer: Viewer) -> Self {
        let mut view = Self {
            viewer,
            filter: Filter::All,
            sort: Sort::FileOrder,
            search: String::new(),
            topics: Vec::new(),
            index: SearchIndex::build(review),
        };
        view.refresh(review);
        view
    }

    /// After the model changed: a new search index, then the topics.
    pub fn rebuild(&mut self, review: &Review) {
        self.index = SearchIndex::build(review);
        self.refresh(review);
    }

    /// Recompute the topics shown.
    pub fn refresh(&mut self, review: &Review) {
        self.refresh_keeping(review, None);
    }

    /// Recompute the topics shown, keeping `kept` among them even if the filter or the search
    /// would now leave it out (the topic a reviewer is reading when others' decisions arrive).
    pub fn refresh_keeping(&mut self, review: &Review, kept: Option<usize>) {
        let needle = self.search.to_lowercase();
        let haystacks = if needle.is_empty() {
            &[]
        } else {
            self.index.ready()
        };
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let viewer = &self.viewer;
        let mut topics: Vec<usize> = (0..review.model.topics.len())
            .filter(|&t| {
                kept == Some(t)
                    || (passes(self.filter, review, viewer, t)
                        && (needle.is_empty()
                            || haystacks
                                .get(t)
                                .is_some_and(|h| finder.find(h.as_bytes()).is_some())))
            })
            .collect();
        match self.sort {
            Sort::FileOrder => {}
            Sort::Spread => topics.sort_by(|&a, &b| {
                let spread = |t: usize| review.analysis.topics[t].spread.unwrap_or(-1.0);
                spread(b).total_cmp(&spread(a))
            }),
            Sort::Unreviewed => topics.sort_by_cached_key(|&t| {
                std::cmp::Reverse(
                    review.analysis.topics[t].claims.len() - reviewed_in(review, viewer, t),
                )
            }),
            Sort::Latest => topics.sort_by_cached_key(|&t| std::cmp::Reverse(latest(review, t))),
        }
        self.topics = topics;
    }

    /// The row showing a topic, if it is shown.
    pub fn row_of(&self, topic: usize) -> Option<usize> {
        self.topics.iter().position(|&t| t == topic)
    }

    /// Whether the view hides some topic (a filter or a search is in force).
    pub fn narrowed(&self) -> bool {
        self.filter != Filter::All || !self.search.is_empty()
    }

    /// Show every topic again.
    pub fn widen(&mut self, review: &Review) {
        self.filter = Filter::All;
        self.search.clear();
        self.refresh(review);
    }
}

fn passes(filter: Filter, review: &Review, viewer: &Viewer, t: usize) -> bool {
    let analysis = &review.analysis.topics[t];
    let any = |s: Status| {
        analysis
            .claims
            .iter()
            .any(|&c| viewer.status(review, c) == s)
    };
    match filter {
        Filter::All => true,
        Filter::Conflicts => analysis.verdict == Verdict::Conflict,
        Filter::Unreviewed => any(Status::Unreviewed),
        Filter::Disputed => any(Status::Disputed),
        Filter::Verified => any(Status::Verified),
        Filter::Superseded => analysis
            .claims
            .iter()
            .any(|&c| review.analysis.claims[c].superseded_by.is_some()),
        Filter::Drafts => analysis
            .claims
            .iter()
            .any(|&c| review.model.claims[c].draft),
        Filter::Stale => analysis.claims.iter().any(|&c| review.stale(c).is_some()),
        Filter::Disagreements => analysis.claims.iter().any(|&c| viewer.disagree(review, c)),
        Filter::Mine => analysis.claims.iter().any(|&c| viewer.decided(review, c)),
        Filter::NotMine => analysis.claims.iter().any(|&c| !viewer.decided(review, c)),
    }
}

/// The date of a topic's latest claim, drafts aside (they are not yet anyone's word).
fn latest(review: &Review, topic: usize) -> Option<crate::model::Date> {
    review.analysis.topics[topic]
        .claims
        .iter()
        .filter(|&&c| !review.model.claims[c].draft)
        .filter_map(|&c| review.analysis.claims[c].date)
        .max()
}

/// What the selected topic's head line counts beyond its analysis, counted when the topic or
/// its decisions change (kept in the app's state, not counted per frame).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TopicCounts {
    pub topic: usize,
    pub superseded: usize,
    pub drafts: usize,
    /// Claims whose last decision was made before they changed.
    pub stale: usize,
    /// Claims on which reviewers disagree, as far as the viewer may see.
    pub disagreements: usize,
}

impl TopicCounts {
    pub fn of(review: &Review, viewer: &Viewer, topic: usize) -> Self {
        let analysis = &review.analysis.topics[topic];
        let count = |f: &dyn Fn(usize) -> bool| analysis.claims.iter().filter(|&&c| f(c)).count();
        Self {
            topic,
            superseded: analysis.superseded,
            drafts: analysis.drafts,
            stale: count(&|c| review.stale(c).is_some()),
            disagreements: count(&|c| viewer.disagree(review, c)),
        }
    }
}

/// Reviewed (verified or disputed) claims of a topic, as far as the viewer may see.
pub fn reviewed_in(review: &Review, viewer: &Viewer, topic: usize) -> usize {
    review.analysis.topics[topic]
        .claims
        .iter()
        .filter(|&&c| viewer.status(review, c) != Status::Unreviewed)
        .count()
}

/// What the header and the topic list say about the desk's decisions, counted when decisions
/// change (over the decided claims only), never per frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Desk {
    /// Claims this session's reviewer has decided.
    pub mine: usize,
    /// Whether some loaded claim has a decision by another reviewer.
    pub others: bool,
    /// Per topic (by model index): reviewed claims and claims reviewers disagree on, as far as
    /// the viewer may see.
    pub reviewed: Vec<u32>,
    pub disagreements: Vec<u32>,
}

impl Desk {
    pub fn count(review: &Review, viewer: &Viewer) -> Self {
        let topics = review.model.topics.len();
        let mut desk = Desk {
            reviewed: vec![0; topics],
            disagreements: vec![0; topics],
            ..Desk::default()
        };
        for c in review.decided_claims() {
            let t = review.model.claims[c].topic;
            desk.mine += usize::from(viewer.decided(review, c));
            desk.others |= review.by_reviewer(c).any(|d| d.reviewer != viewer.reviewer);
            desk.reviewed[t] += u32::from(viewer.status(review, c) != Status::Unreviewed);
            desk.disagreements[t] += u32::from(viewer.disagree(review, c));
        }
        desk
    }
}

/// Lowercased search text per topic, built on another thread so that the first frame does not
/// wait for it; the first search waits if it must.
enum SearchIndex {
    Building(std::thread::JoinHandle<Vec<String>>),
    Ready(Vec<String>),
}

impl SearchIndex {
    fn build(review: &Review) -> Self {
        let model = std::sync::Arc::clone(&review.model);
        let claims_of: Vec<Vec<usize>> = review
            .analysis
            .topics
            .iter()
            .map(|t| t.claims.clone())
            .collect();
        Self::Building(std::thread::spawn(move || {
            build_haystacks(&model, &claims_of)
        }))
    }

    /// The search text, waiting for it if it is still being built.
    fn ready(&mut self) -> &[String] {
        if let Self::Building(_) = self {
            let Self::Building(handle) = std::mem::replace(self, Self::Ready(Vec::new())) else {
                return &[];
            };
            *self = Self::Ready(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        match self {
            Self::Ready(h) => h,
            Self::Building(_) => &[],
        }
    }
}

/// Each topic's id and question, and its claims' ids, quotes and sources, lowercased.
fn build_haystacks(model: &Model, claims_of: &[Vec<usize>]) -> Vec<String> {
    model
        .topics
        .iter()
        .zip(claims_of)
        .map(|(topic, claims)| {
            let mut text = String::new();
            for (_, part) in topic_fields(model, &topic.id, &topic.question, claims) {
                text.push(' ');
                text.push_str(part);
            }
            text.to_lowercase()
        })
        .collect()
}

/// Where in a topic a search can match, in the order a reader meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The topic's id or question.
    Topic,
    /// The id, the quote, or the source or a relay of the claim at this place in the topic.
    ClaimId(usize),
    Quote(usize),
    Source(usize),
}

impl Field {
    /// The claim (its place among the topic's claims) the match is in, if any.
    pub fn claim(self) -> Option<usize> {
        match self {
            Self::Topic => None,
            Self::ClaimId(i) | Self::Quote(i) | Self::Source(i) => Some(i),
        }
    }

    /// Where, in words: `claim 2's source`.
    pub fn describe(self) -> String {
        match self {
            Self::Topic => "the question".into(),
            Self::ClaimId(i) => format!("claim {}'s id", i + 1),
            Self::Quote(i) => format!("claim {}'s quote", i + 1),
            Self::Source(i) => format!("claim {}'s source", i + 1),
        }
    }
}

/// A topic's searchable text, field by field.
fn topic_fields<'m>(
    model: &'m Model,
    id: &'m str,
    question: &'m str,
    claims: &'m [usize],
) -> impl Iterator<Item = (Field, &'m str)> {
    let topic = [(Field::Topic, id), (Field::Topic, question)];
    let claims = claims.iter().enumerate().flat_map(move |(i, &c)| {
        let claim = &model.claims[c];
        let sources = model.chain(claim).into_iter().flat_map(move |s| {
            [
                (Field::Source(i), s.id.as_str()),
                (Field::Source(i), &s.name),
            ]
        });
        [
            (Field::ClaimId(i), claim.id.as_str()),
            (Field::Quote(i), claim.quote.as_str()),
        ]
        .into_iter()
        .chain(sources)
    });
    topic.into_iter().chain(claims)
}

/// Where a search matches in a topic: the first claim that matches, else the question or id.
pub fn first_match(review: &Review, topic: usize, search: &str) -> Option<Field> {
    if search.is_empty() {
        return None;
    }
    let needle = search.to_lowercase();
    let model = &review.model;
    let t = &model.topics[topic];
    let claims = &review.analysis.topics[topic].claims;
    let mut matches = topic_fields(model, &t.id, &t.question, claims)
        .filter(|(_, text)| contains_lowercase(text, &needle))
        .map(|(field, _)| field);
    let first = matches.next()?;
    if first.claim().is_some() {
        return Some(first);
    }
    matches.find(|f| f.claim().is_some()).or(Some(first))
}

/// Whether `text`, lowercased, contains `needle` (already lowercase); without a copy of `text`
/// when both are ASCII.
fn contains_lowercase(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let needle = needle.as_bytes();
        return needle.is_empty()
            || text
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle));
    }
    text.to_lowercase().contains(needle)
}
