"""What the fork server of a batch loads once, before it forks the workers (``set_forkserver_preload``): migov's
modules, the batch's pack and its evaluator with the rules of each kind, the HTML report's template (for a batch that
writes HTML), then every object frozen (``gc.freeze``).

Imported by the fork server only. Each worker is a fork of that server: it starts with the modules imported and the
pack loaded and compiled (no pickle read, no ruleset made, no module imported per worker), and its collector never
traverses what it inherited (a worker's first ``gc.collect`` traversed every module and the pack). The pack is named
by :data:`engine.batch.run.PRELOAD` in the server's environment (JSON: the rules, the tailoring file, the batch's base
digest, --lang and the formats), set by the main process only while it starts the server; a worker takes the preloaded pack only for a batch with the same
rules, tailoring and base digest (which holds the digest of the pack's files): a fork server started by an earlier
batch of the same process, with other pack files, is never believed. Nothing here may stop the fork server: a pack
that cannot be loaded is left to the workers, which report it per profile as before.
"""

from __future__ import annotations

import datetime
import gc
import json
import os

from engine.batch.run import PRELOAD, PRELOADED, languages_of
from engine.batch.stopping import serve
from engine.evaluate.findings import make_evaluator
from engine.pack.cache import cached_pack
from engine.pack.dated import dated_pack
from engine.pack.loading import build_pack, pack_folder, read_tailoring


def _preload(raw: str | None) -> None:
    if not raw:
        return
    try:
        rules, tailoring, base, lang, formats = json.loads(raw)
        tailored = read_tailoring(tailoring) if tailoring else None
        root = os.path.realpath(pack_folder(rules))
        key = json.dumps(tailored[0], sort_keys=True, default=str) if tailored else ""
        pack = cached_pack(root, key, lambda: build_pack(root, tailoring=tailored))  # not load_pack's cache: never handed on unchecked
        for each in (pack, dated_pack(pack, datetime.date.today().year)):  # a profile of this year: the evaluator made,
            evaluator = make_evaluator(each)
            for kind in each.header.kinds:  # with each kind's rules (made when a kind is first evaluated: here, once)
                evaluator.evaluate({}, kind=kind.id)
        PRELOADED[(rules or "", tailoring or "", base)] = pack
        if "html" in formats:  # jinja2 and the report's template in each language asked (none: the usual one); a summary needs neither
            from engine.render import html

            for language in languages_of(lang) or ("en",):
                html.prepare(language)
    except Exception:  # noqa: BLE001  (anything: the workers load the pack themselves)
        return


serve()  # a worker forked before it sets its own handlers leaves on SIGTERM or SIGHUP
_preload(os.environ.pop(PRELOAD, None))
gc.collect()  # the garbage of the imports and of loading, freed first (frozen, it would stay)
gc.freeze()  # inherited by every worker, never traversed by its collector
