//! The approval states (审批) a contract or a payment goes through.

use serde::Serialize;

use crate::encoding::word::{Word, deserialize_as_word};

/// The approval status of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

impl Word for ApproveStatus {
    const WORDS: &'static [&'static str] = &["draft", "applying", "approved", "rejected"];
    const VALUES: &'static [Self] = &[Self::Draft, Self::Applying, Self::Approved, Self::Rejected];
}
deserialize_as_word!(ApproveStatus);

impl ApproveStatus {
    /// The status's API name, as `approve_status` writes it: `draft`, `applying`,
    /// `approved`, `rejected`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Applying => "applying",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

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

#[cfg(test)]
mod tests {
    use super::ApproveStatus;

    #[test]
    fn each_status_has_its_words() {
        let words: Vec<(&str, &str)> =
            [ApproveStatus::Draft, ApproveStatus::Applying, ApproveStatus::Approved, ApproveStatus::Rejected]
                .into_iter()
                .map(|status| (status.name(), status.i18n()))
                .collect();
        assert_eq!(
            words,
            [("draft", "草稿"), ("applying", "待审批"), ("approved", "已通过"), ("rejected", "已驳回")]
        );
    }
}
