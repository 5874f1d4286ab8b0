//! Check-digit algorithms of the validated identifiers: Luhn (cards), ISO 7064 mod 97-10
//! (IBAN, French NIR), mod 11-10 (German Steuer-ID), Verhoeff (Aadhaar), the Dutch 11-test,
//! PESEL and CPF weights, the Spanish DNI letter and the Italian codice fiscale check letter.
//! Inputs are digit values (0..=9) or ASCII strings; nothing here can panic on any input.

/// Luhn: the doubled-every-second-digit sum is a multiple of 10.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let d = u32::from(d);
        sum += if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d };
    }
    !digits.is_empty() && sum % 10 == 0
}

/// Remainder mod 97 of a string of digits and letters (A=10 … Z=35), read as one number.
pub(crate) fn mod97(s: &str) -> Option<u32> {
    let mut rem = 0u32;
    for c in s.chars() {
        let v = c.to_digit(36)?;
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    Some(rem)
}

/// IBAN: the first four characters moved to the end, mod 97 is 1.
pub(crate) fn iban_valid(compact: &str) -> bool {
    let (Some(head), Some(tail)) = (compact.get(..4), compact.get(4..)) else { return false };
    mod97(&format!("{tail}{head}")) == Some(1)
}

/// ISO 7064 mod 11,10 check digit over the first ten digits (German Steuer-ID).
pub(crate) fn mod11_10_valid(digits: &[u8]) -> bool {
    let Some((&check, body)) = digits.split_last() else { return false };
    let mut product = 10u32;
    for &d in body {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let expected = (11 - product) % 10;
    u32::from(check) == expected
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff: the checksum over all digits (check digit included) is 0.
/// ORCID iD (ISO 7064 MOD 11-2 over the first 15 digits; the check character is a digit or X).
pub(crate) fn orcid_valid(compact: &str) -> bool {
    let chars: Vec<char> = compact.chars().collect();
    let (Some((&check, body)), true) = (chars.split_last(), chars.len() == 16) else { return false };
    let mut total: u32 = 0;
    for c in body {
        let Some(d) = c.to_digit(10) else { return false };
        total = (total + d) * 2;
    }
    let expected = (12 - total % 11) % 11;
    match check {
        'X' => expected == 10,
        c => c.to_digit(10) == Some(expected),
    }
}

pub(crate) fn verhoeff(digits: &[u8]) -> bool {
    let mut c = 0usize;
    for (i, &d) in digits.iter().rev().enumerate() {
        let p = VERHOEFF_P.get(i % 8).and_then(|row| row.get(usize::from(d))).copied().unwrap_or(0);
        c = VERHOEFF_D.get(c).and_then(|row| row.get(usize::from(p))).copied().map_or(0, usize::from);
    }
    !digits.is_empty() && c == 0
}

/// Weighted sum of `digits` with `weights` (zip; extra digits ignored).
fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum()
}

/// Dutch BSN 11-test: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
pub(crate) fn bsn_valid(digits: &[u8]) -> bool {
    if digits.len() != 9 {
        return false;
    }
    let sum = weighted(digits, &[9, 8, 7, 6, 5, 4, 3, 2]) as i64 - i64::from(digits.get(8).copied().unwrap_or(0));
    sum % 11 == 0 && sum > 0
}

/// Polish PESEL: weights 1,3,7,9 repeated; the birth month (with its century offset) and day are plausible.
pub(crate) fn pesel_valid(digits: &[u8]) -> bool {
    if digits.len() != 11 {
        return false;
    }
    let sum = weighted(digits, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    let check = (10 - sum % 10) % 10;
    let d = |i: usize| u32::from(digits.get(i).copied().unwrap_or(0));
    let month = d(2) * 10 + d(3);
    let day = d(4) * 10 + d(5);
    let month_ok = (1..=12).contains(&month) || (21..=32).contains(&month);
    check == d(10) && month_ok && (1..=31).contains(&day)
}

/// Brazilian CPF: two mod-11 check digits; all-equal digits are refused.
pub(crate) fn cpf_valid(digits: &[u8]) -> bool {
    if digits.len() != 11 || digits.iter().all(|&d| Some(&d) == digits.first()) {
        return false;
    }
    let check = |n: usize| -> u32 {
        let weights: Vec<u32> = (2..=(n as u32 + 1)).rev().collect();
        let r = weighted(digits, &weights) * 10 % 11;
        if r == 10 { 0 } else { r }
    };
    check(9) == u32::from(digits.get(9).copied().unwrap_or(99)) && check(10) == u32::from(digits.get(10).copied().unwrap_or(99))
}

/// German Steuer-ID: first digit not 0, in the first ten one digit occurs twice or three times and
/// exactly one digit is missing or two are (rule since 2016), and the mod 11,10 check digit holds.
pub(crate) fn steuer_id_valid(digits: &[u8]) -> bool {
    if digits.len() != 11 || digits.first() == Some(&0) {
        return false;
    }
    let mut counts = [0u8; 10];
    for &d in digits.iter().take(10) {
        if let Some(c) = counts.get_mut(usize::from(d)) {
            *c += 1;
        }
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|&c| c > 1).collect();
    let distribution_ok = matches!(repeated.as_slice(), [2] | [3]);
    distribution_ok && mod11_10_valid(digits)
}

/// French NIR key: 97 − (first 13 digits mod 97), Corsica's 2A/2B read as 19/18.
pub(crate) fn nir_valid(compact: &str) -> bool {
    if compact.len() != 15 {
        return false;
    }
    let (Some(body), Some(key)) = (compact.get(..13), compact.get(13..)) else { return false };
    let body = body.replacen("2A", "19", 1).replacen("2B", "18", 1);
    let (Ok(n), Ok(key)) = (body.parse::<u64>(), key.parse::<u64>()) else { return false };
    97 - n % 97 == key
}

/// Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter).
pub(crate) fn dni_valid(compact: &str) -> bool {
    const LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let mut number = compact.get(..compact.len().saturating_sub(1)).unwrap_or("").to_string();
    let Some(letter) = compact.bytes().last() else { return false };
    match number.bytes().next() {
        Some(b'X') => number.replace_range(..1, "0"),
        Some(b'Y') => number.replace_range(..1, "1"),
        Some(b'Z') => number.replace_range(..1, "2"),
        _ => {}
    }
    if number.len() != 8 {
        return false;
    }
    let Ok(n) = number.parse::<u64>() else { return false };
    LETTERS.get((n % 23) as usize) == Some(&letter)
}

/// Italian codice fiscale check letter (16 characters, upper case).
pub(crate) fn codice_fiscale_valid(cf: &str) -> bool {
    const ODD: [u32; 26] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    let bytes = cf.as_bytes();
    if bytes.len() != 16 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in bytes.iter().take(15).enumerate() {
        let index = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A'),
            _ => return false,
        };
        // Positions are 1-based in the rule: odd positions use the table.
        sum += if i % 2 == 0 { ODD.get(index as usize).copied().unwrap_or(0) } else { index };
    }
    bytes.get(15) == Some(&(b'A' + (sum % 26) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Vec<u8> {
        crate::entities::common::digits(s)
    }

    #[test]
    fn known_valid_and_invalid_numbers() {
        assert!(luhn(&d("4111111111111111")) && !luhn(&d("4111111111111112")));
        assert!(iban_valid("DE89370400440532013000") && !iban_valid("DE89370400440532013001"));
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(verhoeff(&d("234567890124")) && !verhoeff(&d("234567890123")));
        assert!(bsn_valid(&d("111222333")) && !bsn_valid(&d("111222334")));
        assert!(pesel_valid(&d("44051401359")) && !pesel_valid(&d("44051401358")));
        assert!(orcid_valid("000000021825009X") == false && orcid_valid("0000000218250097") && orcid_valid("000000021694233X") && !orcid_valid("0000000218250096"));
        assert!(cpf_valid(&d("52998224725")) && !cpf_valid(&d("52998224726")) && !cpf_valid(&d("11111111111")));
        assert!(steuer_id_valid(&d("86095742719")) && !steuer_id_valid(&d("86095742718")));
        assert!(nir_valid("185057800608491") && !nir_valid("185057800608436"));
        assert!(dni_valid("12345678Z") && !dni_valid("12345678A") && dni_valid("X1234567L"));
        assert!(codice_fiscale_valid("RSSMRA85T10A562S") && !codice_fiscale_valid("RSSMRA85T10A562T"));
    }
}
