//! What the API answers when it cannot do what was asked: a status and a JSON body
//! `{"error": kind, "message": text, "fields": [{"path", "message"}]}` whose `fields` name
//! every field at fault (the same paths as the app's and the CLI's readers). Nothing else
//! reaches a client: an internal failure is reported as such, its detail on the server's
//! standard error only.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One field at fault.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// A JSON path into the request's body (empty: the whole body).
    pub path: String,
    pub message: String,
}

/// Why a request was refused.
#[derive(Debug)]
pub enum ApiError {
    /// No token, or not the right one (401).
    Unauthorized,
    /// No such class, team or join code (404).
    NotFound(&'static str),
    /// Not now, at this field: the round is closed (`rounds`), the name is taken (`team`),
    /// every round has been started (`action`) (409).
    Conflict(Field),
    /// The body is larger than the limit (413), refused before it is read.
    TooLarge { limit: usize },
    /// The body is not what it should be: every field at fault (422).
    Invalid(Vec<Field>),
    /// The server failed (500); the detail goes to its standard error only.
    Internal(String),
}

impl ApiError {
    /// One field at fault.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Invalid(vec![Field {
            path: path.into(),
            message: message.into(),
        }])
    }

    /// A conflict at `path`.
    pub fn conflict(path: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Conflict(Field {
            path: path.into(),
            message: message.into(),
        })
    }

    /// The core's field errors, as they are.
    pub fn fields(errors: &takt_core::Errors) -> ApiError {
        ApiError::Invalid(
            errors
                .iter()
                .map(|e| Field {
                    path: e.path.clone(),
                    message: e.problem.to_string(),
                })
                .collect(),
        )
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    message: String,
    #[serde(skip_serializing_if = "<[Field]>::is_empty")]
    fields: &'a [Field],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, kind, message, fields) = match &self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this needs the right token or team secret".to_owned(),
                &[][..],
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no such {what}"),
                &[][..],
            ),
            ApiError::Conflict(f) => (
                StatusCode::CONFLICT,
                "conflict",
                format!("{}: {}", f.path, f.message),
                std::slice::from_ref(f),
            ),
            ApiError::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the body is larger than {limit} bytes"),
                &[][..],
            ),
            ApiError::Invalid(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                fields
                    .iter()
                    .map(|f| {
                        if f.path.is_empty() {
                            f.message.clone()
                        } else {
                            format!("{}: {}", f.path, f.message)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                fields.as_slice(),
            ),
            ApiError::Internal(detail) => {
                eprintln!("takt classroom: internal error: {detail}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed; the class's data is kept".to_owned(),
                    &[][..],
                )
            }
        };
        (
            status,
            axum::Json(Body {
                error: kind,
                message,
                fields,
            }),
        )
            .into_response()
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::TeamTaken => ApiError::conflict("team", e.to_string()),
            e => ApiError::Internal(e.to_string()),
        }
    }
}
