//! The service's database: an SQLite file holding companies (with their settings),
//! users and their hashed tokens, customers, opportunities, and the contracts made from
//! them with their product lines and payment plans.
//!
//! Records are stored as the library writes them (`to_json`, the input form, which
//! reads back as the same record) beside the columns the service queries by: a
//! company's rows are found by `company_id`, so a record of another company is not
//! found, as a missing one is. Amounts are stored as decimal text, never as floats.

use std::path::Path;

use contract_draft::plans::PlanSchedule;
use contract_draft::submit::CreateRequest;
use contract_draft::{CompanySettings, Customer, Opportunity, User};
use rusqlite::{Connection, OptionalExtension, params};

/// What can go wrong with the database itself: the service answers it as a 500. Ids
/// are `u64` in the library and `INTEGER` (signed) in SQLite: rusqlite refuses one
/// beyond `i64::MAX`, which the library never reads ([`contract_draft::limits::MAX_ID`]).
pub type Failure = rusqlite::Error;

/// The schema: created when the database does not have it.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS companies (
    id INTEGER PRIMARY KEY,
    settings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    digest BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id)
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS opportunities (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    sn TEXT NOT NULL,
    title TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    opportunity_id INTEGER REFERENCES opportunities (id),
    total_amount TEXT,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    approve_status TEXT NOT NULL,
    request TEXT NOT NULL,
    UNIQUE (company_id, sn)
);
CREATE TABLE IF NOT EXISTS contract_lines (
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    position INTEGER NOT NULL,
    product_id INTEGER,
    quantity TEXT,
    recommended_unit_price TEXT,
    total_price TEXT,
    line TEXT NOT NULL,
    PRIMARY KEY (contract_id, position)
);
CREATE TABLE IF NOT EXISTS payment_plans (
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    receive_stage INTEGER NOT NULL,
    amount TEXT NOT NULL,
    receive_date TEXT NOT NULL,
    PRIMARY KEY (contract_id, receive_stage)
);
";

/// An open database.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
}

/// A user as a token finds them: their company and record.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The user's id.
    pub user_id: u64,
    /// The user's company.
    pub company_id: u64,
    /// The user's record, as stored.
    pub user: String,
}

/// A stored contract's values that its receivables and schedule are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    /// The total amount, as decimal text; `None` when the contract was made without one.
    pub total_amount: Option<String>,
    /// The first day, `YYYY-MM-DD`.
    pub start_at: String,
    /// The stored payment plans' amounts, as decimal text, by stage.
    pub plan_amounts: Vec<String>,
}

/// How saving a contract ended.
#[derive(Debug)]
pub enum Saved {
    /// Saved under this id.
    Id(u64),
    /// The company already has a contract of this number.
    DuplicateSn,
    /// The customer, opportunity or user the request names is not one of the company's:
    /// the request's key that names it.
    Unknown(&'static str),
}

impl Store {
    /// Opens the database at `path`, creating it with the schema if it has none.
    pub fn open(path: &Path) -> Result<Self, Failure> {
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.execute_batch(SCHEMA)?;
        Ok(Self { connection })
    }

    /// An empty database in memory, with the schema.
    pub fn in_memory() -> Result<Self, Failure> {
        let connection = Connection::open_in_memory()?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.execute_batch(SCHEMA)?;
        Ok(Self { connection })
    }

    /// Whether the database holds no company yet.
    pub fn is_empty(&self) -> Result<bool, Failure> {
        let count: i64 = self.connection.query_row("SELECT count(*) FROM companies", [], |row| row.get(0))?;
        Ok(count == 0)
    }

    /// Stores a company and its settings.
    pub fn add_company(&self, id: u64, settings: &CompanySettings) -> Result<(), Failure> {
        let settings = serde_json::to_string(settings).map_err(unwritable)?;
        self.connection
            .execute("INSERT INTO companies (id, settings) VALUES (?1, ?2)", params![id, settings])?;
        Ok(())
    }

    /// Stores a user of `company_id`.
    pub fn add_user(&self, company_id: u64, user: &User) -> Result<(), Failure> {
        self.connection.execute(
            "INSERT INTO users (id, company_id, record) VALUES (?1, ?2, ?3)",
            params![user.id, company_id, text(user.to_json())],
        )?;
        Ok(())
    }

    /// Stores a customer of `company_id`.
    pub fn add_customer(&self, company_id: u64, customer: &Customer) -> Result<(), Failure> {
        self.connection.execute(
            "INSERT INTO customers (id, company_id, record) VALUES (?1, ?2, ?3)",
            params![customer.id, company_id, text(customer.to_json())],
        )?;
        Ok(())
    }

    /// Stores an opportunity of `company_id`.
    pub fn add_opportunity(&self, company_id: u64, opportunity: &Opportunity) -> Result<(), Failure> {
        self.connection.execute(
            "INSERT INTO opportunities (id, company_id, record) VALUES (?1, ?2, ?3)",
            params![opportunity.id, company_id, text(opportunity.to_json())],
        )?;
        Ok(())
    }

    /// Stores the digest of a user's new token.
    pub fn add_token(&self, user_id: u64, digest: &[u8]) -> Result<(), Failure> {
        self.connection
            .execute("INSERT INTO tokens (digest, user_id) VALUES (?1, ?2)", params![digest, user_id])?;
        Ok(())
    }

