//! The helper's task list: one card per task, most urgent first.

mod certify_due;
mod due_label;
mod task_item;

pub use certify_due::CertifyDue;
pub use due_label::DueLabel;
pub use task_item::TaskItem;
