//! The committee-managed vocabularies (roles, settings, regions).

use surrealdb::types::SurrealValue;

use super::{Db, RepoError};
use crate::domain::{Slug, Term, TermKind, Vocabularies};

#[derive(Debug, SurrealValue)]
struct TermRow {
    kind: String,
    slug: String,
    label: String,
}

/// Every term, each list in its display order.
pub async fn load_vocabularies(db: &Db) -> Result<Vocabularies, RepoError> {
    let rows: Vec<TermRow> = db
        .query("SELECT kind, slug, label, position FROM term ORDER BY kind, position, label")
        .await?
        .check()?
        .take(0)?;
    let mut vocab = Vocabularies::default();
    for row in rows {
        let corrupt = |reason: String| RepoError::Corrupt {
            table: "term",
            id: format!("{}:{}", row.kind, row.slug),
            reason,
        };
        let kind = TermKind::from_slug(&row.kind).ok_or_else(|| corrupt("unknown kind".into()))?;
        let slug = Slug::parse(&row.slug).map_err(|e| corrupt(e.to_string()))?;
        let term = Term {
            slug,
            label: row.label,
        };
        match kind {
            TermKind::Role => vocab.roles.push(term),
            TermKind::Setting => vocab.settings.push(term),
            TermKind::Region => vocab.regions.push(term),
        }
    }
    Ok(vocab)
}
