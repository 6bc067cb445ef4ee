//! The trainee's session in the page: one signal holding the core's `Session`, saved to
//! browser storage whenever it changes and restored on load. Stored data that cannot be
//! read back is kept aside and reported, never silently dropped.

use crate::platform::share::ShareError;
use crate::platform::storage::{Document, SaveError, Stored};
use leptos::prelude::*;
use takt_core::model::DEFAULT_SEED;
use takt_core::training::session::{Session, SessionError};

/// Where the session lives in browser storage (`takt.v1.session`).
pub const SESSION_KEY: Document = Document::new("session");

/// Something the trainee must know about their stored session. Each says why as a value,
/// worded in the interface language when shown (`crate::refusals`).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The stored session could not be read; it was kept under `copy` and the app started clean.
    Corrupt { error: SessionError, copy: String },
    /// The session could not be saved (storage unavailable or full).
    NotSaved(SaveError),
    /// A scenario opened from a share link; the session it replaced (if it had rounds) was
    /// kept under `previous`.
    Shared { previous: Option<String> },
    /// A share link that could not be opened.
    SharedBroken(ShareError),
}

/// Where a session replaced by a shared scenario is kept.
pub const PREVIOUS_KEY: Document = Document::new("session.previous");

/// The session and its notices, shared through the Leptos context.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// The session (`None` before a scenario is chosen).
    pub session: RwSignal<Option<Session>>,
    /// A notice to show, if any.
    pub notice: RwSignal<Option<Notice>>,
}

impl SessionState {
    /// Restores the stored session and keeps saving it; call once, near the root.
    pub fn provide() -> SessionState {
        let (session, notice) = match SESSION_KEY.load(Session::from_json) {
            Stored::Absent => (None, None),
            Stored::Found(s) => (Some(s), None),
            Stored::Corrupt { error, copy } => (None, Some(Notice::Corrupt { error, copy })),
        };
        let state = SessionState {
            session: RwSignal::new(session),
            notice: RwSignal::new(notice),
        };
        Effect::watch(
            move || state.session.get(),
            move |session, _, _| match session {
                None => SESSION_KEY.clear(),
                Some(s) => {
                    let text = serde_json::to_string(s).unwrap_or_default();
                    match SESSION_KEY.save(&text) {
                        Ok(()) => {
                            if matches!(state.notice.get_untracked(), Some(Notice::NotSaved(_))) {
                                state.notice.set(None);
                            }
                        }
                        Err(e) => state.notice.set(Some(Notice::NotSaved(e))),
                    }
                }
            },
            false,
        );
        provide_context(state);
        state
    }

    /// The state provided by [`SessionState::provide`].
    pub fn get() -> SessionState {
        expect_context::<SessionState>()
    }

    /// Starts a session on a scenario from a share link (or reports the broken link). A
    /// session with rounds played is kept under [`PREVIOUS_KEY`] first.
    pub fn open_shared(&self, shared: Result<takt_core::Scenario, ShareError>) {
        match shared {
            Err(e) => self.notice.set(Some(Notice::SharedBroken(e))),
            Ok(sc) => {
                let previous = self.session.with_untracked(|s| {
                    let s = s.as_ref().filter(|s| !s.rounds.is_empty())?;
                    let text = serde_json::to_string(s).ok()?;
                    PREVIOUS_KEY.save(&text).ok()?;
                    Some(PREVIOUS_KEY.storage_name())
                });
                self.session
                    .set(Some(Session::new("shared", sc, DEFAULT_SEED)));
                self.notice.set(Some(Notice::Shared { previous }));
            }
        }
    }

    /// Changes the session (if there is one).
    pub fn update(&self, f: impl FnOnce(&mut Session)) {
        self.session.update(|s| {
            if let Some(s) = s {
                f(s);
            }
        });
    }
}
