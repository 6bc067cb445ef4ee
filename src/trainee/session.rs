//! The trainee's session in the page: one signal holding the core's `Session`, saved to
//! browser storage whenever it changes and restored on load. Stored data that cannot be
//! read back is kept aside and reported, never silently dropped.
//!
//! A session replaced by another (a share link of another scenario, an imported session
//! file) is kept as the previous session ([`PREVIOUS_KEY`]) and can be brought back, which
//! keeps the one it replaces in its turn. A share link of the scenario already under way
//! (the same canonical fingerprint as result files carry) continues the session.

use crate::platform::export::FileError;
use crate::platform::share::ShareError;
use crate::platform::storage::{Document, SaveError, Stored};
use crate::platform::timing::mark;
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::json::MAX_DOCUMENT_BYTES;
use takt_core::training::result::fingerprint;
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
    /// A scenario opened from a share link; the session it replaced (if any) was kept as
    /// the previous session (`previous`: whether there was one).
    Shared { previous: bool },
    /// A share link of the scenario already under way: the session goes on at `round`.
    SharedSame { round: u32 },
    /// A session file was imported; the session it replaced (if any) was kept as the
    /// previous session.
    Imported { previous: bool },
    /// The previous session was brought back; the one it replaced (if any) is now the
    /// previous session.
    Restored,
    /// A share link that could not be opened.
    SharedBroken(ShareError),
}

/// Where a session replaced by a shared scenario is kept.
pub const PREVIOUS_KEY: Document = Document::new("session.previous");

/// Why a session file was not imported (the current session is kept as it is).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file could not be read (too large, not text).
    File(FileError),
    /// The text is not a session this page reads: the strict reader's problem at its field.
    Session(SessionError),
}

impl Explain for ImportError {
    fn explain(&self) -> String {
        match self {
            ImportError::File(e) => e.explain(),
            ImportError::Session(e) => e.explain(),
        }
    }
}

/// The session and its notices, shared through the Leptos context.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// The session (`None` before a scenario is chosen).
    pub session: RwSignal<Option<Session>>,
    /// A notice to show, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The previous session, kept in browser storage under [`PREVIOUS_KEY`] (`None`: none,
    /// or it could not be read back).
    pub previous: RwSignal<Option<Session>>,
}

impl SessionState {
    /// Restores the stored session and keeps saving it; call once, near the root.
    pub fn provide() -> SessionState {
        let (session, notice) = match SESSION_KEY.load(Session::from_json) {
            Stored::Absent => (None, None),
            Stored::Found(mut s) => {
                // A session stored before its first round by a page that let the team
                // choose takes the class's replications and seed.
                s.follow_class();
                (Some(s), None)
            }
            Stored::Corrupt { error, copy } => (None, Some(Notice::Corrupt { error, copy })),
        };
        let previous = match PREVIOUS_KEY.load(Session::from_json) {
            Stored::Found(s) => Some(s),
            _ => None,
        };
        let state = SessionState {
            session: RwSignal::new(session),
            notice: RwSignal::new(notice),
            previous: RwSignal::new(previous),
        };
        Effect::watch(
            move || state.session.get(),
            move |session, _, _| match session {
                None => SESSION_KEY.clear(),
                Some(s) => {
                    mark("takt:session:save");
                    let text = serde_json::to_string(s).unwrap_or_default();
                    let saved = SESSION_KEY.save(&text);
                    mark("takt:session:saved");
                    match saved {
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

    /// Opens a scenario from a share link (or reports the broken link). The same scenario
    /// as the session under way (same fingerprint) continues it; another one starts a new
    /// session, the current one kept as the previous session first.
    pub fn open_shared(&self, shared: Result<takt_core::Scenario, ShareError>) {
        match shared {
            Err(e) => self.notice.set(Some(Notice::SharedBroken(e))),
            Ok(sc) => {
                let same = self.session.with_untracked(|s| {
                    s.as_ref()
                        .filter(|s| fingerprint(&s.scenario) == fingerprint(&sc))
                        .map(|s| s.next_round().unwrap_or(s.total_rounds()))
                });
                if let Some(round) = same {
                    self.notice.set(Some(Notice::SharedSame { round }));
                    return;
                }
                if let Some(previous) = self.replace(Session::for_class("shared", sc)) {
                    self.notice.set(Some(Notice::Shared { previous }));
                }
            }
        }
    }

    /// Puts `session` in place of the current one, which is kept as the previous session
    /// (when there is one); returns whether one was kept. When it cannot be kept (storage
    /// full), nothing changes, a notice says why, and the answer is `None`.
    fn replace(&self, mut session: Session) -> Option<bool> {
        session.follow_class();
        // With no session open, the previous one stays as it is.
        let Some(current) = self.session.get_untracked() else {
            self.session.set(Some(session));
            return Some(false);
        };
        if !self.keep(current) {
            return None;
        }
        self.session.set(Some(session));
        Some(true)
    }

    /// Keeps `current` as the previous session; `false` (and a notice saying why) when it
    /// cannot be stored.
    fn keep(&self, current: Session) -> bool {
        let text = serde_json::to_string(&current).unwrap_or_default();
        if let Err(e) = PREVIOUS_KEY.save(&text) {
            self.notice.set(Some(Notice::NotSaved(e)));
            return false;
        }
        self.previous.set(Some(current));
        true
    }

    /// Closes the session ("new session"): one with rounds played is kept as the previous
    /// session first, to be brought back from the page. When it cannot be kept (storage
    /// full), it stays open and a notice says why.
    pub fn close(&self) {
        let Some(current) = self.session.get_untracked() else {
            return;
        };
        if !current.rounds.is_empty() && !self.keep(current) {
            return;
        }
        self.session.set(None);
    }

    /// Brings the previous session back; the current one becomes the previous session.
    pub fn restore_previous(&self) {
        let Some(previous) = self.previous.get_untracked() else {
            return;
        };
        if self.session.with_untracked(Option::is_none) {
            // Nothing open to keep in its place: the previous session is simply reopened.
            PREVIOUS_KEY.clear();
            self.previous.set(None);
        }
        if self.replace(previous).is_some() {
            self.notice.set(Some(Notice::Restored));
        }
    }

    /// Imports a session file (`Session::from_json`, the strict reader). The current session
    /// is kept as the previous one; a file that is not a session changes nothing.
    pub async fn import(&self, file: web_sys::File) -> Result<(), ImportError> {
        let text = crate::platform::export::read_text(&file, MAX_DOCUMENT_BYTES)
            .await
            .map_err(ImportError::File)?;
        let session = Session::from_json(&text).map_err(ImportError::Session)?;
        if let Some(previous) = self.replace(session) {
            self.notice.set(Some(Notice::Imported { previous }));
        }
        Ok(())
    }

    /// Opens `session` (a live class's copy from its server) in place of the current one,
    /// which is kept as the previous session.
    pub fn adopt(&self, session: Session) {
        self.replace(session);
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
