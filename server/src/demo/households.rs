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
}

/// Three households: an elderly couple, a single mother with a child, a widower with a grandson.
pub const HOUSEHOLDS: &[DemoHousehold] = &[
    DemoHousehold {
        place: "500231101201-G01",
        address: "沙坪镇毛家村3组12号",
        members: &[
            ("王秀英", "500231195803124020", "self", true),
            ("陈德华", "500231194701231015", "spouse", false),
        ],
    },
    DemoHousehold {
        place: "500231101201-G02",
        address: "沙坪镇毛家村5组4号",
        members: &[
            ("刘芳", "500231198506012034", "self", true),
            ("刘小雨", "500231201209093012", "child", false),
        ],
    },
    DemoHousehold {
        place: "500231001001-G01",
        address: "桂溪街道东门社区和平路8号",
        members: &[
            ("周国强", "50023119600815302X", "self", true),
            ("周子轩", "500231200802285010", "grandchild", false),
        ],
    },
];
