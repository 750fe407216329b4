//! The browser entry point: hydrates the server-rendered page.
// The whole app's view type is one deeply nested type: without `--cfg erase_components`
// (the release build) computing its layout overflows the default query depth of 128.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Async hydration: it loads a lazy route's split-out code before hydrating it.
    app::hydrate();
}
