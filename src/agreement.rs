//! How far reviewers agree: for each pair of reviewers the claims both judged, their observed
//! agreement and Cohen's κ; Krippendorff's α (nominal) over all reviewers; and the claims on
//! which their judgements differ, for a third person to settle.
//!
//! Judgements are the review's own (`Review::judgements`: each reviewer's last decision that is
//! verified or disputed and not stale); drafts are under no review and take no part. Nothing is
//! rounded here; a statistic that is undefined is `None`, never NaN.

use crate::decision::Status;
use crate::review::{Decided, Review};
use rustc_hash::FxHashMap;

/// Claims by one reviewer's status (rows) and the other's (columns): verified, disputed.
type Table = [[u64; CATEGORIES]; CATEGORIES];

/// The categories a judgement falls in, as indices into the tables below.
const CATEGORIES: usize = 2;

/// Verified 0, disputed 1 (`Review::judgements` never yields `Unreviewed`).
fn category(status: Status) -> Option<usize> {
    match status {
        Status::Verified => Some(0),
        Status::Disputed => Some(1),
        Status::Unreviewed => None,
    }
}

/// Agreement between the reviewers of one review.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement<'r> {
    /// Everyone with a decision on a loaded claim, sorted by name (`Review::reviewers`).
    pub reviewers: Vec<&'r str>,
    /// Each pair of reviewers, `a` before `b` by name, in name order; past
    /// [`MOST_PAIRS_LISTED`] pairs, only those that judged a claim in common.
    pub pairs: Vec<Pair<'r>>,
    /// Pairs not in `pairs`: they judged no claim in common, among more than
    /// [`MOST_PAIRS_LISTED`] pairs.
    pub unlisted: usize,
    /// Krippendorff's α (nominal) over every claim judged by two or more reviewers.
    pub alpha: Option<f64>,
    /// α's units: claims judged by two or more reviewers.
    pub units: usize,
    /// α's pairable values: the judgements on those claims.
    pub values: usize,
    /// Claims on which judgements differ, in the order of the files.
    pub disagreements: Vec<Disagreement<'r>>,
}

/// Every pair of reviewers is listed while there are at most this many pairs (142 reviewers);
/// past that, only pairs that judged a claim in common are, and the others are counted: 40,000
/// reviewers make 800 million pairs, nearly all with nothing in common.
pub const MOST_PAIRS_LISTED: usize = 10_000;

/// Two reviewers over the claims both judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair<'r> {
    pub a: &'r str,
    pub b: &'r str,
    /// Claims both judged.
    pub both: usize,
    /// Of those, claims they judged alike.
    pub agree: usize,
    /// `agree / both`; `None` when they judged no claim in common.
    pub observed: Option<f64>,
    /// Cohen's κ; `None` when undefined (no claim in common, or both gave every claim one and
    /// the same status, so that chance alone would agree always).
    pub kappa: Option<f64>,
    /// Claims by a's status (rows) and b's (columns): verified, disputed.
    pub table: Table,
}

/// A claim on which reviewers' judgements differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement<'r> {
    /// The claim's index in the model.
    pub claim: usize,
    /// Each reviewer's judgement on it, sorted by reviewer.
    pub decisions: Vec<Decided<'r>>,
    /// The decision in force on the claim (the last, whoever made it, unless stale).
    pub in_force: Option<Decided<'r>>,
}

