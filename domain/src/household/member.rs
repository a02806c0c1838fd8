//! A household member and the closed lists that describe them.

use serde::{Deserialize, Serialize};

use crate::identity::{IdNumber, MobilePhone, PersonName};
use crate::ids::MemberId;

/// One person living in the household (共同生活的家庭成员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Made by the phone.
    pub id: MemberId,
    /// Full name.
    pub name: PersonName,
    /// Resident ID number (birth date, sex and age come from it).
    pub id_number: IdNumber,
    /// Relation to the applicant.
    pub relation: Relation,
    /// Disability grade on the certificate, if any.
    #[serde(default)]
    pub disability: Option<DisabilityGrade>,
    /// State of health.
    pub health: Health,
    /// Work situation.
    pub employment: Employment,
    /// Mobile number, if they have one.
    #[serde(default)]
    pub phone: Option<MobilePhone>,
}

macro_rules! closed_list {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant,)+ }

        impl $name {
            /// Every value, in form order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code, as serde writes it (a form's `<option value>`).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The value of a code.
            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// Chinese label.
            pub fn name_zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)+ }
            }

            /// English label.
            pub fn name_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }
        }
    };
}
pub(crate) use closed_list;

closed_list! {
    /// Relation to the applicant.
    Relation {
        /// The applicant.
        Applicant => "applicant", "本人", "Applicant";
        /// Husband or wife.
        Spouse => "spouse", "配偶", "Spouse";
        /// Son or daughter.
        Child => "child", "子女", "Child";
        /// Father or mother.
        Parent => "parent", "父母", "Parent";
        /// Grandparent.
        Grandparent => "grandparent", "祖父母/外祖父母", "Grandparent";
        /// Grandchild.
        Grandchild => "grandchild", "孙子女/外孙子女", "Grandchild";
        /// Brother or sister.
        Sibling => "sibling", "兄弟姐妹", "Sibling";
        /// Son- or daughter-in-law.
        ChildInLaw => "child_in_law", "儿媳/女婿", "Child-in-law";
        /// Anyone else living in the household.
        OtherCohabitant => "other_cohabitant", "其他共同生活成员", "Other household member";
    }
}

closed_list! {
    /// Disability grade on the certificate (一级 most severe).
    DisabilityGrade {
        /// Grade 1.
        Grade1 => "grade1", "一级", "Grade 1";
        /// Grade 2.
        Grade2 => "grade2", "二级", "Grade 2";
        /// Grade 3.
        Grade3 => "grade3", "三级", "Grade 3";
        /// Grade 4.
        Grade4 => "grade4", "四级", "Grade 4";
    }
}

impl DisabilityGrade {
    /// Grades 1 and 2 (重度残疾).
    pub fn is_severe(self) -> bool {
        matches!(self, DisabilityGrade::Grade1 | DisabilityGrade::Grade2)
    }
}

closed_list! {
    /// State of health.
    Health {
        /// Healthy.
        Healthy => "healthy", "健康", "Healthy";
        /// A chronic illness.
        ChronicIllness => "chronic_illness", "慢性病", "Chronic illness";
        /// A serious illness (重特大疾病).
        SeriousIllness => "serious_illness", "重特大疾病", "Serious illness";
        /// Unable to look after themselves.
        Incapacitated => "incapacitated", "生活不能自理", "Unable to care for self";
    }
}

impl Health {
    /// Ill enough for a diagnosis to be asked for.
    pub fn is_ill(self) -> bool {
        !matches!(self, Health::Healthy)
    }
}

closed_list! {
    /// Work situation.
    Employment {
        /// In work.
        Employed => "employed", "在职", "Employed";
        /// Odd jobs, gig work.
        Flexible => "flexible", "灵活就业", "Flexible work";
        /// Farming.
        Farming => "farming", "务农", "Farming";
        /// Out of work and able to work.
        Unemployed => "unemployed", "失业", "Unemployed";
        /// In school or university.
        Student => "student", "在校学生", "Student";
        /// Not yet at school.
        Preschool => "preschool", "学龄前", "Preschool";
        /// Retired with a pension.
        Retired => "retired", "退休", "Retired";
        /// Cannot work (age, illness, disability).
        UnableToWork => "unable_to_work", "无劳动能力", "Unable to work";
    }
}
