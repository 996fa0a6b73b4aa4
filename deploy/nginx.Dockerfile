# The balancer of deploy/compose.yaml: Debian's nginx package (the same nginx that
# tests/deploy/test_failover.py runs) with deploy/nginx.conf and the compose includes.
# Build from the repository root:
#     docker build -f deploy/nginx.Dockerfile -t backprop-nginx .
FROM debian:bookworm-slim

# Not pinned to a package version: bookworm's security updates replace old versions
# in the archive, and a pinned version would stop installing.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/nginx/backprop

COPY deploy/nginx.conf deploy/backprop-replicas.conf deploy/backprop-listen.conf /etc/nginx/backprop/

EXPOSE 8080
STOPSIGNAL SIGQUIT
# The prefix holds the pid file and the temporary files; "daemon off" keeps nginx in
# the foreground as the container's main process.
CMD ["nginx", "-p", "/var/lib/nginx/backprop/", "-c", "/etc/nginx/backprop/nginx.conf", "-g", "daemon off;"]