impl<'r> Agreement<'r> {
    /// Everything the desk needs from `review`, computed in one pass over its decided claims.
    pub fn of(review: &'r Review) -> Self {
        let reviewers = review.reviewers();
        let claims = judged_claims(review);
        // The claims on which judgements differ are gathered on the other core meanwhile.
        let (tally, disagreements) = std::thread::scope(|s| {
            let differ = s.spawn(|| disagreements_among(review, &claims));
            let tally = tally(review, &reviewers, &claims);
            let disagreements = differ
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (tally, disagreements)
        });
        let Tally {
            tables,
            units,
            values,
        } = tally;
        let r = reviewers.len();
        let all = r * r.saturating_sub(1) / 2;
        let pair =
            |(a, b): (usize, usize), table| Pair::from_table(reviewers[a], reviewers[b], table);
        let pairs: Vec<Pair<'r>> = if all <= MOST_PAIRS_LISTED {
            (0..r)
                .flat_map(|a| (a + 1..r).map(move |b| (a, b)))
                .map(|ab| pair(ab, tables.get(&ab).copied().unwrap_or_default()))
                .collect()
        } else {
            let mut met: Vec<_> = tables.into_iter().collect();
            met.sort_unstable_by_key(|&(ab, _)| ab);
            met.into_iter().map(|(ab, table)| pair(ab, table)).collect()
        };
        let unlisted = all - pairs.len();
        Self {
            alpha: krippendorff_alpha(&units),
            units: units.len(),
            values,
            pairs,
            unlisted,
            reviewers,
            disagreements,
        }
    }
}

/// What the claims judged add up to.
struct Tally {
    /// The pairs that judged a claim in common, keyed (a, b) with a < b by their places in
    /// the sorted reviewers (a dense table of every pair grows with the square of the
    /// reviewers).
    tables: FxHashMap<(usize, usize), Table>,
    /// α's units: claims judged by two or more reviewers, by category.
    units: Vec<[u64; CATEGORIES]>,
    /// α's pairable values: the judgements on those claims.
    values: usize,
}

/// The tables, units and values of `claims`.
fn tally(review: &Review, reviewers: &[&str], claims: &[usize]) -> Tally {
    let index = |name: &str| reviewers.binary_search(&name).ok();
    let mut tables: FxHashMap<(usize, usize), Table> = FxHashMap::default();
    let mut units: Vec<[u64; CATEGORIES]> = Vec::new();
    let mut values = 0;
    for &c in claims {
        let judged: smallvec::SmallVec<[(usize, usize); 4]> = review
            .judgements(c)
            .filter_map(|d| Some((index(d.reviewer)?, category(d.status)?)))
            .collect();
        if judged.len() < 2 {
            continue;
        }
        let mut unit = [0u64; CATEGORIES];
        for &(_, k) in &judged {
            unit[k] += 1;
        }
        units.push(unit);
        values += judged.len();
        for (i, &(ra, ka)) in judged.iter().enumerate() {
            for &(rb, kb) in &judged[i + 1..] {
                let (ra, ka, rb, kb) = if ra < rb {
                    (ra, ka, rb, kb)
                } else {
                    (rb, kb, ra, ka)
                };
                tables.entry((ra, rb)).or_default()[ka][kb] += 1;
            }
        }
    }
    Tally {
        tables,
        units,
        values,
    }
}

impl<'r> Pair<'r> {
    fn from_table(a: &'r str, b: &'r str, table: Table) -> Self {
        let both: u64 = table.iter().flatten().sum();
        let agree: u64 = (0..CATEGORIES).map(|k| table[k][k]).sum();
        Self {
            a,
            b,
            both: both as usize,
            agree: agree as usize,
            observed: (both > 0).then(|| agree as f64 / both as f64),
            kappa: cohen_kappa(&table),
            table,
        }
    }
}

/// Non-draft claims with a decision, in the order of the files.
fn judged_claims(review: &Review) -> Vec<usize> {
    review
        .decided_claims_in_order()
        .filter(|&c| !review.model.claims[c].draft)
        .collect()
}

/// Every claim (drafts aside) on which reviewers' judgements differ, in the order of the files,
/// each with every reviewer's judgement sorted by name. Exports list these too.
pub fn disagreements(review: &Review) -> Vec<Disagreement<'_>> {
    disagreements_among(review, &judged_claims(review))
}

