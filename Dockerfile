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
    && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
ARG SERVICE_JAVA_OPTIONS
RUN test -n "$SERVICE_JAVA_OPTIONS" || (echo "set --build-arg SERVICE_JAVA_OPTIONS (.env holds it)" >&2; exit 1)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home userstream
WORKDIR /app
# Least-changing layers first: a code change rebuilds only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER userstream
# A default: JAVA_TOOL_OPTIONS set where the container runs replaces it.
ENV JAVA_TOOL_OPTIONS="$SERVICE_JAVA_OPTIONS"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
