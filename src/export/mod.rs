//! Review summaries for other readers. Each format carries the same facts, read from one
//! [`Review`](crate::review::Review).

pub mod json;
