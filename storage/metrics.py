"""The process's Prometheus metrics: ingestion (storage/) and delivery (bot/) count into them.

They live in prometheus-client's default registry, one set per process, and cost nothing
until `NASHRA_METRICS_PORT` serves them (bot/ops.py). Recording never fails a poll or a send.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ARTICLES_INGESTED = Counter("nashra_articles_ingested", "Articles stored, by source", ["source"])
FETCH_ERRORS = Counter("nashra_fetch_errors", "Sources or articles that could not be read, by kind of error",
                       ["kind"])
# Per article and stage: load (bytes to text, trafilatura for a page) and brief (the pipeline). The
# pipeline runs at about 200 articles a second; a large page can take a second or more to load.
EXTRACTION_SECONDS = Histogram("nashra_extraction_seconds", "Seconds to load or brief one article, by stage",
                               ["stage"],
                               buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
MESSAGES = Counter("nashra_messages", "Telegram messages by outcome: sent, failed, blocked, or unknown "
                   "(timed out after it left; not resent)", ["outcome"])
MESSAGE_RETRIES = Counter("nashra_message_retries", "Sends tried again after a flood wait or a network error")
DIGEST_LAG = Gauge("nashra_digest_lag_seconds", "How long after its due moment the last digest delivered went out")
LAST_DIGEST_RUN = Gauge("nashra_last_digest_run_timestamp_seconds", "When the last daily digest run ended")


def fetch_error_kind(exc: BaseException) -> str:
    """A small, fixed set of labels for what went wrong: never the message, which holds URLs."""
    from briefings.errors import FetchError, InputError

    if isinstance(exc, TimeoutError):  # a whole poll over the source deadline
        return "deadline"
    if isinstance(exc, FetchError):
        return exc.kind
    if isinstance(exc, InputError):
        return "unreadable"
    return "internal"
