//! A fixed-window rate limit: at most `max` events per key in each window of `window`
//! seconds. Pure (the caller passes the time), so it is tested without waiting.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RateLimit {
    max: u32,
    window: u64,
    hits: HashMap<String, (u64, u32)>,
    /// Past windows' entries are swept out when the map grows beyond this; it doubles
    /// when a sweep finds most entries current, so sweeps stay rare (amortized O(1)).
    sweep_at: usize,
}

impl RateLimit {
    pub fn new(max: u32, window_seconds: u64) -> Self {
        Self {
            max,
            window: window_seconds.max(1),
            hits: HashMap::new(),
            sweep_at: 10_000,
        }
    }

    /// Counts one event for `key` at `now` (seconds) and tells whether it is allowed.
    /// A refused event does not count.
    pub fn allow(&mut self, key: &str, now: u64) -> bool {
        let window_start = now - now % self.window;
        if self.hits.len() > self.sweep_at {
            self.hits.retain(|_, (start, _)| *start == window_start);
            self.sweep_at = (self.hits.len() * 2).max(10_000);
        }
        let entry = self.hits.entry(key.to_owned()).or_insert((window_start, 0));
        if entry.0 != window_start {
            *entry = (window_start, 0);
        }
        if entry.1 >= self.max {
            return false;
        }
        entry.1 += 1;
        true
    }
}

/// The key a client address is counted under: an IPv4 address as it is, an IPv6 address
/// by its /64 network (one subscriber usually holds a whole /64, so counting single
/// addresses would let them through without limit). Anything else is counted as given.
pub fn client_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(
            client_key("2001:db8:1:2:aaaa::1"),
            client_key("2001:db8:1:2:bbbb::9")
        );
        assert_ne!(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
        assert_eq!(client_key("192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("unknown"), "unknown");
    }

    #[test]
    fn allows_up_to_the_maximum_per_window_and_key() {
        let mut r = RateLimit::new(2, 60);
        assert!(r.allow("a", 120));
        assert!(r.allow("a", 130));
        assert!(!r.allow("a", 179), "third in the same minute");
        assert!(r.allow("b", 179), "keys are counted apart");
        assert!(r.allow("a", 180), "a new window starts afresh");
    }

    #[test]
    fn a_zero_maximum_refuses_everything() {
        let mut r = RateLimit::new(0, 60);
        assert!(!r.allow("a", 0));
    }

    #[test]
    fn old_windows_are_forgotten_when_the_map_grows() {
        let mut r = RateLimit::new(1, 10);
        for i in 0..10_001u64 {
            assert!(r.allow(&i.to_string(), 5));
        }
        assert!(r.allow("new", 25));
        assert!(r.hits.len() <= 2);
    }

    #[test]
    fn many_current_keys_are_kept_and_swept_rarely() {
        let mut r = RateLimit::new(1, 3600);
        for i in 0..25_000u64 {
            assert!(r.allow(&i.to_string(), 7));
        }
        assert!(!r.allow("0", 8), "still counted after the sweeps");
        assert_eq!(r.hits.len(), 25_000);
        assert!(r.sweep_at >= 25_000, "the threshold grew: {}", r.sweep_at);
    }
}
