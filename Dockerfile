# The mcp-guard image: the packed package (`npm pack` output) on Node, run as a non-root user.
#
#   npm pack                                   # writes mcp-guard-<version>.tgz here
#   docker build -t mcp-guard .                # or: podman build -t mcp-guard .
#   docker run --rm -p 8080:8080 -v ./mcp-guard.yaml:/etc/mcp-guard/config.yaml:ro -e ... mcp-guard
#
# BASE_IMAGE is any image with `node` (24 or later) on PATH and /bin/sh; the default is the official
# Node 24 slim image. docs/deploy.md has the compose file, a load balancer and the variables.
ARG BASE_IMAGE=node:24-slim

# Unpack the package as npm would install it. It is self-contained (dist/ bundles every library it runs),
# so nothing is downloaded here and nothing but the package reaches the runtime stage.
FROM ${BASE_IMAGE} AS package
COPY mcp-guard-*.tgz /tmp/package/
RUN set -eu; \
    count=$(ls /tmp/package/mcp-guard-*.tgz | wc -l); \
    [ "$count" = 1 ] || { echo "expected exactly one mcp-guard-*.tgz (npm pack) in the build context, found $count" >&2; exit 1; }; \
    mkdir -p /opt/mcp-guard; \
    tar -xzf /tmp/package/mcp-guard-*.tgz -C /opt/mcp-guard --strip-components=1 --no-same-owner --no-same-permissions; \
    chmod -R a+rX,go-w /opt/mcp-guard; \
    chmod 0755 /opt/mcp-guard/dist/cli.js

FROM ${BASE_IMAGE}
COPY --from=package /opt/mcp-guard /opt/mcp-guard
COPY deploy/mcp-guard.yaml /etc/mcp-guard/config.yaml
# `mcp-guard` on PATH: a two-line launcher of the package's bin with the image's `node`, so it does not
# depend on the bin's own `#!` line or on /usr/bin/env; a user and a state folder of its own (no useradd
# needed, so any base image works).
RUN set -eu; \
    printf '#!/bin/sh\nexec node /opt/mcp-guard/dist/cli.js "$@"\n' > /usr/local/bin/mcp-guard; \
    chmod 0755 /usr/local/bin/mcp-guard; \
    grep -q '^mcp-guard:' /etc/group || echo 'mcp-guard:x:10001:' >> /etc/group; \
    grep -q '^mcp-guard:' /etc/passwd || echo 'mcp-guard:x:10001:10001:mcp-guard:/var/lib/mcp-guard:/usr/sbin/nologin' >> /etc/passwd; \
    mkdir -p /var/lib/mcp-guard; \
    chown 10001:10001 /var/lib/mcp-guard; \
    chmod 0700 /var/lib/mcp-guard
USER 10001:10001
WORKDIR /var/lib/mcp-guard
ENV NODE_ENV=production
EXPOSE 8080
# Liveness: /health answers 200 while the process serves HTTP (readiness, /ready, is the load balancer's).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["mcp-guard"]
# 0.0.0.0 so the container's port can be published; serve-http refuses that without auth configured.
CMD ["guard", "serve-http", "--config", "/etc/mcp-guard/config.yaml", "--host", "0.0.0.0"]
