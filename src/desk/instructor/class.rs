//! The class's scenario: the one every team's result file is checked against. Any
//! scenario will do: a built-in, a scenario file, the editor's current draft, or a share
//! link. It is remembered across reloads (`takt.v1.desk.scenario`), and the desk shows
//! which one is in force (its title and a short fingerprint).

use crate::desk::draft::saved_scenario;
use crate::i18n::{t_string, use_i18n};
use crate::library;
use crate::platform::export::{take_picked, FileError};
use crate::platform::share::{scenario_of_link, ShareError};
use crate::platform::storage::{Document, Stored};
use crate::refusals::Explain;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use serde::{Deserialize, Serialize};
use takt_core::training::result::fingerprint;
use takt_core::{Errors, Scenario};

/// Where the class's scenario is kept.
pub const CLASS_KEY: Document = Document::new("desk.scenario");

/// Characters of the fingerprint shown (of 64).
pub const SHORT_FINGERPRINT: usize = 12;

/// Where the class's scenario came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A built-in scenario, by its library id.
    Builtin(String),
    /// A scenario file, by its name.
    File(String),
    /// The editor's draft, as it was when taken.
    Editor,
    /// A share link.
    Link,
    /// A live class of `takt classroom`, by its join code.
    Classroom(String),
}

/// The class's scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassScenario {
    pub source: Source,
    pub scenario: Scenario,
    /// [`fingerprint`] of the scenario: what result files name.
    pub fingerprint: String,
}

/// The stored form: the scenario as its canonical JSON, read back by the strict reader.
#[derive(Serialize, Deserialize)]
struct StoredClass {
    source: Source,
    scenario: String,
}

impl ClassScenario {
    pub fn new(source: Source, scenario: Scenario) -> Self {
        let fingerprint = fingerprint(&scenario);
        Self {
            source,
            scenario,
            fingerprint,
        }
    }

    /// The first built-in scenario (the desk's choice before any other).
    pub fn default_builtin() -> Self {
        let (id, sc) = library::scenarios()
            .into_iter()
            .next()
            .expect("the library has scenarios");
        Self::new(Source::Builtin(id.to_owned()), sc)
    }

    /// The remembered class scenario, or the first built-in (a stored one that cannot be
    /// read is kept aside by [`Document::load`]).
    pub fn remembered() -> Self {
        let read = |text: &str| -> Result<ClassScenario, ()> {
            let stored: StoredClass = serde_json::from_str(text).map_err(|_| ())?;
            let scenario = Scenario::from_json(&stored.scenario).map_err(|_| ())?;
            Ok(ClassScenario::new(stored.source, scenario))
        };
        match CLASS_KEY.load(read) {
            Stored::Found(c) => c,
            _ => Self::default_builtin(),
        }
    }

    /// Remembers this scenario for the next visit.
    pub fn remember(&self) {
        let stored = StoredClass {
            source: self.source.clone(),
            scenario: self.scenario.to_json(),
        };
        let _ = CLASS_KEY.save(&serde_json::to_string(&stored).unwrap_or_default());
    }

    /// The fingerprint's first [`SHORT_FINGERPRINT`] characters.
    pub fn short_fingerprint(&self) -> &str {
        &self.fingerprint[..SHORT_FINGERPRINT.min(self.fingerprint.len())]
    }
}

/// Why a scenario could not be taken for the class (the class keeps the one it had).
#[derive(Debug, Clone, PartialEq)]
pub enum PickError {
    /// The picked file could not be read.
    File(FileError),
    /// The file is not a valid scenario: every problem at its field.
    Scenario(Errors),
    /// The link does not open.
    Link(ShareError),
    /// The text holds no scenario link.
    NotALink,
    /// The editor holds no valid scenario.
    NoDraft,
}

impl Explain for PickError {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            PickError::File(e) => e.explain(),
            PickError::Scenario(e) => e.explain(),
            PickError::Link(e) => e.explain(),
            PickError::NotALink => t_string!(i18n, class_not_link).to_string(),
            PickError::NoDraft => t_string!(i18n, class_no_draft).to_string(),
        }
    }
}

