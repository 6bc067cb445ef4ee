//! Probability distributions of durations (and other non-negative quantities).
//!
//! In a scenario a distribution is written either as a bare number (a constant) or as
//! an object tagged by `dist`:
//! `{"dist":"exponential","mean":75}`, `{"dist":"uniform","min":1,"max":2}`,
//! `{"dist":"triangular","min":40,"mode":50,"max":70}`, `{"dist":"normal","mean":5,"sd":1}`
//! (truncated at 0), `{"dist":"lognormal","mean":5,"sd":2}` (mean and sd of the variable itself),
//! `{"dist":"constant","value":3}`.

use crate::json::{Errors, Problem};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A distribution of a non-negative quantity.
///
/// Read by [`number_or_tagged`] (a bare number or a tagged object), also through
/// `Deserialize`; written tagged by `dist`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "dist", rename_all = "lowercase")]
pub enum Dist {
    /// Always `value`.
    Constant { value: f64 },
    /// Exponential with the given mean.
    Exponential { mean: f64 },
    /// Uniform on [min, max].
    Uniform { min: f64, max: f64 },
    /// Triangular on [min, max] with the given mode.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Normal(mean, sd) truncated at 0 (negative draws are redrawn).
    Normal { mean: f64, sd: f64 },
    /// Lognormal whose own mean and standard deviation are `mean` and `sd`.
    Lognormal { mean: f64, sd: f64 },
}

/// The largest value a distribution parameter may take (keeps every sum finite in ticks).
pub const MAX_PARAM: f64 = 1e9;

impl Dist {
    /// A constant.
    pub fn constant(value: f64) -> Self {
        Dist::Constant { value }
    }

    /// The mean of the distribution (for a truncated normal, the truncated mean).
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Constant { value } => value,
            Dist::Exponential { mean } | Dist::Lognormal { mean, .. } => mean,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Normal { mean, sd } => {
                if sd == 0.0 {
                    return mean;
                }
                // E[X | X ≥ 0] = μ + σ·φ(α)/(1 − Φ(α)), α = −μ/σ.
                let alpha = -mean / sd;
                let phi = libm::exp(-alpha * alpha / 2.0) / (2.0 * std::f64::consts::PI).sqrt();
                let tail = 0.5 * libm::erfc(alpha / std::f64::consts::SQRT_2);
                mean + sd * phi / tail
            }
        }
    }

    /// The same shape with every value multiplied by `f` (≥ 0): a time cut by 30 % is `scaled(0.7)`.
    pub fn scaled(&self, f: f64) -> Dist {
        match *self {
            Dist::Constant { value } => Dist::Constant { value: value * f },
            Dist::Exponential { mean } => Dist::Exponential { mean: mean * f },
            Dist::Uniform { min, max } => Dist::Uniform {
                min: min * f,
                max: max * f,
            },
            Dist::Triangular { min, mode, max } => Dist::Triangular {
                min: min * f,
                mode: mode * f,
                max: max * f,
            },
            Dist::Normal { mean, sd } => Dist::Normal {
                mean: mean * f,
                sd: sd * f,
            },
            Dist::Lognormal { mean, sd } => Dist::Lognormal {
                mean: mean * f,
                sd: sd * f,
            },
        }
    }

    /// Checks the parameters, reporting each problem under `path` (e.g. `stations[2].process`).
    /// `positive_mean` asks for a mean > 0 (process and inter-arrival times), otherwise ≥ 0.
    pub fn validate(&self, path: &str, positive_mean: bool, errs: &mut Errors) {
        let mut param = |name: &str, v: f64, strictly_positive: bool| {
            let p = format!("{path}.{name}");
            if !v.is_finite() || v > MAX_PARAM {
                errs.push(p, Problem::FiniteAtMost { max: MAX_PARAM });
            } else if strictly_positive && v <= 0.0 {
                errs.push(p, Problem::Positive);
            } else if v < 0.0 {
                errs.push(p, Problem::NonNegative);
            }
        };
        match *self {
            Dist::Constant { value } => param("value", value, positive_mean),
            Dist::Exponential { mean } => param("mean", mean, true),
            Dist::Uniform { min, max } => {
                param("min", min, false);
                param("max", max, positive_mean);
                if min > max {
                    errs.push(format!("{path}.max"), Problem::MaxBelowMin);
                }
            }
            Dist::Triangular { min, mode, max } => {
                param("min", min, false);
                param("mode", mode, false);
                param("max", max, positive_mean);
                if !(min <= mode && mode <= max) {
                    errs.push(format!("{path}.mode"), Problem::ModeOutside);
                }
            }
            Dist::Normal { mean, sd } | Dist::Lognormal { mean, sd } => {
                param("mean", mean, true);
                param("sd", sd, false);
            }
        }
    }
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Dist::Constant { value } => write!(f, "{value}"),
            Dist::Exponential { mean } => write!(f, "exp({mean})"),
            Dist::Uniform { min, max } => write!(f, "U({min}, {max})"),
            Dist::Triangular { min, mode, max } => write!(f, "tri({min}, {mode}, {max})"),
            Dist::Normal { mean, sd } => write!(f, "N({mean}, {sd})"),
            Dist::Lognormal { mean, sd } => write!(f, "logN({mean}, {sd})"),
        }
    }
}

