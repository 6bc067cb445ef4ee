//! Secrets: the instructor's token and each team's secret, drawn from the operating
//! system's CSPRNG, and the class's short join code. Secrets are compared in constant time
//! and never written to a log.

use subtle::ConstantTimeEq;

/// Bytes of randomness in a secret (written as twice as many hex digits).
const SECRET_BYTES: usize = 16;

/// The letters of a join code: no 0/O, 1/I/L, so that it reads aloud and off a projector.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Characters of a join code (31^6, about 887 million codes).
pub const CODE_LEN: usize = 6;

/// The operating system could not give random bytes.
#[derive(Debug)]
pub struct NoRandomness(pub String);

impl std::fmt::Display for NoRandomness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no random bytes from the operating system: {}", self.0)
    }
}

impl std::error::Error for NoRandomness {}

fn random<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| NoRandomness(e.to_string()))?;
    Ok(bytes)
}

/// A new secret: 128 random bits as 32 lowercase hex digits.
pub fn secret() -> Result<String, NoRandomness> {
    Ok(random::<SECRET_BYTES>()?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A new join code of [`CODE_LEN`] characters from [`CODE_ALPHABET`] (uniform: bytes at or
/// above the largest multiple of the alphabet's size are drawn again).
pub fn join_code() -> Result<String, NoRandomness> {
    let n = CODE_ALPHABET.len();
    let limit = 256 - 256 % n;
    let mut code = String::with_capacity(CODE_LEN);
    while code.len() < CODE_LEN {
        for b in random::<16>()? {
            if usize::from(b) < limit && code.len() < CODE_LEN {
                code.push(char::from(CODE_ALPHABET[usize::from(b) % n]));
            }
        }
    }
    Ok(code)
}

/// A join code as a person may type it: trimmed, upper case, without spaces or dashes.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `given` is `expected`, in time that does not depend on where they differ.
pub fn same(given: &str, expected: &str) -> bool {
    given.as_bytes().ct_eq(expected.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_32_hex_digits_and_differ() {
        let a = secret().unwrap();
        let b = secret().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn join_codes_use_only_the_readable_letters() {
        for _ in 0..200 {
            let code = join_code().unwrap();
            assert_eq!(code.len(), CODE_LEN);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
    }

    #[test]
    fn a_typed_code_is_read_as_written_on_the_projector() {
        assert_eq!(normalize_code(" ab3-k9 z "), "AB3K9Z");
    }

    #[test]
    fn secrets_match_only_themselves() {
        assert!(same("abc", "abc"));
        assert!(!same("abd", "abc"));
        assert!(!same("ab", "abc"));
        assert!(!same("", "abc"));
    }
}
