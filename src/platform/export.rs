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

/// The properties a chart's look comes from, copied from the page's style sheet onto each
/// element of an exported SVG as presentation attributes (a file on its own has no style
/// sheet, and the page's policy allows no inline style).
const SVG_LOOK: [&str; 9] = [
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
];

/// The SVG `svg` as a file of its own: its markup with each element's computed look written
/// into its presentation attributes, so that it looks the same opened anywhere.
pub fn standalone_svg(svg: &web_sys::Element) -> Option<String> {
    let window = web_sys::window()?;
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let (from, to) = (
        svg.query_selector_all("*").ok()?,
        copy.query_selector_all("*").ok()?,
    );
    let elements = std::iter::once((svg.clone(), copy.clone())).chain(
        (0..from.length())
            .filter_map(|k| Some((from.item(k)?.dyn_into().ok()?, to.item(k)?.dyn_into().ok()?))),
    );
    for (original, copied) in elements {
        let Ok(Some(look)) = window.get_computed_style(&original) else {
            continue;
        };
        for p in SVG_LOOK {
            if let Ok(v) = look.get_property_value(p) {
                if !v.is_empty() {
                    let _ = copied.set_attribute(p, &v);
                }
            }
        }
        let _ = copied.remove_attribute("class");
    }
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        copy.outer_html()
    ))
}
