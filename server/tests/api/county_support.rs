//! Shared by the county report tests: the attachments' headings, fetching, and reading the
//! exports back (CSV with csv, XLSX with calamine).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::helpers::TestApp;

pub const REPORT_HEADINGS: [&str; 11] = [
    "序号",
    "乡镇（街道）",
    "村（社区）",
    "委托人姓名",
    "帮办代办员姓名",
    "帮办代办事项内容（最低生活保障、特困人员供养、临时救助、医疗救助、就业救助、住房救助、教育救助、灾害救助）",
    "受理时间",
    "办理时限",
    "办理结果",
    "回复时间",
    "备注",
];

pub const ROSTER_HEADINGS: [&str; 8] = [
    "序号",
    "乡镇（街道）",
    "村（社区）",
    "姓名",
    "身份证号码",
    "电话",
    "人员类别（社区工作者、社会工作者、救助协理员、网格员、社会救助购买服务等人员）",
    "备注",
];

/// Status and body of a GET.
pub async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, Vec<u8>) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.bytes().await.unwrap().to_vec())
}

/// The body as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Two entrustments received in report 2025-2 (26 June to 25 September 2025), none before or
/// after: a copy of a demo entrustment made in 毛家村 (沙坪镇) on 10 July 2025, entrusted by
/// 赵秀兰 for 临时救助 by phone, no case yet; and one in 东门社区 (桂溪街道) on 1 August 2025
/// by 孙明 for 最低生活保障, given in person. Plus one on 26 September 2025 (report 2025-3).
/// Headings and rows of a CSV export.
pub fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let raw = text(bytes);
    let raw = raw.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    let headings = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headings, rows)
}

/// Each worksheet's name and cells, as text.
pub fn xlsx_sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}
