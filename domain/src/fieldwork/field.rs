//! [`Field`]: which field of a record an error is about, as a stable path a form can mark.

use serde::{Deserialize, Serialize};

use super::visit::ChecklistQuestion;

/// A field of a field record. [`Field::path`] is its stable path in the record's JSON (or,
/// for `termination.*`, in the termination form), e.g. `items[2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Field {
    /// The household.
    Household,
    /// The entrusting member.
    EntrustingMember,
    /// The entrusted items as a whole.
    Items,
    /// One entrusted item.
    Item {
        /// 0-based position.
        index: i64,
    },
    /// The main item.
    MainItem,
    /// The resident's signature on the entrustment.
    Signature,
    /// When the entrustment was received.
    ReceivedAt,
    /// One case opened under the entrustment.
    LinkedCase {
        /// 0-based position.
        index: i64,
    },
    /// The termination as a whole.
    Termination,
    /// When it was terminated.
    TerminationAt,
    /// Why.
    TerminationReason,
    /// The materials handed back, as a whole.
    ReturnedMaterials,
    /// One returned material's name.
    ReturnedMaterialName {
        /// 0-based position.
        index: i64,
    },
    /// One returned material's count.
    ReturnedMaterialCount {
        /// 0-based position.
        index: i64,
    },
    /// When a visit took place.
    VisitAt,
    /// A visit's notes.
    Notes,
    /// One question of a visit's checklist.
    Checklist {
        /// The question.
        question: ChecklistQuestion,
    },
    /// The photos as a whole.
    Photos,
    /// One photo.
    Photo {
        /// 0-based position.
        index: i64,
    },
    /// The location.
    Location,
    /// Its latitude.
    Latitude,
    /// Its longitude.
    Longitude,
    /// The text of an "other" hardship.
    CategoryText,
    /// A hardship's description.
    Description,
    /// When a hardship was reported.
    ReportedAt,
    /// The case an evaluation is about.
    Case,
    /// An evaluation's comment.
    Comment,
    /// When an evaluation was collected.
    CollectedAt,
    /// A materials checklist's entries as a whole.
    Entries,
    /// One entry of a materials checklist.
    Entry {
        /// 0-based position.
        index: i64,
    },
    /// How one entry was filled (photographed, signed, missing).
    EntryStatus {
        /// 0-based position of the entry.
        index: i64,
    },
    /// One entry's photos as a whole.
    EntryPhotos {
        /// 0-based position of the entry.
        index: i64,
    },
    /// One photo of one entry.
    EntryPhoto {
        /// 0-based position of the entry.
        entry: i64,
        /// 0-based position of the photo in the entry.
        index: i64,
    },
    /// One entry's on-screen signature.
    EntrySignature {
        /// 0-based position of the entry.
        index: i64,
    },
    /// When a checklist was last changed.
    UpdatedAt,
}

impl Field {
    /// The stable path, e.g. `termination.materials_returned[1].count`.
    pub fn path(self) -> String {
        match self {
            Field::Household => "household".to_owned(),
            Field::EntrustingMember => "entrusting_member".to_owned(),
            Field::Items => "items".to_owned(),
            Field::Item { index } => format!("items[{index}]"),
            Field::MainItem => "main_item".to_owned(),
            Field::Signature => "signature".to_owned(),
            Field::ReceivedAt => "received_at".to_owned(),
            Field::LinkedCase { index } => format!("cases[{index}]"),
            Field::Termination => "termination".to_owned(),
            Field::TerminationAt => "termination.at".to_owned(),
            Field::TerminationReason => "termination.reason".to_owned(),
            Field::ReturnedMaterials => "termination.materials_returned".to_owned(),
            Field::ReturnedMaterialName { index } => {
                format!("termination.materials_returned[{index}].name")
            }
            Field::ReturnedMaterialCount { index } => {
                format!("termination.materials_returned[{index}].count")
            }
            Field::VisitAt => "at".to_owned(),
            Field::Notes => "notes".to_owned(),
            Field::Checklist { question } => format!("checklist.{}", question.code()),
            Field::Photos => "photos".to_owned(),
            Field::Photo { index } => format!("photos[{index}]"),
            Field::Location => "location".to_owned(),
            Field::Latitude => "location.latitude_e6".to_owned(),
            Field::Longitude => "location.longitude_e6".to_owned(),
            Field::CategoryText => "category.text".to_owned(),
            Field::Description => "description".to_owned(),
            Field::ReportedAt => "reported_at".to_owned(),
            Field::Case => "case".to_owned(),
            Field::Comment => "comment".to_owned(),
            Field::CollectedAt => "collected_at".to_owned(),
            Field::Entries => "entries".to_owned(),
            Field::Entry { index } => format!("entries[{index}]"),
            Field::EntryStatus { index } => format!("entries[{index}].status"),
            Field::EntryPhotos { index } => format!("entries[{index}].photos"),
            Field::EntryPhoto { entry, index } => format!("entries[{entry}].photos[{index}]"),
            Field::EntrySignature { index } => format!("entries[{index}].signature"),
            Field::UpdatedAt => "updated_at".to_owned(),
        }
    }

    /// The field's name in Chinese, as messages quote it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Household => "家庭",
            Field::EntrustingMember => "委托人",
            Field::Items | Field::Item { .. } => "委托事项",
            Field::MainItem => "主要事项",
            Field::Signature => "委托人签名",
            Field::ReceivedAt => "委托时间",
            Field::LinkedCase { .. } => "关联申请",
            Field::Termination => "终止记录",
            Field::TerminationAt => "终止时间",
            Field::TerminationReason => "终止原因",
            Field::ReturnedMaterials => "移交材料",
            Field::ReturnedMaterialName { .. } => "移交材料名称",
            Field::ReturnedMaterialCount { .. } => "移交材料份数",
            Field::VisitAt => "走访时间",
            Field::Notes => "走访情况",
            Field::Checklist { question } => question.label_zh(),
            Field::Photos | Field::Photo { .. } => "照片",
            Field::Location => "位置",
            Field::Latitude => "纬度",
            Field::Longitude => "经度",
            Field::CategoryText => "困难类别说明",
            Field::Description => "情况描述",
            Field::ReportedAt => "报告时间",
            Field::Case => "申请",
            Field::Comment => "评价意见",
            Field::CollectedAt => "评价时间",
            Field::Entries | Field::Entry { .. } => "材料清单",
            Field::EntryStatus { .. } => "材料情况",
            Field::EntryPhotos { .. } | Field::EntryPhoto { .. } => "材料照片",
            Field::EntrySignature { .. } => "授权签名",
            Field::UpdatedAt => "更新时间",
        }
    }
}
