//! Readers for argument-graph formats other than argmap's RON.
//!
//! [`bag`] turns text into a [`crate::Parsed`] model with positions, which then
//! goes through [`crate::validate`] like a RON file. [`af`], [`apx`] and [`tgf`]
//! read abstract argumentation frameworks straight into a
//! [`crate::dung::Framework`]. [`json`] reads and writes argmap's JSON model,
//! the RON model one-to-one.

pub mod af;
pub mod apx;
pub mod bag;
pub(crate) mod intern;
pub mod json;
pub mod tgf;
