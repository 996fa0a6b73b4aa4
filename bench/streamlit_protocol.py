"""A learner without a browser: Streamlit's own protocol over the WebSocket.

What Streamlit 1.67's frontend does, read from its bundle (static/js/index.*.js) and
from recorded Chromium sessions, and what ``StreamlitSession`` does the same way:

1. GET the page (``/errors``: nginx's ``bp_route`` cookie), then ``/_stcore/health``
   (sets the ``_streamlit_xsrf`` cookie) and ``/_stcore/host-config``.
2. Open ``ws://host/_stcore/stream`` with ``Sec-WebSocket-Protocol: streamlit, <token>``:
   the second entry is the XSRF cookie's value (``PLACEHOLDER_AUTH_TOKEN`` without
   one), a third, on a reconnect, the last session id. The server checks the token
   only to read an authentication cookie, and the Origin only against Host; the
   cookies go along (nginx routes on ``bp_route``).
3. Send a ``BackMsg`` ``rerun_script`` (a ``ClientState``): the URL's query string and
   the page's URL path as ``page_name`` (first load), or a ``page_script_hash`` and an
   empty query string (a sidebar click), or widget states, the page's hash and the
   fragment id of the element that changed (a control move).
4. Read ``ForwardMsg``s until ``script_finished``: ``new_session``, ``navigation`` (each
   page's hash and URL path), ``page_info_changed`` (the query string the server
   wrote), ``delta``s with the page's elements at their delta paths (widgets carry
   their ids, values, steps and ``query_param_key``), ``script_finished`` (0 done, 3
   a fragment done, 2 stopped early for a newer run).

Widget states: the browser sends every widget's value; this client sends the values of
the page's sliders (``st.slider``, ``st.select_slider``: the ones it moves) and leaves
the others out, which keeps their values on the server, as Streamlit does for any
widget a rerun does not mention. No ``cached_message_hashes`` are sent, so the server
sends every message in full (the app's messages are not cacheable anyway).

The module needs only ``websocket-client``, ``requests`` and ``streamlit.proto``;
under Locust (bench/locustfile.py) gevent makes its blocking calls cooperative.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

import requests
import websocket
from google.protobuf import text_format
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SLIDER_TYPES = {"SLIDER", "SELECT_SLIDER"}


class ProtocolError(Exception):
    """The server's answer was not what a working app sends."""


