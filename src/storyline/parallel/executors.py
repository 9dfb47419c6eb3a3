"""Where the per-article work of a pipeline run is done.

The pipeline runner's process is the one writer: it plans each batch (reads only), hands
the pure work (clean a body, parse and read an article) to an executor, and applies the
results in order, in one transaction per batch. The executor is the writer's own process
(:class:`InlineExecutor`, the default), worker processes that load the models once
(:class:`ProcessExecutor`, ``--workers N``), or a Dask cluster (:class:`DaskExecutor`,
``--dask tcp://scheduler:8786`` or ``--dask local:N``).

A work function is a module-level function ``fn(payload, settings) -> results`` with
picklable arguments and results; it never touches the store.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager
from multiprocessing import util as mp_util
from typing import Any, Protocol

from storyline.errors import StorylineError
from storyline.settings import Settings


class Executor(Protocol):
    workers: int  # how many units of work run at once
    lookahead: int  # batches planned and handed out ahead of the one being written
    remote: bool  # results cross a process boundary (a parsed doc travels as bytes)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Start ``fn(*args)``; returns a future (``.result()``)."""
        ...

    def close(self) -> None: ...


class RemoteExecutor(Executor, Protocol):
    def wait_any(self, futures: list[Any]) -> Iterable[Any]:
        """Block until at least one of ``futures`` is done; the done ones."""
        ...

    def warm(self) -> bool:
        """Whether a worker has loaded its models (takes work without a wait)."""
        ...


class _Deferred:
    """A future of the writer's own process: the work runs when its result is asked for,
    so that a batch is worked through one unit after another between progress reports."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._done = False
        self._value: Any = None

    def result(self) -> Any:
        if not self._done:
            self._value = self._fn(*self._args)
            self._done = True
            self._args = ()
        return self._value


class InlineExecutor:
    """The work runs in the writer's process (no worker processes)."""

    workers = 1
    lookahead = 0
    remote = False

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Deferred:
        return _Deferred(fn, args)

    def close(self) -> None:
        pass


def warm_worker(settings: Settings, stages: Sequence[str]) -> None:
    """Load what the stages' work needs once per worker process (the spaCy pipeline, the
    gazetteer and geocoder), before the first article arrives."""
    if "enrich" in stages:
        from storyline.enrich.nlp.pipeline import load_nlp
        from storyline.enrich.places.mentions import geocoder

        load_nlp(settings.spacy_models)
        geocoder()


