"""Pushing a build into a SPARQL 1.1 server (`kg push`), one named graph per page.

The one part of kg that uses the network, and only to the URLs the caller gives: the Graph
Store HTTP Protocol client (:mod:`kg.push.gsp`), the build's graphs read one at a time
(:mod:`kg.push.graphs`), what the server was last sent (:mod:`kg.push.state`), what must move
(:mod:`kg.push.plan`) and the push itself (:mod:`kg.push.pusher`).
"""

from kg.push.credentials import Credentials, read_credentials
from kg.push.gsp import Client, Endpoints
from kg.push.plan import SHARED_MODES, Plan, plan_push
from kg.push.pusher import PushReport, push
from kg.push.state import STATE_FILE, PushState

__all__ = [
    "SHARED_MODES",
    "STATE_FILE",
    "Client",
    "Credentials",
    "Endpoints",
    "Plan",
    "PushReport",
    "PushState",
    "plan_push",
    "push",
    "read_credentials",
]
