//! The one error type of the domain layer: a bad value for a named field.

use serde::{Deserialize, Serialize};

/// Why a value was refused. The message is written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ValidationError {
    #[error("{field} is required.")]
    Required { field: String },
    #[error("{field} must be at most {max} characters (it has {actual}).")]
    TooLong {
        field: String,
        max: usize,
        actual: usize,
    },
    #[error("{field} must be between {min} and {max}.")]
    OutOfRange { field: String, min: i64, max: i64 },
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl ValidationError {
    /// The field the error is about, as shown to the person.
    pub fn field(&self) -> &str {
        match self {
            Self::Required { field }
            | Self::TooLong { field, .. }
            | Self::OutOfRange { field, .. }
            | Self::Invalid { field, .. } => field,
        }
    }
}

/// Trims `raw`, refuses it when empty and when longer than `max` characters.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::Required {
            field: field.to_owned(),
        });
    }
    bounded_text(field, trimmed, max)
}

/// Trims `raw` and refuses it when longer than `max` characters; empty is allowed.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<String, ValidationError> {
    bounded_text(field, raw.trim(), max)
}

fn bounded_text(field: &str, text: &str, max: usize) -> Result<String, ValidationError> {
    let actual = text.chars().count();
    if actual > max {
        return Err(ValidationError::TooLong {
            field: field.to_owned(),
            max,
            actual,
        });
    }
    Ok(text.to_owned())
}

/// Refuses `value` outside `min..=max`.
pub fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::OutOfRange {
            field: field.to_owned(),
            min,
            max,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_refuses_blank() {
        assert_eq!(required_text("Name", "  Ada  ", 10), Ok("Ada".to_owned()));
        assert_eq!(
            required_text("Name", "   ", 10),
            Err(ValidationError::Required {
                field: "Name".into()
            })
        );
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(required_text("Name", "éééé", 4).is_ok());
        let err = required_text("Name", "ééééé", 4).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Name must be at most 4 characters (it has 5)."
        );
    }

    #[test]
    fn range_is_inclusive() {
        assert_eq!(in_range("Minutes", 30, 30, 60), Ok(30));
        assert_eq!(in_range("Minutes", 60, 30, 60), Ok(60));
        assert!(in_range("Minutes", 29, 30, 60).is_err());
        assert!(in_range("Minutes", 61, 30, 60).is_err());
    }
}
