//! The benchmark tools of issue 9 (see BENCHMARKS.md): a deterministic generator of synthetic
//! provinces in the CSV directory form of the fact contract, and the parse floor.
//!
//! INVARIANT: the generator's output depends only on the seed, the event count and the declared
//! vocabulary: integer arithmetic only, one hand-written PRNG (splitmix64), no hash-map order.

pub mod cal;
pub mod activities;
pub mod events;
pub mod rng;
pub mod shapes;
pub mod world;
pub mod write;
