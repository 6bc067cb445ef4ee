//! Files in and out: the browser downloads text made in the page (nothing is sent
//! anywhere), and reads the files a user picks or drops, refusing oversized ones unread.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `name` of type `mime`. The error says what failed.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url).map_err(fail)
}

/// Hands the files just picked in a file input to `take`, then empties the input, so that
/// picking the same file again (after fixing it) is a change too.
pub fn take_picked(input: &web_sys::HtmlInputElement, take: impl FnOnce(web_sys::FileList)) {
    if let Some(files) = input.files() {
        take(files);
    }
    input.set_value("");
}

/// Why a picked file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// Over the size limit (both in bytes): refused unread.
    TooLarge { size: u64, limit: u64 },
    /// The browser could not read it as text.
    NotText,
}

/// Reads a picked or dropped file as text. A file over `limit` bytes is refused before it
/// is read (a wrong file picked by mistake must not freeze the page).
pub async fn read_text(file: &web_sys::File, limit: usize) -> Result<String, FileError> {
    if file.size() > limit as f64 {
        return Err(FileError::TooLarge {
            size: file.size() as u64,
            limit: limit as u64,
        });
    }
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(FileError::NotText)
}
