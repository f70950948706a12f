# syntax=docker/dockerfile:1
# Images of the three newsstream applications, built from source with the Maven wrapper:
#   docker build --target producer          -t newsstream/producer:0.1.0 .
#   docker build --target streams-processor -t newsstream/streams-processor:0.1.0 .
#   docker build --target consumer          -t newsstream/consumer:0.1.0 .
# (docker compose builds them from docker-compose.yml.) Each image holds the application's jar with
# its runtime dependencies in lib/ (the jar's manifest names them), runs as a non-root user, and is
# configured only through the application's NEWSSTREAM_* environment variables (README).

FROM eclipse-temurin:17.0.16_8-jdk AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache: rebuilding after a source edit downloads nothing again.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true \
      -pl producer,streams-processor,consumer -am package \
 && for app in producer streams-processor consumer; do \
      mkdir -p /out/$app \
      && cp $app/target/newsstream-$app-*.jar /out/$app/app.jar \
      && cp -r $app/target/lib /out/$app/lib; \
    done

FROM eclipse-temurin:17.0.16_8-jre AS runtime
# curl for the health checks; a non-root user owning the state directory. The jars live in /app.
# Every directory a compose volume mounts (view-data: /var/lib/newsstream/consumer) must exist here,
# owned by that user: an empty named volume takes the owner of the image's directory, else root.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 newsstream \
 && useradd --system --uid 10001 --gid newsstream --home-dir /app --shell /usr/sbin/nologin newsstream \
 && mkdir -p /app /var/lib/newsstream /var/lib/newsstream/consumer \
 && chown -R newsstream:newsstream /var/lib/newsstream
# The working directory is the user's: relative state paths (the apps' defaults) are writable there.
WORKDIR /var/lib/newsstream
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsstream"

FROM runtime AS producer
COPY --from=build /out/producer/ /app/
USER newsstream
ENV JAVA_OPTS="-Xmx512m -Dlog4j2.configurationFile=log4j2-producer.xml"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "producer"]

FROM runtime AS streams-processor
COPY --from=build /out/streams-processor/ /app/
USER newsstream
ENV JAVA_OPTS="-Xmx768m -Dlog4j2.configurationFile=log4j2-processor.xml"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "streams-processor"]

FROM runtime AS consumer
COPY --from=build /out/consumer/ /app/
USER newsstream
ENV JAVA_OPTS="-Xmx512m -Dlog4j2.configurationFile=log4j2-consumer.xml"
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "consumer"]
