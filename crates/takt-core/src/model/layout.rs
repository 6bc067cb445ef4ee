//! The floor plan (`layout` in a scenario): where each station stands, in metres, and how
//! fast people walk. Walking times follow from it where the scenario does not give them: an
//! operator without `walk` takes distance ÷ speed between two of its stations, and a
//! logistician (`carries`) walks and carries at that speed. The spaghetti diagram
//! (`crate::lean::spaghetti`) measures every path on it.

use super::scenario::{Operator, Scenario};
use super::time::TimeUnit;
use crate::json::Map;
use serde::{Deserialize, Serialize};

/// A place on the floor, `[x, y]` in metres.
pub type Point = [f64; 2];

/// The largest coordinate accepted, in metres (a workshop, not a map).
pub const MAX_METRES: f64 = 1000.0;

/// The floor plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Walking speed in metres per second (> 0), whatever the scenario's time unit.
    #[serde(default = "walking_pace", skip_serializing_if = "is_walking_pace")]
    pub speed: f64,
    /// Each station's place, by station id. A station without one has no distances: walks
    /// to or from it take the operator's `walk` time, or none.
    pub stations: Map<String, Point>,
    /// The shipping area, where the last station's finished goods are carried (if given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Point>,
}

/// The default walking speed: 1 m/s, a person carrying parts on a shop floor.
pub const WALKING_PACE: f64 = 1.0;

fn walking_pace() -> f64 {
    WALKING_PACE
}
fn is_walking_pace(v: &f64) -> bool {
    *v == WALKING_PACE
}

/// A place on the plan: a station (by index in scenario order) or the shipping area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The station with this index.
    Station(usize),
    /// The shipping area (after the last station).
    Shipping,
}

/// The straight-line distance between two points, in metres.
pub fn metres_between(a: Point, b: Point) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

impl Layout {
    /// The place of station `id`, if the plan gives one.
    pub fn station(&self, id: &str) -> Option<Point> {
        self.stations.get(id).copied()
    }

    /// The metres between two stations given by id (`None` when either has no place).
    pub fn metres(&self, from: &str, to: &str) -> Option<f64> {
        Some(metres_between(self.station(from)?, self.station(to)?))
    }

    /// The time to walk `metres`, in `unit`.
    pub fn walking_time(&self, metres: f64, unit: TimeUnit) -> f64 {
        metres / self.speed * unit.per_hour() / 3600.0
    }
}

/// The plan resolved to a scenario's station order, for the engine and the sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Per station in scenario order, its place (if given).
    pub places: Vec<Option<Point>>,
    /// The shipping area (if given).
    pub shipping: Option<Point>,
    /// Walking speed in metres per time unit of the scenario.
    pub speed: f64,
}

impl Plan {
    /// The plan of `layout` for stations with these ids, in order.
    pub fn new<'a>(
        layout: &Layout,
        ids: impl IntoIterator<Item = &'a str>,
        unit: TimeUnit,
    ) -> Plan {
        Plan {
            places: ids.into_iter().map(|id| layout.station(id)).collect(),
            shipping: layout.shipping,
            speed: layout.speed * 3600.0 / unit.per_hour(),
        }
    }

    /// Where `spot` is, if the plan says.
    pub fn point(&self, spot: Spot) -> Option<Point> {
        match spot {
            Spot::Station(i) => self.places.get(i).copied().flatten(),
            Spot::Shipping => self.shipping,
        }
    }

    /// The metres from one spot to another (`None` when either has no place).
    pub fn metres(&self, from: Spot, to: Spot) -> Option<f64> {
        Some(metres_between(self.point(from)?, self.point(to)?))
    }

    /// The time to go from one spot to another at walking speed, in time units.
    pub fn time(&self, from: Spot, to: Spot) -> Option<f64> {
        self.metres(from, to).map(|m| m / self.speed)
    }
}

impl Scenario {
    /// The mean walking time of one round of operator `o`'s loop: its stations in the order
    /// listed and back to the first. With `walk` given, one walk per station (for two or
    /// more); else the layout's distances at walking speed (legs to a station the layout does
    /// not place take no time, as in a run); else none. What the Yamazumi per operator shows
    /// and the layout card compares.
    pub fn loop_walk(&self, o: &Operator) -> f64 {
        let n = o.stations.len();
        match (&o.walk, self.loop_metres(o)) {
            _ if n < 2 => 0.0,
            (Some(walk), _) => walk.mean() * n as f64,
            (None, Some(m)) => self
                .layout
                .as_ref()
                .map_or(0.0, |l| l.walking_time(m, self.time_unit)),
            (None, None) => 0.0,
        }
    }

