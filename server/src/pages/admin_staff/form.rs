//! The account form, for adding and editing: every field with what was typed kept and its
//! error beside it (`data-error` carries the stable code), and a summary at the top that a
//! screen reader announces.

use std::fmt::Write;

use domain::role::Role;
use domain::staff::{StaffCategory, StaffError, StaffField, StaffInput};
use serde::Deserialize;

use super::{Place, role_name};
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::pages::public::Lang;
use crate::state::AppState;

/// What the form posts (every field optional: a missing one is blank, and blank is checked).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct StaffForm {
    /// 账号 (adding only).
    #[serde(default)]
    pub username: String,
    /// 姓名.
    #[serde(default)]
    pub name: String,
    /// Role code.
    #[serde(default)]
    pub role: String,
    /// Place code.
    #[serde(default)]
    pub place: String,
    /// Department code.
    #[serde(default)]
    pub department: String,
    /// 电话.
    #[serde(default)]
    pub phone: String,
    /// 身份证号码.
    #[serde(default)]
    pub id_number: String,
    /// 人员类别 code.
    #[serde(default)]
    pub category: String,
}

impl StaffForm {
    /// The record's fields for `domain::staff::validate_staff`.
    pub fn input(&self) -> StaffInput {
        StaffInput {
            name: self.name.clone(),
            role: self.role.clone(),
            place: self.place.clone(),
            department: self.department.clone(),
            phone: self.phone.clone(),
            id_number: self.id_number.clone(),
            category: self.category.clone(),
        }
    }
}

/// A department, for the choice.
pub struct Department {
    code: String,
    name_zh: String,
    name_en: String,
}

/// The departments, by code.
pub async fn departments(state: &AppState) -> Result<Vec<Department>, ApiError> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT code, name_zh, name_en FROM departments ORDER BY code")
            .fetch_all(state.db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name_zh, name_en)| Department {
            code,
            name_zh,
            name_en,
        })
        .collect())
}

/// What the form needs besides the values.
pub struct Choices<'a> {
    /// The jurisdiction's places.
    pub places: &'a [Place],
    /// The departments.
    pub departments: &'a [Department],
}

fn error_at(out: &mut String, lang: Lang, errors: &[StaffError], field: StaffField) -> bool {
    let mine: Vec<&StaffError> = errors.iter().filter(|e| e.field == field).collect();
    for e in &mine {
        let _ = write!(
            out,
            "<p class=\"error\" id=\"e-{}\" data-error=\"{}\">{}</p>",
            field.code(),
            e.code,
            escape(lang.t(&e.message_zh, &e.message_en)),
        );
    }
    !mine.is_empty()
}

fn open(
    out: &mut String,
    lang: Lang,
    label: (&str, &str),
    field: StaffField,
    errors: &[StaffError],
) -> String {
    let _ = write!(
        out,
        "<div class=\"field\" data-field=\"{f}\"><label for=\"f-{f}\">{}</label>",
        lang.t(label.0, label.1),
        f = field.code()
    );
    let bad = error_at(out, lang, errors, field);
    if bad {
        format!(
            " id=\"f-{f}\" name=\"{f}\" aria-invalid=\"true\" aria-describedby=\"e-{f}\"",
            f = field.code()
        )
    } else {
        format!(" id=\"f-{f}\" name=\"{f}\"", f = field.code())
    }
}

fn text(
    out: &mut String,
    lang: Lang,
    label: (&str, &str),
    field: StaffField,
    value: &str,
    extra: &str,
    errors: &[StaffError],
) {
    let attrs = open(out, lang, label, field, errors);
    let _ = write!(
        out,
        "<input{attrs} value=\"{}\"{extra}></div>",
        escape(value)
    );
}

