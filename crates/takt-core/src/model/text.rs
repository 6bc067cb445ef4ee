//! Display names in the interface's languages.
//!
//! Every display name of a scenario (the scenario's, a station's, a work element's, an
//! operator's, a product's) is a [`Text`]: in JSON a plain string, the same in every
//! language, or one string per language, `{"ru": "Комплектация", "en": "Kitting"}`. One
//! language is enough: the other falls back to it. A name is written back in the shape it
//! was read in, so a file with plain names keeps its bytes (and its fingerprint).
//!
//! A name is for people. What identifies a thing is its id; a work element, which has
//! none to spare in older files, is identified by its key ([`crate::model::Element::key`]).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The language codes a name may be given in, in the interface's order (Russian first).
pub const LANGS: [&str; 2] = ["ru", "en"];

/// A display name: a plain string, or one string per language (Russian, English, or both).
///
/// Read from a plain JSON string or a map of language codes; written back in the same
/// shape, the map in its canonical key order (`en`, `ru`), as every map of a scenario. A
/// map is refused when it names a language other than [`LANGS`], names none, or gives an
/// empty string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(Shape);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// The same in every language.
    Plain(String),
    /// Per language; at least one is given (and none is blank when read from a file).
    Langs {
        en: Option<String>,
        ru: Option<String>,
    },
}

impl Text {
    /// A plain name: the same in every language.
    pub fn plain(name: impl Into<String>) -> Text {
        Text(Shape::Plain(name.into()))
    }

    /// A name per language; `None` when neither is given.
    pub fn langs(ru: Option<String>, en: Option<String>) -> Option<Text> {
        (ru.is_some() || en.is_some()).then_some(Text(Shape::Langs { en, ru }))
    }

    /// The name in language `lang` (`"ru"` or `"en"`): its own, else the other language's.
    /// A plain name is the same in every language; any other code reads as English.
    pub fn get(&self, lang: &str) -> &str {
        match &self.0 {
            Shape::Plain(s) => s,
            Shape::Langs { en, ru } => {
                let (own, other) = if lang == "ru" { (ru, en) } else { (en, ru) };
                own.as_deref().or(other.as_deref()).unwrap_or_default()
            }
        }
    }

    /// The name as given for `lang`, without falling back: a plain name is given for
    /// every language, a map only for the languages it names.
    pub fn given(&self, lang: &str) -> Option<&str> {
        match &self.0 {
            Shape::Plain(s) => Some(s),
            Shape::Langs { en, ru } => match lang {
                "ru" => ru.as_deref(),
                "en" => en.as_deref(),
                _ => None,
            },
        }
    }

    /// Whether this is a plain string (the same in every language).
    pub fn is_plain(&self) -> bool {
        matches!(self.0, Shape::Plain(_))
    }

    /// The name as an identity, for what is identified by its name (a work element without
    /// an id): the plain string, else the English name (else the Russian one). Stable when
    /// a plain English name gains a Russian translation.
    pub fn key(&self) -> &str {
        self.get("en")
    }

    /// Whether the name is empty or only whitespace in every language given.
    pub fn is_blank(&self) -> bool {
        match &self.0 {
            Shape::Plain(s) => s.trim().is_empty(),
            Shape::Langs { en, ru } => [en, ru].into_iter().flatten().all(|s| s.trim().is_empty()),
        }
    }

    /// The name with its `lang` version set to `value` (trimmed), keeping the other
    /// language: what an editor with one field per language does on an edit. A plain name
    /// becomes a map when one language changes (the plain string stays the other
    /// language's); an empty `value` removes the language, and `None` means no language is
    /// left. An unknown `lang` changes nothing.
    pub fn with(&self, lang: &str, value: &str) -> Option<Text> {
        let value = value.trim();
        let set = (!value.is_empty()).then(|| value.to_owned());
        let (mut en, mut ru) = match &self.0 {
            Shape::Plain(s) if set.as_deref() == Some(s.as_str()) => return Some(self.clone()),
            Shape::Plain(s) => (Some(s.clone()), Some(s.clone())),
            Shape::Langs { en, ru } => (en.clone(), ru.clone()),
        };
        match lang {
            "ru" => ru = set,
            "en" => en = set,
            _ => return Some(self.clone()),
        }
        Text::langs(ru, en)
    }
}

impl From<&str> for Text {
    fn from(name: &str) -> Text {
        Text::plain(name)
    }
}

impl From<String> for Text {
    fn from(name: String) -> Text {
        Text::plain(name)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Shape::Plain(name) => s.serialize_str(name),
            Shape::Langs { en, ru } => {
                let given = [("en", en), ("ru", ru)];
                let mut map =
                    s.serialize_map(Some(given.iter().filter(|g| g.1.is_some()).count()))?;
                for (code, name) in given {
                    if let Some(name) = name {
                        map.serialize_entry(code, name)?;
                    }
                }
                map.end()
            }
        }
    }
}

