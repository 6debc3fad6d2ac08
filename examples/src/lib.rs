//! Runnable examples of mailbounce (see the `examples/` targets).
