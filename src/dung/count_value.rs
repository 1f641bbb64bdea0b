//! Exact extension counts of any size.
//!
//! A count is a `u128` until a sum or product passes `u128::MAX`, then an
//! arbitrary-precision integer (`num_bigint::BigUint`): counts that fit in
//! 128 bits (every public framework but one) cost checked 128-bit additions
//! and multiplications, as before, and only a count that overflows pays for
//! the big integer.

use std::fmt;
use std::ops::{AddAssign, MulAssign};

use num_bigint::BigUint;

/// The exact number of extensions (or labellings) of a framework, of any
/// size. Printed in decimal (`Display`); compared, added and multiplied
/// exactly.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExtensionCount(Repr);

/// `Big` only above `u128::MAX` (so the derived order, `Small` before `Big`,
/// is the numbers' order, and equal numbers have equal representations).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Repr {
    Small(u128),
    Big(BigUint),
}

impl ExtensionCount {
    /// No extension.
    pub const ZERO: ExtensionCount = ExtensionCount(Repr::Small(0));
    /// One extension.
    pub const ONE: ExtensionCount = ExtensionCount(Repr::Small(1));

    /// Whether the count is 0.
    pub fn is_zero(&self) -> bool {
        *self == ExtensionCount::ZERO
    }

    /// The count as a `u128`, `None` past `u128::MAX`.
    pub fn to_u128(&self) -> Option<u128> {
        match self.0 {
            Repr::Small(n) => Some(n),
            Repr::Big(_) => None,
        }
    }

    /// The number of bits of the count (0 for 0).
    pub fn bits(&self) -> u64 {
        match &self.0 {
            Repr::Small(n) => u64::from(128 - n.leading_zeros()),
            Repr::Big(b) => b.bits(),
        }
    }

    fn big(&self) -> BigUint {
        match &self.0 {
            Repr::Small(n) => BigUint::from(*n),
            Repr::Big(b) => b.clone(),
        }
    }

    /// The canonical form of `b`: `Small` when it fits.
    fn from_big(b: BigUint) -> ExtensionCount {
        match u128::try_from(&b) {
            Ok(n) => ExtensionCount(Repr::Small(n)),
            Err(_) => ExtensionCount(Repr::Big(b)),
        }
    }
}

impl From<u128> for ExtensionCount {
    fn from(n: u128) -> ExtensionCount {
        ExtensionCount(Repr::Small(n))
    }
}

impl From<u64> for ExtensionCount {
    fn from(n: u64) -> ExtensionCount {
        ExtensionCount(Repr::Small(u128::from(n)))
    }
}

impl PartialEq<u128> for ExtensionCount {
    fn eq(&self, other: &u128) -> bool {
        self.0 == Repr::Small(*other)
    }
}

impl AddAssign<&ExtensionCount> for ExtensionCount {
    fn add_assign(&mut self, other: &ExtensionCount) {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &other.0)
            && let Some(s) = a.checked_add(*b)
        {
            self.0 = Repr::Small(s);
            return;
        }
        // A sum never shrinks: past u128::MAX it stays big.
        self.0 = Repr::Big(self.big() + other.big());
    }
}

impl MulAssign<&ExtensionCount> for ExtensionCount {
    fn mul_assign(&mut self, other: &ExtensionCount) {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &other.0)
            && let Some(p) = a.checked_mul(*b)
        {
            self.0 = Repr::Small(p);
            return;
        }
        // A product with 0 is 0, which is `Small`.
        *self = ExtensionCount::from_big(self.big() * other.big());
    }
}

impl fmt::Display for ExtensionCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(n) => n.fmt(f),
            Repr::Big(b) => b.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decimal digits of `a * b` by schoolbook multiplication on digit
    /// strings (independent of both u128 and num-bigint).
    fn mul_decimal(a: &str, b: &str) -> String {
        let (x, y): (Vec<u32>, Vec<u32>) = (
            a.bytes().rev().map(|d| u32::from(d - b'0')).collect(),
            b.bytes().rev().map(|d| u32::from(d - b'0')).collect(),
        );
        let mut r = vec![0u32; x.len() + y.len()];
        for (i, &p) in x.iter().enumerate() {
            for (j, &q) in y.iter().enumerate() {
                r[i + j] += p * q;
            }
        }
        let mut carry = 0;
        for d in r.iter_mut() {
            let v = *d + carry;
            *d = v % 10;
            carry = v / 10;
        }
        while r.len() > 1 && r.last() == Some(&0) {
            r.pop();
        }
        r.iter()
            .rev()
            .map(|d| char::from(b'0' + *d as u8))
            .collect()
    }

    #[test]
    fn products_and_sums_stay_exact_past_128_bits() {
        // 2^64 * 2^64 = 2^128, one past u128::MAX: written out in decimal.
        let mut n = ExtensionCount::from(1u128 << 64);
        n *= &ExtensionCount::from(1u128 << 64);
        assert_eq!(n.to_string(), "340282366920938463463374607431768211456");
        assert_eq!(n.to_u128(), None);
        assert_eq!(n.bits(), 129);
        // 3^200, by repeated multiplication, against the digit-string product.
        let mut m = ExtensionCount::ONE;
        let mut want = "1".to_string();
        for _ in 0..200 {
            m *= &ExtensionCount::from(3u128);
            want = mul_decimal(&want, "3");
        }
        assert_eq!(m.to_string(), want);
        // u128::MAX + 1 = 2^128 again, through a sum.
        let mut s = ExtensionCount::from(u128::MAX);
        s += &ExtensionCount::ONE;
        assert_eq!(s, n);
        // Zero absorbs a big factor and comes back small.
        let mut z = m.clone();
        z *= &ExtensionCount::ZERO;
        assert!(z.is_zero());
        assert_eq!(z, 0u128);
        // The order is the numbers' order across the two forms.
        let max = ExtensionCount::from(u128::MAX);
        assert!(max < n && n < m);
    }
}
