//! Requests to the classroom server (`takt classroom`, docs/classroom.md), on the page's own
//! origin: the method, the path, the team's secret as a bearer token, a JSON body; the
//! status and the text of the answer.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The server could not be reached, or its answer could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreachable(pub String);

/// An answer: its status and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn js_text(e: wasm_bindgen::JsValue) -> Unreachable {
    Unreachable(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the request failed".to_owned()),
    )
}

/// `method path` with `secret` as the bearer token and `body` as JSON.
pub async fn call(
    method: &str,
    path: &str,
    secret: Option<&str>,
    body: Option<String>,
) -> Result<Answer, Unreachable> {
    let window = web_sys::window().ok_or_else(|| Unreachable("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(js_text)?;
    if let Some(s) = secret {
        headers
            .set("Authorization", &format!("Bearer {s}"))
            .map_err(js_text)?;
    }
    if let Some(b) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(js_text)?;
        init.set_body(&wasm_bindgen::JsValue::from_str(&b));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(js_text)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(js_text)?
        .dyn_into()
        .map_err(js_text)?;
    let text = JsFuture::from(response.text().map_err(js_text)?)
        .await
        .map_err(js_text)?;
    Ok(Answer {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}
