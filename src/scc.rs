//! Strongly connected components, shared by the cycle lint ([`crate::graph`])
//! and the Dung labelling search ([`crate::dung`]).

/// Tarjan's algorithm (Tarjan 1972) over a graph of `n` nodes whose out-edges
/// of node `v` are `row(v)`. Calls `emit` with the members of each strongly
/// connected component (in the order they leave Tarjan's stack) as it is
/// completed: a component comes after every component it reaches, i.e. in
/// reverse topological order.
///
/// With an explicit stack instead of recursion (a 100 000-node chain or cycle
/// would overflow the call stack), O(nodes + edges), no allocation per node.
pub(crate) fn tarjan<'a>(n: usize, row: impl Fn(usize) -> &'a [u32], mut emit: impl FnMut(&[u32])) {
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = vec![];
    // The depth-first path: a node and how many of its edges are done.
    let mut path: Vec<(u32, u32)> = vec![];
    let mut comp: Vec<u32> = vec![];
    let mut next = 0u32;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        path.push((root as u32, 0));
        while let Some(&mut (v, ref mut done)) = path.last_mut() {
            let v = v as usize;
            if let Some(&w) = row(v).get(*done as usize) {
                *done += 1;
                let w = w as usize;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    path.push((w as u32, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            path.pop();
            if let Some(&(u, _)) = path.last() {
                let u = u as usize;
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                comp.clear();
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp.push(w);
                    if w as usize == v {
                        break;
                    }
                }
                emit(&comp);
            }
        }
    }
}
