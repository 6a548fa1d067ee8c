//! The routes: each request is checked, answered from the database through the
//! library, and written as the library's envelope with its error kind's status.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use contract_draft::lines::DEFAULT_MAX_LINE_BYTES;
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::{PaymentPlan, Receivables};
use contract_draft::request::{Authorization, id_parameter, opportunity_id, query_value};
use contract_draft::submit::ContractForm;
use contract_draft::submit::CreateRequest;
use contract_draft::{
    Amount, CompanySettings, Converter, Customer, Envelope, Error, ErrorEnvelope, ErrorKind, Opportunity,
    User, Visible, parse_date,
};

use crate::store::{Caller, Saved, Store};
use crate::tokens::digest;

/// The service's state: the database, one connection used by one request at a time,
/// and the converter of each company that was asked for, made from its stored settings
/// once (the service has no endpoint that changes settings: a change made to the
/// database by hand is seen after a restart).
pub struct Service {
    store: Store,
    converters: HashMap<u64, Arc<Converter>>,
}

/// The state the routes share.
pub type Shared = Arc<Mutex<Service>>;

impl Service {
    /// The converter of `company_id`, from its stored settings.
    fn converter(&mut self, company_id: u64) -> Result<Arc<Converter>, Error> {
        if let Some(converter) = self.converters.get(&company_id) {
            return Ok(Arc::clone(converter));
        }
        let settings =
            self.store.settings(company_id).map_err(Error::service_failure)?.ok_or_else(|| {
                Error::service_failure(format_args!("company {company_id} has no settings"))
            })?;
        let settings = CompanySettings::from_json(settings.as_bytes()).map_err(Error::of_stored_records)?;
        let converter = Arc::new(Converter::new(&settings).map_err(Error::of_stored_records)?);
        self.converters.insert(company_id, Arc::clone(&converter));
        Ok(converter)
    }
}

/// The service's routes over `store`.
pub fn router(store: Store) -> Router {
    Router::new()
        .route("/api/v2/contracts/new_from_opportunity", get(new_from_opportunity))
        .route("/api/v2/contracts", post(create_contract))
        .route("/api/v2/contracts/{id}/receivables", get(receivables))
        .route("/api/v2/contracts/{id}/received_payment_plans", post(schedule_plans))
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(unknown_endpoint)
        .with_state(Arc::new(Mutex::new(Service { store, converters: HashMap::new() })))
}

/// What a request is answered with: a success body, or the error whose envelope and
/// status answer it.
type Answer = Result<Vec<u8>, Error>;

async fn new_from_opportunity(State(service): State<Shared>, headers: HeaderMap, uri: Uri) -> Response {
    let query = uri.query().unwrap_or_default().to_owned();
    run(service, headers, move |service, caller| {
        let id = opportunity_id(query_value(&query, "opportunity_id"))?;
        let converter = service.converter(caller.company_id)?;
        let store = &mut service.store;
        let opportunity = store
            .opportunity(caller.company_id, id)
            .map_err(Error::service_failure)?
            .ok_or_else(|| Error::not_found(format_args!("the company has no opportunity {id}")))?;
        let opportunity = Opportunity::from_json(opportunity.as_bytes()).map_err(Error::of_stored_records)?;
        let customer_id = opportunity.customer_id;
        let customer = store
            .customer(caller.company_id, customer_id)
            .map_err(Error::service_failure)?
            .ok_or_else(|| {
                Error::service_failure(format_args!(
                    "opportunity {id} names customer {customer_id}, which the company does not have"
                ))
            })?;
        let customer = Customer::from_json(customer.as_bytes()).map_err(Error::of_stored_records)?;
        let user = User::from_json(caller.user.as_bytes()).map_err(Error::of_stored_records)?;
        let conversion =
            converter.convert_owned(opportunity, customer, user).map_err(Error::of_stored_records)?;
        Envelope::new(&conversion.draft).to_json().map_err(Error::service_failure)
    })
    .await
}

async fn create_contract(State(service): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(error) => return answer(Err(error)),
    };
    run(service, headers, move |service, caller| {
        let converter = service.converter(caller.company_id)?;
        let store = &mut service.store;
        let request = converter.create_request(&ContractForm::from_json(&body)?)?;
        new_lines_only(&request)?;
        match store
            .save_contract(caller.company_id, caller.user_id, &request)
            .map_err(Error::service_failure)?
        {
            Saved::Id(id) => Envelope::new(request.saved(id)).to_json().map_err(Error::service_failure),
            Saved::DuplicateSn => Err(Error::duplicate(
                "contract.sn",
                format_args!("the company has a contract numbered {}", Visible(request.sn())),
            )),
            Saved::Unknown(key) => Err(Error::not_found(format_args!("{key} is not one of the company's"))),
        }
    })
    .await
}

async fn receivables(
    State(service): State<Shared>,
    headers: HeaderMap,
    Path(contract_id): Path<String>,
) -> Response {
    run(service, headers, move |service, caller| {
        let id = id_parameter("id", Some(&contract_id))?;
        let (total, plans, _) = saved_contract(&service.store, caller, id)?;
        let receivables = Receivables::compute(total, &plans, &[]).map_err(Error::of_stored_records)?;
        Envelope::new(receivables).to_json().map_err(Error::service_failure)
    })
    .await
}

