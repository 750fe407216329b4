//! What the matching looks at in a request: the requester's needs, and the parts of the
//! week a conversation can happen in.

use serde::{Deserialize, Serialize};

use crate::domain::choice::choice;
use crate::domain::{MeetingMode, Slug, Weekday, WeeklyWindow};

choice! {
    /// When in the week a conversation can happen, broadly: what a requester ticks, and what a
    /// volunteer's weekly windows are reduced to for matching.
    pub enum TimeSlot in "kebab-case" {
        WeekdayMorning,
        WeekdayAfternoon,
        WeekdayEvening,
        Weekend,
    }
}

impl TimeSlot {
    pub fn label(self) -> &'static str {
        match self {
            Self::WeekdayMorning => "Weekday mornings (before noon)",
            Self::WeekdayAfternoon => "Weekday afternoons (noon to 5 pm)",
            Self::WeekdayEvening => "Weekday evenings (after 5 pm)",
            Self::Weekend => "Weekends",
        }
    }
    /// In a sentence: "weekday evenings".
    pub fn short(self) -> &'static str {
        match self {
            Self::WeekdayMorning => "weekday mornings",
            Self::WeekdayAfternoon => "weekday afternoons",
            Self::WeekdayEvening => "weekday evenings",
            Self::Weekend => "weekends",
        }
    }
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
    /// The slots as a bit set, for fast comparison.
    pub fn mask(slots: &[Self]) -> u8 {
        slots.iter().fold(0, |m, s| m | s.bit())
    }
    /// The slots a volunteer's weekly windows touch: a window on Saturday or Sunday is the
    /// weekend; on a weekday, it counts for each part of the day it overlaps.
    pub fn mask_of_windows(windows: &[WeeklyWindow]) -> u8 {
        const NOON: u16 = 12 * 60;
        const FIVE_PM: u16 = 17 * 60;
        windows.iter().fold(0, |m, w| {
            if matches!(w.day, Weekday::Sat | Weekday::Sun) {
                return m | Self::Weekend.bit();
            }
            let mut m = m;
            if w.start_minute < NOON {
                m |= Self::WeekdayMorning.bit();
            }
            if w.start_minute < FIVE_PM && w.end_minute > NOON {
                m |= Self::WeekdayAfternoon.bit();
            }
            if w.end_minute > FIVE_PM {
                m |= Self::WeekdayEvening.bit();
            }
            m
        })
    }
    /// The slots in a bit set, in order.
    pub fn of_mask(mask: u8) -> Vec<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|s| mask & s.bit() != 0)
            .collect()
    }
}

/// What the matching looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNeeds {
    pub roles: Vec<Slug>,
    pub settings: Vec<Slug>,
    pub modes: Vec<MeetingMode>,
    /// When in the week suits them (none: any time).
    pub times: Vec<TimeSlot>,
    pub region: Option<Slug>,
    pub remote_ok: bool,
    /// The volunteer the requester asked for, if any.
    pub preferred: Option<String>,
}

impl RequestNeeds {
    /// The meeting modes the requester can use: those they picked (when none, any — or
    /// only in person for someone not willing to meet remotely), and the remote ones too
    /// when they are willing to meet remotely.
    pub fn acceptable_modes(&self) -> Vec<MeetingMode> {
        if self.modes.is_empty() {
            return if self.remote_ok {
                MeetingMode::ALL.to_vec()
            } else {
                vec![MeetingMode::InPerson]
            };
        }
        let mut modes = self.modes.clone();
        if self.remote_ok {
            for m in [MeetingMode::Video, MeetingMode::Phone, MeetingMode::Email] {
                if !modes.contains(&m) {
                    modes.push(m);
                }
            }
        }
        modes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_windows_reduce_to_parts_of_the_week() {
        let w = |day, s: u16, e: u16| WeeklyWindow::new(day, s * 60, e * 60).unwrap();
        let of = |ws: &[WeeklyWindow]| TimeSlot::of_mask(TimeSlot::mask_of_windows(ws));
        assert_eq!(of(&[]), vec![]);
        assert_eq!(
            of(&[w(Weekday::Tue, 9, 11)]),
            vec![TimeSlot::WeekdayMorning]
        );
        assert_eq!(
            of(&[w(Weekday::Wed, 11, 13)]),
            vec![TimeSlot::WeekdayMorning, TimeSlot::WeekdayAfternoon],
            "a window across noon counts for both"
        );
        assert_eq!(
            of(&[w(Weekday::Thu, 12, 17)]),
            vec![TimeSlot::WeekdayAfternoon],
            "edges are exclusive"
        );
        assert_eq!(
            of(&[w(Weekday::Fri, 17, 19)]),
            vec![TimeSlot::WeekdayEvening]
        );
        assert_eq!(
            of(&[w(Weekday::Sat, 9, 19), w(Weekday::Sun, 10, 11)]),
            vec![TimeSlot::Weekend]
        );
        assert_eq!(
            of(&[w(Weekday::Mon, 8, 20)]),
            vec![
                TimeSlot::WeekdayMorning,
                TimeSlot::WeekdayAfternoon,
                TimeSlot::WeekdayEvening
            ]
        );
    }

    #[test]
    fn remote_willingness_widens_the_modes() {
        let needs = RequestNeeds {
            modes: vec![MeetingMode::InPerson],
            remote_ok: false,
            ..Default::default()
        };
        assert_eq!(needs.acceptable_modes(), vec![MeetingMode::InPerson]);
        let remote = RequestNeeds {
            remote_ok: true,
            ..needs
        };
        assert_eq!(remote.acceptable_modes().len(), 4);
        let unpicked = RequestNeeds {
            modes: vec![],
            remote_ok: false,
            ..Default::default()
        };
        assert_eq!(
            unpicked.acceptable_modes(),
            vec![MeetingMode::InPerson],
            "no mode picked and not remote: in person only"
        );
        let anything = RequestNeeds {
            remote_ok: true,
            ..unpicked
        };
        assert_eq!(anything.acceptable_modes(), MeetingMode::ALL.to_vec());
    }
}