/// Read by hand: a string or a map of languages, with a clear refusal of anything else.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name: a string or {\"ru\": \"…\", \"en\": \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::plain(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let (mut en, mut ru) = (None::<String>, None::<String>);
                while let Some(code) = map.next_key::<String>()? {
                    let slot = match code.as_str() {
                        "en" => &mut en,
                        "ru" => &mut ru,
                        _ => {
                            return Err(de::Error::custom(format_args!(
                                "unknown language '{code}': a name is given in \"ru\" and/or \"en\""
                            )))
                        }
                    };
                    if slot.is_some() {
                        return Err(de::Error::custom(format_args!(
                            "the name in '{code}' is given twice"
                        )));
                    }
                    let name = map.next_value::<String>()?;
                    if name.trim().is_empty() {
                        return Err(de::Error::custom(format_args!(
                            "the name in '{code}' is empty (leave the language out instead)"
                        )));
                    }
                    *slot = Some(name);
                }
                Text::langs(ru, en).ok_or_else(|| {
                    de::Error::custom(
                        "a name needs at least one language: {\"ru\": \"…\", \"en\": \"…\"}",
                    )
                })
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Text, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn write(t: &Text) -> String {
        serde_json::to_string(t).unwrap()
    }

    #[test]
    fn plain_strings_and_maps_round_trip_byte_identically() {
        for json in [
            r#""pick parts""#,
            r#""Комплектация""#,
            r#""""#,
            r#"{"en":"pick parts","ru":"взять детали"}"#,
            r#"{"ru":"взять детали"}"#,
            r#"{"en":"pick parts"}"#,
        ] {
            assert_eq!(write(&read(json).unwrap()), json);
        }
        // A map is written in its canonical order, like every map of a scenario, so key
        // order does not change a fingerprint.
        let t = read(r#"{"ru": "взять детали", "en": "pick parts"}"#).unwrap();
        assert_eq!(write(&t), r#"{"en":"pick parts","ru":"взять детали"}"#);
        assert!(read(r#""x""#).unwrap().is_plain() && !t.is_plain());
    }

    #[test]
    fn one_language_is_enough_the_other_falls_back_to_it() {
        let both = read(r#"{"ru": "взять детали", "en": "pick parts"}"#).unwrap();
        assert_eq!(both.get("ru"), "взять детали");
        assert_eq!(both.get("en"), "pick parts");
        let ru = read(r#"{"ru": "Комплектация"}"#).unwrap();
        assert_eq!(
            (ru.get("ru"), ru.get("en")),
            ("Комплектация", "Комплектация")
        );
        assert_eq!(
            (ru.given("ru"), ru.given("en")),
            (Some("Комплектация"), None)
        );
        let en = read(r#"{"en": "Kitting"}"#).unwrap();
        assert_eq!((en.get("ru"), en.get("en")), ("Kitting", "Kitting"));
        let plain = Text::plain("Kitting");
        assert_eq!((plain.get("ru"), plain.get("en")), ("Kitting", "Kitting"));
        assert_eq!(plain.given("ru"), Some("Kitting"));
        // Any other code reads as English.
        assert_eq!(both.get("de"), "pick parts");
    }

    #[test]
    fn the_key_is_the_plain_string_else_the_english_name() {
        assert_eq!(Text::plain("pick parts").key(), "pick parts");
        assert_eq!(Text::plain("взять детали").key(), "взять детали");
        let both = read(r#"{"ru": "взять детали", "en": "pick parts"}"#).unwrap();
        assert_eq!(both.key(), "pick parts");
        assert_eq!(
            read(r#"{"ru": "взять детали"}"#).unwrap().key(),
            "взять детали"
        );
    }

    #[test]
    fn bad_maps_and_types_are_refused_clearly() {
        let err = read(r#"{"ru": "взять", "de": "nehmen"}"#).unwrap_err();
        assert!(err.contains("unknown language 'de'"), "{err}");
        let err = read("{}").unwrap_err();
        assert!(err.contains("at least one language"), "{err}");
        let err = read(r#"{"ru": "  "}"#).unwrap_err();
        assert!(err.contains("the name in 'ru' is empty"), "{err}");
        let err = read(r#"{"ru": "a", "ru": "b"}"#).unwrap_err();
        assert!(err.contains("given twice"), "{err}");
        let err = read(r#"{"ru": 3}"#).unwrap_err();
        assert!(err.contains("invalid type"), "{err}");
        let err = read("3").unwrap_err();
        assert!(err.contains("expected a name: a string or"), "{err}");
    }

    #[test]
    fn blank_means_empty_in_every_language() {
        assert!(Text::plain(" ").is_blank());
        assert!(!Text::plain("a").is_blank());
        assert!(Text::langs(Some(" ".into()), None).unwrap().is_blank());
        assert!(!Text::langs(Some(" ".into()), Some("a".into()))
            .unwrap()
            .is_blank());
        assert!(Text::langs(None, None).is_none());
    }

    #[test]
    fn editing_one_language_keeps_the_other() {
        let plain = Text::plain("pick parts");
        let both = plain.with("ru", " взять детали ").unwrap();
        assert_eq!(write(&both), r#"{"en":"pick parts","ru":"взять детали"}"#);
        assert_eq!(both.key(), plain.key());
        // The same text again keeps a plain name plain.
        assert_eq!(plain.with("en", "pick parts").unwrap(), plain);
        let en = both.with("en", "pick the parts").unwrap();
        assert_eq!(write(&en), r#"{"en":"pick the parts","ru":"взять детали"}"#);
        let ru_only = both.with("en", "").unwrap();
        assert_eq!(write(&ru_only), r#"{"ru":"взять детали"}"#);
        assert_eq!(ru_only.with("ru", ""), None);
        assert_eq!(both.with("de", "x").unwrap(), both);
    }
}
