//! The fold-out of the capacity choice for a guardian from outside the household (不是家里人):
//! the four fields, what is said at each when refused, and the one already chosen, masked.

use domain::authorization::{OUTSIDER_RELATIONS, Outsider, OutsiderError, OutsiderField};
use domain::household::Member;
use domain::identity::IdNumberError;

use super::page::{AtFields, error_at};
use crate::pages::public::{Lang, escape};

/// The field of the `n`th member's choice an outside guardian's detail is typed in.
pub(super) fn field(n: usize, f: OutsiderField) -> String {
    let f = match f {
        OutsiderField::Name => "name",
        OutsiderField::IdNumber => "id",
        OutsiderField::Phone => "phone",
        OutsiderField::Relation => "relation",
    };
    format!("capacity-{n}-{f}")
}

/// Why an outside guardian's detail is refused, at its field, in plain words.
pub(super) fn refusal(
    lang: Lang,
    n: usize,
    member: &Member,
    f: OutsiderField,
    e: &OutsiderError,
) -> (String, String) {
    let text = match e {
        OutsiderError::Name(_) => lang
            .t(
                "请填监护人的姓名，和身份证上的一样。",
                "Please give the guardian's name as on the ID card.",
            )
            .to_owned(),
        OutsiderError::IdNumber(IdNumberError::Length { found }) => match lang {
            Lang::Zh => format!("身份证号是 18 位，这里填了 {found} 位。"),
            Lang::En => format!("An ID number has 18 characters; this one has {found}."),
        },
        OutsiderError::IdNumber(_) => lang
            .t(
                "这个身份证号不对，请对着身份证再看一遍（最后一位可能是 X）。",
                "This ID number is not right: check it against the card (the last one may be X).",
            )
            .to_owned(),
        OutsiderError::Minor => lang
            .t("监护人要满 18 岁。", "The guardian must be 18 or older.")
            .to_owned(),
        OutsiderError::TheMember => match lang {
            Lang::Zh => format!(
                "这是 {} 本人的身份证号。请填替他签字的人的。",
                member.name.masked()
            ),
            Lang::En => format!(
                "This is {}'s own ID number. Please give the guardian's.",
                member.name.masked()
            ),
        },
        OutsiderError::InHousehold => lang
            .t(
                "这位是家里人，请在“由谁代签”里直接选他。",
                "This person is in the household: choose them in the list instead.",
            )
            .to_owned(),
        OutsiderError::Phone(_) => lang
            .t(
                "请填监护人自己的手机号（11 位），验证码会发到这个手机上。",
                "Please give the guardian's own mobile number (11 digits): the code goes there.",
            )
            .to_owned(),
        OutsiderError::Relation => lang
            .t(
                "请选监护人是这位家人的什么人。",
                "Please choose what the guardian is to this person.",
            )
            .to_owned(),
    };
    (field(n, f), text)
}

/// The fold-out for the `n`th member: open when `open`; `outsider` the guardian already
/// chosen (shown masked); the fields with their messages and, when refused, as typed.
pub(super) fn fold_out(
    lang: Lang,
    n: usize,
    outsider: Option<&Outsider>,
    open: bool,
    (errors, as_typed): (&AtFields, &AtFields),
) -> String {
    let now = match outsider {
        Some(o) => format!(
            "<p class=\"hint\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "现在由家外的监护人 {}（{}，身份证 {}，手机 {}）代签。要换人才重新填。",
                    o.name.masked(),
                    o.relation,
                    o.id_number.masked(),
                    o.phone.masked()
                ),
                Lang::En => format!(
                    "Now signed for by {} from outside the household ({}, ID {}, phone {}). Fill in again only to change.",
                    o.name.masked(),
                    o.relation,
                    o.id_number.masked(),
                    o.phone.masked()
                ),
            })
        ),
        None => String::new(),
    };
    let typed = |fid: &str| {
        as_typed
            .iter()
            .find(|(f, _)| f == fid)
            .map(|(_, v)| v.as_str())
    };
    let input = |f: OutsiderField, name: &str, label: &str, extra: &str| {
        let fid = field(n, f);
        let (error, attrs) = error_at(errors, &fid);
        let value = typed(&fid).map_or_else(String::new, |v| format!(" value=\"{}\"", escape(v)));
        format!(
            "<label for=\"{fid}\">{label}</label>{error}<input id=\"{fid}\" name=\"{name}\" type=\"text\"{extra}{value}{attrs}>"
        )
    };
    let relation = {
        let fid = field(n, OutsiderField::Relation);
        let (error, attrs) = error_at(errors, &fid);
        let options: String = OUTSIDER_RELATIONS
            .iter()
            .map(|r| {
                let selected = if typed(&fid) == Some(r) {
                    " selected"
                } else {
                    ""
                };
                format!("<option value=\"{r}\"{selected}>{r}</option>")
            })
            .collect();
        format!(
            "<label for=\"{fid}\">{label}</label>{error}<select id=\"{fid}\" name=\"outside_relation\"{attrs}>{options}</select>",
            label = lang.t("他是这位家人的", "What they are to this person"),
        )
    };
    format!(
        "<details class=\"outside\"{open}><summary>{summary}</summary>{now}<fieldset><legend>{legend}</legend>{name}{idn}{phone}{relation}</fieldset></details>",
        open = if open { " open" } else { "" },
        summary = lang.t(
            "监护人不是家里人？点开填",
            "The guardian is not in the household? Open to fill in",
        ),
        legend = lang.t(
            "选了“不是家里人”的话，填监护人的：",
            "If not in the household, the guardian's:",
        ),
        name = input(
            OutsiderField::Name,
            "outside_name",
            lang.t("姓名", "Name"),
            " autocomplete=\"off\""
        ),
        idn = input(
            OutsiderField::IdNumber,
            "outside_id_number",
            lang.t("身份证号", "ID number"),
            " autocomplete=\"off\" maxlength=\"18\""
        ),
        phone = input(
            OutsiderField::Phone,
            "outside_phone",
            lang.t(
                "手机号（验证码发到这里）",
                "Mobile phone (the code goes there)"
            ),
            " inputmode=\"tel\" autocomplete=\"off\""
        ),
    )
}
