//! Reading a roster file (CSV or XLSX, through [`crate::pages::import_table`]) and finding
//! the columns by their headings.

use domain::registry::RowInput;

use crate::pages::import_table::{blank, read_table};

/// The most rows a file may hold: one push carries them all, so that the commit is all or
/// nothing (`domain::sync::MAX_OPS_PER_PUSH`).
pub const MAX_ROWS: usize = domain::sync::MAX_OPS_PER_PUSH;

/// The headings the page asks for, in order (the sample file's).
pub const HEADINGS: [&str; 10] = [
    "乡镇（街道）",
    "村（社区）",
    "类别",
    "户主姓名",
    "身份证号码",
    "保障人数",
    "月保障金额（元）",
    "起始年月",
    "终止年月",
    "停发年月",
];

/// One data row: its line in the file (the heading is line 1), the place as written, and
/// the rest of its cells.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line (spreadsheet row number).
    pub line: u32,
    /// 乡镇（街道）.
    pub township: String,
    /// 村（社区）.
    pub village: String,
    /// The other cells.
    pub input: RowInput,
}

/// Reads a file (CSV or XLSX, [`crate::pages::import_table`]). A file that cannot be read
/// at all (or lacks a required column, or holds no row, or too many) is refused whole, with
/// why.
pub fn read(bytes: &[u8]) -> Result<Vec<Row>, String> {
    rows(read_table(bytes)?)
}

/// Which heading a column has, by its words (so 乡镇, 乡镇(街道) and 乡镇（街道） all read).
fn column_of(heading: &str) -> Option<usize> {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    let rules: [(&str, usize); 10] = [
        ("乡镇", 0),
        ("村", 1),
        ("类别", 2),
        ("姓名", 3),
        ("身份证", 4),
        ("人数", 5),
        ("金额", 6),
        ("起始", 7),
        ("终止", 8),
        ("停发", 9),
    ];
    rules.iter().find(|(w, _)| h.contains(w)).map(|(_, i)| *i)
}

fn rows(table: Vec<Vec<String>>) -> Result<Vec<Row>, String> {
    let mut lines = table.into_iter();
    let heading = lines.next().ok_or("文件是空的")?;
    let mut at = [None::<usize>; 10];
    for (i, h) in heading.iter().enumerate() {
        if let Some(c) = column_of(h) {
            at[c].get_or_insert(i);
        }
    }
    let missing: Vec<&str> = (0..8)
        .filter(|c| at[*c].is_none())
        .map(|c| HEADINGS[c])
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "第 1 行缺少列：{}（请使用模板的列标题）",
            missing.join("、")
        ));
    }
    let mut out = Vec::new();
    for (i, cells) in lines.enumerate() {
        if blank(&cells) {
            continue;
        }
        let get = |c: usize| {
            at[c]
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        out.push(Row {
            line: u32::try_from(i + 2).unwrap_or(u32::MAX),
            township: get(0),
            village: get(1),
            input: RowInput {
                category: get(2),
                head_name: get(3),
                head_id: get(4),
                members: get(5),
                amount_yuan: get(6),
                start: get(7),
                end: get(8),
                stopped_from: get(9),
            },
        });
        if out.len() > MAX_ROWS {
            return Err(format!("文件超过 {MAX_ROWS} 行，请拆分后分别导入"));
        }
    }
    if out.is_empty() {
        return Err("文件中没有数据行".to_owned());
    }
    Ok(out)
}
