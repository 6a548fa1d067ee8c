//! Phone-number hiding (号码隐藏): a user who may not see customers' numbers gets a
//! draft in which every customer number is masked, in the value itself and not only in
//! its `*_hidden_result`, so a client that ignores `need_hidden_dispose` leaks nothing.

use crate::draft::FieldValue;
use crate::records::{Address, Customer};

/// A phone field's value as shown (its `_hidden_result`): the number masked with
/// [`mask_number`] when `hidden`, as it is otherwise; a value that is not text is shown
/// as it is.
pub(crate) fn shown_phone(value: &FieldValue, hidden: bool) -> FieldValue {
    match value {
        FieldValue::Text(number) if hidden => FieldValue::Text(mask_number(number)),
        other => other.clone(),
    }
}

/// The characters a mask hides a digit with: `*` (as [`mask_number`] writes), and the
/// full-width, bullet and other stars and dots other systems write.
const MASK_CHARACTERS: [char; 7] = ['*', '＊', '•', '●', '∗', '⁎', '✱'];

/// Whether a phone value is a mask (`138****5678`, `138＊＊＊＊5678`, `138••••5678`)
/// rather than a number: it hides at least one digit with a mask character.
pub(crate) fn is_masked_number(text: &str) -> bool {
    text.contains(MASK_CHARACTERS)
}

/// The shown form of a hidden number. Only digits are secret and only digits are
/// counted: separators (`-`, spaces, `+`, brackets) are kept and each hidden digit
/// becomes `*`.
/// - A number of 11 or more digits (a mobile number, a landline with its area code)
///   shows its first 3 and last 4 digits: `13912345678` → `139****5678`.
/// - A shorter one shows at most 4 digits and at most half of them, at its end:
///   `62345678` → `****5678`, `010-6234` → `***-*234`.
///
/// ```
/// use contract_draft::mask_number;
///
/// assert_eq!(mask_number("18699999999"), "186****9999");
/// assert_eq!(mask_number("010-12345678"), "010-****5678");
/// assert_eq!(mask_number("62345678"), "****5678");
/// assert_eq!(mask_number("1234567"), "****567");
/// assert_eq!(mask_number(""), "");
/// ```
pub fn mask_number(number: &str) -> String {
    let digits = number.chars().filter(|&c| is_digit(c)).count();
    let (head, tail) = if digits >= LONG_NUMBER { (3, 4) } else { (0, (digits / 2).min(4)) };
    let mut index = 0;
    number
        .chars()
        .map(|c| {
            if !is_digit(c) {
                return c;
            }
            let shown = index < head || index >= digits - tail;
            index += 1;
            if shown { c } else { '*' }
        })
        .collect()
}

/// The digits from which a number shows both ends.
const LONG_NUMBER: usize = 11;

/// Whether `c` is a digit of a number: any character Unicode counts as numeric (ASCII
/// and full-width digits among them), and the Chinese numerals a number may be written
/// in (一三九…, and the financial 壹贰叁…).
fn is_digit(c: char) -> bool {
    c.is_numeric() || "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖两".contains(c)
}

/// The customer as a user who may not see numbers sees it: every `tel` and `phone` of
/// its address and its contacts' addresses masked, the masks in `*_hidden_result`, and
/// `need_hidden_dispose` set on each address.
pub(crate) fn hide_numbers(customer: &mut Customer) {
    let addresses = customer
        .address
        .iter_mut()
        .chain(customer.contacts.iter_mut().filter_map(|contact| contact.address.as_mut()));
    for address in addresses {
        hide_address(address);
    }
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
    fn masks_count_digits_not_characters() {
        for (number, masked) in [
            ("13800138000", "138****8000"),
            ("12345678", "****5678"),
            ("010-6234", "***-*234"),
            ("+86 186 9999 9999", "+86 1** **** 9999"),
            ("(010) 1234-5678", "(010) ****-5678"),
            ("１２３４５６７８", "＊＊＊＊５６７８".replace('＊', "*").as_str()),
            ("123", "**3"),
            ("1", "*"),
            ("ext. 12", "ext. *2"),
            ("一三九一二三四五六七八", "一三九****五六七八"),
            ("零五七一-陆贰叁肆伍陆柒捌", "零五七*-****伍陆柒捌"),
            ("no digits", "no digits"),
        ] {
            assert_eq!(mask_number(number), masked, "{number}");
        }
    }
}