impl<'de> Deserialize<'de> for Dist {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dist, D::Error> {
        number_or_tagged::deserialize(d)
    }
}

/// Serde adapter: a bare number or a tagged object. Use with
/// `#[serde(with = "crate::model::dist::number_or_tagged")]`.
pub mod number_or_tagged {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Dist, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Dist::Constant { value } => s.serialize_f64(*value),
            other => other.serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Dist, D::Error> {
        d.deserialize_any(DistVisitor)
    }

    struct DistVisitor;

    impl<'de> Visitor<'de> for DistVisitor {
        type Value = Dist;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "a number or a distribution object such as {\"dist\":\"exponential\",\"mean\":5}",
            )
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dist, E> {
            Ok(Dist::Constant { value: v })
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dist, E> {
            Ok(Dist::Constant { value: v as f64 })
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dist, E> {
            Ok(Dist::Constant { value: v as f64 })
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dist, A::Error> {
            let mut kind = None;
            let mut values = [None; PARAMS.len()];
            let mut unknown = None;
            while let Some(key) = map.next_key::<String>()? {
                match PARAMS.iter().position(|&p| p == key) {
                    // Read as a `Kind`, so that an unknown name is refused at the tag.
                    _ if key == "dist" && kind.is_none() => kind = Some(map.next_value::<Kind>()?),
                    None if key == "dist" => return Err(de::Error::duplicate_field("dist")),
                    Some(k) if values[k].is_none() => values[k] = Some(map.next_value::<f64>()?),
                    Some(k) => return Err(de::Error::duplicate_field(PARAMS[k])),
                    None => {
                        unknown.get_or_insert(key);
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
            let kind = kind.ok_or_else(|| de::Error::missing_field("dist"))?;
            let fields = kind.fields();
            let extra = PARAMS
                .iter()
                .zip(&values)
                .find(|(p, v)| v.is_some() && !fields.contains(p))
                .map(|(p, _)| (*p).to_owned());
            if let Some(field) = unknown.or(extra) {
                return Err(de::Error::unknown_field(&field, fields));
            }
            let mut got = fields.iter().map(|&name| {
                let k = PARAMS.iter().position(|&p| p == name).unwrap_or(0);
                values[k].ok_or_else(|| de::Error::missing_field(name))
            });
            let mut next = || got.next().unwrap_or(Ok(0.0));
            Ok(match kind {
                Kind::Constant => Dist::Constant { value: next()? },
                Kind::Exponential => Dist::Exponential { mean: next()? },
                Kind::Uniform => Dist::Uniform {
                    min: next()?,
                    max: next()?,
                },
                Kind::Triangular => Dist::Triangular {
                    min: next()?,
                    mode: next()?,
                    max: next()?,
                },
                Kind::Normal => Dist::Normal {
                    mean: next()?,
                    sd: next()?,
                },
                Kind::Lognormal => Dist::Lognormal {
                    mean: next()?,
                    sd: next()?,
                },
            })
        }
    }

    /// Every parameter of a tagged object.
    const PARAMS: [&str; 6] = ["value", "mean", "min", "mode", "max", "sd"];

    /// The names a tagged object's `dist` may take.
    ///
    /// The object is read by hand rather than derived: a derived internally tagged enum
    /// is read through serde's buffered content, once for every reader, several times
    /// this code in the browser bundle.
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Constant,
        Exponential,
        Uniform,
        Triangular,
        Normal,
        Lognormal,
    }

    impl Kind {
        /// The parameters of this kind, in the order of its variant's fields.
        fn fields(&self) -> &'static [&'static str] {
            match self {
                Kind::Constant => &["value"],
                Kind::Exponential => &["mean"],
                Kind::Uniform => &["min", "max"],
                Kind::Triangular => &["min", "mode", "max"],
                Kind::Normal | Kind::Lognormal => &["mean", "sd"],
            }
        }
    }

    /// The same for an optional distribution (`null` or absent = `None`).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(d: &Option<Dist>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Dist>, D::Error> {
            #[derive(Deserialize)]
            struct Wrap(#[serde(with = "super")] Dist);
            Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Serialize)]
    struct Holder {
        #[serde(with = "number_or_tagged")]
        d: Dist,
    }

    fn parse(json: &str) -> Result<Dist, String> {
        serde_json::from_str::<Holder>(json)
            .map(|h| h.d)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn parses_numbers_and_tagged_objects() {
        assert_eq!(parse(r#"{"d": 55}"#), Ok(Dist::constant(55.0)));
        assert_eq!(parse(r#"{"d": 1.5}"#), Ok(Dist::constant(1.5)));
        assert_eq!(
            parse(r#"{"d": {"dist":"constant","value":3}}"#),
            Ok(Dist::constant(3.0))
        );
        assert_eq!(
            parse(r#"{"d": {"dist":"triangular","min":40,"mode":50,"max":70}}"#),
            Ok(Dist::Triangular {
                min: 40.0,
                mode: 50.0,
                max: 70.0
            })
        );
        let e = parse(r#"{"d": {"dist":"expo","mean":3}}"#).unwrap_err();
        assert!(e.contains("unknown variant `expo`"), "{e}");
        let e = parse(r#"{"d": {"dist":"exponential"}}"#).unwrap_err();
        assert!(e.contains("missing field `mean`"), "{e}");
        let e = parse(r#"{"d": {"dist":"exponential","mean":3,"sd":1}}"#).unwrap_err();
        assert!(e.contains("unknown field `sd`"), "{e}");
        assert!(parse(r#"{"d": "fast"}"#).is_err());
        let e = parse(r#"{"d": {"mean":3}}"#).unwrap_err();
        assert!(e.contains("missing field `dist`"), "{e}");
        let e = parse(r#"{"d": {"dist":"uniform","min":1,"max":2,"min":3}}"#).unwrap_err();
        assert!(e.contains("duplicate field `min`"), "{e}");
        let e = parse(r#"{"d": {"x":0,"dist":"normal","mean":1,"sd":1}}"#).unwrap_err();
        assert!(
            e.contains("unknown field `x`, expected `mean` or `sd`"),
            "{e}"
        );
        let e = parse(r#"{"d": {"dist":"normal","mean":"1","sd":1}}"#).unwrap_err();
        assert!(
            e.contains("invalid type: string \"1\", expected f64"),
            "{e}"
        );
        assert_eq!(
            parse(r#"{"d": {"sd":2,"mean":5,"dist":"lognormal"}}"#),
            Ok(Dist::Lognormal { mean: 5.0, sd: 2.0 })
        );
    }

    #[test]
    fn serializes_constants_as_bare_numbers() {
        let h = Holder {
            d: Dist::constant(2.5),
        };
        assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"d":2.5}"#);
        let h = Holder {
            d: Dist::Exponential { mean: 4.0 },
        };
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"d":{"dist":"exponential","mean":4.0}}"#
        );
    }

    #[test]
    fn validation_names_each_bad_parameter() {
        let mut errs = Errors::default();
        Dist::Exponential { mean: 0.0 }.validate("arrivals", true, &mut errs);
        Dist::Triangular {
            min: 5.0,
            mode: 1.0,
            max: 3.0,
        }
        .validate("stations[1].process", true, &mut errs);
        Dist::Uniform {
            min: -1.0,
            max: 2e9,
        }
        .validate("x", false, &mut errs);
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            text,
            [
                "arrivals.mean: must be > 0",
                "stations[1].process.mode: must satisfy min ≤ mode ≤ max",
                "x.min: must be ≥ 0",
                "x.max: must be a finite number ≤ 1e9",
            ]
        );
    }
}