@dataclass
class Slider:
    """What the client knows of one st.slider / st.select_slider on the page."""

    id: str
    label: str
    kind: str              # "SLIDER" or "SELECT_SLIDER"
    values: list           # floats (slider) or option indices (select_slider)
    default: list
    minimum: float
    maximum: float
    step: float
    options: list          # select_slider's option texts
    query_key: str
    fragment_id: str

    @classmethod
    def from_proto(cls, proto, fragment_id, known=None):
        """The slider drawn by ``proto``. Its value is the one the script set
        (``set_value``), else the one the tab holds (``known``), else the default: the
        browser's widget manager keeps a value the server does not echo back."""
        kind = proto.Type.Name(proto.type)
        if proto.set_value:
            values = list(proto.value)
        elif known is not None:
            values = list(known)
        else:
            values = list(proto.default)
        return cls(proto.id, proto.label, kind, values, list(proto.default), proto.min,
                   proto.max, proto.step, list(proto.options), proto.query_param_key,
                   fragment_id)

    def moved(self, direction):
        """The values after one arrow-key press (+1 right, -1 left), as a browser does."""
        step = self.step or 1
        value = min(self.maximum, max(self.minimum, self.values[0] + direction * step))
        return [round(value, 10)] + self.values[1:]

    def state(self, values=None):
        """The WidgetState the browser would send for this slider."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        values = self.values if values is None else values
        widget = WidgetState(id=self.id)
        if self.kind == "SELECT_SLIDER":
            widget.string_array_value.data.extend(self.options[int(v)] for v in values)
        else:
            widget.double_array_value.data.extend(values)
        return widget

    def url_value(self, values):
        """The text the browser writes into the URL for these values."""
        if self.kind == "SELECT_SLIDER":
            return ",".join(self.options[int(v)] for v in values)
        return ",".join(f"{v:g}" for v in values)


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float                     # from sending the BackMsg to script_finished
    messages: int
    bytes: int
    status: int
    elements: dict = field(default_factory=dict)   # delta path -> Element, this run


class StreamlitSession:
    """One learner's browser tab, speaking Streamlit's protocol."""

    def __init__(self, base_url, timeout=30.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.ws = None
        self.session_id = None
        self.pages = {}          # URL path ("errors", "" for home) -> page_script_hash
        self.page_hash = ""
        self.path = "/"
        self.query = {}          # the tab's URL query parameters
        self.elements = {}       # delta path -> Element: the page as drawn now
        self.fragment_of = {}    # delta path -> id of the fragment the element lives in
        self.slider_values = {}  # widget id -> the values this tab holds for a slider
        self.upstream = None     # nginx's X-Upstream of the page request, if any

    # -- connection -------------------------------------------------------------------------

    def open(self, path="/"):
        """Load ``path`` (e.g. "/errors?target=4") as a browser tab does; return the Run."""
        page_path, _, query_string = path.partition("?")
        response = self.http.get(self.base_url + page_path, timeout=self.timeout)
        response.raise_for_status()
        self.upstream = response.headers.get("X-Upstream")
        for endpoint in ("/_stcore/health", "/_stcore/host-config"):
            self.http.get(self.base_url + endpoint, timeout=self.timeout).raise_for_status()
        token = self.http.cookies.get("_streamlit_xsrf") or "PLACEHOLDER_AUTH_TOKEN"
        parts = urllib.parse.urlsplit(self.base_url)
        ws_url = urllib.parse.urlunsplit(
            ("wss" if parts.scheme == "https" else "ws", parts.netloc, "/_stcore/stream",
             "", ""))
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.ws = websocket.create_connection(
            ws_url, timeout=self.timeout, subprotocols=["streamlit", token],
            origin=f"{parts.scheme}://{parts.netloc}", cookie=cookie or None,
            enable_multithread=False)
        self.path = page_path
        self.query = dict(urllib.parse.parse_qsl(query_string, keep_blank_values=True))
        message = BackMsg()
        message.rerun_script.query_string = query_string
        message.rerun_script.page_name = page_path.strip("/")
        self._context_info(message)
        return self._run(message, fragment=False)

    def idle(self, seconds):
        """Think for ``seconds`` while reading the socket, as a browser tab does: the
        server pings every 30 s and closes a connection whose pings go unanswered
        (websocket-client answers a ping while it reads)."""
        deadline = time.monotonic() + seconds
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                self.ws.settimeout(min(remaining, 5.0))
                try:
                    frame = self.ws.recv()
                except websocket.WebSocketTimeoutException:
                    continue
                if frame == "":
                    raise ProtocolError("the server closed the WebSocket")
        finally:
            if self.ws is not None:
                self.ws.settimeout(self.timeout)

    def close(self):
        if self.ws is not None:
            try:
                self.ws.close()
            finally:
                self.ws = None
        self.http.close()

    def _context_info(self, message):
        info = message.rerun_script.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = self.base_url + self.path
        info.is_embedded, info.color_scheme = False, "light"

    # -- actions ------------------------------------------------------------------------------

    def switch_page(self, path):
        """A click on the sidebar link to ``path`` ("/mse", "/" for home)."""
        key = path.strip("/")
        if key not in self.pages:
            raise ProtocolError(f"no page {path!r} in the navigation {sorted(self.pages)}")
        self.path, self.query = path, {}
        message = BackMsg()
        message.rerun_script.page_script_hash = self.pages[key]
        message.rerun_script.query_string = ""
        self._context_info(message)
        return self._run(message, fragment=False)

    def sliders(self, label=None):
        """The page's sliders in document order (optionally those labelled ``label``)."""
        found = []
        for path in sorted(self.elements):
            element = self.elements[path]
            if element.WhichOneof("type") == "slider":
                slider = Slider.from_proto(element.slider, self.fragment_of.get(path, ""),
                                           self.slider_values.get(element.slider.id))
                if label is None or slider.label == label:
                    found.append(slider)
        return found

    def move_slider(self, label, direction, nth=0):
        """One arrow-key press on the ``nth`` slider labelled ``label``; return the Run."""
        matches = self.sliders(label)
        if len(matches) <= nth:
            raise ProtocolError(f"no slider {label!r} on {self.path}")
        target = matches[nth]
        new_values = target.moved(direction)
        message = BackMsg()
        rerun = message.rerun_script
        for slider in self.sliders():
            rerun.widget_states.widgets.append(
                target.state(new_values) if slider.id == target.id else slider.state())
        if target.query_key:
            if new_values == target.default:
                self.query.pop(target.query_key, None)
            else:
                self.query[target.query_key] = target.url_value(new_values)
        rerun.query_string = urllib.parse.urlencode(self.query)
        rerun.page_script_hash = self.page_hash
        rerun.fragment_id = target.fragment_id
        self._context_info(message)
        self.slider_values[target.id] = new_values
        return self._run(message, fragment=bool(target.fragment_id))

    # -- reading the answer -------------------------------------------------------------------

    def _run(self, message, fragment):
        start = time.perf_counter()
        self.ws.send_binary(message.SerializeToString())
        elements, fragments = {}, {}
        count = size = 0
        while True:
            frame = self.ws.recv()
            if frame == "":
                raise ProtocolError(f"the server closed the WebSocket on {self.path}")
            if isinstance(frame, str):
                raise ProtocolError("a text frame: Streamlit sends binary protobufs")
            count += 1
            size += len(frame)
            forward = ForwardMsg()
            forward.ParseFromString(frame)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id or self.session_id
                self.page_hash = forward.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash
                              for page in forward.navigation.app_pages}
                self.page_hash = forward.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query = dict(urllib.parse.parse_qsl(
                    forward.page_info_changed.query_string, keep_blank_values=True))
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    raise ProtocolError(f"exception on {self.path}: {element.exception.type}")
                path = tuple(forward.metadata.delta_path)
                elements[path] = element
                # the fragment the element lives in: a move of it reruns only the fragment
                fragments[path] = forward.delta.fragment_id
            elif kind == "ref_hash":
                raise ProtocolError("a cached-message reference, though none was offered")
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run follows on the same socket
                if status not in FINISHED:
                    raise ProtocolError(f"script finished with status {status} on {self.path}")
                break
        seconds = time.perf_counter() - start
        if fragment:
            self.elements.update(elements)
            self.fragment_of.update(fragments)
        else:
            self.elements, self.fragment_of = elements, fragments
        # what the script set wins; a widget no longer drawn is forgotten after a full run
        drawn = {}
        for element in self.elements.values():
            if element.WhichOneof("type") == "slider":
                proto = element.slider
                drawn[proto.id] = (list(proto.value) if proto.set_value
                                   else self.slider_values.get(proto.id))
        self.slider_values = {key: value for key, value in drawn.items() if value is not None}
        return Run(seconds, count, size, status, elements)

    # -- what the page shows ------------------------------------------------------------------

    def metrics(self):
        """The page's st.metric values (their texts), in document order."""
        return [self.elements[p].metric.body for p in sorted(self.elements)
                if self.elements[p].WhichOneof("type") == "metric"]

    def component_states(self):
        """The custom components (the network diagram) as the server last sent them."""
        return [self.elements[p].bidi_component.SerializeToString()
                for p in sorted(self.elements)
                if self.elements[p].WhichOneof("type") == "bidi_component"]

    def text(self):
        """Every element of the page as protobuf text (UTF-8), for searching."""
        return "\n".join(text_format.MessageToString(self.elements[p], as_utf8=True)
                         for p in sorted(self.elements))
