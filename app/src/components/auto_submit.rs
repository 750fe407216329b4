//! Progressive enhancement for GET filter forms: with JavaScript, a form submits itself
//! when a choice changes, or when typing pauses (debounced with gloo-timers); the router's
//! `<Form>` turns the submit into a client-side navigation, so no full reload happens.
//! Without JavaScript the form's own submit button does the same through a plain GET.

use leptos::ev::Event;

/// How long typing must pause before the search runs.
pub const TYPING_PAUSE_MS: u32 = 300;

#[cfg(feature = "hydrate")]
thread_local! {
    static PENDING: std::cell::RefCell<Option<gloo_timers::callback::Timeout>> =
        const { std::cell::RefCell::new(None) };
}

/// Submits the form of the event's target after `delay_ms` without further events
/// (0 submits at once). A newer call cancels the pending one.
pub fn submit_form_soon(ev: &Event, delay_ms: u32) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev.target().and_then(|t| {
            if let Some(input) = t.dyn_ref::<web_sys::HtmlInputElement>() {
                input.form()
            } else {
                t.dyn_ref::<web_sys::HtmlSelectElement>()
                    .and_then(|s| s.form())
            }
        });
        let Some(form) = form else { return };
        let submit = move || {
            let _ = form.request_submit();
        };
        PENDING.with(|p| {
            // Dropping a gloo Timeout cancels it.
            let mut pending = p.borrow_mut();
            pending.take();
            if delay_ms == 0 {
                submit();
            } else {
                *pending = Some(gloo_timers::callback::Timeout::new(delay_ms, submit));
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, delay_ms);
    }
}
