//! The approval states (审批) a contract or a payment goes through.

use serde::{Deserialize, Serialize};

/// The approval status of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ApproveStatus {
    /// 草稿: saved, not sent for approval.
    Draft,
    /// 待审批: in approval.
    Applying,
    /// 已通过: approved.
    Approved,
    /// 已驳回: rejected.
    Rejected,
}

impl ApproveStatus {
    /// The status in words, as `approve_status_i18n` shows it.
    pub const fn i18n(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::Applying => "待审批",
            Self::Approved => "已通过",
            Self::Rejected => "已驳回",
        }
    }
}