fn select(
    out: &mut String,
    lang: Lang,
    label: (&str, &str),
    field: StaffField,
    value: &str,
    options: &[(String, String)],
    errors: &[StaffError],
) {
    let attrs = open(out, lang, label, field, errors);
    let _ = write!(
        out,
        "<select{attrs}><option value=\"\">{}</option>",
        lang.t("（请选择）", "(choose)")
    );
    let mut found = value.trim().is_empty();
    for (code, name) in options {
        let selected = code == value.trim();
        found |= selected;
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{}</option>",
            escape(code),
            if selected { " selected" } else { "" },
            escape(name)
        );
    }
    if !found {
        // A value typed or stored that is not among the choices stays visible.
        let _ = write!(
            out,
            "<option value=\"{v}\" selected>{v}</option>",
            v = escape(value.trim())
        );
    }
    out.push_str("</select></div>");
}

/// The form; `action` is where it posts, `username` whether the sign-in name is asked.
pub fn render(
    lang: Lang,
    action: &str,
    values: &StaffForm,
    errors: &[StaffError],
    choices: &Choices<'_>,
    username: bool,
) -> String {
    let t = |zh, en| lang.t(zh, en);
    let mut out = String::new();
    if !errors.is_empty() {
        let _ = write!(
            out,
            "<div class=\"errors\" role=\"alert\" data-said=\"invalid\"><p>{}</p><ul>",
            t(
                "请改正下列问题，已填写的内容都已保留：",
                "Please correct these; everything you typed is kept:"
            )
        );
        for e in errors {
            let _ = write!(
                out,
                "<li><a href=\"#f-{}\">{}</a></li>",
                e.field.code(),
                escape(lang.t(&e.message_zh, &e.message_en))
            );
        }
        out.push_str("</ul></div>");
    }
    let _ = write!(
        out,
        "<form class=\"staff-form\" method=\"post\" action=\"{}\" novalidate>",
        escape(action)
    );
    if username {
        text(
            &mut out,
            lang,
            ("账号（登录名）", "Sign-in name"),
            StaffField::Username,
            &values.username,
            " autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" required",
            errors,
        );
    }
    text(
        &mut out,
        lang,
        ("姓名", "Name"),
        StaffField::Name,
        &values.name,
        " autocomplete=\"off\" required",
        errors,
    );
    let roles: Vec<(String, String)> = Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Resident)
        .map(|r| (r.code().to_owned(), role_name(lang, r.code())))
        .collect();
    select(
        &mut out,
        lang,
        ("角色", "Role"),
        StaffField::Role,
        &values.role,
        &roles,
        errors,
    );
    let places: Vec<(String, String)> = choices
        .places
        .iter()
        .map(|p| {
            let indent = match p.level.as_str() {
                "county" => "",
                "township" => "　",
                _ => "　　",
            };
            (
                p.code.clone(),
                format!("{indent}{}（{}）", p.name(lang), p.code),
            )
        })
        .collect();
    select(
        &mut out,
        lang,
        ("所在地", "Place"),
        StaffField::Place,
        &values.place,
        &places,
        errors,
    );
    let departments: Vec<(String, String)> = choices
        .departments
        .iter()
        .map(|d| (d.code.clone(), lang.t(&d.name_zh, &d.name_en).to_owned()))
        .collect();
    select(
        &mut out,
        lang,
        (
            "部门（仅部门经办人）",
            "Department (department officers only)",
        ),
        StaffField::Department,
        &values.department,
        &departments,
        errors,
    );
    text(
        &mut out,
        lang,
        ("电话（手机）", "Mobile phone"),
        StaffField::Phone,
        &values.phone,
        " inputmode=\"tel\" autocomplete=\"off\"",
        errors,
    );
    text(
        &mut out,
        lang,
        ("身份证号码", "ID number"),
        StaffField::IdNumber,
        &values.id_number,
        " autocomplete=\"off\" spellcheck=\"false\"",
        errors,
    );
    let categories: Vec<(String, String)> = StaffCategory::ALL
        .into_iter()
        .map(|c| {
            (
                c.code().to_owned(),
                lang.t(c.label_zh(), c.label_en()).to_owned(),
            )
        })
        .collect();
    select(
        &mut out,
        lang,
        ("人员类别", "Category"),
        StaffField::Category,
        &values.category,
        &categories,
        errors,
    );
    let _ = write!(
        out,
        "<button type=\"submit\" data-action=\"save\">{}</button></form>",
        t("保存", "Save")
    );
    out
}