async fn schedule_plans(
    State(service): State<Shared>,
    headers: HeaderMap,
    Path(contract_id): Path<String>,
    body: Body,
) -> Response {
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(error) => return answer(Err(error)),
    };
    run(service, headers, move |service, caller| {
        let id = id_parameter("id", Some(&contract_id))?;
        let (total, _, start) = saved_contract(&service.store, caller, id)?;
        let schedule = ScheduleRequest::for_contract(&body, total, start)?.schedule()?;
        service.store.save_plans(id, &schedule).map_err(Error::service_failure)?;
        Envelope::new(&schedule).to_json().map_err(Error::service_failure)
    })
    .await
}

/// A path without an endpoint, or without one for the request's method: ikcrm's not-found
/// envelope.
async fn unknown_endpoint(uri: Uri) -> Response {
    answer(Err(Error::not_found(format_args!("no endpoint at {} for this method", Visible(uri.path())))))
}

/// A new contract's lines are new: a line id (or a deletion) names a line of a saved
/// contract, which this endpoint does not change.
fn new_lines_only(request: &CreateRequest) -> Result<(), Error> {
    let named =
        request.product_lines().enumerate().filter(|(_, line)| line.id().is_some() || line.is_deleted());
    let problems: Vec<Error> = named
        .map(|(index, _)| {
            Error::new(
                ErrorKind::InvalidValue,
                format!("contract.product_assets_attributes[{index}].id"),
                "names a saved line, and a new contract has none (leave id out, and destroy false)",
            )
        })
        .collect();
    Error::all(problems)
}

/// A saved contract of the caller's company: its total (zero when it was saved
/// without one, as ikcrm shows it), its stored plans and its first day.
fn saved_contract(
    store: &Store,
    caller: &Caller,
    id: u64,
) -> Result<(Amount, Vec<PaymentPlan>, contract_draft::chrono::NaiveDate), Error> {
    let contract = store
        .contract(caller.company_id, id)
        .map_err(Error::service_failure)?
        .ok_or_else(|| Error::not_found(format_args!("the company has no contract {id}")))?;
    let stored =
        |what: &str, error: Error| Error::service_failure(format_args!("contract {id}'s {what}: {error}"));
    let total = match contract.total_amount {
        Some(total) => total.parse::<Amount>().map_err(|error| stored("total_amount", error))?,
        None => Amount::ZERO,
    };
    let plans = contract
        .plan_amounts
        .iter()
        .map(|amount| amount.parse::<Amount>().map(PaymentPlan::new))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| stored("payment plan", error))?;
    let start = parse_date(&contract.start_at).map_err(|error| stored("start_at", error))?;
    Ok((total, plans, start))
}

/// The user the request's `Authorization` header names, checked as ikcrm checks it.
fn authenticate(store: &Store, headers: &HeaderMap) -> Result<Caller, Error> {
    let header = headers
        .get(header::AUTHORIZATION)
        .map(|value| {
            value.to_str().map_err(|_| Error::unauthenticated("the Authorization header is not text"))
        })
        .transpose()?;
    let authorization = Authorization::parse(header)?;
    store
        .caller(&digest(authorization.token()))
        .map_err(Error::service_failure)?
        .ok_or_else(|| Error::unauthenticated("the token is not one the service made"))
}

/// Answers a request with `handle`, given the database and the authenticated caller,
/// on a thread where blocking on the database is allowed.
async fn run(
    service: Shared,
    headers: HeaderMap,
    handle: impl FnOnce(&mut Service, &Caller) -> Answer + Send + 'static,
) -> Response {
    let answered = tokio::task::spawn_blocking(move || {
        let mut service =
            service.lock().map_err(|_| Error::service_failure("a request failed holding the database"))?;
        let caller = authenticate(&service.store, &headers)?;
        handle(&mut service, &caller)
    })
    .await;
    answer(answered.unwrap_or_else(|error| Err(Error::service_failure(error))))
}

/// The most bytes of a request's body: the bound the program puts on one bundle
/// ([`DEFAULT_MAX_LINE_BYTES`], 16 MiB); the library's count limits bound the rest.
const MAX_BODY_BYTES: usize = DEFAULT_MAX_LINE_BYTES;

/// A request's body, at most [`MAX_BODY_BYTES`].
async fn read_body(body: Body) -> Result<Bytes, Error> {
    axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| Error::input_too_large(MAX_BODY_BYTES))
}

/// The response for an answer: the body with 200, or the error's envelope with its
/// kind's status. A failure of the service's own is logged with its detail, which the
/// envelope withholds.
fn answer(answer: Answer) -> Response {
    let (status, body) = match answer {
        Ok(body) => (StatusCode::OK, body),
        Err(error) => {
            if error.kind().is_service_failure() {
                eprintln!("contract-draft-service: {error}");
            }
            let status = StatusCode::from_u16(error.kind().http_status())
                .expect("every error kind has an HTTP status");
            (status, ErrorEnvelope::from(&error).to_json())
        }
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    response
}
