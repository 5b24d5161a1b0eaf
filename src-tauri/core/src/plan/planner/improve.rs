//! Local-search moves over a [`State`]: each one is kept only when the objective strictly improves, and is undone
//! exactly otherwise (the state's counters make removal the inverse of addition). Every placement goes through
//! [`State::feasible`] or restores a place that was feasible a moment before, so no move can break a hard rule.

use super::model::Place;
use super::solve::State;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, Ordering};

/// For visitors still short: take one exchange out, place the short visitor, put the other back at their best place;
/// kept only if the objective strictly improves. Bounded to a fixed number of attempts.
pub(super) fn eject(
    st: &mut State<'_>,
    queue: &[usize],
    eligible: &[Vec<usize>],
    order: &[u32],
    cancel: &AtomicBool,
) {
    let inst = st.inst;
    let mut budget = 400usize;
    for &v in queue {
        let mut i = 0;
        while st.count[v] < inst.targets[v] && i < st.items.len() {
            if budget == 0 || cancel.load(Ordering::Relaxed) {
                return;
            }
            let (u, old) = st.items[i];
            i += 1;
            if u == v || !inst.compatible(inst.visitors[v], old.host) {
                continue;
            }
            budget -= 1;
            let before = st.parts.total(&st.w);
            let at = st
                .items
                .iter()
                .position(|x| *x == (u, old))
                .unwrap_or(i - 1);
            st.remove(at);
            let mut added = 0;
            if let Some((p, _)) = st.best(v, &eligible[v], order) {
                st.add(v, p);
                added += 1;
                if let Some((q, _)) = st.best(u, &eligible[u], order) {
                    st.add(u, q);
                    added += 1;
                }
            }
            if st.parts.total(&st.w) > before {
                continue;
            }
            for _ in 0..added {
                let last = st.items.len() - 1;
                st.remove(last);
            }
            st.add(u, old);
        }
    }
}

/// Takes one exchange out and puts its visitor back at their best place, if strictly better.
pub(super) fn relocate(
    st: &mut State<'_>,
    eligible: &[Vec<usize>],
    order: &[u32],
    rng: &mut ChaCha8Rng,
) {
    let i = rng.random_range(0..st.items.len());
    let (v, old, g) = st.remove(i);
    let old_score = g.total(&st.w);
    match st.best(v, &eligible[v], order) {
        Some((p, s)) if s > old_score => {
            st.add(v, p);
        }
        _ => {
            st.add(v, old);
        }
    }
}

/// Exchanges the hosts of two exchanges on the same kind of half-day, if both stay feasible and the total improves.
pub(super) fn swap_hosts(st: &mut State<'_>, rng: &mut ChaCha8Rng) {
    let n = st.items.len();
    let (i, j) = (rng.random_range(0..n), rng.random_range(0..n));
    let ((v1, p1), (v2, p2)) = (st.items[i], st.items[j]);
    if i == j || p1.host == p2.host || v1 == v2 {
        return;
    }
    let inst = st.inst;
    if !inst.compatible(inst.visitors[v1], p2.host) || !inst.compatible(inst.visitors[v2], p1.host)
    {
        return;
    }
    let before = st.parts.total(&st.w);
    let (hi, lo) = (i.max(j), i.min(j));
    st.remove(hi);
    st.remove(lo);
    let q1 = Place {
        host: p2.host,
        ..p1
    };
    let q2 = Place {
        host: p1.host,
        ..p2
    };
    if st.feasible(v1, q1) {
        st.add(v1, q1);
        if st.feasible(v2, q2) {
            st.add(v2, q2);
            if st.parts.total(&st.w) > before {
                return;
            }
            let last = st.items.len() - 1;
            st.remove(last);
        }
        let last = st.items.len() - 1;
        st.remove(last);
    }
    st.add(v1, p1);
    st.add(v2, p2);
}
