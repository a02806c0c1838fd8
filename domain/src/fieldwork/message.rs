//! [`FieldworkError`]'s messages in Chinese: with the stable codes of items and materials
//! ([`FieldworkError::message_zh`]), or with their names from the catalogue
//! ([`FieldworkError::message_zh_in`]), which is what a resident's helper should read.

use super::error::FieldworkError;
use crate::catalogue::{AidItemCode, Catalogue, MaterialCode};

/// How a message names items and materials.
struct Names<'a>(Option<&'a Catalogue>);

impl Names<'_> {
    fn item(&self, code: &AidItemCode) -> String {
        self.0
            .and_then(|c| c.item(code))
            .map_or_else(|| code.as_str().to_owned(), |i| i.name_zh.clone())
    }

    fn material(&self, code: &MaterialCode) -> String {
        self.0
            .and_then(|c| c.material(code))
            .map_or_else(|| code.as_str().to_owned(), |m| m.name_zh.clone())
    }
}

impl FieldworkError {
    /// The message in Chinese, for the form; items and materials by their codes.
    pub fn message_zh(&self) -> String {
        self.message(&Names(None))
    }

    /// The message in Chinese with items and materials named as in `catalogue` (a code the
    /// catalogue does not know stays a code).
    pub fn message_zh_in(&self, catalogue: &Catalogue) -> String {
        self.message(&Names(Some(catalogue)))
    }

    fn message(&self, names: &Names<'_>) -> String {
        use FieldworkError as E;
        let label = self.field().label_zh();
        match self {
            E::Required { .. } => format!("请填写{label}"),
            E::Blank { .. } => format!("{label}不能只有空格，不填请留空"),
            E::TooLong { max, found, .. } => format!("{label}最多{max}个字，当前为{found}个字"),
            E::InFuture { .. } => format!("{label}不能晚于当前时间"),
            E::NoItems => "请至少选择一项委托办理的救助事项".to_owned(),
            E::DuplicateItem { item, .. } => format!("救助事项“{}”重复", names.item(item)),
            E::UnknownItem { item, .. } => {
                format!("救助事项“{}”不在服务事项清单中", names.item(item))
            }
            E::MainItemNotEntrusted { .. } => "主要事项须是委托办理的事项之一".to_owned(),
            E::SignatureMissing => "请委托人在屏幕上签名".to_owned(),
            E::DuplicateCase { .. } => "同一申请重复关联".to_owned(),
            E::NotActive => "该委托已终止".to_owned(),
            E::TerminatedBeforeEntrusted => "终止时间不能早于委托时间".to_owned(),
            E::NothingReturned => "请列出移交给委托人的材料".to_owned(),
            E::BadCount { count, .. } => format!("移交材料份数至少为 1（当前为 {count}）"),
            E::NotInHousehold => "委托人不是该户家庭成员".to_owned(),
            E::Unanswered { .. } => format!("请回答“{label}”"),
            E::AnsweredTwice { .. } => format!("“{label}”重复回答"),
            E::TooManyPhotos { max, found } => format!("照片最多{max}张，当前为{found}张"),
            E::DuplicatePhoto { .. } => "同一张照片重复添加".to_owned(),
            E::LocationWithoutConsent => "未经居民同意不得记录位置".to_owned(),
            E::LatitudeOutOfRange { .. } => "纬度应在 -90° 至 90° 之间".to_owned(),
            E::LongitudeOutOfRange { .. } => "经度应在 -180° 至 180° 之间".to_owned(),
            E::WrongCase => "评价与所选申请不符".to_owned(),
            E::ResultNotTold => "申请人尚未收到办理结果，暂不能评价".to_owned(),
            E::AlreadyEvaluated => "该申请已评价，不能重复评价".to_owned(),
            E::CaseArchived => "该申请已归档".to_owned(),
            E::CollectedBeforeResult => "评价时间不能早于告知结果的时间".to_owned(),
            E::MaterialNotListed {
                material,
                member: None,
            } => format!("材料清单缺少“{}”", names.material(material)),
            E::MaterialNotListed {
                material,
                member: Some(_),
            } => format!("材料清单缺少一位家庭成员的“{}”", names.material(material)),
            E::MaterialListedTwice { material, .. } => {
                format!("材料“{}”重复列出", names.material(material))
            }
            E::MaterialNotRequired { material, .. } => {
                format!(
                    "“{}”不是本次申请需要的材料（或不属于该成员）",
                    names.material(material)
                )
            }
            E::NoPhotos { material, .. } => {
                format!(
                    "请为“{}”拍照，没有带来的请标记为缺少",
                    names.material(material)
                )
            }
            E::MaterialTooManyPhotos { max, found, .. } => {
                format!("每项材料最多{max}张照片，当前为{found}张")
            }
            E::AttachmentUsedTwice {
                entry, first_entry, ..
            } if entry == first_entry => "同一张照片重复添加".to_owned(),
            E::AttachmentUsedTwice { first_entry, .. } => {
                format!("该照片或签名已用于第{}项材料", first_entry + 1)
            }
            E::SignedNotAuthorization { material, .. } => format!(
                "只有核对授权书可以在屏幕上签名，“{}”请拍照",
                names.material(material)
            ),
        }
    }
}
