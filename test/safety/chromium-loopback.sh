#!/bin/sh
# Safety net for Chromium under test: everything not bypassed goes to a closed loopback proxy
# port, so no request can leave the machine even if the network guard is broken.
# PA_DIRECT_HOSTS: ;-separated hostnames allowed to connect directly (mapped to loopback).
BIN="${PA_REAL_CHROMIUM:-/usr/bin/chromium}"
echo "$*" >> "${PA_CHROMIUM_LOG:-/dev/null}"
exec "$BIN" "$@" --proxy-server=http://127.0.0.1:9 "--proxy-bypass-list=127.0.0.1;localhost;${PA_DIRECT_HOSTS}"
