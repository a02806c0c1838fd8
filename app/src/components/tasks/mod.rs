//! The helper's task list: one card per task, most urgent first.

mod due_label;
mod task_item;

pub use due_label::DueLabel;
pub use task_item::TaskItem;
