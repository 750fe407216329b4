//! The server's clock. Every rule that depends on the time (deadlines, a request ending on
//! its own, reminders, how long an answer can be changed) asks it rather than the system,
//! so that tests can move time forward on a running server instead of waiting for it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// The time now: the system's, plus however far a test moved it. Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    ahead_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::seconds(self.ahead_seconds.load(Ordering::Relaxed))
    }

    /// Today's date (UTC): pauses end and deadlines fall at the start of their day.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Moves this clock (and every clone of it) forward by `by`: for tests.
    pub fn advance(&self, by: TimeDelta) {
        self.ahead_seconds
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_move_together() {
        let clock = Clock::default();
        let copy = clock.clone();
        let before = copy.now();
        clock.advance(TimeDelta::days(31));
        let moved = copy.now() - before;
        assert!(
            moved >= TimeDelta::days(31) && moved < TimeDelta::days(31) + TimeDelta::minutes(1)
        );
    }
}
