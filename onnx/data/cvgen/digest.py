"""Canonical JSON and SHA-256 hex digests: what fingerprints and label hashes are made of."""

import hashlib
import json


def canonical(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()
