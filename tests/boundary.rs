//! The panic boundary, in headless Chromium. In a test binary of its own: after the panic
//! the wasm instance is dead, so no other test may share it.

#![cfg(target_arch = "wasm32")]

use takt_app::trainee::session::SESSION_KEY;
use takt_core::training::session::Session;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A panic (the debug build's `#debug-panic` trigger) covers the page with the overlay: a
/// labelled alert dialog that says the work is saved, with the focus on its reload button
/// and the panic in its details. The saved session is untouched.
#[wasm_bindgen_test]
async fn a_panic_shows_the_overlay_and_the_saved_session_survives() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let (id, scenario) = takt_app::library::scenarios().remove(0);
    let saved = serde_json::to_string(&Session::new(id, scenario, 1)).unwrap();
    storage
        .set_item(&SESSION_KEY.storage_name(), &saved)
        .unwrap();

    takt_app::platform::boundary::install();
    let document = window.document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let _app = leptos::mount::mount_to(root, takt_app::App);
    sleep(50).await;
    assert!(
        document
            .query_selector("[data-testid=crash-overlay]")
            .unwrap()
            .is_none(),
        "no overlay before the panic"
    );

    window.location().set_hash("debug-panic").unwrap();
    sleep(200).await;

    let overlay = document
        .query_selector("[data-testid=crash-overlay]")
        .unwrap()
        .expect("the overlay is shown");
    assert_eq!(
        overlay.get_attribute("role").as_deref(),
        Some("alertdialog")
    );
    let text = overlay.text_content().unwrap();
    assert!(text.contains("Что-то пошло не так"), "{text}");
    assert!(text.contains("Ваша работа сохранена"), "{text}");
    assert!(text.contains("debug trigger: #debug-panic"), "{text}");
    let focused = document.active_element().expect("a focused element");
    assert_eq!(
        focused.get_attribute("data-testid").as_deref(),
        Some("crash-reload")
    );
    let kept = storage.get_item(&SESSION_KEY.storage_name()).unwrap();
    assert_eq!(
        Session::from_json(&kept.expect("a saved session")),
        Session::from_json(&saved),
        "the saved session survives"
    );
    window.location().set_hash("").unwrap();
}
