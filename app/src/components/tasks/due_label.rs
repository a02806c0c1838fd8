//! The time left on a task, in working days, coloured by urgency.

use leptos::prelude::*;

use crate::helper_view::Due;
use crate::i18n::{t, use_i18n};

/// "逾期 3 个工作日" / "今天到期" / "还剩 2 个工作日" / "无时限".
#[component]
pub fn DueLabel(due: Due) -> impl IntoView {
    let i18n = use_i18n();
    let text = match due {
        Due::Open => t!(i18n, tasks.no_deadline).into_any(),
        Due::Overdue(0) => t!(i18n, tasks.overdue_plain).into_any(),
        Due::Overdue(n) => t!(i18n, tasks.overdue, n = move || n).into_any(),
        Due::Today => t!(i18n, tasks.due_today).into_any(),
        Due::Left(n) => t!(i18n, tasks.left, n = move || n).into_any(),
    };
    view! {
        <span class=format!("due due-{}", due.code()) data-testid="task-due">{text}</span>
    }
}
