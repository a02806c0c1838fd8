//! Places and where to ask: the villages a resident chooses from, the township window that
//! receives applications, and the village's helpers (帮办代办员). A helper's name is public
//! contact data: the policy asks that every village post its helpers' names and contacts
//! (垫江县帮办代办工作方案 四(一)1 公开公示). Nothing of a resident is read here.

use domain::jurisdiction::{Level, PlaceCode};

use crate::error::ApiError;
use crate::state::AppState;

/// One place to choose.
pub struct PlaceChoice {
    /// Its code.
    pub code: String,
    /// Its Chinese name.
    pub name_zh: String,
    /// Its English name.
    pub name_en: String,
    /// Township or village.
    pub level: Level,
}

/// Every township and village, each township followed by its villages.
pub async fn choices(state: &AppState) -> Result<Vec<PlaceChoice>, ApiError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT code, name_zh, name_en FROM places WHERE level IN ('township', 'village') ORDER BY code",
    )
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(code, name_zh, name_en)| {
            let level = PlaceCode::parse(&code).ok()?.level();
            Some(PlaceChoice {
                code,
                name_zh,
                name_en,
                level,
            })
        })
        .collect())
}

/// Where a resident of a place asks: its names, its township's window and its village's
/// helpers.
pub struct WhereToAsk {
    /// The place as chosen.
    pub place: PlaceCode,
    /// Its name (`沙坪镇 毛家村`).
    pub name_zh: String,
    /// Its English name.
    pub name_en: String,
    /// The township (or street) whose window receives applications.
    pub township_zh: String,
    /// The township's English name.
    pub township_en: String,
    /// The village's helpers' names (none when a township was chosen).
    pub helpers: Vec<String>,
}

/// Where to ask for `code`, or `None` when it is no known township or village.
pub async fn where_to_ask(state: &AppState, code: &str) -> Result<Option<WhereToAsk>, ApiError> {
    let Ok(place) = PlaceCode::parse(code) else {
        return Ok(None);
    };
    if !matches!(place.level(), Level::Township | Level::Village) {
        return Ok(None);
    }
    let Some((name_zh, name_en)) = names(state, &place).await? else {
        return Ok(None);
    };
    let (township_zh, township_en) = match place.township() {
        Some(t) => names(state, &t).await?.unwrap_or_default(),
        None => (name_zh.clone(), name_en.clone()),
    };
    let helpers = if place.level() == Level::Village {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT display_name FROM users WHERE role = 'helper' AND disabled = $1 \
             AND (place_code = $2 OR place_code LIKE $3) ORDER BY display_name",
        )
        .bind(false)
        .bind(place.as_str())
        .bind(format!("{}-%", place.as_str()))
        .fetch_all(state.db.pool())
        .await?;
        rows.into_iter().map(|(n,)| n).collect()
    } else {
        Vec::new()
    };
    let (name_zh, name_en) = if place.level() == Level::Village {
        (
            format!("{township_zh} {name_zh}"),
            format!("{name_en}, {township_en}"),
        )
    } else {
        (name_zh, name_en)
    };
    Ok(Some(WhereToAsk {
        place,
        name_zh,
        name_en,
        township_zh,
        township_en,
        helpers,
    }))
}

async fn names(state: &AppState, place: &PlaceCode) -> Result<Option<(String, String)>, ApiError> {
    Ok(
        sqlx::query_as("SELECT name_zh, name_en FROM places WHERE code = $1")
            .bind(place.as_str())
            .fetch_optional(state.db.pool())
            .await?,
    )
}
