//! Who may see which townships' reports: a county supervisor the townships under their place
//! (the county), the staff of a township (window clerk, verifier, department officer placed
//! at a township) only their own; anyone else, and any township outside that reach, gets 404
//! (the two are not told apart).

use domain::jurisdiction::{Level, PlaceCode, RecordScope, can_see};
use domain::role::Role;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// A township the report covers.
#[derive(Debug, Clone)]
pub struct Township {
    /// Its code.
    pub code: PlaceCode,
    /// Its name.
    pub name: String,
}

/// A village (or community) of those townships.
#[derive(Debug, Clone)]
pub struct Village {
    /// Its code.
    pub code: PlaceCode,
    /// Its name.
    pub name: String,
    /// Registered population, if known.
    pub population: Option<i64>,
}

/// What one request covers.
#[derive(Debug, Clone)]
pub struct Reach {
    /// The place the report is headed with and audited on: the county or the one township.
    pub place: PlaceCode,
    /// Its name.
    pub name: String,
    /// The townships, by code.
    pub townships: Vec<Township>,
    /// Their villages, by code.
    pub villages: Vec<Village>,
}

impl Reach {
    /// The township's name.
    pub fn township_name(&self, code: &PlaceCode) -> &str {
        self.townships
            .iter()
            .find(|t| &t.code == code)
            .map_or("", |t| t.name.as_str())
    }

    /// The village's name.
    pub fn village_name(&self, code: &PlaceCode) -> &str {
        self.villages
            .iter()
            .find(|v| &v.code == code)
            .map_or("", |v| v.name.as_str())
    }

    /// Whether `place` lies in one of the townships.
    pub fn covers(&self, place: &PlaceCode) -> bool {
        self.townships.iter().any(|t| t.code.contains(place))
    }
}

/// The reach of `user`, narrowed to `wanted` (a township code) when given.
pub async fn reach(
    state: &AppState,
    user: &CurrentUser,
    wanted: Option<&str>,
) -> Result<Reach, ApiError> {
    let actor = &user.actor;
    let home = match actor.role {
        Role::Supervisor => actor.place.clone(),
        Role::WindowClerk | Role::Verifier | Role::DepartmentOfficer
            if actor.place.level() == Level::Township =>
        {
            actor.place.clone()
        }
        _ => return Err(ApiError::NotFound),
    };
    let whole = RecordScope {
        place: home.clone(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    if !can_see(actor, &whole) {
        return Err(ApiError::NotFound);
    }
    let wanted = match wanted.map(str::trim).filter(|w| !w.is_empty()) {
        Some(raw) => Some(
            PlaceCode::parse(raw)
                .ok()
                .filter(|p| p.level() == Level::Township && home.contains(p))
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let place = wanted.unwrap_or(home);
    let pattern = format!("{}%", place.as_str());
    let rows: Vec<(String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT code, level, name_zh, population FROM places \
         WHERE code LIKE $1 AND level IN ('county', 'township', 'village') ORDER BY code",
    )
    .bind(&pattern)
    .fetch_all(state.db.pool())
    .await?;
    let mut name = None;
    let mut townships = Vec::new();
    let mut villages = Vec::new();
    for (code, level, zh, population) in rows {
        let Ok(code) = PlaceCode::parse(&code) else {
            continue;
        };
        if code == place {
            name = Some(zh.clone());
        }
        match level.as_str() {
            "township" => townships.push(Township { code, name: zh }),
            "village" => villages.push(Village {
                code,
                name: zh,
                population,
            }),
            _ => {}
        }
    }
    Ok(Reach {
        place,
        name: name.ok_or(ApiError::NotFound)?,
        townships,
        villages,
    })
}
