//! Reference data every rule needs: the aid catalogue and the working-day calendar. Both start
//! from what `domain` ships and take what an admin loaded since (a new year's holiday notice),
//! without a release.

mod notices;

use std::sync::{Arc, RwLock};

use domain::calendar::Calendar;
use domain::catalogue::Catalogue;

pub use notices::{NoticeError, load_notice, loaded_notices};

/// The current catalogue and calendar, swapped whole when an admin changes them.
#[derive(Debug)]
pub struct Reference {
    catalogue: RwLock<Arc<Catalogue>>,
    calendar: RwLock<Arc<Calendar>>,
}

impl Reference {
    /// The shipped catalogue and calendar plus every notice stored in the database.
    pub async fn load(db: &crate::db::Db) -> anyhow::Result<Reference> {
        let calendar = notices::stored(db, Calendar::builtin()).await?;
        Ok(Reference {
            catalogue: RwLock::new(Arc::new(Catalogue::builtin())),
            calendar: RwLock::new(Arc::new(calendar)),
        })
    }

    /// The catalogue now.
    pub fn catalogue(&self) -> Arc<Catalogue> {
        self.catalogue.read().expect("not poisoned").clone()
    }

    /// The calendar now.
    pub fn calendar(&self) -> Arc<Calendar> {
        self.calendar.read().expect("not poisoned").clone()
    }

    fn set_calendar(&self, calendar: Calendar) {
        *self.calendar.write().expect("not poisoned") = Arc::new(calendar);
    }
}
