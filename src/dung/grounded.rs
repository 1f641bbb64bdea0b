//! The grounded extension by queue labelling, in linear time.

use super::Framework;

/// Label of an argument in the grounded labelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Label {
    /// Accepted: every attacker is out.
    In,
    /// Rejected: some attacker is in.
    Out,
    /// Neither.
    Undec,
}

/// Computes the grounded extension: the least fixed point of the
/// characteristic function, i.e. the least complete extension (Dung 1995).
///
/// # Returns
/// The accepted arguments, in increasing index order.
///
/// # Algorithm
/// Queue labelling (Modgil & Caminada 2009, Alg. 6.1 made incremental): every
/// argument keeps the number of its attackers not yet labelled `out`; an
/// argument whose count reaches 0 is labelled `in` and queued; when an `in`
/// argument is taken off the queue, each argument it attacks becomes `out`
/// (once), which decrements the counts of the arguments that one attacks.
///
/// # Complexity
/// O(n + m) time: every argument enters the queue at most once and every attack
/// is followed at most twice (once from its attacker being `in`, once from it
/// being `out`). O(n) extra memory.
///
/// ```
/// use argmap::dung::{Framework, grounded};
/// // a -> b -> c, d <-> e: a and c are in; b is out; d, e undecided
/// let names = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
/// let af = Framework::new(names, &[(0, 1), (1, 2), (3, 4), (4, 3)]);
/// assert_eq!(grounded(&af), [0, 2]);
/// ```
pub fn grounded(af: &Framework) -> Vec<usize> {
    let labels = grounded_labelling(af);
    let mut out = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        if l == Label::In {
            out.push(i);
        }
    }
    out
}

/// The grounded labelling: `In` for the grounded extension, `Out` for what it
/// attacks, `Undec` for the rest. Same algorithm and cost as [`grounded`].
pub fn grounded_labelling(af: &Framework) -> Vec<Label> {
    let n = af.len();
    let mut labels = vec![Label::Undec; n];
    // Attackers not yet `out`; an `in` argument never has an `in` attacker.
    let mut live: Vec<u32> = (0..n).map(|i| af.attackers(i).len() as u32).collect();
    let mut queue: Vec<u32> = Vec::new();
    for (i, &c) in live.iter().enumerate() {
        if c == 0 {
            labels[i] = Label::In;
            queue.push(i as u32);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let a = queue[head] as usize;
        head += 1;
        for &b in af.attacked_by(a) {
            let b = b as usize;
            if labels[b] != Label::Undec {
                // Already out (an in argument is never attacked by an in one).
                continue;
            }
            labels[b] = Label::Out;
            for &c in af.attacked_by(b) {
                let c = c as usize;
                live[c] -= 1;
                if live[c] == 0 && labels[c] == Label::Undec {
                    labels[c] = Label::In;
                    queue.push(c as u32);
                }
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: usize, att: &[(u32, u32)]) -> Framework {
        Framework::new((0..n).map(|i| i.to_string()), att)
    }

    #[test]
    fn hand_examples() {
        // Dung 1995, Example 4 style chain: 0 -> 1 -> 2 -> 3: {0, 2}.
        assert_eq!(grounded(&af(4, &[(0, 1), (1, 2), (2, 3)])), [0, 2]);
        // Self-attack 0 -> 0 attacking 1: nothing is grounded.
        assert_eq!(grounded(&af(2, &[(0, 0), (0, 1)])), Vec::<usize>::new());
        // Odd cycle 0 -> 1 -> 2 -> 0 with 3 unattacked attacking 0:
        // 3 in, 0 out, 1 in (its only attacker 0 is out), 2 out.
        assert_eq!(grounded(&af(4, &[(0, 1), (1, 2), (2, 0), (3, 0)])), [1, 3]);
    }
}