/// Chooses the class's scenario; `class` changes only when a valid scenario was chosen.
#[component]
pub fn ClassPicker(class: RwSignal<ClassScenario>) -> impl IntoView {
    let i18n = use_i18n();
    let scenarios = StoredValue::new(library::scenarios());
    let error = RwSignal::new(None::<PickError>);
    let link = RwSignal::new(String::new());
    let choose = move |picked: Result<ClassScenario, PickError>| match picked {
        Ok(c) => {
            error.set(None);
            c.remember();
            class.set(c);
        }
        Err(e) => error.set(Some(e)),
    };
    let builtin = move |k: usize| {
        if let Some((id, sc)) = scenarios.with_value(|l| l.get(k).cloned()) {
            choose(Ok(ClassScenario::new(Source::Builtin(id.to_owned()), sc)));
        }
    };
    let from_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            let limit = takt_core::json::MAX_DOCUMENT_BYTES;
            let name = file.name();
            let read = crate::platform::export::read_text(&file, limit).await;
            choose(
                read.map_err(PickError::File)
                    .and_then(|t| Scenario::from_json(&t).map_err(PickError::Scenario))
                    .map(|sc| ClassScenario::new(Source::File(name), sc)),
            );
        });
    };
    let from_editor = move |_| {
        choose(
            saved_scenario()
                .map(|sc| ClassScenario::new(Source::Editor, sc))
                .ok_or(PickError::NoDraft),
        )
    };
    let from_link = move || {
        let text = link.get_untracked();
        leptos::task::spawn_local(async move {
            let opened = match scenario_of_link(&text).await {
                None => Err(PickError::NotALink),
                Some(r) => r
                    .map_err(PickError::Link)
                    .map(|sc| ClassScenario::new(Source::Link, sc)),
            };
            if opened.is_ok() {
                link.set(String::new());
            }
            choose(opened);
        });
    };
    // The built-in's index, or "" for a scenario of the instructor's own.
    let selected = move || {
        class.with(|c| match &c.source {
            Source::Builtin(id) => scenarios
                .with_value(|l| l.iter().position(|(i, _)| i == id))
                .map_or(String::new(), |k| k.to_string()),
            _ => String::new(),
        })
    };
    let options = move || scenarios.with_value(|l| library::options(l, i18n.get_locale()));
    let in_force = move || {
        let locale = i18n.get_locale();
        class.with(|c| {
            let source = match &c.source {
                Source::Builtin(_) => t_string!(i18n, class_source_builtin).to_string(),
                Source::File(name) => {
                    t_string!(i18n, class_source_file, name = name.clone()).to_string()
                }
                Source::Editor => t_string!(i18n, class_source_editor).to_string(),
                Source::Link => t_string!(i18n, class_source_link).to_string(),
                Source::Classroom(code) => {
                    t_string!(i18n, class_source_classroom, code = code.clone()).to_string()
                }
            };
            t_string!(
                i18n,
                class_in_force,
                title = c.scenario.title_in(locale.as_str()).to_owned(),
                fingerprint = c.short_fingerprint().to_owned(),
                source = source
            )
            .to_string()
        })
    };
    view! {
        <fieldset class="class-scenario no-print" data-testid="class-scenario">
            <legend>{tx!(i18n, class_title)}</legend>
            <p class="in-force" data-testid="class-in-force"
                data-fingerprint=move || class.with(|c| c.fingerprint.clone())>
                {in_force}
            </p>
            <div class="fields">
                <div class="field">
                    <label for="instructor-scenario">{tx!(i18n, class_builtin)}</label>
                    <select
                        id="instructor-scenario"
                        data-testid="instructor-scenario"
                        on:change:target=move |ev| {
                            if let Ok(k) = ev.target().value().parse() { builtin(k) }
                        }
                        prop:value=selected
                    >
                        <option value="" disabled=true>{tx!(i18n, class_own)}</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="class-file">{tx!(i18n, class_file)}</label>
                    <input id="class-file" data-testid="class-file" type="file"
                        accept=".json,application/json"
                        on:change:target=move |ev| take_picked(&ev.target(), |files| {
                            if let Some(file) = files.item(0) {
                                from_file(file);
                            }
                        }) />
                </div>
                <div class="field">
                    <label for="class-link">{tx!(i18n, class_link)}</label>
                    <input id="class-link" data-testid="class-link" type="text" autocomplete="off"
                        aria-describedby=move || error.with(|e| e.is_some()).then_some("class-error")
                        prop:value=move || link.get()
                        on:input:target=move |ev| link.set(ev.target().value())
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { from_link() } />
                </div>
            </div>
            <div class="actions">
                <button type="button" data-testid="class-link-open" on:click=move |_| from_link()>
                    {tx!(i18n, class_link_open)}
                </button>
                <button type="button" data-testid="class-editor" on:click=from_editor>
                    {tx!(i18n, class_editor)}
                </button>
            </div>
            {move || error.get().map(|e| view! {
                <p class="field-error" id="class-error" role="alert" data-testid="class-error">{e.explain()}</p>
            })}
        </fieldset>
    }
}
