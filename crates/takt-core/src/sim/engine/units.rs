//! The units in the line: [`Unit`]s in reusable slots, addressed by [`UnitId`].

use crate::model::time::Ticks;
use std::num::NonZeroU32;
use std::ops::{Index, IndexMut};

/// A unit in the line: its slot in [`Units`]. Slots count from 1, so that an
/// `Option<UnitId>` (a server's unit, say) is as small and as cheap to test as a `UnitId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct UnitId(NonZeroU32);

impl UnitId {
    #[inline]
    fn slot(self) -> usize {
        self.0.get() as usize
    }
}

/// A unit of product, or a component until an assembly station merges it into its carrier.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Unit {
    /// Released into the line at (an assembled unit: its earliest component's release).
    pub(super) release: Ticks,
    /// Product variant index (0 when there are none).
    pub(super) product: u32,
    /// Value-added processing time received.
    pub(super) va: Ticks,
    /// Processing time received (all passes, all components).
    pub(super) work: Ticks,
    /// Times it was sent to rework.
    pub(super) reworks: u32,
    /// The station that last started it (for kanban loops).
    pub(super) origin: Option<u32>,
}

/// Every unit in the line. A slot freed by a unit that left is reused by the next new one.
pub(super) struct Units {
    /// Slot 0 holds no unit (ids count from 1).
    slots: Vec<Unit>,
    free: Vec<UnitId>,
}

impl Units {
    pub(super) fn new() -> Units {
        Units {
            slots: vec![Unit::default()],
            free: Vec::new(),
        }
    }

    /// Puts a new unit into the line.
    pub(super) fn add(&mut self, unit: Unit) -> UnitId {
        match self.free.pop() {
            Some(id) => {
                self.slots[id.slot()] = unit;
                id
            }
            None => {
                let id = NonZeroU32::new(self.slots.len() as u32).expect("slot 0 is taken");
                self.slots.push(unit);
                UnitId(id)
            }
        }
    }

    /// Takes a unit out of the line (finished, scrapped or merged into another): what it was.
    pub(super) fn remove(&mut self, id: UnitId) -> Unit {
        self.free.push(id);
        self.slots[id.slot()]
    }
}

impl Index<UnitId> for Units {
    type Output = Unit;

    fn index(&self, id: UnitId) -> &Unit {
        &self.slots[id.slot()]
    }
}

impl IndexMut<UnitId> for Units {
    fn index_mut(&mut self, id: UnitId) -> &mut Unit {
        &mut self.slots[id.slot()]
    }
}
