//! Readers for argument-graph formats other than argmap's RON.
//!
//! Each reader turns text into a [`crate::Parsed`] model with positions, which
//! then goes through [`crate::validate`] like a RON file.

pub mod bag;
