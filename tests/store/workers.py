"""Writer processes for the concurrency and crash tests: real processes, the real Store.

    python workers.py verdicts DB EDITOR COUNT        COUNT verdicts, uids EDITOR-0..., then exit
    python workers.py forever DB EDITOR               until killed; "try UID VARIANT VERDICT CLAIM" / "ok UID"

Each verdict goes through ``Store.record_verdict``, the path the app and `claimdesk verdict` use.
"""

from __future__ import annotations

import sys

from claimdesk.store import CLAIM_VERDICTS, VARIANT_VERDICTS, Store


def request(ids: list[int], n: int) -> tuple[int, str, int | None]:
    """The n-th request a worker makes: (variant id, verdict, claim); a retry must repeat it exactly."""
    variant_id = ids[n % len(ids)]
    if n % 5 == 4:
        return variant_id, CLAIM_VERDICTS[n % 2], 1
    return variant_id, VARIANT_VERDICTS[n % 4], None


def _verdict(store: Store, ids: list[int], editor: str, n: int, uid: str) -> None:
    variant_id, verdict, claim = request(ids, n)
    store.record_verdict(variant_id, verdict, editor, claim=claim, note=None if claim else f"note {n}", uid=uid)


def main(argv: list[str]) -> int:
    mode, db, editor = argv[:3]
    with Store.open(db) as store:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM variants ORDER BY id")]
        if mode == "verdicts":
            for n in range(int(argv[3])):
                _verdict(store, ids, editor, n, f"{editor}-{n}")
            return 0
        print("ready", flush=True)
        n = 0
        while True:
            uid = f"{editor}-{n}"
            variant_id, verdict, claim = request(ids, n)
            print(f"try {uid} {variant_id} {verdict} {claim or '-'}", flush=True)
            _verdict(store, ids, editor, n, uid)
            print(f"ok {uid}", flush=True)
            n += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
