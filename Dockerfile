# syntax=docker/dockerfile:1
# One image recipe for the four services; compose passes both arguments from .env:
#   docker build --build-arg SERVICE=label-service --build-arg SERVICE_JAVA_OPTIONS="$(sed -n 's/^SERVICE_JAVA_OPTIONS=//p' .env)" .
# The build stage does not depend on SERVICE, so BuildKit builds the jars once for all four images.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package -pl ingest-service,timestamp-service,label-service,persist-service -am
ARG SERVICE
RUN test -n "$SERVICE" || (echo "set --build-arg SERVICE=<module>" >&2; exit 1) \
    && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" extract --layers --application-filename application.jar --destination /layers

FROM eclipse-temurin:17-jre
ARG SERVICE_JAVA_OPTIONS
RUN test -n "$SERVICE_JAVA_OPTIONS" || (echo "set --build-arg SERVICE_JAVA_OPTIONS (.env holds it)" >&2; exit 1)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home userstream
WORKDIR /app
# Least-changing layers first: a code change rebuilds only the application layer and the archive.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# A default: JAVA_TOOL_OPTIONS set where the container runs replaces it.
ENV JAVA_TOOL_OPTIONS="$SERVICE_JAVA_OPTIONS"
# Class data sharing: a training run refreshes the application context and exits before anything starts
# (it needs no broker or database; persist-service's cds-training profile keeps it from asking for one),
# archiving the classes it loaded; every start maps them instead of loading and verifying them again.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -Dspring.profiles.active=cds-training \
    -jar application.jar
USER userstream
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
