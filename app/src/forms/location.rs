//! A form that may record where it was filled in, only with the person's consent (a visit, a
//! certification): what the location field reads and writes of its draft.

use domain::fieldwork::Location;

/// A draft with a location taken only with consent.
pub trait Locatable {
    /// Whether the person agreed to the location being recorded.
    fn location_consent(&self) -> bool;
    /// The location, if one was taken.
    fn location(&self) -> Option<Location>;
    /// Gives or withdraws consent; withdrawn, the location must be forgotten at once.
    fn set_consent(&mut self, consent: bool);
    /// Keeps the location the phone found.
    fn set_location(&mut self, location: Location);
}

impl Locatable for super::visit::VisitDraft {
    fn location_consent(&self) -> bool {
        self.location_consent
    }
    fn location(&self) -> Option<Location> {
        self.location
    }
    fn set_consent(&mut self, consent: bool) {
        super::visit::VisitDraft::set_consent(self, consent);
    }
    fn set_location(&mut self, location: Location) {
        self.location = Some(location);
    }
}