/// Those of `claims` on which reviewers' judgements differ, as [`disagreements`] lists them.
fn disagreements_among<'r>(review: &'r Review, claims: &[usize]) -> Vec<Disagreement<'r>> {
    claims
        .iter()
        .copied()
        .filter(|&c| review.disagree(c))
        .map(|c| {
            let mut decisions: Vec<Decided> = review.judgements(c).collect();
            decisions.sort_by(|x, y| x.reviewer.cmp(y.reviewer));
            Disagreement {
                claim: c,
                decisions,
                in_force: review.decision(c),
            }
        })
        .collect()
}

/// Cohen's κ from a contingency table of two raters' judgements on the same items: `table[i][j]`
/// counts the items rater A put in category `i` and rater B in `j`.
///
/// κ = (p_o − p_e) / (1 − p_e), with p_o = Σ_k n_kk / n and p_e = Σ_k (row_k / n)(col_k / n);
/// multiplied through by n², κ = (n·Σ_k n_kk − Σ_k row_k·col_k) / (n² − Σ_k row_k·col_k),
/// computed in integers up to the one division. `None` when there are no items or when
/// p_e = 1 (both raters used one and the same category for every item).
pub fn cohen_kappa<const N: usize>(table: &[[u64; N]; N]) -> Option<f64> {
    let n: u128 = table.iter().flatten().map(|&x| u128::from(x)).sum();
    let agree: u128 = (0..N).map(|k| u128::from(table[k][k])).sum();
    let chance: u128 = (0..N)
        .map(|k| {
            let row: u128 = table[k].iter().map(|&x| u128::from(x)).sum();
            let col: u128 = table.iter().map(|r| u128::from(r[k])).sum();
            row * col
        })
        .sum();
    let denominator = n * n - chance;
    if n == 0 || denominator == 0 {
        return None;
    }
    Some((n as f64 * agree as f64 - chance as f64) / denominator as f64)
}

