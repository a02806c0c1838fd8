//! One table of a report as CSV or XLSX, with exactly the attachment's headings. CSV: the
//! headings row, then the rows (UTF-8 with a byte-order mark, so that spreadsheet programs
//! read the Chinese right). XLSX (rust_xlsxwriter): the title in the first row, the headings
//! in the second, the rows, then the footer line; highlighted rows are filled.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

use crate::error::ApiError;
use crate::pages::county::helper_report::Format as Asked;

/// One table.
pub struct Sheet<'a> {
    /// The worksheet's name.
    pub name: &'a str,
    /// The title above the table.
    pub title: String,
    /// The attachment's column headings.
    pub headings: &'a [&'a str],
    /// The rows, one value per heading.
    pub rows: Vec<Vec<String>>,
    /// Rows to fill (by index into `rows`).
    pub highlight: Vec<bool>,
    /// The line under the table (the form's signatures), if any.
    pub footer: Option<String>,
}

/// A one-table county list in the format asked (`?format=`): `filename`.csv or .xlsx of the
/// sheet, or the landscape dashboard page with `body` under `title`. The data checks, the
/// certification list and the registry answer so.
pub fn list<'a>(
    asked: Asked,
    filename: &str,
    sheet: impl FnOnce() -> Sheet<'a>,
    title: &str,
    body: impl FnOnce() -> String,
) -> Result<Response, ApiError> {
    match asked {
        Asked::Csv => csv(&format!("{filename}.csv"), &sheet()),
        Asked::Xlsx => xlsx(&format!("{filename}.xlsx"), &[sheet()]),
        Asked::Html => Ok(Html(crate::pages::html::page_with(
            title,
            "dashboard-page",
            &body(),
            &[crate::pages::dashboard::STYLESHEET, crate::pages::LANDSCAPE],
        ))
        .into_response()),
    }
}

/// The sheet as a CSV download.
pub fn csv(filename: &str, sheet: &Sheet<'_>) -> Result<Response, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    out.write_record(sheet.headings)
        .map_err(anyhow::Error::from)?;
    for row in &sheet.rows {
        out.write_record(row).map_err(anyhow::Error::from)?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(download(filename, "text/csv; charset=utf-8", bytes))
}

/// The sheets as one XLSX workbook download.
pub fn xlsx(filename: &str, sheets: &[Sheet<'_>]) -> Result<Response, ApiError> {
    let bytes = workbook(sheets).map_err(anyhow::Error::from)?;
    Ok(download(
        filename,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}

fn workbook(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xF4F4F4));
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let marked = cell.clone().set_background_color(Color::RGB(0xFFE08A));
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        ws.write_string_with_format(0, 0, &sheet.title, &title)?;
        for (c, h) in sheet.headings.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(1, c, *h, &head)?;
            ws.set_column_width(c, if h.chars().count() > 12 { 28 } else { 14 })?;
        }
        let mut r: u32 = 2;
        for (i, row) in sheet.rows.iter().enumerate() {
            let format = if sheet.highlight.get(i).copied().unwrap_or(false) {
                &marked
            } else {
                &cell
            };
            for (c, value) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                ws.write_string_with_format(r, c, value, format)?;
            }
            r += 1;
        }
        if let Some(footer) = &sheet.footer {
            ws.write_string(r + 1, 0, footer)?;
        }
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        ws.set_print_fit_to_pages(1, 0);
    }
    book.save_to_buffer()
}

fn download(filename: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
