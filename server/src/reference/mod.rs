//! Reference data every rule needs: the aid catalogue and the working-day calendar. Both start
//! from what `domain` ships and take what an admin loaded since (a new year's holiday notice),
//! without a release: a year's holiday notice, a county's own time limit for an item.

mod limits;
mod notices;

use std::sync::{Arc, RwLock};

use domain::calendar::Calendar;
use domain::catalogue::Catalogue;

pub use limits::{LimitChangeError, remove_local_limit, set_local_limit, stored_limits};
pub use notices::{NoticeError, load_notice, loaded_notices};

/// The current catalogue and calendar, swapped whole when an admin changes them.
#[derive(Debug)]
pub struct Reference {
    catalogue: RwLock<Arc<Catalogue>>,
    calendar: RwLock<Arc<Calendar>>,
}

impl Reference {
    /// The shipped catalogue and calendar plus every local limit and notice stored in the
    /// database.
    pub async fn load(db: &crate::db::Db) -> anyhow::Result<Reference> {
        let calendar = notices::stored(db, Calendar::builtin()).await?;
        let catalogue = limits::with_stored(&Catalogue::builtin(), stored_limits(db).await?)?;
        Ok(Reference {
            catalogue: RwLock::new(Arc::new(catalogue)),
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

    fn set_catalogue(&self, catalogue: Catalogue) {
        *self.catalogue.write().expect("not poisoned") = Arc::new(catalogue);
    }

    fn set_calendar(&self, calendar: Calendar) {
        *self.calendar.write().expect("not poisoned") = Arc::new(calendar);
    }
}