/// Krippendorff's α for nominal data. Each unit is given by how many of its values fall in
/// each category; units with fewer than two values are not pairable and are left out, as
/// Krippendorff does with missing data.
///
/// With the coincidences o_ck = Σ_u (number of c–k pairs of values in u) / (m_u − 1) (m_u the
/// unit's values), n_c = Σ_k o_ck (the pairable values in c) and n = Σ_c n_c:
/// α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
/// For one unit, Σ_{c≠k} (c–k pairs) = m_u² − Σ_c m_uc². `None` when Σ_{c≠k} n_c·n_k = 0: no
/// pairable values, or all of them in one category, so that no disagreement is possible.
pub fn krippendorff_alpha<const N: usize>(units: &[[u64; N]]) -> Option<f64> {
    let mut totals = [0u128; N];
    let mut observed = 0.0;
    for unit in units {
        let m: u128 = unit.iter().map(|&x| u128::from(x)).sum();
        if m < 2 {
            continue;
        }
        let same: u128 = unit.iter().map(|&x| u128::from(x) * u128::from(x)).sum();
        observed += (m * m - same) as f64 / (m - 1) as f64;
        for (total, &x) in totals.iter_mut().zip(unit) {
            *total += u128::from(x);
        }
    }
    let n: u128 = totals.iter().sum();
    let expected = n * n - totals.iter().map(|&t| t * t).sum::<u128>();
    if expected == 0 {
        return None;
    }
    Some(1.0 - (n - 1) as f64 * observed / expected as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Entry;

    fn close(got: Option<f64>, want: f64) {
        let got = got.unwrap_or_else(|| panic!("undefined, want {want}"));
        assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
    }

    /// Value lists (None: missing) to per-category counts, categories 1..=N as in the papers.
    fn units<const N: usize>(coders: &[&[Option<usize>]]) -> Vec<[u64; N]> {
        let len = coders[0].len();
        (0..len)
            .map(|u| {
                let mut unit = [0; N];
                for coder in coders {
                    if let Some(v) = coder[u] {
                        unit[v - 1] += 1;
                    }
                }
                unit
            })
            .collect()
    }

    // Wikipedia, "Cohen's kappa", Worked example: 50 grant proposals read by A and B,
    // both yes 20, A yes B no 5, A no B yes 10, both no 15. p_o = 35/50 = 0.7,
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    #[test]
    fn kappa_of_wikipedias_worked_example() {
        close(cohen_kappa(&[[20, 5], [10, 15]]), 0.4);
    }

    // Wikipedia, "Cohen's kappa", Same percentages but different numbers: both tables agree
    // on 60 of 100; [[45, 15], [25, 15]]: p_e = 0.6·0.7 + 0.4·0.3 = 0.54,
    // κ = 0.06/0.46 = 0.1304…; [[25, 35], [5, 35]]: p_e = 0.6·0.3 + 0.4·0.7 = 0.46,
    // κ = 0.14/0.54 = 0.2593….
    #[test]
    fn kappa_of_wikipedias_same_percentages_different_numbers() {
        close(cohen_kappa(&[[45, 15], [25, 15]]), 0.06 / 0.46);
        close(cohen_kappa(&[[25, 35], [5, 35]]), 0.14 / 0.54);
    }

    #[test]
    fn kappa_is_one_for_perfect_agreement_and_negative_below_chance() {
        close(cohen_kappa(&[[3, 0], [0, 2]]), 1.0);
        // Total disagreement with both categories used evenly: p_o = 0, p_e = 0.5, κ = −1.
        close(cohen_kappa(&[[0, 2], [2, 0]]), -1.0);
        // Total disagreement, A always verified and B always disputed: p_o = 0, p_e = 1·0 +
        // 0·1 = 0, κ = (0 − 0)/(1 − 0) = 0.
        close(cohen_kappa(&[[0, 3], [0, 0]]), 0.0);
    }

    #[test]
    fn kappa_is_undefined_without_items_or_with_one_category_only() {
        assert_eq!(cohen_kappa(&[[0, 0], [0, 0]]), None);
        // Both verified everything: p_o = 1 and p_e = 1, 0/0.
        assert_eq!(cohen_kappa(&[[4, 0], [0, 0]]), None);
        assert_eq!(cohen_kappa(&[[0, 0], [0, 1]]), None);
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (nominal
    // data, any number of observers, missing values): four observers A–D, twelve units,
    // values 1–5; nominal α = 0.743. The arithmetic is in the test.
    const OBSERVER_A: [Option<usize>; 12] = [
        Some(1),
        Some(2),
        Some(3),
        Some(3),
        Some(2),
        Some(1),
        Some(4),
        Some(1),
        Some(2),
        None,
        None,
        None,
    ];
    const OBSERVER_B: [Option<usize>; 12] = [
        Some(1),
        Some(2),
        Some(3),
        Some(3),
        Some(2),
        Some(2),
        Some(4),
        Some(1),
        Some(2),
        Some(5),
        None,
        Some(3),
    ];
    const OBSERVER_C: [Option<usize>; 12] = [
        None,
        Some(3),
        Some(3),
        Some(3),
        Some(2),
        Some(3),
        Some(4),
        Some(2),
        Some(2),
        Some(5),
        Some(1),
        None,
    ];
    const OBSERVER_D: [Option<usize>; 12] = [
        Some(1),
        Some(2),
        Some(3),
        Some(3),
        Some(2),
        Some(4),
        Some(4),
        Some(1),
        Some(2),
        Some(5),
        Some(1),
        None,
    ];

    #[test]
    fn alpha_of_krippendorffs_four_observers_with_missing_data() {
        let units = units::<5>(&[&OBSERVER_A, &OBSERVER_B, &OBSERVER_C, &OBSERVER_D]);
        // Unit 12 has one value: not pairable. n = 40 pairable values, n_c = 9, 13, 10, 5, 3;
        // Σ_c n_c² = 81 + 169 + 100 + 25 + 9 = 384, so Σ_{c≠k} n_c·n_k = 1600 − 384 = 1216.
        // Disagreeing pairs per unit / (m_u − 1): unit 2: (16 − 10)/3 = 2; unit 6: (16 − 4)/3
        // = 4; unit 8: (16 − 10)/3 = 2; every other unit agrees: Σ_{c≠k} o_ck = 8.
        // α = 1 − 39·8/1216 = 1 − 312/1216 = 0.74342…, the paper's 0.743.
        let alpha = krippendorff_alpha(&units);
        close(alpha, 1.0 - 39.0 * 8.0 / 1216.0);
        assert_eq!(format!("{:.3}", alpha.unwrap_or_default()), "0.743");
    }

    // The same data in our two categories: values 1–2 verified, 3–5 disputed.
    //   A: V V D D V V D V V . . .     C: . D D D V D D V V D V .
    //   B: V V D D V V D V V D . D     D: V V D D V D D V V D V .
    // Unit 12 (B alone) is not pairable. Pairable values: n = 40, of them n_V = 22, n_D = 18.
    // Disagreeing pairs (ordered) / (m_u − 1): unit 2 (V V D V): 2·3·1/3 = 2; unit 6 (V V D D):
    // 2·2·2/3 = 8/3; no other unit disagrees. Σ_{c≠k} o_ck = 14/3; Σ_{c≠k} n_c·n_k =
    // 2·22·18 = 792. α = 1 − 39·(14/3)/792 = 1 − 182/792 = 305/396 = 0.77020…
    #[test]
    fn alpha_of_krippendorffs_example_in_two_categories() {
        let two =
            |coder: &[Option<usize>; 12]| coder.map(|v| v.map(|v| if v <= 2 { 1 } else { 2 }));
        let units = units::<2>(&[
            &two(&OBSERVER_A),
            &two(&OBSERVER_B),
            &two(&OBSERVER_C),
            &two(&OBSERVER_D),
        ]);
        close(krippendorff_alpha(&units), 305.0 / 396.0);
    }

    // Krippendorff (2011), section A: binary data, two observers, no missing data.
    //   A: 0 1 0 0 0 0 0 0 1 0
    //   B: 1 1 1 0 0 1 0 0 0 0
    // o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20;
    // α = 1 − 19·(4 + 4)/(2·14·6) = 1 − 76/84 = 0.0952…, the paper's 0.095.
    #[test]
    fn alpha_of_krippendorffs_binary_two_observer_example() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0].map(|v| Some(v + 1));
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0].map(|v| Some(v + 1));
        close(
            krippendorff_alpha(&units::<2>(&[&a, &b])),
            1.0 - 76.0 / 84.0,
        );
        // Cohen's κ on the same data: table [[5, 3], [1, 1]]: p_o = 0.6,
        // p_e = 0.8·0.6 + 0.2·0.4 = 0.56, κ = 0.04/0.44 = 0.0909…
        close(cohen_kappa(&[[5, 3], [1, 1]]), 0.04 / 0.44);
    }

    #[test]
    fn alpha_is_undefined_without_pairable_values_or_with_one_category() {
        let none: [[u64; 2]; 0] = [];
        assert_eq!(krippendorff_alpha(&none), None);
        // Single values are not pairable.
        assert_eq!(krippendorff_alpha(&[[1, 0], [0, 1]]), None);
        // Everyone verified everything.
        assert_eq!(krippendorff_alpha(&[[2, 0], [3, 0]]), None);
    }

    #[test]
    fn alpha_is_one_for_perfect_agreement_and_below_zero_for_total_disagreement() {
        close(krippendorff_alpha(&[[2, 0], [0, 2], [3, 0]]), 1.0);
        // Two units, each V–D: o_VD = o_DV = 2 (1 pair each way per unit, m_u − 1 = 1);
        // n_V = n_D = 2, n = 4: α = 1 − 3·4/(2·2·2) = 1 − 12/8 = −0.5.
        close(krippendorff_alpha(&[[1, 1], [1, 1]]), -0.5);
    }

    // ---- from a review ----

    use crate::decision::Decision;
    use crate::review::tests::tiny_model;

    fn decision(claim: &str, status: Status, reviewer: &str, fingerprint: Option<u64>) -> Entry {
        Entry {
            decision: Decision {
                claim: claim.into(),
                status,
                note: Some(format!("{reviewer} on {claim}")),
                reviewer: reviewer.into(),
                fingerprint,
                fields: None,
                at: jiff::Timestamp::UNIX_EPOCH,
            },
            line: 1,
        }
    }

    /// A model of `n` claims `c0`, `c1`, … (the tiny model's first claim, repeated).
    fn claims(n: usize) -> crate::model::Model {
        let mut model = tiny_model();
        let claim = model.claims[0].clone();
        model.claims = (0..n)
            .map(|i| crate::model::Claim {
                id: format!("c{i}"),
                ..claim.clone()
            })
            .collect();
        model
    }

    fn review(n: usize, decisions: &[(&str, &str, Status)]) -> Review {
        let entries: Vec<Entry> = decisions
            .iter()
            .map(|&(who, claim, s)| decision(claim, s, who, None))
            .collect();
        Review::with_journal(claims(n), entries)
    }

    use Status::{Disputed as D, Unreviewed as U, Verified as V};

    #[test]
    fn two_reviewers_the_wikipedia_table_through_a_review() {
        // 50 claims: 20 both verified, 5 ana verified kim disputed, 10 ana disputed kim
        // verified, 15 both disputed: κ = 0.4 as in the worked example.
        let mut decisions = Vec::new();
        let ids: Vec<String> = (0..50).map(|i| format!("c{i}")).collect();
        for (i, id) in ids.iter().enumerate() {
            let (a, k) = match i {
                0..20 => (V, V),
                20..25 => (V, D),
                25..35 => (D, V),
                _ => (D, D),
            };
            decisions.push(("ana", id.as_str(), a));
            decisions.push(("kim", id.as_str(), k));
        }
        let review = review(50, &decisions);
        let agreement = Agreement::of(&review);
        assert_eq!(agreement.reviewers, ["ana", "kim"]);
        let pair = &agreement.pairs[0];
        assert_eq!(
            (pair.a, pair.b, pair.both, pair.agree),
            ("ana", "kim", 50, 35)
        );
        assert_eq!(pair.table, [[20, 5], [10, 15]]);
        close(pair.observed, 0.7);
        close(pair.kappa, 0.4);
        // α over the same 50 units of two values: n = 100, n_V = 25 + 30 = 55, n_D = 45;
        // o_VD + o_DV = 2·15 = 30. α = 1 − 99·30/(2·55·45) = 1 − 2970/4950 = 0.4.
        close(agreement.alpha, 0.4);
        assert_eq!((agreement.units, agreement.values), (50, 100));
        assert_eq!(agreement.disagreements.len(), 15);
    }

    #[test]
    fn missing_decisions_count_only_where_both_reviewers_judged() {
        // c0: ana V, kim V, lee V   c1: ana V, kim D   c2: kim D, lee D   c3: ana D
        // c4: lee unreviewed (no judgement), ana V.
        let review = review(
            5,
            &[
                ("ana", "c0", V),
                ("kim", "c0", V),
                ("lee", "c0", V),
                ("ana", "c1", V),
                ("kim", "c1", D),
                ("kim", "c2", D),
                ("lee", "c2", D),
                ("ana", "c3", D),
                ("lee", "c4", U),
                ("ana", "c4", V),
            ],
        );
        let a = Agreement::of(&review);
        assert_eq!(a.reviewers, ["ana", "kim", "lee"]);
        let pair = |x: &str, y: &str| {
            a.pairs
                .iter()
                .find(|p| p.a == x && p.b == y)
                .unwrap_or_else(|| panic!("no pair {x} {y}"))
        };
        // ana–kim: c0 (V V), c1 (V D): p_o = 1/2; rows V 2, D 0; cols V 1, D 1;
        // κ = (2·1 − (2·1 + 0·1))/(4 − 2) = 0/2 = 0.
        let ak = pair("ana", "kim");
        assert_eq!((ak.both, ak.agree), (2, 1));
        close(ak.observed, 0.5);
        close(ak.kappa, 0.0);
        // ana–lee: c0 only, both V: κ undefined (one category); p_o = 1.
        let al = pair("ana", "lee");
        assert_eq!((al.both, al.agree), (1, 1));
        close(al.observed, 1.0);
        assert_eq!(al.kappa, None);
        // kim–lee: c0 (V V), c2 (D D): perfect, κ = (2·2 − (1 + 1))/(4 − 2) = 1.
        let kl = pair("kim", "lee");
        assert_eq!((kl.both, kl.agree), (2, 2));
        close(kl.kappa, 1.0);
        // α: units c0 (V V V), c1 (V D), c2 (D D); c3, c4 have one judgement each.
        // n = 7, n_V = 4, n_D = 3; disagreeing pairs: c1 gives 2/(2 − 1) = 2.
        // α = 1 − 6·2/(2·4·3) = 1 − 12/24 = 0.5.
        assert_eq!((a.units, a.values), (3, 7));
        close(a.alpha, 0.5);
        let claims: Vec<usize> = a.disagreements.iter().map(|d| d.claim).collect();
        assert_eq!(claims, [1]);
    }

    #[test]
    fn a_single_category_leaves_kappa_and_alpha_undefined() {
        let review = review(
            2,
            &[
                ("ana", "c0", V),
                ("kim", "c0", V),
                ("ana", "c1", V),
                ("kim", "c1", V),
            ],
        );
        let a = Agreement::of(&review);
        assert_eq!((a.pairs[0].both, a.pairs[0].agree), (2, 2));
        close(a.pairs[0].observed, 1.0);
        assert_eq!(a.pairs[0].kappa, None);
        assert_eq!(a.alpha, None);
        assert!(a.disagreements.is_empty());
    }

    #[test]
    fn past_so_many_pairs_only_those_with_a_claim_in_common_are_listed() {
        // Reviewers in threes on a claim each: few of all the pairs judged anything together.
        let agreement_of = |reviewers: usize| {
            let names: Vec<String> = (0..reviewers).map(|r| format!("r{r:03}")).collect();
            let ids: Vec<String> = (0..reviewers / 3).map(|c| format!("c{c}")).collect();
            let decisions: Vec<(&str, &str, Status)> = names
                .iter()
                .enumerate()
                .map(|(r, name)| {
                    (
                        name.as_str(),
                        ids[r / 3].as_str(),
                        if r % 2 == 0 { V } else { D },
                    )
                })
                .collect();
            let review = review(ids.len(), &decisions);
            let a = Agreement::of(&review);
            (
                a.pairs
                    .iter()
                    .map(|p| (p.a.to_string(), p.b.to_string(), p.both))
                    .collect::<Vec<_>>(),
                a.unlisted,
            )
        };
        // 141 reviewers: 9,870 pairs, every one listed.
        let (pairs, unlisted) = agreement_of(141);
        assert_eq!((pairs.len(), unlisted), (141 * 140 / 2, 0));
        assert!(pairs.len() <= MOST_PAIRS_LISTED);
        // 150 reviewers: 11,175 pairs; the 150 that judged a claim together are listed, in
        // name order, and the rest counted.
        let (pairs, unlisted) = agreement_of(150);
        assert_eq!(pairs.len(), 150);
        assert_eq!(unlisted, 150 * 149 / 2 - 150);
        assert!(pairs.iter().all(|(a, b, both)| a < b && *both == 1));
        assert!(
            pairs
                .windows(2)
                .all(|w| (&w[0].0, &w[0].1) < (&w[1].0, &w[1].1))
        );
        assert_eq!((pairs[0].0.as_str(), pairs[0].1.as_str()), ("r000", "r001"));
    }

    #[test]
    fn claims_decided_out_of_order_are_listed_in_the_order_of_the_files() {
        // The journal decides later claims first; the review holds them in the order met.
        let mut decisions = Vec::new();
        for c in [7, 2, 9, 0, 5, 3] {
            let claim = format!("c{c}");
            decisions.push(("ana", claim.clone(), V));
            decisions.push(("kim", claim, if c % 2 == 0 { V } else { D }));
        }
        let decisions: Vec<(&str, &str, Status)> = decisions
            .iter()
            .map(|(who, claim, s)| (*who, claim.as_str(), *s))
            .collect();
        let review = review(10, &decisions);
        assert_eq!(judged_claims(&review), vec![0, 2, 3, 5, 7, 9]);
        let a = Agreement::of(&review);
        let differ: Vec<usize> = a.disagreements.iter().map(|d| d.claim).collect();
        assert_eq!(differ, vec![3, 5, 7, 9]);
        assert_eq!(
            differ,
            disagreements(&review)
                .iter()
                .map(|d| d.claim)
                .collect::<Vec<_>>()
        );
        assert_eq!((a.pairs[0].both, a.pairs[0].agree), (6, 2));
        assert_eq!((a.units, a.values), (6, 12));
    }

    #[test]
    fn one_reviewer_gives_no_pairs_and_no_alpha() {
        let a_review = review(2, &[("ana", "c0", V), ("ana", "c1", D)]);
        let a = Agreement::of(&a_review);
        assert_eq!(a.reviewers, ["ana"]);
        assert!(a.pairs.is_empty());
        assert_eq!(a.alpha, None);
        assert_eq!((a.units, a.values), (0, 0));
        let nobody = Review::new(claims(2));
        let a = Agreement::of(&nobody);
        assert!(a.reviewers.is_empty() && a.pairs.is_empty() && a.alpha.is_none());
    }

    #[test]
    fn perfect_agreement_and_total_disagreement() {
        let same = review(
            2,
            &[
                ("ana", "c0", V),
                ("kim", "c0", V),
                ("ana", "c1", D),
                ("kim", "c1", D),
            ],
        );
        let a = Agreement::of(&same);
        close(a.pairs[0].kappa, 1.0);
        close(a.alpha, 1.0);
        let apart = review(
            2,
            &[
                ("ana", "c0", V),
                ("kim", "c0", D),
                ("ana", "c1", D),
                ("kim", "c1", V),
            ],
        );
        let a = Agreement::of(&apart);
        assert_eq!(a.pairs[0].agree, 0);
        close(a.pairs[0].observed, 0.0);
        // Table [[0, 1], [1, 0]]: p_e = 0.5, κ = −0.5/0.5 = −1. α = 1 − 3·4/8 = −0.5.
        close(a.pairs[0].kappa, -1.0);
        close(a.alpha, -0.5);
        assert_eq!(a.disagreements.len(), 2);
    }

    #[test]
    fn stale_decisions_and_drafts_take_no_part() {
        let mut model = claims(3);
        model.claims[2].draft = true;
        let now = crate::fingerprint::of(&model, 0);
        let entries = vec![
            decision("c0", V, "ana", Some(now)),
            // Made on the claim as it was before a change: stale, not a judgement.
            decision("c0", D, "kim", Some(now ^ 1)),
            decision("c1", V, "ana", None),
            decision("c1", D, "kim", None),
            decision("c2", V, "ana", None),
            decision("c2", D, "kim", None),
        ];
        let review = Review::with_journal(model, entries);
        let a = Agreement::of(&review);
        assert_eq!((a.pairs[0].both, a.pairs[0].agree), (1, 0));
        let claims: Vec<usize> = a.disagreements.iter().map(|d| d.claim).collect();
        assert_eq!(claims, [1], "c0's disputed is stale; c2 is a draft");
        let d = &a.disagreements[0];
        let who: Vec<&str> = d.decisions.iter().map(|d| d.reviewer).collect();
        assert_eq!(who, ["ana", "kim"]);
        assert_eq!(d.in_force.map(|d| d.reviewer), Some("kim"));
        assert_eq!(d.decisions[0].note, Some("ana on c1"));
    }
}
