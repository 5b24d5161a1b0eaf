//! Who manages whom once the file is applied: manager cells resolved to people, lines that depend on refused lines
//! refused in turn, and loops in the management chain refused.
//!
//! Invariants:
//! - a manager cell containing `@` is an email (case-insensitive), otherwise a full name compared [`fold`]ed; a name
//!   shared by several people is ambiguous unless exactly one of them is active;
//! - the file and the database are one graph: a line's manager may be another line of the file or a stored person,
//!   and a stored person not in the file keeps their stored manager;
//! - after [`settle`], no valid line's manager is a refused new line, and no valid line is on a loop (A manages B,
//!   B manages A), so the applied graph stays a forest.

use super::header::{fold, ImportField};
use super::parse::Parsed;
use super::report::ImportIssue;
use crate::model::{Id, PersonRow};
use std::collections::HashMap;

/// A person of the combined graph: stored (by id) or new (by index of its line among the parsed records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A stored person (possibly updated by the file).
    Db(Id),
    /// A person the file creates.
    Row(usize),
}

/// Lookups of people by email and by name, over the file and the database.
pub struct Directory<'a> {
    by_email: HashMap<String, Node>,
    by_name: HashMap<String, Vec<(Node, bool)>>,
    rows: &'a [Parsed],
}

impl<'a> Directory<'a> {
    /// Indexes the `keyed` lines (valid, unique email) and every stored person the file does not restate.
    pub fn new(rows: &'a [Parsed], keyed: &[bool], node_of: &[Node], db: &[PersonRow]) -> Self {
        let mut by_email = HashMap::with_capacity(rows.len() + db.len());
        let mut by_name: HashMap<String, Vec<(Node, bool)>> =
            HashMap::with_capacity(rows.len() + db.len());
        let mut restated: HashMap<Id, bool> = HashMap::with_capacity(db.len());
        let stored_active: HashMap<Id, bool> = db.iter().map(|p| (p.id, p.active)).collect();
        for p in db {
            by_email.insert(p.email.to_lowercase(), Node::Db(p.id));
        }
        for (r, row) in rows.iter().enumerate() {
            if !keyed[r] {
                continue;
            }
            let node = node_of[r];
            by_email.insert(row.email.to_lowercase(), node);
            let stored_active = match node {
                Node::Db(id) => {
                    restated.insert(id, true);
                    stored_active.get(&id).copied().unwrap_or(true)
                }
                Node::Row(_) => true,
            };
            by_name
                .entry(fold(&row.full_name))
                .or_default()
                .push((node, row.active.unwrap_or(stored_active)));
        }
        for p in db.iter().filter(|p| !restated.contains_key(&p.id)) {
            by_name
                .entry(fold(&p.full_name))
                .or_default()
                .push((Node::Db(p.id), p.active));
        }
        Directory {
            by_email,
            by_name,
            rows,
        }
    }

    /// Resolves the manager cell of line `r`; `Ok(None)` for an empty cell.
    pub fn resolve(&self, r: usize, value: &str, me: Node) -> Result<Option<Node>, ImportIssue> {
        let line = self.rows[r].line;
        let issue = |code: &str, message: String| {
            ImportIssue::new(line, Some(ImportField::Manager), code, value, message)
        };
        if value.is_empty() {
            return Ok(None);
        }
        let found = if value.contains('@') {
            self.by_email
                .get(&value.to_lowercase())
                .copied()
                .ok_or_else(|| {
                    issue(
                        "manager_not_found",
                        format!("nobody has the email {value:?}"),
                    )
                })?
        } else {
            let candidates = self
                .by_name
                .get(&fold(value))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let active: Vec<Node> = candidates
                .iter()
                .filter(|(_, a)| *a)
                .map(|(n, _)| *n)
                .collect();
            match (candidates, active.as_slice()) {
                ([], _) => {
                    return Err(issue(
                        "manager_not_found",
                        format!("nobody is named {value:?}"),
                    ))
                }
                ([(only, _)], _) | (_, [only]) => *only,
                _ => {
                    return Err(issue(
                        "ambiguous_manager",
                        format!(
                            "{} people are named {value:?}; give the manager's email",
                            candidates.len()
                        ),
                    ))
                }
            }
        };
        if found == me {
            return Err(issue(
                "self_manager",
                "a person cannot be their own manager".into(),
            ));
        }
        Ok(Some(found))
    }
}

/// Refuses, until nothing changes, the valid lines whose manager is a refused new line and the valid lines on a
/// management loop. `manager[r]` is line `r`'s manager after the import; `stored` is each stored person's manager.
pub fn settle(
    rows: &[Parsed],
    valid: &mut [bool],
    node_of: &[Node],
    manager: &[Option<Node>],
    stored: &HashMap<Id, Option<Id>>,
    issues: &mut Vec<ImportIssue>,
) {
    let row_of: HashMap<Node, usize> = node_of.iter().enumerate().map(|(r, n)| (*n, r)).collect();
    loop {
        let mut changed = true;
        while changed {
            changed = false;
            for r in 0..rows.len() {
                if let (true, Some(Node::Row(t))) = (valid[r], manager[r]) {
                    if !valid[t] {
                        valid[r] = false;
                        changed = true;
                        issues.push(ImportIssue::new(
                            rows[r].line,
                            Some(ImportField::Manager),
                            "manager_invalid",
                            rows[r].manager.as_deref().unwrap_or(""),
                            format!("the manager's own line ({}) is refused", rows[t].line),
                        ));
                    }
                }
            }
        }
        let next = |node: Node| -> Option<Node> {
            match row_of.get(&node) {
                Some(&r) if valid[r] => manager[r],
                _ => match node {
                    Node::Db(id) => stored.get(&id).copied().flatten().map(Node::Db),
                    Node::Row(_) => None,
                },
            }
        };
        let on_loop = loop_members(rows.len(), valid, node_of, next);
        if on_loop.is_empty() {
            return;
        }
        for r in on_loop {
            valid[r] = false;
            issues.push(ImportIssue::new(
                rows[r].line,
                Some(ImportField::Manager),
                "manager_cycle",
                rows[r].manager.as_deref().unwrap_or(""),
                "this person would end up managing, directly or not, their own manager",
            ));
        }
    }
}

/// The valid lines whose person lies on a loop of `next`.
fn loop_members(
    n: usize,
    valid: &[bool],
    node_of: &[Node],
    next: impl Fn(Node) -> Option<Node>,
) -> Vec<usize> {
    // 1 = on the path being walked, 2 = finished; loops are found when a walk meets its own path.
    let mut state: HashMap<Node, u8> = HashMap::with_capacity(n);
    let mut on_loop: std::collections::HashSet<Node> = std::collections::HashSet::new();
    for r in (0..n).filter(|&r| valid[r]) {
        let mut path = Vec::new();
        let mut current = Some(node_of[r]);
        while let Some(node) = current {
            match state.get(&node) {
                Some(2) => break,
                Some(_) => {
                    if let Some(start) = path.iter().position(|p| *p == node) {
                        on_loop.extend(path[start..].iter().copied());
                    }
                    break;
                }
                None => {
                    state.insert(node, 1);
                    path.push(node);
                    current = next(node);
                }
            }
        }
        for node in path {
            state.insert(node, 2);
        }
    }
    (0..n)
        .filter(|&r| valid[r] && on_loop.contains(&node_of[r]))
        .collect()
}
