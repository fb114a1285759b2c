"""Put on PYTHONPATH by the token tests: httpx made careless, so every output path gets the token to print.

NASHRA_TEST_LEAK=warn   every request warns with its URL, token and all;
NASHRA_TEST_LEAK=crash  the first request raises an error nobody expects, its URL in the message.
"""

import os
import warnings

_LEAK = os.environ.get("NASHRA_TEST_LEAK")

if _LEAK:
    import httpx

    _send = httpx.AsyncClient.send

    async def _careless_send(self, request, **kwargs):  # type: ignore[no-untyped-def]
        if _LEAK == "crash":
            raise RuntimeError(f"cannot send {request.url}")
        warnings.warn(f"slow answer from {request.url}", stacklevel=2)
        return await _send(self, request, **kwargs)

    httpx.AsyncClient.send = _careless_send  # type: ignore[method-assign]
