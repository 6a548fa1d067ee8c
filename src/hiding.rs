//! Phone-number hiding (号码隐藏): a user who may not see customers' numbers gets a
//! draft in which every customer number is masked, in the value itself and not only in
//! its `*_hidden_result`, so a client that ignores `need_hidden_dispose` leaks nothing.

use crate::records::{Address, Customer};

/// The shown form of a hidden number: the first three and last four characters kept and
/// every one between replaced by `*` (`18699999999` → `186****9999`); a number shorter
/// than 8 characters is masked whole, since its ends would give most of it away.
///
/// ```
/// use contract_draft::mask_number;
///
/// assert_eq!(mask_number("18699999999"), "186****9999");
/// assert_eq!(mask_number("010-12345678"), "010*****5678");
/// assert_eq!(mask_number("1234567"), "*******");
/// assert_eq!(mask_number(""), "");
/// ```
pub fn mask_number(number: &str) -> String {
    let length = number.chars().count();
    if length < 8 {
        return "*".repeat(length);
    }
    number
        .chars()
        .enumerate()
        .map(|(index, c)| if index < 3 || index >= length - 4 { c } else { '*' })
        .collect()
}

/// The customer as a user who may not see numbers sees it: every `tel` and `phone` of
/// its address and its contacts' addresses masked, the masks in `*_hidden_result`, and
/// `need_hidden_dispose` set on each address.
pub(crate) fn hide_numbers(mut hidden: Customer) -> Customer {
    let addresses = hidden
        .address
        .iter_mut()
        .chain(hidden.contacts.iter_mut().filter_map(|contact| contact.address.as_mut()));
    for address in addresses {
        hide_address(address);
    }
    hidden
}

fn hide_address(address: &mut Address) {
    address.tel = mask_number(&address.tel);
    address.tel_hidden_result.clone_from(&address.tel);
    address.phone = mask_number(&address.phone);
    address.phone_hidden_result.clone_from(&address.phone);
    address.need_hidden_dispose = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_ends_of_long_numbers_only() {
        assert_eq!(mask_number("13800138000"), "138****8000");
        assert_eq!(mask_number("12345678"), "123*5678");
        assert_eq!(mask_number("+86 186 9999 9999"), "+86**********9999");
        assert_eq!(mask_number("１２３４５６７８"), "１２３*５６７８");
        assert_eq!(mask_number("123"), "***");
    }
}
