//! Every pane and overlay drawn to a `TestBackend`, compared with insta
//! snapshots at 140x45, 80x24 and a tiny size.