    /// How long one round of operator `o`'s path takes: its loop's walking
    /// ([`Scenario::loop_walk`]) or, for a logistician, its walks and carries at walking speed.
    pub fn loop_time(&self, o: &Operator) -> f64 {
        match (&self.layout, o.carries.is_empty()) {
            (Some(l), false) => l.walking_time(self.loop_metres(o).unwrap_or(0.0), self.time_unit),
            _ => self.loop_walk(o),
        }
    }

    /// The metres of one round of operator `o`'s path on the layout (`None` without one): the
    /// sum of its [`Scenario::loop_legs`].
    pub fn loop_metres(&self, o: &Operator) -> Option<f64> {
        let layout = self.layout.as_ref()?;
        let plan = Plan::new(
            layout,
            self.stations.iter().map(|s| s.id.as_str()),
            self.time_unit,
        );
        let legs = self.loop_legs(o).into_iter();
        Some(legs.filter_map(|(a, b, _)| plan.metres(a, b)).sum())
    }

    /// The ways of one round of operator `o`'s path, each with whether it carries a batch: for
    /// an operator who tends stations, its loop (its stations in the order listed and back to
    /// the first; none for one station); for a logistician, one batch from each station it
    /// carries: from its post (its first station) to the station, loaded on to the next
    /// station (or the shipping area), and back to its post.
    pub fn loop_legs(&self, o: &Operator) -> Vec<(Spot, Spot, bool)> {
        let spot = |id: &str| self.station_index(id).map(Spot::Station);
        let spots: Vec<Spot> = o.stations.iter().filter_map(|id| spot(id)).collect();
        if o.carries.is_empty() {
            let n = spots.len();
            return (0..n)
                .filter(|_| n > 1)
                .map(|k| (spots[k], spots[(k + 1) % n], false))
                .collect();
        }
        let (Ok(routing), Some(post)) = (self.routing(), o.carries.first().and_then(|id| spot(id)))
        else {
            return Vec::new();
        };
        let mut legs = Vec::new();
        for here in o.carries.iter().filter_map(|id| self.station_index(id)) {
            let next = routing.succ[here].map_or(Spot::Shipping, Spot::Station);
            let here = Spot::Station(here);
            legs.extend([(post, here, false), (here, next, true), (next, post, false)]);
        }
        legs.retain(|(a, b, _)| a != b);
        legs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_times_follow_from_the_plan() {
        let layout: Layout = serde_json::from_str(
            r#"{"speed": 0.5, "stations": {"a": [0, 0], "b": [3, 4]}, "shipping": [3, 0]}"#,
        )
        .unwrap();
        assert_eq!(layout.metres("a", "b"), Some(5.0));
        assert_eq!(layout.metres("a", "c"), None);
        // 5 m at 0.5 m/s: 10 s, 1/6 min.
        assert_eq!(layout.walking_time(5.0, TimeUnit::Seconds), 10.0);
        assert!((layout.walking_time(5.0, TimeUnit::Minutes) - 10.0 / 60.0).abs() < 1e-12);
        let plan = Plan::new(&layout, ["b", "x", "a"], TimeUnit::Minutes);
        assert_eq!(plan.places[1], None);
        assert_eq!(plan.metres(Spot::Station(0), Spot::Shipping), Some(4.0));
        assert!((plan.time(Spot::Station(0), Spot::Station(2)).unwrap() - 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(plan.time(Spot::Station(1), Spot::Station(2)), None);
    }

    #[test]
    fn the_default_speed_is_one_metre_per_second_and_is_not_written() {
        let layout: Layout = serde_json::from_str(r#"{"stations": {"a": [1.5, 2]}}"#).unwrap();
        assert_eq!(layout.speed, 1.0);
        assert_eq!(
            serde_json::to_string(&layout).unwrap(),
            r#"{"stations":{"a":[1.5,2.0]}}"#
        );
    }
}
