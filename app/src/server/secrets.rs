//! The random tokens the app hands out (session cookies, private request links, draft
//! keys, random record keys) and how they are stored: only as a hash.

/// The operating system gave no random bytes.
#[derive(Debug, thiserror::Error)]
#[error("no randomness from the operating system: {0}")]
pub struct NoRandomness(getrandom::Error);

/// 32 random bytes from the operating system, hex encoded (64 characters).
pub fn random_token() -> Result<String, NoRandomness> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(NoRandomness)?;
    Ok(hex::encode(bytes))
}

/// How secrets are stored: SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` has the shape [`random_token`] gives: 64 hexadecimal characters.
pub fn token_shape_ok(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_ne!(a, b);
        assert!(token_shape_ok(&a));
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
        assert!(!token_shape_ok(&a[1..]));
        assert!(!token_shape_ok(&format!("{}z", &a[1..])));
    }
}
