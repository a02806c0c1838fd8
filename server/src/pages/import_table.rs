//! What the imports share (the registry roster's, the staff accounts', the places'): a file
//! read as a table of text cells — CSV (UTF-8, a byte-order mark allowed) or XLSX (the first
//! sheet, read with `calamine`), told apart by the zip signature — and the upload form read
//! from its multipart body (`file`, or `data`: the previewed file sent back as base64, with
//! `name` and `action` `preview` or `commit`). Each import keeps its own columns, checks and
//! pages.

use std::io::Cursor;

use axum::extract::Multipart;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use calamine::{Data, Reader, Xlsx};

/// Whether `bytes` look like an XLSX file (a zip archive).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a file into rows of trimmed cells (the first row is the headings). A file that
/// cannot be read at all is refused whole, with why (in Chinese, for the page).
pub fn read_table(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    if is_xlsx(bytes) {
        xlsx(bytes)
    } else {
        csv(bytes)
    }
}

fn csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(
            "文件不是 UTF-8 编码的 CSV，也不是 XLSX：请在表格软件中另存为“CSV UTF-8”或 XLSX"
                .to_owned(),
        );
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("第 {} 行无法读取：{e}", i + 1))?;
        out.push(record.iter().map(|c| c.trim().to_owned()).collect());
    }
    Ok(out)
}

fn xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("XLSX 文件无法打开：{e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("XLSX 文件没有工作表")?
        .map_err(|e| format!("XLSX 工作表无法读取：{e}"))?;
    // The range starts at its first used cell: pad the rows above and the columns to its
    // left, so that line numbers and columns are the sheet's.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut out: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for r in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(r.iter().map(cell));
        out.push(cells);
    }
    Ok(out)
}

fn cell(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        // An 18-digit ID number typed as a number has lost its last digits: keep what is there
        // and let the number's check refuse it.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date cell: days since 1899-12-30 (Excel's epoch, without the 1900 leap-year bug
        // after February 1900).
        Data::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(d.as_f64().max(0.0) as u64)))
            .map(|day| day.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Whether a row holds nothing (a blank line, or a spreadsheet row of empty cells).
pub fn blank(cells: &[String]) -> bool {
    cells.iter().all(String::is_empty)
}

/// What the upload form sent.
#[derive(Debug, Default)]
pub struct Upload {
    /// The file: uploaded, or sent back from the preview.
    pub bytes: Option<Vec<u8>>,
    /// The file's name as uploaded (at most 100 characters).
    pub name: String,
    /// `action=commit` (otherwise a preview).
    pub commit: bool,
}

/// Reads the upload form, or says why it cannot (in Chinese, for the page).
pub async fn read_upload(mut form: Multipart) -> Result<Upload, String> {
    let cut = || "上传未完成，请重新选择文件".to_owned();
    let mut sent = Upload::default();
    while let Some(field) = form.next_field().await.map_err(|_| cut())? {
        let field_name = field.name().unwrap_or_default().to_owned();
        match field_name.as_str() {
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| cut())?;
                if !bytes.is_empty() {
                    sent.name = name;
                    sent.bytes = Some(bytes.to_vec());
                }
            }
            "data" => {
                let text = field.text().await.map_err(|_| cut())?;
                if !text.trim().is_empty() {
                    sent.bytes = Some(
                        STANDARD
                            .decode(text.trim())
                            .map_err(|_| "文件内容已损坏，请重新上传".to_owned())?,
                    );
                }
            }
            "name" => sent.name = field.text().await.unwrap_or_default(),
            "action" => sent.commit = field.text().await.unwrap_or_default() == "commit",
            _ => {}
        }
    }
    sent.name = sent.name.chars().take(100).collect();
    Ok(sent)
}

/// The file as the preview carries it to the commit.
pub fn carried(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_xlsx_read_alike() {
        let csv = "\u{feff}a,b\n 1 ,\n\n2,3,4\n";
        let table = read_table(csv.as_bytes()).unwrap();
        assert_eq!(
            table,
            vec![vec!["a", "b"], vec!["1", ""], vec!["2", "3", "4"]]
        );
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(1, 1, "a").unwrap();
        sheet.write_number(2, 1, 500231101201.0).unwrap();
        sheet.write_string(2, 2, " x ").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(is_xlsx(&bytes));
        let table = read_table(&bytes).unwrap();
        assert_eq!(table[0], Vec::<String>::new());
        assert_eq!(table[1], vec!["", "a", ""]);
        assert_eq!(table[2], vec!["", "500231101201", "x"]);
        assert!(blank(&table[0]) && !blank(&table[1]));
    }

    #[test]
    fn a_file_of_neither_kind_is_refused() {
        assert!(read_table(&[0xff, 0xfe, 0x00]).is_err());
        assert!(read_table(b"PK\x03\x04broken").is_err());
    }
}
