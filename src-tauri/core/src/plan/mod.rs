//! Planning engines: suggestions the manager reviews before anything is written.

pub mod planner;
pub mod rota;
