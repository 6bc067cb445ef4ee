//! Sharing the draft: a link to the trainee's page carrying the scenario
//! ([`crate::platform::share`]), shown as text that wraps inside its card, copied to the
//! clipboard, and drawn as a QR code (made here, no network) that opens full screen for a
//! projector (Esc closes it). "Open in the trainee view" follows the same link.

use super::Ed;
use crate::i18n::t_string;
use crate::platform::share::{link_path, ShareError};
use crate::refusals::Explain;
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use takt_core::Scenario;

/// The scenario as the link carries it: compact JSON (defaults left out by the format), which
/// compresses shorter than the pretty text of the draft.
fn link_text(ed: Ed) -> Option<String> {
    ed.checked.with_untracked(|c| {
        c.as_ref()
            .ok()
            .and_then(|sc: &Scenario| serde_json::to_string(sc).ok())
    })
}

/// Opens the draft in the trainee's page (which keeps a session with rounds played).
pub(super) fn open_in_trainee(ed: Ed) {
    let Some(text) = link_text(ed) else { return };
    leptos::task::spawn_local(async move {
        if let Ok(path) = link_path(&text).await {
            let _ = window().location().assign(&path);
        }
    });
}

/// The QR code of `text` as the SVG path of its dark modules (one rectangle per run of dark
/// modules in a row) and its size in modules; `None` when the text is too long for a QR code.
pub(crate) fn qr_path(text: &str) -> Option<(i32, String)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = code.size();
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if code.get_module(x, y) {
                let start = x;
                while x < size && code.get_module(x, y) {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some((size, d))
}

/// The QR code as an SVG image (with its quiet zone), scaled by CSS.
pub(crate) fn qr_svg(size: i32, d: String, label: String, testid: &'static str) -> impl IntoView {
    let view_box = format!("-4 -4 {} {}", size + 8, size + 8);
    view! {
        <svg class="qr" data-testid=testid viewBox=view_box role="img" aria-label=label
            shape-rendering="crispEdges" data-modules=size.to_string()>
            <rect x="-4" y="-4" width=(size + 8).to_string() height=(size + 8).to_string() fill="#fff" />
            <path d=d fill="#000" />
        </svg>
    }
}

/// The share button and, once made, the link with its QR code.
pub(super) fn share_card(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let link = RwSignal::new(None::<Result<String, ShareError>>);
    // Whether the clipboard took the link (`None`: not tried yet).
    let copied = RwSignal::new(None::<bool>);
    let full = RwSignal::new(false);
    // A link made from an earlier draft is not shown as this one's.
    Effect::watch(
        move || ed.text.track(),
        move |_, _, _| {
            link.set(None);
            full.set(false);
        },
        false,
    );
    let copy = move |text: String| {
        leptos::task::spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(ok));
        });
    };
    let make = move |_| {
        let Some(text) = link_text(ed) else { return };
        leptos::task::spawn_local(async move {
            match link_path(&text).await {
                Err(e) => link.set(Some(Err(e))),
                Ok(path) => {
                    let origin = window().location().origin().unwrap_or_default();
                    let made = format!("{origin}{path}");
                    link.set(Some(Ok(made.clone())));
                    copy(made);
                }
            }
        });
    };
    // Esc closes the full-screen code.
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && full.get_untracked() {
            full.set(false);
        }
    });
    on_cleanup(move || esc.remove());
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if full.get() {
            // Once the overlay is shown (focus does not go to a hidden element).
            request_animation_frame(move || {
                if let Some(b) = close_ref.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    });
    let valid = move || ed.checked.with(Result::is_ok);
    let made = move || {
        link.get().map(|made| match made {
            Err(e) => view! { <p class="field-error" role="alert" data-testid="ed-share-error">{move || e.explain()}</p> }.into_any(),
            Ok(url) => {
                let qr = qr_path(&url);
                let chars = url.chars().count();
                let small = qr.clone().map(|(size, d)| {
                    view! {
                        <button type="button" class="qr-button" data-testid="ed-qr-open"
                            aria-label=move || t_string!(i18n, editor_qr_full).to_string()
                            on:click=move |_| full.set(true)>
                            {qr_svg(size, d, String::new(), "ed-qr")}
                        </button>
                    }
                });
                let too_long = qr.is_none().then(|| view! { <p class="field-error" data-testid="ed-qr-too-long">{tx!(i18n, editor_qr_too_long)}</p> });
                let overlay = qr.map(|(size, d)| {
                    let d2 = d.clone();
                    view! {
                        <div class="qr-full" role="dialog" aria-modal="true" data-testid="ed-qr-full"
                            aria-label=move || t_string!(i18n, editor_qr_full).to_string()
                            hidden=move || !full.get() on:click=move |_| full.set(false)>
                            {move || full.get().then(|| qr_svg(size, d2.clone(), t_string!(i18n, editor_qr_full).to_string(), "ed-qr-large"))}
                            <button type="button" node_ref=close_ref data-testid="ed-qr-close" on:click=move |_| full.set(false)>
                                {tx!(i18n, editor_qr_close)}
                            </button>
                        </div>
                    }
                });
                let text = url.clone();
                view! {
                    <div class="share-made">
                        <div class="share-text">
                            <p class="hint" data-testid="ed-share-status">
                                {move || match copied.get() {
                                    Some(true) => t_string!(i18n, editor_share_done).to_string(),
                                    Some(false) => t_string!(i18n, editor_share_copy_refused).to_string(),
                                    None => String::new(),
                                }}
                            </p>
                            <label for="ed-share-text">{tx!(i18n, editor_share_link)}</label>
                            <textarea id="ed-share-text" class="share-link" data-testid="ed-share-text" readonly rows="4"
                                spellcheck="false" prop:value=url.clone()
                                on:focus:target=move |ev| ev.target().select()></textarea>
                            <div class="actions">
                                <button type="button" data-testid="ed-share-copy" on:click=move |_| copy(text.clone())>
                                    {tx!(i18n, editor_share_copy)}
                                </button>
                                <a data-testid="ed-share-link" href=url.clone() target="_blank" rel="noopener">{tx!(i18n, editor_share_try)}</a>
                            </div>
                            <p class="hint" data-testid="ed-share-length">{move || t_string!(i18n, editor_share_length, n = chars).to_string()}</p>
                        </div>
                        {small}
                        {too_long}
                        {overlay}
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="share-card" data-testid="ed-share-card">
            <div class="actions">
                <button type="button" data-testid="ed-share" disabled=move || !valid() on:click=make>
                    {tx!(i18n, editor_share)}
                </button>
            </div>
            {made}
        </div>
    }
}
