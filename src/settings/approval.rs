//! How a company approves contracts (审批).

use serde::{Deserialize, Serialize};

/// How a company approves contracts. Made with [`ApprovalSettings::new`] (or read with
/// the settings).
///
/// A draft follows it thus: `need_approve_step` is [`steps`](Self::steps) and
/// `can_approve` is true when approval is required (`steps > 0`); `step` is 0,
/// `step_can_approve` and `can_revert_applying` are false and `notify_users` is empty,
/// since nothing has been sent for approval yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ApprovalSettings {
    /// How many approval steps a contract goes through; 0 when the company does not
    /// require approval. Absent or `null`: 1.
    #[serde(default = "one_step", deserialize_with = "steps_or_one")]
    pub steps: u32,
}

/// The default number of approval steps: the documented sample's company.
const fn one_step() -> u32 {
    1
}

/// Approval steps, `null` being the default.
fn steps_or_one<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    Option::<u32>::deserialize(deserializer).map(|steps| steps.unwrap_or(one_step()))
}

impl ApprovalSettings {
    /// Approval in `steps` steps; 0 when the company does not require approval.
    ///
    /// ```
    /// use contract_draft::{ApprovalSettings, CompanySettings};
    ///
    /// let mut settings = CompanySettings::default();
    /// settings.approval = ApprovalSettings::new(0);
    /// assert!(!settings.approval.required());
    /// ```
    pub const fn new(steps: u32) -> Self {
        Self { steps }
    }

    /// Whether contracts need approval at all.
    pub const fn required(self) -> bool {
        self.steps > 0
    }
}

impl Default for ApprovalSettings {
    /// Approval required, in one step: the documented sample's company.
    fn default() -> Self {
        Self { steps: one_step() }
    }
}
