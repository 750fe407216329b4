//! The assignment solver behind the batch proposal: give each request at most one volunteer
//! and each volunteer at most their capacity, maximizing the total weight of the chosen
//! pairs. A minimum-cost flow (source → request → volunteer → sink, costs = −weight),
//! solved by successive shortest paths with Dijkstra over reduced costs; it stops as soon
//! as one more match would not raise the total. Exact for the edges it is given.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A possible pair and what it is worth (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub request: usize,
    pub volunteer: usize,
    pub weight: i64,
}

struct Arc {
    to: usize,
    cap: i64,
    cost: i64,
    /// Index of the reverse arc in `graph[to]`.
    rev: usize,
}

struct Graph {
    arcs: Vec<Vec<Arc>>,
}

impl Graph {
    fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> (usize, usize) {
        let fwd = self.arcs[from].len();
        let back = self.arcs[to].len() + usize::from(from == to);
        self.arcs[from].push(Arc {
            to,
            cap,
            cost,
            rev: back,
        });
        self.arcs[to].push(Arc {
            to: from,
            cap: 0,
            cost: -cost,
            rev: fwd,
        });
        (from, fwd)
    }
}

const UNREACHED: i64 = i64::MAX;

/// For each request (`0..requests`), the volunteer chosen for it, if any. Edges with a
/// weight ≤ 0 or out of range are ignored; a volunteer with capacity 0 gets nothing.
pub fn solve(requests: usize, capacity: &[u32], edges: &[Edge]) -> Vec<Option<usize>> {
    let volunteers = capacity.len();
    let source = 0;
    let sink = 1 + requests + volunteers;
    let node_r = |r: usize| 1 + r;
    let node_v = |v: usize| 1 + requests + v;
    let mut g = Graph {
        arcs: (0..=sink).map(|_| Vec::new()).collect(),
    };
    let mut used_request = vec![false; requests];
    let mut used_volunteer = vec![false; volunteers];
    let mut pair_arcs = Vec::new();
    for e in edges {
        if e.weight <= 0
            || e.request >= requests
            || e.volunteer >= volunteers
            || capacity[e.volunteer] == 0
        {
            continue;
        }
        used_request[e.request] = true;
        used_volunteer[e.volunteer] = true;
        let at = g.add(node_r(e.request), node_v(e.volunteer), 1, -e.weight);
        pair_arcs.push((e.request, e.volunteer, at));
    }
    for r in (0..requests).filter(|r| used_request[*r]) {
        g.add(source, node_r(r), 1, 0);
    }
    for v in (0..volunteers).filter(|v| used_volunteer[*v]) {
        g.add(node_v(v), sink, i64::from(capacity[v]), 0);
    }

    // Initial potentials: shortest distances in the acyclic starting graph, so that every
    // reduced cost is ≥ 0 and Dijkstra applies.
    let mut potential = vec![0i64; sink + 1];
    for (_, v, (from, i)) in &pair_arcs {
        let cost = g.arcs[*from][*i].cost;
        let p = &mut potential[node_v(*v)];
        *p = (*p).min(cost);
    }
    potential[sink] = (0..volunteers)
        .filter(|v| used_volunteer[*v])
        .map(|v| potential[node_v(v)])
        .min()
        .unwrap_or(0);

    let mut dist = vec![UNREACHED; sink + 1];
    let mut prev: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); sink + 1];
    let mut done = vec![false; sink + 1];
    loop {
        dist.fill(UNREACHED);
        done.fill(false);
        dist[source] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0i64, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            if u == sink {
                break;
            }
            for (i, a) in g.arcs[u].iter().enumerate() {
                if a.cap <= 0 || done[a.to] {
                    continue;
                }
                let nd = d + a.cost + potential[u] - potential[a.to];
                if nd < dist[a.to] {
                    dist[a.to] = nd;
                    prev[a.to] = (u, i);
                    heap.push(Reverse((nd, a.to)));
                }
            }
        }
        if !done[sink] {
            break;
        }
        let to_sink = dist[sink];
        // The real cost of the path: below zero means one more match raises the total.
        let path_cost = to_sink + potential[sink] - potential[source];
        for (p, d) in potential.iter_mut().zip(&dist) {
            if *d != UNREACHED {
                *p += (*d).min(to_sink);
            } else {
                *p += to_sink;
            }
        }
        if path_cost >= 0 {
            break;
        }
        let mut v = sink;
        while v != source {
            let (u, i) = prev[v];
            let rev = g.arcs[u][i].rev;
            g.arcs[u][i].cap -= 1;
            g.arcs[v][rev].cap += 1;
            v = u;
        }
    }

    let mut chosen = vec![None; requests];
    for (r, v, (from, i)) in pair_arcs {
        if g.arcs[from][i].cap == 0 {
            chosen[r] = Some(v);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(edges: &[Edge], chosen: &[Option<usize>]) -> i64 {
        chosen
            .iter()
            .enumerate()
            .filter_map(|(r, v)| {
                let v = (*v)?;
                edges
                    .iter()
                    .filter(|e| e.request == r && e.volunteer == v)
                    .map(|e| e.weight)
                    .max()
            })
            .sum()
    }

    fn respects_capacity(capacity: &[u32], chosen: &[Option<usize>]) -> bool {
        capacity
            .iter()
            .enumerate()
            .all(|(v, c)| chosen.iter().filter(|x| **x == Some(v)).count() <= *c as usize)
    }

    /// Tries every assignment (each request: nobody or one of its edges).
    fn brute_force(requests: usize, capacity: &[u32], edges: &[Edge]) -> i64 {
        fn go(
            r: usize,
            requests: usize,
            left: &mut Vec<u32>,
            edges: &[Edge],
            acc: i64,
            best: &mut i64,
        ) {
            if r == requests {
                *best = (*best).max(acc);
                return;
            }
            go(r + 1, requests, left, edges, acc, best);
            for e in edges.iter().filter(|e| e.request == r && e.weight > 0) {
                if left[e.volunteer] > 0 {
                    left[e.volunteer] -= 1;
                    go(r + 1, requests, left, edges, acc + e.weight, best);
                    left[e.volunteer] += 1;
                }
            }
        }
        let mut best = 0;
        go(0, requests, &mut capacity.to_vec(), edges, 0, &mut best);
        best
    }

    /// A small deterministic generator (xorshift), so the cases are the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn matches_brute_force_on_many_small_cases() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for case in 0..400 {
            let requests = 1 + rng.next(6) as usize;
            let volunteers = 1 + rng.next(4) as usize;
            let capacity: Vec<u32> = (0..volunteers).map(|_| rng.next(3) as u32).collect();
            let mut edges = Vec::new();
            for r in 0..requests {
                for v in 0..volunteers {
                    if rng.next(4) != 0 {
                        edges.push(Edge {
                            request: r,
                            volunteer: v,
                            weight: 1 + rng.next(100) as i64,
                        });
                    }
                }
            }
            let chosen = solve(requests, &capacity, &edges);
            assert!(respects_capacity(&capacity, &chosen), "case {case}");
            assert_eq!(
                total(&edges, &chosen),
                brute_force(requests, &capacity, &edges),
                "case {case}: {requests} requests, capacity {capacity:?}, edges {edges:?}"
            );
            for (r, v) in chosen.iter().enumerate() {
                if let Some(v) = v {
                    assert!(edges.iter().any(|e| e.request == r && e.volunteer == *v));
                }
            }
        }
    }

    #[test]
    fn prefers_the_better_total_over_the_greedy_choice() {
        // Greedy gives volunteer 0 to request 0 (weight 10) and leaves request 1 with
        // nothing; the best total (9 + 8) gives request 0 volunteer 1.
        let edges = [
            Edge {
                request: 0,
                volunteer: 0,
                weight: 10,
            },
            Edge {
                request: 0,
                volunteer: 1,
                weight: 9,
            },
            Edge {
                request: 1,
                volunteer: 0,
                weight: 8,
            },
        ];
        assert_eq!(solve(2, &[1, 1], &edges), vec![Some(1), Some(0)]);
    }

    #[test]
    fn capacity_zero_and_bad_edges_are_ignored() {
        let edges = [
            Edge {
                request: 0,
                volunteer: 0,
                weight: 50,
            },
            Edge {
                request: 0,
                volunteer: 1,
                weight: -5,
            },
            Edge {
                request: 1,
                volunteer: 7,
                weight: 5,
            },
            Edge {
                request: 9,
                volunteer: 1,
                weight: 5,
            },
        ];
        assert_eq!(solve(2, &[0, 1], &edges), vec![None, None]);
        assert_eq!(solve(0, &[], &[]), Vec::<Option<usize>>::new());
    }

    #[test]
    fn a_volunteer_with_room_takes_several() {
        let edges: Vec<Edge> = (0..5)
            .map(|r| Edge {
                request: r,
                volunteer: 0,
                weight: 3,
            })
            .collect();
        let chosen = solve(5, &[3], &edges);
        assert_eq!(chosen.iter().filter(|c| c.is_some()).count(), 3);
    }
}
