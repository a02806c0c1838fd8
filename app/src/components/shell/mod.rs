//! The frame around every page: top bar, indicator, update banner, bottom navigation.

mod bottom_nav;
mod connectivity_indicator;
mod update_banner;

pub use bottom_nav::BottomNav;
pub use connectivity_indicator::ConnectivityIndicator;
pub use update_banner::UpdateBanner;
