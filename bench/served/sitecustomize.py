"""Loaded by the benchmark's served copy of the app only (bench/run.py puts this folder on
PYTHONPATH and names a log in BENCH_RUN_LOG): each script run's wall time, and whether it
was a fragment run, one line per run. Nothing else is changed; without BENCH_RUN_LOG this
does nothing."""

import os
import time

LOG = os.environ.get("BENCH_RUN_LOG")


def _time_runs() -> None:
    from streamlit.runtime.scriptrunner import script_runner

    run = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return run(self, rerun_data)
        finally:
            seconds = time.perf_counter() - start
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(f"{seconds:.4f} {int(bool(rerun_data.fragment_id_queue))}\n")

    script_runner.ScriptRunner._run_script = timed


if LOG:
    try:
        _time_runs()
    except (ImportError, AttributeError) as error:  # another Streamlit: say so in the log
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"not timed: {error}\n")
