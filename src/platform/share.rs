//! Scenario links: a scenario's JSON, compressed into the URL fragment of the trainee's page
//! (`/#scenario=<code>`, never sent to a server). The editor makes them (to share, and to open
//! its draft in the trainee's page); the trainee's page opens them.

use leptos::prelude::window;
use takt_core::{Errors, Scenario};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/platform/share.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
}

/// The URL fragment that carries a shared scenario: `#scenario=<compressed JSON>`.
const SHARE_PREFIX: &str = "#scenario=";

/// Why a scenario link could not be made or opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The browser could not compress the scenario into a link.
    Compress,
    /// The link's code does not decompress (cut short, altered).
    Damaged,
    /// The link holds something that is not a valid scenario: every problem at its field.
    Invalid(Errors),
}

/// The path (from the site's root) of the trainee's page opening `scenario_json`.
pub async fn link_path(scenario_json: &str) -> Result<String, ShareError> {
    let code = pack(scenario_json)
        .await
        .map_err(|_| ShareError::Compress)?;
    Ok(format!(
        "/{SHARE_PREFIX}{}",
        code.as_string().unwrap_or_default()
    ))
}

/// The scenario carried by the page's URL fragment, if any (then the fragment is cleared,
/// so that a reload does not open it again).
pub async fn shared_scenario() -> Option<Result<Scenario, ShareError>> {
    let hash = window().location().hash().ok()?;
    let code = hash.strip_prefix(SHARE_PREFIX)?.to_owned();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("/"));
    }
    let text = match unpack(&code).await {
        Ok(v) => v.as_string().unwrap_or_default(),
        Err(_) => return Some(Err(ShareError::Damaged)),
    };
    Some(Scenario::from_json(&text).map_err(ShareError::Invalid))
}

/// The scenario carried by a pasted link (a whole link, or its `#scenario=…` fragment), for
/// the instructor's desk; `None` when the text holds no scenario fragment.
pub async fn scenario_of_link(link: &str) -> Option<Result<Scenario, ShareError>> {
    let at = link.find(SHARE_PREFIX)?;
    let code = link[at + SHARE_PREFIX.len()..].trim();
    let text = match unpack(code).await {
        Ok(v) => v.as_string().unwrap_or_default(),
        Err(_) => return Some(Err(ShareError::Damaged)),
    };
    Some(Scenario::from_json(&text).map_err(ShareError::Invalid))
}
