# careers in a container: a build stage with the Rust toolchain, then a small
# runtime image that runs as a non-root user and writes nothing to its root
# filesystem (run it with --read-only). See docs/deploy.md.
#
# Build:  docker build -t careers .
# Run:    docker run --read-only -p 3000:3000 careers
# Your roles: build an image FROM this one with
#         COPY roles /srv/careers/roles
# or mount a folder there (read-only is enough).

FROM rust:1.88-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin careers \
    && cp target/release/careers /careers \
    && strip /careers

FROM debian:bookworm-slim
# curl is only for HEALTHCHECK; careers itself makes no outbound requests.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /careers /usr/local/bin/careers
COPY roles /srv/careers/roles
WORKDIR /srv/careers
ENV CAREERS_ADDR=0.0.0.0:3000 \
    CAREERS_LOG_FORMAT=json
# A numeric user, so Kubernetes' runAsNonRoot can check it without /etc/passwd.
USER 10001:10001
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=2s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:3000/healthz"]
ENTRYPOINT ["/usr/local/bin/careers"]
CMD ["serve"]