def _quick_exit() -> None:
    """The last thing a worker process does: leave without tearing the interpreter down
    (a second of freeing a loaded model that nobody waits for but the writer)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def start_worker(settings: Settings, stages: Sequence[str]) -> None:
    """A worker process of ``--workers N`` or of ``--dask local:N``: its models, and a quick
    exit when it is done."""
    mp_util.Finalize(None, _quick_exit, exitpriority=-100)
    warm_worker(settings, stages)


class ProcessExecutor:
    """``workers`` processes on this machine (started fresh, not forked from the writer),
    each loading the models once."""

    lookahead = 2
    remote = True

    def __init__(self, workers: int, settings: Settings, stages: Sequence[str]) -> None:
        # imported here: its module (with multiprocessing's connections) is 0.03 CPU s of
        # the start of every run, and a run without workers never needs it
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                        initializer=start_worker, initargs=(settings, list(stages)))
        # start every worker now: they load their models while the writer reads the input
        self._warming = [self.pool.submit(int) for _ in range(workers)]

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.pool.submit(fn, *args)

    def wait_any(self, futures: list[Any]) -> Iterable[Any]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def warm(self) -> bool:
        return any(f.done() for f in self._warming)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# the modules whose functions a stage hands out (what a Dask worker imports first)
STAGE_MODULES = {"clean": "storyline.clean.stage", "enrich": "storyline.enrich.article"}

# Dask settings of a local cluster's workers (``--dask local:N``); a running cluster is
# configured by its owner (the README shows the same settings for dask-worker). Dask's
# nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536, which also pins glibc's mmap
# threshold at 128 KiB: every array the parse makes past that size is mapped and unmapped
# again, page faults and all (7.3 system CPU s per worker on 300 Timeline17 articles, 2.3
# without it, as a --workers process has); None leaves the variable unset.
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class DaskExecutor:
    """A Dask cluster: ``tcp://host:8786`` (a running ``dask-scheduler`` with
    ``dask-worker``s that have storyline installed), or ``local:N`` (a cluster of N worker
    processes on this machine, one thread each, started and stopped with the run)."""

    lookahead = 2
    remote = True

    def __init__(self, address: str, settings: Settings, stages: Sequence[str]) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:  # pragma: no cover - a declared dependency
            raise StorylineError("--dask needs dask[distributed]: pip install 'dask[distributed]'") from e
        _quiet_dask_logs()
        self.cluster: Any = None
        self.client: Any = None
        self._warming: list[Any] = []
        self._error: BaseException | None = None
        self._started = threading.Event()
        self._starter: threading.Thread | None = None
        if address.startswith("local:"):
            self.workers = _count(address.partition(":")[2], "--dask local:N")
            # the cluster starts (a second or more) while the writer reads the input and runs
            # the stages before the first one that hands out work
            self._starter = threading.Thread(target=self._start_local, name="storyline-dask",
                                             args=(LocalCluster, Client, settings, stages),
                                             daemon=True)
            self._starter.start()
            return
        try:
            self.client = Client(address, timeout="30s")
        except OSError as e:
            raise StorylineError(f"cannot reach the Dask scheduler at {address}: {e}") from e
        self.workers = max(1, sum(self.client.nthreads().values()))
        self.client.run(warm_worker, settings, list(stages))  # every worker loads its models
        self._started.set()

    def _start_local(self, local_cluster: Any, client: Any, settings: Settings,
                     stages: Sequence[str]) -> None:
        import dask

        try:
            # the workers start without Dask's sampling profiler and GIL monitor (they take
            # CPU from the work on a small machine), and import the stages' code before they
            # take a task (a task arriving while a worker's first import of spaCy runs would
            # import it again from the worker's network thread, and fail)
            preload = [STAGE_MODULES[s] for s in stages if s in STAGE_MODULES]
            with dask.config.set({**LOCAL_WORKER_CONFIG, "distributed.worker.preload": preload}):
                self.cluster = local_cluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
            self.client = client(self.cluster)
            # every worker loads its models while the writer reads the input, and leaves
            # without freeing them object by object when the cluster is closed
            self._warming = [
                self.client.submit(start_worker, settings, list(stages), pure=False,
                                   workers=[addr], allow_other_workers=False)
                for addr in self.client.nthreads()]
        except BaseException as e:  # noqa: BLE001 - raised in the writer when it asks for work
            self._error = e
        finally:
            self._started.set()

    def _ready(self) -> Any:
        """The client, once the cluster has started; StorylineError if it could not."""
        self._started.wait()
        if self._error is not None:
            raise StorylineError(f"the local Dask cluster did not start: "
                                 f"{type(self._error).__name__}: {self._error}") from self._error
        return self.client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._ready().submit(fn, *args, pure=False)

    def wait_any(self, futures: list[Any]) -> Iterable[Any]:
        from dask.distributed import wait as dask_wait

        return dask_wait(futures, return_when="FIRST_COMPLETED").done  # type: ignore[no-any-return]

    def warm(self) -> bool:
        if not self._started.is_set():
            return False
        self._ready()  # a cluster that could not start: say so now
        return not self._warming or any(f.done() for f in self._warming)

    def close(self) -> None:
        self._started.wait()  # a cluster still starting is closed once it has
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            # a worker holding a loaded model can take longer to stop than the nanny waits;
            # it is stopped either way, the warning says nothing to the user
            logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
            self.cluster.close()


def _quiet_dask_logs() -> None:
    """Dask's own INFO lines (the scheduler's address, each worker registering, each
    connection closed: 25 lines for a run of five articles) are not the run's news; its
    loggers say warnings and errors only, unless the run logs debug messages."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.WARNING)


def _count(text: str, what: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise StorylineError(f"{what}: N must be a whole number of at least 1, not {text!r}")
    return n


@contextmanager
def open_executor(settings: Settings, stages: Sequence[str], workers: int = 1,
                  dask: str | None = None) -> Iterator[Executor]:
    """The executor a run asks for: Dask when ``dask`` is given, else ``workers`` local
    processes (1: the writer's own process)."""
    if workers < 1:
        raise StorylineError(f"--workers must be at least 1, not {workers}")
    executor: Executor
    if dask:
        executor = DaskExecutor(dask, settings, stages)
    elif workers > 1:
        executor = ProcessExecutor(workers, settings, stages)
    else:
        executor = InlineExecutor()
    try:
        yield executor
    finally:
        executor.close()