    /// Whether `user_id` is a stored user.
    pub fn has_user(&self, user_id: u64) -> Result<bool, Failure> {
        let found = self
            .connection
            .query_row("SELECT 1 FROM users WHERE id = ?1", [user_id], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    /// The user a token's digest belongs to.
    pub fn caller(&self, digest: &[u8]) -> Result<Option<Caller>, Failure> {
        self.connection
            .query_row(
                "SELECT users.id, users.company_id, users.record FROM tokens JOIN users ON users.id = tokens.user_id
                 WHERE tokens.digest = ?1",
                [digest],
                |row| Ok(Caller { user_id: row.get(0)?, company_id: row.get(1)?, user: row.get(2)? }),
            )
            .optional()
    }

    /// The settings of a company, as stored.
    pub fn settings(&self, company_id: u64) -> Result<Option<String>, Failure> {
        self.connection
            .query_row("SELECT settings FROM companies WHERE id = ?1", params![company_id], |row| row.get(0))
            .optional()
    }

    /// A company's opportunity record, as stored.
    pub fn opportunity(&self, company_id: u64, id: u64) -> Result<Option<String>, Failure> {
        self.record("opportunities", company_id, id)
    }

    /// A company's customer record, as stored.
    pub fn customer(&self, company_id: u64, id: u64) -> Result<Option<String>, Failure> {
        self.record("customers", company_id, id)
    }

    fn record(&self, table: &str, company_id: u64, id: u64) -> Result<Option<String>, Failure> {
        self.connection
            .query_row(
                &format!("SELECT record FROM {table} WHERE id = ?1 AND company_id = ?2"),
                params![id, company_id],
                |row| row.get(0),
            )
            .optional()
    }

    /// Whether `table` holds the row `id` of `company_id`.
    fn company_has(&self, table: &str, company_id: u64, id: u64) -> Result<bool, Failure> {
        let found = self
            .connection
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE id = ?1 AND company_id = ?2"),
                params![id, company_id],
                |_| Ok(()),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// Saves a checked create request as a contract of `company_id` made by `user_id`,
    /// with its kept product lines, in one transaction.
    pub fn save_contract(
        &mut self,
        company_id: u64,
        user_id: u64,
        request: &CreateRequest,
    ) -> Result<Saved, Failure> {
        let named = [
            ("customers", "contract.customer_id", Some(request.customer_id())),
            ("opportunities", "contract.opportunity_id", request.opportunity_id()),
            ("users", "contract.user_id", request.user_id()),
        ];
        for (table, key, named) in named {
            if let Some(named) = named {
                if !self.company_has(table, company_id, named)? {
                    return Ok(Saved::Unknown(key));
                }
            }
        }
        let transaction = self.connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT INTO contracts (company_id, user_id, sn, title, customer_id, opportunity_id, total_amount,
                                    start_at, end_at, approve_status, request)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                company_id,
                request.user_id().unwrap_or(user_id),
                request.sn(),
                request.title(),
                request.customer_id(),
                request.opportunity_id(),
                request.total_amount().map(|amount| amount.to_string()),
                request.start_at().to_string(),
                request.end_at().to_string(),
                request.approve_status().name(),
                serde_json::to_string(request).map_err(unwritable)?,
            ],
        );
        match inserted {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                return Ok(Saved::DuplicateSn);
            }
            other => other?,
        };
        let rowid = transaction.last_insert_rowid();
        let contract_id =
            u64::try_from(rowid).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, rowid))?;
        for (position, line) in request.product_lines().filter(|line| !line.is_deleted()).enumerate() {
            transaction.execute(
                "INSERT INTO contract_lines (contract_id, position, product_id, quantity, recommended_unit_price,
                                             total_price, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    contract_id,
                    position,
                    line.product_id(),
                    line.quantity().map(|amount| amount.to_string()),
                    line.recommended_unit_price().map(|amount| amount.to_string()),
                    line.total_price().map(|amount| amount.to_string()),
                    serde_json::to_string(&line).map_err(unwritable)?,
                ],
            )?;
        }
        transaction.commit()?;
        Ok(Saved::Id(contract_id))
    }

    /// A company's contract, with its payment plans.
    pub fn contract(&self, company_id: u64, contract_id: u64) -> Result<Option<ContractRow>, Failure> {
        let row = self
            .connection
            .query_row(
                "SELECT total_amount, start_at FROM contracts WHERE id = ?1 AND company_id = ?2",
                params![contract_id, company_id],
                |row| Ok((row.get::<_, Option<String>>(0)?, row.get::<_, String>(1)?)),
            )
            .optional()?;
        let Some((total_amount, start_at)) = row else { return Ok(None) };
        let mut plans = self
            .connection
            .prepare("SELECT amount FROM payment_plans WHERE contract_id = ?1 ORDER BY receive_stage")?;
        let plan_amounts =
            plans.query_map(params![contract_id], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(Some(ContractRow { total_amount, start_at, plan_amounts }))
    }

    /// Replaces a contract's payment plans by a schedule's.
    pub fn save_plans(&mut self, contract_id: u64, schedule: &PlanSchedule) -> Result<(), Failure> {
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM payment_plans WHERE contract_id = ?1", params![contract_id])?;
        for plan in &schedule.received_payment_plans {
            transaction.execute(
                "INSERT INTO payment_plans (contract_id, receive_stage, amount, receive_date) VALUES (?1, ?2, ?3, ?4)",
                params![contract_id, plan.receive_stage, plan.amount.to_string(), plan.receive_date.to_string()],
            )?;
        }
        transaction.commit()
    }
}

/// A value that did not write as JSON, as the database's failure to store it.
fn unwritable(error: serde_json::Error) -> Failure {
    rusqlite::Error::ToSqlConversionFailure(Box::new(error))
}

/// JSON the library wrote, as text.
fn text(json: Vec<u8>) -> String {
    String::from_utf8(json).expect("JSON is UTF-8")
}
