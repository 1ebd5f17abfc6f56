# syntax=docker/dockerfile:1
# One image recipe for the four services: docker build --build-arg SERVICE=label-service .
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
# The heap takes 60% of the container's memory limit (compose: mem_limit); metaspace, code and threads the rest.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
