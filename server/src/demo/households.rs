//! Demo households: fictional people with ID numbers that pass GB 11643 (area 500231, 垫江县).

/// One demo member: name, ID number, relation to the applicant, whether the applicant.
pub type MemberRow = (&'static str, &'static str, &'static str, bool);

/// One demo household: place, address, members.
pub struct DemoHousehold {
    /// Grid or village code.
    pub place: &'static str,
    /// Street address.
    pub address: &'static str,
    /// Members, the applicant first.
    pub members: &'static [MemberRow],
    /// The house was damaged (a fire, a flood).
    pub housing_damaged: bool,
}

/// Six households: an elderly couple, a single mother with a child, a widower with a grandson
/// (the first three), and in 毛家村 a widow living alone, a couple and a grandmother raising a
/// grandson, so that each demo case (see `cases.rs`) has a household of its own; then eight
/// in 李家村, the window's cases (see `township.rs`): a family of three burnt out of their
/// house, a single mother with her son, a couple with their daughter, a widow living alone,
/// two elderly couples, a man and his old mother, a father and his grown son.
pub const HOUSEHOLDS: &[DemoHousehold] = &[
    DemoHousehold {
        place: "500231101201-G01",
        address: "沙坪镇毛家村3组12号",
        members: &[
            ("王秀英", "500231195803124020", "self", true),
            ("陈德华", "500231194701231015", "spouse", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101201-G02",
        address: "沙坪镇毛家村5组4号",
        members: &[
            ("刘芳", "500231198506012034", "self", true),
            ("刘小雨", "500231201209093012", "child", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231001001-G01",
        address: "桂溪街道东门社区和平路8号",
        members: &[
            ("周国强", "50023119600815302X", "self", true),
            ("周子轩", "500231200802285010", "grandchild", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101201-G01",
        address: "沙坪镇毛家村2组7号",
        members: &[("张桂兰", "500231195004182021", "self", true)],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101201-G02",
        address: "沙坪镇毛家村6组15号",
        members: &[
            ("李建国", "500231197209033053", "self", true),
            ("何春梅", "500231197502144043", "spouse", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101201-G01",
        address: "沙坪镇毛家村1组3号",
        members: &[
            ("黄玉梅", "500231196811302020", "self", true),
            ("黄小军", "500231201003083011", "grandchild", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G02",
        address: "沙坪镇李家村4组9号",
        members: &[
            ("陈大勇", "500231198304164013", "self", true),
            ("罗小琴", "500231198609024142", "spouse", false),
            ("陈思雨", "500231201406214223", "child", false),
        ],
        housing_damaged: true,
    },
    DemoHousehold {
        place: "500231101202-G01",
        address: "沙坪镇李家村2组16号",
        members: &[
            ("谭丽华", "500231197903114347", "self", true),
            ("杨浩然", "500231201110054419", "child", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G01",
        address: "沙坪镇李家村1组5号",
        members: &[
            ("邓志强", "500231197708234538", "self", true),
            ("唐素芬", "500231197912304628", "spouse", false),
            ("邓佳怡", "500231201105144743", "child", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G01",
        address: "沙坪镇李家村3组21号",
        members: &[("彭桂芳", "500231195602084827", "self", true)],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G02",
        address: "沙坪镇李家村5组2号",
        members: &[
            ("吴国平", "500231196807194936", "self", true),
            ("江玉兰", "500231197001255028", "spouse", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G02",
        address: "沙坪镇李家村6组8号",
        members: &[
            ("余德福", "500231195011035134", "self", true),
            ("余秀珍", "50023119530427522X", "spouse", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G02",
        address: "沙坪镇李家村7组3号",
        members: &[
            ("冉光明", "500231196405305330", "self", true),
            ("黄淑贞", "500231193909125428", "parent", false),
        ],
        housing_damaged: false,
    },
    DemoHousehold {
        place: "500231101202-G01",
        address: "沙坪镇李家村8组11号",
        members: &[
            ("秦永福", "500231195812015539", "self", true),
            ("秦晓东", "50023119900315561X", "child", false),
        ],
        housing_damaged: false,
    },
];

/// Members registered with their own mobile number, by ID number: 王秀英 with her account's
/// number, and her husband 陈德华 with his, so that he can certify for her as family
/// (待遇资格认证 by a guardian, `end2end/tests/certify_guardian.spec.ts`). The other members
/// have none: a resident is linked to them through the cases they applied for.
pub const MEMBER_PHONES: &[(&str, &str)] = &[
    ("500231195803124020", "13800000001"),
    ("500231194701231015", "13800000003"),
];

/// The demo households as `domain` households, checked against every household rule.
pub fn build(today: chrono::NaiveDate) -> anyhow::Result<Vec<domain::household::Household>> {
    use domain::household::{
        Employment, Fen, Health, Household, IncomeItem, IncomeKind, Member, Relation,
    };
    use domain::identity::{IdNumber, MobilePhone, PersonName};
    use domain::ids::{HouseholdId, MemberId};
    use domain::jurisdiction::PlaceCode;
    use uuid::Uuid;

    HOUSEHOLDS
        .iter()
        .map(|h| {
            let members = h
                .members
                .iter()
                .map(|(name, number, relation, _)| {
                    let id_number = IdNumber::parse(number, today)?;
                    let age = id_number.age_on(today);
                    Ok(Member {
                        id: MemberId(Uuid::now_v7()),
                        name: PersonName::parse(name)?,
                        relation: match *relation {
                            "self" => Relation::Applicant,
                            "spouse" => Relation::Spouse,
                            "child" => Relation::Child,
                            "parent" => Relation::Parent,
                            _ => Relation::Grandchild,
                        },
                        disability: None,
                        health: if age >= 60 {
                            Health::ChronicIllness
                        } else {
                            Health::Healthy
                        },
                        employment: match age {
                            ..18 => Employment::Student,
                            60.. => Employment::UnableToWork,
                            _ => Employment::Flexible,
                        },
                        id_number,
                        phone: MEMBER_PHONES
                            .iter()
                            .find(|(n, _)| n == number)
                            .map(|(_, p)| MobilePhone::parse(p))
                            .transpose()?,
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let income = vec![IncomeItem {
                id: "pension".to_owned(),
                member: None,
                kind: IncomeKind::Pension,
                monthly: Fen(42_000),
                note: String::new(),
            }];
            let household = Household {
                id: HouseholdId(Uuid::now_v7()),
                place: PlaceCode::parse(h.place)?,
                address: h.address.to_owned(),
                members,
                income,
                property: Vec::new(),
                housing_damaged: h.housing_damaged,
            };
            household
                .validate(today)
                .map_err(|e| anyhow::anyhow!("demo household invalid: {e:?}"))?;
            Ok(household)
        })
        .collect()
}
