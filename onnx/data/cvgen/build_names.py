"""Build the committed name table ``cvgen/data/names.json`` from the ``names-dataset`` package.

Why a table: ``names-dataset`` ships its data inside the wheel (no run-time download) but loading
it takes ~45 s and ~2 GB of RAM. Generating CVs only needs the most common given names and
surnames per country, so this one-off step extracts them into a small JSON file that the
generator reads in milliseconds. Re-run with ``python -m cvgen build-names`` after bumping the
pinned ``names-dataset`` version; the output is deterministic for a given package version.
"""

import json
import re
from pathlib import Path

# Countries whose names appear among candidates and referees of our locales (own country plus
# the larger communities living there), so names are drawn broadly, not from an Anglo handful.
COUNTRIES = [
    "US", "GB", "IE", "IN", "DE", "AT", "CH", "FR", "BE", "ES", "IT", "NL", "BR", "PT", "PL",
    "TR", "MA", "DZ", "TN", "EG", "NG", "GH", "ZA", "BD", "CN", "JP", "KR", "PH", "MX", "CO",
    "AR", "PE", "RU", "IR", "SY", "IQ", "GR", "SE", "DK", "FI", "NO", "CZ", "HU", "HR", "RS",
    "LB", "SA", "AE", "SG", "MY", "ID", "HK", "TW", "IL", "AL", "EC", "MD", "JM",
]
N_FIRST = 120
N_LAST = 200
NAME_RE = re.compile(r"^[^\W\d_]{2,}(?:[-' ][^\W\d_]{2,})?$")


def _latin(name: str) -> bool:
    """Keep names a CV written in a Latin-script locale would carry."""
    return all(ord(c) < 0x250 or c in "-' " for c in name)


def _clean(names, n):
    out = []
    for raw in names:
        name = raw.strip()
        if not NAME_RE.match(name) or not _latin(name):
            continue
        name = name[0].upper() + name[1:]
        if name not in out:
            out.append(name)
        if len(out) >= n:
            break
    return out


def build(out_path: Path) -> dict:
    from names_dataset import NameDataset  # heavy import, only here

    nd = NameDataset()
    table = {}
    for cc in COUNTRIES:
        first = nd.get_top_names(n=N_FIRST * 3, country_alpha2=cc) or {}
        last = nd.get_top_names(n=N_LAST * 3, use_first_names=False, country_alpha2=cc) or {}
        entry = {
            "M": _clean(first.get(cc, {}).get("M", []), N_FIRST),
            "F": _clean(first.get(cc, {}).get("F", []), N_FIRST),
            "last": _clean(last.get(cc, []), N_LAST),
        }
        if entry["M"] and entry["F"] and entry["last"]:
            table[cc] = entry
    out_path.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return table


if __name__ == "__main__":
    t = build(Path(__file__).parent / "data" / "names.json")
    print(len(t), "countries")
