//! JavaScript API (wasm-bindgen). Stub: the infra work fills this in.
