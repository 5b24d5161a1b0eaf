//! The search driver: greedy construction, most-constrained visitor first, then local search with a seeded RNG, a
//! last fill for the short and ejections; small instances restart from a few seeded orders and keep the best. Every
//! placement goes through [`State`], whose `feasible` holds the hard rules.

use super::improve;
use super::model::Instance;
use super::score::Weights;
use super::solve::State;
use super::{Phase, Progress};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs construction and improvement (several times from different seeded orders on small instances, keeping the
/// best). Deterministic for the same instance, weights and seed; stops early (keeping
/// a valid plan) when `cancel` is set.
pub fn solve<'a>(
    inst: &'a Instance,
    w: Weights,
    seed: u64,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> State<'a> {
    // Small instances are cheap: a few restarts from other orders, keeping the best, buy quality for free.
    let size = inst.visitors.len() * inst.hosts.len().max(1) * inst.days.len().max(1);
    let restarts = (200_000 / size.max(1)).clamp(1, 8) as u64;
    let mut best = run(inst, w, seed, cancel, progress);
    for r in 1..restarts {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let next = run(
            inst,
            w,
            seed.wrapping_add(r.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            cancel,
            progress,
        );
        if next.parts.total(&w) > best.parts.total(&w) {
            best = next;
        }
    }
    best
}

/// One construction and improvement from one seed.
fn run<'a>(
    inst: &'a Instance,
    w: Weights,
    seed: u64,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> State<'a> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut order: Vec<u32> = (0..inst.members.len() as u32).collect();
    order.shuffle(&mut rng);
    let mut st = State::new(inst, w);
    let eligible: Vec<Vec<usize>> = inst
        .visitors
        .iter()
        .map(|&v| {
            inst.hosts
                .iter()
                .copied()
                .filter(|&h| inst.compatible(v, h))
                .collect()
        })
        .collect();
    // Most constrained first: fewest free slots times fewest possible hosts.
    let slots = inst.slots();
    let mut queue: Vec<usize> = (0..inst.visitors.len()).collect();
    let free = |v: usize| {
        let m = inst.visitors[v];
        (0..slots).filter(|&s| !inst.blocked[inst.at(m, s)]).count()
    };
    let tightness: Vec<usize> = queue.iter().map(|&v| free(v) * eligible[v].len()).collect();
    queue.sort_by_key(|&v| (tightness[v], order[inst.visitors[v]]));
    let wanted: usize = inst.targets.iter().map(|&t| t as usize).sum();
    let rounds = inst.targets.iter().copied().max().unwrap_or(0);
    let mut done = 0;
    'construct: for round in 0..rounds {
        for &v in &queue {
            if cancel.load(Ordering::Relaxed) {
                break 'construct;
            }
            if inst.targets[v] <= round {
                continue;
            }
            if let Some((p, _)) = st.best(v, &eligible[v], &order) {
                st.add(v, p);
            }
            done += 1;
            if done % 64 == 0 {
                progress(Progress {
                    phase: Phase::Construct,
                    done,
                    total: wanted,
                });
            }
        }
    }
    let iterations = (4 * st.items.len()).clamp(200, 8000);
    for it in 0..iterations {
        if st.items.len() < 2 || (it % 64 == 0 && cancel.load(Ordering::Relaxed)) {
            break;
        }
        if it % 256 == 0 {
            progress(Progress {
                phase: Phase::Improve,
                done: it,
                total: iterations,
            });
        }
        if rng.random_bool(0.5) {
            improve::relocate(&mut st, &eligible, &order, &mut rng);
        } else {
            improve::swap_hosts(&mut st, &mut rng);
        }
    }
    // Moves may have freed room: try once more for whoever is short.
    for &v in &queue {
        while st.count[v] < inst.targets[v] && !cancel.load(Ordering::Relaxed) {
            match st.best(v, &eligible[v], &order) {
                Some((p, _)) => {
                    st.add(v, p);
                }
                None => break,
            }
        }
    }
    improve::eject(&mut st, &queue, &eligible, &order, cancel);
    st
}
