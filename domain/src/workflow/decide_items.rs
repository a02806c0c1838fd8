//! Deciding the per-item commands of issue 19: returning an item that is not the
//! department's and routing it again (转办), telling one item's result (反馈), chasing (催办).

use crate::department::DepartmentCode;
use crate::role::Role;

use super::case::Case;
use super::command::{Actor, Command};
use super::decide::failed;
use super::error::WorkflowError;
use super::event::EventBody;
use super::precondition::PreconditionFailed;

impl Case {
    /// Role, state, ownership, reason and time are already checked by `decide`.
    pub(super) fn decide_items(
        &self,
        command: &Command,
        by: &Actor,
    ) -> Result<EventBody, WorkflowError> {
        let kind = command.kind();
        match command {
            Command::ReturnItem { item, department } => {
                // Only the department it was routed to, while it is undecided.
                let p = self.pending_item_of(kind, item, department)?;
                Ok(EventBody::ItemReturned {
                    item: p.item.clone(),
                    department: p.department.clone(),
                })
            }
            Command::Reroute {
                item,
                department,
                acting_department,
            } => {
                let p = self.known_item(item)?;
                if !p.awaiting_reroute() {
                    let item = item.clone();
                    return Err(failed(kind, PreconditionFailed::ItemNotReturned { item }));
                }
                let civil = DepartmentCode::civil_affairs();
                if p.disputed() {
                    // 办理主体存在争议的……由区民政局组织综合评估确定经办单位 (潼南 五(四)2).
                    if by.role != Role::DepartmentOfficer
                        || acting_department.as_ref() != Some(&civil)
                    {
                        return Err(WorkflowError::DisputeForCivilAffairs { item: item.clone() });
                    }
                } else {
                    if by.role != Role::WindowClerk {
                        return Err(WorkflowError::WrongRole {
                            role: by.role,
                            command: kind,
                        });
                    }
                    if department == &p.department {
                        return Err(failed(
                            kind,
                            PreconditionFailed::RerouteToReturningDepartment {
                                item: item.clone(),
                                department: department.clone(),
                            },
                        ));
                    }
                }
                Ok(EventBody::ItemRerouted {
                    item: item.clone(),
                    from: p.department.clone(),
                    to: department.clone(),
                })
            }
            Command::TellResult { item } => {
                let p = self.known_item(item)?;
                if p.told_at.is_some() {
                    let item = item.clone();
                    return Err(failed(kind, PreconditionFailed::ResultAlreadyTold { item }));
                }
                if p.result_ready_at().is_none() {
                    let item = item.clone();
                    return Err(failed(kind, PreconditionFailed::ResultNotFinal { item }));
                }
                Ok(EventBody::ItemResultTold { item: item.clone() })
            }
            Command::Chase { item } => {
                let department = match item {
                    Some(i) => Some(self.known_item(i)?.department.clone()),
                    None => None,
                };
                Ok(EventBody::Chased {
                    item: item.clone(),
                    department,
                })
            }
            _ => unreachable!("decide routes only item commands here"),
        }
    }
}
