"""A real RTSP camera for tests: serves the H.264 track of an MP4 clip, looping, over RTSP.

Run with the system's python3 (it needs the GStreamer bindings, python3-gi):
    /usr/bin/python3 rtsp-server.py --file CLIP.mp4 [--port 0] [--mount /stream] [--user U --password P]
Prints "READY <port>" on stdout once the server listens on 127.0.0.1 (port 0 picks a free one).

The clip's H.264 track is first written out as an elementary stream; the served pipeline reads it in a loop
through h264parse. h264parse gives such a stream decode timestamps only, so a pad probe copies DTS into PTS:
without it every RTP timestamp is 0 and a client's fps filter writes nothing.
"""

import argparse
import os
import signal
import sys
import tempfile

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def extract_elementary_stream(clip, target):
    """Writes the clip's H.264 track as an Annex B byte stream; exits on failure."""
    pipeline = Gst.parse_launch(
        "filesrc name=src ! qtdemux ! h264parse config-interval=-1 "
        "! video/x-h264,stream-format=byte-stream,alignment=au ! filesink name=sink"
    )
    pipeline.get_by_name("src").set_property("location", clip)
    pipeline.get_by_name("sink").set_property("location", target)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        10 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR
    )
    pipeline.set_state(Gst.State.NULL)
    if msg is None or msg.type != Gst.MessageType.EOS:
        detail = msg.parse_error()[0].message if msg is not None else "timed out"
        sys.exit(f"cannot read the H.264 track of {clip}: {detail}")


def dts_to_pts(_pad, info):
    buf = info.get_buffer()
    if buf is not None and buf.pts == Gst.CLOCK_TIME_NONE and buf.dts != Gst.CLOCK_TIME_NONE:
        buf.pts = buf.dts
    return Gst.PadProbeReturn.OK


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, es_path, fps):
        super().__init__()
        self.es_path = es_path
        self.fps = fps
        self.set_shared(True)

    def do_create_element(self, _url):
        bin_ = Gst.parse_launch(
            "( multifilesrc name=src loop=true "
            f"caps=video/x-h264,stream-format=byte-stream,framerate={self.fps}/1 "
            "! h264parse name=parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
        )
        bin_.get_by_name("src").set_property("location", self.es_path)
        pad = bin_.get_by_name("parse").get_static_pad("src")
        pad.add_probe(Gst.PadProbeType.BUFFER, dts_to_pts)
        return bin_


def protect(server, factory, user, password):
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", "camera-user")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("camera-user", "media.factory.access", True)
    permissions.add_permission_for_role("camera-user", "media.factory.construct", True)
    factory.set_permissions(permissions)


def clip_fps(clip):
    """The clip's frame rate (integer), read with GStreamer's discoverer; 25 when unknown."""
    gi.require_version("GstPbutils", "1.0")
    from gi.repository import GstPbutils

    info = GstPbutils.Discoverer.new(10 * Gst.SECOND).discover_uri(Gst.filename_to_uri(clip))
    for stream in info.get_video_streams():
        num, den = stream.get_framerate_num(), stream.get_framerate_denom()
        if num > 0 and den > 0:
            return max(1, round(num / den))
    return 25


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mount", default="/stream")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    Gst.init(None)
    clip = os.path.abspath(args.file)
    workdir = tempfile.mkdtemp(prefix="rtsp-server-")
    es_path = os.path.join(workdir, "stream.h264")
    extract_elementary_stream(clip, es_path)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = LoopingFactory(es_path, clip_fps(clip))
    if args.user is not None:
        protect(server, factory, args.user, args.password or "")
    server.get_mount_points().add_factory(args.mount, factory)
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{args.port}")

    loop = GLib.MainLoop()

    def stop(*_):
        loop.quit()
        return GLib.SOURCE_REMOVE

    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, stop)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, stop)
    print(f"READY {server.get_bound_port()}", flush=True)
    try:
        loop.run()
    finally:
        os.remove(es_path)
        os.rmdir(workdir)


if __name__ == "__main__":
    main()
